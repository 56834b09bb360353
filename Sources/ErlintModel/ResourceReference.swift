/// An id one resource names in another: the edges of the graph, and what a shard must also read
/// to judge its own resources (the resource a reference points at may live in another export).
public struct ResourceReference: Sendable {
    /// The field as the export writes it, e.g. `peer.id` or `subnets[].id`.
    public let field: String
    public let target: ResourceID
    /// Set for Azure's back-references (a route table listing its subnets): the edge then runs
    /// from the target to this resource, labelled with the target's own field.
    public let backField: String?

    public init(_ field: String, _ target: ResourceID, backField: String? = nil) {
        self.field = field
        self.target = target
        self.backField = backField
    }
}

extension Resource {
    /// Every other resource this one names (its parent aside), in field order.
    public var references: [ResourceReference] {
        func refs(_ field: String, _ ids: [ResourceID?]) -> [ResourceReference] {
            ids.compactMap { $0.map { ResourceReference(field, $0) } }
        }
        switch detail {
        case .circuit(let c): return refs("expressRoutePort.id", [c.expressRoutePort])
        case .circuitPeering(let p):
            return refs("routeFilter.id", [p.routeFilter]) + refs("ipv6PeeringConfig.routeFilter.id", [p.ipv6?.routeFilter])
        case .port(let port): return refs("circuits[].id", port.circuits)
        case .gateway(let g): return refs("ipConfigurations[].subnet.id", g.subnets)
        case .connection(let c):
            return refs("virtualNetworkGateway1.id", [c.virtualNetworkGateway1]) + refs("virtualNetworkGateway2.id", [c.virtualNetworkGateway2])
                + refs("peer.id", [c.peer]) + refs("localNetworkGateway2.id", [c.localNetworkGateway2])
        case .subnet(let s):
            return refs("routeTable.id", [s.routeTable]) + refs("networkSecurityGroup.id", [s.networkSecurityGroup])
        case .virtualNetworkPeering(let p): return refs("remoteVirtualNetwork.id", [p.remoteVirtualNetwork])
        case .routeTable(let t): return t.subnets.map { ResourceReference("subnets[].id", $0, backField: "routeTable.id") }
        case .networkSecurityGroup(let n):
            return (n.subnets + n.networkInterfaces).map { ResourceReference("subnets[].id", $0, backField: "networkSecurityGroup.id") }
        case .firewall(let f): return refs("ipConfigurations[].subnet.id", f.subnets)
        case .networkInterface(let n):
            return refs("networkSecurityGroup.id", [n.networkSecurityGroup]) + refs("ipConfigurations[].subnet.id", n.ipConfigurations.map(\.subnet))
        case .virtualNetwork, .localNetworkGateway, .circuitAuthorization, .portLink, .route, .securityRule, .routeFilter, .unmodelled:
            return []
        }
    }
}
