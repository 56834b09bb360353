/// An id one resource names in another: the edges of the graph, and what a shard must also read
/// to judge its own resources (the resource a reference points at may live in another export).
public struct ResourceReference: Sendable {
    /// The field as the export writes it, e.g. `peer.id` or `subnets[].id`.
    public let field: ReferenceField
    public let target: ResourceID
    /// Set for Azure's back-references (a route table listing its subnets): the edge then runs
    /// from the target to this resource, labelled with the target's own field.
    public let backField: ReferenceField?

    public init(_ field: ReferenceField, _ target: ResourceID, backField: ReferenceField? = nil) {
        self.field = field
        self.target = target
        self.backField = backField
    }
}

extension Resource {
    /// Every other resource this one names (its parent aside), in field order.
    public var references: [ResourceReference] {
        var out: [ResourceReference] = []
        forEachReference { out.append($0) }
        return out
    }

    /// The same without building an array: the graph builder calls this for every resource.
    public func forEachReference(_ body: (ResourceReference) -> Void) {
        func each(_ field: ReferenceField, _ id: ResourceID?) { if let id { body(ResourceReference(field, id)) } }
        switch detail {
        case .circuit(let c): each(.expressRoutePort, c.expressRoutePort)
        case .circuitPeering(let p):
            each(.routeFilter, p.routeFilter)
            each(.ipv6RouteFilter, p.ipv6?.routeFilter)
        case .port(let port): for c in port.circuits { each(.circuits, c) }
        case .gateway(let g): for s in g.subnets { each(.ipConfigurationSubnet, s) }
        case .connection(let c):
            each(.virtualNetworkGateway1, c.virtualNetworkGateway1)
            each(.virtualNetworkGateway2, c.virtualNetworkGateway2)
            each(.peer, c.peer)
            each(.localNetworkGateway2, c.localNetworkGateway2)
        case .subnet(let s):
            each(.routeTable, s.routeTable)
            each(.networkSecurityGroup, s.networkSecurityGroup)
        case .virtualNetworkPeering(let p): each(.remoteVirtualNetwork, p.remoteVirtualNetwork)
        case .routeTable(let t): for s in t.subnets { body(ResourceReference(.subnets, s, backField: .routeTable)) }
        case .networkSecurityGroup(let n):
            for s in n.subnets { body(ResourceReference(.subnets, s, backField: .networkSecurityGroup)) }
            for s in n.networkInterfaces { body(ResourceReference(.subnets, s, backField: .networkSecurityGroup)) }
        case .firewall(let f): for s in f.subnets { each(.ipConfigurationSubnet, s) }
        case .networkInterface(let n):
            each(.networkSecurityGroup, n.networkSecurityGroup)
            for c in n.ipConfigurations { each(.ipConfigurationSubnet, c.subnet) }
        case .virtualNetwork, .localNetworkGateway, .circuitAuthorization, .portLink, .route, .securityRule, .routeFilter, .unmodelled:
            break
        }
    }
}
