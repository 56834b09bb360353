import Foundation
import Testing
@testable import ErlintIngest
import ErlintModel

/// Junos configuration groups expanded as Junos commits them: inherited where the configuration
/// is silent, never over what it sets, wildcards adding to matching entries only.
@Suite struct JunosGroupsTests {
    let fx = Fixtures()

    static let groups = """
        <groups><name>BGP-DEFAULTS</name>
          <protocols><bgp><group><name>&lt;*&gt;</name><peer-as>65000</peer-as>
            <bfd-liveness-detection><minimum-interval>300</minimum-interval></bfd-liveness-detection>
            <authentication-key>$9$not-a-real-key</authentication-key></group></bgp></protocols>
        </groups>
        <groups><name>MSEE</name>
          <protocols><bgp><group><name>MSEE-2</name><type>external</type><peer-as>12076</peer-as><export>OUT</export>
            <neighbor><name>172.16.0.6</name></neighbor></group></bgp></protocols>
          <interfaces><interface><name>&lt;xe-0/0/[0-1]&gt;</name><unit><name>&lt;*&gt;</name><disable/></unit></interface></interfaces>
        </groups>
        <groups><name>EXPORT</name><protocols><bgp><group><name>&lt;MSEE-*&gt;</name><export>FROM-GROUP</export></group></bgp></protocols></groups>
        """

    func read(_ body: String) throws -> RouterConfig {
        try fx.routerConfig("g.xml", "<configuration>\n\(Self.groups)\n\(body)\n</configuration>")
    }

    @Test func inheritedWhereSilentNeverOverWhatIsSet() throws {
        let c = try read("""
            <apply-groups>BGP-DEFAULTS</apply-groups>
            <apply-groups>MSEE</apply-groups>
            <protocols><bgp><group><name>MSEE-1</name><type>external</type><peer-as>12076</peer-as>
              <neighbor><name>172.16.0.2</name></neighbor></group></bgp></protocols>
            """)
        let by = Dictionary(uniqueKeysWithValues: c.sessions.map { ($0.neighbor.description, $0) })
        let one = try #require(by["172.16.0.2"])
        #expect(one.peerAS == 12076, "the configuration's peer-as wins over the wildcard group's")
        #expect(one.bfd && one.authentication, "BFD and the key come from BGP-DEFAULTS' <*> group")
        // MSEE-2 is the MSEE group's own, created by applying it, and inherits BGP-DEFAULTS too.
        let two = try #require(by["172.16.0.6"])
        #expect(two.group == "MSEE-2" && two.peerAS == 12076 && two.exportPolicies == ["OUT"] && two.bfd)
    }

    @Test func wildcardInterfacesAndExcept() throws {
        let c = try read("""
            <apply-groups>MSEE</apply-groups>
            <interfaces>
              <interface><name>xe-0/0/0</name><unit><name>100</name><family><inet><address><name>172.16.0.1/30</name></address></inet></family></unit></interface>
              <interface><name>xe-0/0/2</name><unit><name>100</name><family><inet><address><name>172.16.0.5/30</name></address></inet></family></unit></interface>
            </interfaces>
            <protocols><bgp><group><name>MSEE-1</name><apply-groups>BGP-DEFAULTS</apply-groups><apply-groups-except>EXPORT</apply-groups-except>
              <neighbor><name>172.16.0.2</name></neighbor></group>
              <group><name>MSEE-9</name><apply-groups>EXPORT</apply-groups><neighbor><name>172.16.0.10</name></neighbor></group></bgp></protocols>
            """)
        let units = Dictionary(uniqueKeysWithValues: c.interfaces.map { ($0.name, $0.isDisabled) })
        #expect(units == ["xe-0/0/0.100": true, "xe-0/0/2.100": false], "<xe-0/0/[0-1]> matches xe-0/0/0 only")
        let by = Dictionary(uniqueKeysWithValues: c.sessions.map { ($0.neighbor.description, $0) })
        #expect(by["172.16.0.2"]?.peerAS == 65000 && by["172.16.0.2"]?.bfd == true, "apply-groups inside the group")
        #expect(by["172.16.0.2"]?.exportPolicies == [], "apply-groups-except EXPORT")
        #expect(by["172.16.0.10"]?.exportPolicies == ["FROM-GROUP"] && by["172.16.0.10"]?.bfd == false)
        #expect(by["172.16.0.2"]?.state == .interfaceDown, "its unit is disabled by the MSEE group")
    }

    @Test func globs() {
        #expect(JunosGroups.glob("*", matches: "anything"))
        #expect(JunosGroups.glob("ge-*", matches: "ge-0/0/1") && !JunosGroups.glob("ge-*", matches: "xe-0/0/1"))
        #expect(JunosGroups.glob("xe-0/0/[0-3]", matches: "xe-0/0/2") && !JunosGroups.glob("xe-0/0/[0-3]", matches: "xe-0/0/4"))
        #expect(JunosGroups.glob("MSEE-?", matches: "MSEE-1") && !JunosGroups.glob("MSEE-?", matches: "MSEE-10"))
    }
}
