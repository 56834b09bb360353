/// An Azure resource id. Azure compares ids case-insensitively, exports spell them
/// inconsistently (Resource Graph lowercases them), so equality, hashing and order fold ASCII
/// letters while the original spelling is kept for display.
///
/// Only the text is stored: the folded form (`key`) is compared, hashed and ordered in place,
/// eight bytes at a time, and made as a string only when asked for. A second string per id was
/// an allocation (and a free, and reference counts) for every resource and every reference read.
/// Ids compare by their bytes with ASCII letters folded: Azure's ids are ASCII, and any other
/// character compares as written (no Unicode normalization).
public struct ResourceID: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The id as first written in the export.
    public let text: String

    public init(_ text: String) {
        // By bytes, and without a copy when there is nothing to trim (nearly always): this runs
        // for every id and reference read, and counting Characters here was 3% of an audit.
        let utf8 = text.utf8
        func space(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        if let first = utf8.first, let last = utf8.last, !space(first), !space(last), last != 0x2F || utf8.count == 1 {
            self.text = text
        } else {
            var t = text.trimmingASCIIWhitespace()
            while t.utf8.count > 1 && t.utf8.last == 0x2F { t = t.dropLast() }
            self.text = String(t)
        }
    }

    /// ASCII-lowercased, trailing slash removed: the identity used for lookups, as a string
    /// (made on each call; comparisons do not need it).
    public var key: String { ResourceID.fold(text) }

    public var description: String { text }

    public static func == (lhs: ResourceID, rhs: ResourceID) -> Bool {
        FoldedBytes.withBytes(lhs.text) { a in FoldedBytes.withBytes(rhs.text) { b in FoldedBytes.equalASCII(a, b) } }
    }

    public func hash(into hasher: inout Hasher) { FoldedBytes.withBytes(text) { FoldedBytes.hash($0, into: &hasher) } }

    public static func < (lhs: ResourceID, rhs: ResourceID) -> Bool {
        FoldedBytes.withBytes(lhs.text) { a in FoldedBytes.withBytes(rhs.text) { b in FoldedBytes.compare(a, b) < 0 } }
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }

    /// The subscription GUID from `/subscriptions/<guid>/...`, lowercased.
    public var subscription: String? { segment(after: "subscriptions").map(ResourceID.fold) }

    /// Whether the subscription is `folded` (a lowercased GUID, as `subscription` gives it),
    /// compared in place: the graph asks this of every resource, and a run of resources shares
    /// one subscription, so no string is made unless it changes.
    public func hasSubscription(_ folded: String) -> Bool {
        // Read in place (not through a copy made to call `withUTF8`): this runs for every resource.
        folded.utf8.withContiguousStorageIfAvailable { want in
            text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                // Nearly every id starts `/subscriptions/<guid>/`: its first segment is then the
                // one sought, and only the GUID is compared, eight bytes at a time.
                let head = 15
                if !want.isEmpty, bytes.count >= head + want.count, bytes[0] == 0x2F, bytes[14] == 0x2F,
                   FoldedBytes.equalASCII(UnsafeBufferPointer(rebasing: bytes[1..<14]), Self.subscriptionsSegment),
                   bytes.count == head + want.count || bytes[head + want.count] == 0x2F {
                    return FoldedBytes.equalASCII(UnsafeBufferPointer(rebasing: bytes[head..<(head + want.count)]), want)
                }
                guard let r = Self.segmentRange(after: "subscriptions", in: bytes), r.count == want.count else { return false }
                for k in 0..<want.count {
                    let b = bytes[r.lowerBound + k]
                    if (b >= 65 && b <= 90 ? b + 32 : b) != want[k] { return false }
                }
                return true
            } ?? (subscription == String(decoding: want, as: UTF8.self))
        } ?? (subscription == folded)
    }

    private static var subscriptionsSegment: UnsafeBufferPointer<UInt8> {
        let text: StaticString = "subscriptions"
        return UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    }

    /// The resource group from `.../resourceGroups/<name>/...`, as written.
    public var resourceGroup: String? { segment(after: "resourcegroups") }

    /// The last path segment: the resource's own name.
    public var lastName: String {
        text.split(separator: "/").last.map(String.init) ?? text
    }

    /// The id of the parent resource, for a child id such as `.../circuits/c1/peerings/p1`.
    public var parent: ResourceID? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: true)
        guard let providers = parts.lastIndex(where: { $0.lowercased() == "providers" }),
              parts.count - providers - 1 > 4 else { return nil }
        return ResourceID("/" + parts.dropLast(2).joined(separator: "/"))
    }

    /// The resource type the id names, from its provider path (after the last `providers`):
    /// `Microsoft.Network/expressRouteCircuits/peerings` for `.../providers/Microsoft.Network/
    /// expressRouteCircuits/c1/peerings/p1`. Nil when the path is not a namespace followed by
    /// type and name pairs.
    public var providerType: String? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: true)
        guard let providers = parts.lastIndex(where: { $0.lowercased() == "providers" }) else { return nil }
        let path = parts[(providers + 1)...]
        guard path.count >= 3, path.count % 2 == 1, let namespace = path.first, namespace.contains(".") else { return nil }
        var type = String(namespace)
        for (i, segment) in path.dropFirst().enumerated() where i % 2 == 0 { type += "/" + segment }
        return type
    }

    /// Appends a child segment, e.g. `circuit.child("peerings", "AzurePrivatePeering")`.
    public func child(_ collection: String, _ name: String) -> ResourceID {
        ResourceID(text + "/" + collection + "/" + name)
    }

    /// The path segment after the first segment equal (case-insensitively) to `name`, which must
    /// be lowercase ASCII. Scans the UTF-8 bytes in place: this runs for every resource while the
    /// graph is built, and splitting the id into an array of strings was a fifth of that time.
    private func segment(after name: StaticString) -> String? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            Self.segmentRange(after: name, in: bytes).map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
        } ?? slowSegment(after: name.description)
    }

    /// Where the segment after the first segment equal to `name` lies in an id's bytes.
    private static func segmentRange(after name: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        let target = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        var i = 0
        let n = bytes.count
        while i < n {
            while i < n && bytes[i] == 0x2F { i += 1 }     // skip "/"
            var j = i
            while j < n && bytes[j] != 0x2F { j += 1 }
            if j - i == target.count {
                var equal = true
                for k in 0..<target.count {
                    let b = bytes[i + k]
                    if (b >= 65 && b <= 90 ? b + 32 : b) != target[k] { equal = false; break }
                }
                if equal {
                    var a = j
                    while a < n && bytes[a] == 0x2F { a += 1 }
                    var b = a
                    while b < n && bytes[b] != 0x2F { b += 1 }
                    return a < b ? a..<b : nil
                }
            }
            i = j
        }
        return nil
    }

    private func slowSegment(after name: String) -> String? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: true)
        guard let i = parts.firstIndex(where: { ResourceID.fold($0) == name }), i + 1 < parts.count else { return nil }
        return String(parts[i + 1])
    }

    static func fold(_ s: some StringProtocol) -> String {
        if let folded = s.utf8.withContiguousStorageIfAvailable({ fold(bytes: $0, s) }) { return folded }
        var copy = String(s)
        let original = copy
        return copy.withUTF8 { fold(bytes: $0, original) }
    }

    /// One allocation, or none when there is nothing to fold: this runs for every id read.
    /// Eight bytes at a time (`CaseFolding`): ids are 100 to 200 bytes and nearly all have
    /// capitals (`resourceGroups`, `Microsoft.Network`). Only ASCII letters are folded.
    private static func fold(bytes: UnsafeBufferPointer<UInt8>, _ s: some StringProtocol) -> String {
        CaseFolding.hasCapitals(bytes) ? CaseFolding.lowered(bytes) : String(s)
    }
}
