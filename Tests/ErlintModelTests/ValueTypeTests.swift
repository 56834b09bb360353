import Testing
@testable import ErlintModel

/// NSG rules keep their prefixes and ports as `FewStrings`; a declarative rule compares the lists
/// it reads, so a list must equal itself however it was built, and keep its values in order.
@Suite struct FewStringsTests {
    @Test(arguments: [[], ["*"], ["10.0.0.0/16", "VirtualNetwork"], ["a", "b", "c", "a longer value than fifteen bytes"]])
    func aListIsItsValuesInOrder(_ values: [String]) {
        var appended = FewStrings()
        for v in values { appended.append(v) }
        let built = FewStrings(values)
        #expect(appended.values == values)
        #expect(built.values == values)
        #expect(appended == built)
        #expect(appended.hashValue == built.hashValue)
        #expect(appended.count == values.count)
        #expect(appended.isEmpty == values.isEmpty)
    }

    @Test func listsDifferingInAValueOrItsPlaceDiffer() {
        #expect(FewStrings(["a"]) != FewStrings(["b"]))
        #expect(FewStrings(["a", "b"]) != FewStrings(["b", "a"]))
        #expect(FewStrings(["a"]) != FewStrings(["a", "a"]))
        #expect(FewStrings() != FewStrings([""]))
    }
}

/// Edges are sorted by field number; the numbers must order as the names do, and every field a
/// resource names must have one.
@Suite struct ReferenceFieldTests {
    @Test func fieldsOrderAsTheirNames() {
        let all = ReferenceField.all
        #expect(all.map(\.name) == all.map(\.name).sorted())
        #expect(Set(all.map(\.name)).count == all.count)
        #expect(ReferenceField.none.name.isEmpty)
        #expect(ReferenceField.peer.name == "peer.id")
        #expect(ReferenceField.subnets < ReferenceField.virtualNetworkGateway1)
    }
}

@Suite struct NodeKindTests {
    /// Tables indexed by a kind's ordinal rely on it being its place among all kinds.
    @Test func ordinalsAreThePlacesAmongAllKinds() {
        for (i, kind) in NodeKind.allCases.enumerated() { #expect(kind.ordinal == i, "\(kind)") }
    }
}
