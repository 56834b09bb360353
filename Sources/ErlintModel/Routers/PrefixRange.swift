/// Routes a routing policy matches: every prefix inside `prefix` whose length is within
/// `lengths` (Junos `route-filter 10.0.0.0/8 upto /24` is `10.0.0.0/8` with lengths 8…24).
/// A route is a prefix with its length: `10.1.0.0/16` and `10.1.0.0/24` are two routes.
public struct PrefixRange: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let prefix: IPPrefix
    public let lengths: ClosedRange<Int>

    /// Nil when no route fits: lengths shorter than the prefix's own, or longer than the family's.
    public init?(_ prefix: IPPrefix, lengths: ClosedRange<Int>) {
        self.init(prefix, from: lengths.lowerBound, to: lengths.upperBound)
    }

    /// The same with bounds that may cross (then no route fits).
    public init?(_ prefix: IPPrefix, from shortest: Int, to longest: Int) {
        let low = max(shortest, prefix.length), high = min(longest, prefix.network.bitWidth)
        guard low <= high else { return nil }
        self.prefix = prefix
        self.lengths = low...high
    }

    /// The route `prefix` alone (`exact`).
    public init(exactly prefix: IPPrefix) {
        self.prefix = prefix
        lengths = prefix.length...prefix.length
    }

    /// `prefix` and every route inside it (`orlonger`).
    public init(orLonger prefix: IPPrefix) {
        self.prefix = prefix
        lengths = prefix.length...prefix.network.bitWidth
    }

    public var isIPv4: Bool { prefix.isIPv4 }

    public func contains(_ route: IPPrefix) -> Bool {
        lengths.contains(route.length) && prefix.contains(route)
    }

    /// Whether the range holds its own prefix as a route.
    public var includesItsPrefix: Bool { lengths.lowerBound == prefix.length }

    /// The routes in both.
    public func intersection(_ other: PrefixRange) -> PrefixRange? {
        let inner: IPPrefix
        if prefix.contains(other.prefix) { inner = other.prefix } else if other.prefix.contains(prefix) { inner = prefix } else { return nil }
        return PrefixRange(inner, from: max(lengths.lowerBound, other.lengths.lowerBound), to: min(lengths.upperBound, other.lengths.upperBound))
    }

    /// The routes of this range that are not in `other`, as disjoint ranges.
    public func subtracting(_ other: PrefixRange) -> [PrefixRange] {
        guard let common = intersection(other) else { return [self] }
        var out: [PrefixRange] = []
        // The part of the common prefix's subtree at lengths the other range leaves out.
        let inner = common.prefix
        if let below = PrefixRange(inner, from: lengths.lowerBound, to: common.lengths.lowerBound - 1) { out.append(below) }
        if let above = PrefixRange(inner, from: common.lengths.upperBound + 1, to: lengths.upperBound) { out.append(above) }
        // Routes of this range outside the common prefix's subtree: on the path down to it (its
        // ancestors below this prefix), and in the siblings' subtrees along that path.
        if inner.length > prefix.length {
            for k in prefix.length..<inner.length {
                let ancestor = IPPrefix(network: inner.network, length: k)
                if lengths.contains(k) { out.append(PrefixRange(exactly: ancestor)) }
                let sibling = IPPrefix(network: inner.network.sibling(at: k + 1), length: k + 1)
                if let r = PrefixRange(sibling, lengths: lengths) { out.append(r) }
            }
        }
        return out
    }

    public static func < (a: PrefixRange, b: PrefixRange) -> Bool {
        (a.prefix, a.lengths.lowerBound, a.lengths.upperBound) < (b.prefix, b.lengths.lowerBound, b.lengths.upperBound)
    }

    /// As Junos writes a route filter: `10.0.0.0/8 exact`, `orlonger`, `upto /24`,
    /// `prefix-length-range /16-/24`.
    public var description: String {
        let width = prefix.network.bitWidth
        if lengths.lowerBound == prefix.length && lengths.upperBound == prefix.length { return "\(prefix) exact" }
        if lengths.lowerBound == prefix.length && lengths.upperBound == width { return "\(prefix) orlonger" }
        if lengths.lowerBound == prefix.length + 1 && lengths.upperBound == width { return "\(prefix) longer" }
        if lengths.lowerBound == prefix.length { return "\(prefix) upto /\(lengths.upperBound)" }
        return "\(prefix) prefix-length-range /\(lengths.lowerBound)-/\(lengths.upperBound)"
    }
}

/// A set of routes, as the ranges it is made of: what a policy chain lets through. Sets are
/// combined as routing policies combine terms (union, intersection, difference); two sets are
/// equal when they hold the same routes, whatever ranges they are written as.
public struct PrefixRangeSet: Sendable, Equatable, CustomStringConvertible {
    /// Disjoint ranges, sorted.
    public private(set) var ranges: [PrefixRange]

    public init(_ ranges: [PrefixRange] = []) {
        self.ranges = []
        for r in ranges { formUnion(r) }
    }

    public static let empty = PrefixRangeSet()

    /// Every IPv4 and IPv6 route.
    public static let everything = PrefixRangeSet([PrefixRange(orLonger: IPPrefix("0.0.0.0/0")!), PrefixRange(orLonger: IPPrefix("::/0")!)])

