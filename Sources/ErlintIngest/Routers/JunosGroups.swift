import ErlintModel

/// Junos configuration groups (`groups` and `apply-groups`), expanded as Junos does when it
/// commits: a statement the configuration sets itself wins, and what it leaves unset is
/// inherited from the groups applied at its level or above, the first listed first. A group's
/// list entries may name wildcards (`<*>`, `<ge-*>`, `<xe-0/0/[0-3]>`), which add to the
/// entries that match and create none. `apply-groups-except` turns a group off below it.
/// Exports made with `| display inheritance` are already expanded and carry no groups. Junos
/// writes `groups` before every other statement, so a stanza is expanded as it is read.
final class JunosGroups {
    /// Group name → its `groups` element.
    private var definitions: [String: XMLElement] = [:]
    /// Groups applied at the top of the configuration, in order.
    private var topLevel: [String] = []
    /// Groups applied at a container (`protocols/bgp` → …), in order.
    private var byContainer: [String: [String]] = [:]
    /// The stanzas the configuration itself holds, `path|key`, to tell which group stanzas are
    /// new (created by a group) at the end.
    private var seen = Set<String>()

    var isEmpty: Bool { definitions.isEmpty }

    func define(_ group: XMLElement) {
        group.markSubtreeRead()
        if let name = group.string("name") { definitions[name] = group }
    }

    /// `apply-groups` at `container` (empty: the top of the configuration).
    func apply(_ e: XMLElement, at container: String) {
        e.markRead()
        let name = e.text
        guard !name.isEmpty else { return }
        if container.isEmpty { topLevel.append(name) } else { byContainer[container, default: []].append(name) }
    }

    /// One level of a path in the configuration: an element name, and the list key (`name`)
    /// of the entry when it is one.
    struct Step {
        let name: String
        let key: String?
    }

    /// The stanza with what the groups applied to it add; the stanza itself when none does.
    func expand(_ stanza: XMLElement, path: String) -> XMLElement {
        guard !definitions.isEmpty else { return stanza }
        let containers = path.split(separator: "/").dropLast().map(String.init)
        let here = Step(name: stanza.name, key: Self.key(of: stanza))
        seen.insert(path + "|" + (here.key ?? ""))
        var applied = topLevel
        for n in containers.indices { applied += byContainer[containers[0...n].joined(separator: "/")] ?? [] }
        let steps = containers.map { Step(name: $0, key: nil) } + [here]
        let sources = applied.compactMap { g in definitions[g].flatMap { Self.counterparts(of: steps, in: $0).map { (g, $0) } } }.flatMap { g, es in es.map { (g, $0) } }
        guard !sources.isEmpty || Self.appliesInside(stanza) else { return stanza }
        let out = CapturedElements(names: stanza.stanza.names)
        merge(stanza, sources, steps: steps, into: out)
        return XMLElement(stanza: out, index: 0)
    }

    /// Group stanzas no configuration stanza matched, from the groups applied at the top: they
    /// create their statements (a group holding `protocols bgp group MSEE`). Wildcard entries
    /// create nothing.
    func created(walking rules: PathRule) -> [(element: XMLElement, path: String)] {
        var out: [(XMLElement, String)] = []
        for g in topLevel {
            guard let root = definitions[g] else { continue }
            collect(root, rules, path: "", into: &out)
        }
        return out
    }

    private func collect(_ element: XMLElement, _ rule: PathRule, path: String, into out: inout [(XMLElement, String)]) {
        for child in element.children where child.name != "name" {
            guard let r = rule.rule(for: child.name) else { continue }
            let p = path.isEmpty ? child.name : path + "/" + child.name
            switch r {
            case .stanza:
                let key = Self.key(of: child)
                if let key, Self.isWildcard(key) { continue }
                if seen.insert(p + "|" + (key ?? "")).inserted {
                    out.append((expand(child, path: p), p))
                }
            case .children:
                collect(child, r, path: p, into: &out)
            }
        }
    }

    // MARK: Merging

