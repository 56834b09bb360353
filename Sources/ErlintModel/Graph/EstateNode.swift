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
    /// Key, name and origin of a node that is not a resource; a resource's node takes them from
    /// its resource, so that making one (a batch makes hundreds of thousands) retains the resource
    /// alone, and freeing it releases the resource alone.
    private let ownKey: String
    private let ownName: String
    private let ownOrigin: SourceLocation?
    public let payload: Payload

    /// The lookup key: a folded resource id, `customer:<id>`, `subscription:<guid>`,
    /// `<peering id>/links/<side>[-ipv6]`, or for router parts `router:<name>` followed by
    /// `/interfaces/<name>`, `/sessions/<instance or ->/<neighbor>` or `/instances/<name>`.
    /// A resource's is folded from its id when asked for (the graph's index compares ids in place).
    public var key: String {
        if case .resource(let r) = payload { return r.id.key }
        return ownKey
    }
    /// What a person calls it: the resource name, customer id, subscription GUID or link side.
    public var name: String {
        if case .resource(let r) = payload { return r.name }
        return ownName
    }
    public var origin: SourceLocation? {
        if case .resource(let r) = payload { return r.origin }
        return ownOrigin
    }

    /// A node that is not a resource's (`resource:` makes those).
    public init(id: NodeID, kind: NodeKind, key: String, name: String, origin: SourceLocation?, payload: Payload) {
        self.id = id
        self.kind = kind
        ownKey = key
        ownName = name
        ownOrigin = origin
        self.payload = payload
    }

    /// A resource's node: its kind from the resource's type, its key, name and origin the resource's.
    public init(id: NodeID, resource: Resource) {
        self.id = id
        kind = NodeKind(resource.type)
        ownKey = ""
        ownName = ""
        ownOrigin = nil
        payload = .resource(resource)
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
