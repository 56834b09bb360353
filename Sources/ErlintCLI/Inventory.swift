import ArgumentParser
import Foundation
import ErlintIngest
import ErlintModel
import ErlintReports
import ErlintRules

/// `erlint inventory`: what erlint read from an estate, before any rule runs. Users run it to
/// check that an export is complete and that the manifest claims every subscription.
struct Inventory: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what was ingested: files, resources by type, customers, unclaimed and dangling references.",
        discussion: "Exit status: 0 when every input was read, 2 when any could not be (the rest is still shown)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var input: EstateInputOptions

    @Option(help: "Output format: text (a summary) or json (a stable contract for scripts).")
    var format: Format = .text

    func run() throws {
        let (estate, pack, packDiagnostics) = input.load()
        let report = InventoryReport(
            graph: estate.graph, files: estate.files.count, inputBytes: estate.inputBytes,
            skippedFiles: estate.skippedFiles, ignoredResourceTypes: estate.ignoredResourceTypes,
            diagnostics: (estate.diagnostics + packDiagnostics).sorted(), auditedKinds: RuleEngine(pack: pack).auditedKinds())
        let text = format == .json ? InventoryReporter.json(report) : InventoryReporter.text(report)
        FileHandle.standardOutput.write(Data(text.utf8))
        if estate.hasErrors || packDiagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(2) }
    }
}