    /// Copies `element` (nil: taken from the first source) into `out`, and after its own
    /// children those of the sources it does not set, recursively.
    private func merge(_ element: XMLElement?, _ sources: [(group: String, element: XMLElement)], steps: [Step], into out: CapturedElements) {
        var except = Set<String>()
        if let element {
            for c in element.children where c.name == "apply-groups-except" {
                c.markRead()
                except.insert(c.text)
            }
        }
        var sources = sources.filter { !except.contains($0.group) }
        // `apply-groups` inside the element applies to it from here down.
        if let element {
            for a in element.children where a.name == "apply-groups" {
                a.markRead()
                let g = a.text
                guard !except.contains(g), let root = definitions[g] else { continue }
                sources += (Self.counterparts(of: steps, in: root) ?? []).map { (g, $0) }
            }
        }
        let base = element ?? sources[0].element
        let me = Self.copyNode(base, into: out, inherited: element == nil)
        var taken: [String] = []
        if let element {
            for c in element.children {
                let step = Step(name: c.name, key: Self.key(of: c))
                taken.append(step.name + "|" + (step.key ?? ""))
                let inner = sources.flatMap { s in Self.matching(step, in: s.element).map { (s.group, $0) } }
                merge(c, inner, steps: steps + [step], into: out)
            }
        }
        for s in sources {
            for c in s.element.children {
                let step = Step(name: c.name, key: Self.key(of: c))
                if let key = step.key, Self.isWildcard(key) { continue }
                let id = step.name + "|" + (step.key ?? "")
                if taken.contains(id) { continue }
                taken.append(id)
                let inner = sources.flatMap { s2 in Self.matching(step, in: s2.element).map { (s2.group, $0) } }
                merge(nil, inner, steps: steps + [step], into: out)
            }
        }
        out.nodes[me].end = Int32(out.nodes.count)
    }

    /// Appends a copy of one node (not its children) and returns its index.
    private static func copyNode(_ e: XMLElement, into out: CapturedElements, inherited: Bool) -> Int {
        let src = e.stanza.nodes[e.index]
        var node = src
        node.textStart = out.text.count
        node.attributeStart = Int32(out.attributes.count)
        out.text.append(contentsOf: e.stanza.text[src.textStart..<(src.textStart + src.textCount)])
        out.attributes.append(contentsOf: e.stanza.attributes[Int(src.attributeStart)..<Int(src.attributeStart + src.attributeCount)])
        // What a group adds is counted as read: its definition was, once, where it is written.
        node.isRead = inherited || src.isRead
        out.nodes.append(node)
        return out.nodes.count - 1
    }

    // MARK: Matching

    /// The elements at `steps` below a group's root, keys matched as wildcards.
    static func counterparts(of steps: [Step], in root: XMLElement) -> [XMLElement]? {
        var level = [root]
        for step in steps {
            level = level.flatMap { matching(step, in: $0) }
            if level.isEmpty { return nil }
        }
        return level
    }

    /// The children of `parent` that stand for `step`: same name, and a key that is the same or
    /// a wildcard matching it.
    static func matching(_ step: Step, in parent: XMLElement) -> [XMLElement] {
        var out: [XMLElement] = []
        for c in parent.children where c.name == step.name {
            let k = key(of: c)
            switch (step.key, k) {
            case (nil, nil): out.append(c)
            case (let a?, let b?) where a == b || isWildcard(b) && glob(String(b.dropFirst().dropLast()), matches: a): out.append(c)
            default: continue
            }
        }
        return out
    }

    /// A list entry's key: its `name` child's text.
    static func key(of e: XMLElement) -> String? {
        for c in e.children where c.name == "name" {
            let t = c.text
            return t.isEmpty ? nil : t
        }
        return nil
    }

    static func isWildcard(_ key: String) -> Bool { key.hasPrefix("<") && key.hasSuffix(">") }

    /// Junos's wildcards: `*` any run, `?` any one character, `[a-c]` one of a class.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        func match(_ i: Int, _ j: Int) -> Bool {
            if i == p.count { return j == t.count }
            switch p[i] {
            case "*":
                for k in j...t.count where match(i + 1, k) { return true }
                return false
            case "?":
                return j < t.count && match(i + 1, j + 1)
            case "[":
                guard j < t.count, let close = p[(i + 1)...].firstIndex(of: "]") else { return false }
                let set = Array(p[(i + 1)..<close])
                var ok = false, k = 0
                while k < set.count {
                    if k + 2 < set.count, set[k + 1] == "-" {
                        if set[k] <= t[j] && t[j] <= set[k + 2] { ok = true }
                        k += 3
                    } else {
                        if set[k] == t[j] { ok = true }
                        k += 1
                    }
                }
                return ok && match(close + 1, j + 1)
            default:
                return j < t.count && p[i] == t[j] && match(i + 1, j + 1)
            }
        }
        return match(0, 0)
    }

    /// Whether an `apply-groups` lies inside the stanza (it may expand even when none applies above).
    static func appliesInside(_ e: XMLElement) -> Bool {
        var i = e.index + 1
        let end = Int(e.stanza.nodes[e.index].end)
        while i < end {
            if e.stanza.names[e.stanza.nodes[i].name] == "apply-groups" { return true }
            i += 1
        }
        return false
    }
}
