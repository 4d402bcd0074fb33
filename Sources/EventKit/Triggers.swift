import Algorithms
import Foundation

/// Where a paragraph has the words rules 1–4 start from, found in one pass over its UTF-8 bytes, so only sentences
/// holding one are tokenised.
///
/// A rule word is an ASCII word (case ignored) starting with the first four letters of conference, summit, keynote,
/// spoke, stage, … or the word "day"; "call" counts only together with a verb rule 3 needs (hold, host, schedule,
/// conduct) in the same stretch of text.
struct TriggerWords {
    /// The byte ranges of rule words' prefixes ("conf" of "conference", all of "day").
    private var words: [Range<Int>] = []
    /// The byte ranges of "call" prefixes.
    private var calls: [Range<Int>] = []
    /// The byte ranges of call-verb prefixes.
    private var callVerbs: [Range<Int>] = []

    /// What a four-letter prefix is to the rules.
    private enum Kind: UInt8 {
        case none, rule, call, callVerb
    }

    /// The four-letter prefixes of the words rules 1–4 start from.
    static let rulePrefixes = [
        "conference", "summit", "forum", "symposium", "expo", "show", "convention", "congress", "seminar", "meeting",
        "keynote", "spoke", "speak", "present", "attend", "exhibit", "stage", "panel", "podium", "onstage",
    ]
    /// Verbs that make "call" a rule 3 candidate.
    static let callVerbPrefixes = ["hold", "host", "schedule", "conduct"]

    /// An open-addressed table of every prefix by `slot(of:)`; a zero key is an empty slot.
    private static let table: [(key: UInt32, kind: Kind)] = {
        var table = [(key: UInt32, kind: Kind)](repeating: (0, .none), count: 64)
        func insert(_ word: String, _ kind: Kind) {
            let key = packed(Array(word.utf8))
            var slot = TriggerWords.slot(of: key)
            while table[slot].key != 0 {
                precondition(table[slot].key != key, "prefix listed twice: \(word)")
                slot = (slot + 1) & 63
            }
            table[slot] = (key, kind)
        }
        for word in rulePrefixes { insert(word, .rule) }
        insert("call", .call)
        for word in callVerbPrefixes { insert(word, .callVerb) }
        return table
    }()

    /// A 4096-bit filter with the bit `filterBit(of:)` of every key in the table set, so nearly every other word is
    /// turned away by one test.
    private static let filter: [UInt64] = {
        var filter = [UInt64](repeating: 0, count: 64)
        for entry in table where entry.key != 0 {
            let bit = filterBit(of: entry.key)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        return filter
    }()

    /// The first four bytes of `bytes` as they lie in memory, read as a little-endian integer.
    private static func packed(_ bytes: [UInt8]) -> UInt32 {
        UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24
    }

    @inline(__always) private static func slot(of key: UInt32) -> Int { Int((key &* 0x9E37_79B1) >> 26) }

    @inline(__always) private static func filterBit(of key: UInt32) -> Int { Int((key &* 0x85EB_CA6B) >> 20) }

    private init() {}

    /// Scans `paragraph` once, eight bytes at a time.
    init(in paragraph: String) {
        let table = Self.table
        let filter = Self.filter
        self = withUTF8Bytes(paragraph) { bytes in
            var found = TriggerWords()
            let count = bytes.count
            guard let base = bytes.baseAddress else { return found }
            @inline(__always) func letter(_ offset: Int) -> UInt8 { ByteSearch.folded(bytes[offset]) }
            /// Looks at the word starting at `index`.
            @inline(__always) func wordStart(_ index: Int) {
                if index + 4 <= count {
                    let key = Self.folded(UInt32(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt32.self)))
                    let bit = Self.filterBit(of: key)
                    if filter[bit >> 6] & 1 << UInt64(bit & 63) != 0 {
                        var slot = Self.slot(of: key)
                        while table[slot].key != 0 {
                            if table[slot].key == key {
                                switch table[slot].kind {
                                case .rule: found.words.append(index..<(index + 4))
                                case .call: found.calls.append(index..<(index + 4))
                                case .callVerb: found.callVerbs.append(index..<(index + 4))
                                case .none: break
                                }
                                break
                            }
                            slot = (slot + 1) & 63
                        }
                    }
                }
                // "day" as a whole word.
                if letter(index) == 0x64, index + 2 < count, letter(index + 1) == 0x61, letter(index + 2) == 0x79,
                   index + 3 == count || letter(index + 3) &- 0x61 >= 26 {
                    found.words.append(index..<(index + 3))
                }
            }
            // Eight bytes at a time: a word starts at an ASCII letter that follows anything else or the paragraph's start.
            var offset = 0
            var previousLetter: UInt64 = 0  // 0x80 when the byte before `offset` is a letter
            while offset + 8 <= count {
                let chunk = UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
                let letters = Self.letterMask(chunk)
                var starts = letters & ~(letters << 8 | previousLetter)
                previousLetter = letters >> 56
                while starts != 0 {
                    wordStart(offset + starts.trailingZeroBitCount >> 3)
                    starts &= starts - 1
                }
                offset += 8
            }
            var afterLetter = previousLetter != 0
            while offset < count {
                let isLetter = letter(offset) &- 0x61 < 26
                if isLetter && !afterLetter { wordStart(offset) }
                afterLetter = isLetter
                offset += 1
            }
            return found
        }
    }

