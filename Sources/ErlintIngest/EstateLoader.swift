import Dispatch
import Synchronization
import Foundation
import ErlintModel

/// Everything ingest produced for one run: the graph, and what could not be read.
public struct LoadedEstate: Sendable {
    public let graph: EstateGraph
    /// Input problems, sorted by file and position.
    public let diagnostics: [Diagnostic]
    /// The files read (ARM JSON and router XML), in the order they were merged.
    public let files: [String]
    /// Files under the given folders that erlint does not read (neither JSON nor XML), so none is
    /// silently dropped.
    public let skippedFiles: [String]
    /// Router configs read, in file order (also in the graph as router nodes).
    public let routers: [RouterConfig]
    /// Resources outside Microsoft.Network found in the exports, by type.
    public let ignoredResourceTypes: [String: Int]
    public let inputBytes: Int
    /// The shard plan when this run audits one shard (`--shard K/N`); nil for the whole estate.
    public var plan: ShardPlan?
    /// Wall-clock seconds spent reading files (parsing, concurrently) and building the graph.
    public var readSeconds: Double = 0
    public var graphSeconds: Double = 0

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reads a whole estate: finds the files, parses them concurrently, merges the resources in a
/// fixed order (files sorted by path) and builds the graph.
public enum EstateLoader {
    public struct Options: Sendable {
        public var manifestPath: String?
        /// The posture profiles folder (`rules/postures`).
        public var postureDirectory: String?
        /// Posture profiles already read (from the rule pack); used instead of `postureDirectory`.
        public var postures: [String: Posture]?
        /// Called from worker threads after each file is read, with (files read, files in all).
        public var progress: (@Sendable (Int, Int) -> Void)?
        /// The same for the router configs, which `prepare` reads before any export.
        public var routerProgress: (@Sendable (Int, Int) -> Void)?
        /// Read only what one shard needs (see `shardSelection`).
        public var shard: EstateShard?
        public init(manifestPath: String? = nil, postureDirectory: String? = nil, postures: [String: Posture]? = nil) {
            self.manifestPath = manifestPath
            self.postureDirectory = postureDirectory
            self.postures = postures
        }
    }

    /// What every shard or batch of one run shares: the files found, the manifest, and (when the
    /// estate is split) what the pre-pass learnt about each file. Made once per run.
    public struct Prepared: Sendable {
        let options: Options
        let found: Discovered
        public let manifest: EstateManifest?
        let scopes: TemplateTargets
        /// Problems found while preparing (discovery, manifest, postures, files skipped).
        let diagnostics: [Diagnostic]
        /// Per input (JSON only), its subscriptions and link prefixes; set when the estate is split.
        let mentions: [ExportMentions]?
        /// Per input (router configs only), the router it holds; set when the estate is split.
        let routerIndex: RouterIndex?
        /// Exports by the circuit links they declare (at /30 and /126), and those declaring links
        /// of other lengths; set when the estate is split.
        var exportsByLink: [IPPrefix: [Int]] = [:]
        var exportsWithOddLinks: [Int] = []
        /// Exports by the subscriptions they mention (folded), ascending: for the second round,
        /// which otherwise tested every export of the estate in each batch with a foreign reference.
        var exportsBySubscription: [String: [Int]] = [:]
        /// Per input, the units of the subscriptions it mentions and the manifest places of their
        /// customers (`ShardPlan.unit`): computed once, so that choosing a batch's exports does
        /// not look every subscription up again for each of hundreds of batches.
        var exportUnits: [[UInt64]] = []
        var exportCustomers: [[Int]] = []
        var routerUnits: [Int: UInt64] = [:]
        var routerCustomers: [Int: Int] = [:]
        /// Per router input, where the manifest declares its router (`manifest.routers`), so a
        /// batch's manifest lists only the routers it read without a pass over all of them.
        var routerDeclarations: [Int: Int] = [:]
        /// Per router input, its interfaces and sessions by link, for the batches that want of
        /// it only what lies on their links (`EstateGraph(linkedPartsOnly:)`): made by the first
        /// batch that wants them, kept for the others.
        let routerParts = RouterPartsCache()
        /// Exports read for their links only (`secondRound`), kept for the run: every batch that
        /// owns a CSP's router reads the links of every customer on it, and once is enough.
        let linksOnlyReads = LinksOnlyCache()
        /// For a run of `ShardCount` plans, each shard's first-round exports and own router
        /// configs (`firstRound`, `routersNeeded`), found in one pass over the estate by
        /// `indexed(forShards:)`: each of the hundreds of batches of a large estate otherwise
        /// went over every export and every router to pick its own (at 10,000 customers, 550
        /// batches times 30,000 files).
        var shardFiles: ShardFiles?
        /// Every router config, read in `prepare` and kept, so that no batch or shard reads one twice.
        let keptRouters: [Int: FileResult]
        /// Input bytes of the whole estate.
        public let inputBytes: Int
        public var fileCount: Int { found.inputs.count }
    }

    /// `Prepared.linksOnlyReads`.
    final class LinksOnlyCache: Sendable {
        private let byInput = Mutex<[Int: FileResult]>([:])

        subscript(input: Int) -> FileResult? { byInput.withLock { $0[input] } }

        func keep(_ input: Int, _ result: FileResult) { byInput.withLock { $0[input] = result } }
    }

    /// `Prepared.routerParts`.
    final class RouterPartsCache: Sendable {
        private let byInput = Mutex<[Int: RouterLinkParts]>([:])

        func parts(of input: Int, _ router: RouterConfig) -> RouterLinkParts {
            byInput.withLock { cache in
                if let known = cache[input] { return known }
                let made = RouterLinkParts(router)
                cache[input] = made
                return made
            }
        }
    }

    struct ShardFiles: Sendable {
        let shardCount: Int
        /// By shard index, ascending.
        var exports: [[Int]]
        var routers: [[Int]]
        /// Exports every shard reads (no subscription mentioned, or unreadable), ascending.
        var everyShard: [Int] = []
    }

