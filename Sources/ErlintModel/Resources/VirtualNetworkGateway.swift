/// A virtual network gateway: where a circuit (ExpressRoute) or a VPN lands in a VNet.
public struct VirtualNetworkGateway: Sendable, Hashable {
    public var gatewayType: String?
    public var vpnType: String?
    public var skuName: String?
    public var skuTier: String?
    /// Subnets of the gateway's IP configurations: the VNet's GatewaySubnet.
    public var subnets: [ResourceID] = []
    public var activeActive: Bool?
    public var enableBgp: Bool?
    public var bgpASN: Int?
    public var bgpPeeringAddress: String?
    public init() {}

    public var isExpressRoute: Bool { gatewayType?.lowercased() == "expressroute" }
    /// Zone-redundant SKUs end in `AZ` (ErGw1AZ, ErGwScale…); `ErGwScale` is zone-redundant too.
    public var isZoneRedundant: Bool {
        guard let sku = skuName?.lowercased() else { return false }
        return sku.hasSuffix("az") || sku == "ergwscale"
    }
}
