import Foundation
import ErlintModel

/// Everything a reporter needs about one audit: findings and rule entries (never the rules
/// themselves), what each rule examined, the input problems, and the run's context.
public struct AuditReport: Sendable {
    public var toolVersion: String
    public var findings: [Finding]
    /// The rules that ran, by id.
    public var rules: [RuleEntry]
    /// Per rule id, the subjects it examined (passes are those without a finding), sorted by
    /// case-folded subject and customer within each batch of the run (one customer's subjects
    /// are all in one batch).
    public var checked: [String: CheckedSubjects]
    public private(set) var customers: [Customer]
    /// Input and rule-pack problems, sorted.
    public var diagnostics: [Diagnostic]
    public var files: Int
    /// The files read, as given (SARIF `artifacts`); their count is `files`.
    public var artifacts: [String] = []
    /// Set when this run audited one shard (`--shard K/N`); SARIF records it for `erlint merge`.
    public var shard: EstateShard?
    public var routers: Int
    public var resources: Int
    /// Of `resources`, those of types no enabled rule evaluates, by type: read, not audited.
    public var unaudited: [String: Int] = [:]
    /// The folder file URIs are made relative to (`%SRCROOT%` in SARIF), absolute.
    public var sourceRoot: String
    /// When the run happened; nil leaves it out of every report (`--no-timestamp`).
    public var timestamp: Date?
    /// What the HTML report draws per customer.
    public var topology: [CustomerTopology]
    /// Per finding (same order): its state against the baseline and the suppression that
    /// silences it. Empty triage means no baseline and no suppression.
    public var triage: [Triage]
    /// Findings of the baseline that are gone now.
    public var absent: [BaselineEntry]
    private var customerIndex: [String: Customer]

    public struct Triage: Sendable, Hashable {
        public var baseline: BaselineState?
        public var suppression: Suppression?
        public init(baseline: BaselineState? = nil, suppression: Suppression? = nil) {
            self.baseline = baseline
            self.suppression = suppression
        }
    }

    public init(toolVersion: String, findings: [Finding], rules: [RuleEntry], checked: [String: [CheckedSubject]],
                customers: [Customer], diagnostics: [Diagnostic], files: Int, routers: Int, resources: Int,
                sourceRoot: String, timestamp: Date?, topology: [CustomerTopology] = []) {
        self.toolVersion = toolVersion
        self.findings = findings
        self.rules = rules
        self.checked = checked.mapValues(CheckedSubjects.init)
        self.customers = customers
        self.diagnostics = diagnostics
        self.files = files
        self.routers = routers
        self.resources = resources
        self.sourceRoot = sourceRoot
        self.timestamp = timestamp
        self.topology = topology
        self.triage = Array(repeating: Triage(), count: findings.count)
        self.customerIndex = Dictionary(customers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.absent = []
    }

    /// Marks findings new or unchanged against a baseline (its gone findings become `absent`) and
    /// silences those a live suppression matches. Returns warnings for expired suppressions,
    /// which silence nothing and are reported so that someone renews or drops them.
    public mutating func apply(baseline: [BaselineEntry]?, suppressions: [Suppression], today: String) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        let live = suppressions.filter { s in
            guard s.isExpired(on: today) else { return true }
            warnings.append(Diagnostic(.warning, s.location,
                "suppression of \(s.ruleID) for \(s.resource) expired on \(s.expires!); its findings are reported again (justification was: \(s.justification))"))
            return false
        }
        let prints = fingerprints()
        let known = Set(baseline?.map(\.fingerprint) ?? [])
        for i in findings.indices {
            triage[i].suppression = live.first { $0.matches(findings[i]) }
            if baseline != nil { triage[i].baseline = known.contains(prints[i]) ? .unchanged : .new }
        }
        let current = Set(prints)
        // In a fixed order (rule, subject, message, fingerprint), so that the shards' absent
        // findings merge into the order one run gives.
        absent = (baseline ?? []).filter { !current.contains($0.fingerprint) }
            .map { (($0.ruleID, $0.subject?.caseFolded ?? "", $0.message, $0.fingerprint), $0) }
            .sorted { $0.0 < $1.0 }.map(\.1)
        return warnings
    }

