/// A parsed JSON file as a flat tape of tokens over the file's own bytes.
///
/// Why not JSONSerialization or Codable: they lose positions (every finding must point at a
/// line and column) and allocate an object per value. The tape records each value's byte offset
/// and, for containers, where their subtree ends, so skipping a subtree is one step and strings
/// are decoded only when a reader asks for them.
public struct JSONDocument: Sendable {
    public enum Kind: UInt8, Sendable {
        case object = 1, array, string, escapedString, number, `true`, `false`, null
    }

    struct Token: Sendable {
        var kind: Kind
        /// Byte offset of the value's first byte (the quote of a string).
        var start: UInt32
        /// Scalars: byte offset just past the value. Containers: token index past the subtree.
        var end: UInt32
    }

    /// The file's bytes and the tape, in memory the document owns. One object, so that a
    /// `JSONElement` (copied for every field of every resource read) holds one reference, not an
    /// array of bytes and an array of tokens, each retained and released on every copy.
    final class Storage: @unchecked Sendable {
        /// The file's bytes, shared with the line index that places the values.
        let file: FileBytes
        let bytes: UnsafeBufferPointer<UInt8>
        let tokens: UnsafeMutableBufferPointer<Token>

        /// Takes ownership of `tokens`.
        init(file: FileBytes, tokens: UnsafeMutableBufferPointer<Token>) {
            self.file = file
            self.bytes = file.contents
            self.tokens = tokens
        }

        deinit { tokens.deallocate() }

        var tape: JSONTape { JSONTape(tokens: UnsafeBufferPointer(tokens), bytes: bytes) }
    }

    let storage: Storage

    init(storage: Storage) {
        self.storage = storage
    }

    /// The top-level value.
    public var root: JSONElement { JSONElement(storage: storage, index: 0) }

    /// Number of values in the document (objects, arrays, keys and scalars).
    public var valueCount: Int { storage.tokens.count }
}

/// One value inside a `JSONDocument`: a cheap handle (the document's storage + token index),
/// which keeps the document alive.
public struct JSONElement: Sendable {
    let storage: JSONDocument.Storage
    let index: Int

    init(storage: JSONDocument.Storage, index: Int) {
        self.storage = storage
        self.index = index
    }

    /// Another value of the same document, by token index.
    func sibling(_ index: Int) -> JSONElement { JSONElement(storage: storage, index: index) }

    var token: JSONDocument.Token { storage.tokens[index] }

    public var kind: JSONDocument.Kind { token.kind }
    /// Byte offset of the value in the file, for positions.
    public var offset: Int { Int(token.start) }
    public var isObject: Bool { kind == .object }
    public var isArray: Bool { kind == .array }
    public var isString: Bool { kind == .string || kind == .escapedString }
    public var isNull: Bool { kind == .null }

    /// Token index just past this value's subtree.
    var next: Int {
        let t = token
        return t.kind == .object || t.kind == .array ? Int(t.end) : index + 1
    }

    /// The members of an object in document order (keys decoded).
    public var members: [(key: String, value: JSONElement)] {
        guard isObject else { return [] }
        var out: [(key: String, value: JSONElement)] = []
        var i = index + 1
        let end = Int(token.end)
        while i < end {
            let key = sibling(i)
            let value = sibling(i + 1)
            out.append((key.stringValue ?? "", value))
            i = value.next
        }
        return out
    }

    /// The elements of an array in document order.
    public var elements: [JSONElement] {
        guard isArray else { return [] }
        var out: [JSONElement] = []
        var i = index + 1
        let end = Int(token.end)
        while i < end {
            let e = sibling(i)
            out.append(e)
            i = e.next
        }
        return out
    }

    /// The value of a member; keys compare ASCII case-insensitively, as Azure treats
    /// property names. Returns nil for a non-object or a missing key.
    public subscript(key: String) -> JSONElement? {
        guard isObject else { return nil }
        var key = key
        return key.withUTF8 { member($0) }
    }

    /// The value of the member whose key is these bytes (ASCII case-insensitively).
    func member(_ key: UnsafeBufferPointer<UInt8>) -> JSONElement? {
        storage.tape.member(index, key).map(sibling)
    }

    /// The decoded text of a string value.
    public var stringValue: String? { isString ? storage.tape.string(index) : nil }

    /// The literal text of a number.
    public var numberText: String? { kind == .number ? storage.tape.numberText(index) : nil }

    public var boolValue: Bool? {
        switch kind {
        case .true: true
        case .false: false
        default: nil
        }
    }

