import Testing
import ErlintModel

@Suite struct EstateGraphTests {
    static let sub = "00000000-0000-0000-0000-000000000001"
    static let base = "/subscriptions/\(sub)/resourceGroups/rg/providers/Microsoft.Network"

    func resource(_ type: ResourceType, _ path: String, _ detail: ResourceDetail, parent: String? = nil, line: Int = 1) -> Resource {
        Resource(id: ResourceID(Self.base + path), type: type, typeName: type.rawValue,
                 name: String(path.split(separator: "/").last!), origin: SourceLocation(file: "f.json", line: line, column: 1),
                 parent: parent.map { ResourceID(Self.base + $0) }, unresolved: [], detail: detail)
    }

    func estate() -> EstateGraph {
        var peering = CircuitPeering()
        peering.kind = .azurePrivatePeering
        peering.primaryPeerAddressPrefix = IPPrefix("172.16.0.0/30")
        peering.secondaryPeerAddressPrefix = IPPrefix("172.16.0.4/30")
        var connection = Connection()
        connection.connectionType = "ExpressRoute"
        // Mixed case on purpose: ids compare case-insensitively.
        connection.peer = ResourceID(Self.base.uppercased() + "/EXPRESSROUTECIRCUITS/ER1")
        connection.virtualNetworkGateway1 = ResourceID(Self.base + "/virtualNetworkGateways/missing-gw")
        var subnet = Subnet()
        subnet.addressPrefixes = [IPPrefix("10.1.1.0/24")!]
        var vnet = VirtualNetwork()
        vnet.addressPrefixes = [IPPrefix("10.1.0.0/16")!]
        var firewall = AzureFirewall()
        firewall.privateIPAddresses = [IPAddress("10.1.1.4")!]
        let resources = [
            resource(.circuit, "/expressRouteCircuits/er1", .circuit(Circuit())),
            resource(.circuitPeering, "/expressRouteCircuits/er1/peerings/AzurePrivatePeering", .circuitPeering(peering),
                     parent: "/expressRouteCircuits/er1"),
            resource(.connection, "/connections/cn1", .connection(connection)),
            resource(.virtualNetwork, "/virtualNetworks/v1", .virtualNetwork(vnet)),
            resource(.subnet, "/virtualNetworks/v1/subnets/s1", .subnet(subnet), parent: "/virtualNetworks/v1"),
            resource(.firewall, "/azureFirewalls/fw", .firewall(firewall)),
            resource(.circuit, "/expressRouteCircuits/ER1", .circuit(Circuit()), line: 99),
        ]
        let customer = Customer(id: "fab", name: "Fab", model: .connectTo, subscriptions: [Self.sub],
                                posture: .profile("baseline", SourceLocation(file: "m", line: 1, column: 1)),
                                resolvedPosture: Posture(name: "baseline"),
                                location: SourceLocation(file: "m", line: 1, column: 1))
        return EstateGraph(resources: resources, manifest: EstateManifest(file: "m", customers: [customer]))
    }

    @Test func peeringsGetPrimaryAndSecondaryLinks() throws {
        let g = estate()
        let peering = try #require(g.nodes(.peering).first)
        let links = g.children(of: peering.id, .link).compactMap(\.link)
        #expect(links.map(\.side) == [.primary, .secondary])
        #expect(links.map(\.prefix.description) == ["172.16.0.0/30", "172.16.0.4/30"])
        #expect(g.parent(of: peering.id)?.name == "er1")
    }

    @Test func referencesResolveCaseInsensitivelyAndMissingOnesDangle() throws {
        let g = estate()
        let cn = try #require(g.node(for: ResourceID(Self.base + "/connections/cn1")))
        #expect(g.targets(of: cn.id, .references, .circuit).map(\.name) == ["er1"])
        #expect(g.danglingReferences.map(\.field) == ["virtualNetworkGateway1.id"])
        #expect(g.danglingReferences.first?.target.lastName == "missing-gw")
    }

    @Test func duplicatesKeepTheFirstCopy() {
        let g = estate()
        #expect(g.count(.circuit) == 1)
        #expect(g.duplicates.count == 1)
        #expect(g.duplicates.first?.ignored.line == 99)
    }

    @Test func addressLookupFindsTheMostSpecificOwner() throws {
        let g = estate()
        let fw = g.owners(of: try #require(IPAddress("10.1.1.4")))
        #expect(fw.map(\.role) == [.firewall])
        let host = g.owners(of: try #require(IPAddress("10.1.1.9")))
        #expect(host.map(\.role) == [.subnet])
        let link = g.owners(of: try #require(IPAddress("172.16.0.5")))
        #expect(link.map(\.role) == [.circuitLink])
        #expect(g[link[0].node].link?.side == .secondary)
    }

    @Test func customersClaimResourcesBySubscription() throws {
        let g = estate()
        #expect(g.unclaimed.isEmpty)
        #expect(g.resources(of: "fab").count == 6)
        let link = try #require(g.nodes(.link).first)
        #expect(g.customer(of: link.id)?.id == "fab")
        let unclaimed = EstateGraph(resources: [resource(.circuit, "/expressRouteCircuits/x", .circuit(Circuit()))], manifest: nil)
        #expect(unclaimed.unclaimed.count == 1)
    }
}
