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
    var chunkTargetBytes = 8 * 1024
    /// The most paragraphs one chunk holds.
    var maximumChunkDocuments = 64
}

/// Quantised impacts by paragraph length and term frequency for one average length, so that encoding looks most of
/// them up (``SearchIndexFormat/impact(tf:length:averageLength:)`` fills the table, so both always agree).
struct ImpactTable: Sendable {
    /// Paragraph lengths below this are in the table.
    static let lengthLimit = 512
    /// Term frequencies below this are in the table.
    static let frequencyLimit = 32
    /// The average paragraph length the impacts are for.
    let averageLength: Double
    /// The impact of (length, tf) at `length × frequencyLimit + tf`.
    private let levels: [UInt8]

    /// The table for `averageLength`.
    init(averageLength: Double) {
        self.averageLength = averageLength
        var levels: [UInt8] = []
        levels.reserveCapacity(Self.lengthLimit * Self.frequencyLimit)
        for length in 0..<Self.lengthLimit {
            for tf in 0..<Self.frequencyLimit {
                levels.append(SearchIndexFormat.impact(tf: tf, length: length, averageLength: averageLength))
            }
        }
        self.levels = levels
    }

    /// The impact of a term said `tf` times in a paragraph of `length` terms.
    @inline(__always)
    func impact(tf: Int, length: Int) -> UInt8 {
        if length < Self.lengthLimit && tf < Self.frequencyLimit { return levels[length &* Self.frequencyLimit &+ tf] }
        return SearchIndexFormat.impact(tf: tf, length: length, averageLength: averageLength)
    }
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
    static func encodeShard(terms: [Int], builder: SearchIndexBuilder, impacts: ImpactTable, layout: SearchIndexLayout) -> EncodedShard {
        var bytes = SearchIndexFormat.shardMagic
        var tiers: [(ordinal: Int, tier: Int, content: SearchTier)] = []
        let most = terms.reduce(0) { max($0, Int(builder.documentFrequency[$1])) }
        let documents = UnsafeMutableBufferPointer<Int32>.allocate(capacity: most)
        let flags = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: most)
        defer {
            documents.deallocate()
            flags.deallocate()
        }
        var inline: [UInt8] = []
        SearchIndexFormat.appendVarint(terms.count, to: &bytes)
        builder.lengths.withUnsafeBufferPointer { lengths in
            builder.flags.withUnsafeBufferPointer { documentFlags in
                for (ordinal, id) in terms.enumerated() {
                    var term = builder.terms[id]
                    term.withUTF8 { utf8 in
                        SearchIndexFormat.appendVarint(utf8.count, to: &bytes)
                        bytes.append(contentsOf: utf8)
                    }
                    SearchIndexFormat.appendVarint(Int(builder.documentFrequency[id]), to: &bytes)
                    let count = builder.postings[id].withUnsafeBufferPointer { bytes in
                        var reader = PostingReader(bytes)
                        var count = 0
                        while count < most, let posting = reader.next() {
                            documents[count] = Int32(truncatingIfNeeded: posting.document)
                            flags[count] = impacts.impact(tf: posting.tf, length: Int(lengths[posting.document])) << 4 | documentFlags[posting.document]
                            count += 1
                        }
                        return count
                    }
                    let postings = (documents: UnsafeBufferPointer(rebasing: documents[..<count]), flags: UnsafeBufferPointer(rebasing: flags[..<count]))
                    inline.removeAll(keepingCapacity: true)
                    if encodePostings(documents: postings.documents, flags: postings.flags, limit: layout.inlineLimit, into: &inline) {
                        SearchIndexFormat.appendVarint(0, to: &bytes)
                        SearchIndexFormat.appendVarint(inline.count, to: &bytes)
                        bytes += inline
                        continue
                    }
                    let termTiers = split(documents: postings.documents, flags: postings.flags, layout: layout)
                    SearchIndexFormat.appendVarint(termTiers.count, to: &bytes)
                    for (number, tier) in termTiers.enumerated() {
                        SearchIndexFormat.appendVarint(Int(tier.maxImpact), to: &bytes)
                        SearchIndexFormat.appendVarint(tier.count, to: &bytes)
                        SearchIndexFormat.appendVarint(tier.bytes.count, to: &bytes)
                        tiers.append((ordinal, number, tier))
                    }
                }
            }
        }
        return EncodedShard(bytes: bytes, tiers: tiers)
    }

    /// Appends postings in doc order as gap varints (the first from -1) and flags bytes to `bytes`, stopping with false
    /// as soon as they take more than `limit` bytes.
    static func encodePostings(documents: UnsafeBufferPointer<Int32>, flags: UnsafeBufferPointer<UInt8>, limit: Int, into bytes: inout [UInt8]) -> Bool {
        let capacity = min(documents.count * maximumPostingBytes, limit + maximumPostingBytes)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(capacity, 1)) { output in
            var end = 0
            var previous: Int32 = -1
            for index in 0..<documents.count {
                end = writePosting(gap: documents[index] &- previous, flags: flags[index], to: output, at: end)
                previous = documents[index]
                if end > limit { return false }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: output[..<end]))
            return true
        }
    }

    /// The most bytes one posting takes: a doc-id gap (below 2³¹, so at most 5 varint bytes) and a flags byte.
    static let maximumPostingBytes = 6

    /// Writes a posting (gap varint, flags byte) at `offset`; returns the offset after it.
    @inline(__always)
    private static func writePosting(gap: Int32, flags: UInt8, to output: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        var value = UInt32(bitPattern: gap)
        var offset = offset
        while value >= 0x80 {
            output[offset] = UInt8(truncatingIfNeeded: value) | 0x80
            offset += 1
            value >>= 7
        }
        output[offset] = UInt8(value)
        output[offset + 1] = flags
        return offset + 2
    }

    /// Splits postings (in doc order) into tiers by impact, highest first and equal impacts by doc id, each tier
    /// stored in doc order; tiers hold `layout.firstTierPostings`, then twice as many each, up to
    /// `layout.maximumTierPostings`.
    ///
    /// No sort: a posting's rank is the number of postings of higher impact plus those of its own impact before it,
    /// and the postings of one impact reach their tiers in rank order, so one pass in doc order fills every tier in
    /// doc order.
    static func split(documents: UnsafeBufferPointer<Int32>, flags: UnsafeBufferPointer<UInt8>, layout: SearchIndexLayout) -> [SearchTier] {
        let levels = SearchIndexFormat.impactLevels
        var ends: [Int] = []
        var size = max(1, layout.firstTierPostings)
        while (ends.last ?? 0) < flags.count {
            ends.append(min((ends.last ?? 0) + size, flags.count))
            size = min(size * 2, max(layout.maximumTierPostings, 1))
        }
        let tierCount = ends.count
        // Per impact: its next rank and the tier that rank is in; per tier: where its next posting goes, its last
        // document and its highest impact.
        let nextRank = UnsafeMutableBufferPointer<Int>.allocate(capacity: levels)
        let tierOfImpact = UnsafeMutableBufferPointer<Int>.allocate(capacity: levels)
        let offsets = UnsafeMutableBufferPointer<Int>.allocate(capacity: tierCount)
        let previous = UnsafeMutableBufferPointer<Int32>.allocate(capacity: tierCount)
        let highest = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: tierCount)
        let output = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: flags.count * maximumPostingBytes)
        defer {
            for buffer in [nextRank, tierOfImpact, offsets] { buffer.deallocate() }
            previous.deallocate()
            highest.deallocate()
            output.deallocate()
        }
        nextRank.initialize(repeating: 0)
        tierOfImpact.initialize(repeating: 0)
        previous.initialize(repeating: -1)
        highest.initialize(repeating: 0)
        for flag in flags { nextRank[Int(flag >> 4)] += 1 }
        var rank = 0
        for impact in (0..<levels).reversed() {
            let count = nextRank[impact]
            nextRank[impact] = rank
            rank += count
        }
        for tier in 0..<tierCount { offsets[tier] = (tier == 0 ? 0 : ends[tier - 1]) * maximumPostingBytes }
        ends.withUnsafeBufferPointer { ends in
            for index in 0..<documents.count {
                let document = documents[index], flag = flags[index]
                let impact = Int(flag >> 4)
                let rank = nextRank[impact]
                nextRank[impact] = rank + 1
                var tier = tierOfImpact[impact]
                while rank >= ends[tier] { tier += 1 }
                tierOfImpact[impact] = tier
                offsets[tier] = writePosting(gap: document &- previous[tier], flags: flag, to: output, at: offsets[tier])
                previous[tier] = document
                highest[tier] = max(highest[tier], flag >> 4)
            }
        }
        return (0..<tierCount).map { tier in
            let start = tier == 0 ? 0 : ends[tier - 1]
            return SearchTier(maxImpact: highest[tier], count: ends[tier] - start,
                              bytes: Array(UnsafeBufferPointer(rebasing: output[(start * maximumPostingBytes)..<offsets[tier]])))
        }
    }

    /// How many paragraphs go in one document chunk, from the average paragraph size.
    static func chunkSize(textBytes: Int, documents: Int, layout: SearchIndexLayout) -> Int {
        guard documents > 0, textBytes > 0 else { return 1 }
        let average = Double(textBytes) / Double(documents) + 24
        return min(max(Int((Double(layout.chunkTargetBytes) / average).rounded()), 1), layout.maximumChunkDocuments)
    }

    /// Sorted, merged half-open document ranges as JSON: `[[start,end],…]`.
    static func rangesJSON(_ ranges: [Range<Int>]) -> String {
        let sorted = zip(ranges, ranges.dropFirst()).allSatisfy { $0.lowerBound <= $1.lowerBound } ? ranges
            : ranges.sorted(by: { $0.lowerBound < $1.lowerBound })
        var merged: [Range<Int>] = []
        for range in sorted where !range.isEmpty {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(merged.count * 16 + 2)
        for (position, range) in merged.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "["))
            appendDecimal(range.lowerBound, to: &bytes)
            bytes.append(UInt8(ascii: ","))
            appendDecimal(range.upperBound, to: &bytes)
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends a non-negative integer in decimal digits.
    static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
