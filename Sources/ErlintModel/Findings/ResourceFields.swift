/// A field's value as declarative rules compare it.
public enum FieldValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case number(Double)
    case bool(Bool)
    case list([FieldValue])

    public var description: String {
        switch self {
        case .string(let s): "'\(s)'"
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .bool(let b): String(b)
        case .list(let l): "[" + l.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

/// The fields of each resource type a declarative rule may test, by their ARM path (without the
/// `properties.` prefix, which rules may write or leave out). Only what ingest models is here:
/// a rule naming another field is an error when the pack is read, never a silent false.
public enum ResourceFields {
    typealias Extractor = @Sendable (Resource) -> FieldValue?

    /// Field names for a type, sorted, for validation and `erlint explain`.
    public static func names(for type: ResourceType) -> [String] {
        (Array((table[type] ?? [:]).keys) + Array(common.keys)).sorted()
    }

    /// The field with `properties.` stripped, as the table spells it; nil when unknown.
    public static func canonical(_ path: String, for type: ResourceType) -> String? {
        let p = path.hasPrefix("properties.") ? String(path.dropFirst("properties.".count)) : path
        return table[type]?[p] != nil || common[p] != nil ? p : nil
    }

    /// The value of a field of a resource; nil when the export did not set it.
    public static func value(_ path: String, of resource: Resource) -> FieldValue? {
        guard let type = resource.type, let p = canonical(path, for: type) else { return nil }
        return (table[type]?[p] ?? common[p])?(resource)
    }

    static func s(_ v: String?) -> FieldValue? { v.map(FieldValue.string) }
    static func n(_ v: Int?) -> FieldValue? { v.map { .number(Double($0)) } }
    static func d(_ v: Double?) -> FieldValue? { v.map(FieldValue.number) }
    static func b(_ v: Bool?) -> FieldValue? { v.map(FieldValue.bool) }
    static func p(_ v: IPPrefix?) -> FieldValue? { v.map { .string($0.description) } }
    static func a(_ v: IPAddress?) -> FieldValue? { v.map { .string($0.description) } }
    static func id(_ v: ResourceID?) -> FieldValue? { v.map { .string($0.text) } }
    static func list(_ v: [FieldValue?]) -> FieldValue { .list(v.compactMap { $0 }) }

    static let common: [String: Extractor] = [
        "name": { .string($0.name) },
        "id": { .string($0.id.text) },
        "type": { .string($0.typeName) },
        "subscription": { s($0.subscription) },
        "resourceGroup": { s($0.id.resourceGroup) },
    ]

    static let table: [ResourceType: [String: Extractor]] = [
        .circuit: circuit, .circuitPeering: peering, .circuitAuthorization: authorization, .port: port,
        .portLink: portLink, .gateway: gateway, .connection: connection, .virtualNetwork: virtualNetwork,
        .subnet: subnet, .virtualNetworkPeering: virtualNetworkPeering, .routeTable: routeTable, .route: route,
        .securityRule: securityRule, .defaultSecurityRule: securityRule, .firewall: firewall,
        .networkInterface: networkInterface, .localNetworkGateway: localNetworkGateway,
    ]

    static func circuit(_ f: @escaping @Sendable (Circuit) -> FieldValue?) -> Extractor {
        { if case .circuit(let c) = $0.detail { f(c) } else { nil } }
    }
    static let circuit: [String: Extractor] = [
        "sku.tier": circuit { s($0.skuTier) },
        "sku.family": circuit { s($0.skuFamily) },
        "serviceProviderProperties.serviceProviderName": circuit { s($0.serviceProviderName) },
        "serviceProviderProperties.peeringLocation": circuit { s($0.peeringLocation) },
        "serviceProviderProperties.bandwidthInMbps": circuit { n($0.bandwidthInMbps) },
        "expressRoutePort.id": circuit { id($0.expressRoutePort) },
        "bandwidthInGbps": circuit { d($0.bandwidthInGbps) },
        "serviceProviderProvisioningState": circuit { s($0.serviceProviderProvisioningState) },
        "circuitProvisioningState": circuit { s($0.circuitProvisioningState) },
        "globalReachEnabled": circuit { b($0.globalReachEnabled) },
        "stag": circuit { n($0.sTag) },
        "location": circuit { s($0.azureRegion) },
    ]

    static func peering(_ f: @escaping @Sendable (CircuitPeering) -> FieldValue?) -> Extractor {
        { if case .circuitPeering(let p) = $0.detail { f(p) } else { nil } }
    }
    static let peering: [String: Extractor] = [
        "peeringType": peering { s($0.kind?.rawValue ?? $0.peeringTypeText) },
        "state": peering { s($0.state) },
        "peerASN": peering { n($0.peerASN) },
        "azureASN": peering { n($0.azureASN) },
        "primaryPeerAddressPrefix": peering { p($0.primaryPeerAddressPrefix) },
        "secondaryPeerAddressPrefix": peering { p($0.secondaryPeerAddressPrefix) },
        "vlanId": peering { n($0.vlanId) },
        "sharedKey": peering { $0.hasSharedKey ? .string("(set)") : nil },
        "microsoftPeeringConfig.advertisedPublicPrefixes": peering {
            $0.microsoftPeeringConfig.map { list($0.advertisedPublicPrefixes.map(p)) }
        },
        "microsoftPeeringConfig.advertisedPublicPrefixesState": peering { s($0.microsoftPeeringConfig?.advertisedPublicPrefixesState) },
        "microsoftPeeringConfig.customerASN": peering { n($0.microsoftPeeringConfig?.customerASN) },
        "microsoftPeeringConfig.routingRegistryName": peering { s($0.microsoftPeeringConfig?.routingRegistryName) },
        "routeFilter.id": peering { id($0.routeFilter) },
        "ipv6PeeringConfig.primaryPeerAddressPrefix": peering { p($0.ipv6?.primaryPeerAddressPrefix) },
        "ipv6PeeringConfig.secondaryPeerAddressPrefix": peering { p($0.ipv6?.secondaryPeerAddressPrefix) },
    ]

    static let authorization: [String: Extractor] = [
        "authorizationUseStatus": { if case .circuitAuthorization(let a) = $0.detail { s(a.authorizationUseStatus) } else { nil } },
    ]

    static func port(_ f: @escaping @Sendable (ExpressRoutePort) -> FieldValue?) -> Extractor {
        { if case .port(let p) = $0.detail { f(p) } else { nil } }
    }
    static let port: [String: Extractor] = [
        "peeringLocation": port { s($0.peeringLocation) },
        "bandwidthInGbps": port { d($0.bandwidthInGbps) },
        "encapsulation": port { s($0.encapsulation) },
    ]

    static func portLink(_ f: @escaping @Sendable (PortLink) -> FieldValue?) -> Extractor {
        { if case .portLink(let l) = $0.detail { f(l) } else { nil } }
    }
    static let portLink: [String: Extractor] = [
        "routerName": portLink { s($0.routerName) },
        "interfaceName": portLink { s($0.interfaceName) },
        "adminState": portLink { s($0.adminState) },
        "macSecConfig.cipher": portLink { s($0.macSecCipher) },
        "macSecConfig.sciState": portLink { s($0.macSecSciState) },
    ]

    static func gateway(_ f: @escaping @Sendable (VirtualNetworkGateway) -> FieldValue?) -> Extractor {
        { if case .gateway(let g) = $0.detail { f(g) } else { nil } }
    }
    static let gateway: [String: Extractor] = [
        "gatewayType": gateway { s($0.gatewayType) },
        "vpnType": gateway { s($0.vpnType) },
        "sku.name": gateway { s($0.skuName) },
        "sku.tier": gateway { s($0.skuTier) },
        "activeActive": gateway { b($0.activeActive) },
        "enableBgp": gateway { b($0.enableBgp) },
        "bgpSettings.asn": gateway { n($0.bgpASN) },
    ]

    static func connection(_ f: @escaping @Sendable (Connection) -> FieldValue?) -> Extractor {
        { if case .connection(let c) = $0.detail { f(c) } else { nil } }
    }
    static let connection: [String: Extractor] = [
        "connectionType": connection { s($0.connectionType) },
        "useLocalAzureIpAddress": connection { b($0.useLocalAzureIpAddress) },
        "connectionProtocol": connection { s($0.connectionProtocol) },
        "enableBgp": connection { b($0.enableBgp) },
        "routingWeight": connection { n($0.routingWeight) },
        "peer.id": connection { id($0.peer) },
        "virtualNetworkGateway1.id": connection { id($0.virtualNetworkGateway1) },
        "ipsecPolicies.ikeEncryption": connection { list($0.ipsecPolicies.map { s($0.ikeEncryption) }) },
        "ipsecPolicies.ikeIntegrity": connection { list($0.ipsecPolicies.map { s($0.ikeIntegrity) }) },
        "ipsecPolicies.dhGroup": connection { list($0.ipsecPolicies.map { s($0.dhGroup) }) },
        "ipsecPolicies.ipsecEncryption": connection { list($0.ipsecPolicies.map { s($0.ipsecEncryption) }) },
        "ipsecPolicies.ipsecIntegrity": connection { list($0.ipsecPolicies.map { s($0.ipsecIntegrity) }) },
        "ipsecPolicies.pfsGroup": connection { list($0.ipsecPolicies.map { s($0.pfsGroup) }) },
        "ipsecPolicies.saLifeTimeSeconds": connection { list($0.ipsecPolicies.map { n($0.saLifeTimeSeconds) }) },
    ]

    static let virtualNetwork: [String: Extractor] = [
        "addressSpace.addressPrefixes": {
            if case .virtualNetwork(let v) = $0.detail { list(v.addressPrefixes.map(p)) } else { nil }
        },
    ]

    static func subnet(_ f: @escaping @Sendable (Subnet) -> FieldValue?) -> Extractor {
        { if case .subnet(let v) = $0.detail { f(v) } else { nil } }
    }
    static let subnet: [String: Extractor] = [
        "addressPrefixes": subnet { list($0.addressPrefixes.map(p)) },
        "routeTable.id": subnet { id($0.routeTable) },
        "networkSecurityGroup.id": subnet { id($0.networkSecurityGroup) },
    ]

    static func vnetPeering(_ f: @escaping @Sendable (VirtualNetworkPeering) -> FieldValue?) -> Extractor {
        { if case .virtualNetworkPeering(let v) = $0.detail { f(v) } else { nil } }
    }
    static let virtualNetworkPeering: [String: Extractor] = [
        "remoteVirtualNetwork.id": vnetPeering { id($0.remoteVirtualNetwork) },
        "allowGatewayTransit": vnetPeering { b($0.allowGatewayTransit) },
        "useRemoteGateways": vnetPeering { b($0.useRemoteGateways) },
        "allowForwardedTraffic": vnetPeering { b($0.allowForwardedTraffic) },
        "peeringState": vnetPeering { s($0.peeringState) },
    ]

    static let routeTable: [String: Extractor] = [
        "disableBgpRoutePropagation": {
            if case .routeTable(let t) = $0.detail { b(t.disableBgpRoutePropagation) } else { nil }
        },
    ]

    static func route(_ f: @escaping @Sendable (Route) -> FieldValue?) -> Extractor {
        { if case .route(let r) = $0.detail { f(r) } else { nil } }
    }
    static let route: [String: Extractor] = [
        "addressPrefix": route { p($0.addressPrefix) ?? s($0.addressPrefixText) },
        "nextHopType": route { s($0.nextHopType) },
        "nextHopIpAddress": route { a($0.nextHopIpAddress) },
    ]

    static func securityRule(_ f: @escaping @Sendable (SecurityRule) -> FieldValue?) -> Extractor {
        { if case .securityRule(let r) = $0.detail { f(r) } else { nil } }
    }
    static let securityRule: [String: Extractor] = [
        "priority": securityRule { n($0.priority) },
        "direction": securityRule { s($0.direction) },
        "access": securityRule { s($0.access) },
        "protocol": securityRule { s($0.protocol) },
        "sourceAddressPrefixes": securityRule { .list($0.sourceAddressPrefixes.map(FieldValue.string)) },
        "destinationAddressPrefixes": securityRule { .list($0.destinationAddressPrefixes.map(FieldValue.string)) },
        "sourcePortRanges": securityRule { .list($0.sourcePortRanges.map(FieldValue.string)) },
        "destinationPortRanges": securityRule { .list($0.destinationPortRanges.map(FieldValue.string)) },
    ]

    static let firewall: [String: Extractor] = [
        "sku.tier": { if case .firewall(let f) = $0.detail { s(f.skuTier) } else { nil } },
    ]

    static let networkInterface: [String: Extractor] = [
        "enableIPForwarding": { if case .networkInterface(let n) = $0.detail { b(n.enableIPForwarding) } else { nil } },
    ]

    static func localGateway(_ f: @escaping @Sendable (LocalNetworkGateway) -> FieldValue?) -> Extractor {
        { if case .localNetworkGateway(let l) = $0.detail { f(l) } else { nil } }
    }
    static let localNetworkGateway: [String: Extractor] = [
        "localNetworkAddressSpace.addressPrefixes": localGateway { list($0.addressPrefixes.map(p)) },
        "gatewayIpAddress": localGateway { a($0.gatewayIpAddress) },
        "bgpSettings.asn": localGateway { n($0.bgpASN) },
    ]
}
