import ErlintModel

/// MSP003: `advertisedPublicPrefixesState` is `Configured`. Until Microsoft has validated that the
/// peer owns the advertised prefixes (`ValidationNeeded`), it drops them: the peering is up but
/// carries no traffic from on-premises.
public struct AdvertisedPrefixesValidated: Rule {
    public static let id = "MSP003"
    public static let reads: Set<NodeKind> = [.peering]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        for node in audit.graph.nodes(.peering) {
            guard let p = node.peering, p.kind == .microsoftPeering else { continue }
            audit.checking(node)
            for (family, config, path) in [("", p.microsoftPeeringConfig, "microsoftPeeringConfig"),
                                           (" (IPv6)", p.ipv6?.microsoftPeeringConfig, "ipv6PeeringConfig.microsoftPeeringConfig")] {
                guard let config else { continue }
                if config.advertisedPublicPrefixesState == nil,
                   audit.cannotDecide(node, "whether Microsoft validated the advertised prefixes\(family)", without: [path + ".advertisedPublicPrefixesState"]) { continue }
                let state = config.advertisedPublicPrefixesState ?? "not set"
                switch state.lowercased() {
                case "configured": continue
                case "configuring":
                    audit.violation(node, "advertisedPublicPrefixesState\(family) is Configuring: Microsoft is still validating \(config.advertisedPublicPrefixes.map(\.description).joined(separator: ", "))",
                                    severity: .warning)
                default:
                    audit.violation(node, "advertisedPublicPrefixesState\(family) is \(state), not Configured: Microsoft does not accept \(config.advertisedPublicPrefixes.map(\.description).joined(separator: ", "))")
                }
            }
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("prefixes waiting for validation", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.microsoftPeering(state: "ValidationNeeded")]), Fragment.routeFilter()]),
        ], mentions: ["ValidationNeeded, not Configured"]),
        RuleExample("validated prefixes", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.microsoftPeering(state: "Configured")]), Fragment.routeFilter()]),
        ]),
    ]
}
