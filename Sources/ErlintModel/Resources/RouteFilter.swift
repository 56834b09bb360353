/// A route filter: without one on Microsoft peering, no Microsoft routes are received.
public struct RouteFilter: Sendable, Hashable {
    public struct Rule: Sendable, Hashable {
        public var name: String
        public var access: String?
        public var communities: [String] = []
        public init(name: String) { self.name = name }
    }
    public var rules: [Rule] = []
    public init() {}
}
