import Foundation
import Testing
@testable import ErlintIngest
import ErlintModel

/// Export chains read from each dialect and evaluated into the routes they let through, checked
/// against sets worked out by hand from the vendors' documented semantics.
@Suite struct PolicyEvaluationTests {
    let fx = Fixtures()

    /// Ranges written as Junos route filters: `10.0.0.0/8 exact`, `… orlonger`, `… longer`,
    /// `… upto /24`, `… prefix-length-range /16-/24`.
    static func set(_ ranges: [String]) -> PrefixRangeSet {
        PrefixRangeSet(ranges.map { text in
            let w = text.split(separator: " ").map(String.init)
            let p = IPPrefix(w[0])!
            let width = p.network.bitWidth
            switch w.count > 1 ? w[1] : "exact" {
            case "orlonger": return PrefixRange(orLonger: p)
            case "longer": return PrefixRange(p, from: p.length + 1, to: width)!
            case "upto": return PrefixRange(p, from: p.length, to: Int(w[2].dropFirst())!)!
            case "prefix-length-range":
                let b = w[2].split(separator: "-").map { Int($0.dropFirst())! }
                return PrefixRange(p, from: b[0], to: b[1])!
            default: return PrefixRange(exactly: p)
            }
        })
    }

    static let allV4 = set(["0.0.0.0/0 orlonger"])

    func exports(_ name: String, _ xml: String, neighbor: String = "172.16.0.2") throws -> PolicyOutcome {
        let r = RouterConfigReader.read(file: fx.write(name, xml))
        let c = try #require(r.config, "\(r.diagnostics)")
        let s = try #require(c.sessions.first { $0.neighbor.description == neighbor })
        return c.exports(s)
    }

    // MARK: Junos

    /// A Junos config whose one eBGP neighbor exports `chain` (at `level`: neighbor, group or protocol).
    static func junos(_ chain: [String], _ policyOptions: String, level: String = "group", extra: String = "") -> String {
        let export = chain.map { "<export>\($0)</export>" }.joined()
        return """
            <configuration><system><host-name>edge-1</host-name></system>\(extra)
              <protocols><bgp>\(level == "protocol" ? export : "")<group><name>MSEE</name><type>external</type><peer-as>12076</peer-as>\(level == "group" ? export : "")
                <neighbor><name>172.16.0.2</name>\(level == "neighbor" ? export : "")</neighbor></group></bgp></protocols>
              <policy-options>\(policyOptions)</policy-options>
            </configuration>
            """
    }

    static func filter(_ address: String, _ match: String, action: String = "") -> String {
        "<route-filter><address>\(address)</address>\(match)\(action)</route-filter>"
    }

    /// One policy `OUT`: one term accepting what `from` matches, then reject.
    static func acceptOnly(_ from: String, lists: String = "") -> String {
        "\(lists)<policy-statement><name>OUT</name><term><name>t</name><from>\(from)</from><then><accept/></then></term><then><reject/></then></policy-statement>"
    }

