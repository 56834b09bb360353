/// A network security group; its rules are nodes of their own.
public struct NetworkSecurityGroup: Sendable, Hashable {
    public var subnets: [ResourceID] = []
    public var networkInterfaces: [ResourceID] = []
    public init() {}
}
