import ErlintModel

/// CFG006: forced tunneling (a 0.0.0.0/0 that on-premises routers advertise over private peering,
/// pulling all internet-bound traffic of the VNets back on-premises) is present where the posture
/// requires it and absent where it forbids it. Decided from the export policies of the sessions on
/// the private peering's links; when none can be read the rule says so.
public struct ForcedTunnelingAsPosture: Rule {
    public static let id = "CFG006"
    public static let reads: Set<NodeKind> = [.peering, .link, .bgpSession, .router]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        let defaults = [IPPrefix("0.0.0.0/0")!, IPPrefix("::/0")!]
        for peering in graph.nodes(.peering) where peering.peering?.kind == .azurePrivatePeering {
            let posture = audit.posture(of: peering)
            guard posture.forcedTunneling != .allowed else { continue }
            audit.checking(peering)
            var advertising: [(String, EstateNode)] = []
            var unreadable: [String] = []
            var read = 0
            for link in graph.links(of: peering) {
                for s in graph.sessions(on: link) {
                    guard let session = s.session, session.state == .active, let router = graph.routerConfig(of: s) else { continue }
                    guard let exported = router.exportedPrefixes(session) else { unreadable.append(session.describe(on: router.name)); continue }
                    read += 1
                    if exported.contains(where: { defaults.contains($0) }) { advertising.append((session.describe(on: router.name), s)) }
                }
            }
            let circuit = graph.circuit(of: peering)?.name ?? "its circuit"
            switch posture.forcedTunneling {
            case .forbidden where !advertising.isEmpty:
                audit.violation(peering, "\(advertising.map(\.0).joined(separator: ", ")) \(advertising.count == 1 ? "advertises" : "advertise") 0.0.0.0/0 over the private peering of \(circuit): forced tunneling, which posture \(posture.name) forbids",
                                related: advertising.flatMap { $0.1.related("export policy") })
            case .required where advertising.isEmpty && read > 0 && unreadable.isEmpty:
                audit.violation(peering, "no router advertises 0.0.0.0/0 over the private peering of \(circuit), but posture \(posture.name) requires forced tunneling")
            default:
                if advertising.isEmpty && (read == 0 || !unreadable.isEmpty) {
                    let missing = read == 0 && unreadable.isEmpty ? "no router config has an active session on this peering"
                        : "the export policies of \(unreadable.joined(separator: ", ")) are not readable"
                    audit.inconclusive(peering, "cannot tell whether on-premises advertises 0.0.0.0/0 (posture \(posture.name): forced tunneling \(posture.forcedTunneling.rawValue)): \(missing)")
                }
            }
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("a strict customer's router advertises a default route to Azure", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2", export: "TO-AZURE")], exports: ["TO-AZURE": ["10.20.0.0/16", "0.0.0.0/0"]]),
            Fragment.junos("edge-2", [.init("172.16.0.6", export: "TO-AZURE")], exports: ["TO-AZURE": ["10.20.0.0/16"]]),
        ], manifest: Fragment.manifest(posture: "strict"), mentions: ["edge-1 neighbor 172.16.0.2 advertises 0.0.0.0/0"]),
        RuleExample("only on-premises prefixes are advertised", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2", export: "TO-AZURE")], exports: ["TO-AZURE": ["10.20.0.0/16"]]),
        ], manifest: Fragment.manifest(posture: "strict")),
    ]
}
