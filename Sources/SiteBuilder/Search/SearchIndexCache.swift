import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the "search" step keeps in the build cache's folder between builds, so that an incremental build neither
/// reads every call's tokens again nor re-encodes shards whose inputs did not change.
///
/// Two files, each a magic line, a digest of the rest and the rest:
/// - `search-calls.bin` (small): per call of the last build, in site order, its source digest, the digest of its
///   tokens (``TokenizedCall/digest``), its paragraph count, length sum and text size; the key of that sequence of
///   tokens; and which shard and tier files were written from it, under which key.
/// - `search-postings.bin`: the merged postings of those calls (a ``SearchIndexBuilder``'s parts) with the key of the
///   tokens they were made from.
///
/// The cache only saves work: a missing or damaged file, one of another format, or postings made from other tokens
/// are ignored and the step builds the index from every call's tokens, as without a cache.
struct SearchIndexCache: Sendable {
    /// What the index needs of one call, without its tokens.
    struct CallFacts: Sendable, Equatable {
        /// The digest of the call's source bytes (its key in the transcript store).
        var source: ContentDigest
        /// The digest of its tokens.
        var tokens: ContentDigest
        /// Its paragraphs (documents).
        var paragraphs: Int
        /// The sum of its paragraphs' lengths in terms.
        var lengthSum: Int
        /// The UTF-8 bytes of its paragraphs' text.
        var textBytes: Int

        /// The facts of a call with these tokens.
        init(source: ContentDigest, call: TokenizedCall, textBytes: Int) {
            self.source = source
            tokens = call.digest
            paragraphs = call.lengths.count
            lengthSum = call.lengths.reduce(0) { $0 + Int($1) }
            self.textBytes = textBytes
        }

        /// Facts as stored.
        init(source: ContentDigest, tokens: ContentDigest, paragraphs: Int, lengthSum: Int, textBytes: Int) {
            self.source = source
            self.tokens = tokens
            self.paragraphs = paragraphs
            self.lengthSum = lengthSum
            self.textBytes = textBytes
        }
    }

    /// The shard and tier files one build wrote.
    struct Written: Sendable, Equatable {
        /// The key of what they were made from (see `SearchStep.shardKey`).
        var key: ContentDigest
        /// How many terms the index has.
        var terms: Int
        /// Per shard, the digest of its bytes (its key in the output).
        var shards: [ContentDigest]
        /// Every tier file.
        var tiers: [SearchTierFile]
    }

    /// The last build's calls and what it wrote from them.
    struct Calls: Sendable, Equatable {
        /// Per call, in site order.
        var calls: [CallFacts]
        /// The shard and tier files.
        var written: Written

        /// The key of the calls' tokens in order: equal keys, equal indexes.
        var tokensKey: ContentDigest { SearchIndexCache.tokensKey(calls) }
    }

    /// Bumped when either file's layout changes, or tokenizing (the stored postings were made with it).
    static let version = 3
    /// The first bytes of the calls file.
    static let callsMagic = Array("sitegen-search-calls\n".utf8)
    /// The first bytes of the postings file.
    static let postingsMagic = Array("sitegen-search-postings\n".utf8)

    /// The folder both files are in (the build cache's generation folder).
    let folder: URL

    /// The calls file's location.
    var callsURL: URL { folder.appendingPathComponent("search-calls.bin") }
    /// The postings file's location.
    var postingsURL: URL { folder.appendingPathComponent("search-postings.bin") }

    /// The key of a sequence of calls' tokens.
    static func tokensKey(_ calls: [CallFacts]) -> ContentDigest {
        var hasher = DigestHasher()
        hasher.combine("search tokens")
        hasher.combine(calls.count)
        for call in calls {
            hasher.combine(Int(bitPattern: UInt(call.tokens.high)))
            hasher.combine(Int(bitPattern: UInt(call.tokens.low)))
        }
        return hasher.finalize()
    }

    // MARK: Calls

