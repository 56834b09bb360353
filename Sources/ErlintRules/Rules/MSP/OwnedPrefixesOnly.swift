import ErlintModel

/// MSP002: every public prefix on a Microsoft peering (the /30s and the advertised prefixes) lies
/// inside prefixes the customer or the CSP owns (manifest `ownedPrefixes`). Advertising someone
/// else's space fails Microsoft's registry validation at best and hijacks it at worst. Reserved
/// space is checked too (a private prefix is owned by nobody): MSP001 says it is not public, this
/// rule says it is not the customer's, and each can be suppressed on its own.
public struct OwnedPrefixesOnly: Rule {
    public static let id = "MSP002"
    public static let reads: Set<NodeKind> = [.peering, .link]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        let csp = graph.manifest?.csp?.ownedPrefixes ?? []
        for node in graph.nodes(.peering) {
            guard let prefixes = MicrosoftPeeringPrefixes(node) else { continue }
            audit.checking(node)
            let customer = graph.customer(of: node.id)
            let owned = csp + (customer?.ownedPrefixes ?? [])
            let checkedPrefixes = prefixes.links + prefixes.advertised
            guard !checkedPrefixes.isEmpty else { continue }
            guard !owned.isEmpty else {
                audit.inconclusive(node, "no owned prefixes are known for \(customer.map { "customer \($0.id)" } ?? "this subscription") or the CSP; add ownedPrefixes to the manifest to check \(checkedPrefixes.map(\.description).joined(separator: ", "))")
                continue
            }
            let foreign = checkedPrefixes.filter { p in !owned.contains { $0.contains(p) } }
            if !foreign.isEmpty {
                let whose = customer.map { "customer \($0.id)" } ?? "an unclaimed subscription"
                audit.violation(node, "\(foreign.map(\.description).joined(separator: ", ")) \(foreign.count == 1 ? "is" : "are") inside no prefix owned by \(whose) or the CSP (owned: \(owned.map(\.description).joined(separator: ", ")))")
            }
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("a public prefix nobody in the manifest owns", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.microsoftPeering(advertised: ["100.201.0.0/25", "100.202.0.0/24"])]),
                           Fragment.routeFilter()]),
        ], manifest: Fragment.manifest(), mentions: ["100.202.0.0/24 is inside no prefix owned by customer acme"]),
        RuleExample("the CSP's /30s and the customer's prefix", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.microsoftPeering(advertised: ["100.201.0.0/24"])]), Fragment.routeFilter()]),
        ], manifest: Fragment.manifest()),
    ]
}
