import ErlintModel

/// Finds the Azure resources in one parsed JSON file, whatever tool exported it, and reads each
/// into a typed `Resource`.
///
/// Shapes: a resource object; an array of them; `{"value": [...]}` (REST list); an ARM
/// template, classic or compiled from Bicep (`TemplateReader`); `{"data": [...]}` (Resource
/// Graph); REST examples (`responses` → `200` → `body`). A list or GET body of child resources
/// often carries no `type`: it is taken from the id's provider path.
struct ARMExportReader {
    /// Where an ARM template is deployed (the manifest's `deployments` entry), if known, and
    /// the parameter values it is deployed with.
    struct TemplateTarget: Sendable {
        var subscription: String
        var resourceGroup: String
        /// The parameters file the manifest names for the template (canonical path).
        var parametersFile: String?
    }

    let file: String
    let target: TemplateTarget?
    /// The `parameters` object of the template's parameters file, when one applies.
    var parameterValues: JSONElement?
    /// Where those values came from, for messages.
    var parametersFile: String?
    /// A parameters file (`deploymentParameters` schema) was read: it holds no resources of its own.
    private(set) var isParametersFile = false
    /// A template was read (`TemplateReader`).
    var readTemplates = false
    var fields: FieldReader
    var resources: [Resource] = []
    /// The indexes in `resources` of those whose parent or a reference lies outside their own
    /// subscription (all that name anything, for a resource whose id has none).
    var leaving: [Int32] = []
    /// Resources outside Microsoft.Network, by type: counted, not modelled.
    var ignoredTypes: [String: Int] = [:]
    /// Read only circuits and their peerings, for the circuit links they declare (a shard that
    /// needs another's links and nothing else of its export: `EstateLoader.secondRound`).
    var linksOnly = false

    init(file: String, lines: LineIndex, document: JSONDocument, target: TemplateTarget?) {
        self.file = file
        self.target = target
        self.fields = FieldReader(file: file, lines: lines, document: document)
    }

    var diagnostics: [Diagnostic] { fields.diagnostics }

    mutating func read(_ root: JSONElement) {
        let before = resources.count + ignoredTypes.values.reduce(0, +)
        collect(root, depth: 0)
        let none = resources.count + ignoredTypes.values.reduce(0, +) == before
        if none && readTemplates && !linksOnly {
            fields.diagnostics.append(Diagnostic(.note, fields.location(root),
                "the template deploys no resources, once its conditions and copy loops are worked out"))
        }
        if none && !linksOnly && !isParametersFile && !readTemplates {
            // An empty list is a legitimate export (`az network express-route list` with no circuits).
            let empty = (root.isArray && root.elements.isEmpty) || root["value"]?.elements.isEmpty == true
                || root["data"]?.elements.isEmpty == true
            fields.diagnostics.append(Diagnostic(empty ? .note : .warning, fields.location(root),
                "no Azure resources found: expected a resource object (with 'type' and 'name'), an array of them, "
                + "{\"value\": [...]}, {\"data\": [...]}, an ARM template with 'resources', or a REST example with 'responses'"))
        }
    }

    /// Reads one element of a list of resources read alone (a piece of an export,
    /// `ExportPieces`), as reading the whole list reads it.
    mutating func readElement(_ e: JSONElement) {
        collect(e, depth: 1)
    }

    private mutating func collect(_ e: JSONElement, depth: Int) {
        guard depth < 16 else { return }
        if e.isArray {
            for item in e.elements where item.isObject || item.isArray { collect(item, depth: depth + 1) }
            return
        }
        guard e.isObject else { return }
        if Self.isTemplate(e) {
            readTemplateFile(e)
        } else if Self.isParametersFile(e) {
            isParametersFile = true
        } else if let responses = e["responses"], responses.isObject {
            // REST examples: the first success response's body.
            let success = responses.members.filter { $0.key.hasPrefix("2") }.sorted { $0.key < $1.key }
            if let body = success.first?.value["body"] { collect(body, depth: depth + 1) }
        } else if let type = e["type"], type.isString {
            readResource(e, parent: nil)
        } else if let value = e["value"], value.isArray {
            collect(value, depth: depth + 1)
        } else if let data = e["data"], data.isArray {
            collect(data, depth: depth + 1)
        } else if e["type"] == nil, let id = e["id"]?.stringValue, e["name"]?.isString == true, let type = ResourceID(id).providerType {
            // A REST body of a child resource (a peering, a route, a vWAN connection) often
            // carries its id and name but no type.
            readResource(e, parent: nil, typeOverride: type)
        }
    }

    /// An ARM template, classic or compiled from Bicep (`languageVersion` 2.0, `resources` an
    /// object keyed by symbolic name).
    static func isTemplate(_ e: JSONElement) -> Bool {
        guard e.isObject else { return false }
        if let schema = e["$schema"]?.stringValue, schema.lowercased().contains("deploymenttemplate") { return true }
        guard let resources = e["resources"], resources.isArray || resources.isObject else { return false }
        return e["contentVersion"] != nil || e["languageVersion"] != nil
    }

    /// An ARM parameters file: the values a template is deployed with.
    static func isParametersFile(_ e: JSONElement) -> Bool {
        guard e.isObject else { return false }
        if let schema = e["$schema"]?.stringValue, schema.lowercased().contains("deploymentparameters") { return true }
        return e["contentVersion"] != nil && e["parameters"]?.isObject == true && e["resources"] == nil
    }

