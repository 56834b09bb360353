import Foundation
import Testing
@testable import ErlintIngest
import ErlintModel

@Suite struct EstateLoaderTests {
    @Test func badFilesAreDiagnosedAndTheRestIsStillRead() throws {
        let f = Fixtures()
        f.write("a-good.json", Fixtures.circuit(flattened: false))
        f.write("b-truncated.json", String(Fixtures.circuit(flattened: false).prefix(120)))
        f.write("c-not-json.json", "<?xml version=\"1.0\"?><configuration/>")
        f.write("d-bom.json", [0xEF, 0xBB, 0xBF] + Array("[]".utf8))
        f.write("e-utf16.json", [0xFF, 0xFE, 0x5B, 0x00, 0x5D, 0x00])
        f.write("f-deep.json", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        f.write("g-empty.json", "")
        f.write("notes.txt", "not an export")
        let estate = f.load()
        #expect(estate.graph.count(.circuit) == 1)
        #expect(estate.hasErrors)
        func diagnostic(_ file: String) -> Diagnostic? { estate.diagnostics.first { $0.location.file.hasSuffix(file) } }
        let truncated = try #require(diagnostic("b-truncated.json"))
        #expect(truncated.severity == .error)
        #expect(truncated.message.contains("unexpected end of file") || truncated.message.contains("unterminated string"))
        #expect(truncated.location.line > 0)
        #expect(try #require(diagnostic("c-not-json.json")).message.contains("found '<'"))
        #expect(try #require(diagnostic("d-bom.json")).severity == .note)
        #expect(try #require(diagnostic("e-utf16.json")).message.contains("UTF-16"))
        #expect(try #require(diagnostic("f-deep.json")).message.contains("nesting deeper"))
        #expect(try #require(diagnostic("g-empty.json")).message.contains("empty file"))
        #expect(estate.skippedFiles.map { $0.split(separator: "/").last! } == ["notes.txt"])
        #expect(estate.files.count == 7)
    }

    @Test func missingPathIsAnError() {
        let f = Fixtures()
        let estate = f.load([f.dir + "/nope"])
        #expect(estate.errors.first?.message == "no such file or folder")
    }

    @Test func aFileNamedTwiceOrThroughSymlinksIsReadOnce() throws {
        let f = Fixtures()
        f.write("real/a.json", Fixtures.circuit(flattened: false))
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: f.dir + "/real/link-to-a.json", withDestinationPath: f.dir + "/real/a.json")
        try fm.createSymbolicLink(atPath: f.dir + "/linked-folder", withDestinationPath: f.dir + "/real")
        try fm.createSymbolicLink(atPath: f.dir + "/dangling.json", withDestinationPath: f.dir + "/nowhere.json")
        // The folder, the file by its own path, and the file by a path through the linked folder.
        let estate = f.load([f.dir, f.dir + "/real/a.json", f.dir + "/linked-folder/a.json"])
        #expect(estate.files.count == 1, "\(estate.files)")
        #expect(estate.graph.count(.circuit) == 1)
        #expect(estate.graph.duplicates.isEmpty)
    }

    /// Folders are read all the way down, but not hidden entries, nor folders reached through a
    /// link (one may lead back up: the walk must end).
    @Test func foldersAreWalkedWithoutHiddenEntriesOrLinkedFolders() throws {
        let f = Fixtures()
        let outside = Fixtures()
        f.write("sub/deep/a.json", Fixtures.circuit(flattened: false))
        f.write(".hidden/b.json", Fixtures.circuit(flattened: false).replacingOccurrences(of: "er1", with: "er2"))
        f.write(".c.json", Fixtures.circuit(flattened: false).replacingOccurrences(of: "er1", with: "er3"))
        outside.write("x.json", Fixtures.circuit(flattened: false).replacingOccurrences(of: "er1", with: "er4"))
        try FileManager.default.createSymbolicLink(atPath: f.dir + "/sub/loop", withDestinationPath: f.dir)
        try FileManager.default.createSymbolicLink(atPath: f.dir + "/out", withDestinationPath: outside.dir)
        let estate = f.load()
        #expect(estate.files.map { $0.hasSuffix("/sub/deep/a.json") } == [true], "\(estate.files)")
        #expect(estate.errors.isEmpty, "\(estate.diagnostics)")
    }

    /// Rules take a subject's customer id from its customer node's name: it must be the id of the
    /// customer the graph gives the node, for every node of a real estate.
    @Test func customerIDsAreTheCustomersIDs() {
        let estate = EstateLoader.load(paths: [Fixtures.root + "/samples/contoso"], options: .init(postureDirectory: Fixtures.postures))
        let graph = estate.graph
        #expect(graph.nodes.contains { graph.customerID(of: $0.id) != nil })
        for node in graph.nodes { #expect(graph.customerID(of: node.id) == graph.customer(of: node.id)?.id, "\(node.key)") }
    }

    @Test func mergeOrderDoesNotDependOnThreadScheduling() {
        let f = Fixtures()
        for i in 0..<40 {
            f.write("f\(i).json", Fixtures.circuit(flattened: i % 2 == 0).replacingOccurrences(of: "er1", with: "er\(i)"))
        }
        let first = f.load().graph.nodes.map(\.key)
        for _ in 0..<3 { #expect(f.load().graph.nodes.map(\.key) == first) }
        #expect(first.count > 40 * 4)
    }

    @Test func manifestAtTheTopOfAFolderIsUsed() {
        let f = Fixtures()
        f.write("x.json", Fixtures.circuit(flattened: true))
        f.write("manifest.yaml", "customers: [{id: fab, model: connect-to, subscriptions: [\"\(Fixtures.sub.uppercased())\"]}]")
        let estate = f.load()
        #expect(estate.errors.isEmpty, "\(estate.diagnostics)")
        #expect(estate.graph.resources(of: "fab").count == 2)
        #expect(estate.graph.unclaimed.isEmpty)
        #expect(!estate.files.contains { $0.hasSuffix("manifest.yaml") })
    }
}
