/// An accepted finding: a rule silenced for some resources, with who-said-why and until when.
/// Read from the suppressions file (`--suppressions`); shown, never hidden, in every report.
public struct Suppression: Sendable, Hashable {
    public var ruleID: String
    /// A resource id or router path, or a glob over them (`*` any run of characters, `?` one),
    /// compared case-insensitively like Azure ids.
    public var resource: String
    public var justification: String
    /// The last day (UTC, `YYYY-MM-DD`) the suppression holds; nil for no end.
    public var expires: String?
    public var location: SourceLocation

    public init(ruleID: String, resource: String, justification: String, expires: String?, location: SourceLocation) {
        self.ruleID = ruleID
        self.resource = resource
        self.justification = justification
        self.expires = expires
        self.location = location
    }

    /// Whether it has expired on `today` (`YYYY-MM-DD`, which compares as text).
    public func isExpired(on today: String) -> Bool { expires.map { $0 < today } ?? false }

    public func matches(_ f: Finding) -> Bool {
        f.ruleID.lowercased() == ruleID.lowercased() && Self.glob(Array(resource.lowercased().unicodeScalars), Array(f.subject.lowercased().unicodeScalars))
    }

    static func glob(_ p: [Unicode.Scalar], _ s: [Unicode.Scalar]) -> Bool {
        var pi = 0, si = 0, star = -1, mark = 0
        while si < s.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == s[si]) {
                pi += 1; si += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi; mark = si; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; si = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

/// Whether a finding was already there in the baseline run (SARIF `baselineState`).
public enum BaselineState: String, Sendable, Hashable, Codable {
    case new, unchanged, absent
}

/// A finding of the baseline run, as its SARIF said it: enough to report it as absent now.
public struct BaselineEntry: Sendable, Hashable {
    public var fingerprint: String
    public var ruleID: String
    public var message: String
    public var subject: String?
    public var customer: String?
    public var location: SourceLocation?

    public init(fingerprint: String, ruleID: String, message: String, subject: String?, customer: String?, location: SourceLocation?) {
        self.fingerprint = fingerprint
        self.ruleID = ruleID
        self.message = message
        self.subject = subject
        self.customer = customer
        self.location = location
    }
}
