import Foundation
import Testing
@testable import SiteBuilder

/// Copying a theme asset or Content file into the output: same bytes and key as before, in bounded memory.
@Suite("Output tree copies", .serialized)
struct OutputTreeCopyTests {
    /// This process's peak resident memory since the last `resetPeak()`, in bytes (Linux's VmHWM).
    static func peak() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
        return try #require(Int(line.split(separator: " ").dropFirst().first ?? "")) * 1024
    }

    /// Starts a new peak at the current resident memory.
    static func resetPeak() throws {
        try "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    @Test func copiedBytesAndKeysAreThoseOfTheWholeFileAtEveryChunkBoundary() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-copy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let chunk = OutputTree.copyChunk
        var random = SplitMix(state: 11)
        let tree = try OutputTree(destination: folder.appendingPathComponent("Public"))
        var expected: [String: [UInt8]] = [:]
        for size in [0, 1, 7, 8, chunk - 1, chunk, chunk + 1, 2 * chunk + 13] {
            let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let source = folder.appendingPathComponent("asset-\(size).bin")
            try Data(bytes).write(to: source)
            try tree.copy(from: source, to: try #require(OutputPath("assets/\(size).bin")))
            expected["assets/\(size).bin"] = bytes
        }
        let keys = tree.keys
        for (path, bytes) in expected {
            #expect(keys[path] == bytes.withUnsafeBytes { ContentDigest($0) }, "\(path)")
            #expect(try Data(contentsOf: tree.url(for: try #require(OutputPath(path)))) == Data(bytes), "\(path)")
        }
        tree.discard()
    }

    @Test func aLargeFileIsCopiedAndKeptWithoutBeingReadIntoMemory() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-copy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let size = 384 << 20
        let source = folder.appendingPathComponent("recording.mp4")
        try Data("ftyp-head".utf8).write(to: source)
        let handle = try FileHandle(forWritingTo: source)
        try handle.truncate(atOffset: UInt64(size - 4))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("tail".utf8))
        try handle.close()
        let path = try #require(OutputPath("assets/recording.mp4"))

        let full = try OutputTree(destination: folder.appendingPathComponent("Public"))
        try Self.resetPeak()
        let before = try Self.peak()
        try full.copy(from: source, to: path)
        let grown = try Self.peak() - before
        #expect(grown < 128 << 20, "peak grew by \(grown) bytes")
        try full.commit()
        let copied = folder.appendingPathComponent("Public/assets/recording.mp4")
        #expect(try FileManager.default.attributesOfItem(atPath: copied.path)[.size] as? Int == size)
        let ends = try FileHandle(forReadingFrom: copied)
        #expect(try ends.read(upToCount: 9) == Data("ftyp-head".utf8))
        try ends.seek(toOffset: UInt64(size - 4))
        #expect(try ends.read(upToCount: 4) == Data("tail".utf8))
        try ends.close()

        let key = try #require(full.keys["assets/recording.mp4"])
        let stamp = try #require(SourceFingerprint.stamp(of: copied.path))
        let update = try OutputTree(destination: folder.appendingPathComponent("Public"),
                                    previous: OutputTree.Previous(files: ["assets/recording.mp4": (key, stamp)], present: ["assets/recording.mp4"]))
        try Self.resetPeak()
        let again = try Self.peak()
        try update.copy(from: source, to: path)
        let grownAgain = try Self.peak() - again
        #expect(grownAgain < 128 << 20, "peak grew by \(grownAgain) bytes")
        #expect(update.counts.written == 0 && update.counts.kept == 1)
        update.discard()
    }
}
