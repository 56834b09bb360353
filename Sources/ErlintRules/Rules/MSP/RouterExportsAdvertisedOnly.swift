import ErlintModel

/// MSP005: what a router exports on a Microsoft peering session is among the advertised public
/// prefixes (equal to one, or inside one). Microsoft drops anything else, so a prefix the router
/// sends but Azure does not list is traffic that silently never comes back.
public struct RouterExportsAdvertisedOnly: Rule {
    public static let id = "MSP005"
    public static let reads: Set<NodeKind> = [.bgpSession, .link, .peering, .router]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        for node in graph.nodes(.bgpSession) {
            guard let session = node.session, session.state == .active, let router = graph.routerConfig(of: node),
                  let linkNode = graph.terminatedLinks(of: node.id).first, let link = linkNode.link,
                  let peering = graph.node(for: link.peering), let prefixes = MicrosoftPeeringPrefixes(peering) else { continue }
            audit.checking(node)
            let related = peering.related("Microsoft peering with its advertisedPublicPrefixes")
            // The routes Azure accepts: the advertised prefixes and routes inside them.
            let advertised = PrefixRangeSet(prefixes.advertised.map { PrefixRange(orLonger: $0) })
            let exported = router.exports(session)
            let extra = exported.certain.subtracting(advertised)
            if !extra.isEmpty {
                audit.violation(node, "\(session.describe(on: router.name)) exports \(extra.summary()), not among the advertised prefixes of \(link.circuit.lastName) (\(prefixes.advertised.map(\.description).joined(separator: ", ")))",
                                related: related + session.policyLocations(router))
                continue
            }
            let maybe = exported.possible.subtracting(advertised)
            if !maybe.isEmpty {
                audit.inconclusive(node, "cannot tell what \(session.describe(on: router.name)) exports: it may send \(maybe.summary()), outside the advertised prefixes of \(link.circuit.lastName), because "
                                   + exported.unknowns.map(\.description).joined(separator: "; "),
                                   related: related + session.policyLocations(router))
            }
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("the router exports a prefix Azure does not list", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.microsoftPeering(advertised: ["100.201.0.0/25"])]), Fragment.routeFilter()]),
            Fragment.junos("edge-1", [.init("100.200.0.2", export: "TO-MSFT")], exports: ["TO-MSFT": ["100.201.0.0/25", "100.201.0.128/25"]]),
        ], mentions: ["exports 100.201.0.128/25 exact, not among the advertised prefixes"]),
        RuleExample("the router exports what Azure lists", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.microsoftPeering(advertised: ["100.201.0.0/24"])]), Fragment.routeFilter()]),
            Fragment.junos("edge-1", [.init("100.200.0.2", export: "TO-MSFT")], exports: ["TO-MSFT": ["100.201.0.0/25"]]),
        ]),
    ]
}
