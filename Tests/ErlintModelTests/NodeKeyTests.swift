import Testing
@testable import ErlintModel

/// The graph's table key: equal texts are one key; texts differing in any byte, whatever their
/// length, hash apart (a collision would only cost time, but none should be this easy).
@Suite struct NodeKeyTests {
    @Test func equalTextsAreOneKeyAndNeighboursHashApart() {
        var hashes = Set<Int>()
        var count = 0
        for length in 0..<40 {
            let base = String(repeating: "a", count: length)
            #expect(NodeKey(base) == NodeKey(String(base.utf8.map { Character(Unicode.Scalar($0)) })))
            #expect(NodeKey(base).hashValue == NodeKey(base + "").hashValue)
            hashes.insert(NodeKey(base).hashValue)
            count += 1
            for at in 0..<length {
                var bytes = Array(base.utf8)
                bytes[at] = UInt8(ascii: "b")
                let other = NodeKey(String(decoding: bytes, as: UTF8.self))
                #expect(other != NodeKey(base))
                hashes.insert(other.hashValue)
                count += 1
            }
        }
        #expect(hashes.count == count)
        var table: [NodeKey: Int] = [:]
        table[NodeKey("/subscriptions/s/x")] = 1
        #expect(table[NodeKey("/subscriptions/s/x")] == 1 && table[NodeKey("/subscriptions/s/y")] == nil)
    }
}
