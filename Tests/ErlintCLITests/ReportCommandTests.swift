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
        #expect(r.out.contains("Total: 30 errors"))
        for name in ["erlint.html", "erlint.junit.xml", "erlint.sarif"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), "\(name) missing")
        }
        let clean = try cli.run(["audit", "samples/clean", "--format", "junit", "--output", dir.path])
        #expect(clean.status == 0 && clean.out.isEmpty, "junit only: nothing printed")
        let unwritable = try cli.run(["audit", "samples/clean", "--format", "sarif", "--output", "/proc/erlint-cannot-write"])
        #expect(unwritable.status == 2 && unwritable.err.contains("cannot write the reports under /proc/erlint-cannot-write"))
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
        #expect((run?["results"] as? [Any])?.count == 42)
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

    @Test func progressOnlyWhenAskedOrOnATerminal() throws {
        let asked = try cli.run(["audit", "samples/clean", "--progress", "always"])
        #expect(asked.err.contains("\rerlint: reading router configs 2/2") && asked.err.contains("\rerlint: reading files 1/1")
                && asked.err.contains("rules run 27/27"), "\(asked.err)")
        // The tests' stderr is a pipe, as in CI: no progress by default.
        let quiet = try cli.run(["audit", "samples/clean"])
        #expect(!quiet.err.contains("\r") && !quiet.err.contains("reading files"))
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

    @Test func sourceDateEpochPinsTheTime() throws {
        var outputs: [String] = []
        for _ in 0..<2 {
            let dir = try tempDir()
            let p = Process()
            p.executableURL = InventoryCommandTests.binary
            p.arguments = ["audit", "samples/clean", "--format", "sarif,junit", "--output", dir.path]
            p.currentDirectoryURL = InventoryCommandTests.root
            p.environment = ProcessInfo.processInfo.environment.merging(["SOURCE_DATE_EPOCH": "1767225600"]) { _, new in new }
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            outputs.append(try String(contentsOf: dir.appendingPathComponent("erlint.sarif"), encoding: .utf8)
                           + String(contentsOf: dir.appendingPathComponent("erlint.junit.xml"), encoding: .utf8))
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0].contains("\"endTimeUtc\": \"2026-01-01T00:00:00Z\""))
        #expect(outputs[0].contains("timestamp=\"2026-01-01T00:00:00\""))
    }

    @Test func perCustomerWritesOneSetPerCustomer() throws {
        let dir = try tempDir()
        _ = try cli.run(["audit", "samples/contoso", "--format", "sarif,junit", "--output", dir.path, "--per-customer"])
        for c in ["fabrikam", "woodgrove", "tailspin", "northwind"] {
            let sarif = try String(contentsOf: dir.appendingPathComponent("\(c)/erlint.sarif"), encoding: .utf8)
            let others = ["fabrikam", "woodgrove", "tailspin", "northwind"].filter { $0 != c }
            #expect(sarif.contains("\"customer\": \"\(c)\""))
            for o in others { #expect(!sarif.contains("\"customer\": \"\(o)\""), "\(c)'s report has \(o)'s findings") }
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

/// Baselines and suppressions: what the gate counts, and how each report shows it.
@Suite struct TriageCommandTests {
    let cli = InventoryCommandTests()

    func write(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("erlint-triage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func aBaselineMarksFindingsNewUnchangedOrAbsentAndNewOnlyGatesOnNewOnes() throws {
        // The committed sample SARIF without its HA005 result, plus one result that no longer exists.
        let sarif = try JSONSerialization.jsonObject(with: Data(contentsOf: InventoryCommandTests.root.appendingPathComponent("reports/erlint.sarif"))) as! [String: Any]
        var runs = sarif["runs"] as! [[String: Any]]
        var results = (runs[0]["results"] as! [[String: Any]]).filter { $0["ruleId"] as? String != "HA005" }
        var gone = results[0]
        gone["partialFingerprints"] = ["erlint/v1": "0000000000000000"]
        gone["message"] = ["text": "fixed since"]
        results.append(gone)
        runs[0]["results"] = results
        var edited = sarif
        edited["runs"] = runs
        let baseline = try write("base.sarif", String(decoding: try JSONSerialization.data(withJSONObject: edited), as: UTF8.self))
        let out = baseline + ".out"

        let r = try cli.run(["audit", "samples/contoso", "--baseline", baseline, "--new-only", "--format", "text,sarif", "--output", out])
        #expect(r.status == 1, "HA005 is a new error")
        #expect(r.out.contains("error [new]: virtualNetworkGateways/ergw-fab-hub"))
        #expect(r.out.contains("Gone since the baseline: 1"))
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/erlint.sarif"))) as! [String: Any]
        let states = ((report["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]]).map { "\($0["ruleId"]!) \($0["baselineState"]!)" }
        #expect(states.filter { !$0.hasSuffix("unchanged") }.sorted() == ["CFG006 absent", "HA005 new"])

        let unchanged = try cli.run(["audit", "samples/contoso", "--baseline", InventoryCommandTests.root.appendingPathComponent("reports/erlint.sarif").path, "--new-only"])
        #expect(unchanged.status == 0, "nothing new since the committed baseline")
        #expect(try cli.run(["audit", "samples/contoso", "--new-only"]).status == 2, "--new-only without --baseline is bad usage")
        let notSarif = try cli.run(["audit", "samples/clean", "--baseline", try write("x.sarif", "[1, 2]")])
        #expect(notSarif.status == 2 && notSarif.out.contains("the baseline is not a SARIF file"))
    }

    @Test func suppressionsSilenceMatchingFindingsAndExpiredOnesWarn() throws {
        let file = try write("suppressions.yaml", """
            suppressions:
              - rule: SEG004
                resource: "router/edge-ams-?/instances/msft-public"
                justification: Shared Microsoft peering VRF, accepted by the CSP's security board (RISK-7)
              - rule: HA001
                resource: "*/er-tail-ams/*"
                justification: old exception
                expires: 2020-01-01
            """)
        let out = file + ".out"
        let r = try cli.run(["audit", "samples/contoso", "--suppressions", file, "--rule", "SEG004", "--rule", "HA001",
                             "--format", "text,sarif,junit", "--output", out])
        #expect(r.out.contains("suppressions.yaml:5:5: warning: suppression of HA001 for */er-tail-ams/* expired on 2020-01-01"))
        #expect(r.out.contains("2 suppressed"), "\(r.out)")
        #expect(r.out.contains("error: expressRouteCircuits/er-tail-ams/peerings/AzurePrivatePeering"), "the expired suppression silences nothing")
        // The woodgrove HA001 errors still fail the run; SEG004 alone passes once suppressed.
        #expect(r.status == 1)
        #expect(try cli.run(["audit", "samples/contoso", "--suppressions", file, "--rule", "SEG004"]).status == 0)
        let sarif = try String(contentsOf: URL(fileURLWithPath: out + "/erlint.sarif"), encoding: .utf8)
        #expect(sarif.contains("\"justification\": \"Shared Microsoft peering VRF, accepted by the CSP's security board (RISK-7)\""))
        let junit = try String(contentsOf: URL(fileURLWithPath: out + "/erlint.junit.xml"), encoding: .utf8)
        #expect(junit.contains("<skipped message=\"suppressed: Shared Microsoft peering VRF"))
    }

    @Test func aSuppressionWithoutJustificationIsAnErrorAndSilencesNothing() throws {
        let file = try write("s.yaml", "- {rule: HA004, resource: '*'}\n- {rule: HA004, resource: '*', justification: x, expires: soon}\n")
        let r = try cli.run(["audit", "samples/contoso", "--suppressions", file, "--rule", "HA004"])
        #expect(r.status == 2)
        #expect(r.out.contains("s.yaml:1:3: error: missing key 'justification' in a suppression"), "\(r.out)")
        #expect(r.out.contains("s.yaml:2:59: error: expected a date such as 2027-03-31 for expires"), "\(r.out)")
        #expect(r.out.contains("warning: virtualNetworkGateways/ergw-fab-hub"))
    }
}
