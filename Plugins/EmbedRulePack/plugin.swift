import Foundation
import PackagePlugin

/// Compiles `rules/` (rule entries and posture profiles) into the `erlint` binary, so a copied
/// or installed binary carries its built-in pack. Re-runs whenever a file under `rules/` changes.
@main
struct EmbedRulePack: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rules = context.package.directoryURL.appending(path: "rules")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: rules, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where ["yaml", "yml"].contains(url.pathExtension) { inputs.append(url) }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRulePack.swift")
        return [.buildCommand(
            displayName: "Embedding the rule pack (\(inputs.count) files)",
            executable: try context.tool(named: "RulePackEmbedder").url,
            arguments: [rules.path, output.path] + inputs.map(\.path),
            inputFiles: inputs,
            outputFiles: [output]
        )]
    }
}