    static let junosCases: [(String, String, [String])] = [
        ("route-filter exact", acceptOnly(filter("10.20.0.0/16", "<exact/>")), ["10.20.0.0/16 exact"]),
        ("route-filter orlonger", acceptOnly(filter("10.20.0.0/16", "<orlonger/>")), ["10.20.0.0/16 orlonger"]),
        ("route-filter longer", acceptOnly(filter("10.20.0.0/16", "<longer/>")), ["10.20.0.0/16 prefix-length-range /17-/32"]),
        ("route-filter upto", acceptOnly(filter("10.20.0.0/16", "<upto>/24</upto>")), ["10.20.0.0/16 upto /24"]),
        ("route-filter prefix-length-range", acceptOnly(filter("10.20.0.0/16", "<prefix-length-range>/20-/24</prefix-length-range>")),
         ["10.20.0.0/16 prefix-length-range /20-/24"]),
        ("route-filter through", acceptOnly(filter("10.20.0.0/16", "<through>10.20.1.0/24</through>")),
         ["10.20.0.0/16", "10.20.0.0/17", "10.20.0.0/18", "10.20.0.0/19", "10.20.0.0/20", "10.20.0.0/21", "10.20.0.0/22", "10.20.0.0/23", "10.20.1.0/24"]),
        ("route-filter choice-ident (the form some exports use)",
         acceptOnly("<route-filter><address>10.20.0.0/16</address><choice-ident>upto</choice-ident><choice-value>/18</choice-value></route-filter>"),
         ["10.20.0.0/16 upto /18"]),
        ("prefix-list matches its prefixes exactly",
         acceptOnly("<prefix-list><name>ONPREM</name></prefix-list>", lists: "<prefix-list><name>ONPREM</name><prefix-list-item><name>10.20.0.0/16</name></prefix-list-item><prefix-list-item><name>10.21.0.0/16</name></prefix-list-item></prefix-list>"),
         ["10.20.0.0/16", "10.21.0.0/16"]),
        ("prefix-list-filter orlonger",
         acceptOnly("<prefix-list-filter><list_name>ONPREM</list_name><orlonger/></prefix-list-filter>", lists: "<prefix-list><name>ONPREM</name><prefix-list-item><name>10.20.0.0/16</name></prefix-list-item></prefix-list>"),
         ["10.20.0.0/16 orlonger"]),
        ("prefix-list-filter longer",
         acceptOnly("<prefix-list-filter><list_name>ONPREM</list_name><longer/></prefix-list-filter>", lists: "<prefix-list><name>ONPREM</name><prefix-list-item><name>10.20.0.0/16</name></prefix-list-item></prefix-list>"),
         ["10.20.0.0/16 longer"]),
        ("route-filter-list",
         acceptOnly("<route-filter-list><name>RFL</name></route-filter-list>", lists: "<route-filter-list><name>RFL</name><rf_list><name>10.20.0.0/16</name><address>10.20.0.0/16</address><upto>/20</upto></rf_list><rf_list><address>10.30.0.0/16</address><exact/></rf_list></route-filter-list>"),
         ["10.20.0.0/16 upto /20", "10.30.0.0/16"]),
        ("the longest filter decides: a /16 exact inside a /8 orlonger leaves the /16's more-specifics unmatched",
         acceptOnly(filter("10.0.0.0/8", "<orlonger/>") + filter("10.20.0.0/16", "<exact/>", action: "<reject/>")),
         ["10.0.0.0/8 upto /15", "10.0.0.0/12 prefix-length-range /16-/32", "10.16.0.0/14 prefix-length-range /16-/32", "10.21.0.0/16 orlonger",
          "10.22.0.0/15 orlonger", "10.24.0.0/13 orlonger", "10.32.0.0/11 orlonger", "10.64.0.0/10 orlonger", "10.128.0.0/9 orlonger", "10.16.0.0/14 prefix-length-range /15-/15"]),
        ("the default rejected exactly, every longer route accepted",
         "<policy-statement><name>OUT</name><term><name>no-default</name><from>\(filter("0.0.0.0/0", "<exact/>"))</from><then><reject/></then></term><term><name>rest</name><from>\(filter("0.0.0.0/0", "<orlonger/>"))</from><then><accept/></then></term></policy-statement>",
         ["0.0.0.0/0 longer"]),
        ("a deactivated term is skipped",
         "<policy-statement><name>OUT</name><term inactive=\"inactive\"><name>old</name><from>\(filter("10.99.0.0/16", "<exact/>"))</from><then><accept/></then></term><term><name>t</name><from>\(filter("10.20.0.0/16", "<exact/>"))</from><then><accept/></then></term><then><reject/></then></policy-statement>",
         ["10.20.0.0/16"]),
        ("a deactivated route-filter is skipped",
         acceptOnly(filter("10.20.0.0/16", "<exact/>") + "<route-filter inactive=\"inactive\"><address>10.99.0.0/16</address><exact/></route-filter>"),
         ["10.20.0.0/16"]),
        ("next term goes on; the next term accepts everything",
         "<policy-statement><name>OUT</name><term><name>tag</name><from>\(filter("10.20.0.0/16", "<exact/>"))</from><then><local-preference>200</local-preference><next>term</next></then></term><term><name>all</name><then><accept/></then></term></policy-statement>",
         ["0.0.0.0/0 orlonger"]),
        ("family inet6 matches no IPv4 route",
         "<policy-statement><name>OUT</name><term><name>v6</name><from><family>inet6</family></from><then><accept/></then></term><then><reject/></then></policy-statement>",
         []),
    ]

    @Test(arguments: junosCases)
    func junosPolicyForms(_ name: String, _ policyOptions: String, _ expected: [String]) throws {
        let out = try exports("j.xml", Self.junos(["OUT"], policyOptions))
        #expect(out.isExact, "\(name): \(out.unknowns)")
        #expect(out.certain == Self.set(expected), "\(name): got \(out.certain)")
    }

