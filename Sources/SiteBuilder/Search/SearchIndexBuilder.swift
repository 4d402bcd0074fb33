import Foundation

/// The paragraphs of one call as terms: made on any core by ``tokenize(_:)``, merged in order by
/// ``SearchIndexBuilder/add(_:)``.
struct TokenizedCall: Sendable {
    /// The call's distinct terms, in order of first appearance; entries refer to them by position.
    var vocabulary: [String] = []
    /// Per paragraph: the flags byte (group and section codes, without the impact).
    var flags: [UInt8] = []
    /// Per paragraph: how many terms it has (its BM25 length).
    var lengths: [UInt32] = []
    /// Per paragraph: the end of its entries in `entryTerms` / `entryCounts`.
    var ends: [Int] = []
    /// Entries: a term (position in `vocabulary`) of a paragraph…
    var entryTerms: [Int32] = []
    /// …and how often it occurs there.
    var entryCounts: [UInt16] = []

    /// Tokenizes paragraphs given as (flags, text), in order.
    static func tokenize(_ paragraphs: [(flags: UInt8, text: String)]) -> TokenizedCall {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: SearchTokenizer.maximumWordBytes) { buffer in
            var tokenizer = SearchTokenizer()
            var builder = TokenizedCallBuilder(stemBuffer: buffer.baseAddress!)
            for paragraph in paragraphs {
                tokenizer.forEachWordBytes(paragraph.text) { builder.add($0) }
                builder.endParagraph(flags: paragraph.flags)
            }
            return builder.call
        }
    }
}

/// ``TokenizedCall/tokenize(_:)`` one word at a time.
///
/// Words are looked up by their bytes, first as written (`known`), then, for a word not seen before in the call, by
/// its stem (`stems`); a paragraph's terms are counted per term and read back in term order from a bit set.
/// Comparing ASCII stems by their bytes is what `String` equality does for them, and no other stem can equal one: folding
/// leaves only scalars that NFKD keeps as they are, so such a stem never normalizes to ASCII.
private struct TokenizedCallBuilder {
    /// The paragraphs so far.
    var call = TokenizedCall()
    /// Room for a stem (``SearchTokenizer/maximumWordBytes``).
    let stemBuffer: UnsafeMutablePointer<UInt8>
    /// Per folded word seen in the call: its term, or -1 for a stop word.
    private var known = WordIDs()
    /// Per ASCII stem: its term.
    private var stems = WordIDs()
    /// Per stem with other scalars: its term (compared as strings, as all stems used to be).
    private var otherStems: [String: Int32] = [:]
    /// Per term: how often it occurs in the current paragraph.
    private var counts: [UInt32] = []
    /// The terms of the current paragraph, one bit each.
    private var present: [UInt64] = []
    /// The current paragraph's length in terms.
    private var length: UInt32 = 0
    /// The first and last block of `present` with a bit set.
    private var firstBlock = Int.max, lastBlock = -1

    /// A builder stemming into `stemBuffer`.
    init(stemBuffer: UnsafeMutablePointer<UInt8>) {
        self.stemBuffer = stemBuffer
    }

    /// Adds the next word of the current paragraph.
    mutating func add(_ word: UnsafeBufferPointer<UInt8>) {
        let key = WordIDs.Key(word)
        let id: Int32
        if let seen = known.id(of: word, key: key) {
            id = seen
        } else {
            id = term(of: word)
            known.insert(word, key: key, id: id)
        }
        guard id >= 0 else { return }
        let term = Int(id)
        if counts[term] == 0 {
            let block = term >> 6
            present[block] |= 1 << UInt64(term & 63)
            firstBlock = min(firstBlock, block)
            lastBlock = max(lastBlock, block)
        }
        counts[term] += 1
        length += 1
    }

