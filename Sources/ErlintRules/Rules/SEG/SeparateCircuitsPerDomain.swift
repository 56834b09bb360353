import ErlintModel

/// SEG001: where the posture says `segregation: separate-circuits`, private and Microsoft
/// peering are on different circuits, so traffic to the customer's VNets and to Microsoft 365 or
/// public endpoints never shares a circuit's capacity, routing policy or failure domain.
public struct SeparateCircuitsPerDomain: Rule {
    public static let id = "SEG001"
    public static let reads: Set<NodeKind> = [.circuit, .peering]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        for node in graph.nodes(.circuit) where audit.posture(of: node).segregation == .separateCircuits {
            audit.checking(node)
            let kinds = graph.peerings(of: node).compactMap { $0.peering?.kind }
            if kinds.contains(.azurePrivatePeering), kinds.contains(.microsoftPeering) {
                audit.violation(node, "private and Microsoft peering share circuit \(node.name); posture \(audit.posture(of: node).name) requires separate circuits",
                                related: graph.peerings(of: node).flatMap { $0.related("peering \($0.name)") })
            }
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("a strict customer's circuit with both peerings", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering(), Fragment.microsoftPeering()]), Fragment.routeFilter()]),
        ], manifest: Fragment.manifest(posture: "strict"), mentions: ["private and Microsoft peering share circuit er-ams"]),
        RuleExample("Microsoft peering on a circuit of its own", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]),
                           Fragment.circuit("er-ams-msft", peerings: [Fragment.microsoftPeering()]), Fragment.routeFilter()]),
        ], manifest: Fragment.manifest(posture: "strict")),
    ]
}
