import Foundation
import Testing

/// Runs the built `erlint` binary as a user would, from the repository root.
@Suite struct InventoryCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var binary: URL {
        // The test bundle sits in the same products folder as the executable.
        let products = Bundle.main.bundleURL.lastPathComponent.hasSuffix(".xctest")
            ? Bundle.main.bundleURL.deletingLastPathComponent() : Bundle.main.bundleURL
        return products.appendingPathComponent("erlint")
    }

    func run(_ args: [String], in dir: URL = root) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = args
        p.currentDirectoryURL = dir
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test func samplesAreReadWithoutErrors() throws {
        let r = try run(["inventory", "samples/contoso"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Customers: 4"))
        let clean = try run(["inventory", "samples/clean", "--format", "json"])
        #expect(clean.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(clean.out.utf8)) as? [String: Any]
        #expect((json?["diagnostics"] as? [Any])?.isEmpty == true)
    }

    @Test func unreadableInputExitsTwoAndStillReports() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("erlint-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("{\"value\": [".utf8).write(to: dir.appendingPathComponent("broken.json"))
        let r = try run(["inventory", dir.path, "samples/clean", "--format", "json"])
        #expect(r.status == 2)
        #expect(r.out.contains("broken.json") && r.out.contains("\"resourceCounts\""))
        let usage = try run(["inventory"])
        #expect(usage.status == 2, "bad usage")
        #expect(usage.err.contains("Usage"))
        #expect(try run(["inventory", "samples/clean", "--format", "xml"]).status == 2)
        #expect(try run(["--help"]).status == 0)
    }

    @Test func runsFromAnyDirectory() throws {
        let r = try run(["inventory", Self.root.appendingPathComponent("samples/contoso").path],
                        in: FileManager.default.temporaryDirectory)
        #expect(r.status == 0, "\(r.err)")
    }

    /// reports/ holds the inventory of samples/contoso; regenerate with scripts/regenerate-reports.sh.
    @Test func committedReportsAreFresh() throws {
        for (format, file) in [("json", "reports/inventory.json"), ("text", "reports/inventory.txt")] {
            let r = try run(["inventory", "samples/contoso", "--format", format])
            let committed = try String(contentsOf: Self.root.appendingPathComponent(file), encoding: .utf8)
            #expect(r.out == committed, "\(file) is stale: run scripts/regenerate-reports.sh")
        }
    }
}
