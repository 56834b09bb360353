import ErlintModel

/// Reads an ARM template the way Azure deploys it: classic (`resources` an array, child
/// resources nested) or compiled from Bicep (`languageVersion` 2.0, `resources` an object keyed
/// by symbolic name); parameters from a parameters file, else their defaults; `copy` loops on
/// resources and properties expanded; `condition`s that are false leave their resource out;
/// `existing` resources are references, not declarations; nested deployments with inline
/// templates read in their inner or outer expression scope. Each resource is materialized
/// (`MaterializedResource`) and read like a resource of any export.
extension ARMExportReader {
    /// How deep nested deployments are followed.
    static let maxDeploymentDepth = 8

    /// A template found in the file: evaluated where the manifest deploys it, else under a
    /// placeholder subscription of its own (so two templates never share ids).
    mutating func readTemplateFile(_ t: JSONElement) {
        readTemplates = true
        let placement: (subscription: String, resourceGroup: String)
        if let target {
            placement = (target.subscription, target.resourceGroup)
        } else {
            placement = (Self.placeholderSubscription(for: file), "unknown-resource-group")
            fields.diagnostics.append(Diagnostic(.warning, fields.location(t),
                "ARM template has no deployment scope, so its resources get placeholder ids (subscription \(placement.subscription)) "
                + "and no customer claims them: expected a 'deployments' entry for this file in the manifest (template, subscription, resourceGroup)"))
        }
        var given: [String: TemplateContext.GivenValue] = [:]
        for (k, v) in parameterValues?.members ?? [] {
            // A parameters file gives `{"value": ...}` or a Key Vault `{"reference": ...}`.
            if let value = v["value"] {
                given[k] = .literal(value)
            } else if v["reference"] != nil {
                given[k] = .value(.unknown("parameters('\(k)') (a Key Vault reference in \(parametersFile ?? "the parameters file"))"))
            }
        }
        let context = TemplateContext(template: t, given: given, subscription: placement.subscription,
                                      resourceGroup: placement.resourceGroup, budget: EvaluationBudget())
        readTemplate(t, context: context, target: placement, depth: 0)
        if context.budget.exhausted {
            fields.diagnostics.append(Diagnostic(.warning, fields.location(t),
                "the template's expressions ask for more work than erlint's evaluation budget allows; values past it are read as unresolved"))
        }
    }