    /// Whether the run fails the gate: a finding at or above `threshold`, not suppressed, and
    /// (with `newOnly`) not already in the baseline.
    public func fails(at threshold: Severity, newOnly: Bool) -> Bool {
        zip(findings, triage).contains { f, t in
            f.severity <= threshold && t.suppression == nil && (!newOnly || t.baseline != .unchanged)
        }
    }

    /// The part of the report about one customer: its findings and checked subjects (input
    /// problems stay, since they cannot be attributed to a customer).
    public func only(customer id: String) -> AuditReport {
        var r = self
        let keep = findings.indices.filter { findings[$0].customer == id }
        r.findings = keep.map { findings[$0] }
        r.triage = keep.map { triage[$0] }
        r.absent = absent.filter { $0.customer == id }
        r.checked = checked.mapValues { CheckedSubjects($0.filter { $0.customer == id }) }
        r.customers = customers.filter { $0.id == id }
        r.customerIndex = r.customers.first.map { [$0.id: $0] } ?? [:]
        r.topology = topology.filter { $0.customer == id }
        return r
    }

    /// Whether every input and the rule pack were read (SARIF `executionSuccessful`).
    public var inputComplete: Bool { !diagnostics.contains { $0.severity == .error } }

    public func rule(_ id: String) -> RuleEntry? { rules.first { $0.id == id } }

    /// A customer by id, through an index built once (reports look one up per finding).
    public func customer(_ id: String) -> Customer? { customerIndex[id] }

    /// A path relative to `sourceRoot` when it lies inside it, else absolute.
    public func relativePath(_ file: String) -> (path: String, underRoot: Bool) {
        let absolute = file.hasPrefix("/") ? file : sourceRoot + "/" + file
        let standard = Self.removingDotSegments(absolute)
        let root = sourceRoot.hasSuffix("/") ? sourceRoot : sourceRoot + "/"
        return standard.hasPrefix(root) ? (String(standard.dropFirst(root.count)), true) : (standard, false)
    }

    /// An absolute path without `.` and `..` segments and repeated slashes, as
    /// `URL.standardizedFileURL` gives it (symbolic links are not followed), on the text alone:
    /// through `URL` it cost some 50,000 instructions per location, and reports place every finding
    /// and every file read. A path with nothing to remove is found by one pass over its bytes
    /// (`contains` on strings, Foundation's, cost 8,000 instructions a call).
    static func removingDotSegments(_ path: String) -> String {
        var afterSlash = false, clean = true
        for b in path.utf8 {
            if afterSlash && (b == 0x2F || b == 0x2E) {
                clean = false
                break
            }
            afterSlash = b == 0x2F
        }
        if clean && !afterSlash { return path }
        var kept: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." { _ = kept.popLast(); continue }
            kept.append(segment)
        }
        return "/" + kept.joined(separator: "/")
    }

    /// The stable identity of each finding: rule, subject (case-folded) and, when one subject has
    /// several findings of one rule, their position in message order. Line numbers and unrelated
    /// files do not enter it, so baselines survive edits elsewhere.
    public func fingerprints() -> [String] {
        var seen: [String: Int] = [:]
        return findings.map { f in
            let key = f.ruleID + "|" + f.subject.caseFolded
            let n = seen[key, default: 0]
            seen[key] = n + 1
            return Self.fnv1a(key + (n == 0 ? "" : "|\(n)"))
        }
    }

    /// 64-bit FNV-1a as 16 hex digits: stable across platforms and runs (Swift's Hasher is not).
    static func fnv1a(_ text: String) -> String {
        let h = StableHash.fnv1a(text)
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// ISO 8601 in UTC without fraction (`2026-11-22T05:30:00Z`). Formatted by Foundation's own
    /// ISO 8601 style, in GMT: `ISO8601DateFormatter` and a `Calendar` went through ICU, whose
    /// start-up and data were 5 MB of an audit's resident memory.
    public static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }
}