    /// Ends the current paragraph: its entries in term order, its flags and length.
    mutating func endParagraph(flags: UInt8) {
        if lastBlock >= 0 {
            for block in firstBlock...lastBlock {
                var bits = present[block]
                present[block] = 0
                while bits != 0 {
                    let term = block << 6 | bits.trailingZeroBitCount
                    bits &= bits - 1
                    call.entryTerms.append(Int32(term))
                    call.entryCounts.append(UInt16(min(counts[term], UInt32(UInt16.max))))
                    counts[term] = 0
                }
            }
        }
        call.flags.append(flags)
        call.lengths.append(length)
        call.ends.append(call.entryTerms.count)
        length = 0
        firstBlock = Int.max
        lastBlock = -1
    }

    /// The term of a word not seen before in the call (a new one if its stem is new), or -1 for a stop word.
    private mutating func term(of word: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard !SearchTokenizer.isStopword(word) else { return -1 }
        let stem = UnsafeBufferPointer(start: stemBuffer, count: SearchStemmer.stem(word, into: stemBuffer))
        let key = WordIDs.Key(stem)
        let isASCII = !stem.contains { $0 >= 0x80 }
        if isASCII, let id = stems.id(of: stem, key: key) { return id }
        let string = String(decoding: stem, as: UTF8.self)
        if !isASCII, let id = otherStems[string] { return id }
        let id = Int32(call.vocabulary.count)
        call.vocabulary.append(string)
        counts.append(0)
        if id & 63 == 0 { present.append(0) }
        if isASCII { stems.insert(stem, key: key, id: id) } else { otherStems[string] = id }
        return id
    }
}

/// Ids of words, looked up by their bytes: an open-addressing hash table whose keys hold up to 16 of a word's bytes,
/// over one byte arena for the rest, so a lookup needs no array or string of its own.
private struct WordIDs {
    /// A word's first and last 8 bytes (4 and 4, or first, middle and last, for shorter words: then they cover all
    /// of it, so equal keys and lengths mean equal words of up to 16 bytes), and a hash of them.
    struct Key {
        /// The first bytes.
        var head: UInt64
        /// The last bytes.
        var tail: UInt64
        /// The table's hash.
        var hash: UInt64

        /// The key of a non-empty word.
        init(_ word: UnsafeBufferPointer<UInt8>) {
            let bytes = UnsafeRawPointer(word.baseAddress!)
            let count = word.count
            if count >= 8 {
                head = bytes.loadUnaligned(as: UInt64.self)
                tail = bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            } else if count >= 4 {
                head = UInt64(bytes.loadUnaligned(as: UInt32.self))
                tail = UInt64(bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            } else {
                head = UInt64(word[0]) | UInt64(word[count >> 1]) << 8 | UInt64(word[count - 1]) << 16
                tail = 0
            }
            hash = Self.hash(head: head, tail: tail, count: count)
        }

        /// Mixes the key's parts (one full-width multiplication, as in wyhash).
        static func hash(head: UInt64, tail: UInt64, count: Int) -> UInt64 {
            let product = (head ^ 0x243F_6A88_85A3_08D3).multipliedFullWidth(
                by: tail ^ (UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15) ^ 0x1319_8A2E_0370_7344)
            return product.high ^ product.low
        }
    }

    /// One word: its key, where all its bytes are in the arena, and its id.
    private struct Entry {
        var head: UInt64
        var tail: UInt64
        var hash: UInt32
        var start: Int32
        var count: Int32
        var id: Int32
    }

    /// The bytes of every word, one after the other.
    private var arena: [UInt8] = []
    /// The words in order of insertion.
    private var entries: [Entry] = []
    /// Per slot: 1 + the position of its word in `entries`, or 0 when free; a power of two long, at most half full.
    private var slots = [Int32](repeating: 0, count: 4096)

    /// An empty table with room for about 2,000 words before it grows.
    init() {
        entries.reserveCapacity(1024)
        arena.reserveCapacity(8192)
    }