    /// `prepared` with each of `count` shards' first-round exports and own router configs listed
    /// (`Prepared.shardFiles`); the plans a run gives its batches must have `count` shards.
    public static func indexed(_ prepared: Prepared, forShards count: Int) -> Prepared {
        guard let mentions = prepared.mentions, count > 0 else { return prepared }
        var index = ShardFiles(shardCount: count, exports: Array(repeating: [], count: count), routers: Array(repeating: [], count: count))
        let files = prepared.found.inputs
        var shards: [Int] = []
        for i in files.indices where files[i].kind == .armJSON && !files[i].replaced {
            let m = mentions[i]
            if m.unreadable || m.subscriptions.isEmpty {
                index.everyShard.append(i)
                continue
            }
            shards.removeAll(keepingCapacity: true)
            for unit in prepared.exportUnits[i] {
                let k = Int(unit % UInt64(count))
                if !shards.contains(k) { shards.append(k) }
            }
            for k in shards { index.exports[k].append(i) }
        }
        for (i, unit) in prepared.routerUnits { index.routers[Int(unit % UInt64(count))].append(i) }
        for k in 0..<count { index.routers[k].sort() }
        var out = prepared
        out.shardFiles = index
        return out
    }

    /// Each router config's name, and its routers by the circuit links their sessions and
    /// interfaces lie in: enough to tell which shards need which config, without keeping the
    /// configs.
    struct RouterIndex: Sendable {
        var names: [Int: String] = [:]
        /// Router configs that gave no router (malformed, unreadable).
        var unreadable: [Int] = []
        /// Addresses masked to the link lengths Azure uses (/30, /126) → router inputs.
        var byLink: [IPPrefix: [Int]] = [:]
        var addresses: [Int: [IPAddress]] = [:]

        mutating func add(_ input: Int, _ router: RouterConfig) {
            names[input] = router.name
            // Observed sessions too: a shard that needs a router's sessions needs their state.
            let all = router.sessions.map(\.neighbor) + router.interfaces.flatMap { $0.addresses.map(\.address) } + router.observedSessions.map(\.neighbor)
            addresses[input] = all
            for a in all { byLink[RouterLinkParts.linkKey(a), default: []].append(input) }
        }

        /// Router inputs with a session or interface in the link.
        func routers(on link: IPPrefix) -> [Int] {
            if RouterLinkParts.isKeyed(link) { return byLink[link] ?? [] }
            return addresses.filter { $0.value.contains { link.contains($0) } }.map(\.key)
        }
    }

    /// What the pre-pass of a split estate learns from the router configs `prepare` read: the
    /// index of their links, the shard unit and customer of each, where the manifest declares
    /// it, and a note for each declared router no config was read for.
    struct RouterSide: Sendable {
        var index = RouterIndex()
        var units: ShardPlan
        var routerUnits: [Int: UInt64] = [:]
        var routerCustomers: [Int: Int] = [:]
        var routerDeclarations: [Int: Int] = [:]
        var diagnostics: [Diagnostic] = []

        init(_ prepared: Prepared) {
            let manifest = prepared.manifest
            units = ShardPlan(shard: EstateShard(index: 0, count: 1), manifest: manifest)
            for i in prepared.keptRouters.keys.sorted() {
                if let router = prepared.keptRouters[i]!.router { index.add(i, router) } else { index.unreadable.append(i) }
            }
            if let manifest {
                let read = Set(index.names.values.map { $0.lowercased() })
                for d in manifest.routers where !read.contains(d.name.lowercased()) {
                    diagnostics.append(Diagnostic(.note, d.location,
                        "router \(d.name) is declared here but no config for it was read; rules that need its side say so"))
                }
            }
            var declaration: [String: Int] = [:]
            for (n, d) in (manifest?.routers ?? []).enumerated() {
                let name = d.name.lowercased()
                if declaration[name] == nil { declaration[name] = n }
            }
            for (i, name) in index.names {
                routerUnits[i] = units.unit(ofRouter: name)
                if let c = units.customerIndex(ofRouter: name) { routerCustomers[i] = c }
                if let d = declaration[name.lowercased()] { routerDeclarations[i] = d }
            }
        }
    }

    /// Finds the files, reads the manifest and the router configs. With `split`, also runs the
    /// pre-pass every shard needs: the mentions of each export.
    public static func prepare(paths: [String], options: Options, split: Bool) -> Prepared {
        let prepared = prepare(paths: paths, options: options)
        return split ? self.split(prepared) : prepared
    }

    /// Files found, the manifest read, and every router config read (kept for the batches, so
    /// that none parses a config again); `inputBytes` is the sum of the files' sizes.
    public static func prepare(paths: [String], options: Options) -> Prepared {
        var diagnostics: [Diagnostic] = []
        let found = discover(paths, &diagnostics)
        // Router configs do not depend on the manifest: they are read on the other cores while
        // it is parsed, which is one thread's work (two seconds for 10,000 customers).
        let routerInputs = found.inputs.indices.filter { found.inputs[$0].kind == .routerXML }
        let routersRead = DispatchGroup()
        let routerResults = ResultSlots<[FileResult]>(count: 1)
        DispatchQueue.global().async(group: routersRead) {
            routerResults.set(0, read(routerInputs.map { found.inputs[$0] }, TemplateTargets(), options.routerProgress))
        }

        // Postures, then the manifest: an explicit one, else manifest.yaml/.json at the top of a folder.
        var profiles: [String: Posture] = options.postures ?? [:]
        if options.postures == nil, let dir = options.postureDirectory {
            let r = PostureReader.readProfiles(in: dir)
            profiles = r.profiles
            diagnostics += r.diagnostics
        }
        var manifest: EstateManifest?
        if let manifestPath = options.manifestPath ?? found.manifests.first {
            let r = ManifestReader.read(file: manifestPath, profiles: profiles)
            manifest = r.manifest
            diagnostics += r.diagnostics
            if options.manifestPath == nil, found.manifests.count > 1 {
                for other in found.manifests.dropFirst() {
                    diagnostics.append(Diagnostic(.warning, .wholeFile(other),
                        "manifest not used: \(manifestPath) was taken; pass --manifest to choose, or merge the customers into one"))
                }
            }
        }
        for file in found.skipped {
            diagnostics.append(Diagnostic(.note, .wholeFile(file),
                "not read: neither JSON nor XML (erlint reads ARM JSON exports and router configs in XML)"))
        }
        let scopes = templateScopes(manifest)
        let bytes = found.inputs.reduce(0) { $0 + $1.size }
        routersRead.wait()
        var kept: [Int: FileResult] = [:]
        kept.reserveCapacity(routerInputs.count)
        for (i, r) in zip(routerInputs, routerResults.values[0]) { kept[i] = r }
        return Prepared(options: options, found: found, manifest: manifest, scopes: scopes, diagnostics: diagnostics,
                        mentions: nil, routerIndex: nil, keptRouters: kept, inputBytes: bytes)
    }

