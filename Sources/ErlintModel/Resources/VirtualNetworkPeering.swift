/// A VNet peering: with gateway transit, how a spoke reaches a circuit through the hub.
public struct VirtualNetworkPeering: Sendable, Hashable {
    public var remoteVirtualNetwork: ResourceID?
    public var allowGatewayTransit: Bool?
    public var useRemoteGateways: Bool?
    public var allowForwardedTraffic: Bool?
    public var peeringState: String?
    public init() {}
}
