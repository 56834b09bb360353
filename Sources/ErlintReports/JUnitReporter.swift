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
            var rendered: [String] = []
            rendered.reserveCapacity((report.checked[rule.id]?.count ?? 0) + ruleFindings.count)
            @Sendable func render(_ key: String, _ c: CheckedSubject) -> String {
                let mine = bySubject[key] ?? []
                let name = "\(rule.id) \(AuditTextReporter.shortSubject(c.subject))"
                var body = "    <testcase name=\"\(attribute(name))\" classname=\"\(attribute(c.customer ?? "unclaimed"))\" time=\"0\""
                let violations = mine.filter { $0.status == .violation }
                if let sup = suppressed[rule.id + "|" + key], violations.isEmpty {
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
            // Each batch's subjects are rendered on their own, on all cores at once, and put
            // together in batch order: rendering was most of the report's tail after the batches.
            let parts = report.checked[rule.id]?.parts ?? []
            let slots = ResultSlots<(cases: [String], covered: Set<String>)>(count: parts.count)
            DispatchQueue.concurrentPerform(iterations: parts.count) { k in
                var cases: [String] = []
                var seen = Set<String>()
                cases.reserveCapacity(parts[k].count)
                for c in parts[k] {
                    let key = c.subject.caseFolded
                    if findingSubjects.contains(key) { seen.insert(key) }
                    cases.append(render(key, c))
                }
                slots.set(k, (cases, seen))
            }
            for part in slots.values {
                rendered += part.cases
                covered.formUnion(part.covered)
            }
            // Findings on subjects the rule did not list as examined still get their case.
            var extra: [String: CheckedSubject] = [:]
            for n in ruleFindings where !covered.contains(folded[n]) {
                extra[folded[n]] = CheckedSubject(subject: report.findings[n].subject, customer: report.findings[n].customer)
            }
            for (key, c) in extra { rendered.append(render(key, c)) }
            let properties = "    <properties>\n"
                + "      <property name=\"title\" value=\"\(attribute(rule.title))\"/>\n"
                + "      <property name=\"severity\" value=\"\(rule.severity.rawValue)\"/>\n"
                + "      <property name=\"family\" value=\"\(attribute(rule.family))\"/>\n"
                + "    </properties>\n"
            ruleSuite(id: suiteID, name: attribute("\(rule.id) \(rule.name)"), timestamp: timestamp, properties: properties, cases: rendered, to: emit)
            suiteID += 1
        }
        emit(inputSuite(id: suiteID, timestamp: timestamp, report: report))
        emit("</testsuites>\n")
    }

    /// One rule's suite. Cases are ordered by their own text, case-insensitively (so by short
    /// subject, then customer), which `erlint merge` can repeat on the shards' cases to give
    /// exactly the order of one run; the counts come from the cases. Handed out a case at a
    /// time and sorted in place: a rule with three million cases (UDR002 over 10,000 customers)
    /// is never copied whole.
    public static func ruleSuite(id: Int, name: String, timestamp: String, properties: String, cases: [String], to emit: (String) -> Void) {
        let sorted = ordered(cases)
        let failures = sorted.count { secondLine($0, startsWith: "      <failure ") }
        let skipped = sorted.count { secondLine($0, startsWith: "      <skipped ") }
        emit("  <testsuite package=\"erlint\" id=\"\(id)\" name=\"\(name)\" timestamp=\"\(timestamp)\" hostname=\"erlint\""
            + " tests=\"\(sorted.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"0\">\n" + properties)
        for c in sorted { emit(c) }
        emit("    <system-out></system-out>\n    <system-err></system-err>\n  </testsuite>\n")
    }

    /// The cases in `precedes` order. Every case of a suite starts with the same bytes
    /// (`<testcase name="RULE `), so each is keyed by the eight folded bytes of its first line
    /// after that common start, and the texts are compared only when keys tie: comparing
    /// strings from their first byte was most of the JUnit report's time for large suites.
    static func ordered(_ cases: [String]) -> [String] {
        guard cases.count > 1 else { return cases }
        var first = cases[0]
        let common: Int = first.withUTF8 { f in
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
        struct Key { var head: UInt64; var index: Int }
        var keys: [Key] = []
        keys.reserveCapacity(cases.count)
        for (n, c) in cases.enumerated() {
            var c = c
            let head: UInt64 = c.withUTF8 { x in
                var h: UInt64 = 0
                var ended = false
                for i in common..<(common + 8) {
                    var b: UInt8 = 0
                    if !ended, i < x.count, x[i] != 0x0A { b = x[i] >= 65 && x[i] <= 90 ? x[i] + 32 : x[i] } else { ended = true }
                    h = h << 8 | UInt64(b)
                }
                return h
            }
            keys.append(Key(head: head, index: n))
        }
        // On a tie the texts agree up to the common start and in the key's bytes, so the
        // comparison starts after them (cases of one table differ only far into the line).
        let skip = common + 8
        keys.sort { a, b in a.head != b.head ? a.head < b.head : precedes(cases[a.index], cases[b.index], from: skip) }
        return keys.map { cases[$0.index] }
    }

    /// Case order: the first lines compared with ASCII letters folded, then the whole texts, on
    /// their bytes (no folded copies).
    /// `from` skips bytes the caller knows to be equal once folded in both first lines.
    static func precedes(_ a: String, _ b: String, from: Int = 0) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                func fold(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
                let xl = x.firstIndex(of: 0x0A) ?? x.count, yl = y.firstIndex(of: 0x0A) ?? y.count
                var i = Swift.min(from, xl, yl)
                while i < xl && i < yl {
                    let p = fold(x[i]), q = fold(y[i])
                    if p != q { return p < q }
                    i += 1
                }
                if xl != yl { return xl < yl }
                return x.lexicographicallyPrecedes(y)
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

    static func text(_ s: String) -> String { Markup.escape(s) }
}
