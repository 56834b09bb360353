import ErlintModel

/// CFG001: a circuit's bandwidth is one the service offers (provider circuits in Mbps, Direct
/// circuits in Gbps and within their port's capacity). An odd value is a typo in a template, or
/// an export from a tool that rounds; either way the bill and the capacity plan disagree.
public struct OfferedBandwidth: Rule {
    public static let id = "CFG001"
    public static let reads: Set<NodeKind> = [.circuit, .port]
    public static let parameters: [(name: String, kind: RuleParameter.Kind)] = [
        ("providerBandwidthsMbps", .integers), ("directBandwidthsGbps", .integers),
    ]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        let mbps = audit.integers("providerBandwidthsMbps"), gbps = audit.integers("directBandwidthsGbps")
        for node in graph.nodes(.circuit) {
            guard let c = node.circuit else { continue }
            if let portID = c.expressRoutePort {
                guard let g = c.bandwidthInGbps else {
                    if !audit.unreadable(node, ["bandwidthInGbps"]).isEmpty {
                        audit.checking(node)
                        audit.cannotDecide(node, "whether the Direct circuit's bandwidth is offered", without: ["bandwidthInGbps"])
                    }
                    continue
                }
                audit.checking(node)
                if !gbps.contains(where: { Double($0) == g }) {
                    audit.violation(node, "Direct circuit bandwidth \(format(g)) Gbps is not offered (offered: \(gbps.map(String.init).joined(separator: ", ")) Gbps)")
                }
                if let port = graph.node(for: portID), let capacity = port.port?.bandwidthInGbps, g > capacity {
                    audit.violation(node, "Direct circuit bandwidth \(format(g)) Gbps exceeds its port \(port.name) (\(format(capacity)) Gbps)",
                                    related: port.related("port \(port.name)"))
                }
            } else if let b = c.bandwidthInMbps {
                audit.checking(node)
                if !mbps.contains(b) {
                    audit.violation(node, "bandwidth \(b) Mbps is not offered (offered: \(mbps.map(String.init).joined(separator: ", ")) Mbps)")
                }
            } else if !audit.unreadable(node, Self.providerFields).isEmpty {
                audit.checking(node)
                audit.cannotDecide(node, "whether the circuit's bandwidth is offered", without: Self.providerFields)
            }
        }
    }

    static let providerFields = ["serviceProviderProperties.bandwidthInMbps", "expressRoutePort", "bandwidthInGbps"]

    func format(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }

    public static let examples: [RuleExample] = [
        RuleExample("a 300 Mbps provider circuit", breaks: true, files: [
            Fragment.json([Fragment.circuit(bandwidth: 300, peerings: [Fragment.privatePeering()])]),
        ], mentions: ["bandwidth 300 Mbps is not offered"]),
        RuleExample("a 1 Gbps circuit", breaks: false, files: [
            Fragment.json([Fragment.circuit(bandwidth: 1000, peerings: [Fragment.privatePeering()])]),
        ]),
    ]
}
