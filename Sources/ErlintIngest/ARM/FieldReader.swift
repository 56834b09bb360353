import ErlintModel

/// Reads typed fields of one resource, from `properties` (ARM, REST, Resource Graph) or from
/// the top level (the `az` CLI flattens `properties` away), reporting wrong types with the
/// value's position and keeping template expressions as unresolved fields.
struct FieldReader {
    let file: String
    let lines: LineIndex
    /// Set while reading an ARM template, so expressions resolve against its parameters.
    var template: TemplateExpression.Context?
    var diagnostics: [Diagnostic] = []
    var unresolved: [UnresolvedField] = []

    init(file: String, lines: LineIndex, template: TemplateExpression.Context?) {
        self.file = file
        self.lines = lines
        self.template = template
    }

    func location(_ e: JSONElement) -> SourceLocation { lines.location(file, e.offset) }

    /// Where the last object asked about keeps its `properties` (token indexes; -1 for none).
    /// A resource's fields are read one after another, so this saves looking `properties` up
    /// again for each of them. Token indexes identify objects because a reader reads one file.
    private final class PropertiesCache {
        var object = -1
        var properties = -1
    }
    private let cache = PropertiesCache()

    private func properties(of object: JSONElement) -> JSONElement? {
        if cache.object != object.index {
            cache.object = object.index
            cache.properties = -1
            if let p = Self.propertiesKey.withUnsafeBufferPointer({ object.member($0) }), p.isObject { cache.properties = p.index }
        }
        return cache.properties < 0 ? nil : object.sibling(cache.properties)
    }

    private static let propertiesKey = Array("properties".utf8)

    /// A field of `object`: `properties.<key>` first, then `<key>`.
    func field(_ object: JSONElement, _ key: String) -> JSONElement? {
        var key = key
        return key.withUTF8 { field(object, $0) }
    }

    private func field(_ object: JSONElement, _ key: UnsafeBufferPointer<UInt8>) -> JSONElement? {
        if let p = properties(of: object), let v = p.member(key), !v.isNull { return v }
        if let v = object.member(key), !v.isNull { return v }
        return nil
    }

    /// Follows a dotted path of fields, each step allowing either form. The path is walked as
    /// bytes, a step at a time, with no strings made: this runs for every field of every resource.
    func path(_ object: JSONElement, _ dotted: String) -> JSONElement? {
        var dotted = dotted
        return dotted.withUTF8 { path in
            var current = object
            var start = 0
            while start <= path.count {
                var end = start
                while end < path.count && path[end] != UInt8(ascii: ".") { end += 1 }
                guard current.isObject, let next = field(current, UnsafeBufferPointer(rebasing: path[start..<end])) else { return nil }
                current = next
                start = end + 1
            }
            return current
        }
    }

    mutating func wrongType(_ e: JSONElement, _ name: String, _ expected: String) {
        diagnostics.append(Diagnostic(.error, location(e), "expected \(expected) for '\(name)', found \(e.summary)"))
    }

    /// The text of a string value, resolving template expressions where possible.
    /// `name` (the field's path, for messages) is made only when a message needs it: list items
    /// and reference ids would otherwise build one per value read.
    mutating func text(_ e: JSONElement, _ name: @autoclosure () -> String) -> String? {
        guard let s = e.stringValue else { return nil }
        guard let template, TemplateExpression.isExpression(s) else { return s }
        if let v = TemplateExpression.evaluate(s, template)?.text { return v }
        unresolved.append(UnresolvedField(field: name(), expression: s, location: location(e)))
        return nil
    }

    mutating func string(_ object: JSONElement, _ dotted: String) -> String? {
        guard let e = path(object, dotted) else { return nil }
        if e.isString { return text(e, dotted) }
        if e.kind == .number { return e.numberText }
        wrongType(e, dotted, "a string")
        return nil
    }

    mutating func int(_ object: JSONElement, _ dotted: String) -> Int? {
        number(object, dotted, "an integer", bound: " (at most \(Int.max))") { Int($0) }
    }

    mutating func double(_ object: JSONElement, _ dotted: String) -> Double? {
        number(object, dotted, "a finite number", bound: "") { Double($0).flatMap { $0.isFinite ? $0 : nil } }
    }

    /// A number written as a JSON number, a numeric string (some exports quote numbers) or a
    /// template expression; a literal `parse` rejects (1e400 for an Int) is diagnosed.
    private mutating func number<T>(_ object: JSONElement, _ dotted: String, _ expected: String, bound: String,
                                    parse: (String) -> T?) -> T? {
        guard let e = path(object, dotted) else { return nil }
        let literal: String?
        if e.kind == .number { literal = e.numberText } else if e.isString { literal = text(e, dotted) }
        else { wrongType(e, dotted, expected); return nil }
        guard let literal else { return nil }   // an unresolved expression, already recorded
        if let v = parse(literal) { return v }
        if e.kind == .number {
            diagnostics.append(Diagnostic(.error, location(e), "expected \(expected) for '\(dotted)'\(bound), found number \(literal)"))
        } else {
            wrongType(e, dotted, expected)
        }
        return nil
    }

