#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ErlintModel

/// Reads typed fields of one resource, from `properties` (ARM, REST, Resource Graph) or from
/// the top level (the `az` CLI flattens `properties` away). A value of the wrong kind or form is
/// a warning at the value, and the field is read as unknown (`UnresolvedField`, `unreadable`):
/// a bad value never costs the rest of the resource, let alone the file.
///
/// It reads one document, which it holds, and finds fields by token index through the
/// document's `JSONTape`: a lookup makes no `JSONElement` (each one made or copied retains the
/// document, and a resource's dozen fields were a few million of those per audit).
struct FieldReader {
    let file: String
    let lines: LineIndex
    /// For a resource materialized from a template (`TemplateReader`): where each value came
    /// from in the template, and which values stand for expressions erlint could not resolve.
    let materialized: MaterializedPositions?
    var diagnostics: [Diagnostic] = []
    var unresolved: [UnresolvedField] = []
    /// The document read; `tape` points into it.
    private let document: JSONDocument
    private let tape: JSONTape
    /// The last object asked about and where it keeps its `properties` (-1 for none): a
    /// resource's fields are read one after another, so `properties` is looked up once.
    private var cachedObject = -1
    private var cachedProperties = -1
    /// The id of the resource being read and the length of its `/subscriptions/<id>/` (0 when
    /// it has none), set by `enter(_:)`.
    private var homeKey = ""
    private var homeLength = 0
    /// Whether a reference read since `enter(_:)` names an id outside the resource's own
    /// subscription (any reference, for a resource with none). A shard's second round
    /// (`EstateLoader.secondRound`) looks only at such resources, a few in an estate, instead
    /// of walking every reference of every resource again.
    private(set) var leftHome = false

    init(file: String, lines: LineIndex, document: JSONDocument, materialized: MaterializedPositions? = nil) {
        self.file = file
        self.lines = lines
        self.document = document
        self.tape = document.storage.tape
        self.materialized = materialized
    }

    func location(_ e: JSONElement) -> SourceLocation { location(at: e.index) }
    func location(at i: Int) -> SourceLocation { lines.location(file, materialized?.offset(of: i) ?? tape.offset(i)) }
    /// The element for a token index, for callers that keep or walk a value.
    private func element(_ i: Int) -> JSONElement { JSONElement(storage: document.storage, index: i) }

