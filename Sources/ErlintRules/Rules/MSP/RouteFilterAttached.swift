import ErlintModel

/// MSP004: a Microsoft peering has a route filter. Since 2017 Microsoft advertises no routes over
/// a Microsoft peering without one, so the peering looks healthy and carries nothing.
public struct RouteFilterAttached: Rule {
    public static let id = "MSP004"
    public static let reads: Set<NodeKind> = [.peering, .routeFilter]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        for node in audit.graph.nodes(.peering) {
            guard let p = node.peering, p.kind == .microsoftPeering else { continue }
            audit.checking(node)
            if p.routeFilter == nil, audit.cannotDecide(node, "whether a route filter is attached", without: ["routeFilter"]) { continue }
            if p.routeFilter == nil {
                audit.violation(node, "Microsoft peering has no route filter: Microsoft advertises no service prefixes over it", severity: .warning)
            }
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("no route filter", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.microsoftPeering(routeFilter: nil)])]),
        ], mentions: ["no route filter"]),
        RuleExample("route filter attached", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.microsoftPeering()]), Fragment.routeFilter()]),
        ]),
    ]
}
