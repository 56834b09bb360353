import Foundation
import ErlintModel

/// `erlint merge`: the reports of the shards of one audit (`erlint audit --shard K/N`) combined
/// into the SARIF and JUnit one run over the whole estate writes, byte for byte. Each finding
/// belongs to exactly one shard, so results and test cases are concatenated and put in report
/// order; input problems (a file read by several shards for context is reported by each) are
/// de-duplicated; files are the union; resource and router totals are sums.
///
/// Only erlint's own reports are accepted: the order and layout of their parts is what makes the
/// merge exact, and anything else is refused with the reason rather than merged approximately.
public enum ShardMerge {
    public struct Failure: Error, CustomStringConvertible {
        public let file: String
        public let message: String
        public init(_ file: String, _ message: String) {
            self.file = file
            self.message = message
        }
        public var description: String { "\(file): \(message)" }
    }

    /// What the merged run says about the gate and the input, besides its SARIF.
    public struct MergedRun: Sendable {
        public var sarif: String
        public var shards: Int
        public var findings: [(severity: Severity, status: Finding.Status, suppressed: Bool, baseline: BaselineState?)]
        public var diagnostics: [Diagnostic]
        public var files: Int
        public var resources: Int
        public var routers: Int
        public var inputComplete: Bool { !diagnostics.contains { $0.severity == .error } }

        /// Whether the merged run fails the gate, as `AuditReport.fails(at:newOnly:)` decides for one run.
        public func fails(at threshold: Severity, newOnly: Bool) -> Bool {
            findings.contains { $0.severity <= threshold && !$0.suppressed && (!newOnly || $0.baseline != .unchanged) }
        }
    }

    // MARK: SARIF

    public static func mergeSARIF(_ shards: [(file: String, sarif: JSONText)]) throws(Failure) -> MergedRun {
        guard let first = shards.first else { throw Failure("merge", "no shard reports given") }
        var runs: [(file: String, run: [String: JSONText])] = []
        for (file, sarif) in shards {
            guard case .object(let top) = sarif, case .array(let list)? = top["runs"], list.count == 1,
                  case .object(let run) = list[0], run["tool"] != nil, run["results"] != nil else {
                throw Failure(file, "not an erlint SARIF report: expected one run with tool and results")
            }
            runs.append((file, run))
        }
        try checkCoverage(runs.map { ($0.file, $0.run["properties"]?["shard"]?.stringValue) })
        for (file, run) in runs.dropFirst() where run["tool"] != runs[0].run["tool"] {
            throw Failure(file, "made by another erlint version or rule pack than \(runs[0].file): run every shard with the same binary and --rules")
        }

        var results: [(key: ResultKey, value: JSONText)] = []
        var absent: [(key: [String], value: JSONText)] = []
        var notifications: [String: (Diagnostic, JSONText)] = [:]
        var artifacts: [String: JSONText] = [:]
        var resources = 0, routers = 0
        var endTime: String?
        var successful = true
        var gate: [(Severity, Finding.Status, Bool, BaselineState?)] = []
        for (file, run) in runs {
            for r in run["results"]?.arrayValue ?? [] {
                guard let rule = r["ruleId"]?.stringValue else { throw Failure(file, "a result has no ruleId") }
                let location = r["locations"]?.arrayValue?.first
                let subject = location?["logicalLocations"]?.arrayValue?.first?["fullyQualifiedName"]?.stringValue ?? ""
                let message = r["message"]?["text"]?.stringValue ?? ""
                if r["baselineState"]?.stringValue == BaselineState.absent.rawValue {
                    let fingerprint = r["partialFingerprints"]?[SARIFReporter.fingerprintKey]?.stringValue ?? ""
                    absent.append(([rule, subject.lowercased(), message, fingerprint], r))
                    continue
                }
                let properties = r["properties"]
                let customer = properties?["customer"]?.stringValue ?? ""
                guard let severity = properties?["severity"]?.stringValue.flatMap(Severity.init(rawValue:)),
                      let status = properties?["status"]?.stringValue.flatMap(Finding.Status.init(rawValue:)) else {
                    throw Failure(file, "result \(rule) on \(subject) has no erlint severity and status: not an erlint report")
                }
                let place = location?["physicalLocation"].map(Self.location) ?? SourceLocation(file: "", line: 0, column: 0)
                results.append((ResultKey(customer: customer.isEmpty ? "\u{10FFFF}" : customer, rule: rule, subject: subject.lowercased(),
                                          message: message, place: place, severity: severity), r))
                gate.append((severity, status, r["suppressions"] != nil, r["baselineState"]?.stringValue.flatMap(BaselineState.init(rawValue:))))
            }
            let invocation = run["invocations"]?.arrayValue?.first
            if invocation?["executionSuccessful"] == .bool(false) { successful = false }
            if let t = invocation?["endTimeUtc"]?.stringValue, endTime.map({ t > $0 }) ?? true { endTime = t }
            for n in invocation?["toolExecutionNotifications"]?.arrayValue ?? [] {
                let severity = n["level"]?.stringValue.flatMap(Severity.init(rawValue:)) ?? .note
                let place = n["locations"]?.arrayValue?.first?["physicalLocation"].map(Self.location) ?? SourceLocation(file: "", line: 0, column: 0)
                let d = Diagnostic(severity, place, n["message"]?["text"]?.stringValue ?? "")
                notifications[n.rendered()] = (d, n)
            }
            for a in run["artifacts"]?.arrayValue ?? [] {
                if let uri = a["location"]?["uri"]?.stringValue { artifacts[uri] = a }
            }
            resources += run["properties"]?["resources"]?.intValue ?? 0
            routers += run["properties"]?["routers"]?.intValue ?? 0
        }

        var order = Array(results.indices)
        order.sort { results[$0].key < results[$1].key }
        let sortedAbsent = absent.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.value)
        let sortedNotifications = notifications.values.sorted { $0.0 < $1.0 }

