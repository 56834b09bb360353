/// The subjects one rule examined, in a compact form: one front-coded UTF-8 buffer per batch of
/// the run, instead of a `String` object each. A run over 10,000 customers keeps four million of
/// them (one JUnit case each) until the reports are written; as separate strings they were the
/// largest part of its memory, and as whole ids in one buffer still a sixth of the input.
public struct CheckedSubjects: Sendable, Sequence, ExpressibleByArrayLiteral {
    /// One batch's subjects. Each is stored as the length of the prefix it shares with the one
    /// before (2 bytes) and its own rest (a LEB128 length, then the bytes): a rule's subjects
    /// come sorted, and neighbours share most of their ids (`.../routeTables/rt-1/routes/`), so
    /// a route's id takes some 30 bytes instead of 150. Customers are kept once per chunk.
    struct Chunk: Sendable {
        var bytes: [UInt8] = []
        /// Per subject, its customer's place in `customers`.
        var customerOf: [UInt32] = []
        var customers: [String?] = []

        init(_ list: [CheckedSubject]) {
            customerOf.reserveCapacity(list.count)
            bytes.reserveCapacity(list.count * 40)
            var places: [String: UInt32] = [:]
            var none: UInt32?
            // The subject before, which `bytes` keeps only in part.
            var previous: [UInt8] = []
            previous.reserveCapacity(256)
            // Subjects come in runs of one customer: its place is looked up once a run.
            var run: (customer: String?, place: UInt32)?
            for c in list {
                var subject = c.subject
                subject.withUTF8 { subject in
                    let limit = Swift.min(previous.count, subject.count, Int(UInt16.max))
                    let shared = previous.withUnsafeBufferPointer { Self.sharedPrefix($0, subject, limit) }
                    bytes.append(UInt8(shared & 0xFF))
                    bytes.append(UInt8(shared >> 8))
                    var rest = subject.count - shared
                    repeat {
                        bytes.append(UInt8(rest & 0x7F) | (rest >= 0x80 ? 0x80 : 0))
                        rest >>= 7
                    } while rest > 0
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: subject[shared...]))
                    previous.removeAll(keepingCapacity: true)
                    previous.append(contentsOf: subject)
                }
                if let run, run.customer == c.customer {
                    customerOf.append(run.place)
                    continue
                }
                let place: UInt32
                if let customer = c.customer {
                    if let p = places[customer] { place = p } else {
                        place = UInt32(customers.count)
                        places[customer] = place
                        customers.append(customer)
                    }
                } else if let n = none {
                    place = n
                } else {
                    place = UInt32(customers.count)
                    none = place
                    customers.append(nil)
                }
                run = (c.customer, place)
                customerOf.append(place)
            }
            bytes = Array(bytes[...])   // sized to what it holds: the buffer grew by doubling
        }

        /// How many of their first `limit` bytes two texts share, eight at a time.
        static func sharedPrefix(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, _ limit: Int) -> Int {
            guard limit > 0, let x = a.baseAddress, let y = b.baseAddress else { return 0 }
            let rx = UnsafeRawPointer(x), ry = UnsafeRawPointer(y)
            var i = 0
            while i + 8 <= limit {
                let d = rx.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ ry.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if d != 0 { return i + d.littleEndian.trailingZeroBitCount / 8 }
                i += 8
            }
            while i < limit && a[i] == b[i] { i += 1 }
            return i
        }

        /// Decodes the subject at `offset`, given the one before it; returns where the next starts.
        func next(at offset: Int, after previous: inout [UInt8]) -> Int {
            var o = offset
            let shared = Int(bytes[o]) | Int(bytes[o + 1]) << 8
            o += 2
            var rest = 0, shift = 0
            while true {
                let b = bytes[o]
                o += 1
                rest |= Int(b & 0x7F) << shift
                shift += 7
                if b & 0x80 == 0 { break }
            }
            previous.removeLast(previous.count - shared)
            bytes.withUnsafeBufferPointer { previous.append(contentsOf: UnsafeBufferPointer(rebasing: $0[o..<(o + rest)])) }
            return o + rest
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

    /// The subjects batch by batch, each part one batch's (in order): for work done in parallel.
    public var parts: [CheckedSubjects] {
        chunks.map { c in
            var part = CheckedSubjects()
            part.chunks = [c]
            part.count = c.customerOf.count
            return part
        }
    }

    /// Appends another run's subjects after these (their chunks are shared, not copied).
    public mutating func append(contentsOf other: CheckedSubjects) {
        chunks += other.chunks
        count += other.count
    }

    /// The customers of `forEachSubject`, by the place it hands out.
    public var customerTable: [String?] { chunks.flatMap(\.customers) }

    /// Each subject's UTF-8 bytes (valid during the call only) and its customer's place in
    /// `customerTable`, in order, with no `String` made: a report writing four million subjects
    /// spent more on making them than on writing them.
    public func forEachSubject(_ body: (_ subject: UnsafeBufferPointer<UInt8>, _ customer: Int) -> Void) {
        var base = 0
        var previous: [UInt8] = []
        previous.reserveCapacity(256)
        for c in chunks {
            var offset = 0
            previous.removeAll(keepingCapacity: true)
            for place in c.customerOf {
                offset = c.next(at: offset, after: &previous)
                previous.withUnsafeBufferPointer { body($0, base + Int(place)) }
            }
            base += c.customers.count
        }
    }

    public struct Iterator: IteratorProtocol {
        let chunks: [Chunk]
        var chunk = 0, index = 0, offset = 0
        var previous: [UInt8] = []

        public mutating func next() -> CheckedSubject? {
            while chunk < chunks.count {
                let c = chunks[chunk]
                if index < c.customerOf.count {
                    offset = c.next(at: offset, after: &previous)
                    defer { index += 1 }
                    return CheckedSubject(subject: String(decoding: previous, as: UTF8.self), customer: c.customers[Int(c.customerOf[index])])
                }
                chunk += 1
                index = 0
                offset = 0
                previous.removeAll(keepingCapacity: true)
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(chunks: chunks) }
}
