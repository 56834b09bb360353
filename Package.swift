// swift-tools-version:6.0
import PackageDescription

// One module per stage; data flows one way:
// files -> ErlintIngest -> ErlintModel (the estate graph) -> ErlintRules -> ErlintReports,
// with ErlintCLI on top and `erlint` as a thin executable around it.
// Release builds leave out the run-time exclusivity checks on class properties: the XML parse
// state and elements, and the JSON field cache, are such classes touched for every element or
// field, and the checks were a sixth of reading router configs (docs/performance.md). Debug
// builds, which `swift test` runs, keep them, so a violation still fails the tests.
// They also make every function of a module available to the modules that call it
// (cross-module optimization): the stages are separate modules, and a generic or small
// function called from another one otherwise runs unspecialised and behind a call (2% of an
// audit's instructions).
// On Linux, release executables carry the Swift runtime and Foundation inside them (every module
// they link is compiled against the static runtime too): a copied erlint runs where Swift is not
// installed, and it calls the runtime (a retain, a release) directly rather than through the
// shared library's stubs: 6 MB less memory and 1.4% fewer instructions per audit
// (docs/performance.md). Debug builds and the tests link the shared runtime.
let releaseSettings: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked", "-cross-module-optimization"], .when(configuration: .release)),
    .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release)),
]
let staticRuntime: [LinkerSetting] = [
    .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "erlint",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "erlint", targets: ["erlint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "ErlintModel", swiftSettings: releaseSettings),
        // libxml2 for router configs, through pkg-config (Debian: libxml2-dev; scripts/setup.sh installs it).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(
            name: "ErlintIngest",
            dependencies: ["ErlintModel", "CLibXML2", .product(name: "Yams", package: "Yams")],
            swiftSettings: releaseSettings
        ),
        .target(name: "ErlintRules", dependencies: ["ErlintModel"], swiftSettings: releaseSettings),
        // jemalloc as erlint's malloc on Linux (Debian: libjemalloc-dev; scripts/setup.sh installs it):
        // glibc's malloc fragments over a large audit's batches (docs/performance.md).
        .target(
            name: "ErlintAllocator",
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        .target(name: "ErlintReports", dependencies: ["ErlintModel"], swiftSettings: releaseSettings),
        // Synthetic estates for benchmarks and scale tests (`erlint generate`).
        .target(name: "ErlintGenerator", dependencies: ["ErlintModel"]),
        .target(
            name: "ErlintCLI",
            dependencies: [
                "ErlintModel", "ErlintIngest", "ErlintRules", "ErlintReports", "ErlintGenerator", "ErlintAllocator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: releaseSettings,
            // The built-in rule pack (rules/) is compiled in, so an installed binary carries it.
            plugins: ["EmbedRulePack"]
        ),
        .executableTarget(name: "RulePackEmbedder"),
        .plugin(name: "EmbedRulePack", capability: .buildTool(), dependencies: ["RulePackEmbedder"]),
        .executableTarget(
            name: "erlint", dependencies: ["ErlintCLI"], swiftSettings: releaseSettings,
            linkerSettings: staticRuntime
        ),
        // The JSON parser against Foundation's (docs/performance.md): swift run -c release ParserBench DIR
        .executableTarget(name: "ParserBench", dependencies: ["ErlintIngest"], swiftSettings: releaseSettings, linkerSettings: staticRuntime),
        .testTarget(name: "ErlintModelTests", dependencies: ["ErlintModel"]),
        .testTarget(name: "ErlintIngestTests", dependencies: ["ErlintIngest", "ErlintModel", "ErlintGenerator"]),
        .testTarget(name: "ErlintRulesTests", dependencies: ["ErlintRules", "ErlintIngest", "ErlintModel", "ErlintReports"]),
        .testTarget(name: "ErlintReportsTests", dependencies: ["ErlintReports", "ErlintIngest", "ErlintModel"], exclude: ["Golden"]),
        .testTarget(name: "ErlintGeneratorTests", dependencies: ["ErlintGenerator", "ErlintIngest", "ErlintRules", "ErlintModel"]),
        .testTarget(name: "ErlintCLITests", dependencies: ["ErlintCLI", "ErlintAllocator", "erlint"]),
    ],
    swiftLanguageModes: [.v6]
)
