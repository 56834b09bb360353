import Dispatch
import Foundation
import ErlintModel

/// What an audit found, in one deterministic order.
public struct AuditResult: Sendable {
    /// Sorted by customer, rule, subject and message.
    public let findings: [Finding]
    /// The rules that ran, in id order.
    public let rules: [RuleEntry]
    /// Per rule id, the subjects it examined (sorted, unique): passes are the ones without a finding.
    public let checked: [String: [CheckedSubject]]
    /// Problems with the rule pack itself (a built-in rule without an entry, a parameter of the
    /// wrong type): such a rule does not run, and the audit says so.
    public let diagnostics: [Diagnostic]
}

/// Runs every enabled rule of the pack over the graph, concurrently, and merges the findings.
public struct RuleEngine: Sendable {
    public let pack: RulePackContents
    public let builtIns: [any Rule.Type]

    public init(pack: RulePackContents, builtIns: [any Rule.Type] = BuiltInRules.all) {
        self.pack = pack
        self.builtIns = builtIns
    }

    enum Plan: Sendable {
        case builtIn(any Rule.Type, RuleEntry)
        case declarative(DeclarativeCheck, RuleEntry)
        var entry: RuleEntry {
            switch self {
            case .builtIn(_, let e), .declarative(_, let e): e
            }
        }
    }

    /// Which rules run, and why any does not. `only` restricts to some ids (tests, `--rule`).
    func plan(only: Set<String>?) -> (plans: [Plan], diagnostics: [Diagnostic]) {
        var plans: [Plan] = []
        var diagnostics: [Diagnostic] = []
        var byID: [String: any Rule.Type] = [:]
        for r in builtIns { byID[r.id.lowercased()] = r }
        for entry in pack.entries where only?.contains(entry.id) ?? true {
            guard entry.enabled else { continue }
            if let rule = byID.removeValue(forKey: entry.id.lowercased()) {
                var ok = true
                for p in rule.parameters where entry.parameter(p.name)?.value.kind != p.kind {
                    diagnostics.append(Diagnostic(.error, entry.location,
                        "rule \(entry.id) needs parameter '\(p.name)' of type \(p.kind.rawValue) in its entry; the rule did not run"))
                    ok = false
                }
                if ok { plans.append(.builtIn(rule, entry)) }
            } else if let check = entry.check {
                plans.append(.declarative(check, entry))
            } else {
                diagnostics.append(Diagnostic(.error, entry.location,
                    "rule entry \(entry.id) names no built-in rule and has no check: expected a 'check' block"))
            }
        }
        for rule in byID.values where only?.contains(rule.id) ?? true {
            diagnostics.append(Diagnostic(.error, .wholeFile("rules"),
                "built-in rule \(rule.id) has no entry in the rule pack; it did not run (is --rules pointing at an old pack?)"))
        }
        return (plans, diagnostics.sorted())
    }

    /// The kinds of node the enabled rules read (`Rule.reads`, and each declarative rule's
    /// resource type): resources of any other kind are read but not audited.
    public func auditedKinds(only: Set<String>? = nil) -> Set<NodeKind> {
        var kinds = Set<NodeKind>()
        for p in plan(only: only).plans {
            switch p {
            case .builtIn(let rule, _): kinds.formUnion(rule.reads)
            case .declarative(let check, _): kinds.insert(NodeKind(check.resourceType))
            }
        }
        return kinds
    }

    /// A rule's subjects without repeats, by folded subject, then customer, then subject as
    /// written (so that two spellings of one id keep a fixed order). Sorted on keys computed once
    /// (comparing with lowercased() inside the sort made merging cost as much as running the
    /// rules on a large estate), by each rule's own worker, and repeats dropped as neighbours
    /// once sorted: a set of the subjects first, and `String`'s general comparison, were most of
    /// it. ASCII keys compare as bytes, which for ASCII is the order `String` gives.
    static func sortedUnique(_ checked: [CheckedSubject]) -> [CheckedSubject] {
        sortedUniqueASCII(checked) ?? sortedUniqueFolding(checked)
    }

    /// `sortedUnique` for any text, with a folded string per subject.
    static func sortedUniqueFolding(_ checked: [CheckedSubject]) -> [CheckedSubject] {
        struct Key { var folded: String; var ascii: Bool; var index: Int }
        var keys: [Key] = []
        keys.reserveCapacity(checked.count)
        for (n, c) in checked.enumerated() {
            let (folded, ascii) = c.subject.caseFoldedTellingASCII
            keys.append(Key(folded: folded, ascii: ascii, index: n))
        }
        func foldedOrder(_ a: Key, _ b: Key) -> Int {
            guard a.ascii && b.ascii else { return a.folded < b.folded ? -1 : a.folded == b.folded ? 0 : 1 }
            var x = a.folded, y = b.folded
            return x.withUTF8 { p in y.withUTF8 { q in ByteOrder.compare(p, q) } }
        }
        keys.sort { a, b in
            let c = foldedOrder(a, b)
            if c != 0 { return c < 0 }
            let x = checked[a.index], y = checked[b.index]
            if x.customer != y.customer { return (x.customer ?? "") < (y.customer ?? "") }
            return x.subject < y.subject
        }
        var out: [CheckedSubject] = []
        out.reserveCapacity(keys.count)
        for k in keys where out.last != checked[k.index] { out.append(checked[k.index]) }
        return out
    }

