import Testing
import ErlintModel

@Suite struct ResourceIDTests {
    let id = ResourceID("/subscriptions/AAAA-1/resourceGroups/RG-Net/providers/Microsoft.Network/expressRouteCircuits/er1/peerings/AzurePrivatePeering")

    @Test func comparesCaseInsensitivelyButKeepsSpelling() {
        let lower = ResourceID(id.text.lowercased())
        #expect(lower == id)
        #expect(lower.hashValue == id.hashValue)
        #expect(id.text.contains("RG-Net"))
        #expect(ResourceID(id.text + "/") == id)
    }

    @Test func spacesAndTrailingSlashesAreTrimmed() {
        #expect(ResourceID(" \t/subscriptions/S/x// \n").text == "/subscriptions/S/x")
        #expect(ResourceID("/subscriptions/S/x//").key == "/subscriptions/s/x")
        #expect(ResourceID("/").text == "/")
        #expect(ResourceID("///").text == "/")
        #expect(ResourceID("  ").text == "")
        #expect(ResourceID("/rg-é/").text == "/rg-é")
        #expect(ResourceID("/rg-é").text == "/rg-é")
    }

    @Test func knowsItsSubscriptionGroupParentAndName() {
        #expect(id.subscription == "aaaa-1")
        #expect(id.resourceGroup == "RG-Net")
        #expect(id.lastName == "AzurePrivatePeering")
        #expect(id.parent?.lastName == "er1")
        #expect(id.parent?.parent == nil)
        #expect(ResourceType(anyCase: "microsoft.network/expressroutecircuits/PEERINGS") == .circuitPeering)
        #expect(ResourceType.circuitPeering.parentType == .circuit)
        #expect(ResourceType.circuitPeering.childSegment == "peerings")
    }

    /// A child's id segment is the last segment of its type; a top-level type has none.
    @Test func childSegmentsFollowTheTypes() {
        for type in ResourceType.allCases {
            let last = type.rawValue.split(separator: "/").last.map(String.init)
            #expect(type.childSegment == (type.parentType == nil ? nil : last), "\(type)")
        }
    }

    /// The graph's in-place test agrees with `subscription` for every spelling.
    @Test func subscriptionIsTestedInPlace() {
        for text in ["/subscriptions/AB-9/resourceGroups/g", "//SUBSCRIPTIONS//ab-9/x", "/subscriptions/ab-9", "/subscriptions/ab-90/x",
                     "/subscriptions/ab-", "/subscriptions", "/resourceGroups/g/subscriptions/", "/providers/x/ab-9", "/subscriptions/äb-9/x",
                     "/subscriptions//ab-9", "/subscriptions/", "/Subscriptions/AB-9", "/subscriptionz/ab-9/x", "/subscriptions/ab-9x/y"] {
            let id = ResourceID(text)
            for guid in ["ab-9", "ab-90", "äb-9", ""] {
                #expect(id.hasSubscription(guid) == (id.subscription == guid), "\(text) \(guid)")
            }
        }
    }

    @Test func segmentsAreFoundInOddSpellings() {
        #expect(ResourceID("//SUBSCRIPTIONS//Ab-9/ResourceGROUPS/g1").subscription == "ab-9")
        #expect(ResourceID("/subscriptions/s/resourceGroups/rg-é/providers/x").resourceGroup == "rg-é")
        #expect(ResourceID("/subscriptions").subscription == nil)
        #expect(ResourceID("/resourceGroups/g/subscriptions/").subscription == nil)
        #expect(ResourceID("/subscriptionsX/a").subscription == nil)
        #expect(ResourceID("").subscription == nil)
    }

    /// Ids compare, order and hash in place with ASCII letters folded: the same answers as their
    /// folded strings give, whatever the length and wherever the capitals fall.
    @Test func foldedComparisonsAgreeWithTheKeys() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "A", "b", "B", "z", "Z", "/", "-", "0", "@", "[", "`", "{", "é"]
        var ids: [ResourceID] = []
        for length in 1..<40 {
            for _ in 0..<12 {
                var s = ""
                for _ in 0..<length { s += pieces.randomElement(using: &rng)! }
                ids.append(ResourceID("/x" + s))
            }
        }
        for (n, a) in ids.enumerated() {
            let b = ids[(n * 7 + 3) % ids.count]
            let c = ResourceID(a.text.uppercased())
            #expect((a == b) == (a.key == b.key), "\(a) \(b)")
            #expect((a < b) == (Array(a.key.utf8).lexicographicallyPrecedes(Array(b.key.utf8))), "\(a) \(b)")
            // Upper-casing changes only ASCII letters here ("é" stays): equal once folded.
            if !a.text.contains("é") {
                #expect(a == c && a.hashValue == c.hashValue, "\(a) \(c)")
                #expect(!(a < c) && !(c < a))
            }
        }
    }
}
