import Foundation
import Testing

/// `erlint audit --shard K/N` and `erlint merge`: the merged reports of N shards are, byte for
/// byte, the reports of one run over the whole estate; a shard reads only its share; a merge
/// that misses a shard refuses rather than dropping customers.
@Suite struct ShardCommandTests {
    let cli = InventoryCommandTests()
    let reports = ReportCommandTests()

    static let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("erlint-shards-\(UUID().uuidString)")

    /// Generated estates with planted faults, written once for the suite: the second has other
    /// faults than the first, so against the first's report as baseline its findings are new,
    /// unchanged and absent.
    static let generated = generate(seed: 11)
    static let generatedLater = generate(seed: 12)
    static func generate(seed: Int) -> URL {
        let dir = scratch.appendingPathComponent("estate-\(seed)")
        _ = try? InventoryCommandTests().run(["generate", "--customers", "24", "--seed", "\(seed)", "--fault-rate", "0.4", "--output", dir.path])
        return dir
    }
    static let baseline: String = {
        let out = scratch.appendingPathComponent("baseline")
        _ = try? InventoryCommandTests().run(["audit", generated.path, "--format", "sarif", "--output", out.path, "--no-timestamp"])
        return out.appendingPathComponent("erlint.sarif").path
    }()
    static let suppressions: String = {
        let file = scratch.appendingPathComponent("suppressions.yaml")
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try? """
            suppressions:
              - {rule: HA004, resource: "*", justification: zone-redundant gateways are booked (CHG-1)}
              - {rule: SEG003, resource: "*/er-fab-ams", justification: shared on purpose, expires: 2020-01-01}
            """.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }()