    mutating func bool(_ object: JSONElement, _ dotted: String) -> Bool? {
        guard let e = path(object, dotted) else { return nil }
        if let b = e.boolValue { return b }
        if e.isString, let t = text(e, dotted) {
            switch t.lowercased() {
            case "true": return true
            case "false": return false
            default: break
            }
        } else if e.isString {
            return nil   // unresolved expression
        }
        wrongType(e, dotted, "true or false")
        return nil
    }

    /// Whether a (secret) field is present and non-empty; its value is never kept.
    func isSet(_ object: JSONElement, _ dotted: String) -> Bool {
        guard let e = path(object, dotted) else { return false }
        return !(e.stringValue?.isEmpty ?? false)
    }

    /// A reference: `{"id": "..."}` or a bare id string.
    mutating func reference(_ object: JSONElement, _ dotted: String) -> ResourceID? {
        guard let e = path(object, dotted) else { return nil }
        return reference(e, name: dotted)
    }

    mutating func reference(_ e: JSONElement, name: @autoclosure () -> String) -> ResourceID? {
        if e.isObject {
            guard let idElement = e["id"] else { return nil }
            guard idElement.isString else { wrongType(idElement, name() + ".id", "a resource id string"); return nil }
            return text(idElement, name() + ".id").map(ResourceID.init)
        }
        if e.isString { return text(e, name()).map(ResourceID.init) }
        wrongType(e, name(), "an object with an 'id'")
        return nil
    }

    /// A list of references: `[{"id": ...}, ...]`.
    mutating func references(_ object: JSONElement, _ dotted: String) -> [ResourceID] {
        guard let e = path(object, dotted) else { return [] }
        guard e.isArray else { wrongType(e, dotted, "an array of references"); return [] }
        return e.elements.compactMap { reference($0, name: dotted + "[]") }
    }

    mutating func prefixValue(_ e: JSONElement, _ name: @autoclosure () -> String) -> IPPrefix? {
        guard e.isString else { wrongType(e, name(), "an IP prefix string"); return nil }
        guard let t = text(e, name()) else { return nil }
        if let p = IPPrefix(t) { return p }
        diagnostics.append(Diagnostic(.error, location(e),
            "expected an IP prefix such as 10.0.0.0/30 or 2001:db8::/126 for '\(name())', found \"\(t)\""))
        return nil
    }

    mutating func prefix(_ object: JSONElement, _ dotted: String) -> IPPrefix? {
        path(object, dotted).flatMap { prefixValue($0, dotted) }
    }

    mutating func prefixes(_ object: JSONElement, _ dotted: String) -> [IPPrefix] {
        guard let e = path(object, dotted) else { return [] }
        guard e.isArray else { wrongType(e, dotted, "an array of IP prefixes"); return [] }
        return e.elements.compactMap { prefixValue($0, dotted + "[]") }
    }

    mutating func address(_ object: JSONElement, _ dotted: String) -> IPAddress? {
        guard let e = path(object, dotted) else { return nil }
        guard e.isString else { wrongType(e, dotted, "an IP address string"); return nil }
        guard let t = text(e, dotted), !t.isEmpty else { return nil }
        if let a = IPAddress(t) { return a }
        diagnostics.append(Diagnostic(.error, location(e), "expected an IP address such as 10.0.0.4 for '\(dotted)', found \"\(t)\""))
        return nil
    }

    /// Strings from either a singular field or its plural array (NSG rules use both).
    mutating func strings(_ object: JSONElement, singular: String, plural: String) -> [String] {
        var out: [String] = []
        if let s = string(object, singular), !s.isEmpty { out.append(s) }
        if let e = path(object, plural) {
            if e.isArray {
                for item in e.elements {
                    if item.isString, let t = text(item, plural + "[]") { out.append(t) }
                    else if !item.isString { wrongType(item, plural + "[]", "a string") }
                }
            } else { wrongType(e, plural, "an array of strings") }
        }
        return out
    }

    /// An array field's objects (e.g. `ipConfigurations`), reporting a non-array.
    mutating func objects(_ object: JSONElement, _ dotted: String) -> [JSONElement] {
        guard let e = path(object, dotted) else { return [] }
        guard e.isArray else { wrongType(e, dotted, "an array"); return [] }
        return e.elements.filter { item in
            if item.isObject { return true }
            wrongType(item, dotted + "[]", "an object")
            return false
        }
    }
}