    /// The last build's calls, if the file is there and sound.
    func readCalls() -> Calls? {
        guard var reader = Self.verifiedReader(callsURL, magic: Self.callsMagic) else { return nil }
        return try? Self.decodeCalls(&reader)
    }

    /// Records the calls and the files written from them.
    func writeCalls(_ calls: Calls) throws {
        var writer = ByteWriter(capacity: 64 + calls.calls.count * 48 + calls.written.tiers.count * 24 + calls.written.shards.count * 16)
        writer.int(Self.version)
        writer.int(calls.calls.count)
        for call in calls.calls {
            writer.uint64(call.source.high)
            writer.uint64(call.source.low)
            writer.uint64(call.tokens.high)
            writer.uint64(call.tokens.low)
            writer.int(call.paragraphs)
            writer.int(call.lengthSum)
            writer.int(call.textBytes)
        }
        writer.uint64(calls.written.key.high)
        writer.uint64(calls.written.key.low)
        writer.int(calls.written.terms)
        writer.int(calls.written.shards.count)
        for digest in calls.written.shards {
            writer.uint64(digest.high)
            writer.uint64(digest.low)
        }
        writer.int(calls.written.tiers.count)
        for tier in calls.written.tiers {
            writer.int(tier.shard)
            writer.int(tier.ordinal)
            writer.int(tier.tier)
            writer.uint64(tier.digest.high)
            writer.uint64(tier.digest.low)
        }
        try Self.save(writer.bytes, magic: Self.callsMagic, to: callsURL)
    }

    /// Reads what `writeCalls` wrote after the header.
    private static func decodeCalls(_ reader: inout ByteReader) throws(CacheFormatError) -> Calls {
        guard try reader.int() == version else { throw CacheFormatError() }
        var calls: [CallFacts] = []
        let count = try reader.count()
        calls.reserveCapacity(count)
        for _ in 0..<count {
            calls.append(CallFacts(source: ContentDigest(high: try reader.uint64(), low: try reader.uint64()),
                                   tokens: ContentDigest(high: try reader.uint64(), low: try reader.uint64()),
                                   paragraphs: try reader.count(), lengthSum: try reader.count(limit: Int.max),
                                   textBytes: try reader.count(limit: Int.max)))
        }
        let key = ContentDigest(high: try reader.uint64(), low: try reader.uint64())
        let terms = try reader.count()
        var shards: [ContentDigest] = []
        for _ in 0..<(try reader.count(limit: 1 << 16)) { shards.append(ContentDigest(high: try reader.uint64(), low: try reader.uint64())) }
        var tiers: [SearchTierFile] = []
        for _ in 0..<(try reader.count()) {
            tiers.append(SearchTierFile(shard: try reader.count(limit: shards.count - 1), ordinal: try reader.count(limit: terms),
                                        tier: try reader.count(), digest: ContentDigest(high: try reader.uint64(), low: try reader.uint64())))
        }
        guard reader.isAtEnd, !shards.isEmpty else { throw CacheFormatError() }
        return Calls(calls: calls, written: Written(key: key, terms: terms, shards: shards, tiers: tiers))
    }

    // MARK: Postings

    /// The merged postings stored for the tokens of `tokensKey`, if the file holds those and is sound.
    func readPostings(tokensKey: ContentDigest) -> SearchIndexBuilder? {
        guard var reader = Self.verifiedReader(postingsURL, magic: Self.postingsMagic) else { return nil }
        return try? Self.decodePostings(&reader, tokensKey: tokensKey)
    }

    /// Stores the merged postings of the tokens of `tokensKey`.
    func writePostings(_ builder: SearchIndexBuilder, tokensKey: ContentDigest) throws {
        let postingBytes = builder.postings.reduce(0) { $0 + $1.count }
        var writer = ByteWriter(capacity: 64 + postingBytes + builder.terms.count * 24 + builder.documentCount * 3)
        writer.int(Self.version)
        writer.uint64(tokensKey.high)
        writer.uint64(tokensKey.low)
        writer.int(builder.documentCount)
        for length in builder.lengths { writer.int(Int(length)) }
        writer.raw(builder.flags)
        writer.int(builder.terms.count)
        for id in builder.terms.indices {
            writer.string(builder.terms[id])
            writer.int(Int(builder.documentFrequency[id]))
            writer.int(Int(builder.lastDocument[id]))
            writer.data(builder.postings[id])
        }
        try Self.save(writer.bytes, magic: Self.postingsMagic, to: postingsURL)
    }

