import ErlintModel

/// HA004: ExpressRoute gateways use a zone-redundant SKU (ErGw1AZ…ErGw3AZ, ErGwScale). A
/// non-zonal gateway's instances may share a zone, so one datacentre failure cuts the VNet off
/// from on-premises even with two circuits; Microsoft is retiring the non-AZ SKUs.
public struct ZoneRedundantGateway: Rule {
    public static let id = "HA004"
    public static let reads: Set<NodeKind> = [.gateway]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        for node in audit.graph.nodes(.gateway) {
            guard let g = node.gateway else { continue }
            if g.gatewayType == nil, !audit.unreadable(node, ["gatewayType"]).isEmpty {
                audit.checking(node)
                audit.cannotDecide(node, "whether this is an ExpressRoute gateway, and zone-redundant", without: ["gatewayType"])
                continue
            }
            guard g.isExpressRoute else { continue }
            audit.checking(node)
            if g.skuName == nil, audit.cannotDecide(node, "whether the gateway is zone-redundant", without: ["sku.name", "sku"]) { continue }
            if !g.isZoneRedundant {
                audit.violation(node, "ExpressRoute gateway SKU is \(g.skuName ?? "not set"), not zone-redundant (expected ErGw1AZ, ErGw2AZ, ErGw3AZ or ErGwScale)",
                                severity: .warning)
            }
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("a Standard ExpressRoute gateway", breaks: true, files: [
            Fragment.json([Fragment.gateway(sku: "Standard")]),
        ], mentions: ["SKU is Standard"]),
        RuleExample("an ErGw1AZ gateway", breaks: false, files: [Fragment.json([Fragment.gateway(sku: "ErGw1AZ")])]),
    ]
}
