/// One of a peering's two links: the /30 (or /126) on which the customer or CSP router and
/// Microsoft's MSEE router hold one BGP session. High availability is about these two.
public struct CircuitLink: Sendable, Hashable {
    public enum Side: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case primary, secondary
        public static func < (lhs: Side, rhs: Side) -> Bool { lhs == .primary && rhs == .secondary }
    }

    public let peering: ResourceID
    public let circuit: ResourceID
    public let side: Side
    public let prefix: IPPrefix

    public init(peering: ResourceID, circuit: ResourceID, side: Side, prefix: IPPrefix) {
        self.peering = peering
        self.circuit = circuit
        self.side = side
        self.prefix = prefix
    }

    /// The first usable address: the customer's or CSP's router.
    public var routerAddress: IPAddress { prefix.address(at: 1) }
    /// The second usable address: Microsoft's MSEE router.
    public var microsoftAddress: IPAddress { prefix.address(at: 2) }
}

/// A router session or interface whose address lies in circuit links of several customers
/// (a reused /30 in two VRFs) when nothing ties it to one: the router's owner, what its
/// routing instance serves, its VLAN. It terminates none of them; rules that need the links
/// say they cannot tell.
public struct AmbiguousJoin: Sendable, Hashable {
    public let part: NodeID
    public let links: [NodeID]

    public init(part: NodeID, links: [NodeID]) {
        self.part = part
        self.links = links
    }
}
