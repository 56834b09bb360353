/// The graph's index of nodes by key (a resource id, `customer:<id>`, `router:<name>`…): open
/// addressing over the nodes' own key strings, each hashed once, eight bytes at a time. Keys
/// compare and hash with ASCII letters folded, as ids do (`ResourceID`), so a resource's node is
/// keyed by its id's text as written, with no folded copy made.
/// The graph is looked up for every resource and every reference; a `Dictionary` of string keys
/// hashed each id again with SipHash (3% of an audit), then a key type with its hash kept still
/// went through `Hasher` per lookup and retained its string per key made, and freeing its
/// storage released every key again. The hash is seeded anew in each process, so ids cannot be
/// crafted to collide.
struct NodeKeyTable: Sendable {
    /// Kept in memory of its own, reached by pointers: the arrays a struct would hold were each
    /// retained and released around every lookup that read them in place.
    private final class Storage: @unchecked Sendable {
        /// Each node's key, by node index (the nodes' own strings, shared, not copied).
        var keys: UnsafeMutablePointer<String>
        var count = 0
        var keyCapacity: Int
        /// Per slot: a node index, or -1 when empty; and that key's hash. A power of two of
        /// them, at most half full.
        var slots: UnsafeMutablePointer<Int32>
        var hashes: UnsafeMutablePointer<UInt64>
        var mask: Int
        var used = 0

        init(capacity: Int) {
            var size = 16
            while size < 2 * capacity { size <<= 1 }
            mask = size - 1
            slots = .allocate(capacity: size)
            slots.initialize(repeating: -1, count: size)
            hashes = .allocate(capacity: size)
            hashes.initialize(repeating: 0, count: size)
            keyCapacity = max(capacity, 16)
            keys = .allocate(capacity: keyCapacity)
        }

        deinit {
            keys.deinitialize(count: count)
            keys.deallocate()
            slots.deallocate()
            hashes.deallocate()
        }

        /// The slot holding `key`, or the empty slot where it would go.
        func find(_ key: UnsafeBufferPointer<UInt8>, _ h: UInt64) -> Int {
            var i = Int(truncatingIfNeeded: h) & mask
            while true {
                let n = slots[i]
                if n < 0 { return i }
                if hashes[i] == h, NodeKeyTable.equal(keys[Int(n)], key) { return i }
                i = (i + 1) & mask
            }
        }

        func appendKey(_ key: String) {
            if count == keyCapacity { keys = .doubling(keys, count: count, capacity: &keyCapacity) }
            (keys + count).initialize(to: key)
            count += 1
        }

        /// Makes room for one more key in the slots, keeping them at most half full.
        func reserveSlot() {
            guard 2 * (used + 1) > mask + 1 else { return }
            let oldSlots = slots, oldHashes = hashes, oldSize = mask + 1
            let size = oldSize * 2
            slots = .allocate(capacity: size)
            slots.initialize(repeating: -1, count: size)
            hashes = .allocate(capacity: size)
            hashes.initialize(repeating: 0, count: size)
            mask = size - 1
            for i in 0..<oldSize where oldSlots[i] >= 0 {
                var j = Int(truncatingIfNeeded: oldHashes[i]) & mask
                while slots[j] >= 0 { j = (j + 1) & mask }
                slots[j] = oldSlots[i]
                hashes[j] = oldHashes[i]
            }
            oldSlots.deallocate()
            oldHashes.deallocate()
        }
    }

    private let storage: Storage

    init(capacity: Int = 0) { storage = Storage(capacity: capacity) }

    /// The node of `key`, if any.
    func node(_ key: String) -> NodeID? {
        Self.bytes(of: key) { bytes in
            let slot = storage.find(bytes, Self.hash(bytes))
            let n = storage.slots[slot]
            return n < 0 ? nil : NodeID(Int(n))
        }
    }

    /// The node of `key` if there is one; else records `key` as the next node's (node index:
    /// the number of keys so far), hashing it once for both.
    mutating func claim(_ key: String) -> NodeID? {
        storage.reserveSlot()
        return Self.bytes(of: key) { bytes in
            let h = Self.hash(bytes)
            let slot = storage.find(bytes, h)
            if storage.slots[slot] >= 0 { return NodeID(Int(storage.slots[slot])) }
            storage.slots[slot] = Int32(storage.count)
            storage.hashes[slot] = h
            storage.used += 1
            storage.appendKey(key)
            return nil
        }
    }

    /// Records the key of the next node and maps the key to it, replacing the node an equal
    /// key had (the graph's later node of one key wins). Returns the node the key had, if any.
    @discardableResult
    mutating func append(_ key: String) -> NodeID? {
        storage.reserveSlot()
        return Self.bytes(of: key) { bytes in
            let h = Self.hash(bytes)
            let slot = storage.find(bytes, h)
            let before = storage.slots[slot]
            storage.slots[slot] = Int32(storage.count)
            storage.hashes[slot] = h
            if before < 0 { storage.used += 1 }
            storage.appendKey(key)
            return before < 0 ? nil : NodeID(Int(before))
        }
    }

    private static func bytes<R>(of key: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = key.utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(key.utf8).withUnsafeBufferPointer(body)
    }

    fileprivate static func equal(_ a: borrowing String, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.utf8.withContiguousStorageIfAvailable { FoldedBytes.equalASCII($0, b) } ?? Array(a.utf8).withUnsafeBufferPointer { FoldedBytes.equalASCII($0, b) }
    }

    private static let seed = UInt64.random(in: .min ... .max)

    /// A multiply-and-shift mix of each eight-byte word folded for hashing (`hashWords`), then
    /// of the rest (the mixer of SplitMix64 and Stafford's "variant 13").
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        let rest = FoldedBytes.hashWords(bytes) { v in
            h = (h ^ v) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
        }
        h = (h ^ rest) &* 0x94D0_49BB_1331_11EB
        return h ^ h >> 29
    }
}
