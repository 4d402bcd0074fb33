import Foundation
import TranscriptKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The build cache (`.sitegen-cache/` beside `Content/` by default): parsed transcripts by content digest, the records
/// of the sources, and the last successful build into each output folder (`CacheManifest`), so a rebuild parses only
/// changed files and writes only changed pages.
///
/// The cache only saves work: deleting it, or building with `--no-cache`, gives byte-identical output. Entries are
/// keyed by the digest of the source bytes under a generation named after the cache format and this sitegen binary,
/// so a new sitegen never reads an older one's entries.
struct BuildCache: Sendable {
    /// The cache format; bump it when any cached layout changes.
    static let formatVersion = 4
    /// The first bytes of an outputs file.
    static let magic = Array("sitegen-cache\n".utf8)

    /// The folder of this generation (`<cache>/<generation>/`).
    let folder: URL
    /// Whether the cache outlives the build (false for `--no-cache`: a temporary folder removed afterwards).
    let isPersistent: Bool
    /// Full transcripts by digest.
    let store: TranscriptStore
    /// What the last successful builds recorded: every source's record (shared by all builds of the site) and, for
    /// the output folder of this build, the last build into it; nil when there is no such record.
    let previous: CacheManifest?
    /// The records of the transcript sources (`records.bin`), shared by every build of the site whatever it writes, so
    /// `sitegen serve`'s rebuilds (each into a new folder) parse only what changed too.
    let recordsFile: URL
    /// The last build into this output folder (`outputs-<digest of the folder's path>.bin`): one file per folder, so
    /// building into `Public/` after `sitegen serve` has built its previews elsewhere still updates `Public/` in place.
    let outputsFile: URL

    /// Opens the cache in `root` (creating it), or a temporary one when `root` is nil, for a build writing `output`;
    /// older generations are removed.
    static func open(root: URL?, siteRoot: URL, output: URL) throws -> BuildCache {
        let generation = "v\(formatVersion)-\(binaryIdentity())"
        guard let root else {
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("sitegen-cache-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
            return BuildCache(folder: folder, isPersistent: false,
                              store: try TranscriptStore(folder: folder.appendingPathComponent("transcripts"), siteRoot: siteRoot), previous: nil,
                              recordsFile: folder.appendingPathComponent("records.bin"),
                              outputsFile: folder.appendingPathComponent(outputsName(output: output)))
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [] where name != generation && isGeneration(name) {
            try? FileManager.default.removeItem(at: root.appendingPathComponent(name))
        }
        let folder = root.appendingPathComponent(generation, isDirectory: true)
        let store = try TranscriptStore(folder: folder.appendingPathComponent("transcripts"), siteRoot: siteRoot)
        let recordsFile = folder.appendingPathComponent("records.bin")
        let outputsFile = folder.appendingPathComponent(outputsName(output: output))
        return BuildCache(folder: folder, isPersistent: true, store: store, previous: CacheManifest.read(records: recordsFile, outputs: outputsFile),
                          recordsFile: recordsFile, outputsFile: outputsFile)
    }

    /// Whether a folder name is a cache generation's, `v<format>-<16 hex digits>` (`binaryIdentity`): the only entries
    /// of the cache folder a build ever removes, so a cache folder given by mistake loses nothing else.
    static func isGeneration(_ name: String) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].first == "v", parts[0].count > 1, parts[0].dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return parts[1].count == 16 && parts[1].allSatisfy { $0.isASCII && $0.isHexDigit }
    }

    /// "outputs-<16 hex digits>.bin", from the output folder's path.
    static func outputsName(output: URL) -> String {
        var hasher = DigestHasher()
        hasher.combine(output.standardizedFileURL.path)
        return "outputs-\(hasher.finalize().description.prefix(16)).bin"
    }

