import Dispatch
import Foundation
import ErlintModel

/// JUnit XML (the Ant schema Jenkins, GitLab and Azure DevOps read) for CI gates: one test suite
/// per rule, one test case per (rule, subject examined), so passes are counted too. A violation
/// is a `<failure>` with the evidence; an inconclusive finding is `<skipped>` with what is missing;
/// input problems are `<error>`s in a suite of their own. classname = customer, so CI tools group
/// by customer; name = rule id and subject. Pure: report in, bytes out.
public enum JUnitReporter {
    public static func render(_ report: AuditReport) -> String {
        var out = ""
        write(report) { out += $0 }
        return out
    }

    /// The same, handed out a suite at a time: the JUnit of a large estate (one case per subject
    /// examined: 430 MB for 10,000 customers) is then never whole in memory.
    public static func write(_ report: AuditReport, to emit: (String) -> Void) {
        // The Ant schema requires a timestamp; with none asked for, the epoch keeps output stable.
        let timestamp = String((report.timestamp.map(AuditReport.iso8601) ?? "1970-01-01T00:00:00Z").prefix(19))
        emit("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n")
        var suiteID = 0
        // Case-folded subjects computed once per finding and per case, never inside a sort or a
        // lookup: for 100,000 subjects per rule that was most of the report's time.
        let folded = report.findings.map { $0.subject.caseFolded }
        var suppressions: [String: Suppression] = [:]
        var live: [String: [Int]] = [:]
        for (n, t) in report.triage.enumerated() {
            let key = report.findings[n].ruleID + "|" + folded[n]
            if let s = t.suppression { if suppressions[key] == nil { suppressions[key] = s } } else { live[report.findings[n].ruleID, default: []].append(n) }
        }
        let suppressed = suppressions
        let byRuleAll = Dictionary(grouping: report.findings.indices, by: { report.findings[$0].ruleID })
        for rule in report.rules {
            let bySubject = Dictionary(grouping: live[rule.id] ?? [], by: { folded[$0] }).mapValues { $0.map { report.findings[$0] } }
            // One pass over the subjects examined, rendering each case as it goes: a table of
            // every subject's folded key was the largest thing in memory for 10,000 customers.
            let ruleFindings = byRuleAll[rule.id] ?? []
            let findingSubjects = Set(ruleFindings.map { folded[$0] })
            var covered = Set<String>()
            // A case per subject examined (hundreds of thousands): its start made once per rule
            // (escaping goes character by character, so the rule id's part is the same in every
            // name), the text written into one string sized up front, and the finding tables
            // looked up only when they hold anything.
            let head = "    <testcase name=\"" + attribute(rule.id + " ")
            @Sendable func render(_ key: String, _ c: CheckedSubject) -> String {
                let mine = bySubject.isEmpty ? [] : bySubject[key] ?? []
                let subject = attribute(AuditTextReporter.shortSubject(c.subject)), customer = attribute(c.customer ?? "unclaimed")
                let suppression = suppressed.isEmpty ? nil : suppressed[rule.id + "|" + key]
                if mine.isEmpty && suppression == nil {
                    // Nearly every case: one string of five pieces, copied as bytes.
                    return joined(head, subject, "\" classname=\"", customer, "\" time=\"0\"/>\n")
                }
                var body = joined(head, subject, "\" classname=\"", customer, "\" time=\"0\"")
                let violations = mine.filter { $0.status == .violation }
                if let sup = suppression, violations.isEmpty {
                    body += ">\n      <skipped message=\"\(attribute("suppressed: " + sup.justification))\">"
                    body += text("suppressed at \(place(sup.location, report))" + (sup.expires.map { " until \($0)" } ?? "")) + "</skipped>\n    </testcase>\n"
                } else if !violations.isEmpty {
                    let severity = violations.map(\.severity).min()!
                    body += ">\n      <failure message=\"\(attribute(violations.map(\.message).joined(separator: " | ")))\" type=\"\(severity.rawValue)\">"
                    body += text(violations.map { detail($0, report) }.joined(separator: "\n\n")) + "</failure>\n    </testcase>\n"
                } else if !mine.isEmpty {
                    body += ">\n      <skipped message=\"\(attribute("inconclusive: " + mine.map(\.message).joined(separator: " | ")))\">"
                    body += text(mine.map { detail($0, report) }.joined(separator: "\n\n")) + "</skipped>\n    </testcase>\n"
                } else {
                    body += "/>\n"
                }
                return body
            }
            // Each batch's subjects are rendered on their own, on all cores at once, and sorted
            // there; the sorted runs are merged as the suite is written. Rendering, then sorting
            // the whole suite on one thread, was most of the report's tail after the batches.
            let parts = report.checked[rule.id]?.parts ?? []
            let rendered = ResultSlots<(cases: [String], common: Int, covered: Set<String>)>(count: parts.count)
            DispatchQueue.concurrentPerform(iterations: parts.count) { k in
                var cases: [String] = []
                var seen = Set<String>()
                cases.reserveCapacity(parts[k].count)
                for c in parts[k] {
                    let key = c.subject.caseFolded
                    if findingSubjects.contains(key) { seen.insert(key) }
                    cases.append(render(key, c))
                }
                rendered.set(k, (cases, commonStart(cases), seen))
            }
            var unsorted = rendered.values.map(\.cases)
            for part in rendered.values { covered.formUnion(part.covered) }
            // Findings on subjects the rule did not list as examined still get their case.
            var extra: [String: CheckedSubject] = [:]
            for n in ruleFindings where !covered.contains(folded[n]) {
                extra[folded[n]] = CheckedSubject(subject: report.findings[n].subject, customer: report.findings[n].customer)
            }
            var commons = rendered.values.map(\.common)
            if !extra.isEmpty {
                unsorted.append(extra.map { render($0.key, $0.value) })
                commons.append(commonStart(unsorted[unsorted.count - 1]))
            }
            // What every case of the suite shares: what each run shares, and what their first
            // cases share. The runs are keyed after it, so that they compare with each other.
            let common = zip(unsorted, commons).filter { !$0.0.isEmpty }
                .reduce(commonStart(unsorted.compactMap(\.first))) { Swift.min($0, $1.1) }
            let sorted = ResultSlots<SortedCases>(count: unsorted.count)
            let toSort = unsorted
            unsorted = []
            DispatchQueue.concurrentPerform(iterations: toSort.count) { k in sorted.set(k, SortedCases(toSort[k], common: common)) }
            let runs = sorted.values
            let properties = "    <properties>\n"
                + "      <property name=\"title\" value=\"\(attribute(rule.title))\"/>\n"
                + "      <property name=\"severity\" value=\"\(rule.severity.rawValue)\"/>\n"
                + "      <property name=\"family\" value=\"\(attribute(rule.family))\"/>\n"
                + "    </properties>\n"
            ruleSuite(id: suiteID, name: attribute("\(rule.id) \(rule.name)"), timestamp: timestamp, properties: properties,
                      runs: runs, to: emit)
            suiteID += 1
        }
        emit(inputSuite(id: suiteID, timestamp: timestamp, report: report))
        emit("</testsuites>\n")
    }