    /// The pre-pass of a split estate (see `prepare(paths:options:split:)`): the mentions of
    /// each export, and the links of each router config read in `prepare`.
    public static func split(_ prepared: Prepared) -> Prepared {
        split(prepared, cutFirstBytes: ExportPieces.cutFirstBytes)
    }

    /// The same, cutting first the exports from `cutFirstBytes` up (`ExportPieces.cutFirstBytes`;
    /// tests cut small ones first).
    static func split(_ prepared: Prepared, cutFirstBytes: Int) -> Prepared {
        let files = prepared.found.inputs
        let scopes = prepared.scopes
        let manifest = prepared.manifest
        // What comes of the router configs alone is worked out on a thread of its own while the
        // exports are scanned on the cores: done after the scan, it kept one core busy and the
        // other idle for a third of a second at 10,000 customers.
        let routerSide = ResultSlots<RouterSide>(count: 1)
        let routersIndexed = DispatchGroup()
        DispatchQueue.global().async(group: routersIndexed) { routerSide.set(0, RouterSide(prepared)) }
        // Exports listing the resources of several subscriptions are cut into a piece per
        // subscription (appended after the inputs, which keep their numbers), so that each batch
        // reads only its own and not the whole file (`ExportPieces`). Large exports are cut
        // first: the pieces say what each mentions, and the scan of the whole file for its
        // mentions, which holds it in memory, is left for those that cannot be cut.
        func cut(_ candidates: [Int]) -> [[(ExportPiece, ExportMentions)]?] {
            let cut = ResultSlots<[(ExportPiece, ExportMentions)]?>(count: candidates.count)
            DispatchQueue.concurrentPerform(iterations: candidates.count) { k in
                cut.set(k, ExportPieces.pieces(of: files[candidates[k]].path))
            }
            return cut.values
        }
        let isExport = { (i: Int) in files[i].kind == .armJSON && files[i].size >= ExportPieces.minimumBytes }
        let large = files.indices.filter { isExport($0) && files[$0].size >= cutFirstBytes }
        let largeCut = cut(large)
        var mentions = scanMentions(files, scopes, skipping: Set(zip(large, largeCut).filter { $0.1 != nil }.map(\.0)))
        var found = prepared.found
        let candidates = files.indices.filter {
            isExport($0) && files[$0].size < cutFirstBytes && mentions[$0].subscriptions.count > 1
        }
        // In file order, as one pass over the candidates gave them.
        for (i, pieces) in zip(large + candidates, largeCut + cut(candidates)).sorted(by: { $0.0 < $1.0 }) {
            guard let pieces else { continue }
            found.inputs[i].replaced = true
            mentions[i] = ExportMentions()
            for (piece, pieceMentions) in pieces {
                var input = files[i]
                input.piece = piece
                input.size = piece.byteCount
                found.inputs.append(input)
                mentions.append(pieceMentions)
            }
        }
        routersIndexed.wait()
        let routers = routerSide.values[0]
        var split = Prepared(options: prepared.options, found: found, manifest: manifest, scopes: scopes,
                             diagnostics: prepared.diagnostics + routers.diagnostics, mentions: mentions, routerIndex: routers.index,
                             keptRouters: prepared.keptRouters, inputBytes: prepared.inputBytes)
        let units = routers.units
        split.exportUnits = mentions.map { $0.subscriptions.map(units.unit(ofFoldedSubscription:)) }
        split.exportCustomers = mentions.map { $0.subscriptions.compactMap(units.customerIndex(ofFoldedSubscription:)) }
        split.routerUnits = routers.routerUnits
        split.routerCustomers = routers.routerCustomers
        split.routerDeclarations = routers.routerDeclarations
        for (i, m) in mentions.enumerated() {
            for sub in m.subscriptions { split.exportsBySubscription[sub, default: []].append(i) }
            var odd = false
            for p in m.linkPrefixes {
                if RouterLinkParts.isKeyed(p) {
                    split.exportsByLink[p, default: []].append(i)
                } else {
                    odd = true
                }
            }
            if odd { split.exportsWithOddLinks.append(i) }
        }
        return split
    }

    public static func load(paths: [String], options: Options) -> LoadedEstate {
        let started = DispatchTime.now()
        let prepared = prepare(paths: paths, options: options, split: options.shard != nil)
        return load(prepared, shard: options.shard.map { ShardPlan(shard: $0, manifest: prepared.manifest) }, started: started)
    }

