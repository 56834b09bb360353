import ErlintModel

/// SEG002: no circuit has Azure public peering. It was deprecated in 2018 and can no longer be
/// created; the ones left route Azure public services outside any route filter and bypass the
/// controls Microsoft peering has.
public struct NoPublicPeering: Rule {
    public static let id = "SEG002"
    public static let reads: Set<NodeKind> = [.peering]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        for node in audit.graph.nodes(.peering) {
            audit.checking(node)
            if node.peering?.kind == nil, audit.cannotDecide(node, "whether this is a (deprecated) public peering", without: ["peeringType"]) { continue }
            if node.peering?.kind == .azurePublicPeering {
                let circuit = audit.graph.circuit(of: node)?.name ?? node.resource?.parent?.lastName ?? "?"
                audit.violation(node, "circuit \(circuit) still has Azure public peering (deprecated, no route filter applies)")
            }
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("a circuit with public peering", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [[
                "name": "AzurePublicPeering",
                "properties": ["peeringType": "AzurePublicPeering", "peerASN": 64510, "vlanId": 300,
                               "primaryPeerAddressPrefix": "100.200.0.8/30", "secondaryPeerAddressPrefix": "100.200.0.12/30"],
            ]])]),
        ], mentions: ["public peering"]),
        RuleExample("private peering only", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
        ]),
    ]
}