    @Test func junosChainsWithNextPolicy() throws {
        let a = "<policy-statement><name>A</name><term><name>t</name><from>\(Self.filter("10.20.0.0/16", "<exact/>"))</from><then><next>policy</next></then></term>"
            + "<term><name>u</name><from>\(Self.filter("10.21.0.0/16", "<exact/>"))</from><then><accept/></then></term></policy-statement>"
        let b = "<policy-statement><name>B</name><term><name>t</name><from>\(Self.filter("10.20.0.0/16", "<exact/>"))\(Self.filter("10.22.0.0/16", "<exact/>"))</from><then><accept/></then></term><then><reject/></then></policy-statement>"
        // A accepts 10.21/16 and hands 10.20/16 (and what it does not decide) on to B, which
        // accepts 10.20/16 and 10.22/16 and rejects the rest.
        for level in ["neighbor", "group", "protocol"] {
            let out = try exports("chain-\(level).xml", Self.junos(["A", "B"], a + b, level: level))
            #expect(out.isExact && out.certain == Self.set(["10.20.0.0/16", "10.21.0.0/16", "10.22.0.0/16"]), "\(level): \(out.certain)")
        }
    }

    @Test func theMostSpecificLevelWins() throws {
        let xml = """
            <configuration><protocols><bgp><export>P</export><group><name>G</name><type>external</type><peer-as>12076</peer-as><export>G</export>
              <neighbor><name>172.16.0.2</name><export>N</export></neighbor><neighbor><name>172.16.0.6</name></neighbor></group>
              <group><name>H</name><type>external</type><peer-as>12076</peer-as><neighbor><name>172.16.0.10</name></neighbor></group></bgp></protocols></configuration>
            """
        let c = try #require(RouterConfigReader.read(file: fx.write("levels.xml", xml)).config)
        let chains = Dictionary(uniqueKeysWithValues: c.sessions.map { ($0.neighbor.description, $0.exportPolicies) })
        #expect(chains == ["172.16.0.2": ["N"], "172.16.0.6": ["G"], "172.16.0.10": ["P"]])
    }

    @Test func staticAggregateAndDirectRoutesAreTheConfigsOwn() throws {
        let options = """
            <policy-statement><name>OUT</name><term><name>t</name><from><protocol>static</protocol><protocol>aggregate</protocol></from><then><accept/></then></term><then><reject/></then></policy-statement>
            """
        let routing = """
            <routing-options><static><route><name>10.30.0.0/16</name><discard/></route><route inactive="inactive"><name>10.31.0.0/16</name><discard/></route></static>
            <aggregate><route><name>10.20.0.0/15</name></route></aggregate></routing-options>
            """
        let out = try exports("static.xml", Self.junos(["OUT"], options, extra: routing))
        #expect(out.isExact && out.certain == Self.set(["10.30.0.0/16", "10.20.0.0/15"]), "\(out.certain)")
    }

    @Test func aCommunityConditionMakesTheRoutesPossibleNotCertain() throws {
        let options = "<community><name>ONPREM</name><members>64500:100</members></community>"
            + Self.acceptOnly(Self.filter("10.20.0.0/16", "<orlonger/>") + "<community>ONPREM</community>")
        let out = try exports("community.xml", Self.junos(["OUT"], options))
        #expect(out.certain.isEmpty && out.possible == Self.set(["10.20.0.0/16 orlonger"]))
        #expect(out.unknowns.map(\.message) == ["term t of policy OUT matches on community ONPREM, which a config does not show"])
        #expect(out.unknowns.first?.location?.line == 4)
    }

    @Test func withoutAPolicyJunosReadvertisesLearnedBGPRoutes() throws {
        let out = try exports("none.xml", Self.junos([], ""))
        #expect(out.certain.isEmpty && out.possible == Self.allV4)
        #expect(out.unknowns.first?.message.contains("re-advertises whatever BGP routes it has learned") == true)
        // A policy that decides only some routes leaves the rest to the same default.
        let partial = try exports("partial.xml", Self.junos(["OUT"], "<policy-statement><name>OUT</name><term><name>t</name><from>\(Self.filter("10.20.0.0/16", "<exact/>"))</from><then><accept/></then></term></policy-statement>"))
        #expect(partial.certain == Self.set(["10.20.0.0/16"]) && partial.possible == Self.allV4)
    }

    @Test func anUnreadableMatchIsEvaluatedBothWays() throws {
        let out = try exports("odd.xml", Self.junos(["OUT"], Self.acceptOnly(Self.filter("10.20.0.0/16", "<exact/>") + Self.filter("10.30.0.0/16", "<frobnicate/>"))))
        #expect(out.certain == Self.set(["10.20.0.0/16"]) && out.possible == Self.set(["10.20.0.0/16", "10.30.0.0/16 orlonger"]))
    }

