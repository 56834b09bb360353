import Foundation
import Testing
import ErlintIngest
import ErlintModel
@testable import ErlintRules

@Suite struct PostureResolverTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test func customersGetTheirPostureAndUnclaimedResourcesTheBaseline() throws {
        let estate = EstateLoader.load(paths: [Self.root + "/samples/contoso"],
                                       options: .init(postureDirectory: Self.root + "/rules/postures"))
        #expect(!estate.hasErrors, "\(estate.diagnostics)")
        let resolver = PostureResolver(graph: estate.graph, baseline: Posture(name: "baseline"))
        func posture(_ name: String) throws -> Posture {
            let node = try #require(estate.graph.nodes(.circuit).first { $0.name == name })
            return resolver.posture(of: node.id)
        }
        #expect(try posture("er-fab-ams").name == "strict")
        #expect(try posture("er-wg-lon").encryption == .required)
        #expect(try posture("er-tail-ams").name == "baseline")
        #expect(try posture("er-legacy-par").name == "baseline")
        let inspected = resolver.nodes(.subnet) { $0.firewallInspection == .required }
        #expect(Set(inspected.map(\.name)) == ["GatewaySubnet", "AzureFirewallSubnet", "snet-shared", "snet-nva", "snet-web", "snet-db"])
    }
}
