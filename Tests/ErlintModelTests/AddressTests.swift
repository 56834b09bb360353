import Testing
@testable import ErlintModel

@Suite struct AddressTests {
    @Test func parsesAndPrintsIPv4() {
        #expect(IPAddress("10.1.2.3")?.description == "10.1.2.3")
        #expect(IPAddress("256.1.1.1") == nil)
        #expect(IPAddress("10.1.2") == nil)
        #expect(IPAddress("10.1.2.3.4") == nil)
        #expect(IPAddress("1.2.3.x") == nil)
    }

    @Test func printsEveryOctetWidthOfIPv4() {
        let octets: [UInt32] = [0, 1, 9, 10, 42, 99, 100, 101, 199, 200, 255]
        for a in octets {
            for b in octets {
                let address = IPAddress.v4(a << 24 | b << 16 | (255 - b) << 8 | a)
                #expect(address.description == "\(a).\(b).\(255 - b).\(a)")
                #expect(IPAddress(address.description) == address)
            }
        }
    }

    @Test func parsesAndPrintsIPv6Canonically() {
        #expect(IPAddress("2001:db8:0:0:0:0:0:1")?.description == "2001:db8::1")
        #expect(IPAddress("2001:DB8::")?.description == "2001:db8::")
        #expect(IPAddress("::")?.description == "::")
        #expect(IPAddress("::ffff:192.0.2.1") == IPAddress("::ffff:c000:201"))
        #expect(IPAddress("1::2::3") == nil)
        #expect(IPAddress("12345::") == nil)
    }

    @Test func prefixesClearHostBitsAndCompareByNetwork() throws {
        let p = try #require(IPPrefix("172.16.0.1/30"))
        #expect(p.description == "172.16.0.0/30")
        #expect(p.hadHostBits)
        #expect(p == IPPrefix("172.16.0.0/30"))
        #expect(IPPrefix("10.0.0.0/33") == nil)
        #expect(IPPrefix("10.0.0.0/") == nil)
        #expect(IPPrefix("2001:db8::/126")?.length == 126)
        #expect(IPPrefix("10.0.0.4")?.length == 32)
    }

    /// Strings are read on their bytes, other text (substrings of a line) generically: both
    /// must agree on every input, good or bad.
    @Test func stringsAndSubstringsParseAlike() {
        let inputs = ["10.1.2.3", " 10.1.2.3 ", "10.1.2.3/24", "10.1.2.3 /24", "\t192.168.0.0/16\n", "256.1.1.1", "1.2.3",
                      "1.2.3.4.5", "01.2.3.4", "1.2.3.4/33", "1.2.3.4/", "/8", "", " ", "2001:db8::1/64", "::ffff:192.0.2.1",
                      "2001:DB8::/129", "1::2::3", "é.1.1.1", "10.0.0.0/008", "10.0.0.0/0"]
        for text in inputs {
            let sub = ("<" + text + ">").dropFirst().dropLast()
            #expect(IPAddress(text) == IPAddress(sub), "\(text)")
            #expect(IPPrefix(text) == IPPrefix(sub), "\(text)")
            #expect(IPPrefix(text)?.hadHostBits == IPPrefix(sub)?.hadHostBits, "\(text)")
        }
    }

    @Test func containmentAndOverlap() throws {
        let space = try #require(IPPrefix("10.50.0.0/16"))
        let link = try #require(IPPrefix("10.50.0.4/30"))
        #expect(space.contains(link))
        #expect(!link.contains(space))
        #expect(space.overlaps(link) && link.overlaps(space))
        #expect(!space.contains(try #require(IPAddress("10.51.0.1"))))
        #expect(!space.contains(try #require(IPPrefix("2001:db8::/32"))))
    }

    @Test func linkAddressesFollowTheSlash30Convention() throws {
        let link = CircuitLink(peering: ResourceID("/p"), circuit: ResourceID("/c"), side: .primary,
                               prefix: try #require(IPPrefix("192.168.50.0/30")))
        #expect(link.routerAddress.description == "192.168.50.1")
        #expect(link.microsoftAddress.description == "192.168.50.2")
        let v6 = CircuitLink(peering: ResourceID("/p"), circuit: ResourceID("/c"), side: .secondary,
                             prefix: try #require(IPPrefix("2001:db8:50::4/126")))
        #expect(v6.routerAddress.description == "2001:db8:50::5")
    }
}

@Suite struct PrefixTrieTests {
    @Test func longestPrefixMatchPicksTheMostSpecific() throws {
        var trie = PrefixTrie<String>()
        trie.insert(try #require(IPPrefix("0.0.0.0/0")), "default")
        trie.insert(try #require(IPPrefix("10.0.0.0/8")), "ten")
        trie.insert(try #require(IPPrefix("10.20.0.0/16")), "onprem")
        trie.insert(try #require(IPPrefix("2001:db8::/32")), "v6")
        #expect(trie.longestMatch(try #require(IPAddress("10.20.1.1")))?.values == ["onprem"])
        #expect(trie.longestMatch(try #require(IPAddress("10.21.1.1")))?.values == ["ten"])
        #expect(trie.longestMatch(try #require(IPAddress("192.0.2.1")))?.values == ["default"])
        #expect(trie.longestMatch(try #require(IPAddress("2001:db8::1")))?.values == ["v6"])
        #expect(trie.longestMatch(try #require(IPAddress("2001:db9::1"))) == nil)
        #expect(trie.matches(try #require(IPAddress("10.20.1.1"))).map(\.prefix.length) == [0, 8, 16])
    }

    @Test func keepsEveryValueOfOnePrefixAndFindsContainedPrefixes() throws {
        var trie = PrefixTrie<Int>()
        trie.insert(try #require(IPPrefix("10.0.0.0/30")), 1)
        trie.insert(try #require(IPPrefix("10.0.0.0/30")), 2)
        trie.insert(try #require(IPPrefix("10.0.0.4/30")), 3)
        trie.insert(try #require(IPPrefix("10.1.0.0/16")), 4)
        #expect(trie.longestMatch(try #require(IPAddress("10.0.0.1")))?.values == [1, 2])
        let inside = trie.contained(in: try #require(IPPrefix("10.0.0.0/24")))
        #expect(inside.map(\.prefix.description) == ["10.0.0.0/30", "10.0.0.4/30"])
        #expect(trie.count == 4)
    }
}
