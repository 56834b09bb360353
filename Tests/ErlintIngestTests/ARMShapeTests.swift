import Testing
@testable import ErlintIngest
import ErlintModel

/// Every export shape of DESIGN.md 1.1 yields the same circuit, peering and links.
@Suite struct ARMShapeTests {
    static let circuit = Fixtures.circuit(flattened: false)

    static let shapes: [(String, String)] = [
        ("one resource", circuit),
        ("array", "[\(circuit)]"),
        ("REST list", "{\"value\": [\(circuit)], \"nextLink\": null}"),
        ("Resource Graph", "{\"count\": 1, \"data\": [\(circuit)], \"skip_token\": null}"),
        ("REST example", "{\"parameters\": {\"api-version\": \"2024-05-01\"}, \"responses\": {\"201\": {\"body\": \(circuit)}, \"200\": {\"body\": \(circuit)}}}"),
        ("az flattened", Fixtures.circuit(flattened: true)),
        ("lowercased types and ids", circuit.replacingOccurrences(of: "Microsoft.Network/expressRouteCircuits", with: "microsoft.network/expressroutecircuits")
            .replacingOccurrences(of: "resourceGroups/rg", with: "RESOURCEGROUPS/RG")),
    ]

    @Test(arguments: shapes.map(\.0))
    func everyShapeReadsTheSameCircuit(shape: String) throws {
        let f = Fixtures()
        f.write("export.json", Self.shapes.first { $0.0 == shape }!.1)
        let estate = f.load()
        #expect(estate.errors.isEmpty, "\(estate.diagnostics)")
        #expect(estate.graph.count(.circuit) == 1)
        let c = try #require(estate.only(.circuit)?.resource)
        #expect(c.id == ResourceID(Fixtures.circuitID))
        guard case .circuit(let detail) = c.detail else { Issue.record("not a circuit"); return }
        #expect(detail.bandwidthInMbps == 1000)
        #expect(detail.peeringLocation == "Amsterdam")
        #expect(detail.skuTier == "Premium")
        #expect(detail.serviceProviderProvisioningState == "Provisioned")
        let p = try #require(estate.only(.peering)?.resource)
        #expect(p.id == ResourceID(Fixtures.circuitID + "/peerings/AzurePrivatePeering"))
        guard case .circuitPeering(let peering) = p.detail else { Issue.record("not a peering"); return }
        #expect(peering.kind == .azurePrivatePeering)
        #expect(peering.peerASN == 65010)
        #expect(peering.vlanId == 100)
        #expect(estate.graph.count(.link) == 2)
        #expect(p.origin.line >= 1 && p.origin.column > 1)
    }

    @Test func templateResolvesParametersNestedChildrenAndResourceIds() throws {
        let f = Fixtures()
        f.write("t.json", """
            {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
             "contentVersion": "1.0.0.0",
             "parameters": {"circuitName": {"type": "String", "defaultValue": "er-t"}, "asn": {"type": "Int"}},
             "variables": {"vnet": "vnet-t"},
             "resources": [
               {"type": "Microsoft.Network/expressRouteCircuits", "name": "[parameters('circuitName')]",
                "properties": {"serviceProviderProperties": {"bandwidthInMbps": 200}},
                "resources": [{"type": "peerings", "name": "AzurePrivatePeering",
                               "properties": {"peeringType": "AzurePrivatePeering", "peerASN": "[parameters('asn')]"}}]},
               {"type": "Microsoft.Network/virtualNetworks/subnets", "name": "[concat(variables('vnet'), '/snet-a')]",
                "properties": {"addressPrefix": "10.0.1.0/24"}},
               {"type": "Microsoft.Network/connections", "name": "cn",
                "properties": {"connectionType": "ExpressRoute",
                               "peer": {"id": "[resourceId('Microsoft.Network/expressRouteCircuits', parameters('circuitName'))]"}}},
               {"type": "Microsoft.Compute/virtualMachines", "name": "vm1"}
             ]}
            """)
        f.write("manifest.yaml", """
            customers: [{id: c, model: connect-to, subscriptions: ["\(Fixtures.sub)"]}]
            deployments: [{template: t.json, subscription: "\(Fixtures.sub)", resourceGroup: rg}]
            """)
        let estate = f.load()
        #expect(estate.errors.isEmpty, "\(estate.diagnostics)")
        let circuit = try #require(estate.graph.node(for: ResourceID(Fixtures.circuitID.replacingOccurrences(of: "er1", with: "er-t"))))
        #expect(estate.graph.children(of: circuit.id, .peering).count == 1)
        let peering = try #require(estate.only(.peering)?.resource)
        #expect(peering.unresolved.map(\.field) == ["peerASN"])
        #expect(peering.unresolved.first?.expression == "[parameters('asn')]")
        #expect(estate.diagnostics.contains { $0.severity == .note && $0.message.contains("[parameters('asn')]") })
        let connection = try #require(estate.only(.connection))
        #expect(estate.graph.targets(of: connection.id, .references, .circuit).map(\.name) == ["er-t"])
        #expect(estate.only(.subnet)?.resource?.parent?.lastName == "vnet-t")
        #expect(estate.ignoredResourceTypes == ["Microsoft.Compute/virtualMachines": 1])
        #expect(estate.graph.unclaimed.isEmpty)
    }