    /// The id stored for `word` (whose key is `key`), if it was inserted.
    func id(of word: UnsafeBufferPointer<UInt8>, key: Key) -> Int32? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: key.hash) & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { return nil }
            let entry = entries[stored - 1]
            if entry.head == key.head && entry.tail == key.tail && Int(entry.count) == word.count
                && (word.count <= 16 || middleMatches(entry, word)) {
                return entry.id
            }
            slot = (slot + 1) & mask
        }
    }

    /// Adds a word that is not in the table yet.
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>, key: Key, id: Int32) {
        let hash = UInt32(truncatingIfNeeded: key.hash)
        entries.append(Entry(head: key.head, tail: key.tail, hash: hash, start: Int32(arena.count), count: Int32(word.count), id: id))
        arena.append(contentsOf: word)
        if entries.count * 2 > slots.count {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            for position in entries.indices { place(position, hash: entries[position].hash) }
        } else {
            place(entries.count - 1, hash: hash)
        }
    }

    /// Puts entry `position` in the first free slot from its hash on (the low 32 bits of the key's hash are enough
    /// for any table that fits in memory).
    private mutating func place(_ position: Int, hash: UInt32) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(position + 1)
    }

    /// Whether the bytes between the first and last 8 of an entry's word are `word`'s (same length, over 16 assumed).
    private func middleMatches(_ entry: Entry, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        arena.withUnsafeBufferPointer { arena in
            memcmp(arena.baseAddress! + Int(entry.start) + 8, word.baseAddress! + 8, word.count - 16) == 0
        }
    }
}

/// Accumulates postings for the whole archive, one call at a time in document order.
///
/// Memory stays close to the size of the final index: each term's postings are kept as they will be stored
/// (a doc-id gap varint, then a term-frequency varint), and per paragraph only its length and flags are kept. An
/// incremental build starts from the last build's postings instead (``SearchIndexCache``) and replaces only the
/// documents of the calls that changed (``patch(_:parallelism:)``); term ids then differ from a full build's, which
/// nothing written depends on (shards order their terms by bytes).
struct SearchIndexBuilder: Sendable {
    /// Terms by id.
    private(set) var terms: [String] = []
    /// Term ids by term.
    private var ids: [String: Int32] = [:]
    /// Per term: (gap, tf) varint pairs in doc order.
    private(set) var postings: [[UInt8]] = []
    /// Per term: the last document added (for gaps).
    private(set) var lastDocument: [Int32] = []
    /// Per term: how many paragraphs contain it.
    private(set) var documentFrequency: [Int32] = []
    /// Per paragraph: its length in terms.
    private(set) var lengths: [UInt32] = []
    /// Per paragraph: group and section codes.
    private(set) var flags: [UInt8] = []

    /// An empty index.
    init() {}

    /// An index from its parts, as ``SearchIndexCache`` keeps them; nil when they do not fit together.
    init?(terms: [String], postings: [[UInt8]], lastDocument: [Int32], documentFrequency: [Int32], lengths: [UInt32], flags: [UInt8]) {
        guard postings.count == terms.count, lastDocument.count == terms.count, documentFrequency.count == terms.count,
              flags.count == lengths.count else { return nil }
        ids.reserveCapacity(terms.count)
        for (id, term) in terms.enumerated() {
            guard ids.updateValue(Int32(id), forKey: term) == nil, lastDocument[id] >= 0, Int(lastDocument[id]) < lengths.count,
                  documentFrequency[id] > 0, !postings[id].isEmpty else { return nil }
        }
        self.terms = terms
        self.postings = postings
        self.lastDocument = lastDocument
        self.documentFrequency = documentFrequency
        self.lengths = lengths
        self.flags = flags
    }

    /// How many paragraphs have been added.
    var documentCount: Int { lengths.count }

    /// The id of `term`, added (with no postings) when it is new.
    private mutating func globalID(_ term: String) -> Int32 {
        if let id = ids[term] { return id }
        let id = Int32(terms.count)
        ids[term] = id
        terms.append(term)
        postings.append([])
        lastDocument.append(-1)
        documentFrequency.append(0)
        return id
    }

