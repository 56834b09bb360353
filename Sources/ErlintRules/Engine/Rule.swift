import ErlintModel

/// A built-in rule: one Swift file holding its id, the parameters it reads, its examples and the
/// check. Its texts, severity and parameter values are its entry in `rules/` (same id), so a CSP
/// can change them without Swift, and `erlint rules`, `explain` and the reports read them there.
public protocol Rule: Sendable {
    /// Short and stable, e.g. `HA001`; the rule pack entry with this id describes the rule.
    static var id: String { get }
    /// The kinds of node whose fields the check reads: what its audit covers. Resources of
    /// other kinds are reported as not audited (`RuleEngine.auditedKinds`), never dropped unseen.
    static var reads: Set<NodeKind> { get }
    /// The parameters the check reads, with their types; the pack gives the values.
    static var parameters: [(name: String, kind: RuleParameter.Kind)] { get }
    /// Estate fragments that break the rule and that pass it; they are its tests.
    static var examples: [RuleExample] { get }
    init()
    /// Reads the graph and reports through `audit`. Must not depend on anything but the graph,
    /// the posture and the parameters, so the same estate always gives the same findings.
    func check(_ audit: inout RuleAudit)
}

extension Rule {
    public static var parameters: [(name: String, kind: RuleParameter.Kind)] { [] }
}

/// What one rule sees while it runs, and where its findings go.
public struct RuleAudit {
    public let graph: EstateGraph
    public let entry: RuleEntry
    let postures: PostureResolver
    public private(set) var findings: [Finding] = []
    /// Subjects the rule examined (passed or not), so reports can count passes.
    public private(set) var checked: [CheckedSubject] = []

    init(graph: EstateGraph, entry: RuleEntry, postures: PostureResolver) {
        self.graph = graph
        self.entry = entry
        self.postures = postures
    }

    /// The posture of a node's customer, or the baseline for resources no customer claims.
    public func posture(of node: EstateNode) -> Posture { postures.posture(of: node.id) }

    /// Records that the rule examined a subject.
    public mutating func checking(_ node: EstateNode) {
        checked.append(CheckedSubject(subject: node.subject, customer: graph.customerID(of: node.id)))
    }

    /// A violation at `node`. `severity` lets a rule report a weaker case (a warning where the
    /// rule's severity is error); it is never more severe than the entry's, so a CSP lowering a
    /// rule's severity lowers all of its findings.
    public mutating func violation(_ node: EstateNode, _ message: String, severity: Severity? = nil,
                                   fix: String? = nil, related: [RelatedLocation] = []) {
        let s = severity.map { max($0, entry.severity) } ?? entry.severity
        findings.append(finding(node, message, s, .violation, fix, related))
    }

    /// The rule cannot decide for lack of data; `message` says what is missing.
    public mutating func inconclusive(_ node: EstateNode, _ message: String, related: [RelatedLocation] = []) {
        findings.append(finding(node, message, .note, .inconclusive, nil, related))
    }

    /// The fields among `fields` that `node`'s resource could not be read for (an unresolved
    /// template expression, or a value erlint cannot interpret), matched on the path as read:
    /// `sku.name`, or a field inside one (`serviceProviderProperties` for its members), or an
    /// item of a list (`ipsecPolicies` for `ipsecPolicies[]...`).
    public func unreadable(_ node: EstateNode, _ fields: [String]) -> [UnresolvedField] {
        guard let unresolved = node.resource?.unresolved, !unresolved.isEmpty else { return [] }
        return unresolved.filter { u in
            fields.contains { f in
                u.field == f || u.field.hasPrefix(f + ".") || u.field.hasPrefix(f + "[") || f.hasPrefix(u.field + ".")
            }
        }
    }

    /// Says the rule cannot decide `what` for `subject` because fields of `source` (the subject
    /// itself unless given) could not be read, and returns true; returns false, saying nothing,
    /// when they were all read. A rule calls it where a missing value would otherwise pass the
    /// subject unseen.
    @discardableResult
    public mutating func cannotDecide(_ subject: EstateNode, _ what: String, without fields: [String], of source: EstateNode? = nil) -> Bool {
        let unknown = unreadable(source ?? subject, fields)
        guard let first = unknown.first else { return false }
        let owner = source.map { " of \($0.name)" } ?? ""
        let why = unknown.map { u in
            u.reason == .expression ? "'\(u.field)'\(owner) is the template expression \(u.expression)"
                : "'\(u.field)'\(owner) could not be read (\(u.expression))"
        }
        inconclusive(subject, "cannot decide \(what): " + why.joined(separator: "; "),
                     related: [RelatedLocation("'\(first.field)' as written", first.location)])
        return true
    }

    func finding(_ node: EstateNode, _ message: String, _ severity: Severity, _ status: Finding.Status,
                 _ fix: String?, _ related: [RelatedLocation]) -> Finding {
        Finding(ruleID: entry.id, severity: severity, status: status, customer: graph.customerID(of: node.id),
                subject: node.subject, subjectKind: node.kind.rawValue, location: node.origin, message: message,
                fix: fix ?? entry.remediation, related: related)
    }

    // MARK: Parameters (types are checked against `Rule.parameters` before the rule runs)

    public func integers(_ name: String) -> [Int] {
        if case .integers(let v)? = entry.parameter(name)?.value { v } else { [] }
    }
    public func integer(_ name: String) -> Int? {
        if case .integer(let v)? = entry.parameter(name)?.value { v } else { nil }
    }
    public func strings(_ name: String) -> [String] {
        if case .strings(let v)? = entry.parameter(name)?.value { v } else { [] }
    }
    public func string(_ name: String) -> String? {
        if case .string(let v)? = entry.parameter(name)?.value { v } else { nil }
    }
    public func boolean(_ name: String) -> Bool? {
        if case .boolean(let v)? = entry.parameter(name)?.value { v } else { nil }
    }
    public func prefixes(_ name: String) -> [IPPrefix] {
        if case .prefixes(let v)? = entry.parameter(name)?.value { v } else { [] }
    }
}
