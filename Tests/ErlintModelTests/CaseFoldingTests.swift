import Testing
@testable import ErlintModel

/// Subjects are folded on their bytes, eight at a time; the result must be `lowercased()`'s
/// whatever the length, the letters and where the capitals fall.
@Suite struct CaseFoldingTests {
    @Test func foldingIsLowercasedForAnyText() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "Z", "A", "z", "@", "[", "`", "{", "/", "-", "0", "é", "É", "İ", "K", "ß", "\u{7F}"]
        for length in 0..<40 {
            for _ in 0..<30 {
                var s = ""
                for _ in 0..<length { s += pieces.randomElement(using: &rng)! }
                #expect(s.caseFolded == s.lowercased(), "\(s)")
                #expect(s.lowercasedEquals("virtualappliance") == (s.lowercased() == "virtualappliance"))
            }
        }
        #expect("VirtualAppliance".lowercasedEquals("virtualappliance"))
        #expect(!"VirtualAppliancE1".lowercasedEquals("virtualappliance"))
        #expect(!"virtualappliancf".lowercasedEquals("virtualappliance"))
    }

    @Test func idsFoldOnlyASCIILetters() {
        let id = ResourceID("/subscriptions/ABC/resourceGroups/Rg-É/providers/Microsoft.Network/virtualNetworks/VNET-Ünï-0123456789")
        #expect(id.key == "/subscriptions/abc/resourcegroups/rg-É/providers/microsoft.network/virtualnetworks/vnet-Ünï-0123456789")
        #expect(ResourceID("/already/lower/case/id/that/is/long").key == "/already/lower/case/id/that/is/long")
    }
}
