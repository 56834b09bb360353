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

    /// The rule pack, then the estate's files found and its manifest read (for a run that reads
    /// the estate in shards or batches).
    func prepare(routerProgress: (@Sendable (Int, Int) -> Void)? = nil) -> (estate: EstateLoader.Prepared, pack: RulePackContents, packDiagnostics: [Diagnostic]) {
        let (contents, diagnostics) = pack.load()
        var options = EstateLoader.Options(manifestPath: manifest, postures: contents.postures)
        options.routerProgress = routerProgress
        return (EstateLoader.prepare(paths: paths, options: options), contents, diagnostics)
    }

    /// The rule pack, then the estate read with its posture profiles.
    func load(progress: (@Sendable (Int, Int) -> Void)? = nil, shard: EstateShard? = nil) -> (estate: LoadedEstate, pack: RulePackContents, packDiagnostics: [Diagnostic]) {
        let (contents, diagnostics) = pack.load()
        var options = EstateLoader.Options(manifestPath: manifest, postures: contents.postures)
        options.progress = progress
        options.shard = shard
        let estate = EstateLoader.load(paths: paths, options: options)
        return (estate, contents, diagnostics)
    }
}

/// `--rules DIR`: a CSP's own entries on top of the built-in pack.
struct RulePackOptions: ParsableArguments {
    @Option(name: .customLong("rules"),
            help: "A folder of rule entries (and postures/) read on top of the built-in pack: adds rules or overrides entries by id. Repeatable.")
    var rules: [String] = []

    /// The built-in pack, then every `--rules` folder on top, in order. The built-in pack is the
    /// one compiled into the binary, unless `$ERLINT_RULES` names a folder to use instead (to try
    /// a pack without rebuilding).
    func load() -> (RulePackContents, [Diagnostic]) {
        var sources: [RulePackSource] = []
        var diagnostics: [Diagnostic] = []
        if let dir = ProcessInfo.processInfo.environment["ERLINT_RULES"], !dir.isEmpty {
            if let s = RulePackSource.folder(dir, &diagnostics) { sources.append(s) }
        } else {
            sources.append(RulePackSource(root: "rules", files: EmbeddedRulePack.files))
        }
        for dir in rules {
            if let s = RulePackSource.folder(dir, &diagnostics) { sources.append(s) }
        }
        let read = RulePackReader.read(sources)
        return (read.pack, diagnostics + read.diagnostics)
    }
}
