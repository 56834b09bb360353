/// A virtual network; its subnets and peerings are nodes of their own.
public struct VirtualNetwork: Sendable, Hashable {
    public var addressPrefixes: [IPPrefix] = []
    public init() {}
}
