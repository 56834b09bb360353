/// The subjects one rule examined, in a compact form: one front-coded UTF-8 buffer per batch of
/// the run, instead of a `String` object each. A run over 10,000 customers keeps four million of
/// them (one JUnit case each) until the reports are written; as separate strings they were the
/// largest part of its memory, and as whole ids in one buffer still a sixth of the input.
public struct CheckedSubjects: Sendable, Sequence, ExpressibleByArrayLiteral {
    /// One batch's subjects, front-coded (`FrontCodedTexts`): a rule's subjects come sorted, and
    /// neighbours share most of their ids. Customers are kept once per chunk.
    struct Chunk: Sendable {
        var subjects = FrontCodedTexts()
        /// Per subject, its customer's place in `customers`.
        var customerOf: [UInt32] = []
        var customers: [String?] = []

        init(_ list: [CheckedSubject]) {
            customerOf.reserveCapacity(list.count)
            subjects.reserveCapacity(list.count, bytesEach: 40)
            var places: [String: UInt32] = [:]
            var none: UInt32?
            // Subjects come in runs of one customer: its place is looked up once a run.
            var run: (customer: String?, place: UInt32)?
            for c in list {
                var subject = c.subject
                subject.withUTF8 { subjects.append($0) }
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
            subjects.finish()
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
        for c in chunks {
            var reader = FrontCodedTexts.Reader(c.subjects)
            for place in c.customerOf {
                _ = reader.next()
                reader.text.withUnsafeBufferPointer { body($0, base + Int(place)) }
            }
            base += c.customers.count
        }
    }

    public struct Iterator: IteratorProtocol {
        let chunks: [Chunk]
        var chunk = 0, index = 0
        var reader: FrontCodedTexts.Reader?

        public mutating func next() -> CheckedSubject? {
            while chunk < chunks.count {
                let c = chunks[chunk]
                if index < c.customerOf.count {
                    if reader == nil { reader = FrontCodedTexts.Reader(c.subjects) }
                    _ = reader!.next()
                    defer { index += 1 }
                    return CheckedSubject(subject: String(decoding: reader!.text, as: UTF8.self), customer: c.customers[Int(c.customerOf[index])])
                }
                chunk += 1
                index = 0
                reader = nil
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(chunks: chunks) }
}
