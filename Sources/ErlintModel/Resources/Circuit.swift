/// An ExpressRoute circuit: the paid, provider-built pipe between a CSP or customer network and
/// Microsoft's edge. Its peerings hang off it as nodes of their own.
public struct Circuit: Sendable, Hashable {
    public var skuTier: String?
    public var skuFamily: String?
    public var serviceProviderName: String?
    public var peeringLocation: String?
    public var bandwidthInMbps: Int?
    /// ExpressRoute Direct: the port the circuit is built on, and its bandwidth in Gbps.
    public var expressRoutePort: ResourceID?
    public var bandwidthInGbps: Double?
    public var serviceProviderProvisioningState: String?
    public var circuitProvisioningState: String?
    public var globalReachEnabled: Bool?
    /// The outer (S-)tag of the circuit's traffic on a QinQ ExpressRoute Direct port, which
    /// Azure assigns; the peerings' `vlanId` is the inner (C-)tag.
    public var sTag: Int?
    public var azureRegion: String?
    public init() {}

    /// Whether the circuit is built on an ExpressRoute Direct port rather than a provider.
    public var isDirect: Bool { expressRoutePort != nil }
}
