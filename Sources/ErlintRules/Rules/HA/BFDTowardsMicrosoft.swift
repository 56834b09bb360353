import ErlintModel

/// HA003: BGP sessions towards Microsoft's MSEE routers run BFD. Without it a failed link is
/// noticed only when the BGP hold timer expires (up to 180 s), and traffic is black-holed until
/// then; Microsoft enables BFD on its side of every new peering.
public struct BFDTowardsMicrosoft: Rule {
    public static let id = "HA003"
    public static let reads: Set<NodeKind> = [.bgpSession, .link, .peering]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        for node in graph.nodes(.bgpSession) {
            guard let s = node.session, s.state == .active,
                  let link = graph.terminatedLinks(of: node.id).first?.link, let router = graph.routerConfig(of: node) else { continue }
            audit.checking(node)
            if !s.bfd {
                audit.violation(node, "\(s.describe(on: router.name)) on the \(link.side.rawValue) link \(link.prefix) of \(link.circuit.lastName) has no BFD"
                    + (s.group.map { " (group \($0))" } ?? ""), severity: .warning)
            } else if let seen = router.observed(s), seen.isEstablished, let bfd = seen.bfdState, bfd.lowercased() != "up" {
                // Configured, and the router says the session is up but BFD is not.
                audit.violation(node, "\(s.describe(on: router.name)) on the \(link.side.rawValue) link \(link.prefix) of \(link.circuit.lastName) has BFD configured, "
                    + "but the router reports it \(bfd) while the session is \(seen.state) (observed state)", severity: .warning,
                    related: [RelatedLocation("observed BGP state", seen.location)])
            }
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("a session to the MSEE without BFD", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2", bfd: false)]),
        ], mentions: ["edge-1 neighbor 172.16.0.2", "has no BFD"]),
        RuleExample("BFD configured but deactivated", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.deactivated(Fragment.junos("edge-1", [.init("172.16.0.2", bfd: true)]), "bfd-liveness-detection"),
        ], mentions: ["edge-1 neighbor 172.16.0.2", "has no BFD"]),
        RuleExample("BFD configured, but the router reports it down on an Established session", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2", bfd: true)]),
            Fragment.junosState("edge-1", [("172.16.0.2", "Established", "down")]),
        ], mentions: ["has BFD configured, but the router reports it down while the session is Established (observed state)"]),
        RuleExample("BFD on the session", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2", bfd: true)]),
        ]),
    ]
}
