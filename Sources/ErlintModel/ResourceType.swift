/// The Azure resource types erlint models, by their canonical ARM spelling.
///
/// Types compare case-insensitively in Azure (Resource Graph returns them lowercased); ingest
/// maps every spelling to one of these so counts and rules never split by case.
public enum ResourceType: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case circuit = "Microsoft.Network/expressRouteCircuits"
    case circuitPeering = "Microsoft.Network/expressRouteCircuits/peerings"
    case circuitAuthorization = "Microsoft.Network/expressRouteCircuits/authorizations"
    case port = "Microsoft.Network/expressRoutePorts"
    case portLink = "Microsoft.Network/expressRoutePorts/links"
    case gateway = "Microsoft.Network/virtualNetworkGateways"
    case connection = "Microsoft.Network/connections"
    case virtualNetwork = "Microsoft.Network/virtualNetworks"
    case subnet = "Microsoft.Network/virtualNetworks/subnets"
    case virtualNetworkPeering = "Microsoft.Network/virtualNetworks/virtualNetworkPeerings"
    case routeTable = "Microsoft.Network/routeTables"
    case route = "Microsoft.Network/routeTables/routes"
    case networkSecurityGroup = "Microsoft.Network/networkSecurityGroups"
    case securityRule = "Microsoft.Network/networkSecurityGroups/securityRules"
    case defaultSecurityRule = "Microsoft.Network/networkSecurityGroups/defaultSecurityRules"
    case firewall = "Microsoft.Network/azureFirewalls"
    case networkInterface = "Microsoft.Network/networkInterfaces"
    case routeFilter = "Microsoft.Network/routeFilters"
    case routeFilterRule = "Microsoft.Network/routeFilters/routeFilterRules"
    case localNetworkGateway = "Microsoft.Network/localNetworkGateways"

    private static let byFoldedName: [String: ResourceType] = Dictionary(
        uniqueKeysWithValues: allCases.map { (ResourceID.fold($0.rawValue), $0) }
    )

    /// Maps any spelling (`microsoft.network/expressroutecircuits`) to the canonical type.
    public init?(anyCase name: some StringProtocol) {
        // Most exports spell types canonically: matched as written, without folding a copy.
        if let exact = ResourceType(rawValue: String(name)) {
            self = exact
            return
        }
        guard let t = ResourceType.byFoldedName[ResourceID.fold(name)] else { return nil }
        self = t
    }

    /// The parent type of a child type, e.g. circuit for peering.
    public var parentType: ResourceType? {
        switch self {
        case .circuitPeering, .circuitAuthorization: .circuit
        case .portLink: .port
        case .subnet, .virtualNetworkPeering: .virtualNetwork
        case .route: .routeTable
        case .securityRule, .defaultSecurityRule: .networkSecurityGroup
        case .routeFilterRule: .routeFilter
        default: nil
        }
    }

    /// The id segment under the parent, e.g. `peerings`: the last segment of the type.
    public var childSegment: String? {
        switch self {
        case .circuitPeering: "peerings"
        case .circuitAuthorization: "authorizations"
        case .portLink: "links"
        case .subnet: "subnets"
        case .virtualNetworkPeering: "virtualNetworkPeerings"
        case .route: "routes"
        case .securityRule: "securityRules"
        case .defaultSecurityRule: "defaultSecurityRules"
        case .routeFilterRule: "routeFilterRules"
        default: nil
        }
    }

    public static func < (lhs: ResourceType, rhs: ResourceType) -> Bool { lhs.rawValue < rhs.rawValue }
}
