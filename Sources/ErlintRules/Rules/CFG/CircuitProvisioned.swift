import ErlintModel

/// CFG005: the provider has provisioned the circuit (`serviceProviderProvisioningState` is
/// `Provisioned`). A circuit in `NotProvisioned` is billed from creation but carries nothing; one
/// in `Deprovisioning` is about to stop. Peerings configured on it only look ready.
public struct CircuitProvisioned: Rule {
    public static let id = "CFG005"
    public static let reads: Set<NodeKind> = [.circuit]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        for node in audit.graph.nodes(.circuit) {
            guard let c = node.circuit else { continue }
            guard let state = c.serviceProviderProvisioningState else {
                if !audit.unreadable(node, ["serviceProviderProvisioningState"]).isEmpty {
                    audit.checking(node)
                    audit.cannotDecide(node, "whether the circuit is provisioned", without: ["serviceProviderProvisioningState"])
                }
                continue
            }
            audit.checking(node)
            switch state.lowercased() {
            case "provisioned": continue
            case "provisioning":
                audit.violation(node, "serviceProviderProvisioningState is Provisioning: \(c.serviceProviderName ?? "the provider") has not finished the circuit", severity: .warning)
            default:
                audit.violation(node, "serviceProviderProvisioningState is \(state), not Provisioned: the circuit carries no traffic (billed since it was created)")
            }
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("a circuit the provider has not provisioned", breaks: true, files: [
            Fragment.json([Fragment.circuit(provisioning: "NotProvisioned", peerings: [])]),
        ], mentions: ["NotProvisioned, not Provisioned"]),
        RuleExample("a provisioned circuit", breaks: false, files: [Fragment.json([Fragment.circuit(peerings: [])])]),
    ]
}
