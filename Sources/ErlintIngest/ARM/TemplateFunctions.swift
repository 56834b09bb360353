import ErlintModel
import Foundation

/// ARM's template functions, by their lowercased names, as Microsoft's template functions
/// reference describes them. A function given an unknown argument it needs is unknown; one
/// given a wrong kind of argument (where Azure would fail the deployment) is unknown too.
enum TemplateFunctions {
    static func call(_ name: String, _ arguments: [TemplateExpression], source: String, context: TemplateContext) -> TemplateValue {
        let unknown = TemplateValue.unknown(source)
        // Functions that decide which arguments to evaluate.
        switch name {
        case "if":
            guard arguments.count == 3 else { return unknown }
            switch arguments[0].evaluate(in: context) {
            case .bool(true): return arguments[1].evaluate(in: context)
            case .bool(false): return arguments[2].evaluate(in: context)
            default: return unknown
            }
        case "and", "or":
            guard arguments.count >= 2 else { return unknown }
            let decisive = name == "or"
            var sawUnknown = false
            for a in arguments {
                switch a.evaluate(in: context) {
                case .bool(let b) where b == decisive: return .bool(decisive)
                case .bool: continue
                default: sawUnknown = true
                }
            }
            return sawUnknown ? unknown : .bool(!decisive)
        case "coalesce":
            for a in arguments {
                let v = a.evaluate(in: context)
                if v.isUnknown { return unknown }
                if v != .null { return v }
            }
            return .null
        default:
            break
        }
        let args = arguments.map { $0.evaluate(in: context) }
        if args.contains(where: \.isUnknown) {
            // Functions that look only at whether a value is there still can't tell: unknown.
            return unknown
        }
        return evaluate(name, args, source: source, context: context) ?? unknown
    }

