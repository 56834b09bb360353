import Foundation
import Testing
import ErlintModel
@testable import ErlintReports

/// Each reporter against a golden file, with a pinned version and time. A mismatch fails and
/// writes the new output beside the golden file (`*.new`); `ERLINT_UPDATE_GOLDEN=1 swift test`
/// rewrites the golden files, so a change in a report is a diff a reviewer reads.
@Suite struct ReporterGoldenTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// A small audit with every kind of finding, a hostile resource name and an input error.
    static let report: AuditReport = {
        let root = "/estate"
        let circuit = "/subscriptions/00000000-0000-0000-0000-0000000000a1/resourceGroups/rg/providers/Microsoft.Network/expressRouteCircuits/<script>alert(1)</script>"
        let peering = circuit + "/peerings/AzurePrivatePeering"
        let ha001 = RuleEntry(id: "HA001", name: "links-on-distinct-routers", title: "Primary and secondary on two routers", family: "HA",
                              severity: .error, rationale: "One router failure & both links \"down\".", remediation: "Move the secondary link.",
                              references: ["https://learn.microsoft.com/azure/expressroute/designing-for-high-availability-with-expressroute"],
                              tags: ["availability"], location: .wholeFile("rules/ha/HA001.yaml"))
        let msp005 = RuleEntry(id: "MSP005", name: "router-exports-advertised-only", title: "Exports are advertised", family: "MSP",
                               severity: .error, rationale: "Microsoft drops the rest.", remediation: "Match the export policy.",
                               parameters: [RuleParameter(name: "limit", value: .integers([1, 2]), description: "A parameter.")],
                               location: .wholeFile("rules/msp/MSP005.yaml"))
        let findings = [
            Finding(ruleID: "HA001", severity: .error, status: .violation, customer: "acme", subject: peering, subjectKind: "peering",
                    location: SourceLocation(file: root + "/network.json", line: 12, column: 7),
                    message: "primary 172.16.0.0/30 and secondary 172.16.0.4/30 both end on edge-<1>", fix: "Move the secondary link.",
                    related: [RelatedLocation("BGP session on edge-<1>", SourceLocation(file: root + "/routers/edge 1.xml", line: 40, column: 9))]),
            Finding(ruleID: "MSP005", severity: .note, status: .inconclusive, customer: nil, subject: "router/edge-2/sessions/global/100.200.0.2",
                    subjectKind: "bgpSession", location: SourceLocation(file: root + "/routers/edge-2.xml", line: 9, column: 3),
                    message: "cannot tell what edge-2 exports", fix: "Match the export policy."),
        ]
        let customer = Customer(id: "acme", name: "Acme & Sons", model: .connectThrough, subscriptions: [], posture: .profile("strict", .wholeFile("m")),
                                resolvedPosture: Posture(name: "strict"), location: .wholeFile("m"))
        var topology = CustomerTopology(customer: "acme")
        topology.routers = [.init(name: "edge-<1>", subject: "router/edge-<1>", detail: "junos")]
        topology.circuits = [.init(name: "<script>alert(1)</script>", subject: circuit, detail: "Amsterdam · 1000 Mbps")]
        topology.links = [.init(circuit: circuit, peering: "AzurePrivatePeering", side: "primary", prefix: "172.16.0.0/30", routers: ["edge-<1>"]),
                          .init(circuit: circuit, peering: "AzurePrivatePeering", side: "secondary", prefix: "172.16.0.4/30", routers: [])]
        return AuditReport(
            toolVersion: "9.9.9", findings: findings, rules: [ha001, msp005],
            checked: ["HA001": [CheckedSubject(subject: peering, customer: "acme"), CheckedSubject(subject: circuit + "/peerings/MicrosoftPeering", customer: "acme")],
                      "MSP005": [CheckedSubject(subject: "router/edge-2/sessions/global/100.200.0.2", customer: nil)]],
            customers: [customer],
            diagnostics: [Diagnostic(.error, SourceLocation(file: root + "/broken.json", line: 3, column: 14), "expected ',' or '}' after an object member"),
                          Diagnostic(.warning, .wholeFile("/elsewhere/other.xml"), "unrecognised router config dialect")],
            files: 4, routers: 2, resources: 9, sourceRoot: root, timestamp: Date(timeIntervalSince1970: 1_767_225_600),
            topology: [topology])
    }()

    func compare(_ name: String, _ output: String) throws {
        let golden = Self.here.appendingPathComponent("Golden/" + name)
        if ProcessInfo.processInfo.environment["ERLINT_UPDATE_GOLDEN"] == "1" {
            try output.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = (try? String(contentsOf: golden, encoding: .utf8)) ?? ""
        if output != expected {
            try output.write(to: golden.appendingPathExtension("new"), atomically: true, encoding: .utf8)
        }
        #expect(output == expected, "\(name) differs from its golden file: see \(golden.path).new, or run ERLINT_UPDATE_GOLDEN=1 swift test")
    }

    @Test func sarif() throws { try compare("erlint.sarif", SARIFReporter.render(Self.report)) }
    @Test func junit() throws { try compare("erlint.junit.xml", JUnitReporter.render(Self.report)) }
    @Test func html() throws { try compare("erlint.html", HTMLReporter.render(Self.report)) }
    @Test func text() throws { try compare("audit.txt", AuditTextReporter.text(Self.report)) }

    @Test func everyInputStringIsEscapedInTheHTML() {
        let html = HTMLReporter.render(Self.report)
        #expect(!html.contains("<script>alert"), "a resource name became markup")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("edge-<1>"))
        #expect(html.contains("Acme &amp; Sons"))
        // Self-contained: nothing is loaded from anywhere.
        for pattern in ["src=", "href=", "url(", "@import", "<link"] { #expect(!html.contains(pattern), "found \(pattern)") }
        #expect(html.components(separatedBy: "<script>").count == 2, "one inline script only")
    }

    /// A large estate's page is written as it is made: no piece handed out is more than a few
    /// rows or a chunk of pictures, and the pieces are the page.
    @Test func htmlIsHandedOutInPiecesOfBoundedSize() {
        var large = Self.report
        large.findings = (0..<4_000).map { n in
            let f = Self.report.findings[n % 2]
            return Finding(ruleID: f.ruleID, severity: f.severity, status: f.status, customer: f.customer, subject: f.subject + "-\(n)",
                           subjectKind: f.subjectKind, location: f.location, message: f.message, fix: f.fix, related: f.related)
        }
        large.triage = Array(repeating: large.triage[0], count: large.findings.count)
        large.topology = (0..<600).map { n in
            var t = Self.report.topology[0]
            t.customer = "customer-\(n)"
            return t
        }
        var pieces: [String] = []
        HTMLReporter.write(large) { pieces.append($0) }
        let page = pieces.joined()
        #expect(page == HTMLReporter.render(large))
        #expect(page.utf8.count > 2_000_000, "the page is large enough to need pieces")
        let largest = pieces.map(\.utf8.count).max() ?? 0
        #expect(largest < 200_000, "a piece of \(largest) bytes")
    }

    @Test func sarifPointsRelativeToTheSourceRootAndFingerprintsIgnoreLines() throws {
        let sarif = SARIFReporter.render(Self.report)
        #expect(sarif.contains("\"uri\": \"network.json\""))
        #expect(sarif.contains("\"uri\": \"routers/edge%201.xml\""))
        #expect(sarif.contains("\"uri\": \"file:///elsewhere/other.xml\""))
        #expect(sarif.contains("\"executionSuccessful\": false"))
        var moved = Self.report
        moved.findings = moved.findings.map { f in
            Finding(ruleID: f.ruleID, severity: f.severity, status: f.status, customer: f.customer, subject: f.subject, subjectKind: f.subjectKind,
                    location: f.location.map { SourceLocation(file: $0.file, line: $0.line + 40, column: 1) }, message: f.message, fix: f.fix, related: f.related)
        }
        #expect(moved.fingerprints() == Self.report.fingerprints())
        #expect(Set(Self.report.fingerprints()).count == 2)
    }

    @Test func junitCountsPassesFailuresAndSkips() {
        let xml = JUnitReporter.render(Self.report)
        #expect(xml.contains("name=\"HA001 links-on-distinct-routers\" timestamp=\"2026-01-01T00:00:00\" hostname=\"erlint\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\""))
        #expect(xml.contains("name=\"MSP005 router-exports-advertised-only\" timestamp=\"2026-01-01T00:00:00\" hostname=\"erlint\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"1\""))
        #expect(xml.contains("classname=\"acme\""))
        #expect(xml.contains("<error message=\"expected &#39;,&#39; or &#39;}&#39; after an object member\""))
        #expect(!xml.contains("edge-<1>"))
    }
}
