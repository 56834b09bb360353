/// One Azure resource as read from an export, in any of the shapes Azure tools produce.
///
/// Inline children (peerings in a circuit, subnets in a VNet…) are resources of their own with
/// `parent` set, so every one of them has its own id and source position.
///
/// A class, though immutable like a value: a resource holds a dozen strings and arrays, and it
/// is handed from the reader to the graph to the rules. Copied as a struct, each hand-over
/// retained every one of them, which was a fifth of building the graph.
public final class Resource: Sendable {
    public let id: ResourceID
    public let type: ResourceType?
    /// The ARM type as written, for types erlint does not model (kept and counted, not dropped).
    public let typeName: String
    public let name: String
    public let origin: SourceLocation
    public let parent: ResourceID?
    /// Fields whose value erlint could not read: unresolved template expressions and values it
    /// cannot interpret.
    public let unresolved: [UnresolvedField]
    public let detail: ResourceDetail

    public init(
        id: ResourceID, type: ResourceType?, typeName: String, name: String, origin: SourceLocation,
        parent: ResourceID?, unresolved: [UnresolvedField], detail: ResourceDetail
    ) {
        self.id = id
        self.type = type
        self.typeName = typeName
        self.name = name
        self.origin = origin
        self.parent = parent
        self.unresolved = unresolved
        self.detail = detail
    }

    /// The subscription from the id, lowercased.
    public var subscription: String? { id.subscription }
}

/// The typed fields of a resource; `.unmodelled` for Microsoft.Network types erlint only counts.
///
/// Routes, NSG rules and subnets, four fifths of an estate's resources and each about 100 bytes,
/// are held inline in their `Resource` (a class, so its size is never copied): a box of their
/// own was one allocation more per resource. The other payloads differ in size (a peering is over
/// 450 bytes) and are few, so they are boxed and a resource stays small.
public enum ResourceDetail: Sendable {
    indirect case circuit(Circuit)
    indirect case circuitPeering(CircuitPeering)
    indirect case circuitAuthorization(CircuitAuthorization)
    indirect case port(ExpressRoutePort)
    indirect case portLink(PortLink)
    indirect case gateway(VirtualNetworkGateway)
    indirect case connection(Connection)
    indirect case virtualNetwork(VirtualNetwork)
    case subnet(Subnet)
    indirect case virtualNetworkPeering(VirtualNetworkPeering)
    indirect case routeTable(RouteTable)
    case route(Route)
    indirect case networkSecurityGroup(NetworkSecurityGroup)
    case securityRule(SecurityRule)
    indirect case firewall(AzureFirewall)
    indirect case networkInterface(NetworkInterface)
    indirect case routeFilter(RouteFilter)
    indirect case localNetworkGateway(LocalNetworkGateway)
    case unmodelled
}

/// A field whose value erlint could not read: an ARM template expression it could not resolve
/// (`peerASN = [parameters('asn')]`), or a value it cannot interpret (`"x.x.x.x"` where an
/// address belongs). The resource is read with the field unknown; rules that need the value say
/// they cannot decide instead of guessing.
public struct UnresolvedField: Sendable, Hashable, Codable {
    public enum Reason: String, Sendable, Hashable, Codable {
        /// A template expression erlint could not resolve.
        case expression
        /// A value of the wrong kind or form (a warning at the value says what was expected).
        case unreadable
    }

    public let field: String
    /// The expression, or the value as written.
    public let expression: String
    public let location: SourceLocation
    public let reason: Reason

    public init(field: String, expression: String, location: SourceLocation, reason: Reason = .expression) {
        self.field = field
        self.expression = expression
        self.location = location
        self.reason = reason
    }
}
