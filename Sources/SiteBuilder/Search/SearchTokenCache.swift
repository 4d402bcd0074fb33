import Foundation
import TranscriptKit

extension TokenizedCall {
    /// Bumped when tokenizing (words, stopwords, stemming) or this layout changes.
    static let cacheVersion = 4

    /// A digest of every field: calls with the same digest add the same documents and postings to an index.
    var digest: ContentDigest {
        var hasher = DigestHasher()
        hasher.combine(vocabulary.count)
        for term in vocabulary { hasher.combine(term) }
        flags.withUnsafeBytes { hasher.combine($0) }
        lengths.withUnsafeBytes { hasher.combine($0) }
        ends.withUnsafeBytes { hasher.combine($0) }
        entryTerms.withUnsafeBytes { hasher.combine($0) }
        entryCounts.withUnsafeBytes { hasher.combine($0) }
        return hasher.finalize()
    }

    /// The cache's binary form, with the call's text size: what the search step needs of a call, without its text.
    func encoded(textBytes: Int) -> [UInt8] {
        var writer = ByteWriter(capacity: 16 + vocabulary.count * 10 + entryTerms.count * 4)
        writer.int(Self.cacheVersion)
        writer.int(textBytes)
        writer.int(vocabulary.count)
        for term in vocabulary { writer.string(term) }
        writer.int(flags.count)
        for index in flags.indices {
            writer.int(Int(flags[index]))
            writer.int(Int(lengths[index]))
            writer.int(ends[index])
        }
        writer.int(entryTerms.count)
        for index in entryTerms.indices {
            writer.int(Int(entryTerms[index]))
            writer.int(Int(entryCounts[index]))
        }
        return writer.bytes
    }

    /// Reads `encoded(textBytes:)`, checking every index against the counts.
    static func decode(_ bytes: [UInt8]) throws(CacheFormatError) -> (call: TokenizedCall, textBytes: Int) {
        var reader = ByteReader(bytes)
        guard try reader.int() == cacheVersion else { throw CacheFormatError() }
        let textBytes = try reader.count(limit: Int.max)
        var call = TokenizedCall()
        let terms = try reader.count()
        call.vocabulary.reserveCapacity(terms)
        for _ in 0..<terms { call.vocabulary.append(try reader.string()) }
        let paragraphs = try reader.count()
        for _ in 0..<paragraphs {
            call.flags.append(UInt8(try reader.count(limit: 255)))
            call.lengths.append(UInt32(try reader.count(limit: Int(UInt32.max))))
            call.ends.append(try reader.count())
        }
        let entries = try reader.count()
        call.entryTerms.reserveCapacity(entries)
        call.entryCounts.reserveCapacity(entries)
        for _ in 0..<entries {
            call.entryTerms.append(Int32(try reader.count(limit: terms - 1)))
            call.entryCounts.append(UInt16(try reader.count(limit: Int(UInt16.max))))
        }
        guard reader.isAtEnd, call.ends.allSatisfy({ $0 <= entries }), zip(call.ends, call.ends.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw CacheFormatError()
        }
        return (call, textBytes)
    }
}

extension PageContexts {
    /// A call's tokenized paragraphs and text size: from the store when an earlier build tokenized the same text,
    /// else from its full transcript (and then stored).
    func searchTokens(of position: Int) throws -> (call: TokenizedCall, textBytes: Int) {
        let digest = index.calls[position].digest
        if let store, let bytes = store.read(digest, kind: "tok"), let cached = try? TokenizedCall.decode(bytes) {
            return cached
        }
        let paragraphs = SearchStep.paragraphs(of: try transcript(of: position))
        let call = TokenizedCall.tokenize(paragraphs.map { ($0.flags, $0.text) })
        let textBytes = paragraphs.reduce(0) { $0 + $1.text.utf8.count }
        try? store?.write(call.encoded(textBytes: textBytes), digest: digest, kind: "tok")
        return (call, textBytes)
    }
}
