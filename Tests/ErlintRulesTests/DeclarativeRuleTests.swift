import Foundation
import Testing
import ErlintIngest
import ErlintModel
@testable import ErlintRules

/// The semantics of declarative conditions, one operator at a time, on one peering.
@Suite struct DeclarativeRuleTests {
    static let estate: LoadedEstate = {
        let example = RuleExample("", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.microsoftPeering(advertised: ["100.201.0.0/25", "100.201.0.128/25"])])]),
        ])
        return EstateLoader.load(paths: [Pack.write(example)], options: .init(postures: Pack.contents.postures))
    }()

    /// Whether the peering satisfies `condition` (true: no finding).
    func holds(_ condition: ResourceCondition) -> Bool {
        let entry = RuleEntry(id: "T001", name: "t", title: "t", family: "T", severity: .error, rationale: "", remediation: "",
                              check: DeclarativeCheck(resourceType: .circuitPeering, require: condition),
                              location: .wholeFile("t.yaml"))
        let result = RuleEngine(pack: RulePackContents(entries: [entry], postures: Pack.contents.postures)).run(Self.estate.graph)
        #expect(result.checked["T001"]?.count == 1)
        return result.findings.isEmpty
    }

    func test(_ field: String, _ op: FieldTest.Operation) -> ResourceCondition {
        .test(FieldTest(field: field, operation: op, location: .wholeFile("t.yaml")))
    }

    @Test func comparisonsOnScalars() {
        #expect(holds(test("peeringType", .equals(.string("microsoftpeering")))), "strings compare case-insensitively")
        #expect(!holds(test("peeringType", .notEquals(.string("MicrosoftPeering")))))
        #expect(holds(test("vlanId", .equals(.number(200)))))
        #expect(holds(test("vlanId", .in([.number(100), .number(200)]))))
        #expect(!holds(test("vlanId", .notIn([.number(200)]))))
        #expect(holds(test("peerASN", .less(65000))) && !holds(test("peerASN", .greater(65000))))
        #expect(holds(test("microsoftPeeringConfig.advertisedPublicPrefixesState", .matches("Conf.*"))))
        #expect(!holds(test("microsoftPeeringConfig.advertisedPublicPrefixesState", .matches("Conf"))), "matches the whole value")
    }

    @Test func listsHoldWhenEveryElementDoes() {
        let field = "microsoftPeeringConfig.advertisedPublicPrefixes"
        #expect(holds(test(field, .matches("100\\.201\\..*"))))
        #expect(!holds(test(field, .in([.string("100.201.0.0/25")]))))
        #expect(holds(test(field, .notIn([.string("10.0.0.0/8")]))))
        #expect(holds(test(field, .exists(true))))
    }

    @Test func unsetFieldsFailEveryComparisonButExistsFalseNotEqualsAndNotIn() {
        #expect(holds(test("ipv6PeeringConfig.primaryPeerAddressPrefix", .exists(false))))
        #expect(!holds(test("ipv6PeeringConfig.primaryPeerAddressPrefix", .equals(.string("x")))))
        #expect(holds(test("ipv6PeeringConfig.primaryPeerAddressPrefix", .notEquals(.string("x")))))
        #expect(holds(test("ipv6PeeringConfig.primaryPeerAddressPrefix", .notIn([.string("x")]))))
        #expect(!holds(test("ipv6PeeringConfig.primaryPeerAddressPrefix", .less(1))))
    }

    @Test func combinators() {
        let yes = test("vlanId", .equals(.number(200))), no = test("vlanId", .equals(.number(1)))
        #expect(holds(.allOf([yes, yes])) && !holds(.allOf([yes, no])))
        #expect(holds(.anyOf([no, yes])) && !holds(.anyOf([no, no])))
        #expect(holds(.not(no)) && !holds(.not(yes)))
    }
}
