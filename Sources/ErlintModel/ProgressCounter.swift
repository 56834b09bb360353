import Synchronization

/// Counts work done by concurrent workers and hands (done, total) to a reporter after each step;
/// the reporter decides whether and how often to show it.
public final class ProgressCounter: Sendable {
    private let done = Atomic<Int>(0)
    public let total: Int
    private let report: @Sendable (Int, Int) -> Void

    public init(total: Int, report: @escaping @Sendable (Int, Int) -> Void) {
        self.total = total
        self.report = report
    }

    public func step() {
        let n = done.add(1, ordering: .relaxed).newValue
        report(n, total)
    }
}