    /// Reads the estate, or with a plan only what its shard needs (see `firstRound` and
    /// `secondRound`), and builds the graph.
    public static func load(_ prepared: Prepared, shard plan: ShardPlan?, progress: (@Sendable (Int, Int) -> Void)? = nil,
                            started: DispatchTime = .now()) -> LoadedEstate {
        var diagnostics = prepared.diagnostics
        let files = prepared.found.inputs
        let scopes = prepared.scopes
        let manifest = prepared.manifest
        let progress = progress ?? prepared.options.progress
        // By input index, only the files read: a batch reads some 50 of the 30,000 files of a
        // 10,000-customer estate, and an array with a slot for every file was allocated, walked
        // five times and freed again by each of the 550 batches.
        var slots: [Int: FileResult] = [:]
        func readInto(_ indices: [Int], linksOnly: Bool = false) {
            var toRead: [Int] = []
            for i in indices where slots[i] == nil {
                if let r = prepared.keptRouters[i] {
                    slots[i] = r
                } else if linksOnly, let r = prepared.linksOnlyReads[i] {
                    slots[i] = r
                } else {
                    toRead.append(i)
                }
            }
            for (i, r) in zip(toRead, read(toRead.map { files[$0] }, scopes, progress, linksOnly: linksOnly)) {
                slots[i] = r
                if linksOnly { prepared.linksOnlyReads.keep(i, r) }
            }
        }
        if let plan, let mentions = prepared.mentions, let routerIndex = prepared.routerIndex {
            let first: [Int]
            var own: [Int]?
            if let index = prepared.shardFiles, index.shardCount == plan.shard.count {
                first = (index.exports[plan.shard.index] + index.everyShard).sorted()
                own = index.routers[plan.shard.index]
            } else {
                first = files.indices.filter { files[$0].kind == .armJSON && !files[$0].replaced && firstRound(mentions[$0], prepared.exportUnits[$0], plan) }
            }
            readInto(first + routersNeeded(first, mentions, routerIndex, prepared.routerUnits, plan, own: true, ownRouters: own))
            let second = secondRound(prepared, files, mentions, slots, plan)
            readInto(second.whole + routersNeeded(second.whole + second.linksOnly, mentions, routerIndex, prepared.routerUnits, plan, own: false))
            readInto(second.linksOnly, linksOnly: true)
        } else {
            readInto(Array(files.indices))
        }
        // Each file's resources as they were read (the graph takes the runs; joining them into
        // one array retained every resource into it).
        var resources: [[Resource]] = []
        var routers: [RouterConfig] = []
        var ignored: [String: Int] = [:]
        var bytes = 0
        var readFiles: [String] = []
        // In the order the inputs were found: the pieces of an export where the export was.
        let order = slots.keys.sorted { (files[$0].order, files[$0].piece?.number ?? -1, $0) < (files[$1].order, files[$1].piece?.number ?? -1, $1) }
        for i in order {
            let r = slots[i]!
            if readFiles.last != files[i].path { readFiles.append(files[i].path) }
            if !r.resources.isEmpty { resources.append(r.resources) }
            if let router = r.router { routers.append(router) }
            diagnostics += r.diagnostics
            ignored.merge(r.ignoredTypes, uniquingKeysWith: +)
            bytes += r.bytes
        }
        routers = Self.joinObservedState(routers, &diagnostics)
        let readDone = DispatchTime.now()
        // A batch or shard wants of another's router only what lies on its own links (a CSP's
        // router serves every customer; the rest of it is the other batches' to report).
        var linkedPartsOnly: [String: RouterLinkParts] = [:]
        if let plan {
            for (i, slot) in slots {
                guard let router = slot.router, !router.isObservedStateOnly, !plan.owns(router: router.name) else { continue }
                linkedPartsOnly[router.name.lowercased()] = prepared.routerParts.parts(of: i, router)
            }
        }
        let graph = EstateGraph(resourceRuns: resources, routers: routers,
                                manifest: plan.map { relevantManifest(manifest, $0, slots, prepared) } ?? manifest,
                                linkedPartsOnly: linkedPartsOnly)
        let built = DispatchTime.now()
        // A shard reports a resource read twice only when the resource is its own, as the other
        // shard reports it too.
        for d in graph.duplicates where plan?.owns(customer: nil, subject: d.id.text) ?? true {
            diagnostics.append(Diagnostic(.note, d.ignored, "\(d.id) was read before at \(d.kept); this copy is ignored"))
        }
        for d in graph.duplicateRouters {
            diagnostics.append(Diagnostic(.warning, d.ignored,
                "a config for router \(d.name) was read before at \(d.kept.file); this one is ignored (two files with one host name?)"))
        }
        if let manifest, prepared.routerIndex == nil {
            let read = Set(routers.map { $0.name.lowercased() })
            for d in manifest.routers where !read.contains(d.name.lowercased()) {
                diagnostics.append(Diagnostic(.note, d.location,
                    "router \(d.name) is declared here but no config for it was read; rules that need its side say so"))
            }
        }
        var estate = LoadedEstate(graph: graph, diagnostics: diagnostics.sorted(), files: readFiles,
                                  skippedFiles: prepared.found.skipped, routers: routers, ignoredResourceTypes: ignored, inputBytes: bytes)
        estate.plan = plan
        estate.readSeconds = Double(readDone.uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        estate.graphSeconds = Double(built.uptimeNanoseconds - readDone.uptimeNanoseconds) / 1e9
        return estate
    }

    /// Parses files concurrently, results in the order given.
    static func read(_ files: [Input], _ scopes: TemplateTargets,
                     _ report: (@Sendable (Int, Int) -> Void)?, linksOnly: Bool = false) -> [FileResult] {
        let results = ResultSlots<FileResult>(count: files.count)
        let progress = report.map { ProgressCounter(total: files.count, report: $0) }
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let input = files[i]
            switch input.kind {
            case .armJSON:
                if let piece = input.piece {
                    results.set(i, readExport(input.path, piece: piece, linksOnly: linksOnly))
                } else {
                    results.set(i, readExport(input.path, target: scopes[input.canonical],
                                              namedParameters: scopes.parametersFiles.contains(input.canonical), linksOnly: linksOnly))
                }
            case .routerXML: results.set(i, readRouter(input.path))
            }
            progress?.step()
        }
        return results.values
    }

    // MARK: Shards

    /// The mentions of every JSON export (router configs are not scanned), concurrently.
    static func scanMentions(_ files: [Input], _ scopes: TemplateTargets, skipping: Set<Int> = []) -> [ExportMentions] {
        let slots = ResultSlots<ExportMentions>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            guard files[i].kind == .armJSON, !skipping.contains(i) else { return slots.set(i, ExportMentions()) }
            slots.set(i, ExportMentions.scan(files[i].path, scope: scopes[files[i].canonical]?.subscription))
        }
        return slots.values
    }

