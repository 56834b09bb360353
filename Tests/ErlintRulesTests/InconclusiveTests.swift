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

    @Test func aSessionInAReusedSlashThirtyThatNothingTiesToACustomer() {
        // Both customers use 172.16.0.0/30 and .4/30; the sessions have no interface, VLAN or
        // other session that says whose they are: each peering says it cannot tell.
        let found = findings("HA001", [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]),
                           Fragment.circuit("er-globex", subscription: Fragment.otherSubscription, peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2", instance: "ACME"), .init("172.16.0.2", instance: "GLOBEX")]),
            Fragment.junos("edge-2", [.init("172.16.0.6", instance: "ACME")]),
        ], manifest: Fragment.manifest(twoCustomers: true))
        #expect(found.map(\.customer) == ["acme", "globex"] && found.allSatisfy { $0.status == .inconclusive })
        #expect(found.allSatisfy { $0.message.contains("edge-1 neighbor 172.16.0.2 in GLOBEX lies in the primary link of er-ams (acme) and the primary link of er-globex (globex)") },
                "\(found.map(\.message))")
    }

    @Test func aPredefinedProposalSetIsNotGuessed() {
        let router = Fragment.junos("edge-1", [], extra: """
              <security><ike><policy><name>IKE1</name><proposal-set>standard</proposal-set></policy>
                <gateway><name>GW1</name><address>10.1.0.4</address><version>v2-only</version></gateway></ike>
              <ipsec><policy><name>IP1</name><perfect-forward-secrecy><keys>group20</keys></perfect-forward-secrecy><proposal-set>standard</proposal-set></policy></ipsec></security>

            """)
        expectOneInconclusive(findings("ENC002", [router]), saying: "IKE policy IKE1 uses the predefined proposal-set standard; IPsec policy IP1 uses the predefined proposal-set standard, whose algorithms erlint does not know")
    }

    @Test func cryptoModelsErlintDoesNotReadAreSaidSo() {
        let xr = RuleExample.File("routers/xr.xml", """
            <data>
              <host-names xmlns="http://cisco.com/ns/yang/Cisco-IOS-XR-shellutil-cfg"><host-name>xr-1</host-name></host-names>
              <ikev2 xmlns="http://cisco.com/ns/yang/Cisco-IOS-XR-ikev2-cfg"><proposals><proposal><name>P</name></proposal></proposals></ikev2>
            </data>
            """)
        expectOneInconclusive(findings("ENC002", [xr]), saying: "cannot check the IKE, IPsec and MACsec settings of router xr-1: it holds <ikev2> (http://cisco.com/ns/yang/Cisco-IOS-XR-ikev2-cfg)")
    }

    @Test func aVRFImportPolicyIsNotGuessed() {
        let files = [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]),
                           Fragment.circuit("er-globex", subscription: Fragment.otherSubscription, peerings: [Fragment.privatePeering("172.16.5.0/30", "172.16.5.4/30")])]),
            OneCustomerPerRoutingInstance.withInstanceExtras(Fragment.junos("csp-edge-1", [.init("172.16.0.2", instance: "ACME"), .init("172.16.5.2", instance: "GLOBEX")]),
                                                             ["ACME": "<vrf-import>ACME-IN</vrf-import>"]),
        ]
        expectOneInconclusive(findings("SEG004", files, manifest: Fragment.manifest(twoCustomers: true, routers: ["csp-edge-1"])),
                              saying: "cannot tell whether ACME (acme) on csp-edge-1 takes other customers' routes: vrf-import policy ACME-IN of ACME")
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

    // MARK: Fields erlint could not read

    /// A template with a required parameter and no value: `parameters('x')` stays unresolved.
    static func template(_ resources: String) -> RuleExample.File {
        RuleExample.File("template.json", """
            {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
             "parameters": {"state": {"type": "string"}, "cipher": {"type": "string"}, "gatewayType": {"type": "string"}},
             "resources": [\(resources)]}
            """)
    }

    @Test func aPeerASNThatCannotBeReadIsNotAPass() {
        var peering = Fragment.privatePeering()
        var props = peering["properties"] as? Fragment.Object ?? [:]
        props["peerASN"] = "sixty-five"
        peering["properties"] = props
        expectOneInconclusive(findings("CFG002", [Fragment.json([Fragment.circuit(peerings: [peering])])]),
                              saying: "cannot decide whether the peer ASN is reserved by Azure: 'peerASN' could not be read (string \"sixty-five\")")
    }

    @Test func aProvisioningStateLeftAsATemplateExpression() {
        let file = Self.template("""
            {"type": "Microsoft.Network/expressRouteCircuits", "apiVersion": "2024-05-01", "name": "er-t",
             "properties": {"serviceProviderProvisioningState": "[parameters('state')]", "serviceProviderProperties": {"bandwidthInMbps": 1000}}}
            """)
        expectOneInconclusive(findings("CFG005", [file]),
                              saying: "'serviceProviderProvisioningState' is the template expression [parameters('state')]")
    }

    @Test func aRouteTableReferenceThatCannotBeRead() {
        var vnet = Fragment.vnet(subnets: [("GatewaySubnet", "10.1.0.0/27", nil), ("snet-app", "10.1.2.0/24", nil)])
        var props = vnet["properties"] as? Fragment.Object ?? [:]
        var subnets = props["subnets"] as? [Fragment.Object] ?? []
        subnets[1]["properties"] = ["addressPrefix": "10.1.2.0/24", "routeTable": 42]
        props["subnets"] = subnets
        vnet["properties"] = props
        expectOneInconclusive(findings("UDR001", [Fragment.json(Fragment.hubWithFirewall() + [vnet])], manifest: Fragment.manifest(posture: "strict")),
                              saying: "cannot decide whether traffic from snet-app passes the firewall: 'routeTable' could not be read")
    }

    @Test func aMACsecCipherLeftAsATemplateExpression() {
        let file = Self.template("""
            {"type": "Microsoft.Network/expressRoutePorts", "apiVersion": "2024-05-01", "name": "port",
             "properties": {"links": [{"name": "link1", "properties": {"macSecConfig": {"cipher": "[parameters('cipher')]"}}}]}}
            """)
        expectOneInconclusive(findings("ENC003", [file]), saying: "cannot decide whether MACsec uses a strong cipher")
    }

    @Test func aGatewayWhoseTypeIsATemplateExpression() {
        let file = Self.template("""
            {"type": "Microsoft.Network/virtualNetworkGateways", "apiVersion": "2024-05-01", "name": "gw",
             "properties": {"gatewayType": "[parameters('gatewayType')]", "sku": {"name": "Standard"}}}
            """)
        expectOneInconclusive(findings("HA004", [file]), saying: "'gatewayType' is the template expression [parameters('gatewayType')]")
    }
}
