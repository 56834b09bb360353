import Foundation
import Testing
@testable import ErlintIngest

/// Exports are read straight into the memory the parsed document keeps: every byte must arrive,
/// whatever the file's size says.
@Suite struct FileBytesTests {
    @Test func aFileIsReadWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("erlint-filebytes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for size in [0, 1, 4095, 4096, 100_000] {
            let path = dir.appendingPathComponent("\(size).json").path
            let data = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            FileManager.default.createFile(atPath: path, contents: data)
            let read = try #require(FileBytes(contentsOf: path))
            #expect(Array(read.contents) == Array(data), "\(size) bytes")
        }
        #expect(FileBytes(contentsOf: dir.appendingPathComponent("missing.json").path) == nil)
    }

    #if os(Linux)
    /// A file whose size is not known ahead (the kernel says 0) is read on until its end.
    @Test func aFileLargerThanItsSizeIsReadOn() throws {
        let read = try #require(FileBytes(contentsOf: "/proc/self/status"))
        #expect(read.count > 100)
        #expect(String(decoding: read.contents, as: UTF8.self).contains("Name:"))
    }
    #endif
}
