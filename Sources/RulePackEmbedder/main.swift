import Foundation

// Writes a Swift file holding the rule pack's YAML files as string literals:
//   RulePackEmbedder <rules folder> <output.swift> <file>...
// Paths are kept relative to the folder's parent (`rules/ha/HA001.yaml`), sorted, so the output
// is the same bytes for the same pack.
let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: RulePackEmbedder RULES_DIR OUTPUT FILE...\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL.path
let base = URL(fileURLWithPath: root).deletingLastPathComponent().path
var entries: [(String, String)] = []
for file in arguments.dropFirst(3) {
    let path = URL(fileURLWithPath: file).standardizedFileURL.path
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write(Data("RulePackEmbedder: cannot read \(path) as UTF-8\n".utf8))
        exit(1)
    }
    let relative = path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    entries.append((relative, text))
}
entries.sort { $0.0 < $1.0 }

/// A raw string literal whose delimiter (and escape) does not occur in the text.
func literal(_ text: String) -> String {
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
    return hashes + "\"\"\"\n" + text + (text.hasSuffix("\n") ? "" : "\n") + "\"\"\"" + hashes
}

var out = """
    // Generated at build time from rules/ by the EmbedRulePack plugin. Do not edit.

    /// The built-in rule pack, as it was when this binary was built.
    enum EmbeddedRulePack {
        static let files: [(path: String, text: String)] = [

    """
for (path, text) in entries {
    let quoted = "\"" + path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    out += "        (\(quoted), \(literal(text))),\n"
}
out += "    ]\n}\n"
do {
    try out.write(toFile: arguments[2], atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("RulePackEmbedder: cannot write \(arguments[2]): \(error)\n".utf8))
    exit(1)
}
