/// One shard of a scaled-out audit: `--shard K/N` is shard index K-1 of N.
public struct EstateShard: Sendable, Hashable, CustomStringConvertible {
    /// Zero-based.
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) {
        precondition(count > 0 && index >= 0 && index < count)
        self.index = index
        self.count = count
    }

    /// `K/N` with 1 ≤ K ≤ N, as the command line and a Kubernetes Indexed Job give it.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 1, k <= n else { return nil }
        self.init(index: k - 1, count: n)
    }

    public var description: String { "\(index + 1)/\(count)" }
}

/// Which shard audits what. The unit of work is the customer: all of a customer's resources,
/// routers and findings fall in one shard. Customers are dealt round-robin in manifest order,
/// so shards get equal numbers of customers and every shard computes the same plan from the same
/// manifest. What no customer claims is spread by a stable hash of its name: a subscription by
/// its id, a CSP (or undeclared) router by its host name.
///
/// A finding belongs to the shard of its customer; a finding with no customer to the shard of
/// its subject's subscription or router. Merging the shards' reports therefore holds each
/// finding exactly once.
public struct ShardPlan: Sendable {
    public let shard: EstateShard
    private let units: Units

    /// Each customer's place in the manifest, and the customer of each subscription and router:
    /// built once per run and shared by the plans of all its batches.
    final class Units: Sendable {
        let customers: [String: Int]
        let subscriptions: [String: Int]
        let routers: [String: Int]

        init(_ manifest: EstateManifest?) {
            var customers: [String: Int] = [:]
            var subscriptions: [String: Int] = [:]
            for (n, c) in (manifest?.customers ?? []).enumerated() {
                customers[c.id] = n
                for sub in c.subscriptions { subscriptions[sub.lowercased()] = n }
            }
            var routers: [String: Int] = [:]
            for r in manifest?.routers ?? [] {
                if case .customer(let c) = r.owner, let n = customers[c] { routers[r.name.lowercased()] = n }
            }
            self.customers = customers
            self.subscriptions = subscriptions
            self.routers = routers
        }
    }

    public init(shard: EstateShard, manifest: EstateManifest?) {
        self.shard = shard
        units = Units(manifest)
    }

    /// Another shard of the same estate, reusing this plan's tables.
    public init(_ shard: EstateShard, sharing other: ShardPlan) {
        self.shard = shard
        units = other.units
    }

    public func shard(ofCustomer id: String) -> Int {
        units.customers[id].map { $0 % shard.count } ?? hashed("customer:" + id)
    }

    /// The shard of a subscription: its customer's, else by hash.
    public func shard(ofSubscription guid: String) -> Int {
        let folded = guid.lowercased()
        return shard(ofFoldedSubscription: folded)
    }

    /// The same for an id already in lower case (as the pre-pass gives them).
    public func shard(ofFoldedSubscription folded: String) -> Int {
        units.subscriptions[folded].map { $0 % shard.count } ?? hashed("subscription:" + folded)
    }

    /// The shard of a router: its owner customer's when the manifest names one, else by hash.
    public func shard(ofRouter name: String) -> Int {
        let folded = name.lowercased()
        return units.routers[folded].map { $0 % shard.count } ?? hashed("router:" + folded)
    }

    // MARK: Units, for a run that plans many batches

    /// The number a subscription's unit of work goes by: its customer's place in the manifest,
    /// else a stable hash. Its shard is the number modulo the shard count, for any count, so a
    /// run can compute it once and test it for every batch cheaply.
    public func unit(ofFoldedSubscription folded: String) -> UInt64 {
        units.subscriptions[folded].map(UInt64.init) ?? StableHash.fnv1a("subscription:" + folded)
    }

    public func unit(ofRouter name: String) -> UInt64 {
        let folded = name.lowercased()
        return units.routers[folded].map(UInt64.init) ?? StableHash.fnv1a("router:" + folded)
    }

    /// The manifest place of the customer owning a subscription or router, if any.
    public func customerIndex(ofFoldedSubscription folded: String) -> Int? { units.subscriptions[folded] }
    public func customerIndex(ofRouter name: String) -> Int? { units.routers[name.lowercased()] }

    public func owns(unit: UInt64) -> Bool { Int(unit % UInt64(shard.count)) == shard.index }

    /// The manifest places of this shard's customers.
    public func ownedCustomerIndices(among count: Int) -> StrideTo<Int> { stride(from: shard.index, to: count, by: shard.count) }

    public func owns(customer id: String) -> Bool { shard(ofCustomer: id) == shard.index }
    public func owns(subscription guid: String) -> Bool { shard(ofSubscription: guid) == shard.index }
    public func owns(foldedSubscription guid: String) -> Bool { shard(ofFoldedSubscription: guid) == shard.index }
    public func owns(router name: String) -> Bool { shard(ofRouter: name) == shard.index }

    /// Whether a finding (or a checked subject, or a baseline entry) on this subject is this
    /// shard's to report. Subjects are Azure ids (`/subscriptions/<id>/…`) or router paths
    /// (`router/<name>/…`); anything else goes to the first shard.
    public func owns(customer: String?, subject: String) -> Bool {
        if let customer { return owns(customer: customer) }
        if subject.hasPrefix("router/") {
            let name = subject.dropFirst("router/".count).prefix { $0 != "/" }
            return owns(router: String(name))
        }
        if let sub = Self.subscription(of: subject) { return owns(subscription: sub) }
        return shard.index == 0
    }

    /// The items of a list this shard reports (`owns(customer:subject:)`). A rule's findings and
    /// subjects come a customer at a time, so a customer's shard is looked up once per run of
    /// them, not hashed again for each of a hundred thousand subjects.
    public func owned<T>(_ items: [T], customer: (T) -> String?, subject: (T) -> String) -> [T] {
        var last: (customer: String, owned: Bool)?
        return items.filter { item in
            guard let c = customer(item) else { return owns(customer: nil, subject: subject(item)) }
            if let last, last.customer == c { return last.owned }
            let owned = owns(customer: c)
            last = (c, owned)
            return owned
        }
    }

    /// The subscription of an Azure id (`/subscriptions/<id>/…`, any case), by a scan of its
    /// first segments: this runs for every finding and every subject checked.
    static func subscription(of subject: String) -> String? {
        let utf8 = subject.utf8
        let prefix = "/subscriptions/".utf8
        guard utf8.count > prefix.count,
              zip(utf8.prefix(prefix.count), prefix).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) }) else {
            return ResourceID(subject).subscription
        }
        let rest = utf8.dropFirst(prefix.count)
        let end = rest.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
        return end == rest.startIndex ? nil : String(Substring(rest[..<end]))
    }

    private func hashed(_ key: String) -> Int { Int(StableHash.fnv1a(key) % UInt64(shard.count)) }
}
