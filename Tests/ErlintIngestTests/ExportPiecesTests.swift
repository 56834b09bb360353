import Foundation
import Testing
@testable import ErlintIngest
import ErlintModel
import ErlintGenerator

/// The pre-pass that cuts an export of several subscriptions into a piece per subscription reads
/// the file a chunk at a time: wherever the chunks end, it must find each resource object where a
/// parse of the whole file finds it (range, line and column), say what each piece mentions as a
/// scan of the piece's bytes does, and leave whole every file that is not a valid list.
@Suite struct ExportPiecesTests {
    static func resource(_ sub: String, _ n: Int, name: String) -> String {
        let id = "/subscriptions/\(sub)/resourceGroups/rg-\(n)/providers/Microsoft.Network/expressRouteCircuits/\(name)/peerings/AzurePrivatePeering"
        return #"{"id": "\#(id)", "name": "\#(name)", "type": "Microsoft.Network/expressRouteCircuits/peerings", "#
            + #""properties": {"primaryPeerAddressPrefix": "172.16.\#(n).0/30", "tags": {"note": "a \"quoted\" {brace} [x]"}, "#
            + #""secondaryPeerAddressPrefix": "172.16.\#(n).4/30", "list": [1, 2.5e3, true, null, {"k": []}]}}"#
    }

    /// Exports of three subscriptions in several layouts.
    static let layouts: [String] = {
        let subs = ["aaaa-1", "BBBB-2", "cccc-3"]
        let items = (0..<12).map { resource(subs[$0 % 3], $0, name: $0 % 4 == 1 ? "circuit-é日本-\($0)" : "circuit-\($0)") }
        let pretty = "[\n" + items.map { "  " + $0.replacingOccurrences(of: ", \"", with: ",\n    \"") }.joined(separator: ",\n") + "\n]\n"
        return [
            "[" + items.joined(separator: ",") + "]",
            pretty,
            pretty.replacingOccurrences(of: "\n", with: "\r\n"),
            #"{"value": ["# + items.joined(separator: ", ") + #"], "nextLink": "https://management.azure.com/x?$skiptoken=[{}]"}"#,
            #"{ "count" : 12, "facets": [{"a": 1}], "data" : [ "# + items.joined(separator: " ,\n ") + " ] }",
        ]
    }()

    func scan(_ text: String, chunk: Int) -> [(ExportPiece, ExportMentions)]? {
        var scan = ExportPieces.PieceScan()
        // An empty read changes nothing.
        let empty = scan.feed(UnsafeBufferPointer(start: nil, count: 0))
        #expect(empty)
        let bytes = Array(text.utf8)
        var at = 0
        while at < bytes.count {
            let ok = bytes[at..<min(bytes.count, at + chunk)].withUnsafeBufferPointer { scan.feed($0) }
            if !ok { return nil }
            at += chunk
        }
        return scan.finish()
    }

    @Test(arguments: 0..<5) func piecesAreWhereTheWholeParseFindsTheResources(_ layout: Int) throws {
        let text = Self.layouts[layout]
        let bytes = Array(text.utf8)
        let document = try JSONParser.parse(bytes)
        let list = document.root.isArray ? document.root : (document.root["value"] ?? document.root["data"])!
        let lines = LineIndex(bytes)
        for chunk in [1, 2, 7, 64, 1 << 20] {
            let pieces = try #require(scan(text, chunk: chunk), "layout \(layout), chunks of \(chunk)")
            #expect(pieces.count == 3)
            // Every resource, in file order across the pieces, where the parse put it.
            let all = pieces.flatMap { p in zip(p.0.ranges, p.0.starts).map { ($0, $1) } }.sorted { $0.0.lowerBound < $1.0.lowerBound }
            #expect(all.map(\.0.lowerBound) == list.elements.map(\.offset))
            for (range, start) in all {
                let position = lines.position(of: range.lowerBound)
                #expect(start.line == position.line && start.column == position.column)
                let alone = try JSONParser.parse(Array(bytes[range]))
                #expect(alone.root.isObject && alone.root["type"] != nil)
            }
            for (piece, mentions) in pieces {
                let expected = bytes.withUnsafeBufferPointer { b in ExportMentions.scan(piece.ranges.map { UnsafeBufferPointer(rebasing: b[$0]) }, scope: nil) }
                #expect(mentions.subscriptions == expected.subscriptions && mentions.subscriptions.count == 1)
                #expect(mentions.linkPrefixes == expected.linkPrefixes && mentions.linkPrefixes.count == 8)
            }
        }
    }

