/// A directed edge of the estate graph and what joins its two ends. Plain numbers, so the
/// graph's edges are sorted, deduplicated and freed without touching a reference count.
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

        /// The order of the names, without comparing them as text.
        var order: UInt8 {
            switch self {
            case .claims: 0
            case .contains: 1
            case .holds: 2
            case .references: 3
            case .terminates: 4
            }
        }
        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.order < rhs.order }
    }

    public let from: NodeID
    public let to: NodeID
    public let kind: Kind
    /// The field that made the edge (`peer.id`), or `none`.
    public let field: ReferenceField

    public init(kind: Kind, from: NodeID, to: NodeID, field: ReferenceField = .none) {
        self.kind = kind
        self.from = from
        self.to = to
        self.field = field
    }

    public static func < (lhs: EstateEdge, rhs: EstateEdge) -> Bool {
        (lhs.from, lhs.to, lhs.kind.order, lhs.field.code) < (rhs.from, rhs.to, rhs.kind.order, rhs.field.code)
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