    /// Appends a call's paragraphs as the next documents.
    mutating func add(_ call: TokenizedCall) {
        let global = call.vocabulary.map { globalID($0) }
        var start = 0
        for (paragraph, end) in call.ends.enumerated() {
            let document = Int32(lengths.count)
            lengths.append(call.lengths[paragraph])
            flags.append(call.flags[paragraph])
            for entry in start..<end {
                let id = Int(global[Int(call.entryTerms[entry])])
                SearchIndexFormat.appendVarint(Int(document - lastDocument[id]), to: &postings[id])
                SearchIndexFormat.appendVarint(Int(call.entryCounts[entry]), to: &postings[id])
                lastDocument[id] = document
                documentFrequency[id] += 1
            }
            start = end
        }
    }

    /// The average paragraph length in terms (0 for an empty archive).
    var averageLength: Double {
        lengths.isEmpty ? 0 : Double(lengths.reduce(0) { $0 + Int($1) }) / Double(lengths.count)
    }

    /// Whether every term's postings are in increasing document order, name documents the index has, and agree with
    /// its document frequency and last document (what encoding relies on; checked on postings read from the cache).
    func isConsistent() -> Bool {
        for id in terms.indices {
            let valid = postings[id].withUnsafeBufferPointer { bytes in
                var reader = PostingReader(bytes)
                var count: Int32 = 0, last = -1
                while let posting = reader.next() {
                    guard posting.document > last, posting.document < lengths.count else { return false }
                    last = posting.document
                    count += 1
                }
                return count == documentFrequency[id] && last == Int(lastDocument[id])
            }
            guard valid else { return false }
        }
        return true
    }

    /// The id of a term, if it occurs anywhere.
    func id(of term: String) -> Int? { ids[term].map(Int.init) }

    /// One call of a patched index, in site order.
    enum Segment: Sendable {
        /// A call already in the index, documents `first ..< first + count`, kept as it is.
        case reused(first: Int, count: Int)
        /// A call to add.
        case added(TokenizedCall)
    }

    /// Replaces the calls of the index by `segments`, so that it holds what adding their calls one by one to an
    /// empty index would: the same terms (those no call uses any more are dropped), postings, lengths and flags.
    ///
    /// Reused calls must keep their order (each old document moves to one new place, in order), so every term's
    /// postings are one merge of its old postings, renumbered, with those of the added calls. Returns false, leaving
    /// the index unusable, when they don't or when a posting names a document the index does not have.
    mutating func patch(_ segments: [Segment], parallelism: Int) async throws -> Bool {
        let oldCount = documentCount
        var documentMap = [Int32](repeating: -1, count: oldCount)
        var newLengths: [UInt32] = []
        var newFlags: [UInt8] = []
        newLengths.reserveCapacity(oldCount)
        newFlags.reserveCapacity(oldCount)
        var added: [[(document: Int32, tf: UInt16)]] = Array(repeating: [], count: terms.count)
        var reusedEnd = 0
        for segment in segments {
            switch segment {
            case .reused(let first, let count):
                guard first >= reusedEnd, count >= 0, first + count <= oldCount else { return false }
                for offset in 0..<count { documentMap[first + offset] = Int32(newLengths.count + offset) }
                newLengths += lengths[first..<(first + count)]
                newFlags += flags[first..<(first + count)]
                reusedEnd = first + count
            case .added(let call):
                let global = call.vocabulary.map { globalID($0) }
                if added.count < terms.count { added += Array(repeating: [], count: terms.count - added.count) }
                var start = 0
                for (paragraph, end) in call.ends.enumerated() {
                    let document = Int32(newLengths.count)
                    newLengths.append(call.lengths[paragraph])
                    newFlags.append(call.flags[paragraph])
                    for entry in start..<end {
                        added[Int(global[Int(call.entryTerms[entry])])].append((document, call.entryCounts[entry]))
                    }
                    start = end
                }
            }
        }
        // Terms are merged a group at a time, each group's old postings moved out first, so memory holds the old and
        // the new postings of one group, not of the whole index.
        let map = documentMap
        for groupStart in stride(from: 0, to: terms.count, by: 512) {
            let members = groupStart..<min(groupStart + 512, terms.count)
            let old = members.map { id in
                defer { postings[id] = [] }
                return postings[id]
            }
            let new = members.map { added[$0] }
            let step = max(1, (old.count + parallelism * 2 - 1) / max(parallelism * 2, 1))
            let merged = try await concurrentMap(Array(stride(from: 0, to: old.count, by: step)), width: parallelism) { _, first in
                (first..<min(first + step, old.count)).map { Self.merge(old[$0], documentMap: map, added: new[$0]) }
            }
            for (id, result) in zip(members, merged.joined()) {
                guard let result else { return false }
                postings[id] = result.bytes
                documentFrequency[id] = result.df
                lastDocument[id] = result.last
            }
        }
        var kept = SearchIndexBuilder()
        kept.lengths = newLengths
        kept.flags = newFlags
        for id in terms.indices where documentFrequency[id] > 0 {
            kept.ids[terms[id]] = Int32(kept.terms.count)
            kept.terms.append(terms[id])
            kept.postings.append(postings[id])
            kept.lastDocument.append(lastDocument[id])
            kept.documentFrequency.append(documentFrequency[id])
        }
        self = kept
        return true
    }

