import ArgumentParser
import Foundation
import ErlintGenerator

/// `erlint generate`: a synthetic estate for benchmarks and scale tests.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic CSP estate of N customers (ARM JSON, router XML in three dialects, a manifest) with planted faults.",
        discussion: "The same --seed gives the same bytes. Layout: OUTPUT/manifest.yaml and OUTPUT/customers/<id>/{network.json,<id>-edge-1.xml,<id>-edge-2.xml}."
    )

    @Option(help: "How many customers.")
    var customers: Int

    @Option(help: "Seed of the generator: the same seed gives the same estate.")
    var seed: UInt64 = 1

    @Option(help: "Share of customers (0 to 1) that get one planted fault, from every rule family in turn.")
    var faultRate: Double = 0.1

    @Option(help: "The folder to write (created if missing).")
    var output: String

    func validate() throws {
        if customers < 1 { throw ValidationError("--customers must be at least 1") }
        if !(0...1).contains(faultRate) { throw ValidationError("--fault-rate must be between 0 and 1") }
    }

    func run() throws {
        let started = Date()
        let summary: EstateGenerator.Summary
        do {
            summary = try EstateGenerator(.init(customers: customers, seed: seed, faultRate: faultRate)).write(to: output)
        } catch {
            FileHandle.standardError.write(Data("erlint: error: cannot write the estate under \(output): \((error as NSError).localizedDescription)\n".utf8))
            throw ExitCode(2)
        }
        let mb = { (b: Int) in String(format: "%.1f MB", Double(b) / 1_000_000) }
        let faults = summary.faults.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("wrote \(summary.files) files under \(output): \(mb(summary.jsonBytes)) of JSON, \(mb(summary.xmlBytes)) of router XML, "
              + "in \(String(format: "%.1f", Date().timeIntervalSince(started))) s; planted faults: \(faults.isEmpty ? "none" : faults)")
    }
}
