import Foundation
import Synchronization
import TranscriptKit
import TranscriptMarkdown

/// What the build keeps in memory of one parsed transcript: its outline and the facts index pages need.
///
/// The full text stays in the `TranscriptStore` and is read back by the steps that need it (the transcript page, the
/// event scan, the search index, the JSON export), one call at a time, so memory does not grow with the archive's text.
struct CallRecord: Sendable {
    /// The file it was read from, relative to the site root.
    var source: String
    /// The digest of the source bytes: the key of the full transcript in the store.
    var digest: ContentDigest
    /// The transcript without its text (see `Transcript.outline`).
    var outline: Transcript
    /// Paragraphs per turn, in turn order.
    var paragraphCounts: [Int]
    /// The summary feeds show (`FeedSummary.text`), taken while the text is at hand.
    var feedSummary: String

    /// The record of a fully parsed transcript.
    init(source: String, digest: ContentDigest, transcript: Transcript) {
        self.source = source
        self.digest = digest
        outline = transcript.outline
        paragraphCounts = transcript.turns.map(\.paragraphs.count)
        feedSummary = FeedSummary.text(for: transcript)
    }

    init(source: String, digest: ContentDigest, outline: Transcript, paragraphCounts: [Int], feedSummary: String) {
        self.source = source
        self.digest = digest
        self.outline = outline
        self.paragraphCounts = paragraphCounts
        self.feedSummary = feedSummary
    }

    func encode(into writer: inout ByteWriter) {
        writer.string(source)
        writer.uint64(digest.high)
        writer.uint64(digest.low)
        TranscriptCodec.encode(outline, into: &writer)
        writer.int(paragraphCounts.count)
        for count in paragraphCounts { writer.int(count) }
        writer.string(feedSummary)
    }

    static func decode(from reader: inout ByteReader) throws(CacheFormatError) -> CallRecord {
        let source = try reader.string()
        let digest = ContentDigest(high: try reader.uint64(), low: try reader.uint64())
        let outline = try TranscriptCodec.decode(from: &reader)
        var counts: [Int] = []
        for _ in 0..<(try reader.count()) { counts.append(try reader.count()) }
        guard counts.count == outline.turns.count else { throw CacheFormatError() }
        return CallRecord(source: source, digest: digest, outline: outline, paragraphCounts: counts, feedSummary: try reader.string())
    }
}

extension Transcript {
    /// How many characters of a turn's first paragraph an outline keeps: enough for `PageContexts.excerpt` to cut
    /// exactly as it would cut the whole paragraph.
    static let outlineExcerptLength = 161

    /// This transcript without its text: metadata, participants, sections and turns as they are, but each turn's
    /// paragraphs reduced to the opening of the first one when the speaker has a speaker page (which quotes it), and to
    /// nothing otherwise (the operator, unidentified voices). Outlining an outline changes nothing.
    var outline: Transcript {
        var copy = self
        let quoted = Set(participants.filter(SiteIndex.hasPage).map(\.name))
        copy.sections = sections.map { section in
            var section = section
            section.turns = section.turns.map { turn in
                guard quoted.contains(turn.speaker), let first = turn.paragraphs.first else { return Turn(speaker: turn.speaker, paragraphs: []) }
                return Turn(speaker: turn.speaker, paragraphs: [String(first.prefix(Self.outlineExcerptLength))])
            }
            return section
        }
        return copy
    }
}

/// The full transcripts of a build, by source digest, in the cache folder (or a temporary folder when the cache is off).
///
/// Every entry is sealed (`ContentDigest.sealed`): its payload led by the payload's digest, checked on every read, so a
/// damaged entry (a flipped bit, a stray write) is a miss and is made again, never used.
struct TranscriptStore: Sendable {
    /// The folder holding one `<digest>.bin` per transcript.
    let folder: URL
    /// What this build did with the store, shared by its copies: the keyed entries (`<digest>.<kind>-<key>`, such as
    /// event scans) it read or wrote, by file name, so `BuildCache.save` can drop the entries of other keys that they
    /// supersede; and the sources it parsed again because their entry was missing or damaged.
    private let usage = Usage()

    /// Sets shared by the copies of a store.
    private final class Usage: Sendable {
        let names = Mutex<Set<String>>([])
        let reparsed = Mutex<Set<String>>([])
    }
    /// The site folder, which source paths ("Content/…") are relative to: a damaged entry is parsed again from its source.
    let siteRoot: URL
    /// `folder`'s path with a final "/": entries' paths are joined as strings (a `URL` per entry cost more than the
    /// file system call at 10,000 calls).
    private let prefix: String