    /// `sortedUnique` when every subject is ASCII (nil otherwise): the folded subjects are
    /// written into one buffer and compared there with `memcmp`, instead of a folded string made
    /// for each (which for ASCII compare in the same order). Subjects are ids of 100 to 200
    /// bytes, and a rule examines hundreds of thousands of them in a large estate.
    static func sortedUniqueASCII(_ checked: [CheckedSubject]) -> [CheckedSubject]? {
        var folded: [UInt8] = []
        folded.reserveCapacity(checked.count * 160)
        var starts: [Int] = []
        starts.reserveCapacity(checked.count + 1)
        for c in checked {
            var subject = c.subject
            let ascii = subject.withUTF8 { bytes in
                guard FoldedBytes.isASCII(bytes) else { return false }
                starts.append(folded.count)
                FoldedBytes.appendFolded(bytes, to: &folded)
                return true
            }
            if !ascii { return nil }
        }
        starts.append(folded.count)
        return folded.withUnsafeBufferPointer { f -> [CheckedSubject] in
            func foldedOrder(_ a: Int, _ b: Int) -> Int {
                ByteOrder.compare(UnsafeBufferPointer(rebasing: f[starts[a]..<starts[a + 1]]),
                                  UnsafeBufferPointer(rebasing: f[starts[b]..<starts[b + 1]]))
            }
            // Rules examine nodes in graph order, which is usually the folded subjects' order
            // already: strictly increasing, the subjects are sorted and have no repeats as they are.
            var increasing = true
            for n in checked.indices.dropFirst() where foldedOrder(n - 1, n) >= 0 {
                increasing = false
                break
            }
            if increasing { return checked }
            var order = Array(checked.indices)
            order.sort { a, b in
                let c = foldedOrder(a, b)
                if c != 0 { return c < 0 }
                let x = checked[a], y = checked[b]
                if x.customer != y.customer { return (x.customer ?? "") < (y.customer ?? "") }
                return x.subject < y.subject
            }
            var out: [CheckedSubject] = []
            out.reserveCapacity(order.count)
            var last = -1
            for n in order {
                // A repeat has the same folded subject as the one kept before it.
                if last >= 0, foldedOrder(last, n) == 0, out[out.count - 1] == checked[n] { continue }
                out.append(checked[n])
                last = n
            }
            return out
        }
    }

    /// `progress` is called from worker threads after each rule, with (rules run, rules in all).
    /// With a shard plan, only the findings and checked subjects that are the shard's own are
    /// kept: the graph also holds other customers' resources read for context.
    public func run(_ graph: EstateGraph, only: Set<String>? = nil, shard: ShardPlan? = nil,
                    progress: (@Sendable (Int, Int) -> Void)? = nil) -> AuditResult {
        let (plans, diagnostics) = plan(only: only)
        let counter = progress.map { ProgressCounter(total: plans.count, report: $0) }
        let resolver = PostureResolver(graph: graph, baseline: pack.baseline)
        let slots = ResultSlots<(findings: [Finding], checked: [CheckedSubject])>(count: plans.count)
        DispatchQueue.concurrentPerform(iterations: plans.count) { i in
            var audit = RuleAudit(graph: graph, entry: plans[i].entry, postures: resolver)
            switch plans[i] {
            case .builtIn(let rule, _): rule.init().check(&audit)
            case .declarative(let check, _): DeclarativeRule(check: check, postures: pack.postures).check(&audit)
            }
            if let shard {
                slots.set(i, (shard.owned(audit.findings, customer: { $0.customer }, subject: { $0.subject }),
                              Self.sortedUnique(shard.owned(audit.checked, customer: { $0.customer }, subject: { $0.subject }))))
            } else {
                slots.set(i, (audit.findings, Self.sortedUnique(audit.checked)))
            }
            counter?.step()
        }
        var findings: [Finding] = []
        var checked: [String: [CheckedSubject]] = [:]
        for (plan, result) in zip(plans, slots.values) {
            findings += result.findings
            checked[plan.entry.id] = result.checked
        }
        return AuditResult(findings: Finding.sorted(findings), rules: plans.map(\.entry).sorted { $0.id < $1.id },
                           checked: checked, diagnostics: diagnostics)
    }
}
