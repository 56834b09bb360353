import Foundation
import Testing
import ErlintIngest
import ErlintModel
import ErlintReports
@testable import ErlintRules

/// The findings samples/ yields, exactly: a change in any rule's behaviour shows up here as a diff
/// a reviewer reads (rule, customer, subject, severity).
@Suite struct SampleFindingsTests {
    static func audit(_ folder: String) -> (AuditResult, LoadedEstate) {
        let estate = EstateLoader.load(paths: [Pack.root + "/samples/" + folder], options: .init(postures: Pack.contents.postures))
        return (RuleEngine(pack: Pack.contents).run(estate.graph), estate)
    }

    static func line(_ f: Finding) -> String {
        let tag = f.status == .inconclusive ? "inconclusive" : f.severity.rawValue
        return "\(f.ruleID) \(f.customer ?? "-") \(tag) \(AuditTextReporter.shortSubject(f.subject))"
    }

    static let expected = """
        CFG006 fabrikam error expressRouteCircuits/er-fab-ams/peerings/AzurePrivatePeering
        CFG007 fabrikam warning expressRouteCircuits/er-fab-ams
        ENC001 fabrikam error expressRouteCircuits/er-fab-ams/peerings/AzurePrivatePeering
        HA001 fabrikam warning expressRouteCircuits/er-fab-ams/peerings/AzurePrivatePeering
        HA001 fabrikam warning expressRouteCircuits/er-fab-ams/peerings/MicrosoftPeering
        HA004 fabrikam warning virtualNetworkGateways/ergw-fab-hub
        HA005 fabrikam error virtualNetworkGateways/ergw-fab-hub
        MSP001 fabrikam error expressRouteCircuits/er-fab-ams/peerings/MicrosoftPeering
        MSP002 fabrikam error expressRouteCircuits/er-fab-ams/peerings/MicrosoftPeering
        MSP003 fabrikam error expressRouteCircuits/er-fab-ams/peerings/MicrosoftPeering
        MSP004 fabrikam warning expressRouteCircuits/er-fab-ams/peerings/MicrosoftPeering
        MSP005 fabrikam error router/edge-ams-1/sessions/MSFT-PUBLIC/203.0.113.2
        MSP005 fabrikam inconclusive router/edge-ams-2/sessions/MSFT-PUBLIC/203.0.113.6
        SEG001 fabrikam error expressRouteCircuits/er-fab-ams
        UDR001 fabrikam error virtualNetworks/vnet-fab-hub/subnets/snet-shared
        UDR001 fabrikam error virtualNetworks/vnet-fab-app/subnets/snet-web
        UDR002 fabrikam error routeTables/rt-fab-db/routes/default-to-nva
        UDR002 fabrikam error routeTables/rt-fab-db/routes/onprem-to-nva
        UDR003 fabrikam error virtualNetworks/vnet-fab-hub/subnets/GatewaySubnet
        CFG002 northwind inconclusive expressRouteCircuits/er-nw-fra/peerings/AzurePrivatePeering
        HA002 northwind error expressRouteCircuits/er-nw-fra/peerings/AzurePrivatePeering
        CFG001 tailspin error expressroutecircuits/er-tail-ams
        CFG002 tailspin error expressRouteCircuits/er-tail-ams/peerings/AzurePrivatePeering
        CFG003 tailspin error expressRouteCircuits/er-tail-ams/peerings/AzurePrivatePeering
        CFG004 tailspin error expressroutecircuits/er-tail-ams
        CFG005 tailspin error expressroutecircuits/er-tail-ams
        HA001 tailspin error expressRouteCircuits/er-tail-ams/peerings/AzurePrivatePeering
        HA001 tailspin warning expressRouteCircuits/er-tail-ams/peerings/AzurePublicPeering
        SEG002 tailspin error expressRouteCircuits/er-tail-ams/peerings/AzurePublicPeering
        SEG003 tailspin error expressroutecircuits/er-tail-ams
        ENC002 woodgrove error connections/cn-wg-ipsec-over-er
        ENC002 woodgrove error router/wg-lon-core-1
        ENC003 woodgrove error expressRoutePorts/erport-wg-lon/links/link2
        ENC003 woodgrove error router/wg-lon-core-1
        HA001 woodgrove error expressRouteCircuits/er-wg-lon/peerings/AzurePrivatePeering
        HA001 woodgrove error expressRouteCircuits/er-wg-lon/peerings/AzurePrivatePeering
        HA003 woodgrove warning router/wg-lon-core-1/sessions/global/192.168.50.2
        HA003 woodgrove warning router/wg-lon-core-1/sessions/global/192.168.50.6
        HA003 woodgrove warning router/wg-lon-core-1/sessions/global/2001:db8:50::2
        HA003 woodgrove warning router/wg-lon-core-1/sessions/global/2001:db8:50::6
        SEG004 - error router/edge-ams-1/instances/MSFT-PUBLIC
        SEG004 - error router/edge-ams-2/instances/MSFT-PUBLIC
        """

    @Test func theContosoSamplesGiveExactlyThePlantedFindings() {
        let (result, estate) = Self.audit("contoso")
        #expect(!estate.hasErrors, "\(estate.diagnostics)")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let got = result.findings.map(Self.line).joined(separator: "\n")
        #expect(got == Self.expected, "findings changed; if intended, update `expected`:\n\(got)")
    }

    @Test func everyRuleOfThePackFiresOnTheSamples() {
        let fired = Set(Self.audit("contoso").0.findings.filter { $0.status == .violation }.map(\.ruleID))
        let silent = Pack.contents.entries.map(\.id).filter { !fired.contains($0) }
        #expect(silent.isEmpty, "rules with no violation in samples/contoso: \(silent)")
    }

    @Test func theCleanEstateGivesNoFinding() {
        let (result, estate) = Self.audit("clean")
        #expect(!estate.hasErrors)
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
        #expect(result.checked.values.contains { !$0.isEmpty }, "the clean estate was not examined at all")
    }

    @Test func findingsPointAtTheFileLineAndEvidence() throws {
        let findings = Self.audit("contoso").0.findings
        let msp005 = try #require(findings.first { $0.ruleID == "MSP005" && $0.status == .violation })
        #expect(msp005.location?.file.hasSuffix("routers/edge-ams-1.xml") == true)
        #expect(msp005.message.contains("203.0.113.128/25"))
        #expect(msp005.related.contains { $0.location.file.hasSuffix("az-network-express-route-list.json") })
        #expect(!msp005.fix.isEmpty)
        let udr = try #require(findings.first { $0.ruleID == "UDR001" && $0.subject.hasSuffix("snet-web") })
        #expect(udr.message.contains("10.20.0.0/16 goes to VirtualNetworkGateway by BGP route"), "\(udr.message)")
        for f in findings { #expect(f.location.map { $0.line > 0 } ?? false, "\(f.ruleID) \(f.subject) has no line") }
    }
}
