/// The rule pack as read: every rule entry (built-in and declarative), in id order, and the
/// posture profiles.
public struct RulePackContents: Sendable {
    public var entries: [RuleEntry]
    public var postures: [String: Posture]

    public init(entries: [RuleEntry], postures: [String: Posture]) {
        self.entries = entries
        self.postures = postures
    }

    public func entry(_ id: String) -> RuleEntry? { entries.first { $0.id.lowercased() == id.lowercased() } }

    /// The posture for resources no customer claims.
    public var baseline: Posture { postures["baseline"] ?? Posture(name: "baseline") }
}