    /// The generated estate with every customer's exports in one file (a Resource Graph query
    /// across subscriptions, pretty-printed), the routers and manifest as they were, and one
    /// resource deep in the file without its id (a warning with a line and column in the file,
    /// and a resource of no subscription, which every batch reads).
    static let oneFile: URL = {
        let dir = scratch.appendingPathComponent("one-file")
        let fm = FileManager.default
        try? fm.createDirectory(at: dir.appendingPathComponent("routers"), withIntermediateDirectories: true)
        var resources: [Any] = []
        let files = (fm.enumerator(at: generated, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .sorted { $0.path < $1.path }
        for f in files {
            switch f.pathExtension {
            case "json":
                let export = (try? JSONSerialization.jsonObject(with: Data(contentsOf: f))) as? [String: Any]
                resources += export?["value"] as? [Any] ?? []
            case "xml":
                try? fm.copyItem(at: f, to: dir.appendingPathComponent("routers").appendingPathComponent(f.lastPathComponent))
            case "yaml":
                try? fm.copyItem(at: f, to: dir.appendingPathComponent(f.lastPathComponent))
            default:
                break
            }
        }
        if resources.count > 3, var odd = resources[resources.count - 3] as? [String: Any] {
            odd["id"] = nil
            resources[resources.count - 3] = odd
        }
        let data = (try? JSONSerialization.data(withJSONObject: ["count": resources.count, "data": resources], options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        try? data.write(to: dir.appendingPathComponent("resource-graph.json"))
        return dir
    }()

    /// The generated estate served through two CSP edge routers instead of each customer's own:
    /// every customer's primary links on `csp-edge-1`, secondary on `csp-edge-2`, a VRF per
    /// customer, except that cust-00003 and cust-00017 share one (SEG004), so that the rule
    /// must see two customers of different batches together.
    static let cspRouters: URL = {
        let dir = scratch.appendingPathComponent("csp-routers")
        let fm = FileManager.default
        try? fm.createDirectory(at: dir.appendingPathComponent("routers"), withIntermediateDirectories: true)
        var units = ["", ""], instances = ["", ""]
        let files = (fm.enumerator(at: generated, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
        for (c, f) in files.enumerated() {
            let customer = f.deletingLastPathComponent().lastPathComponent
            try? fm.createDirectory(at: dir.appendingPathComponent(customer), withIntermediateDirectories: true)
            try? fm.copyItem(at: f, to: dir.appendingPathComponent(customer).appendingPathComponent(f.lastPathComponent))
            let export = (try? JSONSerialization.jsonObject(with: Data(contentsOf: f))) as? [String: Any]
            var links: [[(String, String)]] = [[], []]
            for case let r as [String: Any] in export?["value"] as? [Any] ?? [] where r["type"] as? String == "Microsoft.Network/expressRouteCircuits" {
                for case let p as [String: Any] in (r["properties"] as? [String: Any])?["peerings"] as? [Any] ?? [] {
                    let properties = p["properties"] as? [String: Any] ?? [:]
                    for (side, key) in ["primaryPeerAddressPrefix", "secondaryPeerAddressPrefix"].enumerated() {
                        guard let prefix = properties[key] as? String, let slash = prefix.firstIndex(of: "/") else { continue }
                        let octets = prefix[..<slash].split(separator: ".").compactMap { Int($0) }
                        guard octets.count == 4 else { continue }
                        let base = octets[0...2].map(String.init).joined(separator: ".")
                        links[side].append(("\(base).\(octets[3] + 1)\(prefix[slash...])", "\(base).\(octets[3] + 2)"))
                    }
                }
            }
            let vrf = customer == "cust-00017" ? "cust-00003" : customer
            for side in 0..<2 {
                var members = ""
                for (k, link) in links[side].enumerated() {
                    let unit = c * 10 + k
                    units[side] += "<unit><name>\(unit)</name><vlan-id>\(unit + 1)</vlan-id><family><inet><address><name>\(link.0)</name></address></inet></family></unit>\n"
                    members += "<interface><name>ae0.\(unit)</name></interface>"
                }
                let neighbors = links[side].map { "<neighbor><name>\($0.1)</name></neighbor>" }.joined()
                instances[side] += "<instance><name>\(customer)-\(side)</name><instance-type>vrf</instance-type>\(members)"
                    + "<protocols><bgp><group><name>MSEE-\(vrf)</name><type>external</type><peer-as>12076</peer-as>\(neighbors)</group></bgp></protocols></instance>\n"
                if customer == "cust-00017" { instances[side] = instances[side].replacingOccurrences(of: "<instance><name>cust-00017-\(side)</name>", with: "<instance><name>cust-00003-\(side)</name>") }
            }
        }
        for side in 0..<2 {
            try? """
                <configuration><system><host-name>csp-edge-\(side + 1)</host-name></system>
                <interfaces><interface><name>ae0</name><vlan-tagging/>
                \(units[side])</interface></interfaces>
                <routing-options><autonomous-system><as-number>64500</as-number></autonomous-system></routing-options>
                <routing-instances>
                \(instances[side])</routing-instances></configuration>
                """.write(to: dir.appendingPathComponent("routers/csp-edge-\(side + 1).xml"), atomically: true, encoding: .utf8)
        }
        let manifest = (try? String(contentsOf: generated.appendingPathComponent("manifest.yaml"), encoding: .utf8)) ?? ""
        let customersOnly = manifest.components(separatedBy: "\nrouters:")[0].replacingOccurrences(of: "connect-to", with: "connect-through")
        try? (customersOnly + "\nrouters:\n  - {name: csp-edge-1, owner: csp}\n  - {name: csp-edge-2, owner: csp}\n")
            .write(to: dir.appendingPathComponent("manifest.yaml"), atomically: true, encoding: .utf8)
        return dir
    }()

    struct Case: CustomTestStringConvertible, Sendable {
        var estate: String
        var shards: Int
        var extra: [String] = []
        var testDescription: String { "\(estate.split(separator: "/").last!) in \(shards) shards \(extra.joined(separator: " "))" }
    }

    static let cases: [Case] = [
        Case(estate: "samples/contoso", shards: 2),
        Case(estate: "samples/contoso", shards: 3),
        // More shards than customers: some shards own nothing and still merge.
        Case(estate: "samples/contoso", shards: 7),
        Case(estate: "samples/contoso", shards: 3, extra: ["--suppressions", suppressions]),
        Case(estate: generated.path, shards: 4),
        Case(estate: generatedLater.path, shards: 3, extra: ["--baseline", baseline]),
        // One export holding every customer: each shard reads its own pieces of it.
        Case(estate: oneFile.path, shards: 5),
        // Two CSP routers serving every customer, one VRF shared by two of them.
        Case(estate: cspRouters.path, shards: 4),
    ]

    /// Audits `estate` whole and in shards, merges the shards, and returns the folders.
    func auditInShards(_ c: Case) throws -> (whole: URL, merged: URL, shards: [URL]) {
        let dir = try reports.tempDir()
        let common = ["--format", "sarif,junit", "--no-timestamp", "--fail-on", "never"] + c.extra
        let whole = dir.appendingPathComponent("whole")
        let one = try cli.run(["audit", c.estate, "--output", whole.path] + common)
        #expect(one.status == 0, "\(one.err)")
        var shards: [URL] = []
        for k in 1...c.shards {
            let out = dir.appendingPathComponent("shard-\(k)")
            let r = try cli.run(["audit", c.estate, "--shard", "\(k)/\(c.shards)", "--output", out.path] + common)
            #expect(r.status == 0, "shard \(k): \(r.err)")
            shards.append(out)
        }
        let merged = dir.appendingPathComponent("merged")
        let m = try cli.run(["merge"] + shards.map(\.path).reversed() + ["--output", merged.path, "--fail-on", "never"])
        #expect(m.status == 0, "merge: \(m.err)")
        return (whole, merged, shards)
    }

    @Test(arguments: cases) func mergedShardsAreOneRun(_ c: Case) throws {
        let (whole, merged, _) = try auditInShards(c)
        for name in ["erlint.sarif", "erlint.junit.xml"] {
            let a = try String(contentsOf: whole.appendingPathComponent(name), encoding: .utf8)
            let b = try String(contentsOf: merged.appendingPathComponent(name), encoding: .utf8)
            #expect(a.contains("<failure") || a.contains("\"kind\": \"fail\""), "the estate has findings to merge")
            if c.extra.first == "--baseline" {
                for state in ["absent", "unchanged", "new"] where name.hasSuffix(".sarif") {
                    #expect(a.contains("\"baselineState\": \"\(state)\""), "no \(state) finding against the baseline")
                }
            }
            if a != b {
                let diff = zip(a.split(separator: "\n"), b.split(separator: "\n")).enumerated().first { $0.element.0 != $0.element.1 }
                Issue.record("\(name) differs at line \((diff?.offset ?? 0) + 1): \(diff.map { "\($0.element.0) ≠ \($0.element.1)" } ?? "length")")
            }
        }
    }

    /// Batches (shards run one after another in one process, each dropped before the next) give
    /// every report byte for byte as the estate read whole does, text and HTML included.
    @Test(arguments: [("samples/contoso", ["1", "2", "3"]), (generated.path, ["1", "5"]), (generatedLater.path, ["7"]), (oneFile.path, ["1", "5"]), (cspRouters.path, ["1", "5"])])
    func batchesGiveTheReportsOfTheWholeEstate(_ estate: String, _ sizes: [String]) throws {
        let dir = try reports.tempDir()
        func audit(_ size: String) throws -> URL {
            let out = dir.appendingPathComponent("batch-\(size)")
            let r = try cli.run(["audit", estate, "--batch-size", size, "--format", "text,sarif,junit,html", "--output", out.path,
                                 "--no-timestamp", "--fail-on", "never", "--suppressions", Self.suppressions])
            #expect(r.status == 0, "\(r.err)")
            try r.out.write(to: out.appendingPathComponent("audit.txt"), atomically: true, encoding: .utf8)
            return out
        }
        let whole = try audit("0")
        for size in sizes {
            let batched = try audit(size)
            for name in ["audit.txt", "erlint.sarif", "erlint.junit.xml", "erlint.html"] {
                let a = try Data(contentsOf: whole.appendingPathComponent(name))
                #expect(a == (try Data(contentsOf: batched.appendingPathComponent(name))), "\(name) differs with --batch-size \(size)")
            }
        }
    }

    @Test func theMergedSARIFIsValidAndTheMergeIsTheGate() throws {
        let (_, merged, shards) = try auditInShards(Case(estate: "samples/contoso", shards: 2))
        let check = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
            errors = list(jsonschema.Draft4Validator(schema).iter_errors(doc))
            print("\\n".join(e.message for e in errors[:5])); sys.exit(1 if errors else 0)
            """
        let r = try reports.tool(["python3", "-c", check, ReportCommandTests.schemas.appendingPathComponent("sarif-schema-2.1.0.json").path,
                                  merged.appendingPathComponent("erlint.sarif").path])
        #expect(r.status == 0, "merged SARIF invalid: \(r.out)")
        // The samples have errors: the merge fails the gate as the single run does.
        let gate = try cli.run(["merge"] + shards.map(\.path) + ["--output", merged.path])
        #expect(gate.status == 1)
        #expect(gate.out.contains("2 shards") && gate.out.contains("42 findings"), "\(gate.out)")
    }

    @Test func aShardReadsItsShareOfTheExports() throws {
        let dir = try reports.tempDir()
        var read: [Int] = []
        for k in 1...4 {
            let out = dir.appendingPathComponent("s\(k)")
            _ = try cli.run(["audit", Self.generated.path, "--shard", "\(k)/4", "--format", "sarif", "--output", out.path, "--fail-on", "never"])
            let sarif = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("erlint.sarif"))) as? [String: Any]
            let run = (sarif?["runs"] as? [[String: Any]])?.first
            let uris = (run?["artifacts"] as? [[String: Any]] ?? []).compactMap { ($0["location"] as? [String: Any])?["uri"] as? String }
            read.append(uris.filter { $0.hasSuffix(".json") }.count)
        }
        // 24 customers, one export each, dealt round-robin: six exports per shard, none twice.
        #expect(read == [6, 6, 6, 6])
    }

    @Test func aMergeMissingAShardRefuses() throws {
        let (_, _, shards) = try auditInShards(Case(estate: "samples/contoso", shards: 3))
        let dir = try reports.tempDir()
        let missing = try cli.run(["merge", shards[0].path, shards[2].path, "--output", dir.path])
        #expect(missing.status == 2 && missing.err.contains("shard 2/3 missing"), "\(missing.err)")
        let twice = try cli.run(["merge", shards[0].path, shards[0].path, shards[1].path, shards[2].path, "--output", dir.path])
        #expect(twice.status == 2 && twice.err.contains("shard 1/3 is also"), "\(twice.err)")
        let whole = dir.appendingPathComponent("whole")
        _ = try cli.run(["audit", "samples/contoso", "--format", "sarif", "--output", whole.path])
        let notShard = try cli.run(["merge", whole.path, "--output", dir.path])
        #expect(notShard.status == 2 && notShard.err.contains("not a shard's report"), "\(notShard.err)")
        let negative = try cli.run(["audit", "samples/contoso", "--batch-size=-1"])
        #expect(negative.status == 2 && negative.err.contains("expected a number of customers"), "\(negative.err)")
        for bad in ["0/3", "4/3", "two", "1/0"] {
            let r = try cli.run(["audit", "samples/contoso", "--shard", bad])
            #expect(r.status == 2 && r.err.contains("expected K/N"), "\(bad): \(r.err)")
        }
    }

    /// A shard's JUnit that is not as erlint wrote it is refused with its file and line, and no
    /// merged JUnit is written, rather than merged into something one run would not give.
    @Test func aMergeRefusesJUnitItCannotMergeExactly() throws {
        let (_, _, shards) = try auditInShards(Case(estate: "samples/contoso", shards: 2))
        let junit = shards[1].appendingPathComponent("erlint.junit.xml")
        let original = try String(contentsOf: junit, encoding: .utf8)
        var lines = original.components(separatedBy: "\n")
        for (edit, expected) in [
            ({ (l: inout [String]) in l.removeLast(3) }, "is not closed"),
            ({ (l: inout [String]) in l[1] = "<testsuites name=\"x\">" }, "expected <testsuites> on line 2"),
            ({ (l: inout [String]) in l[2] = l[2].replacingOccurrences(of: " name=\"", with: " name=\"X") }, "rule suites differ"),
            ({ (l: inout [String]) in if let i = l.firstIndex(of: "    <properties>") { l.remove(at: i) } }, "expected <properties>"),
        ] as [((inout [String]) -> Void, String)] {
            lines = original.components(separatedBy: "\n")
            edit(&lines)
            try lines.joined(separator: "\n").write(to: junit, atomically: true, encoding: .utf8)
            let out = try reports.tempDir()
            let r = try cli.run(["merge", shards[0].path, shards[1].path, "--output", out.path])
            #expect(r.status == 2 && r.err.contains(junit.path) && r.err.contains(expected), "\(expected): \(r.err)")
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("erlint.junit.xml").path))
        }
    }
}