    @Test func filesThatAreNotValidListsOfSeveralSubscriptionsAreReadWhole() {
        let a = Self.resource("aaaa-1", 1, name: "a"), b = Self.resource("bbbb-2", 2, name: "b")
        let untyped = a.replacingOccurrences(of: #""type": "#, with: #""kind": "#)
        for text in [
            "[" + a + "," + Self.resource("aaaa-1", 3, name: "c") + "]",   // one subscription
            "[" + a + "," + b,                                               // not closed
            "[" + a + "," + b + "] []",                                      // something after the list
            "[" + a + " " + b + "]",                                         // no comma between resources
            "[" + a + ",," + b + "]",                                        // two
            "[" + a.replacingOccurrences(of: #""name": "#, with: #""name" "#) + "," + b + "]",   // broken inside a resource
            "[" + untyped + "," + b + "]",                                   // a resource with no type
            "[" + a + ", 42, " + b + "]",                                    // not every element an object
            "[" + a + "," + b.replacingOccurrences(of: "/", with: "\\/") + "]",   // escaped slashes
            "\u{FEFF}[" + a + "," + b + "]",                                 // byte order mark
            #"{"$schema": "x", "value": ["# + a + "," + b + "]}",            // a template, not a list
            #"{"value": "none", "data": ["# + a + "," + b + "]}",            // `value` is not the list
            #"{"value": ["# + a + "," + b + #"], "facets": [""# + String(repeating: "x", count: 2 << 20) + #""]}"#,   // mostly not resources
        ] {
            for chunk in [3, 1 << 20] { #expect(scan(text, chunk: chunk) == nil, "\(text.prefix(60))…") }
        }
        #expect(scan("[" + a + "," + b + "]", chunk: 5)?.count == 2)
    }
}

/// Large exports are cut before the scan for mentions would read them whole: the batches must get
/// the same pieces, mentioning the same, as when that scan shows first that a file lists several
/// subscriptions.
@Suite struct CutFirstTests {
    @Test func cuttingFirstGivesTheSamePieces() throws {
        let f = Fixtures()
        let generated = f.dir + "/generated", one = f.dir + "/one"
        _ = try EstateGenerator(.init(customers: 3, seed: 2)).write(to: generated)
        var resources: [Any] = []
        let fm = FileManager.default
        for name in (try fm.subpathsOfDirectory(atPath: generated)).sorted() {
            let path = generated + "/" + name
            if name.hasSuffix(".json") {
                let export = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
                resources += export?["value"] as? [Any] ?? []
            } else if name.hasSuffix(".xml") || name.hasSuffix(".yaml") {
                try fm.createDirectory(atPath: ((one + "/" + name) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try fm.copyItem(atPath: path, toPath: one + "/" + name)
            }
        }
        let data = try JSONSerialization.data(withJSONObject: ["value": resources], options: [.prettyPrinted, .withoutEscapingSlashes])
        try data.write(to: URL(fileURLWithPath: one + "/resource-graph.json"))
        let prepared = EstateLoader.prepare(paths: [one], options: .init())
        let scanFirst = EstateLoader.split(prepared, cutFirstBytes: .max), cutFirst = EstateLoader.split(prepared, cutFirstBytes: 0)
        let a = scanFirst.found.inputs, b = cutFirst.found.inputs
        #expect(a.count == prepared.found.inputs.count + 3, "one piece per customer's subscription")
        #expect(a.map(\.path) == b.map(\.path) && a.map(\.replaced) == b.map(\.replaced))
        #expect(a.map { $0.piece?.ranges ?? [] } == b.map { $0.piece?.ranges ?? [] })
        #expect(a.map { $0.piece?.starts.map { [$0.line, $0.column] } ?? [] } == b.map { $0.piece?.starts.map { [$0.line, $0.column] } ?? [] })
        let ma = try #require(scanFirst.mentions), mb = try #require(cutFirst.mentions)
        #expect(ma.map(\.subscriptions) == mb.map(\.subscriptions) && ma.map(\.linkPrefixes) == mb.map(\.linkPrefixes))
    }
}