        var run = runs[0].run
        run["results"] = .array(order.map { results[$0].value } + sortedAbsent)
        var invocation: [String: JSONText] = [
            "executionSuccessful": .bool(successful && !sortedNotifications.contains { $0.0.severity == .error }),
            "toolExecutionNotifications": .array(sortedNotifications.map(\.1)),
        ]
        if let endTime { invocation["endTimeUtc"] = .string(endTime) }
        run["invocations"] = .array([.object(invocation)])
        run["properties"] = .object(["resources": .int(resources), "routers": .int(routers)])
        run["artifacts"] = artifacts.isEmpty ? nil : .array(artifacts.keys.sorted().map { artifacts[$0]! })
        guard case .object(var top) = shards[0].sarif else { throw Failure(first.file, "not a SARIF object") }
        top["runs"] = .array([.object(run)])
        return MergedRun(
            sarif: JSONText.object(top).rendered() + "\n", shards: shards.count,
            findings: order.map { gate[$0] }.map { (severity: $0.0, status: $0.1, suppressed: $0.2, baseline: $0.3) },
            diagnostics: sortedNotifications.map(\.0), files: artifacts.count, resources: resources, routers: routers)
    }

    /// Every shard 1…N exactly once, all of one N: a missing shard would silently drop customers.
    static func checkCoverage(_ shards: [(file: String, shard: String?)]) throws(Failure) {
        var seen: [Int: String] = [:]
        var total: Int?
        for (file, text) in shards {
            guard let text, let s = EstateShard(parsing: text) else {
                throw Failure(file, "not a shard's report (no shard in the run's properties): merge combines the reports of `erlint audit --shard K/N`")
            }
            if let total, total != s.count { throw Failure(file, "shard \(s) does not belong with shards of \(total)") }
            total = s.count
            if let other = seen[s.index] { throw Failure(file, "shard \(s) is also \(other)") }
            seen[s.index] = file
        }
        let missing = (0..<(total ?? 0)).filter { seen[$0] == nil }.map { "\($0 + 1)/\(total!)" }
        if !missing.isEmpty {
            throw Failure(shards[0].file, "shard\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) missing: every shard's report is needed, or customers would be left out")
        }
    }

    /// A SARIF physical location back as a file position: relative to `%SRCROOT%`, or an absolute
    /// `file://` URI.
    static func location(_ physical: JSONText) -> SourceLocation {
        let artifact = physical["artifactLocation"]
        var path = artifact?["uri"]?.stringValue ?? ""
        if path.hasPrefix("file://") { path = String(path.dropFirst("file://".count)) }
        path = path.removingPercentEncoding ?? path
        let region = physical["region"]
        return SourceLocation(file: path, line: region?["startLine"]?.intValue ?? 0, column: region?["startColumn"]?.intValue ?? 0)
    }

    /// The order of `Finding.sorted`, from what a SARIF result keeps.
    struct ResultKey: Comparable {
        var customer: String
        var rule: String
        var subject: String
        var message: String
        var place: SourceLocation
        var severity: Severity

        static func < (a: ResultKey, b: ResultKey) -> Bool {
            let l = (a.customer, a.rule, a.subject, a.message)
            let r = (b.customer, b.rule, b.subject, b.message)
            if l != r { return l < r }
            return (a.place.file, a.place.line, a.place.column, a.severity) < (b.place.file, b.place.line, b.place.column, b.severity)
        }
    }

    // MARK: JUnit

    /// The shards' JUnit files, checked and indexed, ready to be written as one: each rule's cases
    /// from every shard in one suite (in the order one run gives them), and the input suite
    /// rebuilt from the merged run. Everything that can fail is checked by `mergeJUnit`, so that
    /// writing cannot; the cases are written from the shards' bytes, a suite at a time, and the
    /// merged file is never whole in memory (as one string, with a string per case, it took 2 GB
    /// and 21 s for 10,000 customers).
    public struct MergedJUnit: Sendable {
        struct Suite: Sendable {
            var name: String
            var properties: String
            /// Per shard, where each case starts in its bytes, and where the last one ends.
            var bounds: [[Int]]
        }
        let shards: [[UInt8]]
        let suites: [Suite]
        let timestamp: String
        let input: String

        /// Hands out the merged file's bytes, each piece valid during the call only.
        public func write(to emit: (UnsafeRawBufferPointer) -> Void) {
            func text(_ s: String) {
                var s = s
                s.withUTF8 { emit(UnsafeRawBufferPointer($0)) }
            }
            text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n")
            for (id, suite) in suites.enumerated() {
                // Each shard's cases of the rule are one run, sorted (and front-coded) on its own.
                let runs = ResultSlots<JUnitReporter.SortedCases>(count: shards.count)
                DispatchQueue.concurrentPerform(iterations: shards.count) { k in
                    let b = suite.bounds[k]
                    let run = shards[k].withUnsafeBufferPointer { bytes in
                        JUnitReporter.CaseRun(b.isEmpty ? UnsafeBufferPointer(rebasing: bytes[0..<0]) : UnsafeBufferPointer(rebasing: bytes[b[0]..<b[b.count - 1]]),
                                              bounds: b.map { $0 - (b.first ?? 0) })
                    }
                    runs.set(k, JUnitReporter.SortedCases(run))
                }
                JUnitReporter.ruleSuite(id: id, name: suite.name, timestamp: timestamp, properties: suite.properties, runs: runs.values, to: emit)
            }
            text(input)
            text("</testsuites>\n")
        }
    }

    public static func mergeJUnit(_ shards: [(file: String, bytes: [UInt8])], run: MergedRun, sourceRoot: String) throws(Failure) -> MergedJUnit {
        var suites: [MergedJUnit.Suite] = []
        var timestamp = ""
        for (n, (file, bytes)) in shards.enumerated() {
            let parsed = try parseJUnit(file, bytes)
            if n == 0 {
                suites = parsed.suites.map { MergedJUnit.Suite(name: $0.name, properties: $0.properties, bounds: [$0.bounds]) }
            } else {
                guard parsed.suites.map(\.name) == suites.map(\.name) else {
                    throw Failure(file, "its rule suites differ from \(shards[0].file): run every shard with the same binary, --rules and --rule")
                }
                for i in suites.indices { suites[i].bounds.append(parsed.suites[i].bounds) }
            }
            timestamp = max(timestamp, parsed.timestamp)
        }
        let input = AuditReport(toolVersion: "", findings: [], rules: [], checked: [:], customers: [], diagnostics: run.diagnostics,
                                files: run.files, routers: run.routers, resources: run.resources, sourceRoot: sourceRoot, timestamp: nil)
        return MergedJUnit(shards: shards.map(\.bytes), suites: suites, timestamp: timestamp,
                           input: JUnitReporter.inputSuite(id: suites.count, timestamp: timestamp, report: input))
    }

    /// Reads the layout `JUnitReporter` writes: one element per line, except text, in which `<`
    /// is always escaped, so a line starting with markup is markup. Each suite's cases are kept
    /// as places in the bytes.
    static func parseJUnit(_ file: String, _ bytes: [UInt8]) throws(Failure) -> (suites: [(name: String, properties: String, bounds: [Int])], timestamp: String) {
        // Where each line starts, and one past the end of the last.
        var starts = [0]
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            var at = base
            let end = base + b.count
            while at < end, let hit = memchr(at, 0x0A, end - at) {
                let nl = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
                starts.append(nl - base + 1)
                at = nl + 1
            }
        }
        if starts.last != bytes.count { starts.append(bytes.count + 1) }
        let count = starts.count - 1
        /// Line `i` without its newline.
        func line(_ i: Int) -> ArraySlice<UInt8> { bytes[starts[i]..<max(starts[i], starts[i + 1] - 1)] }
        func string(_ i: Int) -> String { String(decoding: line(i), as: UTF8.self) }
        func begins(_ i: Int, with prefix: String) -> Bool { line(i).starts(with: prefix.utf8) }
        func equals(_ i: Int, _ text: String) -> Bool { line(i).elementsEqual(text.utf8) }
        guard count > 2, begins(0, with: "<?xml"), equals(1, "<testsuites>") else {
            throw Failure(file, "not an erlint JUnit report: expected <testsuites> on line 2")
        }
        var suites: [(name: String, properties: String, bounds: [Int])] = []
        var timestamp = ""
        var i = 2
        func fail(_ what: String) -> Failure { Failure(file, "line \(i + 1): \(what) (not an unmodified erlint JUnit report?)") }
        while i < count, !equals(i, "</testsuites>") {
            let header = Substring(string(i))
            guard header.hasPrefix("  <testsuite "), let name = attribute("name", header), let time = attribute("timestamp", header) else {
                throw fail("expected a <testsuite> element")
            }
            timestamp = String(time)
            i += 1
            var properties = ""
            guard i < count, equals(i, "    <properties>") else { throw fail("expected <properties>") }
            while i < count {
                properties += string(i) + "\n"
                i += 1
                if equals(i - 1, "    </properties>") { break }
            }
            var bounds: [Int] = []
            while i < count, begins(i, with: "    <testcase ") {
                bounds.append(starts[i])
                if !line(i).reversed().starts(with: "/>".utf8.reversed()) {
                    repeat {
                        i += 1
                        guard i < count else { throw fail("a <testcase> is not closed") }
                    } while !equals(i, "    </testcase>")
                }
                i += 1
            }
            if !bounds.isEmpty {
                bounds.append(starts[i])
                // A suite's cases are merged with 32-bit offsets.
                guard bounds[bounds.count - 1] - bounds[0] < Int(UInt32.max) else { throw fail("a suite of 4 GiB or more: split the audit into more shards") }
            }
            while i < count, !equals(i, "  </testsuite>") { i += 1 }
            guard i < count else { throw fail("a <testsuite> is not closed") }
            i += 1
            if name != "input" { suites.append((String(name), properties, bounds)) }
        }
        return (suites, timestamp)
    }

    /// The raw (still escaped) value of an attribute on a one-line start tag.
    static func attribute(_ name: String, _ line: Substring) -> Substring? {
        guard let start = line.range(of: " \(name)=\"") else { return nil }
        let rest = line[start.upperBound...]
        return rest.firstIndex(of: "\"").map { rest[..<$0] }
    }
}

extension JSONText {
    public subscript(key: String) -> JSONText? {
        if case .object(let members) = self { members[key] } else { nil }
    }
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var intValue: Int? { if case .int(let n) = self { n } else { nil } }
    public var arrayValue: [JSONText]? { if case .array(let a) = self { a } else { nil } }
}