    /// Creates the folder if needed.
    init(folder: URL, siteRoot: URL) throws {
        self.folder = folder
        self.siteRoot = siteRoot
        prefix = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// The path of `<digest>.<kind>`.
    private func path(of digest: ContentDigest, kind: String) -> String {
        prefix + digest.description + "." + kind
    }

    /// Whether the transcript of `digest` is stored.
    func contains(_ digest: ContentDigest) -> Bool {
        access(path(of: digest, kind: "bin"), F_OK) == 0
    }

    /// Stores a parsed transcript.
    func put(_ transcript: Transcript, digest: ContentDigest) throws {
        var writer = ByteWriter(capacity: 64 * 1024)
        writer.int(TranscriptCodec.version)
        TranscriptCodec.encode(transcript, into: &writer)
        try write(writer.bytes, digest: digest, kind: "bin")
    }

    /// Stores something derived from the text of `digest` as `<digest>.<kind>`, sealed (written to a temporary name,
    /// then renamed, so a reader never sees half a file).
    func write(_ bytes: [UInt8], digest: ContentDigest, kind: String) throws {
        let final = path(of: digest, kind: kind)
        let temporary = prefix + ".\(digest).\(UUID().uuidString.prefix(8)).tmp"
        try ContentDigest.sealed(bytes).withUnsafeBytes { try OutputTree.writeFile(temporary, $0) }
        guard rename(temporary, final) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileSystemError(action: "write", path: final, code: code)
        }
        noteUse(digest, kind: kind)
    }

    /// The bytes stored as `<digest>.<kind>`, if any and intact.
    func read(_ digest: ContentDigest, kind: String) -> [UInt8]? {
        guard let bytes = try? FileBytes.read(path(of: digest, kind: kind)), let payload = ContentDigest.unsealed(bytes) else { return nil }
        noteUse(digest, kind: kind)
        return Array(bytes[payload])
    }

    /// Records the use of a keyed entry (a kind with a "-<key>" suffix).
    private func noteUse(_ digest: ContentDigest, kind: String) {
        guard kind.contains("-") else { return }
        let name = digest.description + "." + kind
        usage.names.withLock { _ = $0.insert(name) }
    }

    /// The file names of the keyed entries this build read or wrote.
    func keyedEntriesUsed() -> Set<String> {
        usage.names.withLock { $0 }
    }

    /// The stored transcript of `digest`; when the entry is missing or damaged, `source` (relative to the site folder)
    /// is parsed again, provided its bytes still have that digest, and the entry is stored anew.
    func load(_ digest: ContentDigest, source: String) throws -> Transcript {
        if let bytes = try? FileBytes.read(path(of: digest, kind: "bin")), let payload = ContentDigest.unsealed(bytes) {
            var reader = ByteReader(bytes, range: payload)
            if (try? reader.int()) == TranscriptCodec.version, let transcript = try? TranscriptCodec.decode(from: &reader), reader.isAtEnd {
                return transcript
            }
        }
        let data = try Data(contentsOf: siteRoot.appendingPathComponent(source))
        guard data.withUnsafeBytes({ ContentDigest.source($0, path: source) }) == digest else {
            throw Diagnostic(.error, file: source, "the file changed while the site was being built; build again")
        }
        let transcript = try TranscriptReader.withMarkdown.read(data: data, path: source, hints: .fromFileName(source))
        try? put(transcript, digest: digest)
        usage.reparsed.withLock { _ = $0.insert(source) }
        return transcript
    }

    /// The sources `load` parsed again because their stored entry was missing or damaged, sorted.
    func reparsedSources() -> [String] {
        usage.reparsed.withLock { $0.sorted() }
    }
}

/// Whole-file reads with POSIX calls into a byte array.
enum FileBytes {
    static func read(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystemError(action: "read", path: path, code: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileSystemError(action: "read", path: path, code: errno) }
        // Read into uninitialised storage: zeroing it first cost as much as the read for the 54 MB records file.
        let size = Int(info.st_size)
        var failure: Int32?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var offset = 0
            while offset < size {
                let got = Foundation.read(descriptor, buffer.baseAddress! + offset, size - offset)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if got == 0 { break }
                offset += got
            }
            count = offset
        }
        if let failure { throw FileSystemError(action: "read", path: path, code: failure) }
        return bytes
    }
}
