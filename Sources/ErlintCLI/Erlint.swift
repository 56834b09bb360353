import ArgumentParser

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
        subcommands: [Inventory.self]
    )

    public init() {}
}
