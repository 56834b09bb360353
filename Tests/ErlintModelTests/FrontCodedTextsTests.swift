import Testing
@testable import ErlintModel

/// The front coding that keeps a run's subjects and JUnit cases must give back every text as it
/// went in, whatever its length and however much it shares with the one before.
@Suite struct FrontCodedTextsTests {
    func roundTrip(_ texts: [[UInt8]]) -> [[UInt8]] {
        var coded = FrontCodedTexts()
        for t in texts { t.withUnsafeBufferPointer { coded.append($0) } }
        coded.finish()
        #expect(coded.count == texts.count)
        var reader = FrontCodedTexts.Reader(coded)
        var out: [[UInt8]] = []
        while reader.next() { out.append(reader.text) }
        return out
    }

    @Test func sortedIdsComeBackAsTheyWent() {
        let ids = (0..<500).map { n in
            Array("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt-\(n / 50)/routes/r-\(n)".utf8)
        }.sorted { $0.lexicographicallyPrecedes($1) }
        #expect(roundTrip(ids) == ids)
    }

    @Test func emptyLongAndUnsortedTexts() {
        // Longer than the 2-byte shared length can say, rests of one to three LEB128 bytes,
        // empty texts, a text that is a prefix of the one before, and no order at all.
        let long = [UInt8](repeating: 0x61, count: 70_000)
        let texts: [[UInt8]] = [[], long, long + [0x62], long, Array(long.prefix(100)), [], [0x7A], Array(repeating: 0x63, count: 200),
                                Array(repeating: 0x63, count: 20_000), [0x0A, 0x0A], Array("é\n<testcase/>".utf8)]
        #expect(roundTrip(texts) == texts)
        #expect(roundTrip([]) == [])
    }

    @Test func readerTellsWhatEachTextShares() {
        var coded = FrontCodedTexts()
        for t in ["abc/def", "abc/deg", "x"] { var t = t; t.withUTF8 { coded.append($0) } }
        var reader = FrontCodedTexts.Reader(coded)
        var shared: [Int] = []
        while reader.next() { shared.append(reader.shared) }
        #expect(shared == [0, 6, 0])
    }
}
