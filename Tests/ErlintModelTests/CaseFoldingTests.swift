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

    /// Reports test repeats on the bytes of ASCII subjects; the answer must be `caseFolded`'s.
    @Test func foldedByteEqualityIsFoldedStringEquality() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "A", "z", "Z", "@", "[", "`", "{", "/", "-", "0", "\u{7F}", "m", "M"]
        for length in 0..<40 {
            for _ in 0..<30 {
                var s = ""
                for _ in 0..<length { s += pieces.randomElement(using: &rng)! }
                // A second text equal once folded, or one that differs in one place.
                var t = String(s.map { Bool.random(using: &rng) ? Character($0.uppercased()) : Character($0.lowercased()) })
                if Bool.random(using: &rng), !t.isEmpty { t = String(t.dropLast()) + pieces.randomElement(using: &rng)! }
                var a = s, b = t
                let equal = a.withUTF8 { x in b.withUTF8 { y in FoldedBytes.equalASCII(x, y) } }
                #expect(equal == (s.caseFolded == t.caseFolded), "\(s) \(t)")
                #expect(a.withUTF8 { FoldedBytes.isASCII($0) })
            }
        }
        var accented = "é"
        #expect(!accented.withUTF8 { FoldedBytes.isASCII($0) })
    }

    @Test func idsFoldOnlyASCIILetters() {
        let id = ResourceID("/subscriptions/ABC/resourceGroups/Rg-É/providers/Microsoft.Network/virtualNetworks/VNET-Ünï-0123456789")
        #expect(id.key == "/subscriptions/abc/resourcegroups/rg-É/providers/microsoft.network/virtualnetworks/vnet-Ünï-0123456789")
        #expect(ResourceID("/already/lower/case/id/that/is/long").key == "/already/lower/case/id/that/is/long")
    }
}