    /// One term's postings after a patch: its old postings renumbered by `documentMap` (-1: dropped) merged with
    /// `added` (in document order); nil when an old posting is out of order or past the map.
    private static func merge(_ old: [UInt8], documentMap: [Int32], added: [(document: Int32, tf: UInt16)])
        -> (bytes: [UInt8], df: Int32, last: Int32)? {
        var writer = PostingWriter(capacity: old.count + added.count * 3)
        var next = 0
        let valid = old.withUnsafeBufferPointer { bytes in
            documentMap.withUnsafeBufferPointer { documentMap in
                var reader = PostingReader(bytes)
                var last = -1
                while let posting = reader.next() {
                    guard posting.document > last, posting.document < documentMap.count else { return false }
                    last = posting.document
                    let mapped = documentMap[posting.document]
                    guard mapped >= 0 else { continue }
                    while next < added.count && added[next].document < mapped {
                        writer.append(added[next].document, tf: Int(added[next].tf))
                        next += 1
                    }
                    writer.append(mapped, tf: posting.tf)
                }
                return true
            }
        }
        guard valid else { return nil }
        while next < added.count {
            writer.append(added[next].document, tf: Int(added[next].tf))
            next += 1
        }
        return (writer.bytes, writer.count, writer.previous)
    }
}

/// Reads varint postings, (doc-id gap, tf) pairs, one at a time.
struct PostingReader {
    /// The postings' bytes.
    private let bytes: UnsafeBufferPointer<UInt8>
    /// Where the next posting starts.
    private var position = 0
    /// The last document read (-1 before the first).
    private var document = -1

    /// A reader at the first posting of `bytes`.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The next (document, tf), or nil at the end.
    @inline(__always)
    mutating func next() -> (document: Int, tf: Int)? {
        guard position < bytes.count else { return nil }
        document += varint()
        return (document, varint())
    }

    /// The varint at `position`.
    @inline(__always)
    private mutating func varint() -> Int {
        SearchIndexFormat.readVarint(bytes, &position)
    }
}

/// Writes varint postings, (doc-id gap, tf) pairs, in document order.
struct PostingWriter {
    /// The bytes so far.
    private(set) var bytes: [UInt8] = []
    /// The last document written (-1 before the first).
    private(set) var previous: Int32 = -1
    /// Postings written.
    private(set) var count: Int32 = 0

    /// A writer with room for `capacity` bytes.
    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends a posting of a document after the last one.
    @inline(__always)
    mutating func append(_ document: Int32, tf: Int) {
        SearchIndexFormat.appendVarint(Int(document - previous), to: &bytes)
        SearchIndexFormat.appendVarint(tf, to: &bytes)
        previous = document
        count += 1
    }
}
