/// An Azure resource id. Azure compares ids case-insensitively, exports spell them
/// inconsistently (Resource Graph lowercases them), so equality uses a folded key while the
/// original spelling is kept for display.
public struct ResourceID: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The id as first written in the export.
    public let text: String
    /// ASCII-lowercased, trailing slash removed: the identity used for lookups.
    public let key: String

    public init(_ text: String) {
        var t = Substring(text.trimmingASCIIWhitespace())
        while t.count > 1 && t.hasSuffix("/") { t = t.dropLast() }
        self.text = String(t)
        self.key = ResourceID.fold(self.text)
    }

    public var description: String { text }

    public static func == (lhs: ResourceID, rhs: ResourceID) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
    public static func < (lhs: ResourceID, rhs: ResourceID) -> Bool { lhs.key < rhs.key }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }

    /// The subscription GUID from `/subscriptions/<guid>/...`, lowercased.
    public var subscription: String? { segment(after: "subscriptions").map(ResourceID.fold) }

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

    /// Appends a child segment, e.g. `circuit.child("peerings", "AzurePrivatePeering")`.
    public func child(_ collection: String, _ name: String) -> ResourceID {
        ResourceID(text + "/" + collection + "/" + name)
    }

    private func segment(after name: String) -> String? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: true)
        guard let i = parts.firstIndex(where: { ResourceID.fold($0) == name }), i + 1 < parts.count else {
            return nil
        }
        return String(parts[i + 1])
    }

    static func fold(_ s: some StringProtocol) -> String {
        String(decoding: s.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
