import Foundation

/// Where the rule pack (`rules/`: rule entries and posture profiles) is found.
///
/// Order: an explicit `--rules` folder, then `$ERLINT_RULES`, then the first `rules/` folder
/// holding `postures/` found walking up from the executable (so `swift run` and
/// `.build/*/erlint` work from any directory), then walking up from the working directory.
public struct RulePack: Sendable {
    public let directory: String

    public var postureDirectory: String { directory + "/postures" }

    public init(directory: String) { self.directory = directory }

    public static func locate(explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                              executable: String = CommandLine.arguments.first ?? "") -> RulePack? {
        if let explicit { return RulePack(directory: explicit) }
        if let env = environment["ERLINT_RULES"], !env.isEmpty { return RulePack(directory: env) }
        let exe = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for start in [exe, cwd] {
            var dir = start
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("rules")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("postures").path) {
                    return RulePack(directory: candidate.path)
                }
                let up = dir.deletingLastPathComponent()
                if up.path == dir.path { break }
                dir = up
            }
        }
        return nil
    }
}
