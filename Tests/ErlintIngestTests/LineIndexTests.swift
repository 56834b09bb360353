import Foundation
import Testing
@testable import ErlintIngest
import ErlintModel

/// Line and column of a byte offset: what every finding and diagnostic in an export points at.
@Suite struct LineIndexTests {
    /// The position counted the plain way: lines by newlines, columns by the scalars before the
    /// offset on its line (a BOM is not a column).
    static func counted(_ bytes: [UInt8], _ offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) && offset >= 3 ? 3 : 0
        while i < offset {
            if bytes[i] == 0x0A {
                line += 1
                column = 1
            } else if bytes[i] & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return (line, column)
    }

    @Test(arguments: [
        ("ASCII over lines", "{\n  \"id\": \"/subscriptions/x\",\n  \"name\": \"a\"\n}\n"),
        ("ASCII on one line", String(repeating: "{\"name\":\"rt-1\",\"addressPrefix\":\"10.0.0.0/24\"},", count: 40)),
        // Long enough to span many of the 256-byte blocks whose scalars are counted up front.
        ("beyond ASCII on one line", String(repeating: "{\"description\":\"Zürich – Genève ✓ 東京\",\"n\":1},", count: 40)),
        ("exactly one block", String(repeating: "é", count: 128)),
        ("beyond ASCII over lines", String(repeating: "{\"d\":\"café\"},\n  {\"e\":\"naïve\"}\n", count: 30)),
        ("with a byte order mark", "\u{FEFF}{\"name\": \"é\"}\n{\"x\": 1}"),
        ("empty", ""),
    ])
    func everyOffsetIsPlacedAsCounted(_ name: String, _ text: String) {
        let bytes = Array(text.utf8)
        let index = LineIndex(bytes)
        for offset in 0...bytes.count {
            let p = index.position(of: offset)
            let expected = Self.counted(bytes, offset)
            #expect(p.line == expected.line && p.column == expected.column, "\(name), offset \(offset)")
            if p.line != expected.line || p.column != expected.column { return }
        }
    }
}