    /// A shard reads, in its first round, every export that mentions one of its subscriptions:
    /// its customers' own exports, and others' that point at its resources (another customer's
    /// connection to its circuit, the CSP's port listing its circuits). An export that mentions
    /// no subscription at all, or cannot be read, is read by every shard: its owner is unknown
    /// until it is parsed, and its problems must be reported. Router configs are read by every
    /// shard too: any router may hold sessions on any customer's links.
    static func firstRound(_ m: ExportMentions, _ units: [UInt64], _ plan: ShardPlan) -> Bool {
        m.unreadable || m.subscriptions.isEmpty || units.contains { plan.owns(unit: $0) }
    }

    /// The second round reads what the first showed the shard's own resources and routers need
    /// from elsewhere: every export of a foreign subscription one of its resources refers to
    /// (a circuit in another customer's subscription, a port in the CSP's), and every export
    /// declaring a circuit link that one of its routers' sessions or interfaces lies in. One hop:
    /// what those exports refer to in turn is not followed (docs/scale-out.md).
    ///
    /// Returns the exports to read whole (those of the subscriptions referred to) and those read
    /// only for their circuits and peerings (`linksOnly`): of an export declaring a link on the
    /// shard's routers, the shard needs the links (which customer's session is in which VRF of
    /// its router) and nothing else. A CSP's router serves every customer, and its shard parsed,
    /// built and held every export of the estate.
    static func secondRound(_ prepared: Prepared, _ files: [Input], _ mentions: [ExportMentions], _ slots: [Int: FileResult],
                            _ plan: ShardPlan) -> (whole: [Int], linksOnly: [Int]) {
        // Built only if a reference leaves the shard's subscriptions (rare): every key hashed.
        var defined: Set<ResourceID>?
        func isDefined(_ id: ResourceID) -> Bool {
            if defined == nil {
                var s = Set<ResourceID>()
                for r in slots.values { for res in r.resources { s.insert(res.id) } }
                defined = s
            }
            return defined!.contains(id)
        }
        var subscriptions = Set<String>()
        // An export's resources come in runs of one subscription: whether the shard owns it is
        // asked once a run, not once a resource.
        var lastHome: [UInt8] = []
        var lastOwned = false
        for r in slots.values {
            // Only resources naming something outside their own subscription (the reader noted
            // them): nearly every reference stays within it, and walking them all again here
            // was a twentieth of an audit.
            for index in r.leaving {
                let res = r.resources[Int(index)]
                // The shard owns the resource if it owns its subscription; compared on the ids'
                // first bytes in place, no copy made.
                let home: [UInt8]? = FoldedBytes.withBytes(res.id.text) { k in
                    guard let n = Self.subscriptionPrefixLength(k) else { return nil }
                    let prefix = UnsafeBufferPointer(rebasing: k[..<n])
                    if lastHome.withUnsafeBufferPointer({ FoldedBytes.equalASCII($0, prefix) }) { return lastHome }
                    lastHome = Array(prefix)
                    lastOwned = plan.owns(subscription: String(decoding: k[15..<(n - 1)], as: UTF8.self))
                    return lastHome
                }
                guard home != nil ? lastOwned : plan.owns(customer: nil, subject: res.id.text) else { continue }
                func need(_ target: ResourceID) {
                    if let home {
                        let inside = FoldedBytes.withBytes(target.text) { t in
                            t.count >= home.count && home.withUnsafeBufferPointer { FoldedBytes.equalASCII(UnsafeBufferPointer(rebasing: t[..<home.count]), $0) }
                        }
                        if inside { return }
                    }
                    guard !isDefined(target), let sub = target.subscription, !plan.owns(subscription: sub) else { return }
                    subscriptions.insert(sub)
                }
                if let parent = res.parent { need(parent) }
                res.forEachReference { need($0.target) }
            }
        }
        // Exports declaring a link one of the shard's routers has a session or interface in,
        // through the index of links (not a pass over every export per shard or batch).
        var linked = Set<Int>()
        var addresses: [IPAddress] = []
        for r in slots.values {
            guard let router = r.router, plan.owns(router: router.name) else { continue }
            addresses += router.sessions.map(\.neighbor) + router.interfaces.flatMap { $0.addresses.map(\.address) }
        }
        for a in addresses {
            linked.formUnion(prepared.exportsByLink[RouterLinkParts.linkKey(a)] ?? [])
        }
        // Exports declaring a link another export read here declares too (two customers reusing
        // a /30 in their VRFs): with both links in the graph, the join tells whose a session in
        // that /30 is, as in one run.
        for i in slots.keys where i < mentions.count {
            for p in mentions[i].linkPrefixes {
                if let sharing = prepared.exportsByLink[p], sharing.count > 1 { linked.formUnion(sharing) }
            }
        }
        for i in prepared.exportsWithOddLinks where mentions[i].linkPrefixes.contains(where: { p in addresses.contains { p.contains($0) } }) {
            linked.insert(i)
        }
        var referred = Set<Int>()
        for sub in subscriptions { referred.formUnion(prepared.exportsBySubscription[sub] ?? []) }
        let unread = { (i: Int) in slots[i] == nil && files[i].kind == .armJSON }
        return (referred.filter(unread).sorted(), linked.subtracting(referred).filter(unread).sorted())
    }

    /// The router configs a shard reads: in the first round its own routers (those the manifest
    /// gives its customers, and CSP routers hashed to it) and every config that gave no router
    /// (so that its problem is reported); in both rounds every router with a session or
    /// interface in a circuit link declared by the exports of that round. Routers outside these
    /// hold nothing the shard reports on.
    static func routersNeeded(_ exports: [Int], _ mentions: [ExportMentions], _ index: RouterIndex, _ routerUnits: [Int: UInt64],
                              _ plan: ShardPlan, own: Bool, ownRouters: [Int]? = nil) -> [Int] {
        var out = Set<Int>()
        if own {
            if let ownRouters { out.formUnion(ownRouters) } else {
                for (i, unit) in routerUnits where plan.owns(unit: unit) { out.insert(i) }
            }
            out.formUnion(index.unreadable)
        }
        for i in exports {
            for link in mentions[i].linkPrefixes { out.formUnion(index.routers(on: link)) }
        }
        return out.sorted()
    }

