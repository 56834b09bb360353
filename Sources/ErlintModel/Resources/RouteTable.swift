/// A route table (UDRs); a subnet has at most one.
public struct RouteTable: Sendable, Hashable {
    public var disableBgpRoutePropagation: Bool?
    /// Subnets the table lists as associated (Azure's back-reference).
    public var subnets: [ResourceID] = []
    public init() {}
}