    // MARK: OpenConfig

    static func openConfig(defaultExport: String?, sets: String, statements: String) -> String {
        let fallback = defaultExport.map { "<default-export-policy>\($0)</default-export-policy>" } ?? ""
        return """
            <data>
              <network-instances xmlns="http://openconfig.net/yang/network-instance"><network-instance><name>default</name>
                <protocols><protocol><identifier>BGP</identifier><name>BGP</name><bgp>
                  <global><config><as>65001</as></config></global>
                  <neighbors><neighbor><neighbor-address>172.16.0.2</neighbor-address><config><neighbor-address>172.16.0.2</neighbor-address><peer-as>12076</peer-as></config>
                    <apply-policy><config><export-policy>OUT</export-policy>\(fallback)</config></apply-policy></neighbor></neighbors>
                </bgp></protocol></protocols></network-instance></network-instances>
              <routing-policy xmlns="http://openconfig.net/yang/routing-policy">
                <defined-sets><prefix-sets>\(sets)</prefix-sets></defined-sets>
                <policy-definitions><policy-definition><name>OUT</name><statements>\(statements)</statements></policy-definition></policy-definitions>
              </routing-policy>
            </data>
            """
    }

    static func prefixSet(_ name: String, _ entries: [(String, String)]) -> String {
        "<prefix-set><name>\(name)</name><prefixes>" + entries.map {
            "<prefix><ip-prefix>\($0.0)</ip-prefix><masklength-range>\($0.1)</masklength-range><config><ip-prefix>\($0.0)</ip-prefix><masklength-range>\($0.1)</masklength-range></config></prefix>"
        }.joined() + "</prefixes></prefix-set>"
    }

    static func statement(_ name: String, set: String?, option: String = "ANY", result: String) -> String {
        let match = set.map { "<conditions><match-prefix-set><config><prefix-set>\($0)</prefix-set><match-set-options>\(option)</match-set-options></config></match-prefix-set></conditions>" } ?? ""
        return "<statement><name>\(name)</name>\(match)<actions><config><policy-result>\(result)</policy-result></config></actions></statement>"
    }

    static let ocSet = prefixSet("ONPREM", [("10.20.0.0/16", "exact"), ("10.30.0.0/16", "16..24")])

    static let openConfigCases: [(String, String?, String, [String])] = [
        ("masklength-range, rejected by the default default", nil, statement("1", set: "ONPREM", result: "ACCEPT_ROUTE"),
         ["10.20.0.0/16", "10.30.0.0/16 upto /24"]),
        ("INVERT accepts what the set does not match", "REJECT_ROUTE", statement("1", set: "ONPREM", option: "INVERT", result: "ACCEPT_ROUTE"),
         ["0.0.0.0/0 upto /15", "0.0.0.0/1 prefix-length-range /16-/32", "10.0.0.0/12 prefix-length-range /16-/32"]),  // checked below by complement
        ("default ACCEPT_ROUTE after a reject", "ACCEPT_ROUTE", statement("1", set: "ONPREM", result: "REJECT_ROUTE"), []),
        ("NEXT_STATEMENT goes on", "REJECT_ROUTE", statement("1", set: "ONPREM", result: "NEXT_STATEMENT") + statement("2", set: nil, result: "ACCEPT_ROUTE"),
         ["0.0.0.0/0 orlonger"]),
    ]

    @Test func openConfigPolicyForms() throws {
        let onprem = Self.set(["10.20.0.0/16", "10.30.0.0/16 upto /24"])
        let expected: [PrefixRangeSet] = [onprem, Self.allV4.subtracting(onprem), Self.allV4.subtracting(onprem), Self.allV4]
        for ((name, fallback, statements, _), want) in zip(Self.openConfigCases, expected) {
            let out = try exports("oc.xml", Self.openConfig(defaultExport: fallback, sets: Self.ocSet, statements: statements))
            #expect(out.isExact && out.certain == want, "\(name): got \(out.certain.summary())")
        }
    }

    // MARK: IOS-XR

