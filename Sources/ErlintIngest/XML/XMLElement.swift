import ErlintModel

/// The elements of one captured stanza (an interface, a BGP group, a VRF…), stored flat in
/// document order: a node per element with its subtree's end, its text in one byte buffer, and
/// its names as numbers in the file's name table. A router config has about a thousand elements
/// per 10 KB; an object, a children array and a text array for each were two thirds of reading it.
///
/// The parser reuses a stanza's storage for the next one when no reader kept an element of it
/// (a Junos BGP group is kept until the end of the file), so memory follows the stanza.
final class CapturedElements {
    struct Node {
        var name: Int32
        var namespace: Int32
        var line: Int32
        var column: Int32
        /// One past the last node of this element's subtree: its children start right after it.
        var end: Int32
        var isRead = false
        var attributeStart: Int32
        var attributeCount: Int32
        var textStart: Int
        var textCount: Int
    }

    let names: XMLNameTable
    var nodes: [Node] = []
    var text: [UInt8] = []
    var attributes: [(name: Int32, value: String)] = []

    init(names: XMLNameTable) { self.names = names }

    /// Adds `bytes` to the text of node `i`. Text usually arrives in one piece right after its
    /// start tag; when a child's text came in between (mixed content), the node's text moves to
    /// the end of the buffer first, so that it stays in one piece.
    static func appendText(_ bytes: UnsafeBufferPointer<UInt8>, to i: Int, nodes: inout [Node], text: inout [UInt8]) {
        if nodes[i].textCount == 0 {
            nodes[i].textStart = text.count
        } else if nodes[i].textStart + nodes[i].textCount != text.count {
            let start = text.count
            text.append(contentsOf: text[nodes[i].textStart..<(nodes[i].textStart + nodes[i].textCount)])
            nodes[i].textStart = start
        }
        text.append(contentsOf: bytes)
        nodes[i].textCount += bytes.count
    }
}

/// Element names and namespace URIs of one file: libxml2 hands out one pointer per distinct
/// string for a whole parse, so each is converted to a `String` once and nodes store its number.
final class XMLNameTable {
    /// Number 0 is the empty name (no namespace).
    private(set) var strings: [String] = [""]
    /// libxml2's pointer for each name met → its number: open addressing over a power of two of
    /// slots, at most half full, in memory of its own. Asked for every element's name and
    /// namespace; a `Dictionary` (hashing each pointer with SipHash) behind a small cache by
    /// address bits cost some hundred instructions an element.
    private var keys: UnsafeMutablePointer<UnsafeRawPointer?>
    private var numbers: UnsafeMutablePointer<Int32>
    private var mask = 63
    private var used = 0
    /// The numbers of the names `neighbor` and `Neighbor` (BGP neighbors in every dialect), once met.
    private var neighborNumbers: (Int32, Int32) = (-1, -1)

    init() {
        keys = .allocate(capacity: mask + 1)
        keys.initialize(repeating: nil, count: mask + 1)
        numbers = .allocate(capacity: mask + 1)
    }

    deinit {
        keys.deallocate()
        numbers.deallocate()
    }

    @inline(__always) private static func slot(_ key: UnsafeRawPointer, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(UInt(bitPattern: key)) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// The number of the name libxml2 holds at `p` (the empty name when nil).
    func number(_ p: UnsafePointer<UInt8>?) -> Int32 {
        guard let p else { return 0 }
        let key = UnsafeRawPointer(p)
        var i = Self.slot(key, mask)
        while let k = keys[i] {
            if k == key { return numbers[i] }
            i = (i + 1) & mask
        }
        let n = Int32(strings.count)
        let name = String(cString: p)
        strings.append(name)
        if name == "neighbor" { neighborNumbers.0 = n } else if name == "Neighbor" { neighborNumbers.1 = n }
        keys[i] = key
        numbers[i] = n
        used += 1
        if 2 * used > mask + 1 { grow() }
        return n
    }

    private func grow() {
        let oldKeys = keys, oldNumbers = numbers, oldSize = mask + 1
        mask = oldSize * 2 - 1
        keys = .allocate(capacity: mask + 1)
        keys.initialize(repeating: nil, count: mask + 1)
        numbers = .allocate(capacity: mask + 1)
        for j in 0..<oldSize {
            guard let key = oldKeys[j] else { continue }
            var i = Self.slot(key, mask)
            while keys[i] != nil { i = (i + 1) & mask }
            keys[i] = key
            numbers[i] = oldNumbers[j]
        }
        oldKeys.deallocate()
        oldNumbers.deallocate()
    }

    subscript(n: Int32) -> String { strings[Int(n)] }

    /// Whether name `n` is a BGP neighbor's element (`neighbor`, or `Neighbor` in the IOS-XR XML agent).
    @inline(__always) func isNeighbor(_ n: Int32) -> Bool { n == neighborNumbers.0 || n == neighborNumbers.1 }
}

/// One element of a captured stanza. Readers walk it with the accessors below, which mark what
/// they read, so everything left unmarked can be counted as "not understood" and reported by
/// `inventory`.
struct XMLElement {
    let stanza: CapturedElements
    let index: Int

