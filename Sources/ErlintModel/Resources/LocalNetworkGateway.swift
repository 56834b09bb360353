/// The on-premises end of an IPsec connection.
public struct LocalNetworkGateway: Sendable, Hashable {
    public var addressPrefixes: [IPPrefix] = []
    public var gatewayIpAddress: IPAddress?
    public var bgpASN: Int?
    public init() {}
}
