import Foundation
import Testing
@testable import ErlintIngest

/// Positions the stream parser gives elements: every location erlint reports in a router config
/// (an interface, a session) is its element's, so each must point at the `<` that opened it.
@Suite struct XMLStreamParserTests {
    let fx = Fixtures()

    /// Walks into every element and records where each one starts.
    final class Recorder: XMLStanzaHandler {
        var starts: [Position] = []
        func elementStarts(name: String, namespace: String, depth: Int, line: Int, column: Int, deactivated: Bool) -> XMLStreamParser.Action {
            starts.append(Position(name: name, line: line, column: column))
            return .descend
        }
        func elementEnds() {}
        func stanza(_ element: XMLElement) {}
    }

    struct Position: Equatable, CustomStringConvertible {
        var name: String
        var line: Int
        var column: Int
        var description: String { "<\(name)> at \(line):\(column)" }
    }

    /// Each start tag's `<` counted the plain way, character by character (columns count
    /// characters, as an editor shows them).
    static func expected(_ xml: String) -> [Position] {
        var out: [Position] = []
        let chars = Array(xml.unicodeScalars)
        var line = 1, column = 1
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "<", i + 1 < chars.count, !["/", "?", "!"].contains(chars[i + 1]) {
                var j = i + 1
                var name = ""
                while j < chars.count, ![" ", ">", "/", "\n", "\t"].contains(chars[j]) {
                    name.unicodeScalars.append(chars[j])
                    j += 1
                }
                out.append(Position(name: name.split(separator: ":").last.map(String.init) ?? name, line: line, column: column))
            }
            if c == "\n" { line += 1; column = 1 } else { column += 1 }
            i += 1
        }
        return out
    }

    @Test(arguments: [
        ("short tags", "<a><b/><c>x</c></a>"),
        ("first tag at the start of the file", "<configuration><system><host-name>r1</host-name></system></configuration>"),
        ("declaration and indentation", "<?xml version=\"1.0\"?>\n<configuration>\n  <interfaces>\n    <interface>\n      <name>ge-0/0/0</name>\n    </interface>\n  </interfaces>\n</configuration>\n"),
        ("attributes, one holding a >", "<rpc-reply xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\" message-id=\"101\"><data a=\"1 > 0\"><x inactive=\"inactive\"/></data></rpc-reply>"),
        ("a tag over several lines", "<config>\n  <interface\n      xmlns=\"http://openconfig.net/yang/interfaces\"\n      operation=\"merge\"><name>Bundle-Ether1</name></interface>\n</config>"),
        ("characters beyond ASCII before and inside tags", "<c>\n  <description>Zürich–Genève</description><n a=\"café\">é</n>\t<naïve-long-element-name/>\n</c>"),
        ("long tags with namespaces and prefixes", "<nc:rpc-reply xmlns:nc=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><nc:data><interface-configurations xmlns=\"http://cisco.com/ns/yang/Cisco-IOS-XR-ifmgr-cfg\"><interface-configuration><active>act</active></interface-configuration></interface-configurations></nc:data></nc:rpc-reply>"),
        ("tabs and carriage returns", "<a>\r\n\t<b\tx=\"1\"\r\n\t>y</b>\r\n</a>"),
    ])
    func elementsArePlacedAtTheirOpeningBracket(_ name: String, _ xml: String) throws {
        let recorder = Recorder()
        let outcome = XMLStreamParser.parse(file: fx.write("positions.xml", xml), handler: recorder)
        #expect(outcome.fatal == nil, "\(String(describing: outcome.fatal))")
        #expect(recorder.starts == Self.expected(xml), "\(name)")
    }

    @Test func elementsOfALargeFileArePlacedAcrossChunks() throws {
        // Larger than the parser's 1 MiB read, so that tags straddle the chunks it is fed in.
        var xml = "<configuration>\n"
        var k = 0
        while xml.utf8.count < 3 * XMLStreamParser.chunkSize {
            xml += "  <interface k=\"\(k)\"><name>ge-0/0/\(k % 48)</name><unit><description>Düsseldorf \(k)</description></unit></interface>\n"
            k += 1
        }
        xml += "</configuration>\n"
        let recorder = Recorder()
        let outcome = XMLStreamParser.parse(file: fx.write("large.xml", xml), handler: recorder)
        #expect(outcome.fatal == nil)
        let expected = Self.expected(xml)
        #expect(recorder.starts.count == expected.count)
        #expect(recorder.starts == expected)
    }
}
