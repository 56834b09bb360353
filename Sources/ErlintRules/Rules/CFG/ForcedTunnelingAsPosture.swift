import ErlintModel

/// CFG006: forced tunneling (a default route that on-premises routers advertise over private
/// peering, pulling all internet-bound traffic of the VNets back on-premises) is present where the
/// posture requires it and absent where it forbids it. Decided from the evaluated export policy
/// of every session on the private peering's links: routes that together cover 0.0.0.0/0 (a
/// default, or two /1s) are a default route; a policy that rejects 0.0.0.0/0 exactly but lets
/// longer routes through is not.
public struct ForcedTunnelingAsPosture: Rule {
    public static let id = "CFG006"
    public static let reads: Set<NodeKind> = [.peering, .link, .bgpSession, .router]
    public init() {}

    /// What one session's export policy does with the default route of its family.
    struct SessionDefault {
        let router: String
        let description: String
        let node: EstateNode
        let exported: PolicyOutcome
        let space: IPPrefix

        var advertises: Bool { exported.certain.names(allOf: space) }
        var mayAdvertise: Bool { !advertises && exported.possible.names(allOf: space) }
    }

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        for peering in graph.nodes(.peering) where peering.peering?.kind == .azurePrivatePeering {
            let posture = audit.posture(of: peering)
            guard posture.forcedTunneling != .allowed else { continue }
            audit.checking(peering)
            var sessions: [SessionDefault] = []
            for link in graph.links(of: peering) {
                for s in graph.sessions(on: link) {
                    guard let session = s.session, session.state == .active, let router = graph.routerConfig(of: s) else { continue }
                    sessions.append(SessionDefault(router: router.name, description: session.describe(on: router.name), node: s,
                                                   exported: router.exports(session),
                                                   space: IPPrefix(session.neighbor.isIPv4 ? "0.0.0.0/0" : "::/0")!))
                }
            }
            let circuit = graph.circuit(of: peering)?.name ?? "its circuit"
            let stance = "posture \(posture.name): forced tunneling \(posture.forcedTunneling.rawValue)"
            if sessions.isEmpty {
                audit.inconclusive(peering, "cannot tell whether on-premises advertises a default route over the private peering of \(circuit) (\(stance)): no router config has an active session on this peering")
                continue
            }
            switch posture.forcedTunneling {
            case .forbidden:
                let advertising = sessions.filter(\.advertises)
                if !advertising.isEmpty {
                    audit.violation(peering, advertising.map { "\($0.description) advertises \($0.space) (its export policy lets through \(Self.covering($0).summary()))" }.joined(separator: "; ")
                                    + " over the private peering of \(circuit): forced tunneling, which posture \(posture.name) forbids",
                                    related: advertising.flatMap { $0.node.related("BGP session") + Self.policies($0, graph) })
                    continue
                }
                let unsure = sessions.filter(\.mayAdvertise)
                if !unsure.isEmpty {
                    audit.inconclusive(peering, "cannot tell whether \(unsure.map(\.description).joined(separator: ", ")) advertise a default route over the private peering of \(circuit) (\(stance)): "
                                       + Self.unknowns(unsure), related: unsure.flatMap { Self.policies($0, graph) })
                }
            case .required:
                // Every router of the peering must send it, or traffic through a router that
                // does not leaves Azure to the internet directly.
                let routers = Dictionary(grouping: sessions.filter { $0.space.isIPv4 }, by: \.router)
                let missing = routers.filter { !$0.value.contains(where: \.advertises) && !$0.value.contains(where: \.mayAdvertise) }
                let unsure = routers.filter { !$0.value.contains(where: \.advertises) && $0.value.contains(where: \.mayAdvertise) }
                if routers.isEmpty {
                    audit.inconclusive(peering, "cannot tell whether on-premises advertises 0.0.0.0/0 over the private peering of \(circuit) (\(stance)): no router has an active IPv4 session on this peering")
                } else if !missing.isEmpty {
                    let names = missing.keys.sorted()
                    audit.violation(peering, "\(names.joined(separator: ", ")) \(names.count == 1 ? "does" : "do") not advertise 0.0.0.0/0 over the private peering of \(circuit), but posture \(posture.name) requires forced tunneling from every router"
                                    + " (\(names.flatMap { missing[$0]! }.map { "\($0.description) exports \($0.exported.certain.summary())" }.joined(separator: "; ")))",
                                    related: names.flatMap { missing[$0]! }.flatMap { $0.node.related("BGP session") + Self.policies($0, graph) })
                } else if !unsure.isEmpty {
                    let all = unsure.keys.sorted().flatMap { unsure[$0]! }
                    audit.inconclusive(peering, "cannot tell whether \(unsure.keys.sorted().joined(separator: ", ")) advertise 0.0.0.0/0 over the private peering of \(circuit) (\(stance)): " + Self.unknowns(all),
                                       related: all.flatMap { Self.policies($0, graph) })
                }
            case .allowed:
                break
            }
        }
    }

    /// The exported ranges that lie in the default route's space, for the message.
    static func covering(_ s: SessionDefault) -> PrefixRangeSet {
        s.exported.certain.intersection(PrefixRangeSet([PrefixRange(orLonger: s.space)]))
    }

    static func unknowns(_ sessions: [SessionDefault]) -> String {
        var seen = Set<PolicyUnknown>()
        return sessions.flatMap(\.exported.unknowns).filter { seen.insert($0).inserted }.map(\.description).joined(separator: "; ")
    }

    static func policies(_ s: SessionDefault, _ graph: EstateGraph) -> [RelatedLocation] {
        guard let router = graph.routerConfig(of: s.node), let session = s.node.session else { return [] }
        return session.policyLocations(router)
    }

    public static let examples: [RuleExample] = [
        RuleExample("a strict customer's router advertises a default route to Azure", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2", export: "TO-AZURE")], exports: ["TO-AZURE": ["10.20.0.0/16", "0.0.0.0/0"]]),
            Fragment.junos("edge-2", [.init("172.16.0.6", export: "TO-AZURE")], exports: ["TO-AZURE": ["10.20.0.0/16"]]),
        ], manifest: Fragment.manifest(posture: "strict"), mentions: ["edge-1 neighbor 172.16.0.2 advertises 0.0.0.0/0"]),
        RuleExample("a default route split in two /1s is forced tunneling all the same", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2", export: "TO-AZURE")], exports: ["TO-AZURE": ["10.20.0.0/16", "0.0.0.0/1", "128.0.0.0/1"]]),
        ], manifest: Fragment.manifest(posture: "strict"), mentions: ["advertises 0.0.0.0/0 (its export policy lets through 0.0.0.0/1 exact, 10.20.0.0/16 exact, 128.0.0.0/1 exact)"]),
        RuleExample("forced tunneling required, but one of the two routers does not advertise the default", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2", export: "TO-AZURE")], exports: ["TO-AZURE": ["10.20.0.0/16", "0.0.0.0/0"]]),
            Fragment.junos("edge-2", [.init("172.16.0.6", export: "TO-AZURE")], exports: ["TO-AZURE": ["10.20.0.0/16"]]),
        ], manifest: Fragment.manifest(posture: "{base: baseline, forcedTunneling: required}"),
           mentions: ["edge-2 does not advertise 0.0.0.0/0", "edge-2 neighbor 172.16.0.6 exports 10.20.0.0/16 exact"]),
        RuleExample("the default rejected exactly and longer routes accepted: no default is advertised", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2", export: "TO-AZURE")], exports: ["TO-AZURE": ["0.0.0.0/0 exact reject", "0.0.0.0/0 orlonger"]]),
        ], manifest: Fragment.manifest(posture: "strict")),
        RuleExample("only on-premises prefixes are advertised", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2", export: "TO-AZURE")], exports: ["TO-AZURE": ["10.20.0.0/16"]]),
        ], manifest: Fragment.manifest(posture: "strict")),
    ]
}
