import ArgumentParser
import Foundation
import ErlintIngest
import ErlintModel
import ErlintRules

/// The inputs every estate command takes: paths, the manifest and the rule pack.
struct EstateInputOptions: ParsableArguments {
    @Argument(help: "Export files or folders (read recursively).")
    var paths: [String]

    @Option(help: "The estate manifest (YAML or JSON). Default: manifest.yaml or manifest.json at the top of a PATH folder.")
    var manifest: String?

    @OptionGroup var pack: RulePackOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one export file or folder") }
    }

    /// The rule pack, then the estate read with its posture profiles.
    func load() -> (estate: LoadedEstate, pack: RulePackContents, packDiagnostics: [Diagnostic]) {
        let (contents, diagnostics) = pack.load()
        let estate = EstateLoader.load(paths: paths, options: .init(manifestPath: manifest, postures: contents.postures))
        return (estate, contents, diagnostics)
    }
}

/// `--rules DIR`: a CSP's own entries on top of the built-in pack.
struct RulePackOptions: ParsableArguments {
    @Option(name: .customLong("rules"),
            help: "A folder of rule entries (and postures/) read on top of the built-in pack: adds rules or overrides entries by id. Repeatable.")
    var rules: [String] = []

    /// The built-in pack (found beside the erlint checkout or through $ERLINT_RULES) and every
    /// `--rules` folder on top, in order.
    func load() -> (RulePackContents, [Diagnostic]) {
        var dirs = rules
        var diagnostics: [Diagnostic] = []
        if let builtIn = RulePack.locate() {
            dirs.insert(builtIn.directory, at: 0)
        } else {
            diagnostics.append(Diagnostic(.error, .wholeFile("rules"),
                "built-in rule pack not found (no rules/postures beside erlint or in a parent of the working directory); set ERLINT_RULES to the pack folder"))
        }
        let read = RulePackReader.read(directories: dirs)
        return (read.pack, diagnostics + read.diagnostics)
    }
}
