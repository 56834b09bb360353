import ArgumentParser
import Foundation
import ErlintIngest
import ErlintModel
import ErlintReports

/// `erlint merge`: the last step of a scaled-out audit. Each shard (`erlint audit --shard K/N`)
/// wrote its own SARIF and JUnit; this combines them into the files one run over the whole estate
/// would have written, and gates on the combined findings like `audit` does.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the SARIF and JUnit reports of the shards of one audit into one of each.",
        discussion: """
            Each SHARD is a folder a shard wrote its reports to (its erlint.sarif, and erlint.junit.xml \
            when present), or an erlint.sarif / erlint.junit.xml file. Every shard 1..N must be given \
            once. Exit status: 0 when no merged finding is at or above --fail-on; 1 when one is; 2 when \
            a shard's input could not be read or a report cannot be merged.
            """
    )

    @Argument(help: "The shards' report folders (or their erlint.sarif and erlint.junit.xml files).")
    var shards: [String]

    @Option(help: "Folder for the merged erlint.sarif and erlint.junit.xml (created if missing).")
    var output: String = "."

    @Option(help: "Lowest severity that fails the run (exit 1): error, warning, note or never.")
    var failOn: Audit.FailOn = .error

    @Flag(help: "Only findings new against the shards' --baseline fail the run.")
    var newOnly = false

    func validate() throws {
        if shards.isEmpty { throw ValidationError("give the report folders of every shard") }
    }

    func run() throws {
        var sarifFiles: [String] = []
        var junitFiles: [String] = []
        for path in shards {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw ValidationError("\(path): no such file or folder")
            }
            if isDir.boolValue {
                let sarif = path + "/erlint.sarif", junit = path + "/erlint.junit.xml"
                guard FileManager.default.fileExists(atPath: sarif) else {
                    throw ValidationError("\(path): no erlint.sarif in this folder (run the shard with --format sarif,junit --output \(path))")
                }
                sarifFiles.append(sarif)
                if FileManager.default.fileExists(atPath: junit) { junitFiles.append(junit) }
            } else if path.lowercased().hasSuffix(".xml") {
                junitFiles.append(path)
            } else {
                sarifFiles.append(path)
            }
        }
        if !junitFiles.isEmpty && junitFiles.count != sarifFiles.count {
            throw ValidationError("\(sarifFiles.count) SARIF reports but \(junitFiles.count) JUnit reports: give both for every shard, or SARIF only")
        }
        do {
            let sarif = try sarifFiles.map { ($0, try Self.readJSON($0)) }
            let run = try ShardMerge.mergeSARIF(sarif)
            try ReportFile.write(run.sarif, named: Audit.Format.sarif.fileName!, in: output)
            if !junitFiles.isEmpty {
                let files = try junitFiles.map { file -> (String, [UInt8]) in
                    guard let data = FileManager.default.contents(atPath: file) else { throw ShardMerge.Failure(file, "cannot read the file") }
                    return (file, [UInt8](data))
                }
                let junit = try ShardMerge.mergeJUnit(files, run: run, sourceRoot: FileManager.default.currentDirectoryPath)
                try ReportFile.write(named: Audit.Format.junit.fileName!, in: output, bytes: { junit.write(to: $0) })
            }
            let counts = Dictionary(grouping: run.findings.filter { !$0.suppressed }, by: \.severity).mapValues(\.count)
            let summary = Severity.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)\((counts[$0] ?? 0) == 1 ? "" : "s")" }.joined(separator: ", ")
            FileHandle.standardOutput.write(Data("erlint merge: \(run.shards) shards, \(run.files) files, \(run.resources) resources, \(run.routers) router configs: \(run.findings.count) findings (\(summary))\n".utf8))
            for d in run.diagnostics where d.severity == .error {
                FileHandle.standardError.write(Data("\(d)\n".utf8))
            }
            if !run.inputComplete { throw ExitCode(2) }
            if let threshold = Severity(rawValue: failOn.rawValue), run.fails(at: threshold, newOnly: newOnly) { throw ExitCode(1) }
        } catch let failure as ShardMerge.Failure {
            FileHandle.standardError.write(Data("erlint: error: \(failure)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// A shard's SARIF through erlint's own JSON parser (positions for errors, and fast on the
    /// hundreds of megabytes a large shard writes).
    static func readJSON(_ file: String) throws -> JSONText {
        guard let data = FileManager.default.contents(atPath: file) else { throw ShardMerge.Failure(file, "cannot read the file") }
        let bytes = [UInt8](data)
        do {
            return try value(JSONParser.parse(bytes).root, file)
        } catch let error as JSONSyntaxError {
            let at = LineIndex(bytes).location(file, error.offset)
            throw ShardMerge.Failure(file, "line \(at.line), column \(at.column): \(error.message)")
        }
    }

    static func value(_ e: JSONElement, _ file: String) throws -> JSONText {
        switch e.kind {
        case .object: return .object(Dictionary(try e.members.map { ($0.key, try value($0.value, file)) }, uniquingKeysWith: { a, _ in a }))
        case .array: return .array(try e.elements.map { try value($0, file) })
        case .string, .escapedString: return .string(e.stringValue ?? "")
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .number:
            guard let n = e.numberText.flatMap({ Int($0) }) else { throw ShardMerge.Failure(file, "a number that is not an integer: not an erlint report") }
            return .int(n)
        case .null: throw ShardMerge.Failure(file, "a null value: not an erlint report")
        }
    }
}
