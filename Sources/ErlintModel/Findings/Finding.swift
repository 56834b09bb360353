/// One thing a rule found about the estate: what broke, where it was read, the evidence and the
/// fix. Reporters see findings and rule entries only, never the rules themselves.
public struct Finding: Sendable, Hashable, Comparable, Codable {
    public enum Status: String, Sendable, Hashable, Codable, Comparable {
        /// The estate breaks the rule.
        case violation
        /// The rule could not decide for lack of data (always severity `note`); the message says
        /// what is missing. Never a silent pass.
        case inconclusive

        public static func < (lhs: Status, rhs: Status) -> Bool { lhs == .violation && rhs == .inconclusive }
    }

    public let ruleID: String
    public let severity: Severity
    public let status: Status
    /// The customer the resource belongs to; nil for resources no customer claims.
    public let customer: String?
    /// What the finding is about, as a person reads it: an Azure resource id, or
    /// `router/<name>/sessions/<vrf>/<neighbor>` style paths for router parts.
    public let subject: String
    /// The subject's kind in the graph (`circuit`, `bgpSession`…).
    public let subjectKind: String
    /// Where the subject was read.
    public let location: SourceLocation?
    /// The evidence: the values that broke the rule.
    public let message: String
    /// What to do about it.
    public let fix: String
    /// Other places that matter, e.g. the router config line of a session.
    public let related: [RelatedLocation]

    public init(ruleID: String, severity: Severity, status: Status, customer: String?, subject: String,
                subjectKind: String, location: SourceLocation?, message: String, fix: String,
                related: [RelatedLocation] = []) {
        self.ruleID = ruleID
        self.severity = severity
        self.status = status
        self.customer = customer
        self.subject = subject
        self.subjectKind = subjectKind
        self.location = location
        self.message = message
        self.fix = fix
        self.related = related
    }

    /// Findings in report order, with the case-folded subjects computed once rather than in every
    /// comparison. Same order as `<`.
    public static func sorted(_ findings: [Finding]) -> [Finding] {
        findings.map { (f: $0, subject: $0.subject.lowercased()) }.sorted { a, b in
            let l = (a.f.customer ?? "\u{10FFFF}", a.f.ruleID, a.subject, a.f.message)
            let r = (b.f.customer ?? "\u{10FFFF}", b.f.ruleID, b.subject, b.f.message)
            return l != r ? l < r : a.f < b.f
        }.map(\.f)
    }

    /// Customer (unclaimed last), rule, subject (case-insensitive), then message: the order of
    /// every report, independent of how rules were scheduled.
    public static func < (lhs: Finding, rhs: Finding) -> Bool {
        let l = (lhs.customer ?? "\u{10FFFF}", lhs.ruleID, lhs.subject.lowercased(), lhs.message)
        let r = (rhs.customer ?? "\u{10FFFF}", rhs.ruleID, rhs.subject.lowercased(), rhs.message)
        if l != r { return l < r }
        let lp = lhs.location.map { ($0.file, $0.line, $0.column) } ?? ("", 0, 0)
        let rp = rhs.location.map { ($0.file, $0.line, $0.column) } ?? ("", 0, 0)
        return (lp.0, lp.1, lp.2, lhs.severity) < (rp.0, rp.1, rp.2, rhs.severity)
    }
}

/// A second place a finding points at, with what it is.
public struct RelatedLocation: Sendable, Hashable, Codable {
    public let message: String
    public let location: SourceLocation

    public init(_ message: String, _ location: SourceLocation) {
        self.message = message
        self.location = location
    }
}

/// A subject a rule examined, with its customer: reports count passes from these.
public struct CheckedSubject: Sendable, Hashable, Comparable, Codable {
    public let subject: String
    public let customer: String?

    public init(subject: String, customer: String?) {
        self.subject = subject
        self.customer = customer
    }

    public static func < (lhs: CheckedSubject, rhs: CheckedSubject) -> Bool {
        (lhs.subject.lowercased(), lhs.customer ?? "") < (rhs.subject.lowercased(), rhs.customer ?? "")
    }
}
