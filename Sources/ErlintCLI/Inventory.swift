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
        let estate = input.load()
        let report = InventoryReport(
            graph: estate.graph, files: estate.files.count, inputBytes: estate.inputBytes,
            skippedFiles: estate.skippedFiles, ignoredResourceTypes: estate.ignoredResourceTypes,
            diagnostics: estate.diagnostics)
        let text = format == .json ? InventoryReporter.json(report) : InventoryReporter.text(report)
        FileHandle.standardOutput.write(Data(text.utf8))
        if estate.hasErrors { throw ExitCode(2) }
    }
}

/// The inputs every estate command takes: paths, the manifest and the rule pack.
struct EstateInputOptions: ParsableArguments {
    @Argument(help: "Export files or folders (read recursively).")
    var paths: [String]

    @Option(help: "The estate manifest (YAML or JSON). Default: manifest.yaml or manifest.json at the top of a PATH folder.")
    var manifest: String?

    @Option(help: "The rule pack folder (holding postures/). Default: $ERLINT_RULES, else rules/ beside the erlint checkout.")
    var rules: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one export file or folder") }
    }

    func load() -> LoadedEstate {
        let pack = RulePack.locate(explicit: rules)
        if pack == nil {
            FileHandle.standardError.write(Data(
                "erlint: warning: rule pack not found (no rules/postures beside erlint or here); pass --rules DIR or set ERLINT_RULES\n".utf8))
        }
        return EstateLoader.load(paths: paths, options: .init(manifestPath: manifest, postureDirectory: pack?.postureDirectory))
    }
}