    static func iosXR(_ policy: String, sets: String = "") -> String {
        """
        <data>
          <bgp xmlns="http://cisco.com/ns/yang/Cisco-IOS-XR-ipv4-bgp-cfg"><instance><instance-name>default</instance-name><instance-as><as>0</as>
            <four-byte-as><as>64500</as><bgp-running/><default-vrf><bgp-entity><neighbors><neighbor>
              <neighbor-address>172.16.0.2</neighbor-address><remote-as><as-xx>0</as-xx><as-yy>12076</as-yy></remote-as>
              <neighbor-afs><neighbor-af><af-name>ipv4-unicast</af-name><activate/><route-policy-out>OUT</route-policy-out></neighbor-af></neighbor-afs>
            </neighbor></neighbors></bgp-entity></default-vrf></four-byte-as></instance-as></instance></bgp>
          <routing-policy xmlns="http://cisco.com/ns/yang/Cisco-IOS-XR-policy-repository-cfg">
            <route-policies><route-policy><route-policy-name>OUT</route-policy-name><rpl-route-policy>route-policy OUT
        \(policy)
        end-policy
        </rpl-route-policy></route-policy></route-policies>
            <sets><prefix-sets>\(sets)</prefix-sets></sets>
          </routing-policy>
        </data>
        """
    }

    static func rplSet(_ name: String, _ entries: String) -> String {
        "<prefix-set><set-name>\(name)</set-name><rpl-prefix-set>prefix-set \(name)\n\(entries)\nend-set\n</rpl-prefix-set></prefix-set>"
    }

    static let xrSets = rplSet("ONPREM", "  10.20.0.0/16 le 24,\n  10.30.0.0/16 ge 24 le 28,\n  10.40.0.0/16 eq 24,\n  10.50.0.0/16")
        + rplSet("A", "  10.1.0.0/16") + rplSet("B", "  10.2.0.0/16 le 32") + rplSet("C", "  10.2.0.0/24")

    static let rplCases: [(String, String, [String])] = [
        ("if destination in a set then pass, with ge, le and eq",
         "  if destination in ONPREM then\n    pass\n  endif",
         ["10.20.0.0/16 upto /24", "10.30.0.0/16 prefix-length-range /24-/28", "10.40.0.0/16 prefix-length-range /24-/24", "10.50.0.0/16"]),
        ("elseif and else",
         "  if destination in (10.20.0.0/16 le 32) then\n    drop\n  elseif destination in (10.0.0.0/8 le 32) then\n    pass\n  else\n    drop\n  endif",
         ["10.0.0.0/8 orlonger"]),  // less 10.20.0.0/16 orlonger, below
        ("pass then drop drops", "  pass\n  drop", []),
        ("done accepts at once", "  if destination in A then\n    done\n  endif\n  drop", ["10.1.0.0/16"]),
        ("and binds tighter than or", "  if destination in A or destination in B and destination in C then\n    pass\n  endif", ["10.1.0.0/16", "10.2.0.0/24"]),
        ("not", "  if not destination in B then\n    drop\n  endif\n  pass", ["10.2.0.0/16 orlonger"]),
        ("set statements do not decide", "  set local-preference 200\n  if destination in A then\n    pass\n  endif", ["10.1.0.0/16"]),
    ]

    @Test(arguments: rplCases)
    func rplPolicyForms(_ name: String, _ policy: String, _ expected: [String]) throws {
        let out = try exports("xr.xml", Self.iosXR(policy, sets: Self.xrSets))
        var want = Self.set(expected)
        if name == "elseif and else" { want = want.subtracting(Self.set(["10.20.0.0/16 orlonger"])) }
        #expect(out.isExact, "\(name): \(out.unknowns)")
        #expect(out.certain == want, "\(name): got \(out.certain.summary())")
    }

    @Test func rplErlintDoesNotEvaluateNamesThePolicyAndLine() throws {
        let xml = Self.iosXR("  if destination in A then\n    pass\n  endif\n  apply OTHER\n  if community matches-any TAGS then\n    pass\n  endif", sets: Self.xrSets)
        let out = try exports("xr-apply.xml", xml)
        #expect(out.certain.isEmpty, "apply OTHER may drop what was passed")
        #expect(out.possible == Self.allV4)
        let line = xml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("apply OTHER") }! + 1
        #expect(out.unknowns.map(\.message) == ["route-policy OUT: 'apply OTHER' is RPL erlint does not evaluate"])
        #expect(out.unknowns.first?.location?.line == line)
    }

    @Test func iosXREBGPWithoutAPolicySendsNothing() throws {
        let xml = Self.iosXR("  pass").replacingOccurrences(of: "<route-policy-out>OUT</route-policy-out>", with: "")
        let out = try exports("xr-none.xml", xml)
        #expect(out.isExact && out.certain.isEmpty)
    }
}
