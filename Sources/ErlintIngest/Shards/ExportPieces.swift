#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ErlintModel

/// The resources of one subscription within an export that lists several (a Resource Graph
/// query across subscriptions, a REST list, `az ... list` over a management group): where each
/// lies in the file and where it starts, line and column.
///
/// A split run (batches of customers, or `--shard`) reads each export in every batch whose
/// subscriptions it mentions. One file holding many customers was therefore parsed whole by each
/// of them, and each batch built all its resources: a 52 MB export of 100 customers read in six
/// batches took 2.1 s and 322 MB instead of 0.4 s and 65 MB, and the cost grew with the number of
/// batches times the file. The pre-pass now cuts such a file into one piece per subscription, and
/// a batch reads only the pieces of its own subscriptions (and those it refers to).
struct ExportPiece: Sendable {
    /// The resource objects of the piece: byte ranges in the file, in file order.
    var ranges: [Range<Int>]
    /// Line and column of each range's first byte.
    var starts: [(line: Int, column: Int)]
    /// The piece's place among the file's pieces (file order of their first resource).
    var number: Int

    var byteCount: Int { ranges.reduce(0) { $0 + $1.count } }
}

enum ExportPieces {
    /// Exports smaller than this are read whole by every batch that needs them: cutting them up
    /// costs a pass over the file in the pre-pass and saves little.
    static let minimumBytes = 256 << 10
    /// Exports from this size are cut before anything else reads them: the scan of a file for
    /// what it mentions (`ExportMentions`) holds it whole in memory, and the pieces tell the same
    /// of each piece. Below it, only files that scan shows to mention several subscriptions are
    /// cut: the pass that cuts goes over every byte, the scan jumps from match to match.
    static let cutFirstBytes = 64 << 20
    /// How much of the file is read at a time.
    static let chunkBytes = 4 << 20

