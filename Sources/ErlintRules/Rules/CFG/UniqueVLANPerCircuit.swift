import ErlintModel

/// CFG004: the peerings of one circuit use different VLAN ids. The VLAN tag is how the MSEE tells
/// the peerings apart on the shared link; Azure rejects a duplicate on update, and a template
/// carrying one fails to deploy.
public struct UniqueVLANPerCircuit: Rule {
    public static let id = "CFG004"
    public static let reads: Set<NodeKind> = [.circuit, .peering]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        for circuit in graph.nodes(.circuit) {
            audit.checking(circuit)
            for p in graph.peerings(of: circuit) where p.peering?.vlanId == nil {
                audit.cannotDecide(circuit, "whether \(p.name)'s VLAN is unique on the circuit", without: ["vlanId"], of: p)
            }
            let peerings = graph.peerings(of: circuit).compactMap { p in p.peering?.vlanId.map { (vlan: $0, node: p) } }
            for (vlan, users) in Dictionary(grouping: peerings, by: \.vlan).sorted(by: { $0.key < $1.key }) where users.count > 1 {
                audit.violation(circuit, "VLAN \(vlan) is used by \(users.map(\.node.name).sorted().joined(separator: " and ")) on circuit \(circuit.name)",
                                related: users.flatMap { $0.node.related("peering \($0.node.name)") })
            }
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("private and Microsoft peering both on VLAN 100", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering(vlan: 100), Fragment.microsoftPeering(vlan: 100)]), Fragment.routeFilter()]),
        ], mentions: ["VLAN 100 is used by AzurePrivatePeering and MicrosoftPeering"]),
        RuleExample("VLANs 100 and 200", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering(vlan: 100), Fragment.microsoftPeering(vlan: 200)]), Fragment.routeFilter()]),
        ]),
    ]
}
