import ArgumentParser
import Foundation
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

    @OptionGroup var input: EstateInputOptions

    @Option(help: "Lowest severity that fails the run (exit 1): error, warning, note or never. Inconclusive findings are notes.")
    var failOn: FailOn = .error

    @Option(name: .customLong("rule"), help: "Run only these rule ids (repeatable). Default: every enabled rule.")
    var only: [String] = []

    func run() throws {
        let (estate, pack, packDiagnostics) = input.load()
        let known = Set(pack.entries.map { $0.id.lowercased() })
        let unknown = only.filter { !known.contains($0.lowercased()) }
        if !unknown.isEmpty { throw ValidationError("unknown rule id \(unknown.joined(separator: ", ")): see `erlint rules`") }
        let ids = only.isEmpty ? nil : Set(only.compactMap { id in pack.entries.first { $0.id.lowercased() == id.lowercased() }?.id })
        let result = RuleEngine(pack: pack).run(estate.graph, only: ids)
        let diagnostics = (estate.diagnostics + packDiagnostics + result.diagnostics).sorted()
        let text = AuditTextReporter.text(.init(
            findings: result.findings, rules: result.rules, customers: estate.graph.manifest?.customers ?? [],
            diagnostics: diagnostics, files: estate.files.count, routers: estate.routers.count,
            resources: estate.graph.nodes.filter { $0.resource != nil }.count))
        FileHandle.standardOutput.write(Data(text.utf8))
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(2) }
        if let threshold = Severity(rawValue: failOn.rawValue), result.findings.contains(where: { $0.severity <= threshold }) {
            throw ExitCode(1)
        }
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
