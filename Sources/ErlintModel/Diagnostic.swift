/// A problem with the input itself (as opposed to a finding about the estate).
///
/// Ingest never stops at the first bad file: each problem becomes a diagnostic that says where it
/// is and what was expected, and the rest of the estate is still read.
public struct Diagnostic: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
        /// Input that could not be read; the audit is incomplete (exit status 2).
        case error
        /// Input that was read but is suspicious or partly ignored.
        case warning
        /// Information a reader should see, e.g. an unresolved template expression.
        case note

        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public let severity: Severity
    public let location: SourceLocation
    public let message: String

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(severity.rawValue): \(message)" }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.location, lhs.severity, lhs.message) < (rhs.location, rhs.severity, rhs.message)
    }
}
