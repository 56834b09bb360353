/// A directed edge of the estate graph and what joins its two ends.
public struct EstateEdge: Sendable, Hashable, Comparable {
    public enum Kind: String, Sendable, Hashable, Codable, Comparable {
        /// Parent to child: circuit → peering, peering → link, VNet → subnet…
        case contains
        /// A field of `from` names `to` by resource id (`field` says which).
        case references
        /// Customer → subscription, from the manifest.
        case claims
        /// Subscription → resource, from the resource id.
        case holds
        /// A router's BGP session or interface → the circuit link whose /30 or /126 holds its
        /// address: this is how router configs are joined to circuits.
        case terminates
        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public let kind: Kind
    public let from: NodeID
    public let to: NodeID
    /// The field that made the edge (`properties.peer.id`), or empty.
    public let field: String

    public init(kind: Kind, from: NodeID, to: NodeID, field: String = "") {
        self.kind = kind
        self.from = from
        self.to = to
        self.field = field
    }

    public static func < (lhs: EstateEdge, rhs: EstateEdge) -> Bool {
        (lhs.from, lhs.to, lhs.kind, lhs.field) < (rhs.from, rhs.to, rhs.kind, rhs.field)
    }
}

/// A reference to a resource that is not in any export. Kept and reported, because a missing
/// gateway or route table is often exactly what an audit is looking for.
public struct DanglingReference: Sendable, Hashable, Comparable, Codable {
    public let from: ResourceID
    public let field: String
    public let target: ResourceID
    public let location: SourceLocation

    public init(from: ResourceID, field: String, target: ResourceID, location: SourceLocation) {
        self.from = from
        self.field = field
        self.target = target
        self.location = location
    }

    public static func < (lhs: DanglingReference, rhs: DanglingReference) -> Bool {
        (lhs.location, lhs.field, lhs.target.key) < (rhs.location, rhs.field, rhs.target.key)
    }
}
