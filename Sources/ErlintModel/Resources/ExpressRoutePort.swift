/// An ExpressRoute Direct port pair, bought directly from Microsoft at a peering location.
public struct ExpressRoutePort: Sendable, Hashable {
    public var peeringLocation: String?
    public var bandwidthInGbps: Double?
    public var encapsulation: String?
    public var circuits: [ResourceID] = []
    public init() {}
}
