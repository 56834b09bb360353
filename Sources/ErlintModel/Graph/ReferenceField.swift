/// The field of a resource that names another (`peer.id`, `subnets[].id`): what an edge of the
/// graph is labelled with. One of the fields erlint reads references from, so it is held as a
/// number into their list and an edge is four numbers: edges are a few per resource, and as
/// strings each was retained when copied and released when freed, and compared as text when
/// the graph sorted them.
public struct ReferenceField: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Into `names`, which is sorted, so fields order as their names do.
    let code: UInt8

    /// Every field, sorted by name; the empty name labels edges that no field made.
    static let names: [String] = [
        "", "circuits[].id", "expressRoutePort.id", "ipConfigurations[].subnet.id", "ipv6PeeringConfig.routeFilter.id",
        "localNetworkGateway2.id", "networkSecurityGroup.id", "peer.id", "remoteVirtualNetwork.id", "routeFilter.id",
        "routeTable.id", "routingInstance", "subnets[].id", "virtualNetworkGateway1.id", "virtualNetworkGateway2.id",
    ]

    private init(_ name: String) {
        guard let i = Self.names.firstIndex(of: name) else { preconditionFailure("no reference field named \(name)") }
        code = UInt8(i)
    }

    /// The field's name as an export writes it (empty for `none`).
    public var name: String { Self.names[Int(code)] }
    public var description: String { name }

    public static func < (a: ReferenceField, b: ReferenceField) -> Bool { a.code < b.code }

    public static let none = ReferenceField("")
    public static let circuits = ReferenceField("circuits[].id")
    public static let expressRoutePort = ReferenceField("expressRoutePort.id")
    public static let ipConfigurationSubnet = ReferenceField("ipConfigurations[].subnet.id")
    public static let ipv6RouteFilter = ReferenceField("ipv6PeeringConfig.routeFilter.id")
    public static let localNetworkGateway2 = ReferenceField("localNetworkGateway2.id")
    public static let networkSecurityGroup = ReferenceField("networkSecurityGroup.id")
    public static let peer = ReferenceField("peer.id")
    public static let remoteVirtualNetwork = ReferenceField("remoteVirtualNetwork.id")
    public static let routeFilter = ReferenceField("routeFilter.id")
    public static let routeTable = ReferenceField("routeTable.id")
    public static let routingInstance = ReferenceField("routingInstance")
    public static let subnets = ReferenceField("subnets[].id")
    public static let virtualNetworkGateway1 = ReferenceField("virtualNetworkGateway1.id")
    public static let virtualNetworkGateway2 = ReferenceField("virtualNetworkGateway2.id")

    /// Every field, in order (tests).
    static var all: [ReferenceField] { names.map(ReferenceField.init) }
}