    /// Reads what `writePostings` wrote after the header; throws when it holds the postings of other tokens.
    private static func decodePostings(_ reader: inout ByteReader, tokensKey: ContentDigest) throws(CacheFormatError) -> SearchIndexBuilder {
        guard try reader.int() == version, ContentDigest(high: try reader.uint64(), low: try reader.uint64()) == tokensKey else {
            throw CacheFormatError()
        }
        let documents = try reader.count()
        var lengths: [UInt32] = []
        lengths.reserveCapacity(documents)
        for _ in 0..<documents { lengths.append(UInt32(try reader.count(limit: Int(UInt32.max)))) }
        let flags = try reader.raw(count: documents)
        let count = try reader.count()
        var terms: [String] = [], postings: [[UInt8]] = [], lastDocument: [Int32] = [], documentFrequency: [Int32] = []
        terms.reserveCapacity(count)
        postings.reserveCapacity(count)
        lastDocument.reserveCapacity(count)
        documentFrequency.reserveCapacity(count)
        for _ in 0..<count {
            terms.append(try reader.string())
            documentFrequency.append(Int32(try reader.count(limit: documents)))
            lastDocument.append(Int32(try reader.count(limit: max(documents - 1, 0))))
            postings.append(try reader.data())
        }
        guard reader.isAtEnd, let builder = SearchIndexBuilder(terms: terms, postings: postings, lastDocument: lastDocument,
                                                               documentFrequency: documentFrequency, lengths: lengths, flags: flags) else {
            throw CacheFormatError()
        }
        return builder
    }

    // MARK: Files

    /// A reader past the magic line and the digest of a file whose digest matches the rest; nil otherwise.
    private static func verifiedReader(_ url: URL, magic: [UInt8]) -> ByteReader? {
        guard let bytes = try? FileBytes.read(url.path), bytes.count >= magic.count + 16,
              bytes.prefix(magic.count).elementsEqual(magic) else { return nil }
        var reader = ByteReader(bytes)
        guard (try? reader.raw(count: magic.count)) != nil, let high = try? reader.uint64(), let low = try? reader.uint64() else { return nil }
        let digest = bytes.withUnsafeBytes { ContentDigest(UnsafeRawBufferPointer(rebasing: $0[(magic.count + 16)...])) }
        return digest == ContentDigest(high: high, low: low) ? reader : nil
    }

    /// Writes magic, digest and payload to a temporary file in the folder and renames it to `url`, so a reader sees
    /// the old file or the new one, never half of one.
    private static func save(_ payload: [UInt8], magic: [UInt8], to url: URL) throws {
        let digest = payload.withUnsafeBytes { ContentDigest($0) }
        var header = ByteWriter(capacity: magic.count + 16)
        header.raw(magic)
        header.uint64(digest.high)
        header.uint64(digest.low)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileSystemError(action: "write", path: temporary.path, code: errno) }
        var failure: Int32 = 0
        for part in [header.bytes, payload] where failure == 0 {
            part.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    offset += written
                }
            }
        }
        close(descriptor)
        guard failure == 0, rename(temporary.path, url.path) == 0 else {
            let code = failure == 0 ? errno : failure
            unlink(temporary.path)
            throw FileSystemError(action: "write", path: url.path, code: code)
        }
    }
}

/// A tier file of the index: `search/tiers/<shard>/<ordinal>-<tier>.bin`.
struct SearchTierFile: Sendable, Equatable {
    /// The shard of the term.
    var shard: Int
    /// The term's position in the shard.
    var ordinal: Int
    /// The tier number.
    var tier: Int
    /// The digest of its bytes (its key in the output).
    var digest: ContentDigest
}
