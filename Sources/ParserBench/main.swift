// The JSON parser benchmark of docs/performance.md: over every .json file under a folder, one
// thread, from memory (files are read first), it times
//   - erlint's JSONParser (the tape, with every value's offset),
//   - Foundation's JSONSerialization (no positions) on the same bytes,
//   - erlint's whole export read (parse, typed resources with line and column, diagnostics),
// and prints MB/s for each; then, over every .xml file, erlint's router config read (libxml2's
// stream, the stanzas, the dialect's reader), from the page cache.
// Usage: swift run -c release ParserBench DIR [REPEAT] [parse|foundation|export|routers]
// (the last picks one of the four, e.g. to count its instructions under valgrind, which the
// shared machines' noise does not move).
import Foundation
import ErlintIngest

let args = CommandLine.arguments
guard args.count >= 2 else {
    FileHandle.standardError.write(Data("usage: ParserBench DIR [REPEAT]\n".utf8))
    exit(2)
}
let root = args[1]
let repeats = args.count > 2 ? Int(args[2]) ?? 1 : 1
let only = args.count > 3 ? args[3] : nil
if let only, !["parse", "foundation", "export", "routers"].contains(only) {
    FileHandle.standardError.write(Data("ParserBench: expected parse, foundation, export or routers, found \(only)\n".utf8))
    exit(2)
}
var files: [(path: String, bytes: [UInt8], data: Data)] = []
var routerFiles: [String] = []
var routerBytes = 0
let walker = FileManager.default.enumerator(atPath: root)
while let rel = walker?.nextObject() as? String {
    if rel.hasSuffix(".xml"), only == nil || only == "routers" {
        routerFiles.append(root + "/" + rel)
        routerBytes += (try? FileManager.default.attributesOfItem(atPath: root + "/" + rel)[.size] as? Int) ?? 0
    }
    guard rel.hasSuffix(".json"), only != "routers", let data = FileManager.default.contents(atPath: root + "/" + rel) else { continue }
    files.append((root + "/" + rel, [UInt8](data), data))
}
let megabytes = Double(files.reduce(0) { $0 + $1.bytes.count }) / 1_000_000
if only != "routers" {
    print(String(format: "%d JSON files, %.1f MB, best of %d, one thread", files.count, megabytes, repeats))
}

func time(_ name: String, _ which: String, megabytes: Double = megabytes, _ body: () throws -> Int) rethrows {
    guard only == nil || only == which else { return }
    var best = Double.infinity
    var check = 0
    for _ in 0..<repeats {
        let start = DispatchTime.now()
        check = try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
    }
    print(name.padding(toLength: 44, withPad: " ", startingAt: 0) + String(format: "%7.2f s %8.1f MB/s   (%d)", best, megabytes / best, check))
}

try time("erlint JSONParser (tape with offsets)", "parse") {
    var values = 0
    for f in files { values += try JSONParser.parse(f.bytes).valueCount }
    return values
}
try time("Foundation JSONSerialization", "foundation") {
    var objects = 0
    for f in files { if try JSONSerialization.jsonObject(with: f.data) is [String: Any] { objects += 1 } }
    return objects
}
time("erlint export read (resources, positions)", "export") {
    var resources = 0
    for f in files { resources += IngestBenchmark.resources(in: f.path) }
    return resources
}

if only == nil || only == "routers" {
    let xmlMegabytes = Double(routerBytes) / 1_000_000
    print(String(format: "%d XML files, %.1f MB, best of %d, one thread", routerFiles.count, xmlMegabytes, repeats))
    time("erlint router config read (elements)", "routers", megabytes: xmlMegabytes) {
        var elements = 0
        for f in routerFiles { elements += IngestBenchmark.routerElements(in: f) }
        return elements
    }
}
