import Foundation
import Testing

/// `erlint audit`, `rules` and `explain` run as a user would: exit status is the CI contract.
@Suite struct AuditCommandTests {
    let cli = InventoryCommandTests()

    @Test func theSamplesFailTheGateAndTheCleanEstatePasses() throws {
        let r = try cli.run(["audit", "samples/contoso"])
        #expect(r.status == 1, "\(r.err)")
        #expect(r.out.contains("fabrikam (Fabrikam Ltd, posture strict): 13 errors, 5 warnings, 1 note (1 inconclusive)"), "\(r.out.prefix(400))")
        #expect(r.out.contains("HA004 zone-redundant-gateway"))
        #expect(r.out.contains("fix: Migrate the gateway"))
        #expect(r.out.contains("see Microsoft peering with its advertisedPublicPrefixes: samples/contoso/fabrikam/az-network-express-route-list.json:36:7"))
        let clean = try cli.run(["audit", "samples/clean"])
        #expect(clean.status == 0, "\(clean.out)")
        #expect(clean.out.contains("Total: no findings; 0 of 1 customer affected"), "\(clean.out)")
    }

    @Test func failOnDecidesWhichSeverityFailsTheRun() throws {
        // Northwind alone has one error (HA002); only HA004 warnings come from a single rule run.
        #expect(try cli.run(["audit", "samples/contoso", "--fail-on", "never"]).status == 0)
        #expect(try cli.run(["audit", "samples/contoso", "--rule", "HA004"]).status == 0, "a warning does not fail the default gate")
        #expect(try cli.run(["audit", "samples/contoso", "--rule", "HA004", "--fail-on", "warning"]).status == 1)
        let unknown = try cli.run(["audit", "samples/contoso", "--rule", "XX999"])
        #expect(unknown.status == 2 && unknown.err.contains("unknown rule id XX999"))
    }

    @Test func aBrokenRuleFileExitsTwoButTheAuditStillRuns() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("erlint-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("id: HA004\nseverity: [error\n".utf8).write(to: dir.appendingPathComponent("HA004.yaml"))
        let r = try cli.run(["audit", "samples/contoso", "--rules", dir.path])
        #expect(r.status == 2)
        #expect(r.out.contains("HA004.yaml:3:1: error: invalid YAML"), "\(r.out.prefix(600))")
        #expect(r.out.contains("HA004 zone-redundant-gateway"), "the built-in entry still runs")
    }

    /// A manifest typo ends the run with exit 2 and the key it lacks, for every command that reads
    /// a manifest: never a crash (the fuzzer's 32 bytes killed them with SIGILL).
    @Test func aManifestMissingAKeyIsAnErrorNotACrash() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("erlint-manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let manifest = dir.appendingPathComponent("manifest.json")
        try Data(#"{"deployments":[{"template":g}]}"#.utf8).write(to: manifest)
        for command in [["audit", "samples/clean", "--manifest", manifest.path], ["inventory", "samples/clean", "--manifest", manifest.path]] {
            let r = try cli.run(command)
            #expect(r.status == 2, "\(command[0]): \(r.err)")
            #expect(r.out.contains("manifest.json:1:") && r.out.contains("missing key 'subscription' in a deployment"), "\(command[0]): \(r.out.prefix(600))")
        }
    }

    @Test func rulesListsThePackAndExplainShowsEverything() throws {
        let rules = try cli.run(["rules"])
        #expect(rules.status == 0, "\(rules.err)")
        #expect(rules.out.contains("HA001   error   links-on-distinct-routers"))
        #expect(rules.out.contains("CFG007  warning premium-sku-for-strict") && rules.out.contains("[declarative]"))
        let explain = try cli.run(["explain", "CFG001"])
        #expect(explain.status == 0)
        for part in ["CFG001 offered-bandwidth", "Why", "providerBandwidthsMbps (integers) = [50, 100", "Fix", "References",
                     "Example 1 (breaks the rule): a 300 Mbps provider circuit", "\"bandwidthInMbps\" : 300"] {
            #expect(explain.out.contains(part), "explain lacks \(part)")
        }
        let byName = try cli.run(["explain", "premium-sku-for-strict"])
        #expect(byName.out.contains("every Microsoft.Network/expressRouteCircuits of customers with posture strict"))
        #expect(byName.out.contains("must satisfy sku.tier equals 'Premium'"))
        #expect(try cli.run(["explain", "nope"]).status == 2)
    }

    @Test func theBinaryCarriesItsPackWhereverItIsCopied() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("erlint-installed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let copy = dir.appendingPathComponent("erlint")
        try FileManager.default.copyItem(at: InventoryCommandTests.binary, to: copy)
        let p = Process()
        p.executableURL = copy
        p.arguments = ["audit", InventoryCommandTests.root.appendingPathComponent("samples/clean").path]
        p.currentDirectoryURL = URL(fileURLWithPath: "/")
        var env = ProcessInfo.processInfo.environment
        env["ERLINT_RULES"] = nil
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(text.contains("27 rules"), "\(text)")
    }
}
