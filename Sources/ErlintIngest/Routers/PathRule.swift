import ErlintModel

/// Which elements of a dialect a reader wants, as a tree of element names: walk into
/// `children`, capture a `stanza` whole, and skip (and count) anything not listed.
indirect enum PathRule: Sendable {
    /// Walk in; children not in the map follow `other` (nil: skip them). A handful of names
    /// each, looked through in order: hashing the name for a `Dictionary` cost more than
    /// comparing it with each (every element outside a stanza is looked up here).
    case children(KeyValuePairs<String, PathRule>, other: PathRule? = nil)
    /// Capture this element and everything in it, and hand it to the reader.
    case stanza

    func rule(for child: String) -> PathRule? {
        switch self {
        case .children(let map, let other):
            for (name, rule) in map where name == child { return rule }
            return other
        case .stanza: return nil
        }
    }
}

/// One dialect's reader. The router-config reader enters it at a top element it recognises
/// (`configuration`, an OpenConfig or IOS-XR model root) and hands it every captured stanza.
protocol DialectReader: AnyObject {
    var dialect: RouterDialect { get }
    /// The rule for a top element of this dialect, or nil if the reader does not read it.
    func rule(forTop name: String) -> PathRule?
    /// A captured stanza; `path` holds the element names from the top element down to it,
    /// joined by `/` (`interfaces/interface`).
    func read(_ stanza: XMLElement, path: String, into build: RouterBuild)
    /// Called once at the end of the document: resolve group inheritance and cross references.
    func finish(into build: RouterBuild)
    /// The stanza as the router sees it, before it is read: with what configuration groups add
    /// (Junos). The stanza itself in the other dialects.
    func expand(_ stanza: XMLElement, path: String) -> XMLElement
}

extension DialectReader {
    func expand(_ stanza: XMLElement, path: String) -> XMLElement { stanza }
}
