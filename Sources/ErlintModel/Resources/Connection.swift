/// A connection resource: binds a gateway to a circuit (ExpressRoute), to a local network
/// gateway (IPsec, possibly over ExpressRoute private peering) or to another gateway.
public struct Connection: Sendable, Hashable {
    /// One IPsec/IKE policy of an IPsec connection.
    public struct IPsecPolicy: Sendable, Hashable {
        public var ikeEncryption: String?
        public var ikeIntegrity: String?
        public var dhGroup: String?
        public var ipsecEncryption: String?
        public var ipsecIntegrity: String?
        public var pfsGroup: String?
        public var saLifeTimeSeconds: Int?
        public var saDataSizeKilobytes: Int?
        public init() {}
    }

    public var connectionType: String?
    public var virtualNetworkGateway1: ResourceID?
    public var virtualNetworkGateway2: ResourceID?
    /// For ExpressRoute connections: the circuit.
    public var peer: ResourceID?
    public var localNetworkGateway2: ResourceID?
    /// IPsec over ExpressRoute private peering uses the gateway's private address.
    public var useLocalAzureIpAddress: Bool?
    public var ipsecPolicies: [IPsecPolicy] = []
    public var connectionProtocol: String?
    public var enableBgp: Bool?
    public var routingWeight: Int?
    public var hasAuthorizationKey = false
    public init() {}

    public var isExpressRoute: Bool { connectionType?.lowercased() == "expressroute" }
    public var isIPsec: Bool { connectionType?.lowercased() == "ipsec" }
}
