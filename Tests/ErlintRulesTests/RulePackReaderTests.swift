import Foundation
import Testing
import ErlintIngest
import ErlintModel
@testable import ErlintRules

/// `--rules DIR`: a CSP adds and overrides entries without Swift; mistakes name file and line.
@Suite struct RulePackReaderTests {
    /// A folder with the given entry files, read on top of the shipped pack.
    func overlay(_ files: [String: String]) -> (pack: RulePackContents, diagnostics: [Diagnostic], dir: String) {
        let dir = NSTemporaryDirectory() + "erlint-pack-" + UUID().uuidString
        for (name, text) in files {
            let path = dir + "/" + name
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        }
        let r = RulePackReader.read(directories: [Pack.root + "/rules", dir])
        return (r.pack, r.diagnostics, dir)
    }

    @Test func anOverrideChangesOnlyTheKeysItSets() throws {
        let r = overlay(["HA003.yaml": "id: HA003\nseverity: error\n", "CFG001.yaml": """
            id: CFG001
            parameters:
              providerBandwidthsMbps: {value: [50, 100, 300]}
            """, "off.yaml": "id: SEG002\nenabled: false\n"])
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        let ha003 = try #require(r.pack.entry("HA003"))
        #expect(ha003.severity == .error)
        #expect(ha003.title == Pack.contents.entry("HA003")!.title)
        #expect(ha003.overriddenBy?.file.hasSuffix("HA003.yaml") == true)
        #expect(r.pack.entry("CFG001")?.parameter("providerBandwidthsMbps")?.value == .integers([50, 100, 300]))
        #expect(r.pack.entry("CFG001")?.parameter("directBandwidthsGbps") != nil)
        #expect(r.pack.entry("SEG002")?.enabled == false)
    }

    @Test func overriddenParametersAndSeverityChangeTheFindings() throws {
        let example = CFG001Example.breaking
        let r = overlay(["CFG001.yaml": "id: CFG001\nseverity: warning\nparameters:\n  providerBandwidthsMbps: {value: [300, 1000]}\n"])
        let (before, _) = Pack.audit(example, rule: "CFG001")
        #expect(before.findings.contains { $0.severity == .error })
        let estate = EstateLoader.load(paths: [Pack.write(example)], options: .init(postures: r.pack.postures))
        let after = RuleEngine(pack: r.pack).run(estate.graph, only: ["CFG001"])
        #expect(after.findings.isEmpty, "300 Mbps is offered after the override: \(after.findings.map(\.message))")
    }

    @Test func aWeakerSeverityOverrideLowersEveryFindingOfTheRule() throws {
        let r = overlay(["HA001.yaml": "id: HA001\nseverity: note\n"])
        let example = try #require(LinksOnDistinctRouters.examples.first)
        let estate = EstateLoader.load(paths: [Pack.write(example)], options: .init(postures: r.pack.postures))
        let result = RuleEngine(pack: r.pack).run(estate.graph, only: ["HA001"])
        #expect(!result.findings.isEmpty)
        #expect(result.findings.allSatisfy { $0.severity == .note })
    }