    // MARK: Resources

    /// A resource with no name: a warning, and the resource is not read (it has no id to be).
    mutating func recordNameless(_ r: JSONElement, _ type: String) {
        fields.diagnostics.append(Diagnostic(.warning, fields.location(r),
            "resource of type \(type) has no 'name': expected a string name; the resource is not read"))
    }

    /// Reads one resource object and its inline children.
    mutating func readResource(
        _ e: JSONElement, parent: ResourceID?,
        typeOverride: String? = nil, idOverride: consuming ResourceID? = nil, nameOverride: String? = nil,
        unresolvedStart: Int? = nil, childType: ResourceType? = nil
    ) {
        // An inline child's type is known from the collection it is in (most resources are
        // routes and NSG rules read so): not spelled out, lowercased and looked up again.
        let typeName = childType?.rawValue ?? typeOverride ?? e["type"]?.stringValue ?? ""
        guard childType != nil || Self.isNetworkType(typeName) else {
            if !typeName.isEmpty { ignoredTypes[typeName, default: 0] += 1 }
            return
        }
        let type = childType ?? ResourceType(anyCase: typeName)
        if linksOnly && type != .circuit && type != .circuitPeering { return }
        // Expressions met while resolving this resource's name belong to it too.
        let detailStart = unresolvedStart ?? fields.unresolved.count
        var name = nameOverride
        if name == nil, let n = fields.member(e, "name") {
            if fields.isString(n) { name = fields.text(at: n, "name") ?? fields.literal(n) } else { fields.wrongType(at: n, "name", "a string") }
        }
        if name == nil, type == .circuitPeering { name = fields.string(e, "peeringType") }
        // The id is made once and moved, not copied from optional to optional (each copy of an
        // id retains and releases its two strings).
        var readID: ResourceID?
        if idOverride == nil, let idElement = fields.member(e, "id") {
            if fields.isString(idElement) { readID = fields.text(at: idElement, "id").map(ResourceID.init) }
            else { fields.wrongType(at: idElement, "id", "a resource id string") }
        }
        guard let name, !name.isEmpty else {
            recordNameless(e, typeName)
            return
        }
        let resourceID: ResourceID
        if let given = consume idOverride {
            resourceID = given
        } else if let read = consume readID {
            resourceID = read
        } else if let parent, let seg = type?.childSegment {
            resourceID = parent.child(seg, name)
        } else {
            resourceID = ResourceID("/providers/\(typeName)/\(name)")
            fields.diagnostics.append(Diagnostic(.warning, fields.location(e),
                "resource \(name) of type \(typeName) has no 'id': expected the full Azure resource id; "
                + "it cannot be claimed by a customer or referenced"))
        }
        fields.enter(resourceID)
        let detail = readDetail(e, type)
        var unresolved: [UnresolvedField] = []
        if fields.unresolved.count > detailStart {
            unresolved = Array(fields.unresolved[detailStart...])
            fields.unresolved.removeSubrange(detailStart...)
        }
        let parentID = parent ?? (type?.parentType != nil ? resourceID.parent : nil)
        var leaves = fields.leftHome
        if !leaves, let p = parentID, !fields.isHome(p) { leaves = true }
        if leaves { leaving.append(Int32(resources.count)) }
        resources.append(Resource(
            id: resourceID, type: type, typeName: type?.rawValue ?? typeName, name: name,
            origin: fields.location(e), parent: consume parentID,
            unresolved: unresolved, detail: consume detail))
        if let type { readInlineChildren(e, resourceID, type) }
    }

    private static let networkPrefix = Array("microsoft.network/".utf8)

    /// Whether a type is under Microsoft.Network, in any case, compared on the bytes in place.
    static func isNetworkType(_ typeName: String) -> Bool {
        var name = typeName
        return name.withUTF8 { b in
            guard b.count >= networkPrefix.count else { return false }
            for i in 0..<networkPrefix.count where (b[i] >= 65 && b[i] <= 90 ? b[i] + 32 : b[i]) != networkPrefix[i] { return false }
            return true
        }
    }

    private mutating func readInlineChildren(_ e: JSONElement, _ id: ResourceID, _ type: ResourceType) {
        let collections: [(String, ResourceType)]
        switch type {
        case .circuit: collections = [("peerings", .circuitPeering), ("authorizations", .circuitAuthorization)]
        case .port: collections = [("links", .portLink)]
        case .virtualNetwork: collections = [("subnets", .subnet), ("virtualNetworkPeerings", .virtualNetworkPeering)]
        case .routeTable: collections = [("routes", .route)]
        case .networkSecurityGroup:
            collections = [("securityRules", .securityRule), ("defaultSecurityRules", .defaultSecurityRule)]
        default: return
        }
        for (key, childType) in collections {
            for child in fields.objects(e, key) {
                // Not `flatMap(fields.literal)`: a method of `fields` taken as a function copies it.
                let childID = fields.member(child, "id").flatMap { fields.literal($0) }
                readResource(child, parent: id,
                             idOverride: childID.flatMap { TemplateExpression.isExpression($0) ? nil : ResourceID($0) },
                             childType: childType)
            }
        }
    }
}