    private var node: CapturedElements.Node { stanza.nodes[index] }

    var name: String { stanza.names[node.name] }
    /// The name's number in the file's name table (equal numbers, equal names).
    var nameNumber: Int32 { node.name }
    var namespace: String { stanza.names[node.namespace] }
    var line: Int { Int(node.line) }
    var column: Int { Int(node.column) }
    var isRead: Bool { node.isRead }

    /// The element's children in document order, none marked read.
    var children: Children { Children(stanza: stanza, parent: index) }

    struct Children: Sequence {
        let stanza: CapturedElements
        let parent: Int

        func makeIterator() -> Iterator {
            Iterator(stanza: stanza, position: parent + 1, end: Int(stanza.nodes[parent].end))
        }

        struct Iterator: IteratorProtocol {
            let stanza: CapturedElements
            var position: Int
            let end: Int

            mutating func next() -> XMLElement? {
                guard position < end else { return nil }
                let e = XMLElement(stanza: stanza, index: position)
                position = Int(stanza.nodes[position].end)
                return e
            }
        }
    }

    /// The element's own text, trimmed (`<name> 10.0.0.1 </name>` gives `10.0.0.1`).
    var text: String {
        withText { String(decoding: $0, as: UTF8.self) }
    }

    /// The same text as UTF-8 bytes, valid during the call only: for values parsed where they
    /// lie, with no string made unless they are wrong.
    func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let n = node
        return stanza.text.withUnsafeBufferPointer { all in
            var lo = n.textStart, hi = n.textStart + n.textCount
            while lo < hi, Self.isSpace(all[lo]) { lo += 1 }
            while hi > lo, Self.isSpace(all[hi - 1]) { hi -= 1 }
            return body(UnsafeBufferPointer(rebasing: all[lo..<hi]))
        }
    }

    /// XML white space: space, line feed, carriage return, tab.
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    func location(_ file: String) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }

    @discardableResult
    func markRead() -> XMLElement {
        stanza.nodes[index].isRead = true
        return self
    }

    /// Marks the whole subtree read: for presence-only stanzas (`<bfd-liveness-detection>`).
    func markSubtreeRead() {
        for i in index..<Int(node.end) { stanza.nodes[i].isRead = true }
    }

    /// The first child with this local name.
    func child(_ name: String) -> XMLElement? {
        for c in children where c.name == name { return c.markRead() }
        return nil
    }

    func children(_ name: String) -> [XMLElement] {
        var out: [XMLElement] = []
        for c in children where c.name == name { out.append(c.markRead()) }
        return out
    }

    /// Follows a path of child names (`"config", "peer-as"`).
    func descendant(_ path: [String]) -> XMLElement? {
        var node = self
        for name in path {
            guard let next = node.child(name) else { return nil }
            node = next
        }
        return node
    }

    /// The trimmed text at a path of child names; nil when absent or empty.
    func string(_ path: String...) -> String? {
        descendant(path)?.nonEmptyText
    }

    /// The same for one child (no array made for the path, as the variadic form does).
    func string(_ name: String) -> String? {
        child(name)?.nonEmptyText
    }

    private var nonEmptyText: String? {
        let t = text
        return t.isEmpty ? nil : t
    }

    /// Texts of every child with this name (Junos repeats `<import>`, `<members>`…).
    func strings(_ name: String) -> [String] {
        children(name).map(\.text).filter { !$0.isEmpty }
    }

    func has(_ name: String) -> Bool { child(name) != nil }

    func attribute(_ name: String) -> String? {
        let n = node
        for a in stanza.attributes[Int(n.attributeStart)..<Int(n.attributeStart + n.attributeCount)] where stanza.names[a.name] == name {
            return a.value
        }
        return nil
    }

    /// What nobody read in this subtree: how many elements (an unread element counts with all it
    /// holds), and the BGP neighbors (`neighbor`, `Neighbor`) among them with the first: sessions
    /// the audit would otherwise miss without a word.
    func unread() -> (elements: Int, neighbors: Int, firstNeighbor: XMLElement?) {
        var elements = 0, neighbors = 0
        var first: XMLElement?
        var i = index
        let end = Int(node.end)
        while i < end {
            let n = stanza.nodes[i]
            if n.isRead {
                i += 1
                continue
            }
            elements += Int(n.end) - i
            for j in i..<Int(n.end) where stanza.names.isNeighbor(stanza.nodes[j].name) {
                neighbors += 1
                if first == nil { first = XMLElement(stanza: stanza, index: j) }
            }
            i = Int(n.end)
        }
        return (elements, neighbors, first)
    }
}