    /// A function over known arguments; nil where Azure would fail or erlint cannot tell.
    private static func evaluate(_ name: String, _ a: [TemplateValue], source: String, context: TemplateContext) -> TemplateValue? {
        switch name {
        // Deployment
        case "parameters":
            guard a.count == 1, let n = a[0].string else { return nil }
            return context.parameter(n)
        case "variables":
            guard a.count == 1, let n = a[0].string else { return nil }
            return context.variable(n)
        case "copyindex":
            var loop: String?
            var offset = 0
            for v in a {
                if let s = v.string { loop = s } else if let n = v.int { offset = n } else { return nil }
            }
            return context.copyIndex(loop).map { .int($0 + offset) }
        case "subscription":
            return .object(TemplateObject([
                ("id", .string("/subscriptions/" + context.subscription)), ("subscriptionId", .string(context.subscription)),
                ("tenantId", .unknown("subscription().tenantId")), ("displayName", .unknown("subscription().displayName")),
            ]))
        case "resourcegroup":
            return .object(TemplateObject([
                ("id", .string("/subscriptions/\(context.subscription)/resourceGroups/\(context.resourceGroup)")),
                ("name", .string(context.resourceGroup)), ("type", .string("Microsoft.Resources/resourceGroups")),
                ("location", .unknown("resourceGroup().location")), ("tags", .unknown("resourceGroup().tags")),
            ]))
        case "resourceid":
            return resourceID(a, context: context)
        case "subscriptionresourceid":
            guard let texts = strings(a), let t = texts.firstIndex(where: { $0.contains("/") }), t <= 1 else { return nil }
            let sub = t == 1 ? texts[0] : context.subscription
            return providerPath(type: texts[t], names: Array(texts[(t + 1)...])).map { .string("/subscriptions/\(sub)" + $0) }
        case "tenantresourceid":
            guard let texts = strings(a), let first = texts.first else { return nil }
            return providerPath(type: first, names: Array(texts.dropFirst())).map(TemplateValue.string)
        case "extensionresourceid":
            guard let texts = strings(a), texts.count >= 3 else { return nil }
            return providerPath(type: texts[1], names: Array(texts.dropFirst(2))).map { .string(texts[0] + $0) }

        // Logical and comparison
        case "true": return a.isEmpty ? .bool(true) : nil
        case "false": return a.isEmpty ? .bool(false) : nil
        case "null": return a.isEmpty ? .null : nil
        case "not":
            guard a.count == 1, let b = a[0].bool else { return nil }
            return .bool(!b)
        case "bool":
            guard a.count == 1 else { return nil }
            switch a[0] {
            case .bool(let b): return .bool(b)
            case .int(let n): return .bool(n != 0)
            case .string(let s):
                switch s.lowercased() {
                case "true": return .bool(true)
                case "false": return .bool(false)
                default: return nil
                }
            default: return nil
            }
        case "equals":
            guard a.count == 2 else { return nil }
            return .bool(a[0] == a[1])
        case "greater", "greaterorequals", "less", "lessorequals":
            guard a.count == 2 else { return nil }
            let order: Int
            if let x = a[0].int, let y = a[1].int { order = x < y ? -1 : x == y ? 0 : 1 }
            else if let x = a[0].string, let y = a[1].string { order = x < y ? -1 : x == y ? 0 : 1 }
            else { return nil }
            switch name {
            case "greater": return .bool(order > 0)
            case "greaterorequals": return .bool(order >= 0)
            case "less": return .bool(order < 0)
            default: return .bool(order <= 0)
            }

        // Numbers
        case "int":
            guard a.count == 1 else { return nil }
            if let n = a[0].int { return .int(n) }
            return a[0].string.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map(TemplateValue.int)
        case "add", "sub", "mul", "div", "mod":
            guard a.count == 2, let x = a[0].int, let y = a[1].int else { return nil }
            switch name {
            case "add": let (r, o) = x.addingReportingOverflow(y); return o ? nil : .int(r)
            case "sub": let (r, o) = x.subtractingReportingOverflow(y); return o ? nil : .int(r)
            case "mul": let (r, o) = x.multipliedReportingOverflow(by: y); return o ? nil : .int(r)
            case "div": return y == 0 || (x == .min && y == -1) ? nil : .int(x / y)
            default: return y == 0 || (x == .min && y == -1) ? nil : .int(x % y)
            }
        case "min", "max":
            let items = a.count == 1 ? (a[0].array ?? a) : a
            let numbers = items.compactMap(\.int)
            guard !numbers.isEmpty, numbers.count == items.count else { return nil }
            return .int(name == "min" ? numbers.min()! : numbers.max()!)
        case "range":
            guard a.count == 2, let start = a[0].int, let count = a[1].int, count >= 0, count <= EvaluationBudget.maxLength,
                  start.addingReportingOverflow(count).overflow == false else { return nil }
            return .array((0..<count).map { .int(start + $0) })

        // Strings
        case "string":
            guard a.count == 1 else { return nil }
            if case .bool(let b) = a[0] { return .string(b ? "True" : "False") }
            return bounded(a[0].text)
        case "concat":
            if !a.isEmpty, a.allSatisfy({ $0.array != nil }) {
                let joined = a.flatMap { $0.array ?? [] }
                return joined.count <= EvaluationBudget.maxLength ? .array(joined) : nil
            }
            var out = ""
            for v in a {
                switch v {
                case .string(let s): out += s
                case .int(let n): out += String(n)
                case .bool(let b): out += b ? "True" : "False"
                case .null: continue
                default: return nil
                }
                if out.utf8.count > EvaluationBudget.maxLength { return nil }
            }
            return .string(out)
        case "format":
            guard let f = a.first?.string else { return nil }
            return format(f, Array(a.dropFirst()))
        case "tolower":
            guard a.count == 1, let s = a[0].string else { return nil }
            return .string(s.lowercased())
        case "toupper":
            guard a.count == 1, let s = a[0].string else { return nil }
            return .string(s.uppercased())
        case "trim":
            guard a.count == 1, let s = a[0].string else { return nil }
            return .string(s.trimmingCharacters(in: .whitespacesAndNewlines))
        case "replace":
            guard a.count == 3, let s = a[0].string, let old = a[1].string, let new = a[2].string, !old.isEmpty else { return nil }
            return bounded(s.replacingOccurrences(of: old, with: new))
        case "split":
            guard a.count == 2, let s = a[0].string else { return nil }
            let delimiters = a[1].string.map { [$0] } ?? a[1].array?.compactMap(\.string) ?? []
            guard !delimiters.isEmpty, !delimiters.contains("") else { return nil }
            var parts = [s]
            for d in delimiters { parts = parts.flatMap { $0.components(separatedBy: d) } }
            return .array(parts.map(TemplateValue.string))
        case "join":
            guard a.count == 2, let items = a[0].array, let d = a[1].string else { return nil }
            var texts: [String] = []
            for item in items {
                switch item {
                case .string(let s): texts.append(s)
                case .int(let n): texts.append(String(n))
                case .bool(let b): texts.append(b ? "True" : "False")
                default: return nil
                }
            }
            return bounded(texts.joined(separator: d))
        case "substring":
            guard (2...3).contains(a.count), let s = a[0].string, let start = a[1].int else { return nil }
            let units = Array(s.utf16)
            let length = a.count == 3 ? a[2].int : units.count - start
            guard let length, start >= 0, length >= 0, start + length <= units.count else { return nil }
            return .string(String(decoding: units[start..<(start + length)], as: UTF16.self))
        case "padleft":
            guard (2...3).contains(a.count), let width = a[1].int, width <= EvaluationBudget.maxLength else { return nil }
            let s: String
            switch a[0] {
            case .string(let t): s = t
            case .int(let n): s = String(n)
            default: return nil
            }
            let pad = a.count == 3 ? (a[2].string ?? "") : " "
            guard pad.count == 1 else { return nil }
            return .string(String(repeating: pad, count: max(0, width - s.count)) + s)
        case "startswith", "endswith":
            guard a.count == 2, let s = a[0].string?.lowercased(), let t = a[1].string?.lowercased() else { return nil }
            return .bool(name == "startswith" ? s.hasPrefix(t) : s.hasSuffix(t))
        case "indexof", "lastindexof":
            guard a.count == 2 else { return nil }
            if let s = a[0].string, let t = a[1].string {
                let units = Array(s.lowercased().utf16), target = Array(t.lowercased().utf16)
                guard !target.isEmpty else { return .int(name == "indexof" ? 0 : units.count - 1) }
                let starts = units.count >= target.count ? Array(0...(units.count - target.count)) : []
                let hits = starts.filter { Array(units[$0..<($0 + target.count)]) == target }
                return .int((name == "indexof" ? hits.first : hits.last) ?? -1)
            }
            if let items = a[0].array {
                let hits = items.indices.filter { items[$0] == a[1] }
                return .int((name == "indexof" ? hits.first : hits.last) ?? -1)
            }
            return nil
        case "guid", "uniquestring", "newguid", "utcnow", "datetimeadd", "datetimefromepoch", "datetimetoepoch",
             "base64", "base64tostring", "base64tojson", "uri", "uricomponent", "uricomponenttostring", "datauri",
             "datauritostring":
            // Hashes, clocks and encodings: exact values Azure computes at deployment, not guessed.
            return nil

        // Arrays and objects
        case "createarray":
            return .array(a)
        case "array":
            guard a.count == 1 else { return nil }
            if case .array = a[0] { return a[0] }
            return .array([a[0]])
        case "createobject":
            guard a.count % 2 == 0 else { return nil }
            var o = TemplateObject()
            for i in stride(from: 0, to: a.count, by: 2) {
                guard let key = a[i].string else { return nil }
                o.set(key, a[i + 1])
            }
            return .object(o)
        case "json":
            guard a.count == 1, let s = a[0].string else { return nil }
            return json(s)
        case "length":
            guard a.count == 1 else { return nil }
            switch a[0] {
            case .string(let s): return .int(s.utf16.count)
            case .array(let items): return .int(items.count)
            case .object(let o): return .int(o.members.count)
            default: return nil
            }
        case "empty":
            guard a.count == 1 else { return nil }
            switch a[0] {
            case .null: return .bool(true)
            case .string(let s): return .bool(s.isEmpty)
            case .array(let items): return .bool(items.isEmpty)
            case .object(let o): return .bool(o.members.isEmpty)
            default: return nil
            }
        case "contains":
            guard a.count == 2 else { return nil }
            switch (a[0], a[1]) {
            case (.string(let s), .string(let t)): return .bool(s.contains(t))
            case (.string(let s), .int(let n)): return .bool(s.contains(String(n)))
            case (.array(let items), let v): return .bool(items.contains(v))
            case (.object(let o), .string(let key)): return .bool(o[key] != nil)
            default: return nil
            }
        case "first", "last":
            guard a.count == 1 else { return nil }
            switch a[0] {
            case .string(let s):
                let c = name == "first" ? s.first : s.last
                return .string(c.map(String.init) ?? "")
            case .array(let items): return (name == "first" ? items.first : items.last) ?? .null
            default: return nil
            }
        case "take", "skip":
            guard a.count == 2, let n = a[1].int else { return nil }
            let k = max(0, n)
            switch a[0] {
            case .string(let s): return .string(String(name == "take" ? s.prefix(k) : s.dropFirst(k)))
            case .array(let items): return .array(Array(name == "take" ? items.prefix(k) : items.dropFirst(k)))
            default: return nil
            }
        case "union":
            guard !a.isEmpty else { return nil }
            if a.allSatisfy({ $0.object != nil }) {
                var o = TemplateObject()
                for v in a { for m in v.object?.members ?? [] { o.set(m.key, m.value) } }
                return .object(o)
            }
            if a.allSatisfy({ $0.array != nil }) {
                var out: [TemplateValue] = []
                for v in a { for item in v.array ?? [] where !out.contains(item) { out.append(item) } }
                return .array(out)
            }
            return nil
        case "intersection":
            guard let first = a.first else { return nil }
            if let items = first.array, a.allSatisfy({ $0.array != nil }) {
                var out: [TemplateValue] = []
                for item in items where !out.contains(item) && a.dropFirst().allSatisfy({ $0.array?.contains(item) == true }) {
                    out.append(item)
                }
                return .array(out)
            }
            if let o = first.object, a.allSatisfy({ $0.object != nil }) {
                return .object(TemplateObject(o.members.filter { m in a.dropFirst().allSatisfy { $0.object?[m.key] == m.value } }.map { ($0.key, $0.value) }))
            }
            return nil
        case "flatten":
            guard a.count == 1, let items = a[0].array else { return nil }
            var out: [TemplateValue] = []
            for item in items {
                guard let inner = item.array else { return nil }
                out += inner
            }
            return .array(out)
        case "items":
            guard a.count == 1, let o = a[0].object else { return nil }
            let sorted = o.members.sorted { $0.key.lowercased() < $1.key.lowercased() }
            return .array(sorted.map { .object(TemplateObject([("key", .string($0.key)), ("value", $0.value)])) })
        case "objectkeys":
            guard a.count == 1, let o = a[0].object else { return nil }
            return .array(o.members.map { .string($0.key) })
        case "shallowmerge":
            guard a.count == 1, let items = a[0].array else { return nil }
            var o = TemplateObject()
            for item in items {
                guard let m = item.object else { return nil }
                for member in m.members { o.set(member.key, member.value) }
            }
            return .object(o)
        case "tryget":
            guard a.count >= 2 else { return nil }
            var v = a[0]
            for key in a.dropFirst() {
                switch (v, key) {
                case (.object(let o), .string(let k)): v = o[k] ?? .null
                case (.array(let items), .int(let n)): v = n >= 0 && n < items.count ? items[n] : .null
                case (.null, _): return .null
                default: return nil
                }
            }
            return v
        case "tryindexfromend", "indexfromend":
            guard a.count == 2, let items = a[0].array, let n = a[1].int else { return nil }
            let i = items.count - n
            return i >= 0 && i < items.count ? items[i] : (name == "tryindexfromend" ? .null : nil)

        // CIDR (IPv4 and IPv6), as the template functions' CIDR page describes them
        case "parsecidr":
            guard a.count == 1, let s = a[0].string, let p = IPPrefix(s) else { return nil }
            let size = hostSpan(p)
            var o = TemplateObject([("network", .string(p.network.description))])
            o.set("netmask", .string(netmask(p).description))
            if p.isIPv4 {
                o.set("broadcast", .string(p.address(at: size).description))
                o.set("firstUsable", .string(p.address(at: p.length >= 31 ? 0 : 1).description))
                o.set("lastUsable", .string(p.address(at: p.length >= 31 ? size : size - 1).description))
            } else {
                o.set("firstUsable", .string(p.network.description))
                o.set("lastUsable", .string(p.address(at: size).description))
            }
            o.set("cidr", .int(p.length))
            return .object(o)
        case "cidrsubnet":
            guard a.count == 3, let s = a[0].string, let p = IPPrefix(s), let length = a[1].int, let index = a[2].int,
                  length >= p.length, length <= p.network.bitWidth, index >= 0,
                  length - p.length >= 64 || UInt64(index) < (UInt64(1) << UInt64(length - p.length)) else { return nil }
            let step = UInt128(index) << UInt128(p.network.bitWidth - length)
            return .string(IPPrefix(network: p.address(at: step), length: length).description)
        case "cidrhost":
            // Index 0 is the first usable address: the network's own address is skipped.
            guard a.count == 2, let s = a[0].string, let p = IPPrefix(s), let index = a[1].int, index >= 0,
                  UInt128(index) < hostSpan(p) else { return nil }
            return .string(p.address(at: UInt128(index) + 1).description)
        default:
            // reference(), list*(), pickZones(), environment(), deployment(), lambdas (filter,
            // map, reduce, sort, toObject…) and anything newer: not known from the template.
            return nil
        }
    }

