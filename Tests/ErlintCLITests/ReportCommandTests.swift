import Foundation
import Testing

/// `erlint audit --format … --output DIR` end to end: the files, their validity against the
/// official schemas, byte-identical reruns, per-customer sets, and reports/ kept fresh.
@Suite struct ReportCommandTests {
    let cli = InventoryCommandTests()
    static let schemas = InventoryCommandTests.root.deletingLastPathComponent().appendingPathComponent("shared/schemas")

    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("erlint-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs a tool; a missing tool is a failure naming the package to install, never a skip.
    func tool(_ args: [String]) throws -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, out)
    }

    @Test func oneRunWritesEveryReportAndTheExitStatusIsTheGate() throws {
        let dir = try tempDir()
        let r = try cli.run(["audit", "samples/contoso", "--format", "html,junit,sarif,text", "--output", dir.path])
        #expect(r.status == 1)
        #expect(r.out.contains("Total: 29 errors"))
        for name in ["erlint.html", "erlint.junit.xml", "erlint.sarif"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), "\(name) missing")
        }
        let clean = try cli.run(["audit", "samples/clean", "--format", "junit", "--output", dir.path])
        #expect(clean.status == 0 && clean.out.isEmpty, "junit only: nothing printed")
        let bad = try cli.run(["audit", "samples/clean", "--format", "pdf"])
        #expect(bad.status == 2 && bad.err.contains("unknown format 'pdf'"))
    }

    @Test func sarifIsValidAgainstTheOfficialSchema() throws {
        let dir = try tempDir()
        _ = try cli.run(["audit", "samples/contoso", "--format", "sarif", "--output", dir.path])
        let check = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
            errors = list(jsonschema.Draft4Validator(schema).iter_errors(doc))
            print("\\n".join(e.message for e in errors[:5])); sys.exit(1 if errors else 0)
            """
        let r = try tool(["python3", "-c", check, Self.schemas.appendingPathComponent("sarif-schema-2.1.0.json").path,
                          dir.appendingPathComponent("erlint.sarif").path])
        #expect(r.status == 0, "SARIF invalid (needs python3-jsonschema): \(r.out)")
        let sarif = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("erlint.sarif"))) as? [String: Any]
        let run = (sarif?["runs"] as? [[String: Any]])?.first
        #expect(((run?["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"].map { ($0 as? [Any])?.count } == 27)
        #expect((run?["results"] as? [Any])?.count == 38)
    }

    @Test func junitIsValidAgainstTheAntSchema() throws {
        let dir = try tempDir()
        _ = try cli.run(["audit", "samples/contoso", "--format", "junit", "--output", dir.path])
        let r = try tool(["xmllint", "--noout", "--schema", Self.schemas.appendingPathComponent("JUnit.xsd").path,
                          dir.appendingPathComponent("erlint.junit.xml").path])
        #expect(r.status == 0, "JUnit invalid (needs libxml2-utils): \(r.out)")
    }

    @Test func theHTMLReportRunsWithoutConsoleErrorsInChromium() throws {
        let r = try tool(["bash", InventoryCommandTests.root.appendingPathComponent("scripts/check-html.sh").path,
                          InventoryCommandTests.root.appendingPathComponent("reports/erlint.html").path,
                          try tempDir().appendingPathComponent("erlint.png").path])
        #expect(r.status == 0, "needs Debian's chromium: \(r.out)")
    }

    @Test func sameInputsGiveTheSameBytes() throws {
        let a = try tempDir(), b = try tempDir()
        _ = try cli.run(["audit", "samples/contoso", "--format", "html,junit,sarif", "--output", a.path, "--no-timestamp"])
        _ = try cli.run(["audit", "samples/contoso", "--format", "html,junit,sarif", "--output", b.path, "--no-timestamp"])
        for name in ["erlint.html", "erlint.junit.xml", "erlint.sarif"] {
            #expect(try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name)), "\(name) differs")
        }
        let sarif = try String(contentsOf: a.appendingPathComponent("erlint.sarif"), encoding: .utf8)
        #expect(!sarif.contains("endTimeUtc"))
    }

    @Test func perCustomerWritesOneSetPerCustomer() throws {
        let dir = try tempDir()
        _ = try cli.run(["audit", "samples/contoso", "--format", "sarif,junit", "--output", dir.path, "--per-customer"])
        for c in ["fabrikam", "woodgrove", "tailspin", "northwind"] {
            let sarif = try String(contentsOf: dir.appendingPathComponent("\(c)/erlint.sarif"), encoding: .utf8)
            let others = ["fabrikam", "woodgrove", "tailspin", "northwind"].filter { $0 != c }
            #expect(sarif.contains("\"customer\" : \"\(c)\""))
            for o in others { #expect(!sarif.contains("\"customer\" : \"\(o)\""), "\(c)'s report has \(o)'s findings") }
        }
    }

    /// reports/ is what a reader opens without building; regenerate with scripts/regenerate-reports.sh.
    @Test func reportsFolderIsFresh() throws {
        let dir = try tempDir()
        let r = try cli.run(["audit", "samples/contoso", "--format", "text,html,junit,sarif", "--output", dir.path, "--no-timestamp"])
        let root = InventoryCommandTests.root.appendingPathComponent("reports")
        #expect(r.out == (try? String(contentsOf: root.appendingPathComponent("audit.txt"), encoding: .utf8)), "reports/audit.txt is stale: run scripts/regenerate-reports.sh")
        for name in ["erlint.html", "erlint.junit.xml", "erlint.sarif"] {
            #expect(try Data(contentsOf: dir.appendingPathComponent(name)) == (try? Data(contentsOf: root.appendingPathComponent(name))),
                    "reports/\(name) is stale: run scripts/regenerate-reports.sh")
        }
    }
}
