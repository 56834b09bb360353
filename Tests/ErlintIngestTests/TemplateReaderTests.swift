import Testing
@testable import ErlintIngest
import ErlintModel

/// ARM templates read as Azure deploys them: compiled Bicep, copy loops, conditions, `existing`
/// references, nested deployments, parameters files, and ids that never collide.
@Suite struct TemplateReaderTests {
    static let schema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
    static func manifestFor(_ template: String) -> String {
        """
        customers: [{id: c, model: connect-to, subscriptions: ["\(Fixtures.sub)"]}]
        deployments: [{template: \(template), subscription: "\(Fixtures.sub)", resourceGroup: rg}]
        """
    }

    func names(_ estate: LoadedEstate, _ kind: NodeKind) -> [String] { estate.graph.nodes(kind).map(\.name) }

    /// Compiled Bicep (`languageVersion` 2.0): `resources` keyed by symbolic name; `existing`
    /// resources are references; a false condition leaves its resource out; any spelling of a
    /// type maps to the canonical one.
    @Test func compiledBicep() throws {
        let f = Fixtures()
        f.write("main.json", """
            {"$schema": "\(Self.schema)", "languageVersion": "2.0", "contentVersion": "1.0.0.0",
             "parameters": {"name": {"type": "string", "defaultValue": "port-ams"}, "withLock": {"type": "bool", "defaultValue": false},
                            "withTable": {"type": "bool", "defaultValue": true}},
             "resources": {
               "gatewayPip": {"existing": true, "type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2024-05-01", "name": "pip-shared"},
               "vnet": {"existing": true, "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2024-05-01", "name": "vnet-hub"},
               "port": {"type": "Microsoft.Network/ExpressRoutePorts", "apiVersion": "2024-05-01", "name": "[parameters('name')]",
                        "properties": {"peeringLocation": "Equinix-Amsterdam-AM5", "bandwidthInGbps": 10, "encapsulation": "Dot1Q"}},
               "lock": {"condition": "[parameters('withLock')]", "type": "Microsoft.Authorization/locks", "apiVersion": "2020-05-01", "name": "lock"},
               "table": {"condition": "[not(parameters('withTable'))]", "type": "Microsoft.Network/routeTables", "apiVersion": "2024-05-01", "name": "rt"}
             }}
            """)
        f.write("manifest.yaml", Self.manifestFor("main.json"))
        let estate = f.load()
        #expect(estate.errors.isEmpty, "\(estate.diagnostics)")
        let port = try #require(estate.only(.port)?.resource)
        #expect(port.typeName == "Microsoft.Network/expressRoutePorts")
        #expect(port.id == ResourceID("/subscriptions/\(Fixtures.sub)/resourceGroups/rg/providers/Microsoft.Network/expressRoutePorts/port-ams"))
        guard case .port(let p) = port.detail else { Issue.record("not a port"); return }
        #expect(p.bandwidthInGbps == 10 && p.peeringLocation == "Equinix-Amsterdam-AM5")
        #expect(estate.graph.count(.virtualNetwork) == 0, "an existing resource is a reference, not a declaration")
        #expect(estate.graph.count(.routeTable) == 0, "its condition is false")
        #expect(estate.ignoredResourceTypes.isEmpty, "the lock's condition is false")
        #expect(port.origin.file.hasSuffix("main.json") && port.origin.line == 7)
    }

