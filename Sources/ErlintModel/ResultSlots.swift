import Synchronization

/// Fixed slots that concurrent workers fill, one per worker index, so work done in parallel
/// (files parsed, rules run) is merged back in a fixed order.
public final class ResultSlots<T: Sendable>: Sendable {
    private let storage: Mutex<[T?]>

    public init(count: Int) { storage = Mutex(Array(repeating: nil, count: count)) }

    public func set(_ i: Int, _ value: T) {
        storage.withLock { $0[i] = value }
    }

    /// The filled slots, in index order.
    public var values: [T] { storage.withLock { $0.compactMap { $0 } } }
}
