import ArgumentParser
import Foundation
import Synchronization

/// One status line on stderr for long runs ("reading files 1,200/3,001"), redrawn at most ten
/// times a second. Shown only on a terminal and never in CI logs, unless asked for.
final class ProgressLine: Sendable {
    enum Mode: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    private let last = Mutex<(time: Double, width: Int)>((0, 0))
    let enabled: Bool

    init(_ mode: Mode, environment: [String: String] = ProcessInfo.processInfo.environment) {
        switch mode {
        case .always: enabled = true
        case .never: enabled = false
        case .auto:
            // CI systems set CI (GitHub, GitLab, Azure Pipelines, Jenkins via plugins); a dumb
            // terminal cannot redraw a line.
            enabled = isatty(STDERR_FILENO) == 1 && environment["CI"] == nil && environment["TERM"] != "dumb"
        }
    }

    /// A reporter for one stage, to hand to the loader or the engine.
    func stage(_ what: String) -> (@Sendable (Int, Int) -> Void)? {
        guard enabled else { return nil }
        return { [self] done, total in show("\(what) \(done)/\(total)", force: done == total) }
    }

    func show(_ text: String, force: Bool) {
        let now = Date().timeIntervalSinceReferenceDate
        last.withLock { state in
            guard force || now - state.time >= 0.1 else { return }
            let padding = String(repeating: " ", count: max(0, state.width - text.count))
            FileHandle.standardError.write(Data(("\rerlint: " + text + padding).utf8))
            state = (now, text.count)
        }
    }

    /// Clears the line so the report starts on a clean one.
    func finish() {
        guard enabled else { return }
        last.withLock { state in
            FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: state.width + 8) + "\r").utf8))
            state = (0, 0)
        }
    }
}
