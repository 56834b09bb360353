import ErlintModel

/// MSP001: a Microsoft peering's /30s and advertised prefixes are public addresses. Microsoft
/// peering is routed on Microsoft's public backbone: private, shared (CGN), documentation or other
/// reserved space is refused during validation, or worse, NATed traffic returns nowhere.
public struct PublicAddressesOnly: Rule {
    public static let id = "MSP001"
    public static let reads: Set<NodeKind> = [.peering, .link]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        for node in audit.graph.nodes(.peering) {
            guard let prefixes = MicrosoftPeeringPrefixes(node) else { continue }
            audit.checking(node)
            var bad: [String] = []
            for (what, list) in [("peer link", prefixes.links), ("advertised prefix", prefixes.advertised)] {
                for p in list { if let reserved = ReservedAddressSpace.name(of: p) { bad.append("\(what) \(p) is \(reserved)") } }
            }
            if !bad.isEmpty { audit.violation(node, "Microsoft peering uses non-public addresses: " + bad.joined(separator: "; ")) }
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("a private prefix advertised over Microsoft peering", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.microsoftPeering(advertised: ["100.201.0.0/24", "10.20.0.0/24"])]),
                           Fragment.routeFilter()]),
        ], mentions: ["advertised prefix 10.20.0.0/24 is private space (RFC 1918) in 10.0.0.0/8"]),
        RuleExample("public /30s and prefixes", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.microsoftPeering()]), Fragment.routeFilter()]),
        ]),
    ]
}
