import Foundation
import ErlintModel
import Yams

/// Reads the estate manifest (YAML or JSON, one schema: docs/manifest.md).
public enum ManifestReader {
    static let topKeys = ["csp", "customers", "routers", "deployments"]
    static let customerKeys = ["id", "name", "model", "subscriptions", "posture", "ownedPrefixes", "asns",
                               "onPremisesPrefixes", "encryptionAppliances"]

    /// Reads a manifest file; posture names resolve against `profiles`.
    public static func read(file: String, profiles: [String: Posture]) -> (manifest: EstateManifest?, diagnostics: [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: file) else {
            return (nil, [Diagnostic(.error, .wholeFile(file), "cannot read the manifest: no such file or not readable")])
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return (nil, [Diagnostic(.error, .wholeFile(file), "the manifest is not UTF-8 text: expected a UTF-8 YAML or JSON file")])
        }
        return read(text: text, file: file, profiles: profiles)
    }

    public static func read(text: String, file: String, profiles: [String: Posture]) -> (manifest: EstateManifest?, diagnostics: [Diagnostic]) {
        var f = YAMLFields(file: file)
        guard let root = f.compose(text, typed: false),
              let top = f.mapping(root, "the manifest", allowed: topKeys, required: ["customers"]) else {
            return (nil, f.diagnostics)
        }
        var manifest = EstateManifest(file: file)
        if let n = top["csp"], let csp = f.mapping(n, "csp", allowed: ["name", "asns", "ownedPrefixes"], required: ["name"]) {
            manifest.csp = CloudSolutionProvider(
                name: f.string(csp["name"], "csp name") ?? "", asns: f.asns(csp["asns"], "csp asns"),
                ownedPrefixes: f.prefixes(csp["ownedPrefixes"], "csp ownedPrefixes"), location: f.location(n))
        }
        var seenCustomers: [String: SourceLocation] = [:]
        var seenSubscriptions: [String: String] = [:]
        for n in f.list(top["customers"], "customers") {
            // Duplicates are reported even when the entry has other errors.
            let entryID = customerID(n)
            if let id = entryID, let first = seenCustomers[id] {
                f.error(n, "duplicate customer id '\(id)' (first at line \(first.line)): expected unique ids")
                _ = readCustomer(n, &f, profiles)   // still report the entry's other mistakes
                continue
            }
            guard let c = readCustomer(n, &f, profiles) else {
                if let id = entryID { seenCustomers[id] = f.location(n) }
                continue
            }
            for s in c.subscriptions {
                if let other = seenSubscriptions[s] {
                    f.error(n, "subscription \(s) is claimed by both '\(other)' and '\(c.id)': expected one customer per subscription")
                }
                seenSubscriptions[s] = c.id
            }
            seenCustomers[c.id] = c.location
            manifest.customers.append(c)
        }
        for n in f.list(top["routers"], "routers") {
            guard let r = f.mapping(n, "a router", allowed: ["name", "owner", "site"], required: ["name", "owner"]),
                  let name = f.string(r["name"], "router name"), let owner = f.string(r["owner"], "router owner") else { continue }
            if owner != "csp" && seenCustomers[owner] == nil {
                f.error(r["owner"] ?? n, "unknown router owner '\(owner)': expected csp or one of the customer ids "
                        + "(\(seenCustomers.keys.sorted().joined(separator: ", ")))")
                continue
            }
            manifest.routers.append(RouterDeclaration(
                name: name, owner: owner == "csp" ? .csp : .customer(owner),
                site: r["site"].flatMap { f.string($0, "router site") }, location: f.location(n)))
        }
        for n in f.list(top["deployments"], "deployments") {
            guard let d = f.mapping(n, "a deployment", allowed: ["template", "subscription", "resourceGroup", "parameters"],
                                    required: ["template", "subscription", "resourceGroup"]),
                  let template = f.string(d["template"], "deployment template"),
                  let sub = d["subscription"].flatMap({ subscription($0, &f) }),
                  let rg = f.string(d["resourceGroup"], "deployment resourceGroup") else { continue }
            manifest.deployments.append(TemplateDeployment(template: template, subscription: sub, resourceGroup: rg,
                                                           parameters: d["parameters"].flatMap { f.string($0, "deployment parameters") },
                                                           location: f.location(n)))
        }
        return (manifest, f.diagnostics)
    }

