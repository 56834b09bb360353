import Foundation
import Testing
import ErlintIngest
import ErlintModel
@testable import ErlintRules

/// A rule that lacks data says what is missing, as an inconclusive note: never a silent pass and
/// never a guessed violation.
@Suite struct InconclusiveTests {
    func findings(_ rule: String, _ files: [RuleExample.File], manifest: String? = nil) -> [Finding] {
        Pack.audit(RuleExample("", breaks: false, files: files, manifest: manifest), rule: rule).0.findings
    }

    func expectOneInconclusive(_ found: [Finding], saying text: String) {
        #expect(found.count == 1, "\(found.map(\.message))")
        #expect(found.first?.status == .inconclusive && found.first?.severity == .note)
        #expect(found.first?.message.contains(text) == true, "\(found.map(\.message))")
    }

    @Test func aPeeringWithNoRouterConfigAtAll() {
        expectOneInconclusive(findings("HA001", [Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])])]),
                              saying: "no router config has a BGP session or interface on either link")
    }

    @Test func anExportPolicyThatIsNotInTheConfig() {
        let json = Fragment.json([Fragment.circuit(peerings: [Fragment.microsoftPeering()]), Fragment.routeFilter()])
        expectOneInconclusive(findings("MSP005", [json, Fragment.junos("edge-1", [.init("100.200.0.2", export: "MISSING")])]),
                              saying: "cannot tell what edge-1 neighbor 100.200.0.2 exports")
    }

    @Test func forcedTunnelingWithoutRouterConfigs() {
        expectOneInconclusive(findings("CFG006", [Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])])],
                                       manifest: Fragment.manifest(posture: "strict")),
                              saying: "no router config has an active session on this peering")
    }

    @Test func aRouteTableThatIsNotExported() {
        let files = [Fragment.json(Fragment.hubWithFirewall() + [
            Fragment.vnet(subnets: [("GatewaySubnet", "10.1.0.0/27", nil), ("snet-app", "10.1.2.0/24", "rt-missing")]),
        ])]
        expectOneInconclusive(findings("UDR001", files, manifest: Fragment.manifest(posture: "strict")),
                              saying: "route table rt-missing of snet-app is not in the exports")
    }

    @Test func aGatewayWhoseSecondCircuitIsNotExported() {
        let files = [Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]), Fragment.vnet(), Fragment.gateway(),
                                    Fragment.connection(), Fragment.connection("cn-hub-lon", circuit: "er-lon")])]
        expectOneInconclusive(findings("HA005", files, manifest: Fragment.manifest(posture: "strict")),
                              saying: "connected to circuits not in the exports: er-lon (connection cn-hub-lon)")
    }

    @Test func noOwnedPrefixesKnown() {
        expectOneInconclusive(findings("MSP002", [Fragment.json([Fragment.circuit(peerings: [Fragment.microsoftPeering()]), Fragment.routeFilter()])]),
                              saying: "no owned prefixes are known")
    }
}
