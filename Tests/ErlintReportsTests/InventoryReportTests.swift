import Foundation
import Testing
import ErlintIngest
import ErlintModel
@testable import ErlintReports

@Suite struct InventoryReportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    func report() -> InventoryReport {
        let estate = EstateLoader.load(paths: [Self.root + "/samples/contoso"],
                                       options: .init(postureDirectory: Self.root + "/rules/postures"))
        return InventoryReport(graph: estate.graph, files: estate.files.count, inputBytes: estate.inputBytes,
                               skippedFiles: estate.skippedFiles, ignoredResourceTypes: estate.ignoredResourceTypes,
                               diagnostics: estate.diagnostics, auditedKinds: Self.audited)
    }

    /// As if no rule read NSGs, their rules, or types erlint does not model.
    static let audited = Set(NodeKind.allCases).subtracting([.networkSecurityGroup, .securityRule, .otherResource])

    @Test func jsonHasTheDocumentedContract() throws {
        let data = Data(InventoryReporter.json(report()).utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["files", "resourceCounts", "customers", "unclaimedResources", "danglingReferences", "diagnostics",
                    "unauditedResources", "unreadableValues"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        let counts = try #require(json["resourceCounts"] as? [String: Int])
        #expect(counts["Microsoft.Network/expressRouteCircuits"] == 5)
        #expect(counts["Microsoft.Network/expressRouteCircuits/peerings"] == 6)
        #expect(counts["Microsoft.Network/expressRoutePorts/links"] == 2)
        let unaudited = try #require(json["unauditedResources"] as? [String: Int])
        #expect(unaudited["Microsoft.Network/networkSecurityGroups"] == counts["Microsoft.Network/networkSecurityGroups"])
        #expect(unaudited["Microsoft.Network/networkSecurityGroups/securityRules"] == counts["Microsoft.Network/networkSecurityGroups/securityRules"])
        #expect(unaudited["Microsoft.Network/expressRouteCircuits"] == nil)
        let customers = try #require(json["customers"] as? [[String: Any]])
        #expect(customers.map { $0["id"] as? String } == ["fabrikam", "woodgrove", "tailspin", "northwind"])
        #expect(customers.allSatisfy { ($0["subscriptions"] as? [String])?.isEmpty == false && ($0["resources"] as? Int ?? 0) > 0 })
        #expect(json["unclaimedResources"] as? Int == 1)
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.allSatisfy { Set($0.keys) == ["severity", "file", "line", "column", "message"] })
    }

    @Test func sameEstateSameBytes() {
        #expect(InventoryReporter.json(report()) == InventoryReporter.json(report()))
        #expect(InventoryReporter.text(report()) == InventoryReporter.text(report()))
    }

    @Test func textSummarisesForPeople() {
        let text = InventoryReporter.text(report())
        #expect(text.contains("fabrikam (Fabrikam Ltd): connect-through, posture strict, 2 subscriptions"))
        #expect(text.contains("unclaimed: 1 resources"))
        #expect(text.contains("Microsoft.Compute/virtualMachines 1"))
    }
}
