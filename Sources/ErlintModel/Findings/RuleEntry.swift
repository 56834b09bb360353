/// One rule of the rule pack (`rules/<family>/<ID>.yaml`): what reporters, `erlint rules` and
/// `erlint explain` show, and the settings a CSP may override with `--rules DIR`. A built-in
/// rule's check is Swift; a declarative rule's check is the `check` block of its entry.
public struct RuleEntry: Sendable, Hashable {
    /// Short and stable (`HA001`); never reused for another check.
    public var id: String
    /// Readable and stable (`links-on-distinct-routers`).
    public var name: String
    public var title: String
    /// The family: HA, SEG, MSP, UDR, ENC, CFG, or a CSP's own.
    public var family: String
    public var severity: Severity
    public var rationale: String
    public var remediation: String
    public var references: [String]
    public var parameters: [RuleParameter]
    /// False when a CSP switched the rule off.
    public var enabled: Bool
    /// Tags for code-scanning dashboards (`security`, `availability`…).
    public var tags: [String]
    public var check: DeclarativeCheck?
    /// Examples written in the entry (declarative rules); built-in rules carry theirs in Swift.
    public var examples: [RuleExample]
    /// The file (and line) the entry was read from, and the file that last overrode it.
    public var location: SourceLocation
    public var overriddenBy: SourceLocation?

    public init(id: String, name: String, title: String, family: String, severity: Severity,
                rationale: String, remediation: String, references: [String] = [],
                parameters: [RuleParameter] = [], enabled: Bool = true, tags: [String] = [],
                check: DeclarativeCheck? = nil, examples: [RuleExample] = [], location: SourceLocation,
                overriddenBy: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.title = title
        self.family = family
        self.severity = severity
        self.rationale = rationale
        self.remediation = remediation
        self.references = references
        self.parameters = parameters
        self.enabled = enabled
        self.tags = tags
        self.check = check
        self.examples = examples
        self.location = location
        self.overriddenBy = overriddenBy
    }

    public func parameter(_ name: String) -> RuleParameter? { parameters.first { $0.name == name } }
}

/// A typed setting of a rule, e.g. the bandwidths a provider offers.
public struct RuleParameter: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case integer, integers, string, strings, boolean, prefixes
    }
    public enum Value: Sendable, Hashable, CustomStringConvertible {
        case integer(Int), integers([Int]), string(String), strings([String]), boolean(Bool), prefixes([IPPrefix])

        public var kind: Kind {
            switch self {
            case .integer: .integer
            case .integers: .integers
            case .string: .string
            case .strings: .strings
            case .boolean: .boolean
            case .prefixes: .prefixes
            }
        }

        public var description: String {
            switch self {
            case .integer(let v): String(v)
            case .integers(let v): "[" + v.map(String.init).joined(separator: ", ") + "]"
            case .string(let v): v
            case .strings(let v): "[" + v.joined(separator: ", ") + "]"
            case .boolean(let v): String(v)
            case .prefixes(let v): "[" + v.map(\.description).joined(separator: ", ") + "]"
            }
        }
    }

    public var name: String
    public var value: Value
    public var description: String

    public init(name: String, value: Value, description: String) {
        self.name = name
        self.value = value
        self.description = description
    }
}

/// An estate fragment that breaks a rule or passes it: shown by `erlint explain` and run as the
/// rule's test.
public struct RuleExample: Sendable, Hashable {
    public struct File: Sendable, Hashable {
        /// Relative path, e.g. `network.json` or `routers/edge-1.xml`.
        public var path: String
        public var content: String
        public init(_ path: String, _ content: String) {
            self.path = path
            self.content = content
        }
    }

    public var summary: String
    /// True when the fragment must give at least one violation of the rule, false when it must
    /// give no finding of the rule at all.
    public var breaks: Bool
    public var files: [File]
    /// The estate manifest (YAML), if the rule needs customers or postures.
    public var manifest: String?
    /// Text every violation's message must contain (the evidence the rule promises).
    public var mentions: [String]

    public init(_ summary: String, breaks: Bool, files: [File], manifest: String? = nil, mentions: [String] = []) {
        self.summary = summary
        self.breaks = breaks
        self.files = files
        self.manifest = manifest
        self.mentions = mentions
    }
}
