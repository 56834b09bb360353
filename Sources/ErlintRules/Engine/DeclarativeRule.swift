import Foundation
import ErlintModel

/// Runs a rule a CSP wrote in YAML: every resource of one type (for customers of the scoped
/// posture, and matching `when`) must satisfy `require`. A violation's message lists each failed
/// comparison with the value the export holds, so the evidence is in the finding.
///
/// Semantics: strings compare case-insensitively (Azure's own convention); on a list field a
/// comparison holds when it holds for every element; a field the export does not set fails every
/// comparison except `exists: false`, `notEquals` and `notIn`.
struct DeclarativeRule {
    let check: DeclarativeCheck
    let postures: [String: Posture]
    private let regexes: [String: NSRegularExpression]

    init(check: DeclarativeCheck, postures: [String: Posture]) {
        self.check = check
        self.postures = postures
        var r: [String: NSRegularExpression] = [:]
        for p in Self.patterns(check.require) + (check.when.map(Self.patterns) ?? []) {
            r[p] = try? NSRegularExpression(pattern: "^(?:" + p + ")$")
        }
        regexes = r
    }

    func check(_ audit: inout RuleAudit) {
        for node in audit.graph.nodes(NodeKind(check.resourceType)) {
            guard let resource = node.resource, resource.type == check.resourceType,
                  inScope(audit.posture(of: node)) else { continue }
            if let when = check.when, !holds(when, resource) { continue }
            audit.checking(node)
            if !holds(check.require, resource) {
                let evidence = failures(check.require, resource).joined(separator: "; ")
                audit.violation(node, "\(audit.entry.title): \(evidence)")
            }
        }
    }

    func inScope(_ posture: Posture) -> Bool {
        switch check.posture {
        case nil: return true
        case .profile(let name)?: return posture.name == name
        case .fields(let fields)?: return fields.allSatisfy { posture.value(of: $0.key) == $0.value }
        }
    }

    // MARK: Evaluation

    func holds(_ c: ResourceCondition, _ r: Resource) -> Bool {
        switch c {
        case .allOf(let cs): cs.allSatisfy { holds($0, r) }
        case .anyOf(let cs): cs.contains { holds($0, r) }
        case .not(let c): !holds(c, r)
        case .test(let t): holds(t, ResourceFields.value(t.field, of: r))
        }
    }

    func holds(_ t: FieldTest, _ value: FieldValue?) -> Bool {
        switch t.operation {
        case .exists(let want):
            if case .list(let l)? = value { return l.isEmpty != want }
            return (value != nil) == want
        case .notEquals(let v): return value.map { every($0) { !Self.same($0, v) } } ?? true
        case .notIn(let vs): return value.map { every($0) { e in !vs.contains { Self.same(e, $0) } } } ?? true
        default: break
        }
        guard let value else { return false }
        switch t.operation {
        case .equals(let v): return every(value) { Self.same($0, v) }
        case .in(let vs): return every(value) { e in vs.contains { Self.same(e, $0) } }
        case .matches(let p):
            guard let re = regexes[p] else { return false }
            return every(value) { e in
                let s = Self.text(e)
                return re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
            }
        case .less(let x): return every(value) { Self.number($0).map { $0 < x } ?? false }
        case .greater(let x): return every(value) { Self.number($0).map { $0 > x } ?? false }
        case .exists, .notEquals, .notIn: return false
        }
    }

    func every(_ value: FieldValue, _ test: (FieldValue) -> Bool) -> Bool {
        if case .list(let l) = value { return l.allSatisfy(test) }
        return test(value)
    }

    static func same(_ a: FieldValue, _ b: FieldValue) -> Bool {
        switch (a, b) {
        case let (.number(x), .number(y)): x == y
        case let (.bool(x), .bool(y)): x == y
        default: text(a).lowercased() == text(b).lowercased()
        }
    }

    static func text(_ v: FieldValue) -> String {
        if case .string(let s) = v { return s }
        return v.description
    }

    static func number(_ v: FieldValue) -> Double? {
        switch v {
        case .number(let n): n
        case .string(let s): Double(s)
        default: nil
        }
    }

    // MARK: Evidence

    /// The failed comparisons under a condition that does not hold, with the values found.
    func failures(_ c: ResourceCondition, _ r: Resource) -> [String] {
        switch c {
        case .allOf(let cs): return cs.filter { !holds($0, r) }.flatMap { failures($0, r) }
        case .anyOf(let cs): return ["none of: " + cs.flatMap { failures($0, r) }.joined(separator: " | ")]
        case .not(let inner): return ["must not hold: \(inner)"]
        case .test(let t):
            let found = ResourceFields.value(t.field, of: r).map(\.description) ?? "not set"
            return ["\(t.field) is \(found), expected \(t.operation)"]
        }
    }

    static func patterns(_ c: ResourceCondition) -> [String] {
        switch c {
        case .allOf(let cs), .anyOf(let cs): cs.flatMap(patterns)
        case .not(let c): patterns(c)
        case .test(let t): if case .matches(let p) = t.operation { [p] } else { [] }
        }
    }
}