    /// Records a successful build (each file written to a temporary name and renamed; the two files on two cores),
    /// forgets output folders that no longer exist (a serve session's previews), and drops stored transcripts it no
    /// longer uses.
    func save(_ manifest: CacheManifest) throws {
        guard isPersistent else { return }
        let failures = concurrentPerformMap(2) { part -> (any Error)? in
            do {
                if part == 0 {
                    try replace(recordsFile) { try manifest.writeRecords(to: $0) }
                } else {
                    try replace(outputsFile) { try manifest.writeOutputs(to: $0) }
                }
                return nil
            } catch {
                return error
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where name.hasPrefix("outputs-") && name != outputsFile.lastPathComponent {
            let file = folder.appendingPathComponent(name)
            if let written = CacheManifest.outputFolder(in: file), FileManager.default.fileExists(atPath: written) { continue }
            try? FileManager.default.removeItem(at: file)
        }
        // Stored transcripts this build does not use go, and so do the keyed entries (event scans) of a used transcript
        // whose entry under this build's key was read or written; a build still running elsewhere that needs one makes
        // it again (`TranscriptStore.load`, a new scan), so nothing is lost but time.
        let used = Set(manifest.sources.values.map(\.digest.description))
        let keyed = store.keyedEntriesUsed()
        let families = Set(keyed.compactMap(Self.family))
        for name in (try? FileManager.default.contentsOfDirectory(atPath: store.folder.path)) ?? []
        where !used.contains(String(name.prefix(32))) || (!keyed.contains(name) && Self.family(of: name).map(families.contains) == true) {
            try? FileManager.default.removeItem(at: store.folder.appendingPathComponent(name))
        }
    }

    /// "<digest>.<kind>" of a keyed store entry's file name "<digest>.<kind>-<key>"; nil for other names.
    static func family(of name: String) -> String? {
        name.lastIndex(of: "-").map { String(name[..<$0]) }
    }

    /// Writes `final` through a temporary file in the same folder, renamed over it once complete.
    private func replace(_ final: URL, _ write: (URL) throws -> Void) throws {
        let temporary = folder.appendingPathComponent(".\(final.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        do { try write(temporary) } catch {
            unlink(temporary.path)
            throw error
        }
        guard rename(temporary.path, final.path) == 0 else {
            let code = errno
            unlink(temporary.path)
            throw FileSystemError(action: "write", path: final.path, code: code)
        }
    }

    /// The digest of every input's stamp and of the options that change the output.
    static func inputsDigest(_ fingerprint: SourceFingerprint, _ options: BuildOptions) -> ContentDigest {
        var hasher = DigestHasher()
        let files = fingerprint.digest
        hasher.combine(Int(bitPattern: UInt(files.high)))
        hasher.combine(Int(bitPattern: UInt(files.low)))
        for value in [options.siteRoot.path, options.output.path, options.baseURL ?? "\u{0}", options.headExtra ?? "\u{0}",
                      options.strict ? "strict" : "lenient", options.failAfterPages.map(String.init) ?? "\u{0}", String(options.calendarInlineLimit)] {
            hasher.combine(value)
        }
        return hasher.finalize()
    }

    /// The report of the last build when nothing it read has changed since and its output is still exactly as it left it
    /// (every file there with the same size and modification time); nil when the site must be built.
    func unchangedBuild(inputs: ContentDigest, output: URL) -> BuildReport? {
        guard let previous, previous.inputs == inputs, previous.outputFolder == output.path, !previous.outputs.isEmpty,
              var report = try? JSONDecoder().decode(BuildReport.self, from: Data(previous.report)) else { return nil }
        let stamps = SourceFingerprint.stamps(under: output)
        guard stamps.count == previous.outputs.count,
              stamps.allSatisfy({ previous.outputs[$0.key]?.stamp == $0.value }) else { return nil }
        report.upToDate = true
        return report
    }

    /// The outputs of the last build that `output` still holds exactly as written, and every file it holds, so the
    /// build can update it in place; nil when the last build wrote elsewhere or left no record (a full build then).
    func reusableOutputs(in output: URL) -> OutputTree.Previous? {
        guard let previous, previous.outputFolder == output.path, !previous.outputs.isEmpty,
              FileManager.default.fileExists(atPath: output.path) else { return nil }
        let stamps = SourceFingerprint.stamps(under: output)
        var reusable: [String: (key: ContentDigest, stamp: SourceFingerprint.Stamp)] = [:]
        var dependencies: [String: ContentDigest] = [:]
        for (path, stamp) in stamps {
            guard let known = previous.outputs[path], known.stamp == stamp else { continue }
            reusable[path] = (known.key, stamp)
            if let made = known.dependencies { dependencies[path] = made }
        }
        return OutputTree.Previous(files: reusable, present: Array(stamps.keys), dependencies: dependencies)
    }

    /// Removes a temporary cache; a persistent one stays.
    func close() {
        if !isPersistent { try? FileManager.default.removeItem(at: folder) }
    }

    /// Size and modification time of the running executable, so a rebuilt sitegen starts a new generation.
    static func binaryIdentity() -> String {
        var info = stat()
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        guard stat("/proc/self/exe", &info) == 0 || stat(path, &info) == 0 else { return "unknown" }
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        var hasher = DigestHasher()
        hasher.combine(Int(info.st_size))
        hasher.combine(Int(time.tv_sec))
        hasher.combine(Int(time.tv_nsec))
        hasher.combine(Int(info.st_ino))
        return String(hasher.finalize().description.prefix(16))
    }
}

/// What the last successful builds read and wrote: each transcript's file stamp and record (`records.bin`, shared by
/// every build of the site), and for one output folder (`outputs-<digest>.bin`) the fingerprint of all inputs and
/// options of the last build into it and each output file with the key it was rendered from and its stamp once written.
struct CacheManifest: Sendable {
    /// A transcript source as it was read: its stamp and its record. A record read from `records.bin` stays encoded (as
    /// `CallRecord.encode` writes it), so reading the cache does not decode ten thousand records on one core:
    /// `record()` decodes it where it is needed, and an unchanged record is written back as the same bytes.
    struct Source: Sendable {
        var stamp: SourceFingerprint.Stamp
        /// The record's digest (`CallRecord.digest`), known without decoding the record.
        let digest: ContentDigest
        private let storage: Storage

        private enum Storage: Sendable {
            /// `range` of a records file's bytes (shared, not copied).
            case encoded([UInt8], range: Range<Int>)
            case decoded(CallRecord)
        }

        /// A source with a record made by this build.
        init(stamp: SourceFingerprint.Stamp, record: CallRecord) {
            self.stamp = stamp
            digest = record.digest
            storage = .decoded(record)
        }

        /// A source whose record is `range` of `bytes`, starting with the source path and `digest`.
        init(stamp: SourceFingerprint.Stamp, digest: ContentDigest, bytes: [UInt8], range: Range<Int>) {
            self.stamp = stamp
            self.digest = digest
            storage = .encoded(bytes, range: range)
        }

        /// The record.
        func record() throws(CacheFormatError) -> CallRecord {
            switch storage {
            case .decoded(let record):
                return record
            case .encoded(let bytes, let range):
                var reader = ByteReader(bytes, range: range)
                let record = try CallRecord.decode(from: &reader)
                guard reader.isAtEnd, record.digest == digest else { throw CacheFormatError() }
                return record
            }
        }

        /// Writes the record's length, then the record.
        func write(into writer: inout ByteWriter) {
            switch storage {
            case .encoded(let bytes, let range):
                writer.int(range.count)
                writer.raw(bytes[range])
            case .decoded(let record):
                var encoded = ByteWriter(capacity: 8 * 1024)
                record.encode(into: &encoded)
                writer.data(encoded.bytes)
            }
        }
    }

    /// An output file as it was written.
    struct Output: Sendable, Equatable {
        /// The digest of everything the file was made from (or of its bytes).
        var key: ContentDigest
        /// The file's stamp after the build, to notice files changed or removed by hand.
        var stamp: SourceFingerprint.Stamp
        /// The digest of what the page's context was computed from, for pages the build can skip without building
        /// (see `PageDependencies`); nil for other files.
        var dependencies: ContentDigest?
    }

    /// Transcript sources by display path ("Content/calx-q3-2012.txt").
    var sources: [String: Source] = [:]
    /// The digest of every input's stamp plus the build options, for the "nothing changed" check.
    var inputs = ContentDigest(high: 0, low: 0)
    /// The output folder it wrote.
    var outputFolder = ""
    /// Output files by path relative to the output folder.
    var outputs: [String: Output] = [:]
    /// The report of that build, printed again when nothing changed.
    var report: [UInt8] = []

    /// The records of `records` and the last build into the folder of `outputs`; either part may be missing or damaged
    /// (it is then left empty: its transcripts are parsed again, its pages rendered again); nil when both are.
    static func read(records: URL, outputs: URL) -> CacheManifest? {
        var manifest = CacheManifest()
        let sources = try? readRecords(from: records)
        let built = try? readOutputs(from: outputs)
        guard sources != nil || built != nil else { return nil }
        manifest.sources = sources ?? [:]
        if let built { (manifest.inputs, manifest.outputFolder, manifest.outputs, manifest.report) = built }
        return manifest
    }

    /// The first bytes of a records file.
    static let recordsMagic = Array("sitegen-records\n".utf8)

    static func readRecords(from url: URL) throws -> [String: Source] {
        let bytes = try FileBytes.read(url.path)
        var reader = ByteReader(bytes)
        guard try reader.raw(count: recordsMagic.count) == recordsMagic else { throw CacheFormatError() }
        let count = try reader.count()
        var sources: [String: Source] = [:]
        sources.reserveCapacity(min(count, bytes.count / 16))
        for _ in 0..<count {
            let stamp = try SourceFingerprint.Stamp(from: &reader)
            let length = try reader.count()
            let range = reader.offset..<(reader.offset + length)
            try reader.skip(length)
            // A record starts with its source path and digest.
            var header = ByteReader(bytes, range: range)
            let source = try header.string()
            let digest = ContentDigest(high: try header.uint64(), low: try header.uint64())
            sources[source] = Source(stamp: stamp, digest: digest, bytes: bytes, range: range)
        }
        guard reader.isAtEnd else { throw CacheFormatError() }
        return sources
    }

    static func readOutputs(from url: URL) throws -> (ContentDigest, String, [String: Output], [UInt8]) {
        let bytes = try FileBytes.read(url.path)
        var reader = ByteReader(bytes)
        guard try reader.raw(count: BuildCache.magic.count) == BuildCache.magic else { throw CacheFormatError() }
        let inputs = ContentDigest(high: try reader.uint64(), low: try reader.uint64())
        let folder = try reader.string()
        let count = try reader.count()
        var outputs: [String: Output] = [:]
        outputs.reserveCapacity(min(count, bytes.count / 16))
        for _ in 0..<count {
            let path = try reader.string()
            let key = ContentDigest(high: try reader.uint64(), low: try reader.uint64())
            let stamp = try SourceFingerprint.Stamp(from: &reader)
            let dependencies = try !reader.bool() ? nil : ContentDigest(high: try reader.uint64(), low: try reader.uint64())
            outputs[path] = Output(key: key, stamp: stamp, dependencies: dependencies)
        }
        let report = try reader.data()
        guard reader.isAtEnd else { throw CacheFormatError() }
        return (inputs, folder, outputs, report)
    }

    /// The output folder an outputs file names, read from its first bytes only; nil when it cannot be read.
    static func outputFolder(in url: URL) -> String? {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 64 * 1024) else { return nil }
        var reader = ByteReader(Array(head))
        guard (try? reader.raw(count: BuildCache.magic.count)) == BuildCache.magic, (try? reader.skip(16)) != nil else { return nil }
        return try? reader.string()
    }

    /// Writes the sources' records to `url`.
    func writeRecords(to url: URL) throws {
        try Self.stream(to: url) { writer, flush in
            writer.raw(Self.recordsMagic)
            writer.int(sources.count)
            for key in sources.keys.sorted() {
                let source = sources[key]!
                source.stamp.write(into: &writer)
                source.write(into: &writer)
                if writer.bytes.count >= 1 << 20 { try flush(&writer) }
            }
        }
    }

    /// Writes the inputs digest, the output folder, its files and the report to `url`.
    func writeOutputs(to url: URL) throws {
        try Self.stream(to: url) { writer, flush in
            writer.raw(BuildCache.magic)
            writer.uint64(inputs.high)
            writer.uint64(inputs.low)
            writer.string(outputFolder)
            writer.int(outputs.count)
            for (path, output) in outputs.sorted(by: { $0.key < $1.key }) {
                writer.string(path)
                writer.uint64(output.key.high)
                writer.uint64(output.key.low)
                output.stamp.write(into: &writer)
                if let dependencies = output.dependencies {
                    writer.bool(true)
                    writer.uint64(dependencies.high)
                    writer.uint64(dependencies.low)
                } else {
                    writer.bool(false)
                }
                if writer.bytes.count >= 1 << 20 { try flush(&writer) }
            }
            writer.data(report)
        }
    }

    /// Creates `url` and lets `body` fill it a megabyte at a time (the records of a large archive take tens of megabytes).
    private static func stream(to url: URL, _ body: (inout ByteWriter, (inout ByteWriter) throws -> Void) throws -> Void) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileSystemError(action: "write", path: url.path, code: errno) }
        defer { close(descriptor) }
        func flush(_ writer: inout ByteWriter) throws {
            var offset = 0
            while offset < writer.bytes.count {
                let written = writer.bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw FileSystemError(action: "write", path: url.path, code: errno)
                }
                offset += written
            }
            writer = ByteWriter(capacity: 1 << 21)
        }
        var writer = ByteWriter(capacity: 1 << 21)
        try body(&writer, flush)
        try flush(&writer)
    }
}