    @Test func templateWithoutDeploymentWarnsAndStillReads() {
        let f = Fixtures()
        f.write("t.json", #"{"contentVersion": "1.0.0.0", "resources": [{"type": "Microsoft.Network/routeTables", "name": "[parameters('nope')]"}]}"#)
        let estate = f.load()
        #expect(estate.graph.count(.routeTable) == 1)
        #expect(estate.diagnostics.contains { $0.severity == .warning && $0.message.contains("deployment scope") })
        #expect(estate.diagnostics.contains { $0.message.contains("[parameters('nope')]") })
    }

    @Test func inlineChildrenBecomeNodesWithTheirOwnPositions() throws {
        let f = Fixtures()
        let base = "/subscriptions/\(Fixtures.sub)/resourceGroups/rg/providers/Microsoft.Network"
        f.write("net.json", """
            [{"id": "\(base)/virtualNetworks/v", "name": "v", "type": "Microsoft.Network/virtualNetworks",
              "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
                "subnets": [{"name": "GatewaySubnet", "properties": {"addressPrefix": "10.0.0.0/27"}},
                            {"name": "app", "properties": {"addressPrefixes": ["10.0.1.0/24"],
                              "routeTable": {"id": "\(base)/routeTables/rt"}}}]}},
             {"id": "\(base)/routeTables/rt", "name": "rt", "type": "Microsoft.Network/routeTables",
              "properties": {"disableBgpRoutePropagation": true,
                "routes": [{"name": "default", "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.0.2.4"}}]}},
             {"id": "\(base)/networkSecurityGroups/n", "name": "n", "type": "Microsoft.Network/networkSecurityGroups",
              "properties": {"securityRules": [{"name": "r", "properties": {"priority": 100, "direction": "Inbound",
                 "access": "Deny", "protocol": "*", "sourceAddressPrefix": "Internet", "destinationAddressPrefixes": ["10.0.1.0/24", "10.0.2.0/24"]}}],
               "defaultSecurityRules": [{"name": "AllowVnetInBound", "properties": {"priority": 65000}}]}}]
            """)
        let estate = f.load()
        #expect(estate.errors.isEmpty, "\(estate.diagnostics)")
        let subnets = estate.graph.nodes(.subnet)
        #expect(subnets.map(\.name) == ["GatewaySubnet", "app"])
        #expect(Set(subnets.map { $0.origin!.line }).count == 1 || subnets[0].origin != subnets[1].origin)
        let app = subnets[1]
        #expect(estate.graph.targets(of: app.id, .references, .routeTable).map(\.name) == ["rt"])
        let route = try #require(estate.only(.route)?.resource)
        guard case .route(let r) = route.detail else { Issue.record("not a route"); return }
        #expect(r.addressPrefix?.description == "0.0.0.0/0")
        #expect(r.nextHopIpAddress?.description == "10.0.2.4")
        let rules = estate.graph.nodes(.securityRule).compactMap(\.resource)
        #expect(rules.map(\.typeName) == [ResourceType.securityRule.rawValue, ResourceType.defaultSecurityRule.rawValue])
        guard case .securityRule(let rule) = rules[0].detail else { Issue.record("not a rule"); return }
        #expect(rule.sourceAddressPrefixes == ["Internet"])
        #expect(rule.destinationAddressPrefixes == ["10.0.1.0/24", "10.0.2.0/24"])
    }

    /// A value erlint cannot interpret is a warning at the value naming the field, and the field
    /// is unknown; the resource, and the file, are still read (no error, no exit 2).
    @Test func wrongTypesAreFieldWarningsNotFileErrors() throws {
        let f = Fixtures()
        f.write("bad.json", """
            {"id": "\(Fixtures.circuitID)/peerings/p", "name": "p", "type": "Microsoft.Network/expressRouteCircuits/peerings",
             "properties": {"vlanId": 1e400, "peerASN": "sixty-five", "primaryPeerAddressPrefix": "192.168.1.0/33",
                            "azureASN": [1], "secondaryPeerAddressPrefix": "x.x.x.x/30"}}
            """)
        let estate = f.load()
        #expect(estate.errors.isEmpty, "\(estate.errors)")
        let warnings = estate.diagnostics.filter { $0.severity == .warning }.map(\.message)
        #expect(warnings.contains { $0.contains("'vlanId'") && $0.contains("1e400") })
        #expect(warnings.contains { $0.contains("'peerASN'") && $0.contains("sixty-five") })
        #expect(warnings.contains { $0.contains("IP prefix") && $0.contains("192.168.1.0/33") })
        #expect(warnings.contains { $0.contains("'azureASN'") && $0.contains("an array") })
        #expect(warnings.contains { $0.contains("'secondaryPeerAddressPrefix'") && $0.contains("x.x.x.x/30") })
        #expect(estate.diagnostics.filter { $0.severity == .warning }.allSatisfy { (2...3).contains($0.location.line) && $0.location.column > 1 })
        let peering = try #require(estate.only(.peering)?.resource, "the resource is still read")
        #expect(Set(peering.unresolved.map(\.field)) == ["vlanId", "peerASN", "primaryPeerAddressPrefix", "azureASN", "secondaryPeerAddressPrefix"])
        #expect(peering.unresolved.allSatisfy { $0.reason == .unreadable })
    }

    /// Azure writes an address allocated from an IP prefix with its length; a documentation
    /// placeholder is a warning naming the field, and the NIC is still read.
    @Test func addressesWithALengthAndPlaceholders() throws {
        let f = Fixtures()
        let base = "/subscriptions/\(Fixtures.sub)/resourceGroups/rg/providers/Microsoft.Network"
        f.write("nics.json", """
            [{"id": "\(base)/networkInterfaces/nva", "name": "nva", "type": "Microsoft.Network/networkInterfaces",
              "properties": {"enableIPForwarding": true, "ipConfigurations": [
                {"name": "a", "properties": {"privateIPAddress": "172.20.2.16/28", "subnet": {"id": "\(base)/virtualNetworks/v/subnets/s"}}},
                {"name": "b", "properties": {"privateIPAddress": "x.x.x.x"}}]}}]
            """)
        let estate = f.load()
        #expect(estate.errors.isEmpty, "\(estate.errors)")
        let nic = try #require(estate.only(.networkInterface)?.resource)
        guard case .networkInterface(let n) = nic.detail else { Issue.record("not a NIC"); return }
        #expect(n.ipConfigurations.map { $0.privateIPAddress?.description } == ["172.20.2.16", nil])
        #expect(n.ipConfigurations.first?.privateIPPrefixLength == 28)
        let w = try #require(estate.diagnostics.first { $0.message.contains("x.x.x.x") })
        #expect(w.severity == .warning && w.message.contains("'privateIPAddress'") && w.location.line == 4)
        #expect(nic.unresolved.map(\.field) == ["privateIPAddress"])
    }

    /// A list or GET body of child resources often carries `id` and `name` but no `type`: the
    /// type comes from the id's provider path, in any case. A body with no resource stays a warning.
    @Test func restChildrenWithoutTypeTakeItFromTheirId() throws {
        let f = Fixtures()
        let circuit = Fixtures.circuitID
        f.write("peerings.json", """
            {"value": [{"id": "\(circuit)/peerings/AzurePrivatePeering", "name": "AzurePrivatePeering",
                        "properties": {"peeringType": "AzurePrivatePeering", "peerASN": 65010, "primaryPeerAddressPrefix": "172.16.0.0/30",
                                       "secondaryPeerAddressPrefix": "172.16.0.4/30", "vlanId": 100}}]}
            """)
        f.write("routes.json", """
            {"value": [{"id": "/subscriptions/\(Fixtures.sub)/resourcegroups/rg/providers/microsoft.network/routetables/rt/routes/default",
                        "name": "default", "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "Internet"}}]}
            """)
        f.write("gr.json", """
            {"id": "\(circuit)/peerings/AzurePrivatePeering/connections/to-other", "name": "to-other",
             "properties": {"addressPrefix": "10.255.0.0/29"}}
            """)
        f.write("operation.json", #"{"status": "Succeeded"}"#)
        f.write("string.json", #""just a string""#)
        let estate = f.load()
        #expect(estate.errors.isEmpty, "\(estate.errors)")
        let peering = try #require(estate.only(.peering)?.resource)
        #expect(peering.type == .circuitPeering && peering.parent == ResourceID(circuit))
        #expect(estate.graph.count(.link) == 2)
        #expect(estate.only(.route)?.resource?.type == .route)
        #expect(estate.graph.nodes.compactMap(\.resource).contains { $0.typeName == "Microsoft.Network/expressRouteCircuits/peerings/connections" })
        for file in ["operation.json", "string.json"] {
            #expect(estate.diagnostics.contains { $0.severity == .warning && $0.location.file.hasSuffix(file) && $0.message.contains("no Azure resources found") })
        }
    }
}
