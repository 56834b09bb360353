/// What a node of the estate graph stands for.
public enum NodeKind: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case customer, subscription
    case circuit, peering, link, authorization
    case port, portLink
    case gateway, connection
    case virtualNetwork, subnet, virtualNetworkPeering
    case routeTable, route
    case networkSecurityGroup, securityRule
    case firewall, networkInterface
    case routeFilter, localNetworkGateway
    /// From router configs: the router, its logical interfaces, BGP sessions and VRFs.
    case router, routerInterface, bgpSession, routingInstance
    /// A Microsoft.Network resource erlint counts but does not model (public IPs, DNS zones…).
    case otherResource

    public init(_ type: ResourceType?) {
        switch type {
        case .circuit: self = .circuit
        case .circuitPeering: self = .peering
        case .circuitAuthorization: self = .authorization
        case .port: self = .port
        case .portLink: self = .portLink
        case .gateway: self = .gateway
        case .connection: self = .connection
        case .virtualNetwork: self = .virtualNetwork
        case .subnet: self = .subnet
        case .virtualNetworkPeering: self = .virtualNetworkPeering
        case .routeTable: self = .routeTable
        case .route: self = .route
        case .networkSecurityGroup: self = .networkSecurityGroup
        case .securityRule, .defaultSecurityRule: self = .securityRule
        case .firewall: self = .firewall
        case .networkInterface: self = .networkInterface
        case .routeFilter, .routeFilterRule: self = .routeFilter
        case .localNetworkGateway: self = .localNetworkGateway
        case nil: self = .otherResource
        }
    }

    public static func < (lhs: NodeKind, rhs: NodeKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The kind's place in `allCases`, for tables indexed by kind: a `Set<NodeKind>` hashes the
    /// kind's name, which a walk over every node of an estate cannot afford.
    public var ordinal: Int {
        switch self {
        case .customer: 0
        case .subscription: 1
        case .circuit: 2
        case .peering: 3
        case .link: 4
        case .authorization: 5
        case .port: 6
        case .portLink: 7
        case .gateway: 8
        case .connection: 9
        case .virtualNetwork: 10
        case .subnet: 11
        case .virtualNetworkPeering: 12
        case .routeTable: 13
        case .route: 14
        case .networkSecurityGroup: 15
        case .securityRule: 16
        case .firewall: 17
        case .networkInterface: 18
        case .routeFilter: 19
        case .localNetworkGateway: 20
        case .router: 21
        case .routerInterface: 22
        case .bgpSession: 23
        case .routingInstance: 24
        case .otherResource: 25
        }
    }
}