    /// The manifest as a shard's graph needs it: the customers of the subscriptions it read and of
    /// the routers it read, and its own; the declarations of the routers it read. The others have
    /// nothing in the graph; leaving them out keeps a batch's graph proportional to the batch, not
    /// to the estate (10,000 customers were otherwise added, with their prefixes, to each of 70
    /// batches).
    static func relevantManifest(_ manifest: EstateManifest?, _ plan: ShardPlan, _ slots: [Int: FileResult],
                                 _ prepared: Prepared) -> EstateManifest? {
        guard var m = manifest else { return nil }
        var keep = Set(plan.ownedCustomerIndices(among: m.customers.count))
        for i in slots.keys {
            if i < prepared.exportCustomers.count { keep.formUnion(prepared.exportCustomers[i]) }
            if let c = prepared.routerCustomers[i] { keep.insert(c) }
        }
        m.customers = keep.sorted().map { m.customers[$0] }
        // Likewise only the routers read: the graph joins their declarations to them, and all
        // 20,000 declarations of 10,000 customers were otherwise hashed again in every batch.
        var routers = Set<Int>()
        for (i, slot) in slots where slot.router != nil {
            if let d = prepared.routerDeclarations[i] { routers.insert(d) }
        }
        m.routers = routers.sorted().map { m.routers[$0] }
        return m
    }

    private static let subscriptionsSegment = Array("/subscriptions/".utf8)

    /// The length in bytes of `/subscriptions/<id>/` at the start of an id (in any case), if it
    /// starts so.
    static func subscriptionPrefixLength(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let start = subscriptionsSegment
        guard key.count > start.count,
              start.withUnsafeBufferPointer({ FoldedBytes.equalASCII(UnsafeBufferPointer(rebasing: key[..<$0.count]), $0) }) else { return nil }
        var i = start.count
        while i < key.count && key[i] != UInt8(ascii: "/") { i += 1 }
        return i < key.count && i > start.count ? i + 1 : nil
    }

    // MARK: Files

    struct Input {
        enum Kind { case armJSON, routerXML }
        var path: String
        var kind: Kind
        /// The absolute path with symlinks resolved: a file named twice is read once, and
        /// manifest deployments name template files by it. Resolved once, when the file is found.
        var canonical: String
        var size: Int
        /// Place among the inputs as found (path order), which the resources read keep: the pieces
        /// of an export take its place (`ExportPieces`).
        var order = 0
        /// For a piece of an export, which resources of the file it holds.
        var piece: ExportPiece?
        /// An export cut into pieces by the pre-pass: read through them, never whole.
        var replaced = false
    }

    struct Discovered {
        var inputs: [Input] = []
        var manifests: [String] = []
        var skipped: [String] = []
    }

    static let manifestNames = ["manifest.yaml", "manifest.yml", "manifest.json"]

    /// Export files under the given paths (folders are read recursively, hidden entries skipped).
    static func discover(_ paths: [String], _ diagnostics: inout [Diagnostic]) -> Discovered {
        var d = Discovered()
        let fm = FileManager.default
        for path in paths {
            guard let top = Entry(path) else {
                diagnostics.append(Diagnostic(.error, .wholeFile(path), "no such file or folder"))
                continue
            }
            if !top.isDirectory {
                d.inputs.append(Input(path: path, kind: kind(of: path) ?? .armJSON, canonical: canonicalPath(path), size: top.size))
                continue
            }
            // Entries below are named from the resolved folder, so only symlinks, and what lies
            // below a linked folder, need resolving (each path resolved through URL, three times
            // per file, had the pre-pass at 10,000 customers take 10.3 s instead of 7.2 s).
            let resolvedBase = canonicalPath(path)
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            for name in manifestNames where fm.fileExists(atPath: base + "/" + name) {
                d.manifests.append(base + "/" + name)
                break
            }
            var entries: [(path: String, canonical: String, size: Int)] = []
            let listed = walk(base) { rel in
                let full = base + "/" + rel
                guard let entry = Entry(full), !entry.isDirectory else { return }
                entries.append((full, entry.isSymlink ? canonicalPath(full) : resolvedBase + "/" + rel, entry.size))
            } unreadable: { rel in
                diagnostics.append(Diagnostic(.error, .wholeFile(base + "/" + rel), "cannot list the folder: \(String(cString: strerror(errno)))"))
            }
            guard listed else {
                diagnostics.append(Diagnostic(.error, .wholeFile(path), "cannot list the folder"))
                continue
            }
            for e in entries.sorted(by: { $0.path < $1.path }) where !manifestNames.contains(where: { e.path == base + "/" + $0 }) {
                if let k = kind(of: e.path) {
                    d.inputs.append(Input(path: e.path, kind: k, canonical: e.canonical, size: e.size))
                } else {
                    d.skipped.append(e.path)
                }
            }
        }
        // One file named twice (as a path and inside a folder) is read once.
        var seen = Set<String>()
        d.inputs = d.inputs.filter { seen.insert($0.canonical).inserted }
        for i in d.inputs.indices { d.inputs[i].order = i }
        return d
    }