    private mutating func properties(of object: Int) -> Int {
        if cachedObject != object {
            cachedObject = object
            cachedProperties = -1
            let key: StaticString = "properties"
            if let p = tape.member(object, UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)),
               tape.kind(p) == .object {
                cachedProperties = p
            }
        }
        return cachedProperties
    }

    /// A field of the object at `object`: `properties.<key>` first, then `<key>`; null is absent.
    private mutating func field(_ object: Int, _ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let p = properties(of: object)
        if p >= 0, let v = tape.member(p, key), tape.kind(v) != .null { return v }
        if let v = tape.member(object, key), tape.kind(v) != .null { return v }
        return nil
    }

    /// Follows a dotted path of fields, each step allowing either form. The path is walked as
    /// bytes, a step at a time, with no strings made: this runs for every field of every resource.
    private mutating func find(_ object: Int, _ dotted: String) -> Int? {
        var stoppedAt = -1
        let found = dotted.utf8.withContiguousStorageIfAvailable { path -> Int? in
            var current = object
            var start = 0
            while start <= path.count {
                var end = start
                while end < path.count && path[end] != UInt8(ascii: ".") { end += 1 }
                guard tape.kind(current) == .object else {
                    stoppedAt = current
                    return nil
                }
                guard let next = field(current, UnsafeBufferPointer(rebasing: path[start..<end])) else { return nil }
                current = next
                start = end + 1
            }
            return current
        } ?? find(object, String(decoding: Array(dotted.utf8), as: UTF8.self))
        // A container on the way that a template left as an unresolved expression: the field
        // is unknown, not absent.
        if found == nil, stoppedAt >= 0, materialized != nil, stoppedAt != object { _ = unresolvedExpression(at: stoppedAt, dotted) }
        return found
    }

    /// The value at a dotted path, as an element to keep or walk.
    mutating func path(_ object: JSONElement, _ dotted: String) -> JSONElement? {
        find(object.index, dotted).map(element)
    }

    /// The member `key` of an object itself (not of its `properties`), by token index.
    mutating func member(_ object: JSONElement, _ key: StaticString) -> Int? {
        tape.member(object.index, UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    }

    /// The token index of each of `names`' values after `findAll` (nil: absent or null).
    private(set) var found: [Int?] = []

    /// Finds several fields of one object in one pass over its `properties` and one over the
    /// object itself, with the precedence `field` gives one at a time (`properties.<key>` first,
    /// null as absent, the first of repeated keys): a resource's dozen lookups each scanned both,
    /// which was most of reading the routes and security rules that make up an estate.
    mutating func findAll(_ object: JSONElement, _ names: FieldNames) {
        found.removeAll(keepingCapacity: true)
        found.append(contentsOf: repeatElement(nil, count: names.count))
        let p = properties(of: object.index)
        let tape = tape
        found.withUnsafeMutableBufferPointer { found in
            if p >= 0 { Self.scan(p, names, tape, &found) }
            if tape.kind(object.index) == .object { Self.scan(object.index, names, tape, &found) }
        }
    }

    private static func scan(_ object: Int, _ names: FieldNames, _ tape: JSONTape, _ found: inout UnsafeMutableBufferPointer<Int?>) {
        var seen: UInt64 = 0
        let end = Int(tape.tokens[object].end)
        var i = object + 1
        while i < end {
            let k = tape.tokens[i], v = i + 1
            if k.kind == .string {
                let start = Int(k.start) + 1, length = Int(k.end) - 1 - start
                // Only the names of this key's length, not yet met in this object.
                var candidates = names.withLength(length) & ~seen
                while candidates != 0 {
                    let n = candidates.trailingZeroBitCount
                    candidates &= candidates - 1
                    if names.matches(n, UnsafeBufferPointer(rebasing: tape.bytes[start..<(start + length)])) {
                        seen |= 1 << n
                        if found[n] == nil, tape.kind(v) != .null { found[n] = v }
                        break
                    }
                }
            } else if k.kind == .escapedString {
                // A key written with escapes (`"p\u0072iority"`): compared once decoded.
                let key = Array(tape.string(i).utf8)
                var candidates = names.withLength(key.count) & ~seen
                while candidates != 0 {
                    let n = candidates.trailingZeroBitCount
                    candidates &= candidates - 1
                    if key.withUnsafeBufferPointer({ names.matches(n, $0) }) {
                        seen |= 1 << n
                        if found[n] == nil, tape.kind(v) != .null { found[n] = v }
                        break
                    }
                }
            }
            i = tape.next(v)
        }
    }

    func isString(_ i: Int) -> Bool { tape.isString(i) }
    /// The decoded string at a token index, with no template expression resolved.
    func literal(_ i: Int) -> String? { tape.isString(i) ? tape.string(i) : nil }

    /// A value of the wrong kind: a warning at the value, and the field unknown. A value standing
    /// for an unresolved template expression is recorded as that instead.
    mutating func wrongType(_ e: JSONElement, _ name: String, _ expected: String) {
        wrongType(at: e.index, name, expected)
    }

    mutating func wrongType(at i: Int, _ name: String, _ expected: String) {
        if let expression = materialized?.unknown[i] ?? (tape.isString(i) && TemplateExpression.isExpression(tape.string(i)) ? tape.string(i) : nil) {
            unreadable(at: i, name, "'\(name)' is the template expression \(expression), which erlint cannot resolve to \(expected)", value: expression)
            return
        }
        let summary = element(i).summary
        unreadable(at: i, name, "expected \(expected) for '\(name)', found \(summary)", value: summary)
    }

    /// A value erlint cannot interpret: a warning naming the field, and the field unknown.
    mutating func unreadable(at i: Int, _ name: String, _ message: String, value: String) {
        let here = location(at: i)
        diagnostics.append(Diagnostic(.warning, here, message + "; the resource is read with '\(name)' unknown"))
        unresolved.append(UnresolvedField(field: name, expression: value, location: here, reason: .unreadable))
    }

    /// Whether the value at `i` stands for a template expression erlint could not resolve, and
    /// if so records it for the field.
    private mutating func unresolvedExpression(at i: Int, _ name: @autoclosure () -> String) -> Bool {
        guard let expression = materialized?.unknown[i] else { return false }
        unresolved.append(UnresolvedField(field: name(), expression: expression, location: location(at: i)))
        return true
    }

    /// The text of a string value; nil for a value standing for an unresolved expression.
    /// `name` (the field's path, for messages) is made only when a message needs it: list items
    /// and reference ids would otherwise build one per value read.
    mutating func text(_ e: JSONElement, _ name: @autoclosure () -> String) -> String? {
        text(at: e.index, name())
    }

    mutating func text(at i: Int, _ name: @autoclosure () -> String) -> String? {
        guard tape.isString(i) else { return nil }
        guard materialized != nil else { return tape.string(i) }
        return materializedText(at: i, name)
    }

    /// `text(at:)` in a resource materialized from a template, kept out of line: exports are
    /// read through `text(at:)` for nearly every value, and never come here.
    @inline(never)
    private mutating func materializedText(at i: Int, _ name: () -> String) -> String? {
        unresolvedExpression(at: i, name()) ? nil : tape.string(i)
    }

    mutating func string(_ object: JSONElement, _ dotted: String) -> String? {
        guard let i = find(object.index, dotted) else { return nil }
        return string(at: i, dotted)
    }

    mutating func string(at i: Int?, _ name: @autoclosure () -> String) -> String? {
        guard let i else { return nil }
        return string(at: i, name())
    }

    private mutating func string(at i: Int, _ name: @autoclosure () -> String) -> String? {
        if tape.isString(i) { return text(at: i, name()) }
        if tape.kind(i) == .number { return tape.numberText(i) }
        wrongType(at: i, name(), "a string")
        return nil
    }

    /// A string field whose value is nearly always one of a few `words` (a route's
    /// `nextHopType`): a value spelled exactly as one of them is handed out as that literal,
    /// which lives in the program and is never counted or freed, instead of a string decoded,
    /// allocated and freed for each of hundreds of thousands of routes ("VirtualAppliance" is 16
    /// bytes, one past what a string holds inline). Anything else is read as `string(at:)` reads it.
    mutating func word(at i: Int?, _ name: @autoclosure () -> String, among words: Vocabulary) -> String? {
        guard let i else { return nil }
        let t = tape.tokens[i]
        if t.kind == .string {
            let start = Int(t.start) + 1, count = Int(t.end) - 1 - start
            for w in words.words where w.utf8.count == count {
                let same = w.utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, tape.bytes.baseAddress! + start, count) == 0 } ?? false
                if same { return w }
            }
        }
        return string(at: i, name())
    }

    mutating func int(_ object: JSONElement, _ dotted: String) -> Int? {
        int(at: find(object.index, dotted), dotted)
    }

    mutating func int(at i: Int?, _ dotted: String) -> Int? {
        number(at: i, dotted, "an integer", bound: " (at most \(Int.max))") { Int($0) }
    }

    mutating func double(_ object: JSONElement, _ dotted: String) -> Double? {
        number(at: find(object.index, dotted), dotted, "a finite number", bound: "") { Double($0).flatMap { $0.isFinite ? $0 : nil } }
    }

    /// A number written as a JSON number, a numeric string (some exports quote numbers) or a
    /// template expression; a literal `parse` rejects (1e400 for an Int) is diagnosed. The bound
    /// for the message is made only for a message.
    private mutating func number<T>(at i: Int?, _ dotted: String, _ expected: String,
                                    bound: @autoclosure () -> String, parse: (String) -> T?) -> T? {
        guard let i else { return nil }
        let literal: String?
        if tape.kind(i) == .number { literal = tape.numberText(i) } else if tape.isString(i) { literal = text(at: i, dotted) }
        else { wrongType(at: i, dotted, expected); return nil }
        guard let literal else { return nil }   // an unresolved expression, already recorded
        if let v = parse(literal) { return v }
        if tape.kind(i) == .number {
            unreadable(at: i, dotted, "expected \(expected) for '\(dotted)'\(bound()), found number \(literal)", value: literal)
        } else {
            wrongType(at: i, dotted, expected)
        }
        return nil
    }

    mutating func bool(_ object: JSONElement, _ dotted: String) -> Bool? {
        guard let i = find(object.index, dotted) else { return nil }
        switch tape.kind(i) {
        case .true: return true
        case .false: return false
        case .string, .escapedString:
            guard let t = text(at: i, dotted) else { return nil }   // unresolved expression
            switch t.lowercased() {
            case "true": return true
            case "false": return false
            default: break
            }
        default: break
        }
        wrongType(at: i, dotted, "true or false")
        return nil
    }

    /// Whether a (secret) field is present and non-empty; its value is never kept.
    mutating func isSet(_ object: JSONElement, _ dotted: String) -> Bool {
        guard let i = find(object.index, dotted) else { return false }
        return !tape.isString(i) || tape.tokens[i].end - tape.tokens[i].start > 2
    }

    /// Starts reading the fields of the resource `id`, for `leftHome`.
    mutating func enter(_ id: ResourceID) {
        homeKey = id.text
        homeLength = homeKey.utf8.withContiguousStorageIfAvailable { EstateLoader.subscriptionPrefixLength($0) ?? 0 } ?? 0
        leftHome = false
    }

    /// Whether `id` lies in the subscription of the resource entered, compared on the ids'
    /// bytes in place with ASCII letters folded.
    func isHome(_ id: ResourceID) -> Bool {
        guard homeLength > 0 else { return false }
        return homeKey.utf8.withContiguousStorageIfAvailable { home in
            id.text.utf8.withContiguousStorageIfAvailable { k in
                k.count >= homeLength
                    && FoldedBytes.equalASCII(UnsafeBufferPointer(rebasing: k[..<homeLength]), UnsafeBufferPointer(rebasing: home[..<homeLength]))
            } ?? false
        } ?? false
    }

    private mutating func noteReference(_ id: ResourceID?) -> ResourceID? {
        if let id, !leftHome, !isHome(id) { leftHome = true }
        return id
    }

    /// A reference: `{"id": "..."}` or a bare id string.
    mutating func reference(_ object: JSONElement, _ dotted: String) -> ResourceID? {
        guard let i = find(object.index, dotted) else { return nil }
        return reference(at: i, name: dotted)
    }

    mutating func reference(at i: Int?, _ name: String) -> ResourceID? {
        guard let i else { return nil }
        return reference(at: i, name: name)
    }

    mutating func reference(_ e: JSONElement, name: @autoclosure () -> String) -> ResourceID? {
        reference(at: e.index, name: name())
    }

    private mutating func reference(at i: Int, name: @autoclosure () -> String) -> ResourceID? {
        if tape.kind(i) == .object {
            let key: StaticString = "id"
            guard let id = tape.member(i, UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)) else { return nil }
            guard tape.isString(id) else { wrongType(at: id, name() + ".id", "a resource id string"); return nil }
            return noteReference(text(at: id, name() + ".id").map(ResourceID.init))
        }
        if tape.isString(i) { return noteReference(text(at: i, name()).map(ResourceID.init)) }
        wrongType(at: i, name(), "an object with an 'id'")
        return nil
    }

    /// The token indexes of an array's items.
    private func items(_ array: Int) -> [Int] {
        var out: [Int] = []
        var i = array + 1
        let end = Int(tape.tokens[array].end)
        while i < end {
            out.append(i)
            i = tape.next(i)
        }
        return out
    }

    /// A list of references: `[{"id": ...}, ...]`.
    mutating func references(_ object: JSONElement, _ dotted: String) -> [ResourceID] {
        guard let i = find(object.index, dotted) else { return [] }
        guard tape.kind(i) == .array else { wrongType(at: i, dotted, "an array of references"); return [] }
        return items(i).compactMap { reference(at: $0, name: dotted + "[]") }
    }

    /// The bytes of a string value written without escapes: a prefix or address is parsed on
    /// them in place, with no string made. (A value standing for an unresolved expression never
    /// parses as one, and goes on to `text(at:)`, which records it.)
    private func plainBytes(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
        let t = tape.tokens[i]
        guard t.kind == .string else { return nil }
        return UnsafeBufferPointer(rebasing: tape.bytes[(Int(t.start) + 1)..<(Int(t.end) - 1)])
    }

    private mutating func prefixValue(at i: Int, _ name: @autoclosure () -> String) -> IPPrefix? {
        guard tape.isString(i) else { wrongType(at: i, name(), "an IP prefix string"); return nil }
        if let b = plainBytes(i), let p = IPPrefix(utf8: b) { return p }
        guard let t = text(at: i, name()) else { return nil }
        if let p = IPPrefix(t) { return p }
        unreadable(at: i, name(), "expected an IP prefix such as 10.0.0.0/30 or 2001:db8::/126 for '\(name())', found \"\(t)\"", value: t)
        return nil
    }

    mutating func prefix(_ object: JSONElement, _ dotted: String) -> IPPrefix? {
        prefix(at: find(object.index, dotted), dotted)
    }

    mutating func prefix(at i: Int?, _ dotted: String) -> IPPrefix? {
        guard let i else { return nil }
        return prefixValue(at: i, dotted)
    }

    mutating func prefixes(_ object: JSONElement, _ dotted: String) -> [IPPrefix] {
        prefixes(at: find(object.index, dotted), dotted)
    }

    mutating func prefixes(at i: Int?, _ dotted: String) -> [IPPrefix] {
        guard let i else { return [] }
        guard tape.kind(i) == .array else { wrongType(at: i, dotted, "an array of IP prefixes"); return [] }
        return items(i).compactMap { prefixValue(at: $0, dotted + "[]") }
    }

    mutating func address(_ object: JSONElement, _ dotted: String) -> IPAddress? {
        address(at: find(object.index, dotted), dotted)
    }

    mutating func address(at i: Int?, _ dotted: String) -> IPAddress? {
        hostAddress(at: i, dotted)?.address
    }

    /// An address, also as Azure writes one allocated from an IP prefix (`172.20.2.16/28`): the
    /// address, and the length when one is written.
    mutating func hostAddress(_ object: JSONElement, _ dotted: String) -> (address: IPAddress, length: Int?)? {
        hostAddress(at: find(object.index, dotted), dotted)
    }

    mutating func hostAddress(at i: Int?, _ dotted: String) -> (address: IPAddress, length: Int?)? {
        guard let i else { return nil }
        guard tape.isString(i) else { wrongType(at: i, dotted, "an IP address string"); return nil }
        if let b = plainBytes(i), !b.isEmpty, let a = IPAddress(utf8: b) { return (a, nil) }
        guard let t = text(at: i, dotted), !t.isEmpty else { return nil }
        if let a = IPAddress(t) { return (a, nil) }
        if let slash = t.firstIndex(of: "/"), let a = IPAddress(t[..<slash]),
           let n = Int(t[t.index(after: slash)...]), n >= 0, n <= a.bitWidth {
            return (a, n)
        }
        unreadable(at: i, dotted, "expected an IP address such as 10.0.0.4 for '\(dotted)', found \"\(t)\"", value: t)
        return nil
    }

    /// Strings from either a singular field or its plural array (NSG rules use both).
    mutating func strings(_ object: JSONElement, singular: String, plural: String) -> [String] {
        strings(singular: find(object.index, singular), singular, plural: find(object.index, plural), plural)
    }

    mutating func strings(singular one: Int?, _ singular: String, plural list: Int?, _ plural: String) -> [String] {
        var out = FewStrings()
        strings(singular: one, singular, plural: list, plural, into: &out)
        return out.values
    }

    /// The same, appended to a `FewStrings` (NSG rules: no array for their single values).
    mutating func strings(singular one: Int?, _ singular: String, plural list: Int?, _ plural: String, into out: inout FewStrings,
                          among words: Vocabulary = .none) {
        if let i = one, let s = word(at: i, singular, among: words), !s.isEmpty { out.append(s) }
        if let e = list {
            if tape.kind(e) == .array {
                for item in items(e) {
                    if tape.isString(item) {
                        if let t = text(at: item, plural + "[]") { out.append(t) }
                    } else {
                        wrongType(at: item, plural + "[]", "a string")
                    }
                }
            } else { wrongType(at: e, plural, "an array of strings") }
        }
    }

    /// An array field's objects (e.g. `ipConfigurations`), reporting a non-array.
    mutating func objects(_ object: JSONElement, _ dotted: String) -> [JSONElement] {
        guard let i = find(object.index, dotted) else { return [] }
        guard tape.kind(i) == .array else { wrongType(at: i, dotted, "an array"); return [] }
        var out: [JSONElement] = []
        for item in items(i) {
            if tape.kind(item) == .object { out.append(element(item)) } else { wrongType(at: item, dotted + "[]", "an object") }
        }
        return out
    }
}

