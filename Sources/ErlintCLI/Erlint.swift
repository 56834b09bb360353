import ArgumentParser
import Foundation

/// The `erlint` command: audits Azure ExpressRoute estates that a CSP runs for its customers.
public struct Erlint: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "erlint",
        abstract: "Audit the Azure ExpressRoute estates a Cloud Solution Provider runs for its customers.",
        discussion: """
            erlint reads exported Azure configurations (ARM JSON in the shapes az, the REST API, \
            ARM template export and Resource Graph produce) and an estate manifest into one topology \
            graph. `inventory` shows what was read. Exit status: 0 clean, 2 unreadable input or bad usage.
            """,
        version: version,
        subcommands: [Audit.self, Merge.self, Inventory.self, Rules.self, Explain.self, Generate.self]
    )

    public init() {}

    /// Runs the command line. Bad usage exits 2 (not ArgumentParser's 64), as DESIGN.md §5 says:
    /// 0 clean, 1 findings at or above --fail-on, 2 bad usage or unreadable input.
    public static func runMain(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            Self.exit(withError: error)
        }
    }

    /// Ends the process with `status` at once, leaving what a command built for the system to
    /// take back: after a large audit that is millions of objects (findings, the subjects each
    /// rule examined, topologies, router configs), which freed one at a time kept the process
    /// running half a second after its last report was written at 10,000 customers
    /// (docs/performance.md). exit(3) still flushes standard output.
    static func exitWithoutTeardown(_ status: Int32) -> Never {
        Foundation.exit(status)
    }
}
