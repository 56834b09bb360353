/// A subnet: the unit a route table and an NSG attach to, and what UDR checks walk.
public struct Subnet: Sendable, Hashable {
    public var addressPrefixes: [IPPrefix] = []
    public var routeTable: ResourceID?
    public var networkSecurityGroup: ResourceID?
    public init() {}
}
