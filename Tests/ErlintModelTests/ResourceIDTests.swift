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
}
