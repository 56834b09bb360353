import Foundation
import Testing
import ErlintGenerator
@testable import ErlintIngest

@Suite struct JSONParserTests {
    func parse(_ text: String) throws(JSONSyntaxError) -> JSONDocument { try JSONParser.parse(Array(text.utf8)) }

    func error(_ text: String) -> (line: Int, column: Int, message: String)? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            let p = LineIndex(Array(text.utf8)).position(of: error.offset)
            return (p.line, p.column, error.message)
        }
    }

    @Test func readsValuesAndKeepsOffsets() throws {
        let doc = try parse(#"{"a": [1, -2.5e3, "x\"y\u00e9", true, false, null], "B": {}}"#)
        let a = try #require(doc.root["a"])
        #expect(a.elements.count == 6)
        #expect(a.elements[1].numberText == "-2.5e3")
        #expect(a.elements[2].stringValue == "x\"yé")
        #expect(a.elements[3].boolValue == true)
        #expect(a.elements[5].isNull)
        #expect(doc.root["b"]?.isObject == true, "keys match case-insensitively, as Azure's do")
        #expect(a.offset == 6)
    }

    @Test func decodesSurrogatePairsAndEscapes() throws {
        let doc = try parse(#"["\ud83d\ude00", "a\/b\n", "\ud800"]"#)
        #expect(doc.root.elements[0].stringValue == "😀")
        #expect(doc.root.elements[1].stringValue == "a/b\n")
        #expect(doc.root.elements[2].stringValue == "\u{FFFD}")
    }

    @Test func reportsLineColumnAndWhatWasExpected() throws {
        let e1 = try #require(error("{\n  \"a\": 1,\n  \"b\" 2\n}"))
        #expect((e1.line, e1.column) == (3, 7))
        #expect(e1.message.contains("expected ':'"))

        let e2 = try #require(error("[1, 2"))
        #expect(e2.message.contains("unexpected end of file") && e2.message.contains("']'"))

        let e3 = try #require(error("{\"a\": \"unterminated"))
        #expect(e3.message.contains("unterminated string"))
        #expect(e3.column == 7)

        #expect(try #require(error("[01]")).message.contains("expected ',' or ']'"))
        #expect(try #require(error("[1.]")).message.contains("digit after the decimal point"))
        #expect(try #require(error("{\"a\":1,}")).message.contains("member name"))
        #expect(try #require(error("[1] x")).message.contains("end of the file"))
        #expect(try #require(error("")).message.contains("empty file"))
        #expect(try #require(error("\"a\\qb\"")).message.contains("invalid escape"))
        #expect(try #require(error("<?xml version=\"1.0\"?>")).message.contains("found '<'"))
    }

    /// Strings are scanned eight bytes at a time: a quote, an escape or a control character must
    /// be found at every place in a word, and at the last bytes of the file.
    @Test func everyPlaceInAStringIsSeen() throws {
        for length in 0..<24 {
            for at in 0..<max(1, length) {
                let plain = String(repeating: "a", count: length)
                #expect(try parse("[\"\(plain)\"]").root.elements.first?.stringValue == plain)
                var chars = Array(plain)
                if at < chars.count {
                    chars[at] = "\\"
                    let escaped = String(chars).replacingOccurrences(of: "\\", with: "\\n")
                    #expect(try parse("[\"\(escaped)\"]").root.elements.first?.stringValue
                            == String(plain.prefix(at)) + "\n" + String(plain.dropFirst(at + 1)))
                    chars[at] = "\t"
                    let control = error("[\"\(String(chars))\"]")
                    #expect(control?.column == at + 3, "control character at \(at) of \(length)")
                    #expect(control?.message.contains("control character") == true)
                    chars[at] = "\""
                    #expect(error("[\"\(String(chars))\"]") != nil || at == length - 1)
                }
            }
            // Unterminated, with the file ending mid-word.
            #expect(error("\"" + String(repeating: "b", count: length))?.message.contains("unterminated") == true)
        }
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let e = try #require(error("{\"é\": x}"))
        #expect((e.line, e.column) == (1, 7))
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let e = try #require(error(deep))
        #expect(e.message.contains("nesting deeper than"))
        #expect(e.column == JSONParser.defaultMaxDepth + 1)
        // Within the limit it parses.
        let ok = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(try parse(ok).valueCount == 200)
    }

    @Test func hugeNumbersStayLiteral() throws {
        let doc = try parse("[1e400, 123456789012345678901234567890]")
        #expect(doc.root.elements.map(\.numberText) == ["1e400", "123456789012345678901234567890"])
    }

    /// The tape must agree with a reference parser on every sample export.
    @Test func agreesWithJSONSerializationOnTheSamples() throws {
        let samples = Fixtures.root + "/samples"
        let files = FileManager.default.enumerator(atPath: samples)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }
        #expect(files.count >= 10)
        for f in files {
            let data = try #require(FileManager.default.contents(atPath: samples + "/" + f))
            let reference = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            let ours = try JSONParser.parse([UInt8](data)).root
            #expect(Self.equal(ours, reference), "\(f)")
        }
    }

    /// The same on generated exports (the shapes and sizes `erlint generate` writes for the
    /// benchmark: 0.4 MB per customer, every resource type, faults planted).
    @Test func agreesWithJSONSerializationOnGeneratedExports() throws {
        let dir = NSTemporaryDirectory() + "erlint-json-" + UUID().uuidString
        _ = try EstateGenerator(.init(customers: 4, seed: 5, faultRate: 0.5)).write(to: dir)
        let files = FileManager.default.enumerator(atPath: dir)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }
        #expect(files.count == 4)
        for f in files {
            let data = try #require(FileManager.default.contents(atPath: dir + "/" + f))
            let reference = try JSONSerialization.jsonObject(with: data)
            let ours = try JSONParser.parse([UInt8](data)).root
            #expect(Self.equal(ours, reference), "\(f)")
        }
    }

    static func equal(_ e: JSONElement, _ any: Any) -> Bool {
        switch e.kind {
        case .object:
            guard let d = any as? [String: Any], d.count == e.members.count else { return false }
            return e.members.allSatisfy { m in d[m.key].map { equal(m.value, $0) } ?? false }
        case .array:
            guard let a = any as? [Any], a.count == e.elements.count else { return false }
            return zip(e.elements, a).allSatisfy { equal($0, $1) }
        case .string, .escapedString: return (any as? String) == e.stringValue
        case .number: return (any as? NSNumber)?.doubleValue == Double(e.numberText ?? "")
        case .true, .false: return (any as? NSNumber)?.boolValue == e.boolValue
        case .null: return any is NSNull
        }
    }
}
