import Foundation

/// Size limits that shape the index files; the defaults suit archives from one call to tens of thousands.
struct SearchIndexLayout: Sendable {
    /// The largest average shard size: the shard count is the smallest power of two that keeps the average under it.
    var shardTargetBytes = 32 * 1024
    /// A term whose postings are larger than this moves out of its shard into tier files.
    var inlineLimit = 8 * 1024
    /// Postings in a term's first (highest-impact) tier; each next tier holds twice as many…
    var firstTierPostings = 4096
    /// …up to this many.
    var maximumTierPostings = 65_536
    /// About how many bytes of paragraph text one document chunk holds.
    var chunkTargetBytes = 4 * 1024
    /// The most paragraphs one chunk holds.
    var maximumChunkDocuments = 64
}

/// One tier of a term whose postings left its shard.
struct SearchTier: Equatable {
    /// The highest impact in the tier (tiers are in decreasing impact order).
    var maxImpact: UInt8
    /// Postings in the tier.
    var count: Int
    /// The tier file's bytes: postings in doc order, each a doc-id gap varint (the first counted from -1) and a flags byte.
    var bytes: [UInt8]
}

/// A shard file and the tier files of its large terms.
struct EncodedShard {
    /// The shard file's bytes.
    var bytes: [UInt8]
    /// Tier files: the term's position in the shard, the tier number, and the tier.
    var tiers: [(ordinal: Int, tier: Int, content: SearchTier)]
}

/// Turns the postings a ``SearchIndexBuilder`` gathered into shard and tier files.
enum SearchIndexWriter {
    /// The number of shards: the smallest power of two whose average shard is at most `layout.shardTargetBytes`.
    static func shardCount(_ builder: SearchIndexBuilder, layout: SearchIndexLayout) -> Int {
        var estimate = 0
        for (id, term) in builder.terms.enumerated() {
            let postings = builder.postings[id].count
            estimate += term.utf8.count + 6 + (postings <= layout.inlineLimit ? postings : 64)
        }
        var shards = 1
        while shards * layout.shardTargetBytes < estimate && shards < 1 << 16 { shards *= 2 }
        return shards
    }

    /// Term ids per shard, each list in term byte order (the order within a shard file).
    static func assign(_ builder: SearchIndexBuilder, shards: Int) -> [[Int]] {
        var result = [[Int]](repeating: [], count: shards)
        for (id, term) in builder.terms.enumerated() {
            result[SearchIndexFormat.shard(of: term, shards: shards)].append(id)
        }
        for shard in result.indices {
            result[shard].sort { builder.terms[$0].utf8.lexicographicallyPrecedes(builder.terms[$1].utf8) }
        }
        return result
    }

    /// Encodes one shard: "SGS1", the term count, then per term its UTF-8 bytes, document frequency and either
    /// its postings (tier count 0) or its tier table.
    static func encodeShard(terms: [Int], builder: SearchIndexBuilder, averageLength: Double, layout: SearchIndexLayout) -> EncodedShard {
        var bytes = SearchIndexFormat.shardMagic
        var tiers: [(Int, Int, SearchTier)] = []
        SearchIndexFormat.appendVarint(terms.count, to: &bytes)
        for (ordinal, id) in terms.enumerated() {
            let term = Array(builder.terms[id].utf8)
            SearchIndexFormat.appendVarint(term.count, to: &bytes)
            bytes += term
            SearchIndexFormat.appendVarint(Int(builder.documentFrequency[id]), to: &bytes)
            let postings = builder.decodedPostings(id).map { posting -> (document: Int, flags: UInt8) in
                let impact = SearchIndexFormat.impact(tf: posting.tf, length: Int(builder.lengths[posting.document]), averageLength: averageLength)
                return (posting.document, impact << 4 | builder.flags[posting.document])
            }
            let inline = encodePostings(postings)
            if inline.count <= layout.inlineLimit {
                SearchIndexFormat.appendVarint(0, to: &bytes)
                SearchIndexFormat.appendVarint(inline.count, to: &bytes)
                bytes += inline
                continue
            }
            let termTiers = split(postings, layout: layout)
            SearchIndexFormat.appendVarint(termTiers.count, to: &bytes)
            for (number, tier) in termTiers.enumerated() {
                SearchIndexFormat.appendVarint(Int(tier.maxImpact), to: &bytes)
                SearchIndexFormat.appendVarint(tier.count, to: &bytes)
                SearchIndexFormat.appendVarint(tier.bytes.count, to: &bytes)
                tiers.append((ordinal, number, tier))
            }
        }
        return EncodedShard(bytes: bytes, tiers: tiers)
    }

    /// Postings in doc order as gap varints and flags bytes.
    static func encodePostings(_ postings: [(document: Int, flags: UInt8)]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(postings.count * 2)
        var previous = -1
        for posting in postings {
            SearchIndexFormat.appendVarint(posting.document - previous, to: &bytes)
            bytes.append(posting.flags)
            previous = posting.document
        }
        return bytes
    }

    /// Splits postings into tiers by impact (highest first; equal impacts by doc id), each tier stored in doc order.
    static func split(_ postings: [(document: Int, flags: UInt8)], layout: SearchIndexLayout) -> [SearchTier] {
        let ranked = postings.sorted { a, b in
            a.flags >> 4 != b.flags >> 4 ? a.flags >> 4 > b.flags >> 4 : a.document < b.document
        }
        var tiers: [SearchTier] = []
        var start = 0
        var size = max(1, layout.firstTierPostings)
        while start < ranked.count {
            let slice = ranked[start..<min(start + size, ranked.count)]
            let ordered = slice.sorted { $0.document < $1.document }
            tiers.append(SearchTier(maxImpact: slice.first!.flags >> 4, count: slice.count, bytes: encodePostings(ordered)))
            start += slice.count
            size = min(size * 2, max(layout.maximumTierPostings, 1))
        }
        return tiers
    }

    /// How many paragraphs go in one document chunk, from the average paragraph size.
    static func chunkSize(textBytes: Int, documents: Int, layout: SearchIndexLayout) -> Int {
        guard documents > 0, textBytes > 0 else { return 1 }
        let average = Double(textBytes) / Double(documents) + 24
        return min(max(Int((Double(layout.chunkTargetBytes) / average).rounded()), 1), layout.maximumChunkDocuments)
    }

    /// Sorted, merged half-open document ranges as JSON: `[[start,end],…]`.
    static func rangesJSON(_ ranges: [Range<Int>]) -> String {
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return SearchJSON.array(merged.map { "[\($0.lowerBound),\($0.upperBound)]" })
    }
}
