/// A problem with the input itself (as opposed to a finding about the estate).
///
/// Ingest never stops at the first bad file: each problem becomes a diagnostic that says where it
/// is and what was expected, and the rest of the estate is still read.
public struct Diagnostic: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public typealias Severity = ErlintModel.Severity

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