    /// `copy` on resources and properties, with counts from literals, parameter defaults, a
    /// parameters file, variables and `length(...)`: the right resources, named as Azure names them.
    @Test func copyLoopsExpandWithTheirNames() throws {
        let f = Fixtures()
        f.write("loops.json", """
            {"$schema": "\(Self.schema)", "contentVersion": "1.0.0.0",
             "parameters": {"tables": {"type": "int", "defaultValue": 1}, "sites": {"type": "array"},
                            "peerings": {"type": "array", "defaultValue": []}},
             "variables": {"vnets": ["hub", "spoke"]},
             "resources": [
               {"type": "Microsoft.Network/routeTables", "apiVersion": "2024-05-01", "name": "[format('rt-{0}', copyIndex(1))]",
                "copy": {"name": "tables", "count": "[parameters('tables')]"},
                "properties": {"disableBgpRoutePropagation": true}},
               {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2024-05-01", "name": "[concat('vnet-', variables('vnets')[copyIndex()])]",
                "copy": {"name": "vnetLoop", "count": "[length(variables('vnets'))]"},
                "properties": {"addressSpace": {"addressPrefixes": ["[cidrSubnet('10.0.0.0/8', 16, copyIndex())]"]},
                               "copy": [{"name": "subnets", "count": 2,
                                         "input": {"name": "[format('snet-{0}', copyIndex('subnets'))]",
                                                   "properties": {"addressPrefix": "[cidrSubnet(cidrSubnet('10.0.0.0/8', 16, copyIndex()), 24, copyIndex('subnets'))]"}}}]}},
               {"type": "Microsoft.Network/expressRouteCircuits", "apiVersion": "2024-05-01", "name": "[concat('er-', parameters('sites')[copyIndex()])]",
                "copy": {"name": "circuits", "count": "[length(parameters('sites'))]"},
                "properties": {"serviceProviderProperties": {"bandwidthInMbps": 1000},
                               "copy": [{"name": "peerings", "count": "[length(parameters('peerings'))]",
                                         "input": {"name": "[parameters('peerings')[copyIndex('peerings')].name]",
                                                   "properties": "[parameters('peerings')[copyIndex('peerings')].properties]"}}]}}
             ]}
            """)
        f.write("loops.parameters.json", """
            {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0",
             "parameters": {"tables": {"value": 2}, "sites": {"value": ["ams", "lon"]},
                            "peerings": {"value": [{"name": "AzurePrivatePeering", "properties": {"peeringType": "AzurePrivatePeering",
                                "peerASN": 65010, "primaryPeerAddressPrefix": "172.16.0.0/30", "secondaryPeerAddressPrefix": "172.16.0.4/30", "vlanId": 100}}]}}}
            """)
        f.write("manifest.yaml", Self.manifestFor("loops.json"))
        let estate = f.load()
        #expect(estate.errors.isEmpty, "\(estate.diagnostics)")
        #expect(!estate.diagnostics.contains { $0.message.contains("no Azure resources found") || $0.message.contains("no template to apply") },
                "the parameters file is applied to its template")
        #expect(names(estate, .routeTable) == ["rt-1", "rt-2"], "count from the parameters file, copyIndex(1) offset")
        #expect(names(estate, .virtualNetwork) == ["vnet-hub", "vnet-spoke"])
        #expect(names(estate, .subnet) == ["snet-0", "snet-1", "snet-0", "snet-1"])
        let spokeSubnets = estate.graph.nodes(.subnet).compactMap(\.resource).filter { $0.parent?.lastName == "vnet-spoke" }
        #expect(spokeSubnets.compactMap { if case .subnet(let s) = $0.detail { s.addressPrefixes.first?.description } else { nil } }
                == ["10.1.0.0/24", "10.1.1.0/24"])
        #expect(names(estate, .circuit) == ["er-ams", "er-lon"])
        #expect(estate.graph.count(.peering) == 2 && estate.graph.count(.link) == 4, "a peering per circuit, from a property loop")
    }

    /// A loop whose count cannot be worked out gives one note naming it, and invents nothing.
    @Test func anUnresolvableCountInventsNothing() throws {
        let f = Fixtures()
        f.write("t.json", """
            {"$schema": "\(Self.schema)", "contentVersion": "1.0.0.0",
             "parameters": {"sites": {"type": "array"}},
             "resources": [
               {"type": "Microsoft.Network/expressRouteCircuits", "apiVersion": "2024-05-01", "name": "[concat('er-', parameters('sites')[copyIndex()])]",
                "copy": {"name": "circuits", "count": "[length(parameters('sites'))]"}, "properties": {}},
               {"type": "Microsoft.Network/routeTables", "apiVersion": "2024-05-01", "name": "rt",
                "properties": {"copy": [{"name": "routes", "count": "[length(parameters('sites'))]",
                                         "input": {"name": "[parameters('sites')[copyIndex('routes')]]", "properties": {"nextHopType": "None"}}}]}}
             ]}
            """)
        f.write("manifest.yaml", Self.manifestFor("t.json"))
        let estate = f.load()
        #expect(estate.errors.isEmpty, "\(estate.diagnostics)")
        #expect(estate.graph.count(.circuit) == 0 && estate.graph.count(.route) == 0)
        #expect(names(estate, .routeTable) == ["rt"])
        let notes = estate.diagnostics.filter { $0.severity == .note && $0.message.contains("cannot be resolved from the template") }
        #expect(notes.count == 2, "\(notes)")
        #expect(notes.contains { $0.message.contains("copy loop 'circuits'") && $0.message.contains("[length(parameters('sites'))]") })
        #expect(notes.contains { $0.message.contains("property copy loop 'routes'") })
    }

    /// Nested deployments with inline templates: the outer scope sees the parent's parameters,
    /// the inner scope its own with the values passed; a deployment copy loop and its target
    /// resource group are honoured; a false condition skips the whole deployment.
    @Test func nestedDeploymentsInBothScopes() throws {
        let f = Fixtures()
        f.write("nested.json", """
            {"$schema": "\(Self.schema)", "contentVersion": "1.0.0.0",
             "parameters": {"prefix": {"type": "string", "defaultValue": "nw"}},
             "variables": {"sites": ["fra", "ams"]},
             "resources": [
               {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "outer",
                "properties": {"mode": "Incremental", "template": {"$schema": "\(Self.schema)", "contentVersion": "1.0.0.0",
                  "resources": [{"type": "Microsoft.Network/routeTables", "apiVersion": "2024-05-01", "name": "[concat('rt-', parameters('prefix'))]"}]}}},
               {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "[concat('inner-', copyIndex())]",
                "resourceGroup": "rg-net", "copy": {"name": "perSite", "count": "[length(variables('sites'))]"},
                "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                  "parameters": {"site": {"value": "[variables('sites')[copyIndex()]]"}, "prefix": {"value": "[parameters('prefix')]"}},
                  "template": {"$schema": "\(Self.schema)", "contentVersion": "1.0.0.0",
                    "parameters": {"site": {"type": "string"}, "prefix": {"type": "string"}},
                    "variables": {"sites": "shadowed"},
                    "resources": [{"type": "Microsoft.Network/expressRouteCircuits", "apiVersion": "2024-05-01",
                                   "name": "[format('er-{0}-{1}', parameters('prefix'), parameters('site'))]", "properties": {}}]}}},
               {"condition": false, "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "off",
                "properties": {"template": {"$schema": "\(Self.schema)", "contentVersion": "1.0.0.0",
                  "resources": [{"type": "Microsoft.Network/routeTables", "apiVersion": "2024-05-01", "name": "rt-off"}]}}}
             ]}
            """)
        f.write("manifest.yaml", Self.manifestFor("nested.json"))
        let estate = f.load()
        #expect(estate.errors.isEmpty, "\(estate.diagnostics)")
        #expect(names(estate, .routeTable) == ["rt-nw"])
        #expect(names(estate, .circuit) == ["er-nw-fra", "er-nw-ams"])
        #expect(estate.graph.nodes(.circuit).allSatisfy { $0.resource?.id.resourceGroup == "rg-net" })
        #expect(estate.graph.unclaimed.isEmpty)
    }

    /// Two templates with no deployments entry that name their circuit alike give two circuits
    /// (each template its own placeholder subscription); one file read twice is noted.
    @Test func templatesNeverCollide() throws {
        let f = Fixtures()
        let quickstart = """
            {"$schema": "\(Self.schema)", "contentVersion": "1.0.0.0",
             "parameters": {"circuitName": {"type": "string", "defaultValue": "er-quickstart"}},
             "resources": [{"type": "Microsoft.Network/expressRouteCircuits", "apiVersion": "2024-05-01",
                            "name": "[parameters('circuitName')]", "properties": {}}]}
            """
        f.write("a/azuredeploy.json", quickstart)
        f.write("b/azuredeploy.json", quickstart)
        f.write("c/unnamed.json", quickstart.replacingOccurrences(of: #""defaultValue": "er-quickstart""#, with: #""metadata": {}"#))
        f.write("d/unnamed.json", quickstart.replacingOccurrences(of: #""defaultValue": "er-quickstart""#, with: #""metadata": {}"#))
        let estate = f.load()
        #expect(estate.graph.count(.circuit) == 4, "\(estate.graph.nodes(.circuit).map { $0.resource?.id.text ?? "" })")
        #expect(Set(estate.graph.nodes(.circuit).compactMap { $0.resource?.subscription }).count == 4)
        #expect(!estate.diagnostics.contains { $0.message.contains("was read before") })
        let again = f.load([f.dir, f.dir + "/a/azuredeploy.json"])
        #expect(again.graph.count(.circuit) == 4, "one file named twice is read once")
        let copy = Fixtures()
        let manifest = copy.write("manifest.yaml", """
            customers: [{id: c, model: connect-to, subscriptions: ["\(Fixtures.sub)"]}]
            deployments: [{template: a.json, subscription: "\(Fixtures.sub)", resourceGroup: rg},
                          {template: b.json, subscription: "\(Fixtures.sub)", resourceGroup: rg}]
            """)
        copy.write("a.json", quickstart)
        copy.write("b.json", quickstart)
        let deployed = copy.load(manifest: manifest)
        #expect(deployed.graph.count(.circuit) == 1)
        #expect(deployed.diagnostics.contains { $0.severity == .note && $0.message.contains("was read before") }, "\(deployed.diagnostics)")
    }

    /// A parameters file is applied to the template the manifest names it for, or to the one
    /// beside it of the same name; alone, it is recognised, not a file with no resources.
    @Test func parametersFiles() throws {
        let f = Fixtures()
        let template = """
            {"$schema": "\(Self.schema)", "contentVersion": "1.0.0.0", "parameters": {"asn": {"type": "int"}},
             "resources": [{"type": "Microsoft.Network/expressRouteCircuits/peerings", "apiVersion": "2024-05-01", "name": "er/AzurePrivatePeering",
                            "properties": {"peeringType": "AzurePrivatePeering", "peerASN": "[parameters('asn')]"}}]}
            """
        let parameters = { (asn: Int) in
            #"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0", "parameters": {"asn": {"value": \#(asn)}}}"#
        }
        f.write("peering.json", template)
        f.write("prod.params.json", parameters(65020))
        f.write("orphan.parameters.json", parameters(65030))
        f.write("manifest.yaml", """
            customers: [{id: c, model: connect-to, subscriptions: ["\(Fixtures.sub)"]}]
            deployments: [{template: peering.json, subscription: "\(Fixtures.sub)", resourceGroup: rg, parameters: prod.params.json}]
            """)
        let estate = f.load()
        #expect(estate.errors.isEmpty, "\(estate.diagnostics)")
        guard case .circuitPeering(let p)? = estate.only(.peering)?.resource?.detail else { Issue.record("no peering"); return }
        #expect(p.peerASN == 65020)
        #expect(!estate.diagnostics.contains { $0.location.file.hasSuffix("prod.params.json") }, "named by the manifest")
        let orphan = estate.diagnostics.filter { $0.location.file.hasSuffix("orphan.parameters.json") }
        #expect(orphan.count == 1 && orphan[0].severity == .note && orphan[0].message.contains("no template to apply it to"), "\(orphan)")
    }

    /// A template that deploys nothing once its conditions are worked out says so, once.
    @Test func aTemplateThatDeploysNothingSaysSo() {
        let f = Fixtures()
        f.write("off.json", """
            {"$schema": "\(Self.schema)", "contentVersion": "1.0.0.0", "parameters": {"enabled": {"type": "bool", "defaultValue": false}},
             "resources": [{"condition": "[parameters('enabled')]", "type": "Microsoft.Network/routeTables", "apiVersion": "2024-05-01", "name": "rt"}]}
            """)
        f.write("manifest.yaml", Self.manifestFor("off.json"))
        let estate = f.load()
        #expect(estate.graph.count(.routeTable) == 0)
        #expect(estate.diagnostics.map(\.message) == ["the template deploys no resources, once its conditions and copy loops are worked out"])
    }
}
