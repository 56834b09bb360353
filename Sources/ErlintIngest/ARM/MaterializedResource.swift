import ErlintModel

/// Where the values of a resource materialized from a template came from, for the field reader:
/// each token's offset in the template file, and the tokens that stand for values erlint could
/// not work out (with the expression as written).
struct MaterializedPositions {
    let offsets: [Int]
    let unknown: [Int: String]

    func offset(of token: Int) -> Int { token < offsets.count ? offsets[token] : (offsets.first ?? 0) }
}

/// One resource declaration of a template as Azure would deploy it: every expression evaluated,
/// property `copy` loops expanded, written out as a JSON document of its own that the export
/// reader reads like any resource. Values keep the template position they came from, so findings
/// point into the template; a value erlint cannot work out is written as its expression and
/// marked, and the field reader records it as unresolved.
struct MaterializedResource {
    let document: JSONDocument
    let positions: MaterializedPositions
    /// Property loops whose count could not be worked out (nothing was invented for them).
    let notes: [(offset: Int, message: String)]

    /// The members of a resource declaration that say how to deploy it, not what it is.
    static let deploymentKeys: Set<String> = ["copy", "condition", "dependson", "resources", "existing", "comments", "metadata", "scope"]

    /// Materializes `declaration` in `context`; nil only if the result does not parse (it always should).
    static func make(_ declaration: JSONElement, in context: TemplateContext) -> MaterializedResource? {
        var writer = Writer(context: context)
        writer.element(declaration, skipping: deploymentKeys)
        guard let document = try? JSONParser.parse(writer.bytes), document.valueCount == writer.offsets.count else { return nil }
        return MaterializedResource(document: document, positions: MaterializedPositions(offsets: writer.offsets, unknown: writer.unknown),
                                    notes: writer.notes)
    }

    /// Writes JSON text and, for each value and key, the token's template offset, in the order
    /// the JSON parser makes tokens (a container before what it holds, a key before its value).
    private struct Writer {
        let context: TemplateContext
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        var unknown: [Int: String] = [:]
        var notes: [(offset: Int, message: String)] = []

        mutating func token(_ origin: Int) { offsets.append(origin) }

        mutating func text(_ s: String) { bytes.append(contentsOf: s.utf8) }

        mutating func string(_ s: String, _ origin: Int) {
            token(origin)
            JSONStringLiteral.append(s, to: &bytes)
        }

        /// A template element as written, its expressions evaluated.
        mutating func element(_ e: JSONElement, skipping: Set<String> = []) {
            switch e.kind {
            case .object:
                token(e.offset)
                text("{")
                var first = true
                for (key, value) in e.members {
                    let folded = key.lowercased()
                    if skipping.contains(folded) { continue }
                    if folded == "copy", value.isArray {
                        for spec in value.elements { propertyLoop(spec, first: &first) }
                        continue
                    }
                    if !first { text(",") }
                    first = false
                    string(key, e.sibling(value.index - 1).offset)
                    text(":")
                    element(value)
                }
                text("}")
            case .array:
                token(e.offset)
                text("[")
                for (i, item) in e.elements.enumerated() {
                    if i > 0 { text(",") }
                    element(item)
                }
                text("]")
            case .string, .escapedString:
                let s = e.stringValue ?? ""
                if TemplateExpression.isExpression(s) {
                    value(TemplateExpression.evaluate(s, in: context), e.offset, whole: s)
                } else {
                    string(TemplateExpression.literal(s), e.offset)
                }
            case .number:
                token(e.offset)
                text(e.numberText ?? "0")
            case .true: token(e.offset); text("true")
            case .false: token(e.offset); text("false")
            case .null: token(e.offset); text("null")
            }
        }

        /// A property `copy` entry: the array it names, or nothing (and a note) when its count
        /// cannot be worked out.
        mutating func propertyLoop(_ spec: JSONElement, first: inout Bool) {
            guard let name = spec["name"]?.stringValue, let input = spec["input"] else { return }
            guard let count = context.copyCount(spec) else {
                let count = spec["count"].map { $0.stringValue ?? $0.numberText ?? $0.summary } ?? "(none)"
                notes.append((spec.offset, "property copy loop '\(name)': its count \(count) cannot be resolved from the template, "
                    + "so none of its items is read (give the template's parameters a value: a parameters file beside it, or the manifest's deployments entry)"))
                return
            }
            if !first { text(",") }
            first = false
            string(name, spec.offset)
            text(":")
            token(spec.offset)
            text("[")
            for i in 0..<count {
                if i > 0 { text(",") }
                context.loops.append(TemplateContext.Loop(name: name, index: i, copiesResources: false))
                element(input)
                context.loops.removeLast()
            }
            text("]")
        }

        /// An evaluated value, every token at the expression's position. An unknown value is
        /// written as its expression (the whole one as written, for a value unknown as a whole).
        mutating func value(_ v: TemplateValue, _ origin: Int, whole: String? = nil) {
            switch v {
            case .unknown(let expression):
                unknown[offsets.count] = whole ?? "[\(expression)]"
                string(whole ?? "[\(expression)]", origin)
            case .null: token(origin); text("null")
            case .bool(let b): token(origin); text(b ? "true" : "false")
            case .int(let n): token(origin); text(String(n))
            case .string(let s): string(s, origin)
            case .array(let items):
                token(origin)
                text("[")
                for (i, item) in items.enumerated() {
                    if i > 0 { text(",") }
                    value(item, origin)
                }
                text("]")
            case .object(let o):
                token(origin)
                text("{")
                for (i, m) in o.members.enumerated() {
                    if i > 0 { text(",") }
                    string(m.key, origin)
                    text(":")
                    value(m.value, origin)
                }
                text("}")
            }
        }
    }
}
