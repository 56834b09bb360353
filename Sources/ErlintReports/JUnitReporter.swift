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
        write(report, bytes: { emit(String(decoding: $0, as: UTF8.self)) })
    }

    /// The same as UTF-8 bytes, each piece valid during the call only: the cases are written
    /// from the buffers they were rendered into.
    public static func write(_ report: AuditReport, bytes emit: (UnsafeRawBufferPointer) -> Void) {
        func emitText(_ text: String) {
            var text = text
            text.withUTF8 { emit(UnsafeRawBufferPointer($0)) }
        }
        // The Ant schema requires a timestamp; with none asked for, the epoch keeps output stable.
        let timestamp = String((report.timestamp.map(AuditReport.iso8601) ?? "1970-01-01T00:00:00Z").prefix(19))
        emitText("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n")
        var suiteID = 0
        // Case-folded subjects computed once per finding, never inside a sort or a lookup.
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
            let ruleFindings = byRuleAll[rule.id] ?? []
            // Every subject with a finding of this rule, suppressed or not: only these cases say
            // more than that the subject passed.
            let findingSubjects = Set(ruleFindings.map { folded[$0] })
            let head = "    <testcase name=\"" + attribute(rule.id + " ")
            /// A case with a finding or a suppression (a few per rule), as text.
            @Sendable func render(_ key: String, _ c: CheckedSubject) -> String {
                let mine = bySubject[key] ?? []
                let subject = attribute(AuditTextReporter.shortSubject(c.subject)), customer = attribute(c.customer ?? "unclaimed")
                let suppression = suppressed.isEmpty ? nil : suppressed[rule.id + "|" + key]
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
            // Each batch's subjects are rendered into a buffer of their own, on all cores at
            // once, sorted there and kept front-coded (the buffer is dropped); the sorted runs
            // are merged, read back a case at a time, as the suite is written. A
            // case is bytes appended to its batch's buffer, not a string of its own: the
            // strings, and the folded subject made for each to look its findings up, were most
            // of the report's time.
            let parts = report.checked[rule.id]?.parts ?? []
            let rendered = ResultSlots<(run: SortedCases, covered: Set<String>)>(count: parts.count)
            let screen = FindingScreen(findingSubjects)
            let headBytes = Array(head.utf8)
            DispatchQueue.concurrentPerform(iterations: parts.count) { k in
                let part = parts[k]
                let customers = part.customerTable
                let classnames = customers.map { Array(attribute($0 ?? "unclaimed").utf8) }
                var run = CaseRun()
                run.text.reserveCapacity(part.count * (headBytes.count + 80))
                run.bounds.reserveCapacity(part.count + 1)
                var covered = Set<String>()
                part.forEachSubject { subject, customer in
                    run.bounds.append(UInt32(run.text.count))
                    // The folded subject is made only when it may have a finding.
                    if screen.mayHold(subject) {
                        let key = String(decoding: subject, as: UTF8.self).caseFolded
                        if findingSubjects.contains(key) {
                            covered.insert(key)
                            run.text += render(key, CheckedSubject(subject: String(decoding: subject, as: UTF8.self), customer: customers[customer])).utf8
                            return
                        }
                    }
                    run.text += headBytes
                    Markup.appendAttribute(UnsafeBufferPointer(rebasing: subject[AuditTextReporter.shortSubject(subject)]), to: &run.text)
                    run.text += "\" classname=\"".utf8
                    run.text += classnames[customer]
                    run.text += "\" time=\"0\"/>\n".utf8
                }
                run.bounds.append(UInt32(run.text.count))
                rendered.set(k, (SortedCases(run), covered))
            }
            var runs = rendered.values.map(\.run)
            var covered = Set<String>()
            for part in rendered.values { covered.formUnion(part.covered) }
            // Findings on subjects the rule did not list as examined still get their case.
            var extra: [String: CheckedSubject] = [:]
            for n in ruleFindings where !covered.contains(folded[n]) {
                extra[folded[n]] = CheckedSubject(subject: report.findings[n].subject, customer: report.findings[n].customer)
            }
            if !extra.isEmpty { runs.append(SortedCases(CaseRun(extra.map { render($0.key, $0.value) }))) }
            let properties = "    <properties>\n"
                + "      <property name=\"title\" value=\"\(attribute(rule.title))\"/>\n"
                + "      <property name=\"severity\" value=\"\(rule.severity.rawValue)\"/>\n"
                + "      <property name=\"family\" value=\"\(attribute(rule.family))\"/>\n"
                + "    </properties>\n"
            ruleSuite(id: suiteID, name: attribute("\(rule.id) \(rule.name)"), timestamp: timestamp, properties: properties,
                      runs: runs, to: emit)
            suiteID += 1
        }
        emitText(inputSuite(id: suiteID, timestamp: timestamp, report: report))
        emitText("</testsuites>\n")
    }

    /// Whether a subject examined may be one a finding is about, from its length and last eight
    /// bytes folded: the folded text is made and looked up only for those, and for subjects that
    /// are not ASCII (folded by Unicode's rules, which this key does not follow).
    struct FindingScreen: Sendable {
        private var keys: Set<UInt64> = []
        private let none: Bool

        init(_ folded: Set<String>) {
            none = folded.isEmpty
            for f in folded {
                var f = f
                f.withUTF8 { keys.insert(Self.key($0)) }
            }
        }

        static func key(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var k = UInt64(truncatingIfNeeded: b.count) << 56
            for i in Swift.max(0, b.count - 8)..<b.count {
                let c = b[i]
                k = k &* 31 &+ UInt64(c >= 65 && c <= 90 ? c + 32 : c)
            }
            return k
        }

        func mayHold(_ subject: UnsafeBufferPointer<UInt8>) -> Bool {
            if none { return false }
            return keys.contains(Self.key(subject)) || !FoldedBytes.isASCII(subject)
        }
    }

    /// One rule's suite. Cases are ordered by their own text, case-insensitively (so by short
    /// subject, then customer), which `erlint merge` can repeat on the shards' cases to give
    /// exactly the order of one run; the counts come from the cases. Handed out a case at a time:
    /// a rule with three million cases (UDR002 over 10,000 customers) is never one string.
    public static func ruleSuite(id: Int, name: String, timestamp: String, properties: String, cases: [String], to emit: (String) -> Void) {
        ruleSuite(id: id, name: name, timestamp: timestamp, properties: properties, runs: sorted([CaseRun(cases)]),
                  to: { (bytes: UnsafeRawBufferPointer) in emit(String(decoding: bytes, as: UTF8.self)) })
    }

    /// The same from runs of cases each sorted on its own, merged as they are written.
    static func ruleSuite(id: Int, name: String, timestamp: String, properties: String, runs: [SortedCases],
                          to emit: (UnsafeRawBufferPointer) -> Void) {
        let tests = runs.reduce(0) { $0 + $1.count }
        let failures = runs.reduce(0) { $0 + $1.failures }, skipped = runs.reduce(0) { $0 + $1.skipped }
        var header = "  <testsuite package=\"erlint\" id=\"\(id)\" name=\"\(name)\" timestamp=\"\(timestamp)\" hostname=\"erlint\""
            + " tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"0\">\n" + properties
        header.withUTF8 { emit(UnsafeRawBufferPointer($0)) }
        merge(runs, emit)
        var footer = "    <system-out></system-out>\n    <system-err></system-err>\n  </testsuite>\n"
        footer.withUTF8 { emit(UnsafeRawBufferPointer($0)) }
    }

    /// The cases in `precedes` order (tests and `erlint merge`).
    static func ordered(_ cases: [String]) -> [String] {
        var out: [String] = []
        out.reserveCapacity(cases.count)
        merge(sorted([CaseRun(cases)])) { (text: String) in out.append(text) }
        return out
    }

    /// Cases rendered back to back into one buffer, in the order they were made (a batch's).
    struct CaseRun: Sendable {
        var text: [UInt8] = []
        /// Where each case starts in `text`, and where the last one ends.
        var bounds: [UInt32] = []

        init() {}

        init(_ cases: [String]) {
            bounds.reserveCapacity(cases.count + 1)
            for c in cases {
                bounds.append(UInt32(text.count))
                text += c.utf8
            }
            bounds.append(UInt32(text.count))
        }

        /// Cases rendered back to back already (a shard's suite, read back by `erlint merge`),
        /// with where each starts and the last ends; `text` must be under 4 GiB.
        init(_ text: UnsafeBufferPointer<UInt8>, bounds: [Int]) {
            self.text = Array(text)
            self.bounds = bounds.map { UInt32($0) }
        }

        var count: Int { Swift.max(0, bounds.count - 1) }

        /// Where case `i`'s first line ends in `text` (its newline, or the case's end).
        func lineEnd(_ i: Int) -> Int {
            let start = Int(bounds[i]), end = Int(bounds[i + 1])
            return text.withUnsafeBufferPointer { t in
                guard end > start, let hit = memchr(t.baseAddress! + start, 0x0A, end - start) else { return end }
                return UnsafeRawPointer(t.baseAddress!).distance(to: UnsafeRawPointer(hit))
            }
        }

        /// How many bytes the first lines of all cases share with the first case's.
        func commonStart() -> Int {
            guard count > 0 else { return 0 }
            return text.withUnsafeBufferPointer { t in
                let first = Int(bounds[0])
                var common = lineEnd(0) - first
                for i in 1..<count where common > 0 {
                    let start = Int(bounds[i])
                    let limit = Swift.min(common, lineEnd(i) - start)
                    var k = 0
                    while k < limit && t[start + k] == t[first + k] { k += 1 }
                    common = k
                }
                return common
            }
        }
    }

    /// The runs sorted each on its own, on all cores.
    static func sorted(_ runs: [CaseRun]) -> [SortedCases] {
        let sorted = ResultSlots<SortedCases>(count: runs.count)
        DispatchQueue.concurrentPerform(iterations: runs.count) { k in sorted.set(k, SortedCases(runs[k])) }
        return sorted.values
    }

    /// How many bytes the lines share (`    <testcase name="RULE ` at least, for a suite's first lines).
    static func commonStart(_ lines: [[UInt8]]) -> Int {
        guard let first = lines.first else { return 0 }
        var common = first.count
        for line in lines.dropFirst() where common > 0 {
            var i = 0
            while i < common && i < line.count && line[i] == first[i] { i += 1 }
            common = i
        }
        return common
    }

    /// A run's cases in `precedes` order, with the suite's counts, kept front-coded
    /// (`FrontCodedTexts`): in order, a case shares most of its first line with the one before
    /// it. The run's texts are dropped once sorted; kept whole until the suite was written, the
    /// cases of UDR002 over 10,000 customers (three million, 330 MB) were a third of the run's
    /// peak memory. Every case of a run starts with the same bytes, so each is sorted by the
    /// sixteen folded bytes of its first line after that common start, and texts are compared,
    /// in place, only when keys tie: comparing whole texts was most of the JUnit report's time.
    struct SortedCases: Sendable {
        struct Entry: Sendable {
            var key: UInt64
            var key2: UInt64
            /// The case's place in the run, and where its first line ends.
            var index: UInt32
            var lineEnd: UInt32
        }
        let cases: FrontCodedTexts
        let failures: Int
        let skipped: Int
        /// How many bytes of their first lines the run's cases share, and one case's first line:
        /// what the suite's common start is found from.
        let common: Int
        let firstLine: [UInt8]

        var count: Int { cases.count }

        init(_ run: CaseRun) {
            let common = run.count > 0 ? run.commonStart() : 0
            var order: [Entry] = []
            order.reserveCapacity(run.count)
            var failures = 0, skipped = 0
            var cases = FrontCodedTexts()
            cases.reserveCapacity(run.count, bytesEach: 40)
            run.text.withUnsafeBufferPointer { t in
                let failure = Array("      <failure ".utf8), skip = Array("      <skipped ".utf8)
                func startsWith(_ at: Int, _ end: Int, _ p: [UInt8]) -> Bool {
                    end - at >= p.count && p.withUnsafeBufferPointer { memcmp(t.baseAddress! + at, $0.baseAddress!, p.count) == 0 }
                }
                for i in 0..<run.count {
                    let start = Int(run.bounds[i]), end = Int(run.bounds[i + 1])
                    let line = run.lineEnd(i)
                    // The outcome is the second line's element.
                    if line + 1 < end {
                        if startsWith(line + 1, end, failure) { failures += 1 } else if startsWith(line + 1, end, skip) { skipped += 1 }
                    }
                    order.append(Entry(key: Self.key(t, start + common, line), key2: Self.key(t, start + common + 8, line),
                                       index: UInt32(i), lineEnd: UInt32(line)))
                }
                order.sort { a, b in
                    if a.key != b.key { return a.key < b.key }
                    if a.key2 != b.key2 { return a.key2 < b.key2 }
                    return Self.compare(t, a, run, b, from: common + 16) < 0
                }
                for e in order {
                    let i = Int(e.index)
                    cases.append(UnsafeBufferPointer(rebasing: t[Int(run.bounds[i])..<Int(run.bounds[i + 1])]))
                }
            }
            cases.finish()
            self.cases = cases
            self.failures = failures
            self.skipped = skipped
            self.common = common
            firstLine = run.count > 0 ? Array(run.text[Int(run.bounds[0])..<run.lineEnd(0)]) : []
        }

        /// Eight bytes of a first line from `at`, ASCII letters folded, zeros past its end.
        static func key(_ t: UnsafeBufferPointer<UInt8>, _ at: Int, _ lineEnd: Int) -> UInt64 {
            var h: UInt64 = 0
            for i in at..<(at + 8) {
                let b: UInt8 = i < lineEnd ? (t[i] >= 65 && t[i] <= 90 ? t[i] + 32 : t[i]) : 0
                h = h << 8 | UInt64(b)
            }
            return h
        }

        /// `JUnitReporter.compare` on two cases in their run's buffer.
        static func compare(_ t: UnsafeBufferPointer<UInt8>, _ a: Entry, _ run: CaseRun, _ b: Entry, from: Int) -> Int {
            let xs = Int(run.bounds[Int(a.index)]), ys = Int(run.bounds[Int(b.index)])
            let xa = UnsafeBufferPointer(rebasing: t[xs..<Int(run.bounds[Int(a.index) + 1])])
            let yb = UnsafeBufferPointer(rebasing: t[ys..<Int(run.bounds[Int(b.index) + 1])])
            return JUnitReporter.compare(xa, Int(a.lineEnd) - xs, yb, Int(b.lineEnd) - ys, from: from)
        }
    }

    /// Where a merge is in one run: the case it is at, read back whole, with the keys of its first
    /// line after the suite's common start.
    struct CaseCursor {
        var reader: FrontCodedTexts.Reader
        var lineEnd = 0
        var key: UInt64 = 0
        var key2: UInt64 = 0

        init(_ run: SortedCases) { reader = FrontCodedTexts.Reader(run.cases) }

        /// Moves to the run's next case; false when there is none.
        mutating func next(common: Int) -> Bool {
            guard reader.next() else { return false }
            // The bytes shared with the case before hold no newline but its first line's own.
            if reader.shared <= lineEnd {
                let from = reader.shared
                lineEnd = reader.text.withUnsafeBufferPointer { t in
                    guard t.count > from, let hit = memchr(t.baseAddress! + from, 0x0A, t.count - from) else { return t.count }
                    return UnsafeRawPointer(t.baseAddress!).distance(to: UnsafeRawPointer(hit))
                }
            }
            reader.text.withUnsafeBufferPointer { t in
                key = SortedCases.key(t, common, lineEnd)
                key2 = SortedCases.key(t, common + 8, lineEnd)
            }
            return true
        }
    }

    /// Hands out the cases of sorted runs in one sorted sequence: a heap of the runs by their
    /// next case, so each case costs a few comparisons with a run's head (runs are batches), and
    /// each run is read back a case at a time.
    static func merge(_ runs: [SortedCases], _ emit: (UnsafeRawBufferPointer) -> Void) {
        let filled = runs.filter { $0.count > 0 }
        guard !filled.isEmpty else { return }
        // Every case of the suite shares this much of its first line (each run's cases their
        // own common start, and the runs' first lines theirs).
        let common = min(filled.map(\.common).min()!, commonStart(filled.map(\.firstLine)))
        var cursors = filled.map(CaseCursor.init)
        var heap: [Int] = []
        for i in cursors.indices where cursors[i].next(common: common) { heap.append(i) }
        cursors.withUnsafeMutableBufferPointer { cursors in
            // Ties (the same text in two runs) go to the earlier run, so the order is fixed.
            func less(_ a: Int, _ b: Int) -> Bool {
                if cursors[a].key != cursors[b].key { return cursors[a].key < cursors[b].key }
                if cursors[a].key2 != cursors[b].key2 { return cursors[a].key2 < cursors[b].key2 }
                let c = cursors[a].reader.text.withUnsafeBufferPointer { x in
                    cursors[b].reader.text.withUnsafeBufferPointer { y in
                        compare(x, cursors[a].lineEnd, y, cursors[b].lineEnd, from: common + 16)
                    }
                }
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
                cursors[top].reader.text.withUnsafeBytes(emit)
                if !cursors[top].next(common: common) {
                    heap[0] = heap[heap.count - 1]
                    heap.removeLast()
                }
                if !heap.isEmpty { siftDown(0) }
            }
        }
    }

    /// The same, each case as text (tests and `ordered`).
    static func merge(_ runs: [SortedCases], _ emit: (String) -> Void) {
        merge(runs, { (bytes: UnsafeRawBufferPointer) in emit(String(decoding: bytes, as: UTF8.self)) })
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
            b.withUTF8 { y in compare(x, x.firstIndex(of: 0x0A) ?? x.count, y, y.firstIndex(of: 0x0A) ?? y.count, from: from) }
        }
    }

    /// `compare` on two texts' bytes, given the lengths of their first lines.
    static func compare(_ x: UnsafeBufferPointer<UInt8>, _ xl: Int, _ y: UnsafeBufferPointer<UInt8>, _ yl: Int, from: Int) -> Int {
        func fold(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
        var i = Swift.min(from, xl, yl)
        while i < xl && i < yl {
            let p = fold(x[i]), q = fold(y[i])
            if p != q { return p < q ? -1 : 1 }
            i += 1
        }
        if xl != yl { return xl < yl ? -1 : 1 }
        return ByteOrder.compare(x, y)
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