    /// `unscoped-` and eight hex digits of the file's path as given: stable from run to run
    /// (findings keep their fingerprints), different for every template.
    static func placeholderSubscription(for file: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for b in file.utf8 { hash = (hash ^ UInt32(b)) &* 16_777_619 }
        let hex = String(hash, radix: 16)
        return "unscoped-" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// The resources a template declares, in the order written.
    private mutating func readTemplate(_ t: JSONElement, context: TemplateContext, target: (subscription: String, resourceGroup: String),
                                       depth: Int) {
        guard let resources = t["resources"] else { return }
        let declarations = resources.isObject ? resources.members.map(\.value) : resources.elements
        for r in declarations where r.isObject {
            readDeclaration(r, parentType: nil, parentNames: [], context: context, target: target, depth: depth)
        }
    }

    /// One resource declaration, once per iteration of its `copy` loop.
    private mutating func readDeclaration(_ r: JSONElement, parentType: String?, parentNames: [String], context: TemplateContext,
                                          target: (subscription: String, resourceGroup: String), depth: Int) {
        guard let typeElement = r["type"], typeElement.isString, var type = typeElement.stringValue else {
            if let t = r["type"] { fields.wrongType(t, "type", "a resource type string") }
            return
        }
        if let parentType, !type.contains("/") { type = parentType + "/" + type }
        // An `existing` resource is a reference to one deployed elsewhere.
        if let existing = r["existing"], context.value(of: existing) == .bool(true) { return }
        let isDeployment = type.lowercased() == "microsoft.resources/deployments"
        let interesting = isDeployment || Self.isNetworkType(type)
        guard let copy = r["copy"], copy.isObject else {
            readOne(r, type: type, parentNames: parentNames, loopIndex: nil, context: context, target: target, depth: depth)
            return
        }
        let loop = copy["name"]?.stringValue ?? "copy"
        guard let count = context.copyCount(copy) else {
            if interesting {
                let written = copy["count"].map { $0.stringValue ?? $0.numberText ?? $0.summary } ?? "(none)"
                fields.diagnostics.append(Diagnostic(.note, fields.location(copy),
                    "copy loop '\(loop)' of \(type): its count \(written) cannot be resolved from the template, so no resource is read from it "
                    + "(give the template's parameters a value: a parameters file beside it, or the manifest's deployments entry)"))
            }
            return
        }
        for i in 0..<count {
            context.loops.append(TemplateContext.Loop(name: loop, index: i, copiesResources: true))
            readOne(r, type: type, parentNames: parentNames, loopIndex: i, context: context, target: target, depth: depth)
            context.loops.removeLast()
        }
    }

    /// One resource (or nested deployment) of a declaration, in one iteration of its loop.
    private mutating func readOne(_ r: JSONElement, type: String, parentNames: [String], loopIndex: Int?, context: TemplateContext,
                                  target: (subscription: String, resourceGroup: String), depth: Int) {
        var assumedDeployed: String?
        if let condition = r["condition"] {
            switch context.value(of: condition) {
            case .bool(false): return
            case .bool(true): break
            default: assumedDeployed = condition.stringValue ?? condition.summary
            }
        }
        if type.lowercased() == "microsoft.resources/deployments" {
            readNestedDeployment(r, context: context, target: target, depth: depth)
            return
        }
        guard Self.isNetworkType(type) else {
            ignoredTypes[type, default: 0] += 1
            return
        }
        if let assumedDeployed {
            fields.diagnostics.append(Diagnostic(.note, fields.location(r["condition"] ?? r),
                "the condition \(assumedDeployed) of this \(type) cannot be resolved from the template: it is read as deployed"))
        }
        guard let nameElement = r["name"] else {
            recordNameless(r, type)
            return
        }
        // The name, and the id Azure would give the resource.
        let name = context.value(of: nameElement)
        let rawName = nameElement.stringValue ?? nameElement.summary
        var nameUnresolved: UnresolvedField?
        var names: [String]
        switch name {
        case .string(let s) where !s.isEmpty: names = s.split(separator: "/").map(String.init)
        case .int(let n): names = [String(n)]
        default:
            nameUnresolved = UnresolvedField(field: "name", expression: rawName, location: fields.location(nameElement))
            names = [rawName + (loopIndex.map { "[\($0)]" } ?? "")]
        }
        let depthOfType = type.split(separator: "/").count - 1
        if names.count < depthOfType { names = Array(parentNames.prefix(depthOfType - names.count)) + names }
        // A name left as an expression still gets an id of this deployment (its slashes kept out
        // of the path), so that the resource is told apart and placed with its template's others.
        let pathNames = nameUnresolved == nil ? names : names.map { $0.replacingOccurrences(of: "/", with: "\u{2215}") }
        let id = TemplateFunctions.providerPath(type: type, names: pathNames)
            .map { ResourceID("/subscriptions/\(target.subscription)/resourceGroups/\(target.resourceGroup)" + $0) }
            ?? ResourceID("template:\(file):\(names.joined(separator: "/"))")
        guard let materialized = MaterializedResource.make(r, in: context) else { return }
        // The materialized resource is read with a field reader of its own, which places its
        // values in the template.
        let outer = fields
        fields = FieldReader(file: file, lines: outer.lines, document: materialized.document, materialized: materialized.positions)
        if let nameUnresolved { fields.unresolved.append(nameUnresolved) }
        for note in materialized.notes {
            fields.diagnostics.append(Diagnostic(.note, fields.lines.location(file, note.offset), "\(type) \(names.last ?? rawName): \(note.message)"))
        }
        readResource(materialized.document.root, parent: depthOfType > 1 ? id.parent : nil, typeOverride: type, idOverride: id,
                     nameOverride: names.last ?? rawName, unresolvedStart: 0)
        let inner = fields
        fields = outer
        fields.diagnostics += inner.diagnostics
        // Child resources nested in a classic template.
        for child in r["resources"]?.elements ?? [] where child.isObject {
            readDeclaration(child, parentType: type, parentNames: names, context: context, target: target, depth: depth)
        }
    }

    /// A `Microsoft.Resources/deployments` resource: its inline template read where it deploys,
    /// its expressions in the outer scope (the default: the parent's parameters and variables)
    /// or the inner one (its own, with the values the parent passes).
    private mutating func readNestedDeployment(_ r: JSONElement, context: TemplateContext,
                                               target: (subscription: String, resourceGroup: String), depth: Int) {
        let name = r["name"].flatMap { context.value(of: $0).string ?? $0.stringValue } ?? "a nested deployment"
        guard let properties = r["properties"], properties.isObject else { return }
        guard let template = properties["template"], template.isObject else {
            if properties["templateLink"] != nil {
                fields.diagnostics.append(Diagnostic(.note, fields.location(properties["templateLink"] ?? r),
                    "nested deployment \(name) links its template (templateLink), which erlint does not fetch: export the linked template and read it as a template of its own"))
            }
            return
        }
        guard depth < Self.maxDeploymentDepth else {
            fields.diagnostics.append(Diagnostic(.warning, fields.location(r),
                "nested deployment \(name) is more than \(Self.maxDeploymentDepth) deployments deep: not read"))
            return
        }
        // Where the nested deployment deploys: its own subscription and resource group, if set.
        var nested = target
        if let sub = r["subscriptionId"].map(context.value(of:))?.string { nested.subscription = sub }
        if let rg = r["resourceGroup"].map(context.value(of:))?.string { nested.resourceGroup = rg }
        let inner = properties["expressionEvaluationOptions"]?["scope"]?.stringValue?.lowercased() == "inner"
        let nestedContext: TemplateContext
        if inner {
            var given: [String: TemplateContext.GivenValue] = [:]
            for (k, v) in properties["parameters"]?.members ?? [] {
                if let value = v["value"] {
                    given[k] = .value(context.value(of: value))
                } else if v["reference"] != nil {
                    given[k] = .value(.unknown("parameters('\(k)') (a Key Vault reference)"))
                }
            }
            nestedContext = TemplateContext(template: template, given: given, subscription: nested.subscription,
                                            resourceGroup: nested.resourceGroup, budget: context.budget)
        } else {
            nestedContext = context
        }
        readTemplate(template, context: nestedContext, target: nested, depth: depth + 1)
    }
}
