import ErlintModel

/// Finds the Azure resources in one parsed JSON file, whatever tool exported it, and reads each
/// into a typed `Resource`.
///
/// Shapes: a resource object; an array of them; `{"value": [...]}` (REST list); an ARM
/// template (child resources nested under `resources`, names and ids as expressions);
/// `{"data": [...]}` (Resource Graph); REST examples (`responses` → `200` → `body`).
struct ARMExportReader {
    /// Where ARM template resources are deployed (from the manifest), if known.
    struct TemplateScope: Sendable {
        var subscription: String
        var resourceGroup: String
    }

    let file: String
    let scope: TemplateScope?
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

    init(file: String, lines: LineIndex, document: JSONDocument, scope: TemplateScope?) {
        self.file = file
        self.scope = scope
        self.fields = FieldReader(file: file, lines: lines, document: document, template: nil)
    }

    var diagnostics: [Diagnostic] { fields.diagnostics }

    mutating func read(_ root: JSONElement) {
        let before = resources.count + ignoredTypes.values.reduce(0, +)
        collect(root, depth: 0)
        if resources.count + ignoredTypes.values.reduce(0, +) == before && !linksOnly {
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
        if isTemplate(e) {
            readTemplate(e)
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
        }
    }

    private func isTemplate(_ e: JSONElement) -> Bool {
        if let schema = e["$schema"]?.stringValue, schema.lowercased().contains("deploymenttemplate") { return true }
        return e["resources"]?.isArray == true && e["contentVersion"] != nil
    }

    // MARK: ARM templates

    private mutating func readTemplate(_ t: JSONElement) {
        var context = TemplateExpression.Context(
            subscription: scope?.subscription ?? "unknown-subscription",
            resourceGroup: scope?.resourceGroup ?? "unknown-resource-group")
        for (k, v) in t["parameters"]?.members ?? [] { context.parameters[k] = v }
        for (k, v) in t["variables"]?.members ?? [] { context.variables[k] = v }
        if scope == nil {
            fields.diagnostics.append(Diagnostic(.warning, fields.location(t),
                "ARM template has no deployment scope, so its resources get placeholder ids and no customer claims them: "
                + "expected a 'deployments' entry for this file in the manifest (template, subscription, resourceGroup)"))
        }
        let saved = fields.template
        fields.template = context
        for r in t["resources"]?.elements ?? [] where r.isObject {
            readTemplateResource(r, parentType: nil, parentNames: [], context: context)
        }
        fields.template = saved
    }

    private mutating func readTemplateResource(
        _ r: JSONElement, parentType: String?, parentNames: [String], context: TemplateExpression.Context
    ) {
        guard let typeElement = r["type"], typeElement.isString, var type = fields.text(typeElement, "type") else {
            if let t = r["type"], !t.isString { fields.wrongType(t, "type", "a resource type string") }
            return
        }
        if let parentType, !type.contains("/") { type = parentType + "/" + type }
        // A nested deployment carries a whole template of its own.
        if type.lowercased() == "microsoft.resources/deployments",
           let inner = fields.path(r, "template"), inner.isObject {
            readTemplate(inner)
            return
        }
        guard let nameElement = r["name"], nameElement.isString else {
            recordNameless(r, type)
            return
        }
        let rawName = nameElement.stringValue ?? ""
        let unresolvedStart = fields.unresolved.count
        let resolved = fields.text(nameElement, "name") ?? rawName
        var names = resolved.split(separator: "/").map(String.init)
        let depth = type.split(separator: "/").count - 1
        if names.count < depth { names = Array(parentNames.prefix(depth - names.count)) + names }
        let id = TemplateExpression.resourceID(type: type, names: names, subscription: context.subscription,
                                               resourceGroup: context.resourceGroup)
            .map(ResourceID.init) ?? ResourceID("template:\(file):\(rawName)")
        let parent: ResourceID? = depth > 1 ? id.parent : nil
        readResource(r, parent: parent, typeOverride: type, idOverride: id, nameOverride: names.last ?? resolved,
                     unresolvedStart: unresolvedStart)
        for child in r["resources"]?.elements ?? [] where child.isObject {
            readTemplateResource(child, parentType: type, parentNames: names, context: context)
        }
    }

    private mutating func recordNameless(_ r: JSONElement, _ type: String) {
        fields.diagnostics.append(Diagnostic(.error, fields.location(r),
            "resource of type \(type) has no 'name': expected a string name"))
    }

    // MARK: Resources

    /// Reads one resource object and its inline children.
    private mutating func readResource(
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