    public var isEmpty: Bool { ranges.isEmpty }

    public func contains(_ route: IPPrefix) -> Bool { ranges.contains { $0.contains(route) } }

    /// Adds the routes of `range` not already held, keeping the ranges disjoint.
    public mutating func formUnion(_ range: PrefixRange) {
        var pieces = [range]
        for existing in ranges {
            pieces = pieces.flatMap { $0.subtracting(existing) }
            if pieces.isEmpty { return }
        }
        ranges += pieces
        ranges.sort()
    }

    public func union(_ other: PrefixRangeSet) -> PrefixRangeSet {
        var out = self
        for r in other.ranges { out.formUnion(r) }
        return out
    }

    public func intersection(_ other: PrefixRangeSet) -> PrefixRangeSet {
        var out: [PrefixRange] = []
        for a in ranges { for b in other.ranges { if let c = a.intersection(b) { out.append(c) } } }
        // Pieces of disjoint ranges are disjoint.
        return PrefixRangeSet(disjoint: out)
    }

    public func subtracting(_ other: PrefixRangeSet) -> PrefixRangeSet {
        var pieces = ranges
        for b in other.ranges { pieces = pieces.flatMap { $0.subtracting(b) } }
        return PrefixRangeSet(disjoint: pieces)
    }

    public func isSubset(of other: PrefixRangeSet) -> Bool { subtracting(other).isEmpty }

    private init(disjoint: [PrefixRange]) { ranges = disjoint.sorted() }

    /// The address space the set's routes name outright, as prefixes: a range's own prefix when
    /// it holds it as a route, or when it holds every route of one length inside it (two /1s
    /// name all of 0.0.0.0/0). A range of several lengths that leaves its own prefix out
    /// (`0.0.0.0/0` lengths 1…32: everything but the default) only lets routes through, should
    /// they exist: it names no space.
    public var namedSpace: [IPPrefix] {
        let named = ranges.compactMap { r -> IPPrefix? in
            r.includesItsPrefix || r.lengths.count == 1 ? r.prefix : nil
        }
        return IPPrefix.aggregated(named)
    }

    /// Whether the routes named outright cover all of `space` (a default route, or routes that
    /// together add up to it).
    public func names(allOf space: IPPrefix) -> Bool {
        namedSpace.contains { $0.contains(space) }
    }

    public static func == (a: PrefixRangeSet, b: PrefixRangeSet) -> Bool { a.isSubset(of: b) && b.isSubset(of: a) }

    public var description: String { ranges.isEmpty ? "no route" : ranges.map(\.description).joined(separator: ", ") }

    /// The set for a finding: per family its ranges, or "every IPv4 route but …" when the
    /// routes left out are fewer to name, and at most `limit` ranges with a count of the rest.
    public func summary(limit: Int = 6) -> String {
        guard !isEmpty else { return "no route" }
        var parts: [String] = []
        for (family, all) in [("IPv4", IPPrefix("0.0.0.0/0")!), ("IPv6", IPPrefix("::/0")!)] {
            let full = PrefixRangeSet([PrefixRange(orLonger: all)])
            let part = intersection(full)
            if part.isEmpty { continue }
            let missing = full.subtracting(part)
            func listed(_ set: PrefixRangeSet) -> String {
                let shown = set.ranges.prefix(limit).map(\.description).joined(separator: ", ")
                return set.ranges.count > limit ? shown + " and \(set.ranges.count - limit) more ranges" : shown
            }
            if missing.isEmpty {
                parts.append("every \(family) route")
            } else if missing.ranges.count < part.ranges.count {
                parts.append("every \(family) route but \(listed(missing))")
            } else {
                parts.append(listed(part))
            }
        }
        return parts.joined(separator: "; ")
    }
}

extension IPPrefix {
    /// The fewest prefixes covering the same space: nested ones dropped, sibling pairs merged.
    public static func aggregated(_ prefixes: [IPPrefix]) -> [IPPrefix] {
        var out = prefixes.sorted()
        var changed = true
        while changed {
            changed = false
            var merged: [IPPrefix] = []
            for p in out {
                if let last = merged.last, last.contains(p) { changed = changed || last != p; continue }
                if let last = merged.last, last.length == p.length, last.length > 0,
                   IPPrefix(network: last.network, length: last.length - 1) == IPPrefix(network: p.network, length: p.length - 1) {
                    merged[merged.count - 1] = IPPrefix(network: last.network, length: last.length - 1)
                    changed = true
                    continue
                }
                merged.append(p)
            }
            out = merged.sorted()
        }
        return out
    }
}

extension IPAddress {
    /// The address with bit `length - 1` (counting from the top, 1-based) flipped and the bits
    /// below cleared: the network of the sibling prefix at that length.
    func sibling(at length: Int) -> IPAddress {
        switch self {
        case .v4(let v):
            let bit = UInt32(1) << UInt32(32 - length)
            let masked = length == 0 ? 0 : v & (UInt32.max << UInt32(32 - length))
            return .v4(masked ^ bit)
        case .v6(let v):
            let bit = UInt128(1) << UInt128(128 - length)
            let masked = length == 0 ? 0 : v.value & (UInt128.max << UInt128(128 - length))
            return .v6(IPv6Bits(masked ^ bit))
        }
    }
}