/// The words a field nearly always holds (`FieldReader.word`), kept in memory of their own for
/// the program's life: read from a global array, each lookup retained and released the array,
/// one object shared by every thread, whose count then went from core to core.
struct Vocabulary: @unchecked Sendable {
    let words: UnsafeBufferPointer<String>

    init(_ words: [String]) {
        let buffer = UnsafeMutableBufferPointer<String>.allocate(capacity: words.count)
        _ = buffer.initialize(from: words)
        self.words = UnsafeBufferPointer(buffer)
    }

    static let none = Vocabulary([])
}

/// Field names read together from one object (`FieldReader.findAll`): at most 64, plain keys
/// (no dotted paths), compared ASCII case-insensitively as every key is. Kept in one buffer that
/// lives as long as the program (the sets are static), so a scan reads them with no array
/// retained or checked per key.
struct FieldNames: @unchecked Sendable {
    let count: Int
    /// Per key length (up to 64 bytes), the names of that length, one bit each.
    private let byLength: UnsafeBufferPointer<UInt64>
    private let starts: UnsafeBufferPointer<Int>
    private let bytes: UnsafeBufferPointer<UInt8>

    init(_ names: [String]) {
        precondition(names.count <= 64 && !names.contains { $0.contains(".") })
        count = names.count
        let all = names.flatMap(\.utf8)
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, all.count))
        _ = bytes.initialize(from: all)
        let byLength = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 65)
        byLength.initialize(repeating: 0)
        let starts = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, names.count))
        var at = 0
        for (n, name) in names.enumerated() {
            precondition(name.utf8.count <= 64)
            byLength[name.utf8.count] |= 1 << n
            starts[n] = at
            at += name.utf8.count
        }
        self.bytes = UnsafeBufferPointer(bytes)
        self.byLength = UnsafeBufferPointer(byLength)
        self.starts = UnsafeBufferPointer(starts)
    }

    /// The names `length` bytes long, one bit each.
    func withLength(_ length: Int) -> UInt64 { length <= 64 ? byLength[length] : 0 }

    /// Whether `key` (of the name's length) is name `n`, ASCII letters folded.
    func matches(_ n: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        // Eight bytes at a time (a byte at a time, with its tests, this was most of `findAll`).
        let start = starts[n]
        return FoldedBytes.equalASCII(key, UnsafeBufferPointer(rebasing: bytes[start..<(start + key.count)]))
    }
}
