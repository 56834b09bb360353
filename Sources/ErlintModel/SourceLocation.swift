/// Where something was read, so every finding and diagnostic can point a person at the exact spot.
///
/// `line` and `column` are 1-based; the column counts Unicode scalars, not bytes, so it matches
/// what an editor shows. `line == 0` means "the file as a whole" (e.g. it could not be opened).
public struct SourceLocation: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The whole file, for problems that have no better position.
    public static func wholeFile(_ file: String) -> SourceLocation {
        SourceLocation(file: file, line: 0, column: 0)
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column)" : file
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
