import ErlintModel

/// One element of a captured stanza (an interface, a BGP group, a VRF…). Readers walk it with
/// the accessors below, which mark what they read, so everything left unmarked can be counted as
/// "not understood" and reported by `inventory`.
final class XMLElement {
    let name: String
    let namespace: String
    /// Attributes by local name (`inactive`, `operation`…); prefixes are dropped.
    let attributes: [(name: String, value: String)]
    let line: Int
    let column: Int
    var children: [XMLElement] = []
    var textBytes: [UInt8] = []
    private(set) var isRead = false

    init(name: String, namespace: String, attributes: [(name: String, value: String)], line: Int, column: Int) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.line = line
        self.column = column
    }

    /// The element's own text, trimmed (`<name> 10.0.0.1 </name>` gives `10.0.0.1`).
    var text: String {
        var s = textBytes[...]
        while let f = s.first, f == 0x20 || f == 0x0A || f == 0x0D || f == 0x09 { s = s.dropFirst() }
        while let l = s.last, l == 0x20 || l == 0x0A || l == 0x0D || l == 0x09 { s = s.dropLast() }
        return String(decoding: s, as: UTF8.self)
    }

    func location(_ file: String) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }

    @discardableResult
    func markRead() -> XMLElement {
        isRead = true
        return self
    }

    /// Marks the whole subtree read: for presence-only stanzas (`<bfd-liveness-detection>`).
    func markSubtreeRead() {
        isRead = true
        for c in children { c.markSubtreeRead() }
    }

    /// The first child with this local name.
    func child(_ name: String) -> XMLElement? {
        for c in children where c.name == name { return c.markRead() }
        return nil
    }

    func children(_ name: String) -> [XMLElement] {
        children.filter { $0.name == name }.map { $0.markRead() }
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
        guard let node = descendant(path) else { return nil }
        let t = node.text
        return t.isEmpty ? nil : t
    }

    /// Texts of every child with this name (Junos repeats `<import>`, `<members>`…).
    func strings(_ name: String) -> [String] {
        children(name).map(\.text).filter { !$0.isEmpty }
    }

    func has(_ name: String) -> Bool { child(name) != nil }

    func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }

    /// Elements in this subtree nobody read.
    func unreadCount() -> Int {
        if !isRead { return subtreeCount() }
        return children.reduce(0) { $0 + $1.unreadCount() }
    }

    func subtreeCount() -> Int { children.reduce(1) { $0 + $1.subtreeCount() } }
}
