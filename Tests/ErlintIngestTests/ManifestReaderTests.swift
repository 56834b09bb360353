import Testing
@testable import ErlintIngest
import ErlintModel

@Suite struct ManifestReaderTests {
    let profiles = PostureReader.readProfiles(in: Fixtures.postures).profiles

    func read(_ yaml: String) -> (EstateManifest?, [Diagnostic]) {
        let r = ManifestReader.read(text: yaml, file: "m.yaml", profiles: profiles)
        return (r.manifest, r.diagnostics)
    }

    @Test func shippedProfilesLoad() throws {
        let r = PostureReader.readProfiles(in: Fixtures.postures)
        #expect(r.diagnostics.isEmpty)
        let strict = try #require(r.profiles["strict"])
        #expect(strict.segregation == .separateCircuits && strict.encryption == .required
                && strict.firewallInspection == .required && strict.highAvailability == .circuits)
        #expect(r.profiles["baseline"] == Posture(name: "baseline"))
    }

    @Test func readsTheFullSchemaInYAMLAndJSON() throws {
        let yaml = """
            csp: {name: Contoso Cloud, asns: [64500], ownedPrefixes: [203.0.113.0/24]}
            customers:
              - id: fabrikam
                name: Fabrikam Ltd
                model: connect-through
                subscriptions: [00000000-0000-0000-0000-00000000000A]
                posture: strict
                ownedPrefixes: [198.51.100.0/24]
                asns: [64510]
                onPremisesPrefixes: [10.20.0.0/16]
                encryptionAppliances:
                  - {circuit: /subscriptions/x/resourceGroups/r/providers/Microsoft.Network/expressRouteCircuits/c, azure: 10.1.0.4, onPremises: fab-fw-1}
              - id: woodgrove
                model: connect-to
                subscriptions: [00000000-0000-0000-0000-000000000002]
                posture: {base: baseline, encryption: required}
            routers:
              - {name: edge-ams-1, owner: csp, site: ams}
              - {name: wg-1, owner: woodgrove}
            """
        let (m, d) = read(yaml)
        #expect(d.isEmpty, "\(d)")
        let manifest = try #require(m)
        #expect(manifest.csp?.ownedPrefixes.map(\.description) == ["203.0.113.0/24"])
        #expect(manifest.customers.map(\.id) == ["fabrikam", "woodgrove"])
        #expect(manifest.customers[0].subscriptions == ["00000000-0000-0000-0000-00000000000a"])
        #expect(manifest.customers[0].resolvedPosture.name == "strict")
        #expect(manifest.customers[0].encryptionAppliances.first?.azure.description == "10.1.0.4")
        #expect(manifest.customers[1].name == "woodgrove")
        #expect(manifest.customers[1].resolvedPosture.encryption == .required)
        #expect(manifest.customers[1].resolvedPosture.segregation == .shared)
        #expect(manifest.routers.map(\.owner) == [.csp, .customer("woodgrove")])

        let json = #"{"customers": [{"id": "a", "model": "connect-to", "subscriptions": ["00000000-0000-0000-0000-000000000003"], "posture": "baseline"}]}"#
        let (jm, jd) = read(json)
        #expect(jd.isEmpty && jm?.customers.first?.id == "a")
    }

    @Test func errorsNameTheLineAndTheAllowedValues() {
        let (_, d) = read("""
            customers:
              - id: a
                model: connect-sideways
                subscriptions: [not-a-guid]
                posture: paranoid
                colour: blue
              - id: a
                model: connect-to
                subscriptions: [00000000-0000-0000-0000-000000000001]
                posture: {encryption: maybe, firewall: required}
            routers:
              - {name: r1, owner: nobody}
            """)
        func at(_ line: Int, _ text: String) -> Bool { d.contains { $0.location.line == line && $0.message.contains(text) } }
        #expect(at(3, "expected one of connect-through, connect-to"))
        #expect(at(4, "subscription GUID"))
        #expect(at(5, "unknown posture 'paranoid'") && at(5, "baseline, strict"))
        #expect(at(6, "unknown key 'colour'") && at(6, "expected one of id, name, model"))
        #expect(at(7, "duplicate customer id 'a'"))
        #expect(at(10, "invalid value 'maybe'") && at(10, "expected one of none, required"))
        #expect(at(10, "unknown key 'firewall'"))
        #expect(at(12, "unknown router owner 'nobody'"))
        #expect(d.allSatisfy { $0.severity == .error && $0.location.file == "m.yaml" })
    }

    @Test func yamlSyntaxErrorsHaveAPosition() throws {
        let (m, d) = read("customers:\n  - id: [unclosed\n")
        #expect(m == nil)
        let e = try #require(d.first)
        #expect(e.location.line >= 2 && e.message.hasPrefix("invalid YAML"))
        let (_, missing) = read("csp: {name: X}\n")
        #expect(missing.contains { $0.message.contains("missing key 'customers'") })
    }

    /// An entry missing a required key is an error naming the key and the entry's line, never a
    /// crash (a fuzzer found `{"deployments":[{"template":g}]}` killed every command with SIGILL).
    @Test(arguments: [
        (#"{"deployments":[{"template":g}]}"#, ["missing key 'customers' in the manifest", "missing key 'subscription' in a deployment",
                                                 "missing key 'resourceGroup' in a deployment"]),
        ("customers: []\ndeployments:\n  - {subscription: 00000000-0000-0000-0000-000000000001}\n", ["missing key 'template'"]),
        ("customers: []\nrouters:\n  - {name: r1}\n", ["missing key 'owner' in a router"]),
        ("customers:\n  - {id: a, model: connect-to, subscriptions: [], encryptionAppliances: [{circuit: c, onPremises: fw}]}\n",
         ["missing key 'azure' in an encryption appliance"]),
        ("customers:\n  - {id: a, subscriptions: []}\n", ["missing key 'model' in a customer"]),
    ])
    func anEntryMissingARequiredKeyIsAnError(_ text: String, _ messages: [String]) {
        let (_, d) = read(text)
        for m in messages {
            #expect(d.contains { $0.severity == .error && $0.message.contains(m) && $0.location.line >= 1 }, "\(m): \(d)")
        }
    }

    /// Subscriptions are GUIDs: five groups of 8, 4, 4, 4 and 12 hex digits, in either case.
    @Test(arguments: [
        ("00000000-0000-0000-0000-000000000001", true), ("5EED0000-abcd-4000-8000-0000000000fF", true),
        ("00000000-0000-0000-0000-00000000001", false), ("00000000-0000-0000-0000-0000000000011", false),
        ("0000000-00000-0000-0000-000000000001", false), ("00000000_0000-0000-0000-000000000001", false),
        ("00000000-0000-0000-0000-00000000000g", false), ("00000000-0000-0000-0000-00000000000１", false),
        ("", false), ("not-a-guid", false),
    ])
    func subscriptionsAreGUIDs(_ text: String, _ valid: Bool) {
        #expect(ManifestReader.isGUID(text) == valid)
    }
}