    /// One rule's suite. Cases are ordered by their own text, case-insensitively (so by short
    /// subject, then customer), which `erlint merge` can repeat on the shards' cases to give
    /// exactly the order of one run; the counts come from the cases. Handed out a case at a time:
    /// a rule with three million cases (UDR002 over 10,000 customers) is never one string.
    public static func ruleSuite(id: Int, name: String, timestamp: String, properties: String, cases: [String], to emit: (String) -> Void) {
        ruleSuite(id: id, name: name, timestamp: timestamp, properties: properties,
                  runs: [SortedCases(cases, common: commonStart(cases))], to: emit)
    }

    /// The same from runs of cases each sorted on its own, merged as they are written.
    static func ruleSuite(id: Int, name: String, timestamp: String, properties: String, runs: [SortedCases], to emit: (String) -> Void) {
        let tests = runs.reduce(0) { $0 + $1.cases.count }
        let failures = runs.reduce(0) { $0 + $1.failures }, skipped = runs.reduce(0) { $0 + $1.skipped }
        emit("  <testsuite package=\"erlint\" id=\"\(id)\" name=\"\(name)\" timestamp=\"\(timestamp)\" hostname=\"erlint\""
            + " tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"0\">\n" + properties)
        merge(runs, emit)
        emit("    <system-out></system-out>\n    <system-err></system-err>\n  </testsuite>\n")
    }

    /// The cases in `precedes` order (tests and `erlint merge`).
    static func ordered(_ cases: [String]) -> [String] {
        var out: [String] = []
        out.reserveCapacity(cases.count)
        merge([SortedCases(cases, common: commonStart(cases))]) { out.append($0) }
        return out
    }