    /// The pieces of an export, one per subscription its resources' ids name (resources whose id
    /// names none make a piece of their own), or nil when the file is better read whole: it
    /// lists one subscription only, is not a plain list of resources (`[...]`, `{"value": [...]}`,
    /// `{"data": [...]}` of objects that each have a `type`), or cannot be read cleanly (its
    /// problems are then reported by every batch that reads it, as before).
    ///
    /// The file is read a few megabytes at a time and never held whole: each resource object is
    /// parsed alone as it is met, and the rest of the document (the list's brackets and commas,
    /// the members around it, `{}` for each resource) is parsed at the end to check that the
    /// whole is one valid document of that shape. Parsing the whole file at once held it and its
    /// tape, some 2.2 times the file (800 MB for a 512 MB export), and was therefore not done
    /// above 512 MB: such exports were read whole by every batch that needed them.
    static func pieces(of path: String) -> [(ExportPiece, ExportMentions)]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var scan = PieceScan()
        let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkBytes)
        defer { chunk.deallocate() }
        while true {
            let n = read(fd, chunk.baseAddress, chunkBytes)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { break }
            guard scan.feed(UnsafeBufferPointer(rebasing: chunk[0..<n])) else { return nil }
        }
        return scan.finish()
    }

    /// The state of the pass over one export: where the bytes are in the document's structure,
    /// the resource being read, and the pieces so far.
    struct PieceScan {
        /// Bytes read so far, and the line and column of the next one.
        private var offset = 0
        private var line = 1, column = 1
        private var inString = false, escaped = false
        /// Open objects and arrays, the outermost first (`{` or `[`).
        private var open: [UInt8] = []
        /// The root is an object, and the key of its member being read (the list is `value` or
        /// `data`), read as bytes while `readingKey`.
        private var rootIsObject = false
        private var key: [UInt8] = []
        private var readingKey = false
        private var expectKey = false
        /// The document without its resources (each replaced by `{}`), parsed at the end.
        private var skeleton: [UInt8] = []
        /// The resource object being read: its bytes, where it starts, and the root member it is in.
        private var resource: [UInt8] = []
        private var resourceStart = (offset: 0, line: 0, column: 0)
        private var inResource = false
        private var resourceKey: [UInt8] = []
        /// Resources read, by the root member they are in (`value` or `data`; `[]` for a root that
        /// is the list).
        private var found: [[UInt8]: Found] = [:]

        /// The resources of one list, gathered into a piece per subscription as they are read
        /// (a resource's place and mentions kept on their own cost some 150 bytes each).
        struct Found {
            var count = 0
            var pieces: [(piece: ExportPiece, mentions: ExportMentions)] = []
            var bySubscription: [String: Int] = [:]

            mutating func add(_ range: Range<Int>, _ start: (line: Int, column: Int), _ subscription: String, _ mentions: ExportMentions) {
                count += 1
                if let k = bySubscription[subscription] {
                    pieces[k].piece.ranges.append(range)
                    pieces[k].piece.starts.append(start)
                    pieces[k].mentions.add(mentions)
                } else {
                    bySubscription[subscription] = pieces.count
                    pieces.append((ExportPiece(ranges: [range], starts: [start], number: pieces.count), mentions))
                }
            }
        }
        /// A resource was not valid JSON, not an object with a string `type`, or bytes were out of place.
        private var failed = false

        private static let value = Array("value".utf8), data = Array("data".utf8)
        /// Members of a root object that make it a template, a batch response or one resource,
        /// not a list.
        private static let notListKeys = ["type", "responses", "$schema", "resources"]
        private static let notListKeyBytes = notListKeys.map { Array($0.utf8) }
        /// Resources read so far, in every member.
        private var resourceCount = 0

        /// Goes over the next bytes of the file; false once the file cannot be cut into pieces.
        mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            // A byte order mark, UTF-16 and broken JSON each get a diagnostic from reading the file whole.
            if offset == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) || (bytes.count >= 2 && (bytes[0] == 0 || bytes[1] == 0 || bytes[0] >= 0xFE)) {
                return false
            }
            var copiedTo = 0
            guard let base = bytes.baseAddress else { return true }
            let raw = UnsafeRawPointer(base)
            var i = 0
            while i < bytes.count && !failed {
                // Inside a string (not a key being read), eight bytes at a time while none is a
                // quote or a backslash, their scalars counted for the column: most of an export
                // is strings, and this pass went byte by byte at a third of the parser's speed.
                if inString && !escaped && !readingKey {
                    while i + 8 <= bytes.count {
                        let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
                        let quote = v ^ 0x2222_2222_2222_2222, backslash = v ^ 0x5C5C_5C5C_5C5C_5C5C
                        if (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)) & highs != 0 { break }
                        // Bytes 10xxxxxx continue a scalar; every other byte starts one.
                        column += 8 - (v & ~(v << 1) & highs).nonzeroBitCount
                        i += 8
                    }
                    guard i < bytes.count else { break }
                }
                let b = bytes[i]
                defer { i += 1 }
                if inString {
                    if escaped {
                        escaped = false
                        // Ids written with escaped slashes (`\/subscriptions\/…`) escape the byte
                        // search that tells each piece's batches (`ExportMentions`): such a file
                        // is read whole, as before.
                        if b == UInt8(ascii: "/") { failed = true }
                    } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") {
                        inString = false
                        if readingKey {
                            readingKey = false
                            // A template, a batch response or a single resource, not a list.
                            if Self.notListKeyBytes.contains(key) { failed = true }
                        }
                    } else if readingKey {
                        key.append(b)
                    }
                } else {
                    switch b {
                    case UInt8(ascii: "\""):
                        inString = true
                        if expectKey && !inResource && open.count == 1 {
                            readingKey = true
                            expectKey = false
                            key.removeAll(keepingCapacity: true)
                        }
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        if open.isEmpty { rootIsObject = b == UInt8(ascii: "{") }
                        // A resource: an object right inside the list, which is the root or its
                        // `value` or `data` member.
                        if b == UInt8(ascii: "{"), !inResource, open.last == UInt8(ascii: "["),
                           rootIsObject ? open.count == 2 && (key == Self.value || key == Self.data) : open.count == 1 {
                            skeleton.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedTo..<i]))
                            skeleton.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])
                            inResource = true
                            resource.removeAll(keepingCapacity: true)
                            resourceStart = (offset + i, line, column)
                            resourceKey = rootIsObject ? key : []
                            copiedTo = i
                        }
                        open.append(b)
                        if open.count == 1 && rootIsObject { expectKey = true }
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        if open.isEmpty { failed = true; break }
                        open.removeLast()
                        if inResource && open.count == (rootIsObject ? 2 : 1) {
                            resource.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedTo...i]))
                            copiedTo = i + 1
                            inResource = false
                            read(resourceEnd: offset + i + 1)
                        }
                    case UInt8(ascii: ","):
                        if open.count == 1 && rootIsObject { expectKey = true }
                    default:
                        break
                    }
                }
                if b == 0x0A {
                    line += 1
                    column = 1
                } else if b & 0xC0 != 0x80 {
                    column += 1
                }
            }
            if failed { return false }
            if inResource {
                resource.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedTo...]))
            } else {
                skeleton.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedTo...]))
            }
            offset += bytes.count
            // What is not a resource is a few bytes per resource in a list (`{}`, a comma, the
            // indentation) and a few members around it. Much more is a file of another shape (a
            // template's `resources`, a list nested deeper), which would be held whole here:
            // such a file is left to be read whole, as it would be in the end.
            return skeleton.count <= (1 << 20) + 16 * resourceCount
        }

        /// Parses the resource just read: an object with a string `type`, whose `id` names its
        /// subscription, and what it mentions.
        private mutating func read(resourceEnd end: Int) {
            guard let document = try? JSONParser.parse(resource), document.root.isObject,
                  let type = document.root["type"], type.isString else {
                failed = true
                return
            }
            let subscription = document.root["id"]?.stringValue.flatMap { ResourceID($0).subscription } ?? ""
            let mentions = resource.withUnsafeBufferPointer { ExportMentions.scan([$0], scope: nil) }
            resourceCount += 1
            found[resourceKey, default: Found()].add(resourceStart.offset..<end, (resourceStart.line, resourceStart.column), subscription, mentions)
        }

        /// The pieces, once every byte is read: nil unless the document is valid and of a list's shape.
        func finish() -> [(ExportPiece, ExportMentions)]? {
            guard !failed, !inString, open.isEmpty, let document = try? JSONParser.parse(skeleton) else { return nil }
            let root = document.root
            let list: JSONElement
            let listKey: [UInt8]
            if root.isArray {
                (list, listKey) = (root, [])
            } else if root.isObject, Self.notListKeys.allSatisfy({ root[$0] == nil }),
                      let name = root["value"] != nil ? "value" : root["data"] != nil ? "data" : nil, let inner = root[name], inner.isArray {
                (list, listKey) = (inner, Array(name.utf8))
            } else {
                return nil
            }
            // Every element of the list is a resource read above, and every resource read lies in the list.
            let resources = found[listKey] ?? Found()
            guard list.elements.allSatisfy(\.isObject), list.elements.count == resources.count else { return nil }
            let pieces = resources.pieces, bySubscription = resources.bySubscription
            guard pieces.count > 1 else { return nil }
            return pieces.map { piece, mentions in
                var mentions = mentions
                // Resources whose id names no subscription belong to no batch until read: like an
                // export that mentions none, their piece is read by every batch.
                if bySubscription[""] == piece.number { mentions.subscriptions = [] }
                return (piece, mentions)
            }
        }
    }

    /// Reads a piece's byte ranges from its file, each into memory of its own, or nil when the
    /// file cannot be read (it changed or went away since the pre-pass).
    static func bytes(of piece: ExportPiece, in path: String) -> [FileBytes]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out: [FileBytes] = []
        out.reserveCapacity(piece.ranges.count)
        for r in piece.ranges {
            guard let bytes = FileBytes(reading: fd, at: r.lowerBound, count: r.count) else { return nil }
            out.append(bytes)
        }
        return out
    }
}
