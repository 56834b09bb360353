import Foundation
@testable import ErlintIngest
import ErlintModel

/// Writes test files into a fresh temporary folder and loads them as an estate.
struct Fixtures {
    let dir: String

    init() {
        dir = NSTemporaryDirectory() + "erlint-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        write(name, Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = dir + "/" + name
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// One router file written and read alone; nil config fails the test with the diagnostics.
    func routerConfig(_ name: String, _ xml: String) throws -> RouterConfig {
        let r = RouterConfigReader.read(file: write(name, xml))
        guard let config = r.config else { throw FixtureError.noRouter("\(r.diagnostics)") }
        return config
    }

    enum FixtureError: Error { case noRouter(String) }

    func load(_ paths: [String]? = nil, manifest: String? = nil) -> LoadedEstate {
        EstateLoader.load(paths: paths ?? [dir], options: .init(manifestPath: manifest, postureDirectory: Self.postures))
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let postures = root + "/rules/postures"

    static let sub = "00000000-0000-0000-0000-000000000001"
    static let circuitID = "/subscriptions/\(sub)/resourceGroups/rg/providers/Microsoft.Network/expressRouteCircuits/er1"

    /// One circuit with a private peering, nested (`properties`) or flattened (az CLI).
    static func circuit(flattened: Bool) -> String {
        let peering = """
            "peeringType": "AzurePrivatePeering", "peerASN": 65010, "vlanId": 100,
            "primaryPeerAddressPrefix": "192.168.1.0/30", "secondaryPeerAddressPrefix": "192.168.1.4/30"
            """
        let body = """
            "serviceProviderProperties": {"serviceProviderName": "Equinix", "peeringLocation": "Amsterdam", "bandwidthInMbps": 1000},
            "serviceProviderProvisioningState": "Provisioned",
            "peerings": [{"name": "AzurePrivatePeering", \(flattened ? peering : "\"properties\": {\(peering)}")}]
            """
        return """
            {"id": "\(circuitID)", "name": "er1", "type": "Microsoft.Network/expressRouteCircuits",
             "sku": {"tier": "Premium", "family": "MeteredData"},
             \(flattened ? body : "\"properties\": {\(body)}")}
            """
    }
}

extension LoadedEstate {
    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    func only(_ kind: NodeKind) -> EstateNode? { graph.nodes(kind).first }
}