    /// How many bytes of their first lines all cases share (`    <testcase name="RULE ` at least).
    static func commonStart(_ cases: [String]) -> Int {
        guard var first = cases.first else { return 0 }
        return first.withUTF8 { f in
            var common = f.firstIndex(of: 0x0A) ?? f.count
            for c in cases.dropFirst() {
                var c = c
                c.withUTF8 { x in
                    var i = 0
                    while i < common && i < x.count && x[i] == f[i] { i += 1 }
                    common = i
                }
                if common == 0 { break }
            }
            return common
        }
    }

    /// Cases in `precedes` order, each with the key it was sorted on, and the suite's counts.
    /// Every case of a suite starts with the same bytes, so each is keyed by the eight folded
    /// bytes of its first line after that common start, and texts are compared only when keys
    /// tie, from after those bytes: comparing strings from their first byte was most of the JUnit
    /// report's time for large suites.
    struct SortedCases: Sendable {
        var cases: [String]
        var keys: [UInt64]
        let failures: Int
        let skipped: Int
        /// Where ties are compared from: the common start and the key's eight bytes.
        let skip: Int

        /// `common` must be a length every case's first line shares.
        init(_ unsorted: [String], common: Int) {
            struct Key { var head: UInt64; var index: Int }
            var keyed: [Key] = []
            keyed.reserveCapacity(unsorted.count)
            for (n, c) in unsorted.enumerated() { keyed.append(Key(head: SortedCases.key(c, after: common), index: n)) }
            let skip = common + 8
            keyed.sort { a, b in a.head != b.head ? a.head < b.head : JUnitReporter.precedes(unsorted[a.index], unsorted[b.index], from: skip) }
            cases = keyed.map { unsorted[$0.index] }
            keys = keyed.map(\.head)
            failures = unsorted.count { JUnitReporter.secondLine($0, startsWith: "      <failure ") }
            skipped = unsorted.count { JUnitReporter.secondLine($0, startsWith: "      <skipped ") }
            self.skip = skip
        }

        static func key(_ text: String, after common: Int) -> UInt64 {
            var text = text
            return text.withUTF8 { x in
                var h: UInt64 = 0
                var ended = false
                for i in common..<(common + 8) {
                    var b: UInt8 = 0
                    if !ended, i < x.count, x[i] != 0x0A { b = x[i] >= 65 && x[i] <= 90 ? x[i] + 32 : x[i] } else { ended = true }
                    h = h << 8 | UInt64(b)
                }
                return h
            }
        }

        func compare(_ i: Int, _ other: SortedCases, _ j: Int) -> Int {
            keys[i] != other.keys[j] ? (keys[i] < other.keys[j] ? -1 : 1)
                : JUnitReporter.compare(cases[i], other.cases[j], from: skip)
        }
    }

