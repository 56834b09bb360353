import Testing
@testable import ErlintModel

/// The graph's index of node keys: a key finds the node it was given, the latest one of equal
/// keys, whatever the keys' lengths; texts differing in any byte are different keys and hash
/// apart (a collision would only cost time, but none should be this easy); it grows past any
/// size it was made for.
@Suite struct NodeKeyTests {
    @Test func aKeyFindsItsNodeAndNeighboursDoNot() {
        var table = NodeKeyTable(capacity: 2)
        var hashes = Set<UInt64>()
        var keys: [String] = []
        for length in 0..<40 {
            let base = String(repeating: "a", count: length)
            keys.append(base)
            for at in 0..<length {
                var bytes = Array(base.utf8)
                bytes[at] = UInt8(ascii: "b")
                keys.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        for (n, k) in keys.enumerated() {
            #expect(table.append(k) == nil)
            var copy = k
            hashes.insert(copy.withUTF8 { NodeKeyTable.hash($0) })
            #expect(table.node(k) == NodeID(n))
        }
        #expect(hashes.count == keys.count)
        for (n, k) in keys.enumerated() {
            // An equal text from other storage (bridged, or built character by character).
            #expect(table.node(String(k.utf8.map { Character(Unicode.Scalar($0)) })) == NodeID(n))
        }
        #expect(table.node("c") == nil && table.node("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa") == nil)
        // Keys compare with ASCII letters folded, as ids do.
        #expect(table.node("ABAAAAAAAAA") == table.node("abaaaaaaaaa") && table.node("ABAAAAAAAAA") != nil)
        // A second node of one key replaces the first, which is handed back.
        #expect(table.append("aaa") == NodeID(keys.firstIndex(of: "aaa")!))
        #expect(table.node("aaa") == NodeID(keys.count))
    }
}