    /// Hands out what lies below a folder, as paths relative to it, in no particular order.
    /// Hidden entries (a name starting with ".") are left out with all below them, and linked
    /// folders are named but not entered (a link can lead back up, or out of the estate); linked
    /// files are named like any other. `unreadable` hears of each folder below that cannot be
    /// listed. By `readdir`: Foundation's enumerator spent some 70,000 instructions per entry.
    /// Returns false when `base` itself cannot be listed.
    static func walk(_ base: String, _ body: (String) -> Void, unreadable: (String) -> Void) -> Bool {
        func list(_ rel: String) -> Bool {
            guard let dir = opendir(rel.isEmpty ? base : base + "/" + rel) else { return false }
            defer { closedir(dir) }
            var folders: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
                }
                if name.hasPrefix(".") { continue }   // ".", "..", and hidden entries
                let path = rel.isEmpty ? name : rel + "/" + name
                body(path)
                var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
                if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                    var st = stat()
                    isFolder = lstat(base + "/" + path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
                }
                if isFolder { folders.append(path) }
            }
            for folder in folders where !list(folder) { unreadable(folder) }
            return true
        }
        return list("")
    }

    /// What one `lstat` (and, for a symlink, one `stat`) says of a path found.
    struct Entry {
        var isDirectory: Bool
        var isSymlink: Bool
        var size: Int

        init?(_ path: String) {
            var st = stat()
            guard lstat(path, &st) == 0 else { return nil }
            isSymlink = st.st_mode & S_IFMT == S_IFLNK
            if isSymlink, stat(path, &st) != 0 { return nil }   // a dangling link: nothing to read
            isDirectory = st.st_mode & S_IFMT == S_IFDIR
            size = Int(st.st_size)
        }
    }

    /// `.json` is an ARM export and `.xml` a router config; any other file is judged by its first
    /// character (`{`/`[` or `<`), since exports are often saved as `.txt` or `.cfg`.
    static func kind(of path: String) -> Input.Kind? {
        let lower = path.lowercased()
        if lower.hasSuffix(".json") { return .armJSON }
        if lower.hasSuffix(".xml") { return .routerXML }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 512)) ?? Data()
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else { return nil }
        switch first {
        case UInt8(ascii: "{"), UInt8(ascii: "["): return .armJSON
        case UInt8(ascii: "<"): return .routerXML
        default: return nil
        }
    }

    static func canonicalPath(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        return URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Where the manifest deploys each template, and the parameters files it names.
    struct TemplateTargets: Sendable {
        var byTemplate: [String: ARMExportReader.TemplateTarget] = [:]
        /// Canonical paths of the parameters files the manifest names.
        var parametersFiles: Set<String> = []

        subscript(canonical: String) -> ARMExportReader.TemplateTarget? { byTemplate[canonical] }
    }

    static func templateScopes(_ manifest: EstateManifest?) -> TemplateTargets {
        guard let manifest else { return TemplateTargets() }
        let dir = URL(fileURLWithPath: manifest.file).deletingLastPathComponent()
        func resolved(_ path: String) -> String { canonicalPath(path.hasPrefix("/") ? path : dir.appendingPathComponent(path).path) }
        var out = TemplateTargets()
        for d in manifest.deployments {
            let parameters = d.parameters.map(resolved)
            out.byTemplate[resolved(d.template)] = .init(subscription: d.subscription, resourceGroup: d.resourceGroup, parametersFile: parameters)
            if let parameters { out.parametersFiles.insert(parameters) }
        }
        return out
    }

    /// The parameters file conventionally beside a template: `main.parameters.json` for `main.json`.
    static func conventionalParameters(of template: String) -> String? {
        guard template.lowercased().hasSuffix(".json") else { return nil }
        return String(template.dropLast(5)) + ".parameters.json"
    }

    /// The template a conventionally named parameters file belongs to: `main.json` for
    /// `main.parameters.json`.
    static func conventionalTemplate(of parameters: String) -> String? {
        guard parameters.lowercased().hasSuffix(".parameters.json") else { return nil }
        return String(parameters.dropLast(16)) + ".json"
    }

    // MARK: One file

    struct FileResult: Sendable {
        var resources: [Resource] = []
        /// Indexes in `resources` of those naming something outside their own subscription
        /// (`ARMExportReader.leaving`): what a shard's second round looks at.
        var leaving: [Int32] = []
        var router: RouterConfig?
        var diagnostics: [Diagnostic] = []
        var ignoredTypes: [String: Int] = [:]
        var bytes = 0
    }

    /// Reads one piece of an export (`ExportPieces`): each of its resources parsed alone, placed
    /// where it lies in the file.
    static func readExport(_ file: String, piece: ExportPiece, linksOnly: Bool = false) -> FileResult {
        var result = FileResult()
        guard let parts = ExportPieces.bytes(of: piece, in: file) else {
            result.diagnostics.append(Diagnostic(.error, .wholeFile(file), "cannot read the file: it changed or went away while it was read"))
            return result
        }
        for (part, start) in zip(parts, piece.starts) {
            result.bytes += part.count
            let lines = LineIndex(part, startingAt: start)
            let document: JSONDocument
            do {
                document = try JSONParser.parse(part)
            } catch {
                result.diagnostics.append(Diagnostic(.error, lines.location(file, error.offset), error.message))
                continue
            }
            var reader = ARMExportReader(file: file, lines: lines, document: document, target: nil)
            reader.linksOnly = linksOnly
            reader.readElement(document.root)
            let offset = Int32(result.resources.count)
            result.resources += reader.resources
            result.leaving += reader.leaving.map { $0 + offset }
            result.ignoredTypes.merge(reader.ignoredTypes, uniquingKeysWith: +)
            result.diagnostics += reader.diagnostics
            result.diagnostics += unresolvedNotes(reader.resources)
        }
        return result
    }

    /// Reads one export file; every failure is a diagnostic, never a crash.
    /// With `linksOnly`, only its circuits and peerings are read (`secondRound`); its other
    /// resources, and their problems, are the batches' that read it whole. A template is read
    /// with its parameters file: the one the manifest names, else the one beside it
    /// (`conventionalParameters`). `namedParameters` says the manifest names this file as one.
    static func readExport(_ file: String, target: ARMExportReader.TemplateTarget?, namedParameters: Bool = false,
                           linksOnly: Bool = false) -> FileResult {
        var result = FileResult()
        guard let contents = FileBytes(contentsOf: file) else {
            result.diagnostics.append(Diagnostic(.error, .wholeFile(file), "cannot read the file: not readable"))
            return result
        }
        let bytes = contents.contents
        result.bytes = bytes.count
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            start = 3
            result.diagnostics.append(Diagnostic(.note, SourceLocation(file: file, line: 1, column: 1),
                "UTF-8 byte order mark skipped (JSON files should not start with one)"))
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
                    || (bytes.count >= 2 && (bytes[0] == 0 || bytes[1] == 0)) {
            result.diagnostics.append(Diagnostic(.error, SourceLocation(file: file, line: 1, column: 1),
                "the file is UTF-16 or UTF-32 encoded: expected UTF-8 JSON (PowerShell: Out-File -Encoding utf8)"))
            return result
        }
        let lines = LineIndex(contents)
        let document: JSONDocument
        do {
            document = try JSONParser.parse(contents, startingAt: start)
        } catch {
            result.diagnostics.append(Diagnostic(.error, lines.location(file, error.offset), error.message))
            return result
        }
        var reader = ARMExportReader(file: file, lines: lines, document: document, target: target)
        reader.linksOnly = linksOnly
        // Kept alive while the template is read: the values are elements of it.
        var parameters: JSONDocument?
        if ARMExportReader.isTemplate(document.root) {
            let named = target?.parametersFile
            if let path = named ?? conventionalParameters(of: file).flatMap({ FileManager.default.fileExists(atPath: $0) ? $0 : nil }) {
                let read = readParameters(path, named: named != nil)
                parameters = read.document
                result.diagnostics += read.diagnostics
                reader.parameterValues = parameters?.root["parameters"]
                reader.parametersFile = path
            }
        }
        reader.read(document.root)
        if reader.isParametersFile && !namedParameters
            && !(conventionalTemplate(of: file).map { FileManager.default.fileExists(atPath: $0) } ?? false) {
            result.diagnostics.append(Diagnostic(.note, SourceLocation(file: file, line: 1, column: 1),
                "an ARM parameters file with no template to apply it to: erlint applies <name>.parameters.json to <name>.json beside it, "
                + "or the file a manifest deployments entry names with 'parameters'"))
        }
        withExtendedLifetime(parameters) {}
        result.resources = reader.resources
        result.leaving = reader.leaving
        result.ignoredTypes = reader.ignoredTypes
        result.diagnostics += reader.diagnostics
        result.diagnostics += unresolvedNotes(reader.resources)
        return result
    }

    /// A template's parameters file, parsed; a file that cannot be read or parsed is a warning
    /// (the template is still read, with its defaults).
    static func readParameters(_ path: String, named: Bool) -> (document: JSONDocument?, diagnostics: [Diagnostic]) {
        guard let contents = FileBytes(contentsOf: path) else {
            return (nil, [Diagnostic(.warning, .wholeFile(path),
                "cannot read the parameters file\(named ? " the manifest names" : ""): the template is read with its parameters' default values")])
        }
        let start = contents.contents.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        do {
            let document = try JSONParser.parse(contents, startingAt: start)
            guard ARMExportReader.isParametersFile(document.root) else {
                return (nil, [Diagnostic(.warning, SourceLocation(file: path, line: 1, column: 1),
                    "not an ARM parameters file (no 'parameters' object): the template beside it is read with its parameters' default values")])
            }
            return (document, [])
        } catch {
            return (nil, [Diagnostic(.warning, LineIndex(contents).location(path, error.offset),
                "the parameters file cannot be parsed (\(error.message)): the template is read with its parameters' default values")])
        }
    }

    /// A note for each field left as a template expression erlint could not resolve.
    static func unresolvedNotes(_ resources: [Resource]) -> [Diagnostic] {
        var notes: [Diagnostic] = []
        for r in resources {
            for u in r.unresolved where u.reason == .expression {
                let what = (r.typeName.split(separator: "/").last.map(String.init) ?? r.typeName) + " " + r.name
                notes.append(Diagnostic(.note, u.location,
                    "'\(u.field)' of \(what) is the template expression \(u.expression), which erlint cannot resolve; rules that need it say so"))
            }
        }
        return notes
    }
}

