import Foundation
import Testing
@testable import ErlintIngest
import ErlintModel

/// The shard pre-pass: without parsing, it must find every subscription an export mentions (in
/// ids and references, in either case) and every circuit-link prefix, or a shard would skip an
/// export it needs.
@Suite struct ExportMentionsTests {
    @Test func findsSubscriptionsInIdsAndReferencesAndLinkPrefixes() {
        let f = Fixtures()
        let file = f.write("a.json", """
            {"value": [{"id": "/subscriptions/AAAA-1/resourceGroups/rg/providers/Microsoft.Network/connections/cn",
              "properties": {"peer": {"id": "/Subscriptions/bbbb-2/resourceGroups/rg/providers/Microsoft.Network/expressRouteCircuits/er"}}},
             {"id": "/subscriptions/aaaa-1/resourceGroups/rg/providers/Microsoft.Network/expressRouteCircuits/er/peerings/AzurePrivatePeering",
              "properties": {"primaryPeerAddressPrefix" : "172.16.0.0/30", "secondaryPeerAddressPrefix":"172.16.0.4/30",
                             "ipv6PeeringConfig": {"primaryPeerAddressPrefix": "2001:db8::/126"}}}]}
            """)
        let m = ExportMentions.scan(file, scope: nil)
        #expect(m.subscriptions == ["aaaa-1", "bbbb-2"])
        #expect(m.linkPrefixes.map(\.description) == ["172.16.0.0/30", "172.16.0.4/30", "2001:db8::/126"])
        #expect(!m.unreadable)
        #expect(ExportMentions.scan(f.dir + "/missing.json", scope: nil).unreadable)
        // A template names no subscription; the manifest's deployment scope stands in.
        let template = f.write("t.json", #"{"resources": [{"type": "Microsoft.Network/expressRouteCircuits", "name": "er"}]}"#)
        #expect(ExportMentions.scan(template, scope: "CCCC-3").subscriptions == ["cccc-3"])
    }

    /// On every sample export, the pre-pass finds every subscription the full parse finds.
    @Test func agreesWithTheParserOnTheSamples() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let estate = EstateLoader.load(paths: [root.appendingPathComponent("samples").path], options: .init())
        var parsed: [String: Set<String>] = [:]
        for n in estate.graph.nodes {
            guard let r = n.resource, let sub = r.subscription else { continue }
            parsed[r.origin.file, default: []].insert(sub)
            for ref in r.references { if let s = ref.target.subscription { parsed[r.origin.file, default: []].insert(s) } }
        }
        #expect(parsed.count > 10)
        for (file, subs) in parsed {
            let scanned = Set(ExportMentions.scan(file, scope: nil).subscriptions)
            // A template with no deployment gets a placeholder subscription of its own, which no
            // export mentions.
            let real = subs.filter { !$0.hasPrefix("unscoped-") }
            #expect(real.isSubset(of: scanned), "\(file): \(real.subtracting(scanned))")
        }
    }
}