    /// The `id` of a customer entry, if it is a mapping with a scalar id (found by comparing the
    /// keys' text: a lookup by string builds a node per key compared).
    private static func customerID(_ n: Node) -> String? {
        guard let m = n.mapping else { return nil }
        for (k, v) in m where k.scalar?.string == "id" { return v.scalar?.string }
        return nil
    }

    static let models = ConnectivityModel.allCases.map(\.rawValue)

    private static func readCustomer(_ n: Node, _ f: inout YAMLFields, _ profiles: [String: Posture]) -> Customer? {
        guard let m = f.mapping(n, "a customer", allowed: customerKeys, required: ["id", "model", "subscriptions"]),
              let id = f.string(m["id"], "customer id") else { return nil }
        let model = f.choice(m["model"], "customer model", models)
            .flatMap(ConnectivityModel.init(rawValue:))
        let subs = f.list(m["subscriptions"], "subscriptions").compactMap { subscription($0, &f) }
        let location = f.location(n)
        var reference = PostureReference.profile("baseline", location)
        var posture = profiles["baseline"]
        if let p = m["posture"] {
            if let name = p.scalar?.string {
                reference = .profile(name, f.location(p))
                posture = profiles[name]
                if posture == nil {
                    f.error(p, "unknown posture '\(name)': expected a profile in rules/postures "
                            + "(\(profiles.keys.sorted().joined(separator: ", "))) or an inline mapping")
                }
            } else {
                var base = profiles["baseline"]
                if let b = p.mapping?["base"], let name = f.string(b, "posture base") {
                    base = profiles[name]
                    if base == nil { f.error(b, "unknown posture base '\(name)': expected one of \(profiles.keys.sorted().joined(separator: ", "))") }
                }
                posture = PostureReader.read(p, name: "inline", base: base, fields: &f, inline: true)
                if let posture { reference = .inline(posture, f.location(p)) }
            }
        } else if posture == nil {
            f.error(n, "no posture given and no 'baseline' profile found in rules/postures")
        }
        var appliances: [EncryptionAppliance] = []
        for a in f.list(m["encryptionAppliances"], "encryptionAppliances") {
            guard let am = f.mapping(a, "an encryption appliance", allowed: ["circuit", "azure", "onPremises"],
                                     required: ["circuit", "azure", "onPremises"]),
                  let circuit = f.string(am["circuit"], "appliance circuit"),
                  let azureText = f.string(am["azure"], "appliance azure address"),
                  let onPrem = f.string(am["onPremises"], "appliance onPremises") else { continue }
            guard let azure = IPAddress(azureText) else {
                f.error(am["azure"] ?? a, "expected the appliance's Azure-side IP address, found '\(azureText)'")
                continue
            }
            appliances.append(EncryptionAppliance(circuit: ResourceID(circuit), azure: azure, onPremises: onPrem,
                                                  location: f.location(a)))
        }
        guard let model, let posture else { return nil }
        return Customer(
            id: id, name: m["name"].flatMap { f.string($0, "customer name") } ?? id, model: model,
            subscriptions: subs, posture: reference, resolvedPosture: posture,
            ownedPrefixes: f.prefixes(m["ownedPrefixes"], "ownedPrefixes"), asns: f.asns(m["asns"], "asns"),
            onPremisesPrefixes: f.prefixes(m["onPremisesPrefixes"], "onPremisesPrefixes"),
            encryptionAppliances: appliances, location: location)
    }

    /// A subscription GUID, lowercased (ids compare case-insensitively).
    static func subscription(_ n: Node, _ f: inout YAMLFields) -> String? {
        guard let s = f.string(n, "subscription") else { return nil }
        guard isGUID(s) else {
            f.error(n, "expected a subscription GUID such as 00000000-0000-0000-0000-000000000001, found '\(s)'")
            return nil
        }
        return s.lowercased()
    }

    /// Whether `s` is five groups of 8, 4, 4, 4 and 12 hex digits joined by hyphens, checked on
    /// its bytes (by characters it was a tenth of reading a manifest).
    static func isGUID(_ s: String) -> Bool {
        let utf8 = s.utf8
        guard utf8.count == 36 else { return false }
        for (i, b) in utf8.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                if b != UInt8(ascii: "-") { return false }
            } else if !((b >= 48 && b <= 57) || (b | 0x20 >= 97 && b | 0x20 <= 102)) {
                return false
            }
        }
        return true
    }
}
