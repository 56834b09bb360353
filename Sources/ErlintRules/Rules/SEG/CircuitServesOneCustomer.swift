import ErlintModel

/// SEG003: a circuit is used by one customer only. A connection from another customer's
/// subscription (made with an authorization key) joins that customer's VNets to the same
/// private routing domain: each customer can reach the other's networks. A connection from a
/// subscription no customer claims cannot be attributed and is reported as a warning.
public struct CircuitServesOneCustomer: Rule {
    public static let id = "SEG003"
    public static let reads: Set<NodeKind> = [.circuit, .connection]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        for node in graph.nodes(.circuit) {
            audit.checking(node)
            let owner = graph.customerID(of: node.id)
            let connections = graph.connections(to: node)
            var others: [String: [EstateNode]] = [:]
            var unclaimed: [EstateNode] = []
            for c in connections {
                if let customer = graph.customerID(of: c.id) {
                    if customer != owner { others[customer, default: []].append(c) }
                } else if owner != nil {
                    unclaimed.append(c)
                }
            }
            if !others.isEmpty {
                let listed = others.sorted { $0.key < $1.key }
                    .map { "\($0.key) (\($0.value.map(\.name).sorted().joined(separator: ", ")))" }.joined(separator: ", ")
                audit.violation(node, "circuit \(node.name) of \(owner ?? "an unclaimed subscription") is also connected from \(listed): their private networks share one routing domain",
                                related: others.values.flatMap { $0 }.flatMap { $0.related("connection \($0.name)") })
            }
            if !unclaimed.isEmpty {
                let subs = Set(unclaimed.compactMap { $0.resource?.subscription }).sorted().joined(separator: ", ")
                audit.violation(node, "circuit \(node.name) of \(owner!) is connected from subscription \(subs), which no customer in the manifest claims (\(unclaimed.map(\.name).sorted().joined(separator: ", ")))",
                                severity: .warning, related: unclaimed.flatMap { $0.related("connection \($0.name)") })
            }
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("globex connects its gateway to acme's circuit", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]),
                           Fragment.connection("cn-globex", gateway: "ergw-globex", subscription: Fragment.otherSubscription)]),
        ], manifest: Fragment.manifest(twoCustomers: true), mentions: ["also connected from globex (cn-globex)"]),
        RuleExample("only acme's gateway uses the circuit", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]), Fragment.connection()]),
        ], manifest: Fragment.manifest(twoCustomers: true)),
    ]
}
