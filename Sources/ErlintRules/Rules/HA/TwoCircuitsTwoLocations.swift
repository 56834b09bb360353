import ErlintModel

/// HA005: where the posture asks for circuit-level redundancy (`highAvailability: circuits`),
/// each ExpressRoute gateway is connected to at least two circuits in two different peering
/// locations, so losing a whole peering location (a metro outage, a provider failure) leaves a
/// path. Two circuits in one location protect against neither.
public struct TwoCircuitsTwoLocations: Rule {
    public static let id = "HA005"
    public static let reads: Set<NodeKind> = [.gateway, .connection, .circuit, .port]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        for node in graph.nodes(.gateway) {
            guard let g = node.gateway, audit.posture(of: node).highAvailability == .circuits else { continue }
            if g.gatewayType == nil, !audit.unreadable(node, ["gatewayType"]).isEmpty {
                audit.checking(node)
                audit.cannotDecide(node, "whether this ExpressRoute gateway has two circuits in two peering locations", without: ["gatewayType"])
                continue
            }
            guard g.isExpressRoute else { continue }
            audit.checking(node)
            let circuits = graph.circuits(of: node)
            // A connection whose circuit is not exported may be the second circuit: say so, do not guess.
            let unexported = graph.connections(of: node).compactMap { c in
                c.connection?.peer.flatMap { graph.node(for: $0) == nil ? "\($0.lastName) (connection \(c.name))" : nil }
            }.sorted()
            let located = circuits.map { c in (c.name, location(of: c, graph)) }
            let locations = Set(located.compactMap { $0.1?.lowercased() })
            let listed = located.map { "\($0.0) (\($0.1 ?? "location unknown"))" }.joined(separator: ", ")
            let unlocated = circuits.filter { location(of: $0, graph) == nil && !audit.unreadable($0, Self.locationFields).isEmpty }
            if let circuit = unlocated.first, locations.count < 2 {
                audit.cannotDecide(node, "whether the gateway's circuits are in two peering locations", without: Self.locationFields, of: circuit)
            } else if !unexported.isEmpty && (circuits.count < 2 || locations.count < 2) {
                audit.inconclusive(node, "connected to circuits not in the exports: \(unexported.joined(separator: ", ")); export them to check that the gateway has two circuits in two peering locations")
            } else if circuits.count < 2 {
                audit.violation(node, "connected to \(circuits.count) circuit\(circuits.count == 1 ? "" : "s")\(listed.isEmpty ? "" : ": " + listed); posture \(audit.posture(of: node).name) requires two circuits in two peering locations",
                                related: circuits.flatMap { $0.related("circuit \($0.name)") })
            } else if locations.count < 2 {
                audit.violation(node, "all circuits are in one peering location: \(listed); posture \(audit.posture(of: node).name) requires two locations",
                                related: circuits.flatMap { $0.related("circuit \($0.name)") })
            }
        }
    }

    static let locationFields = ["serviceProviderProperties.peeringLocation", "expressRoutePort"]

    func location(of circuit: EstateNode, _ graph: EstateGraph) -> String? {
        if let l = circuit.circuit?.peeringLocation { return l }
        guard let port = circuit.circuit?.expressRoutePort else { return nil }
        return graph.node(for: port)?.port?.peeringLocation
    }

    public static let examples: [RuleExample] = [
        RuleExample("a strict customer's gateway on one circuit", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]), Fragment.vnet(), Fragment.gateway(), Fragment.connection()]),
        ], manifest: Fragment.manifest(posture: "strict"), mentions: ["connected to 1 circuit: er-ams (Amsterdam)"]),
        RuleExample("two circuits in one location", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]),
                           Fragment.circuit("er-ams-2", peerings: [Fragment.privatePeering("172.16.1.0/30", "172.16.1.4/30")]),
                           Fragment.vnet(), Fragment.gateway(), Fragment.connection(),
                           Fragment.connection("cn-hub-ams-2", circuit: "er-ams-2")]),
        ], manifest: Fragment.manifest(posture: "strict"), mentions: ["one peering location"]),
        RuleExample("two circuits in Amsterdam and London", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]),
                           Fragment.circuit("er-lon", location: "London", peerings: [Fragment.privatePeering("172.16.1.0/30", "172.16.1.4/30")]),
                           Fragment.vnet(), Fragment.gateway(), Fragment.connection(),
                           Fragment.connection("cn-hub-lon", circuit: "er-lon")]),
        ], manifest: Fragment.manifest(posture: "strict")),
    ]
}
