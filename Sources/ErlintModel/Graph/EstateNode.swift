/// A node's index in the graph; stable for one graph, ordered as the graph sorted its nodes.
public struct NodeID: Sendable, Hashable, Comparable, Codable {
    public let index: Int32
    public init(_ index: Int) { self.index = Int32(index) }
    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.index < rhs.index }
}

/// One node of the estate graph: a resource, a customer, a subscription or a circuit link.
///
/// A class, though immutable: rules fetch nodes by the hundred thousand, and a node returned as
/// a struct retained its key, name, origin and payload each time; a reference is one retain.
public final class EstateNode: Sendable {
    public enum Payload: Sendable {
        /// Boxed (a resource is a reference already): links and customers are large, and a
        /// payload should be a few words.
        case resource(Resource)
        indirect case link(CircuitLink)
        indirect case customer(Customer)
        case subscription(String)
        /// Router parts point into their router's config, stored once for all of its nodes.
        case router(SharedRouterConfig)
        case routerInterface(SharedRouterConfig, Int)
        case session(SharedRouterConfig, Int)
        case routingInstance(SharedRouterConfig, Int)
    }

    public let id: NodeID
    public let kind: NodeKind
    /// The key of a node that is not a resource (empty for a resource's, whose id is its key).
    private let ownKey: String
    /// The lookup key: a folded resource id, `customer:<id>`, `subscription:<guid>`,
    /// `<peering id>/links/<side>[-ipv6]`, or for router parts `router:<name>` followed by
    /// `/interfaces/<name>`, `/sessions/<instance or ->/<neighbor>` or `/instances/<name>`.
    /// A resource's is folded from its id when asked for (the graph's index compares ids in place).
    public var key: String {
        if case .resource(let r) = payload { return r.id.key }
        return ownKey
    }
    /// What a person calls it: the resource name, customer id, subscription GUID or link side.
    public let name: String
    public let origin: SourceLocation?
    public let payload: Payload

    /// `key` is ignored for a resource (its id is its key).
    public init(id: NodeID, kind: NodeKind, key: String, name: String, origin: SourceLocation?, payload: Payload) {
        self.id = id
        self.kind = kind
        if case .resource = payload { ownKey = "" } else { ownKey = key }
        self.name = name
        self.origin = origin
        self.payload = payload
    }

    /// Whether the node is a resource, without handing the resource out (no retain).
    public var isResource: Bool {
        if case .resource = payload { true } else { false }
    }

    public var resource: Resource? {
        if case .resource(let r) = payload { r } else { nil }
    }
    public var link: CircuitLink? {
        if case .link(let l) = payload { l } else { nil }
    }
    public var customer: Customer? {
        if case .customer(let c) = payload { c } else { nil }
    }
    public var router: RouterConfig? {
        if case .router(let r) = payload { r.config } else { nil }
    }
    public var routerInterface: RouterInterface? {
        if case .routerInterface(let r, let i) = payload { r.config.interfaces[i] } else { nil }
    }
    public var session: BGPSession? {
        if case .session(let r, let i) = payload { r.config.sessions[i] } else { nil }
    }
    public var routingInstance: RoutingInstance? {
        if case .routingInstance(let r, let i) = payload { r.config.routingInstances[i] } else { nil }
    }
}

/// One router's config, shared by reference between the graph nodes made from it (the router,
/// each interface, session and VRF), so a router with 100,000 sessions is stored once.
public final class SharedRouterConfig: Sendable {
    public let config: RouterConfig
    public init(_ config: RouterConfig) { self.config = config }
}