    @Test(arguments: [
        ("bad.yaml", "id: HA001\nseverity: fatal\n", 2, "invalid value 'fatal' for severity"),
        ("bad.yaml", "id: X001\nname: x\n", 1, "missing key 'title' in rule X001"),
        ("bad.yaml", "id: HA001\nparameters:\n  nope: {value: 1}\n", 3, "unknown parameter 'nope' of rule HA001"),
        ("bad.yaml", "id: CFG001\nparameters:\n  providerBandwidthsMbps: {value: fast}\n", 3, "expected a list for parameter"),
        ("bad.yaml", "id: HA001\ncolour: red\n", 2, "unknown key 'colour'"),
        ("bad.yaml", "id: HA001\n  title: [unclosed\n", 2, "invalid YAML"),
        ("bad.yaml", "id: HA001\ncheck: {resourceType: Microsoft.Network/routeTables, require: {field: x, exists: true}}\n", 2, "its check is Swift"),
        ("x.yaml", Self.declarative("field: sku.colour\n    equals: red"), 10, "unknown field 'sku.colour' of Microsoft.Network/expressRouteCircuits: expected one of"),
        ("x.yaml", Self.declarative("field: sku.tier\n    matches: '(unclosed'"), 11, "invalid regular expression"),
        ("x.yaml", Self.declarative("field: sku.tier\n    equals: a\n    in: [b]"), 10, "expected exactly one operation"),
        ("x.yaml", Self.declarative("allOf: []"), 10, "expected at least one condition in allOf"),
        ("x.yaml", Self.declarative("field: sku.tier\n    less: ten"), 11, "expected a number for less"),
        ("x.yaml", Self.declarative("field: sku.tier\n    exists: true") + "\nexamples:\n  - {summary: s, files: {}}", 13, "missing key 'breaks' in an example"),
        ("x.yaml", Self.declarative("field: sku.tier\n    exists: true") + "\nexamples:\n  - {summary: s, breaks: maybe, files: {}}", 13, "expected true or false for breaks"),
        ("x.yaml", "- just\n- a list\n", 1, "expected a mapping for a rule entry"),
        ("x.yaml", Self.declarative("[field, sku.tier]"), 10, "expected a mapping for a condition"),
    ])
    func aMalformedEntryIsAnErrorNamingFileAndLine(_ file: String, _ text: String, _ line: Int, _ message: String) throws {
        let r = overlay([file: text])
        let d = try #require(r.diagnostics.first { $0.severity == .error }, "no error for \(text)")
        #expect(d.location.file.hasSuffix(file))
        #expect(d.location.line == line, "\(d)")
        #expect(d.message.contains(message), "\(d.message)")
        // The rest of the pack is still there.
        #expect(r.pack.entries.count >= Pack.contents.entries.count)
    }

    static func declarative(_ condition: String) -> String {
        """
        id: CSP001
        name: x
        title: x
        severity: error
        rationale: x
        remediation: x
        check:
          resourceType: Microsoft.Network/expressRouteCircuits
          require:
            \(condition)
        """
    }

    @Test func aNewDeclarativeRuleRunsOnTheSamples() throws {
        let r = overlay(["csp/CSP001.yaml": """
            id: CSP001
            name: gateways-active-active
            title: ExpressRoute gateways of strict customers are zone-redundant and not Standard
            severity: warning
            rationale: Our contract.
            remediation: Upgrade.
            check:
              resourceType: Microsoft.Network/virtualNetworkGateways
              posture: {highAvailability: circuits}
              when: {field: gatewayType, equals: expressroute}
              require:
                allOf:
                  - {field: sku.name, matches: 'ErGw[1-3]AZ|ErGwScale'}
                  - not: {field: sku.name, in: [Standard, HighPerformance]}
                  - anyOf:
                      - {field: activeActive, equals: true}
                      - {field: properties.enableBgp, exists: false}
            """])
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        let estate = EstateLoader.load(paths: [Pack.root + "/samples/contoso"], options: .init(postures: r.pack.postures))
        let result = RuleEngine(pack: r.pack).run(estate.graph, only: ["CSP001"])
        #expect(result.findings.map { $0.subject.lowercased().hasSuffix("/ergw-fab-hub") } == [true], "\(result.findings.map(\.subject))")
        let message = try #require(result.findings.first?.message)
        #expect(message.contains("sku.name is 'Standard', expected matching /ErGw[1-3]AZ|ErGwScale/"), "\(message)")
        #expect(message.contains("must not hold: sku.name one of"), "\(message)")
    }
}

enum CFG001Example {
    static var breaking: RuleExample { OfferedBandwidth.examples.first { $0.breaks }! }
}

extension Pack {
    /// Writes an example's files to a fresh folder and returns it.
    static func write(_ example: RuleExample) -> String {
        let dir = NSTemporaryDirectory() + "erlint-example-" + UUID().uuidString
        for f in example.files {
            let path = dir + "/" + f.path
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: path, contents: Data(f.content.utf8))
        }
        return dir
    }
}