    // MARK: Helpers

    private static func strings(_ a: [TemplateValue]) -> [String]? {
        var out: [String] = []
        for v in a {
            switch v {
            case .string(let s): out.append(s)
            case .int(let n): out.append(String(n))
            default: return nil
            }
        }
        return out
    }

    /// `/providers/NS/t1/n1/t2/n2` for a type `NS/t1/t2` and its names.
    static func providerPath(type: String, names: [String]) -> String? {
        let parts = type.split(separator: "/").map(String.init)
        guard parts.count >= 2, parts.count - 1 == names.count else { return nil }
        var path = "/providers/\(parts[0])"
        for (t, n) in zip(parts.dropFirst(), names) { path += "/\(t)/\(n)" }
        return path
    }

    /// `resourceId([subscriptionId], [resourceGroupName], type, names...)`.
    private static func resourceID(_ a: [TemplateValue], context: TemplateContext) -> TemplateValue? {
        guard let texts = strings(a), let t = texts.firstIndex(where: { $0.contains("/") }), t <= 2 else { return nil }
        let sub = t == 2 ? texts[0] : context.subscription
        let rg = t >= 1 ? texts[t - 1] : context.resourceGroup
        return providerPath(type: texts[t], names: Array(texts[(t + 1)...]))
            .map { .string("/subscriptions/\(sub)/resourceGroups/\(rg)" + $0) }
    }