    /// `bytes` (four, as a little-endian integer) with ASCII capitals made lower case, each byte on its own.
    @inline(__always) static func folded(_ bytes: UInt32) -> UInt32 {
        let low = bytes & 0x7F7F_7F7F
        let atLeastA = low &+ 0x3F3F_3F3F  // high bit set where low >= 0x41
        let pastZ = low &+ 0x2525_2525  // high bit set where low >= 0x5B
        let capitals = atLeastA & ~pastZ & ~bytes & 0x8080_8080
        return bytes | capitals >> 2
    }

    /// 0x80 in each byte of `chunk` that is an ASCII letter, 0 in the others.
    @inline(__always) static func letterMask(_ chunk: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        // Folding in 0x20 puts A–Z onto a–z and nothing else there; below 0x80 the sums carry into no other byte.
        let low = (chunk | 0x2020_2020_2020_2020) & 0x7F7F_7F7F_7F7F_7F7F
        let atLeastA = low &+ 0x1F1F_1F1F_1F1F_1F1F  // high bit set where low >= 0x61
        let pastZ = low &+ 0x0505_0505_0505_0505  // high bit set where low >= 0x7B
        return atLeastA & ~pastZ & ~chunk & high
    }

    /// Whether the bytes in `range` hold a rule word, or "call" and a call verb; for the whole paragraph, or a sentence
    /// of it (a sentence starts and ends next to a space or the paragraph's ends, so no word is cut).
    func mightMention(in range: Range<Int>) -> Bool {
        Self.anyInside(range, words) || Self.anyInside(range, calls) && Self.anyInside(range, callVerbs)
    }

    /// Whether one of `words` (in paragraph order, none overlapping) lies within `range`: the first word starting in it
    /// must also end in it, found by binary search (a paragraph of many sentences asks once per sentence). The scan
    /// above finds words left to right, and each range lies inside one word, so the lists are in that order.
    static func anyInside(_ range: Range<Int>, _ words: [Range<Int>]) -> Bool {
        let first = words.partitioningIndex { $0.lowerBound >= range.lowerBound }
        return first < words.count && words[first].upperBound <= range.upperBound
    }

    /// Whether the paragraph holds a rule word, or "call" and a call verb, anywhere.
    var mightMention: Bool { !words.isEmpty || !calls.isEmpty && !callVerbs.isEmpty }
}

/// A set of lower-case words with a cheap first test on an ASCII word's first byte and length, so most words are
/// turned away without hashing. Membership is exactly that of the `Set<String>` it wraps.
struct WordSet: Sendable {
    /// The words.
    let words: Set<String>
    /// For each first byte, bit n set when a word whose canonical decomposition is ASCII of n bytes (n < 63; 63 for
    /// longer) starts with it. An ASCII string equals a word exactly when it equals that decomposition.
    private let gate: [UInt64]

    /// A set of `words`.
    init(_ words: some Sequence<String>) {
        self.words = Set(words)
        var gate = [UInt64](repeating: 0, count: 256)
        for word in self.words {
            let decomposed = word.decomposedStringWithCanonicalMapping.utf8
            guard decomposed.allSatisfy({ $0 < 0x80 }), let first = decomposed.first else { continue }
            gate[Int(first)] |= 1 << UInt64(min(decomposed.count, 63))
        }
        self.gate = gate
    }

    /// Whether `token`'s lower-cased text is one of the words.
    @inline(__always) func contains(_ token: Token) -> Bool {
        let utf8 = token.lower.utf8
        if token.isASCII, let first = utf8.first, gate[Int(first)] & (1 << UInt64(min(utf8.count, 63))) == 0 { return false }
        return words.contains(token.lower)
    }
}
