/// How much a diagnostic or finding matters; `--fail-on` and the reports sort by it.
public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    /// For a diagnostic: input that could not be read (exit status 2). For a finding: a violation
    /// that fails a CI gate by default.
    case error
    /// Read but suspicious, or a weaker violation (e.g. a missing BFD session).
    case warning
    /// Information a reader should see: an unresolved template expression, or a rule that could
    /// not decide for lack of data.
    case note

    private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
    /// Errors sort first.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
