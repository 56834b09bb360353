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
    /// costs a parse in the pre-pass and saves little.
    static let minimumBytes = 256 << 10
    /// Larger exports are read whole by each batch that needs them, as before: finding the
    /// pieces parses the file in the pre-pass, which holds it and its tape (some 2.2 times the
    /// file) in memory for the while.
    static let maximumBytes = 512 << 20

    /// The pieces of an export, one per subscription its resources' ids name (resources whose id
    /// names none make a piece of their own), or nil when the file is better read whole: it
    /// lists one subscription only, is not a plain list of resources (`[...]`, `{"value": [...]}`,
    /// `{"data": [...]}` of objects that each have a `type`), or cannot be read cleanly (its
    /// problems are then reported by every batch that reads it, as before).
    static func pieces(of path: String) -> [(ExportPiece, ExportMentions)]? {
        guard let contents = FileBytes(contentsOf: path) else { return nil }
        return withExtendedLifetime(contents) { pieces(contents) }
    }

    private static func pieces(_ contents: FileBytes) -> [(ExportPiece, ExportMentions)]? {
        let bytes = contents.contents
        // A byte order mark, UTF-16 and broken JSON each get a diagnostic from reading the file whole.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) || (bytes.count >= 2 && (bytes[0] == 0 || bytes[1] == 0 || bytes[0] >= 0xFE)) {
            return nil
        }
        // Ids written with escaped slashes (`\/subscriptions\/…`) escape the byte search that
        // tells each piece's batches (`ExportMentions`): such a file is read whole, as before.
        if let base = bytes.baseAddress {
            var escapedSlash = false
            ExportMentions.forEach(Array("\\/".utf8), anchor: 0, in: UnsafeRawPointer(base), bytes.count) { _ in escapedSlash = true }
            if escapedSlash { return nil }
        }
        guard let document = try? JSONParser.parse(contents) else { return nil }
        let root = document.root
        let list: JSONElement
        if root.isArray {
            list = root
        } else if root.isObject, root["type"] == nil, root["responses"] == nil, root["$schema"] == nil, root["resources"] == nil,
                  let inner = root["value"] ?? root["data"], inner.isArray {
            list = inner
        } else {
            return nil
        }
        let lines = LineIndex(contents)
        var bySubscription: [String: Int] = [:]
        var pieces: [ExportPiece] = []
        for element in list.elements {
            guard element.isObject, let type = element["type"], type.isString else { return nil }
            let start = element.offset
            guard let end = valueEnd(bytes, from: start) else { return nil }
            let subscription = element["id"]?.stringValue.flatMap { ResourceID($0).subscription } ?? ""
            let position = lines.position(of: start)
            if let k = bySubscription[subscription] {
                pieces[k].ranges.append(start..<end)
                pieces[k].starts.append(position)
            } else {
                bySubscription[subscription] = pieces.count
                pieces.append(ExportPiece(ranges: [start..<end], starts: [position], number: pieces.count))
            }
        }
        guard pieces.count > 1 else { return nil }
        return pieces.map { piece in
            var mentions = ExportMentions.scan(piece.ranges.map { UnsafeBufferPointer(rebasing: bytes[$0]) }, scope: nil)
            // Resources whose id names no subscription belong to no batch until read: like an
            // export that mentions none, their piece is read by every batch.
            if bySubscription[""] == piece.number { mentions.subscriptions = [] }
            return (piece, mentions)
        }
    }

    /// One past the last byte of the object or array starting at `start` (strings skipped, with
    /// their escapes), or nil if it is not closed.
    static func valueEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var depth = 0
        var i = start
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\""):
                i += 1
                while i < bytes.count && bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                    i += 1
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return i + 1 }
            default:
                break
            }
            i += 1
        }
        return nil
    }

    /// Reads a piece's byte ranges from its file, each into memory of its own, or nil when the
    /// file cannot be read (it changed or went away since the pre-pass).
    static func read(_ path: String, _ piece: ExportPiece) -> [FileBytes]? {
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
