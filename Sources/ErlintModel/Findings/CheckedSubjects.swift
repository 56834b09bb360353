/// The subjects one rule examined, in a compact form: one UTF-8 buffer per batch of the run and
/// two offsets per subject, instead of a `String` object each. A run over 10,000 customers keeps
/// four million of them (one JUnit case each) until the reports are written, and as separate
/// strings they were the largest part of its memory.
public struct CheckedSubjects: Sendable, Sequence, ExpressibleByArrayLiteral {
    /// Sized exactly when made, then never grown: appending a batch adds a chunk.
    struct Chunk: Sendable {
        var bytes: [UInt8] = []
        /// Per subject: where its customer starts, and where it ends (no customer: the same).
        var splits: [Int] = []
        var ends: [Int] = []

        init(_ list: [CheckedSubject]) {
            bytes.reserveCapacity(list.reduce(0) { $0 + $1.subject.utf8.count + ($1.customer?.utf8.count ?? 0) })
            splits.reserveCapacity(list.count)
            ends.reserveCapacity(list.count)
            for c in list {
                bytes += c.subject.utf8
                splits.append(bytes.count)
                if let customer = c.customer { bytes += customer.utf8 }
                ends.append(bytes.count)
            }
        }

        subscript(i: Int) -> CheckedSubject {
            let start = i == 0 ? 0 : ends[i - 1]
            let split = splits[i], end = ends[i]
            return bytes.withUnsafeBufferPointer { b in
                CheckedSubject(subject: String(decoding: UnsafeBufferPointer(rebasing: b[start..<split]), as: UTF8.self),
                               customer: split == end ? nil : String(decoding: UnsafeBufferPointer(rebasing: b[split..<end]), as: UTF8.self))
            }
        }
    }

    private var chunks: [Chunk] = []
    public private(set) var count = 0

    public init() {}

    public init(_ list: [CheckedSubject]) {
        append(contentsOf: list)
    }

    public init(arrayLiteral elements: CheckedSubject...) {
        self.init(elements)
    }

    public var isEmpty: Bool { count == 0 }

    public mutating func append(contentsOf list: [CheckedSubject]) {
        guard !list.isEmpty else { return }
        chunks.append(Chunk(list))
        count += list.count
    }

    /// Appends another run's subjects after these (their chunks are shared, not copied).
    public mutating func append(contentsOf other: CheckedSubjects) {
        chunks += other.chunks
        count += other.count
    }

    public struct Iterator: IteratorProtocol {
        let chunks: [Chunk]
        var chunk = 0, index = 0

        public mutating func next() -> CheckedSubject? {
            while chunk < chunks.count {
                if index < chunks[chunk].ends.count {
                    defer { index += 1 }
                    return chunks[chunk][index]
                }
                chunk += 1
                index = 0
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(chunks: chunks) }
}
