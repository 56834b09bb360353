import ErlintModel

/// What a template's expressions see: its parameters (given values, else defaults, else null
/// for a nullable one), its variables (evaluated once, on first use), where it is deployed, and
/// the copy loops being expanded.
///
/// A nested deployment evaluated in the outer scope shares its parent's; an inner-scope one has
/// a scope of its own whose parameter values the parent evaluated.
final class TemplateContext {
    /// A parameter value handed in: evaluated already (a nested deployment's `parameters`), or
    /// as written in a parameters file, where strings are taken literally.
    enum GivenValue {
        case value(TemplateValue)
        case literal(JSONElement)
    }

    /// One copy loop being expanded: its name, the current iteration, and whether it copies
    /// resources (which `copyIndex()` without a name refers to).
    struct Loop {
        var name: String
        var index: Int
        var copiesResources: Bool
    }

    let subscription: String
    let resourceGroup: String
    let budget: EvaluationBudget
    var loops: [Loop] = []

    private let parameterDeclarations: [String: JSONElement]
    private let given: [String: GivenValue]
    private let variableDeclarations: [String: JSONElement]
    private let variableCopies: [String: JSONElement]
    private var parameterValues: [String: TemplateValue] = [:]
    private var variableValues: [String: TemplateValue] = [:]
    /// Names being evaluated, to stop a variable that refers to itself.
    private var evaluating: Set<String> = []

    init(template: JSONElement, given: [String: GivenValue], subscription: String, resourceGroup: String, budget: EvaluationBudget) {
        self.subscription = subscription
        self.resourceGroup = resourceGroup
        self.budget = budget
        self.given = Dictionary(given.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        var parameters: [String: JSONElement] = [:]
        for (k, v) in template["parameters"]?.members ?? [] where parameters[k.lowercased()] == nil { parameters[k.lowercased()] = v }
        parameterDeclarations = parameters
        var variables: [String: JSONElement] = [:]
        var copies: [String: JSONElement] = [:]
        for (k, v) in template["variables"]?.members ?? [] {
            if k.lowercased() == "copy", v.isArray {
                for spec in v.elements {
                    if let name = spec["name"]?.stringValue, copies[name.lowercased()] == nil { copies[name.lowercased()] = spec }
                }
            } else if variables[k.lowercased()] == nil {
                variables[k.lowercased()] = v
            }
        }
        variableDeclarations = variables
        variableCopies = copies
    }

    // MARK: Parameters and variables

    /// `parameters(name)`: the value given, else the default, else null for a nullable
    /// parameter; unknown for a required one with no value (or no such parameter).
    func parameter(_ name: String) -> TemplateValue {
        let key = name.lowercased()
        return memoized(key, in: \.parameterValues, source: "parameters('\(name)')") {
            switch given[key] {
            case .value(let v)?: return v
            case .literal(let e)?: return TemplateContext.literalValue(e)
            case nil:
                guard let declaration = parameterDeclarations[key] else { return nil }
                if let d = declaration["defaultValue"] { return value(of: d) }
                return declaration["nullable"]?.boolValue == true ? .null : nil
            }
        }
    }

    /// `variables(name)`, evaluated once.
    func variable(_ name: String) -> TemplateValue {
        let key = name.lowercased()
        return memoized(key, in: \.variableValues, source: "variables('\(name)')") {
            if let declaration = variableDeclarations[key] { return value(of: declaration) }
            return variableCopies[key].flatMap { expandCopy($0, copiesResources: false) }
        }
    }

    /// A parameter's or variable's value, worked out once (`compute` nil: unknown), and unknown
    /// while it is being worked out, so that one naming itself ends.
    private func memoized(_ key: String, in values: ReferenceWritableKeyPath<TemplateContext, [String: TemplateValue]>, source: String,
                          _ compute: () -> TemplateValue?) -> TemplateValue {
        if let v = self[keyPath: values][key] { return v }
        guard evaluating.insert(source.lowercased()).inserted else { return .unknown(source) }
        defer { evaluating.remove(source.lowercased()) }
        let value = compute() ?? .unknown(source)
        self[keyPath: values][key] = value
        return value
    }

    /// A variable or property `copy` entry (`name`, `count`, `input`) as the array it makes; nil
    /// when its count is unknown.
    func expandCopy(_ spec: JSONElement, copiesResources: Bool) -> TemplateValue? {
        guard let name = spec["name"]?.stringValue, let count = copyCount(spec), let input = spec["input"] else { return nil }
        var items: [TemplateValue] = []
        for i in 0..<count {
            loops.append(Loop(name: name, index: i, copiesResources: copiesResources))
            items.append(value(of: input))
            loops.removeLast()
        }
        return .array(items)
    }

    /// A copy entry's `count` as a number of iterations; nil when it cannot be worked out (or is
    /// beyond what any deployment allows: ARM caps loops at 800).
    func copyCount(_ spec: JSONElement) -> Int? {
        guard let c = spec["count"] else { return nil }
        switch value(of: c) {
        case .int(let n) where n >= 0 && n <= 800: return n
        case .string(let s): return Int(s).flatMap { $0 >= 0 && $0 <= 800 ? $0 : nil }
        default: return nil
        }
    }

    /// `copyIndex()`: the innermost resource loop's iteration; `copyIndex('name')`: that loop's.
    func copyIndex(_ loop: String?) -> Int? {
        if let loop {
            return loops.last { $0.name.lowercased() == loop.lowercased() }?.index
        }
        return loops.last { $0.copiesResources }?.index ?? loops.last?.index
    }

    // MARK: JSON to values

    /// A JSON value of the template with its expressions evaluated: strings that are
    /// expressions, and objects' `copy` entries expanded into the arrays they name.
    func value(of e: JSONElement) -> TemplateValue {
        switch e.kind {
        case .string, .escapedString:
            let s = e.stringValue ?? ""
            return TemplateExpression.isExpression(s) ? TemplateExpression.evaluate(s, in: self) : .string(TemplateExpression.literal(s))
        case .number: return TemplateContext.number(e.numberText ?? "")
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .null: return .null
        case .array:
            guard budget.spend() else { return .unknown("an array (not evaluated: evaluation budget exceeded)") }
            return .array(e.elements.map { value(of: $0) })
        case .object:
            guard budget.spend() else { return .unknown("an object (not evaluated: evaluation budget exceeded)") }
            var o = TemplateObject()
            for (k, v) in e.members {
                if k.lowercased() == "copy", v.isArray {
                    for spec in v.elements {
                        guard let name = spec["name"]?.stringValue else { continue }
                        o.set(name, expandCopy(spec, copiesResources: false) ?? .unknown("copy loop '\(name)' (its count cannot be resolved)"))
                    }
                } else {
                    o.set(k, value(of: v))
                }
            }
            return .object(o)
        }
    }

    /// A value as a parameters file gives it: strings literally, a Key Vault reference unknown.
    static func literalValue(_ e: JSONElement) -> TemplateValue {
        switch e.kind {
        case .string, .escapedString: return .string(e.stringValue ?? "")
        case .number: return number(e.numberText ?? "")
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .null: return .null
        case .array: return .array(e.elements.map(literalValue))
        case .object: return .object(TemplateObject(e.members.map { ($0.key, literalValue($0.value)) }))
        }
    }

    /// ARM's numbers are 64-bit integers; anything else is not one erlint evaluates with.
    static func number(_ text: String) -> TemplateValue {
        Int(text).map(TemplateValue.int) ?? .unknown(text)
    }
}