    /// The offset of a prefix's last address from its first.
    private static func hostSpan(_ p: IPPrefix) -> UInt128 {
        let hostBits = p.network.bitWidth - p.length
        return hostBits >= 128 ? UInt128.max : (UInt128(1) << UInt128(hostBits)) - 1
    }

    /// A prefix's netmask as an address (`255.255.240.0`, `ffff:ffff:ffff::`).
    private static func netmask(_ p: IPPrefix) -> IPAddress {
        let hostBits = p.network.bitWidth - p.length
        if p.isIPv4 { return .v4(hostBits >= 32 ? 0 : ~UInt32(0) << UInt32(hostBits)) }
        return .v6(IPv6Bits(hostBits >= 128 ? 0 : ~UInt128(0) << UInt128(hostBits)))
    }

    private static func bounded(_ s: String) -> TemplateValue? {
        s.utf8.count <= EvaluationBudget.maxLength ? .string(s) : nil
    }

    /// .NET composite formatting as ARM's `format()` does it: `{0}`, `{1}`, `{{` and `}}`; a
    /// format specifier (`{0:N2}`) is honoured for none but strings, where it changes nothing.
    private static func format(_ f: String, _ args: [TemplateValue]) -> TemplateValue? {
        let chars = Array(f)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "}" {
                guard i + 1 < chars.count, chars[i + 1] == "}" else { return nil }
                out.append("}")
                i += 2
                continue
            }
            guard c == "{" else { out.append(c); i += 1; continue }
            if i + 1 < chars.count, chars[i + 1] == "{" {
                out.append("{")
                i += 2
                continue
            }
            guard let close = chars[(i + 1)...].firstIndex(of: "}") else { return nil }
            let spec = String(chars[(i + 1)..<close])
            i = close + 1
            let parts = spec.split(separator: ":", maxSplits: 1)
            guard let first = parts.first, let n = Int(first.trimmingCharacters(in: .whitespaces)), n >= 0, n < args.count else { return nil }
            switch args[n] {
            case .string(let s): out += s
            case .int(let v): if parts.count > 1 { return nil }; out += String(v)
            case .bool(let b): if parts.count > 1 { return nil }; out += b ? "True" : "False"
            case .null: break
            default: return nil
            }
            if out.utf8.count > EvaluationBudget.maxLength { return nil }
        }
        return .string(out)
    }

    /// `json(text)`: the value the JSON text holds.
    private static func json(_ s: String) -> TemplateValue? {
        guard let document = try? JSONParser.parse(Array(s.utf8)) else { return nil }
        return TemplateContext.literalValue(document.root)
    }
}
