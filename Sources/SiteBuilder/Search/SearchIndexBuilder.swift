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
/// (a doc-id gap varint, then a term-frequency varint), and per paragraph only its length and flags are kept.
struct SearchIndexBuilder {
    /// Terms by id.
    private(set) var terms: [String] = []
    /// Term ids by term.
    private var ids: [String: Int32] = [:]
    /// Per term: (gap, tf) varint pairs in doc order.
    private(set) var postings: [[UInt8]] = []
    /// Per term: the last document added (for gaps).
    private var lastDocument: [Int32] = []
    /// Per term: how many paragraphs contain it.
    private(set) var documentFrequency: [Int32] = []
    /// Per paragraph: its length in terms.
    private(set) var lengths: [UInt32] = []
    /// Per paragraph: group and section codes.
    private(set) var flags: [UInt8] = []

    /// How many paragraphs have been added.
    var documentCount: Int { lengths.count }

    /// Appends a call's paragraphs as the next documents.
    mutating func add(_ call: TokenizedCall) {
        var global = [Int32](repeating: 0, count: call.vocabulary.count)
        for (position, term) in call.vocabulary.enumerated() {
            if let id = ids[term] {
                global[position] = id
            } else {
                let id = Int32(terms.count)
                ids[term] = id
                terms.append(term)
                postings.append([])
                lastDocument.append(-1)
                documentFrequency.append(0)
                global[position] = id
            }
        }
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

    /// A term's postings as (document, tf) pairs, in doc order.
    func decodedPostings(_ term: Int) -> [(document: Int, tf: Int)] {
        let bytes = postings[term]
        var result: [(Int, Int)] = []
        result.reserveCapacity(Int(documentFrequency[term]))
        var position = 0
        var document = -1
        while position < bytes.count {
            document += SearchIndexFormat.readVarint(bytes, &position)
            result.append((document, SearchIndexFormat.readVarint(bytes, &position)))
        }
        return result
    }

    /// The id of a term, if it occurs anywhere.
    func id(of term: String) -> Int? { ids[term].map(Int.init) }
}