    /// A short description of the value for error messages: `string "abc"`, `number 1e400`.
    public var summary: String {
        switch kind {
        case .object: return "an object"
        case .array: return "an array"
        case .string, .escapedString:
            let s = stringValue ?? ""
            return "string \"\(s.count > 60 ? String(s.prefix(57)) + "..." : s)\""
        case .number: return "number \(numberText ?? "")"
        case .true: return "true"
        case .false: return "false"
        case .null: return "null"
        }
    }
}

/// A document's tape and bytes as plain pointers, for a reader that keeps the document alive
/// itself (the field reader holds the document it reads). A lookup through it retains nothing:
/// a `JSONElement` retains its document whenever it is copied or made, and reading one resource
/// makes dozens of lookups. Values are addressed by token index.
struct JSONTape {
    let tokens: UnsafeBufferPointer<JSONDocument.Token>
    let bytes: UnsafeBufferPointer<UInt8>

    func kind(_ i: Int) -> JSONDocument.Kind { tokens[i].kind }
    /// Byte offset of the value in the file, for positions.
    func offset(_ i: Int) -> Int { Int(tokens[i].start) }
    func isString(_ i: Int) -> Bool { let k = tokens[i].kind; return k == .string || k == .escapedString }

    /// Token index just past the value at `i` and its subtree.
    func next(_ i: Int) -> Int {
        let t = tokens[i]
        return t.kind == .object || t.kind == .array ? Int(t.end) : i + 1
    }

    /// The value of the member of the object at `object` whose key is these bytes; keys compare
    /// ASCII case-insensitively, as Azure treats property names. Nil for a missing key or a
    /// non-object. Every field of every resource is looked up here, so keys are compared as bytes
    /// in place: first by length, which rejects nearly every other key, then byte by byte.
    func member(_ object: Int, _ key: UnsafeBufferPointer<UInt8>) -> Int? {
        guard tokens[object].kind == .object else { return nil }
        let end = Int(tokens[object].end)
        var i = object + 1
        while i < end {
            let k = tokens[i]
            if k.kind == .string {
                let start = Int(k.start) + 1
                if Int(k.end) - 1 - start == key.count && equalFolded(start, key) { return i + 1 }
            } else if k.kind == .escapedString, Self.lowercased(string(i).utf8) == Self.lowercased(key) {
                return i + 1
            }
            let v = tokens[i + 1]
            i = v.kind == .object || v.kind == .array ? Int(v.end) : i + 2
        }
        return nil
    }

    private func equalFolded(_ start: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        for k in 0..<key.count {
            let a = bytes[start + k], b = key[k]
            if a != b && (a | 0x20 != b | 0x20 || !(a | 0x20 >= 97 && a | 0x20 <= 122)) { return false }
        }
        return true
    }

    private static func lowercased(_ s: some Sequence<UInt8>) -> [UInt8] { s.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 } }

    /// The literal text of the number at `i`.
    func numberText(_ i: Int) -> String {
        let t = tokens[i]
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(t.start)..<Int(t.end)]), as: UTF8.self)
    }

    /// The decoded text of the string at `i` (escapes resolved, lone surrogates replaced).
    func string(_ i: Int) -> String {
        let t = tokens[i]
        let start = Int(t.start) + 1, end = Int(t.end) - 1
        if t.kind == .string { return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        var pendingHigh: UInt32?
        func appendScalar(_ v: UInt32) {
            let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
        while i < end {
            let c = bytes[i]
            if c != UInt8(ascii: "\\") {
                if let h = pendingHigh { appendScalar(h); pendingHigh = nil }
                out.append(c)
                i += 1
                continue
            }
            let e = bytes[i + 1]
            i += 2
            if e == UInt8(ascii: "u") {
                var v: UInt32 = 0
                for k in 0..<4 { v = v << 4 | UInt32(JSONParser.hexValue(bytes[i + k])) }
                i += 4
                if v >= 0xD800 && v < 0xDC00 {
                    if let h = pendingHigh { appendScalar(h) }
                    pendingHigh = v
                } else if v >= 0xDC00 && v < 0xE000, let h = pendingHigh {
                    appendScalar(0x10000 + ((h - 0xD800) << 10) + (v - 0xDC00))
                    pendingHigh = nil
                } else {
                    if let h = pendingHigh { appendScalar(h); pendingHigh = nil }
                    appendScalar(v)
                }
                continue
            }
            if let h = pendingHigh { appendScalar(h); pendingHigh = nil }
            switch e {
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            default: out.append(e)   // \" \\ \/
            }
        }
        if let h = pendingHigh { appendScalar(h) }
        return String(decoding: out, as: UTF8.self)
    }
}