    /// Hands out the cases of sorted runs in one sorted sequence: a heap of the runs by their
    /// next case, so each case costs a few comparisons with a run's head (runs are batches).
    /// Runs merged together must have been keyed after the same common start.
    static func merge(_ runs: [SortedCases], _ emit: (String) -> Void) {
        precondition(Set(runs.map(\.skip)).count <= 1, "runs keyed at different offsets")
        var next = [Int](repeating: 0, count: runs.count)
        var heap = runs.indices.filter { !runs[$0].cases.isEmpty }
        // Ties (the same text in two runs) go to the earlier run, so the order is fixed.
        func less(_ a: Int, _ b: Int) -> Bool {
            let c = runs[a].compare(next[a], runs[b], next[b])
            return c != 0 ? c < 0 : a < b
        }
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count && less(heap[l], heap[m]) { m = l }
                if r < heap.count && less(heap[r], heap[m]) { m = r }
                if m == i { return }
                heap.swapAt(i, m)
                i = m
            }
        }
        for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
        while let top = heap.first {
            emit(runs[top].cases[next[top]])
            next[top] += 1
            if next[top] == runs[top].cases.count {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
            }
            if !heap.isEmpty { siftDown(0) }
        }
    }

    /// Case order: the first lines compared with ASCII letters folded, then the whole texts, on
    /// their bytes (no folded copies).
    /// `from` skips bytes the caller knows to be equal once folded in both first lines.
    static func precedes(_ a: String, _ b: String, from: Int = 0) -> Bool { compare(a, b, from: from) < 0 }

    /// `precedes` as a three-way comparison (negative, zero, positive), so a merge need not
    /// compare a tie twice.
    static func compare(_ a: String, _ b: String, from: Int = 0) -> Int {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                func fold(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
                let xl = x.firstIndex(of: 0x0A) ?? x.count, yl = y.firstIndex(of: 0x0A) ?? y.count
                var i = Swift.min(from, xl, yl)
                while i < xl && i < yl {
                    let p = fold(x[i]), q = fold(y[i])
                    if p != q { return p < q ? -1 : 1 }
                    i += 1
                }
                if xl != yl { return xl < yl ? -1 : 1 }
                return ByteOrder.compare(x, y)
            }
        }
    }

    /// Whether a case's second line (its outcome element) starts with `prefix`, by bytes: a
    /// Foundation `contains` over every case's text was a tenth of the report's time.
    static func secondLine(_ text: String, startsWith prefix: String) -> Bool {
        var text = text, prefix = prefix
        return text.withUTF8 { t in
            prefix.withUTF8 { p in
                guard let newline = t.firstIndex(of: 0x0A), t.count - newline - 1 >= p.count else { return false }
                return memcmp(t.baseAddress! + newline + 1, p.baseAddress!, p.count) == 0
            }
        }
    }

    /// Input problems: each error is a test case with an `<error>`; warnings (read, but partly
    /// ignored or suspicious) go to the suite's system-out, so nothing read badly is hidden.
    public static func inputSuite(id: Int, timestamp: String, report: AuditReport) -> String {
        let errors = report.diagnostics.filter { $0.severity == .error }
        let warnings = report.diagnostics.filter { $0.severity == .warning }
        let notes = report.diagnostics.count - errors.count - warnings.count
        var out = "  <testsuite package=\"erlint\" id=\"\(id)\" name=\"input\" timestamp=\"\(timestamp)\" hostname=\"erlint\""
            + " tests=\"\(errors.count + 1)\" failures=\"0\" errors=\"\(errors.count)\" skipped=\"0\" time=\"0\">\n    <properties>\n"
            + "      <property name=\"files\" value=\"\(report.files)\"/>\n      <property name=\"resources\" value=\"\(report.resources)\"/>\n"
            + "      <property name=\"routers\" value=\"\(report.routers)\"/>\n    </properties>\n"
        out += "    <testcase name=\"\(report.files) files read\" classname=\"input\" time=\"0\"/>\n"
        for d in errors {
            let place = self.place(d.location, report)
            out += "    <testcase name=\"\(attribute(place))\" classname=\"input\" time=\"0\">\n"
                + "      <error message=\"\(attribute(d.message))\" type=\"input\">\(text(place + ": " + d.message))</error>\n    </testcase>\n"
        }
        var log = warnings.map { "\(place($0.location, report)): warning: \($0.message)" }
        if notes > 0 { log.append("\(notes) input note\(notes == 1 ? "" : "s"): `erlint inventory` lists them") }
        out += "    <system-out>\(text(log.joined(separator: "\n")))</system-out>\n    <system-err></system-err>\n  </testsuite>\n"
        return out
    }

    static func place(_ l: SourceLocation, _ report: AuditReport) -> String {
        let rel = report.relativePath(l.file).path
        return l.line > 0 ? "\(rel):\(l.line):\(l.column)" : rel
    }

    static func detail(_ f: Finding, _ report: AuditReport) -> String {
        var s = f.message
        if let l = f.location { s += "\nat \(place(l, report))" }
        for r in f.related { s += "\nsee \(r.message): \(place(r.location, report))" }
        if f.status == .violation { s += "\nfix: \(f.fix)" }
        return s
    }

    /// Escaped for an attribute value (newlines kept as character references).
    public static func attribute(_ s: String) -> String { Markup.escape(s, newlines: true) }

    /// The pieces one after another, copied as bytes into a string of their size: appending them
    /// to a string one at a time cost several hundred instructions each, for every case.
    static func joined(_ pieces: String...) -> String {
        var size = 0
        for p in pieces { size += p.utf8.count }
        return String(unsafeUninitializedCapacity: size) { out in
            var at = 0
            for var p in pieces {
                p.withUTF8 { bytes in
                    guard let from = bytes.baseAddress, let to = out.baseAddress else { return }
                    (to + at).update(from: from, count: bytes.count)
                    at += bytes.count
                }
            }
            return at
        }
    }

    static func text(_ s: String) -> String { Markup.escape(s) }
}
