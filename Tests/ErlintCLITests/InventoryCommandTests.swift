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

    /// Resources of types no rule evaluates are read, counted and said, by inventory and by
    /// audit's summary: nothing read is dropped without a word.
    @Test func unauditedResourcesAreListed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("erlint-unaudited-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let base = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Network"
        try Data("""
            [{"id": "\(base)/loadBalancers/ilb-nva", "name": "ilb-nva", "type": "Microsoft.Network/loadBalancers", "properties": {}},
             {"id": "\(base)/loadBalancers/ilb-2", "name": "ilb-2", "type": "Microsoft.Network/loadBalancers", "properties": {}},
             {"id": "\(base)/virtualHubs/hub-weu", "name": "hub-weu", "type": "Microsoft.Network/virtualHubs", "properties": {}},
             {"id": "\(base)/routeTables/rt", "name": "rt", "type": "Microsoft.Network/routeTables", "properties": {"routes": []}}]
            """.utf8).write(to: dir.appendingPathComponent("net.json"))
        let json = try run(["inventory", dir.path, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect(object["unauditedResources"] as? [String: Int] == ["Microsoft.Network/loadBalancers": 2, "Microsoft.Network/virtualHubs": 1])
        let text = try run(["inventory", dir.path])
        #expect(text.out.contains("read but not audited (no rule evaluates their type): 3 (Microsoft.Network/loadBalancers 2, Microsoft.Network/virtualHubs 1)"), "\(text.out)")
        let audit = try run(["audit", dir.path])
        #expect(audit.out.contains("3 of the resources are not audited: no rule evaluates Microsoft.Network/loadBalancers (2), Microsoft.Network/virtualHubs (1)"), "\(audit.out)")
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

    @Test func routerSectionJoinsTheSampleRoutersToTheirLinks() throws {
        let r = try run(["inventory", "samples/contoso", "--format", "json"])
        #expect(r.status == 0, "\(r.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let routers = try #require(json["routers"] as? [[String: Any]])
        let dialects = Dictionary(uniqueKeysWithValues: routers.map { ($0["name"] as? String ?? "", $0["dialect"] as? String ?? "") })
        #expect(dialects == ["edge-ams-1": "junos", "edge-ams-2": "iosxr", "wg-lon-core-1": "junos", "nw-fra-edge-1": "openconfig"])
        for router in routers {
            for key in ["file", "interfaces", "bgpNeighbors", "routingInstances", "skippedElements"] {
                #expect(router[key] != nil, "routers[].\(key)")
            }
        }
        let links = try #require(json["links"] as? [[String: Any]])
        func link(_ peering: String, _ side: String, _ circuit: String) -> [String: Any]? {
            links.first { $0["peering"] as? String == peering && $0["side"] as? String == side
                && ($0["circuit"] as? String)?.hasSuffix(circuit) == true && ($0["prefix"] as? String)?.contains(":") == false }
        }
        // Connect-through: one VRF per customer on the CSP routers.
        #expect(link("AzurePrivatePeering", "primary", "er-fab-ams")?["router"] as? String == "edge-ams-1")
        #expect(link("AzurePrivatePeering", "primary", "er-fab-ams")?["routingInstance"] as? String == "FABRIKAM")
        #expect(link("AzurePrivatePeering", "secondary", "er-fab-ams")?["router"] as? String == "edge-ams-2")
        #expect(link("AzurePrivatePeering", "primary", "er-tail-ams")?["routingInstance"] as? String == "TAILSPIN")
        // Woodgrove: both links on one router.
        #expect(link("AzurePrivatePeering", "primary", "er-wg-lon")?["router"] as? String == "wg-lon-core-1")
        #expect(link("AzurePrivatePeering", "secondary", "er-wg-lon")?["router"] as? String == "wg-lon-core-1")
        // Tailspin: the secondary session is missing.
        let unterminated = try #require(json["unterminatedLinks"] as? [[String: Any]])
        #expect(unterminated.count == 1)
        #expect(unterminated.first?["prefix"] as? String == "10.50.0.4/30" && unterminated.first?["customer"] as? String == "tailspin")
        let unmatched = try #require(json["unmatchedSessions"] as? [[String: Any]])
        #expect(Set(unmatched.compactMap { $0["neighbor"] as? String }) == ["10.255.0.1", "10.255.0.2", "172.16.9.2"])
    }

    @Test func hostileXMLNeverLeaksAnotherFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("erlint-xxe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let secret = dir.appendingPathComponent("secret.txt")
        try Data("CANARY-4b1d-never-print-me".utf8).write(to: secret)
        try Data("<!DOCTYPE c [<!ENTITY x SYSTEM \"file://\(secret.path)\">]><configuration><system><host-name>&x;</host-name></system></configuration>".utf8)
            .write(to: dir.appendingPathComponent("router.xml"))
        for format in ["json", "text"] {
            let r = try run(["inventory", dir.appendingPathComponent("router.xml").path, "--format", format])
            #expect(r.status == 2)
            #expect(r.out.contains("DOCTYPE"))
            #expect(!(r.out + r.err).contains("CANARY-4b1d"))
        }
    }
}
