import ArgumentParser
import Dispatch
import Foundation
import Synchronization
import ErlintIngest
import ErlintModel
import ErlintReports
import ErlintRules

/// `erlint audit`: ingest, graph, every rule of the pack, and the findings by customer. The exit
/// status is the CI gate: 1 when a finding is at or above `--fail-on`.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check an estate against the rule pack and print the findings by customer.",
        discussion: """
            Exit status: 0 when no finding is at or above --fail-on; 1 when one is; 2 when an input \
            or the rule pack could not be read (the findings for what was read are still printed).
            """
    )

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case error, warning, note, never
    }

    /// The report formats and the file each is written to under `--output`.
    enum Format: String, CaseIterable {
        case text, sarif, junit, html
        var fileName: String? {
            switch self {
            case .text: nil
            case .sarif: "erlint.sarif"
            case .junit: "erlint.junit.xml"
            case .html: "erlint.html"
            }
        }
    }

    @OptionGroup var input: EstateInputOptions

    @Option(help: "Lowest severity that fails the run (exit 1): error, warning, note or never. Inconclusive findings are notes.")
    var failOn: FailOn = .error

    @Option(name: .customLong("rule"), help: "Run only these rule ids (repeatable). Default: every enabled rule.")
    var only: [String] = []

    @Option(help: "Comma-separated reports: text (printed), sarif (erlint.sarif), junit (erlint.junit.xml), html (erlint.html).")
    var format: String = "text"

    @Option(help: "Folder for the report files (created if missing). Default: the working directory.")
    var output: String = "."

    @Flag(help: "Also write one set of reports per customer under OUTPUT/<customer id>/.")
    var perCustomer = false

    @Flag(help: "Leave the run's time out of the reports, so the same inputs give the same bytes (SOURCE_DATE_EPOCH pins it instead).")
    var noTimestamp = false

    @Flag(help: "Print seconds per stage (prepare, read, graph, rules, batches, reports) to stderr, for benchmarks.")
    var timings = false

    @Option(help: "Progress on stderr: auto (on a terminal, not in CI), always or never.")
    var progress: ProgressLine.Mode = .auto

    @Option(help: "An earlier erlint.sarif: findings are marked new or unchanged, and those gone are listed as absent.")
    var baseline: String?

    @Flag(help: "With --baseline: only new findings fail the run.")
    var newOnly = false

    @Option(help: "A YAML file of accepted findings: {rule, resource (id or glob), justification, expires}. See docs/reports.md.")
    var suppressions: String?

    @Option(help: "Customers per batch: a large estate is read and checked a batch at a time, to bound memory. Default: batches of a 32nd of the input, from 1 MB to 8 MB, once the estate is over 2 MB; 0 reads it whole.")
    var batchSize: Int?

    /// Input per batch: a 32nd of the estate, at least 1 MB and at most 8 MB (some 19 generated
    /// customers). Two batches are in memory at once, each graph peaking near five times its
    /// input, beside what the run keeps of the batches before (the findings, the subjects
    /// examined, the router configs: about a fifth of the input). Batches of 8 MB keep a large
    /// estate's memory under a fifth of its input, but an estate of a hundred customers
    /// (44 MB) in 8 MB batches held 42 MB, and in batches of a 32nd 20 MB, in the same time:
    /// a batch's freed memory is reused by the next instead of fresh pages being zeroed, so
    /// small batches cost no more than large ones (docs/performance.md).
    static func batchBytes(forInput bytes: Int) -> Int { min(8 << 20, max(1 << 20, bytes / 32)) }

    func batchCount(_ prepared: EstateLoader.Prepared) -> Int {
        let customers = prepared.manifest?.customers.count ?? 0
        switch batchSize {
        case 0?: return 1
        case let n? where n > 0: return max(1, (customers + n - 1) / n)
        default:
            let batch = Self.batchBytes(forInput: prepared.inputBytes)
            return prepared.inputBytes <= 2 * batch ? 1 : (prepared.inputBytes + batch - 1) / batch
        }
    }

    @Option(help: "Audit only shard K of N (1 ≤ K ≤ N): a fixed share of the customers, for a run spread over machines. `erlint merge` combines the shards' reports. See docs/scale-out.md.")
    var shard: String?

    var estateShard: EstateShard? {
        get throws {
            guard let shard else { return nil }
            guard let s = EstateShard(parsing: shard) else {
                throw ValidationError("--shard '\(shard)': expected K/N with 1 ≤ K ≤ N, e.g. 1/4 (a Kubernetes Indexed Job passes $((JOB_COMPLETION_INDEX + 1))/N)")
            }
            return s
        }
    }

    var formats: [Format] {
        get throws {
            var out: [Format] = []
            for part in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !part.isEmpty {
                guard let f = Format(rawValue: part) else {
                    throw ValidationError("unknown format '\(part)': expected a comma-separated list of \(Format.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                if !out.contains(f) { out.append(f) }
            }
            if out.isEmpty { throw ValidationError("--format is empty: expected text, sarif, junit or html") }
            return out
        }
    }

    func validate() throws {
        _ = try formats
        _ = try estateShard
        if let n = batchSize, n < 0 { throw ValidationError("--batch-size \(n): expected a number of customers (0 reads the estate whole)") }
        if newOnly && baseline == nil { throw ValidationError("--new-only needs --baseline") }
    }

    func run() throws {
        let formats = try self.formats
        let line = ProgressLine(progress)
        let prepareStarted = Date()
        let (found, pack, packDiagnostics) = input.prepare(routerProgress: line.stage("reading router configs"))
        let known = Set(pack.entries.map { $0.id.lowercased() })
        let unknown = only.filter { !known.contains($0.lowercased()) }
        if !unknown.isEmpty { throw ValidationError("unknown rule id \(unknown.joined(separator: ", ")): see `erlint rules`") }
        let ids = only.isEmpty ? nil : Set(only.compactMap { id in pack.entries.first { $0.id.lowercased() == id.lowercased() }?.id })

        // The estate is read and checked in batches of customers when it is large, each batch
        // dropped before the next is read, so memory follows the batch and not the estate. A
        // batch is a shard (docs/scale-out.md) run in this process: the findings are the same.
        let shard = try estateShard
        let batches = batchCount(found)
        let split = shard != nil || batches > 1
        // The router configs `prepare` read are kept for the batches: they take about the size
        // of their XML in memory (a few percent of an estate), and reading each again in its
        // batch was a tenth of the run.
        let of = (shard?.count ?? 1) * batches
        let prepared = split ? EstateLoader.indexed(EstateLoader.split(found), forShards: of) : found
        let engine = RuleEngine(pack: pack)
        let audited = engine.auditedKinds(only: ids)
        let base = ShardPlan(shard: shard ?? EstateShard(index: 0, count: 1), manifest: prepared.manifest)
        let prepareSeconds = Date().timeIntervalSince(prepareStarted)
        var run = Accumulated()
        let topology = formats.contains(.html)
        let audit: @Sendable (Int) -> BatchOutcome = { b in
            let plan = split ? ShardPlan(EstateShard(index: (shard?.index ?? 0) + (shard?.count ?? 1) * b, count: of), sharing: base) : nil
            let label = batches > 1 ? "batch \(b + 1)/\(batches): " : ""
            let estate = EstateLoader.load(prepared, shard: plan, progress: line.stage(label + "reading files"))
            let rulesStarted = Date()
            let result = engine.run(estate.graph, only: ids, shard: plan, progress: line.stage(label + "rules run"))
            return BatchOutcome(estate, result, plan: plan, topology: topology, audited: audited, rulesSeconds: Date().timeIntervalSince(rulesStarted))
        }
        if batches == 1 {
            run.add(audit(0))
        } else {
            run = Self.pipeline(batches, audit)
        }
        let batchesSeconds = Date().timeIntervalSince(prepareStarted) - prepareSeconds
        line.finish()
        let customers = (prepared.manifest?.customers ?? []).filter { shard == nil || base.owns(customer: $0.id) }
        var report = AuditReport(
            toolVersion: Erlint.version, findings: batches == 1 ? run.findings : Finding.sorted(run.findings), rules: run.rules,
            checked: [:], customers: customers,
            diagnostics: (Array(run.diagnostics) + packDiagnostics).sorted(),
            files: run.files.count, routers: run.routers, resources: run.resources,
            sourceRoot: FileManager.default.currentDirectoryPath, timestamp: timestamp(),
            topology: run.topology(order: customers.map(\.id)))
        report.checked = run.checked
        report.unaudited = run.unaudited
        report.artifacts = run.files.sorted()
        report.shard = shard
        let plan = shard == nil ? nil : base
        let rulesSeconds = run.rulesSeconds
        let estate = (readSeconds: run.readSeconds, graphSeconds: run.graphSeconds)
        let reportsStarted = Date()
        var triageDiagnostics: [Diagnostic] = []
        var baselineEntries: [BaselineEntry]?
        if let baseline {
            let r = BaselineReader.read(file: baseline, fingerprintKey: SARIFReporter.fingerprintKey)
            triageDiagnostics += r.diagnostics
            // A shard compares only its own part of the baseline: the rest is other shards' to call gone.
            if !r.diagnostics.contains(where: { $0.severity == .error }) {
                baselineEntries = r.entries.filter { e in plan?.owns(customer: e.customer, subject: e.subject ?? "") ?? true }
            }
        }
        var accepted: [Suppression] = []
        if let suppressions {
            let r = SuppressionReader.read(file: suppressions)
            accepted = r.suppressions
            triageDiagnostics += r.diagnostics
        }
        triageDiagnostics += report.apply(baseline: baselineEntries, suppressions: accepted, today: Self.day(report.timestamp ?? Date()))
        report.diagnostics = (report.diagnostics + triageDiagnostics).sorted()
        if formats.contains(.text) {
            FileHandle.standardOutput.write(Data(AuditTextReporter.text(report).utf8))
        }
        var status: Int32 = 0
        do {
            try write(report, formats, to: output)
            if perCustomer {
                for c in report.customers { try write(report.only(customer: c.id), formats, to: output + "/" + c.id) }
            }
            if !report.inputComplete {
                status = 2
            } else if let threshold = Severity(rawValue: failOn.rawValue), report.fails(at: threshold, newOnly: newOnly) {
                status = 1
            }
        } catch {
            let reason = (error as? ValidationError)?.message ?? (error as NSError).localizedDescription
            FileHandle.standardError.write(Data("erlint: error: cannot write the reports under \(output): \(reason)\n".utf8))
            status = 2
        }
        if timings {
            // Read, graph and rules are summed over the batches, two of which run at once, so
            // together they exceed the batches' wall time; prepare (files, manifest, pack and,
            // for batches, the pre-pass over exports and routers) and reports are wall time.
            let t = [("prepare", prepareSeconds), ("read", estate.readSeconds), ("graph", estate.graphSeconds), ("rules", rulesSeconds),
                     ("batches", batchesSeconds), ("reports", Date().timeIntervalSince(reportsStarted))]
            FileHandle.standardError.write(Data(("erlint: timings: " + t.map { String(format: "%@ %.2f s", $0.0, $0.1) }.joined(separator: ", ") + "\n").utf8))
        }
        // Everything the run built is still held here, and the process ends without freeing it.
        withExtendedLifetime((found, prepared, run, report)) { Erlint.exitWithoutTeardown(status) }
    }

    /// Audits the batches one per core at a time (two on the 2-core machines of
    /// docs/performance.md) and adds them up in batch order. A batch alone keeps both cores busy
    /// only in its parallel stages; its graph build and the sorting of its findings are serial,
    /// so a second batch in flight fills the other core. The workers' inner loops (files, rules)
    /// then run on the cores that are left. Each worker holds one batch's graph at a time, and a
    /// batch that finishes early waits as its small outcome.
    static func pipeline(_ batches: Int, _ audit: @escaping @Sendable (Int) -> BatchOutcome) -> Accumulated {
        struct Merge: Sendable {
            var run = Accumulated()
            var next = 0
            var waiting: [Int: BatchOutcome] = [:]
        }
        let merge = Mutex(Merge())
        let claimed = Atomic<Int>(0)
        let workers = min(batches, max(1, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let b = claimed.add(1, ordering: .relaxed).oldValue
                guard b < batches else { return }
                let outcome = audit(b)
                merge.withLock { m in
                    m.waiting[b] = outcome
                    while let ready = m.waiting.removeValue(forKey: m.next) {
                        m.run.add(ready)
                        m.next += 1
                    }
                }
            }
        }
        return merge.withLock { $0.run }
    }

    /// `YYYY-MM-DD` in UTC, for suppression expiry.
    static func day(_ date: Date) -> String {
        String(AuditReport.iso8601(date).prefix(10))
    }

    /// SOURCE_DATE_EPOCH (reproducible builds' convention) pins the time; --no-timestamp drops it.
    func timestamp() -> Date? {
        if noTimestamp { return nil }
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(epoch) {
            return Date(timeIntervalSince1970: seconds)
        }
        return Date()
    }

    /// Writes each file report whole or not at all (a temporary file renamed into place).
    func write(_ report: AuditReport, _ formats: [Format], to dir: String) throws {
        let files = formats.filter { $0.fileName != nil }
        guard !files.isEmpty else { return }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // The reports are independent: rendered on all cores at once (each file is still written
        // whole or not at all). The first error, in format order, is the one reported. JUnit,
        // the largest, runs on this thread and spreads its cases over the cores itself (inside
        // another concurrentPerform its own would run on one core); SARIF and HTML run beside it.
        let failures = ResultSlots<String?>(count: files.count)
        let render: @Sendable (Int) -> Void = { i in
            let f = files[i]
            do {
                switch f {
                case .sarif: try ReportFile.write(SARIFReporter.render(report), named: f.fileName!, in: dir)
                case .junit: try ReportFile.write(named: f.fileName!, in: dir, bytes: { JUnitReporter.write(report, bytes: $0) })
                case .html: try ReportFile.write(named: f.fileName!, in: dir) { HTMLReporter.write(report, to: $0) }
                case .text: break
                }
                failures.set(i, nil)
            } catch {
                failures.set(i, (error as? ValidationError)?.message ?? (error as NSError).localizedDescription)
            }
        }
        let others = DispatchGroup()
        for i in files.indices where files[i] != .junit { DispatchQueue.global().async(group: others) { render(i) } }
        if let junit = files.firstIndex(of: .junit) { render(junit) }
        others.wait()
        if let first = failures.values.compactMap({ $0 }).first { throw ValidationError(first) }
    }
}

/// `erlint rules`: the rule pack as this run sees it (built-in entries and `--rules` on top).
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the rules of the pack: id, severity, name and title.")

    @OptionGroup var pack: RulePackOptions

    func run() throws {
        let (contents, diagnostics) = pack.load()
        for d in diagnostics { FileHandle.standardError.write(Data("\(d)\n".utf8)) }
        let builtIn = Set(BuiltInRules.all.map { $0.id })
        let width = contents.entries.map(\.name.count).max() ?? 0
        var out = ""
        for e in contents.entries {
            let kind = builtIn.contains(e.id) ? "" : e.check != nil ? "  [declarative]" : "  [no check]"
            let state = (e.enabled ? "" : "  [disabled]") + (e.overriddenBy.map { "  [overridden in \($0.file)]" } ?? "")
            out += "\(e.id.padding(toLength: 7, withPad: " ", startingAt: 0)) \(e.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))"
                + "\(e.name.padding(toLength: width + 2, withPad: " ", startingAt: 0))\(e.title)\(kind)\(state)\n"
        }
        out += "\n\(contents.entries.count) rules; `erlint explain ID` for rationale, parameters, fix and examples.\n"
        FileHandle.standardOutput.write(Data(out.utf8))
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(2) }
    }
}

/// `erlint explain ID`: everything about one rule, including the examples that are its tests.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Explain a rule: rationale, parameters, remediation, references and examples.")

    @Argument(help: "A rule id (HA001) or name (links-on-distinct-routers).")
    var rule: String

    @OptionGroup var pack: RulePackOptions

    func run() throws {
        let (contents, diagnostics) = pack.load()
        for d in diagnostics { FileHandle.standardError.write(Data("\(d)\n".utf8)) }
        guard let e = contents.entries.first(where: { $0.id.lowercased() == rule.lowercased() || $0.name.lowercased() == rule.lowercased() }) else {
            throw ValidationError("no rule '\(rule)' in the pack: see `erlint rules`")
        }
        let examples = BuiltInRules.all.first { $0.id == e.id }?.examples ?? e.examples
        FileHandle.standardOutput.write(Data(RuleExplanation.text(e, examples: examples, builtIn: e.check == nil).utf8))
    }
}

