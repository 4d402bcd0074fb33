import Foundation
import Testing
@testable import SiteBuilder
import TranscriptKit

/// The build cache's manifest: records read back stay encoded until asked for, are written again byte for byte, a
/// damaged record fails alone (its transcript is parsed again), and a damaged file loses only its own part.
@Suite struct CacheManifestTests {
    static func record() throws -> CallRecord {
        let bytes = try Data(contentsOf: referenceURL)
        let transcript = try TranscriptReader.withMarkdown.read(data: bytes, path: "Content/calx-q3-2012.txt")
        return CallRecord(source: "Content/calx-q3-2012.txt", digest: bytes.withUnsafeBytes { ContentDigest($0) }, transcript: transcript)
    }

    static func manifest(_ record: CallRecord) -> CacheManifest {
        var manifest = CacheManifest()
        manifest.inputs = ContentDigest(high: 1, low: 2)
        manifest.outputFolder = "/site/Public"
        manifest.sources[record.source] = CacheManifest.Source(stamp: .init(size: 91_234, modified: 1_700_000_000.25), record: record)
        manifest.sources["Content/other.txt"] = CacheManifest.Source(
            stamp: .init(size: 10, modified: 2), record: CallRecord(source: "Content/other.txt", digest: ContentDigest(high: 3, low: 4),
                                                                     transcript: record.outline))
        manifest.outputs["index.html"] = .init(key: ContentDigest(high: 5, low: 6), stamp: .init(size: 100, modified: 3), dependencies: nil)
        manifest.outputs["companies/calx/index.html"] = .init(key: ContentDigest(high: 7, low: 8), stamp: .init(size: 200, modified: 4),
                                                              dependencies: ContentDigest(high: 9, low: 10))
        manifest.report = Array("{}".utf8)
        return manifest
    }

    /// A fresh folder holding `manifest(record())` as `records.bin` and `outputs.bin`.
    static func written() throws -> (folder: URL, record: CallRecord, records: URL, outputs: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let original = try record()
        let records = folder.appendingPathComponent("records.bin"), outputs = folder.appendingPathComponent("outputs.bin")
        try manifest(original).writeRecords(to: records)
        try manifest(original).writeOutputs(to: outputs)
        return (folder, original, records, outputs)
    }

    @Test func recordsReadBackAreTheRecordsWrittenAndAreWrittenAgainUnchanged() throws {
        let (folder, original, records, outputs) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }

        let read = try #require(CacheManifest.read(records: records, outputs: outputs))
        #expect(read.inputs == ContentDigest(high: 1, low: 2) && read.outputFolder == "/site/Public")
        #expect(CacheManifest.outputFolder(in: outputs) == "/site/Public")
        #expect(read.outputs == Self.manifest(original).outputs)
        #expect(read.report == Array("{}".utf8))
        let source = try #require(read.sources[original.source])
        #expect(source.stamp == .init(size: 91_234, modified: 1_700_000_000.25))
        #expect(source.digest == original.digest)
        let decoded = try source.record()
        var expected = ByteWriter(), actual = ByteWriter()
        original.encode(into: &expected)
        decoded.encode(into: &actual)
        #expect(actual.bytes == expected.bytes)
        #expect(decoded.outline.participants.map(\.name) == original.outline.participants.map(\.name))
        #expect(decoded.paragraphCounts == original.paragraphCounts && decoded.feedSummary == original.feedSummary)
        #expect(try read.sources["Content/other.txt"]?.record().digest == ContentDigest(high: 3, low: 4))

        // Written again from the encoded records: the same files.
        let again = folder.appendingPathComponent("again.bin")
        try read.writeRecords(to: again)
        #expect(try Data(contentsOf: again) == (try Data(contentsOf: records)))
        try read.writeOutputs(to: again)
        #expect(try Data(contentsOf: again) == (try Data(contentsOf: outputs)))
    }

    @Test func aDamagedRecordFailsAloneAndADamagedFileLosesOnlyItsPart() throws {
        let (folder, original, records, outputs) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes = try Data(contentsOf: records)

        // Inside the reference call's record (after its path and digest), a count becomes impossible.
        let start = try #require(bytes.range(of: Data(original.source.utf8))).upperBound + 16
        for offset in start..<(start + 64) { bytes[offset] = 0xFF }
        try bytes.write(to: records)
        let read = try #require(CacheManifest.read(records: records, outputs: outputs))
        #expect(throws: CacheFormatError.self) { try read.sources[original.source]!.record() }
        #expect(try read.sources["Content/other.txt"]?.record().digest == ContentDigest(high: 3, low: 4))

        // A record whose length runs past the file, or a cut file: the records are lost, the outputs part is not.
        try bytes.prefix(bytes.count - 3).write(to: records)
        #expect(throws: CacheFormatError.self) { try CacheManifest.readRecords(from: records) }
        let withoutRecords = try #require(CacheManifest.read(records: records, outputs: outputs))
        #expect(withoutRecords.sources.isEmpty && withoutRecords.outputs.count == 2)
        // And the other way round.
        try Self.manifest(original).writeRecords(to: records)
        try Data((try Data(contentsOf: outputs)).dropLast(1)).write(to: outputs)
        let withoutOutputs = try #require(CacheManifest.read(records: records, outputs: outputs))
        #expect(withoutOutputs.sources.count == 2 && withoutOutputs.outputs.isEmpty && withoutOutputs.outputFolder.isEmpty)
        try FileManager.default.removeItem(at: records)
        #expect(CacheManifest.read(records: records, outputs: outputs) == nil)
    }
}