extension EstateLoader {
    /// Joins each document of observed BGP state to the config of its router, where rules read
    /// it beside the configured sessions: the config whose sessions (neighbor and routing
    /// instance) the state names most, the config of the state's name (its file name up to the
    /// first dot) breaking a tie. State that names no configured session, or as many of two
    /// routers' with neither by name, is a warning, and not used.
    static func joinObservedState(_ routers: [RouterConfig], _ diagnostics: inout [Diagnostic]) -> [RouterConfig] {
        guard routers.contains(where: \.isObservedStateOnly) else { return routers }
        var configs = routers.filter { !$0.isObservedStateOnly }
        struct Key: Hashable { let neighbor: IPAddress; let instance: String? }
        var owners: [Key: [Int]] = [:]
        for (n, r) in configs.enumerated() {
            for s in r.sessions { owners[Key(neighbor: s.neighbor, instance: s.routingInstance), default: []].append(n) }
        }
        for state in routers where state.isObservedStateOnly {
            var score: [Int: Int] = [:]
            for s in state.observedSessions {
                for n in Set(owners[Key(neighbor: s.neighbor, instance: s.routingInstance)] ?? []) { score[n, default: 0] += 1 }
            }
            let best = score.values.max() ?? 0
            var candidates = score.filter { $0.value == best }.map(\.key)
            if candidates.count > 1 { candidates = candidates.filter { configs[$0].name.lowercased() == state.name.lowercased() } }
            guard best > 0, candidates.count == 1, let n = candidates.first else {
                diagnostics.append(Diagnostic(.warning, state.location, best == 0
                    ? "observed BGP state of \(state.observedSessions.count) session\(state.observedSessions.count == 1 ? "" : "s"), none of them configured in a router config read; the state is not used"
                    : "observed BGP state that matches the sessions of several router configs equally (\(score.filter { $0.value == best }.map { configs[$0.key].name }.sorted().joined(separator: ", "))); the state is not used"))
                continue
            }
            configs[n].observedSessions += state.observedSessions
        }
        return configs
    }

    /// Reads one router config; a file that is not one, or is malformed or hostile, gives
    /// diagnostics and no router.
    static func readRouter(_ file: String) -> FileResult {
        let r = RouterConfigReader.read(file: file)
        var result = FileResult()
        result.router = r.config
        result.diagnostics = r.diagnostics
        result.bytes = r.bytes
        return result
    }
}

/// Entry points for `ParserBench` (docs/performance.md): one file read the way an audit reads it.
public enum IngestBenchmark {
    /// Reads one export (parse, typed resources with positions) and returns how many resources it held.
    public static func resources(in file: String) -> Int {
        EstateLoader.readExport(file, target: nil).resources.count
    }

    /// Reads one router config (stream, stanzas, the dialect's reader) and returns how many
    /// elements it held, 0 when it gave no router.
    public static func routerElements(in file: String) -> Int {
        EstateLoader.readRouter(file).router?.elementCount ?? 0
    }
}
