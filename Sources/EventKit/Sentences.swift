import Algorithms
import Foundation

/// Splits a paragraph into sentences, keeping each sentence's range in the paragraph.
///
/// A sentence ends at `.`, `?` or `!` (and any closing quotes or brackets after it) that is followed by white space
/// and then an upper-case letter, a digit, an opening quote or bracket. A period does not end a sentence after a
/// known abbreviation ("Mr.", "Inc.", "Nov."), a single initial ("J.") or a word with inner periods ("U.S.").
public enum SentenceSplitter {
    /// Words that take a period and rarely end a sentence.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "corp", "co", "ltd", "llc", "plc", "vs", "no",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "dept",
        "e.g", "i.e", "mt", "ft",
    ]

    /// The sentence of `sentences` (in order, as `sentences(in:)` gives them) that holds `index`, found by binary search.
    public static func sentence(containing index: String.Index, in sentences: [Range<String.Index>]) -> Range<String.Index>? {
        let first = sentences.partitioningIndex { $0.upperBound > index }
        return first < sentences.count && sentences[first].contains(index) ? sentences[first] : nil
    }

    /// The most bytes a quoted sentence keeps (`quote(_:around:in:)`): far more than a real sentence has.
    public static let quoteLimit = 1_000

    /// A sentence as pages quote it: the whole sentence, or, when it is longer than `quoteLimit` bytes (a paragraph
    /// without sentence ends, say), the words around `mention` with "…" where it was cut. Without the limit a 700 KB
    /// paragraph in title case was quoted whole by each of its thousands of mentions.
    public static func quote(_ sentence: Range<String.Index>, around mention: Range<String.Index>, in paragraph: String) -> String {
        let utf8 = paragraph.utf8
        guard utf8.distance(from: sentence.lowerBound, to: sentence.upperBound) > quoteLimit else { return String(paragraph[sentence]) }
        let mention = mention.clamped(to: sentence)
        let side = max(0, (quoteLimit - utf8.distance(from: mention.lowerBound, to: mention.upperBound)) / 2)
        var start = utf8.index(mention.lowerBound, offsetBy: -side, limitedBy: sentence.lowerBound) ?? sentence.lowerBound
        var end = utf8.index(mention.upperBound, offsetBy: side, limitedBy: sentence.upperBound) ?? sentence.upperBound
        // Whole words only: from just after the first space, to the last space.
        if start > sentence.lowerBound {
            start = paragraph[start..<mention.lowerBound].firstIndex(of: " ").map { paragraph.index(after: $0) } ?? mention.lowerBound
        }
        if end < sentence.upperBound {
            end = paragraph[mention.upperBound..<end].lastIndex(of: " ") ?? mention.upperBound
        }
        return (start > sentence.lowerBound ? "… " : "") + paragraph[start..<end] + (end < sentence.upperBound ? " …" : "")
    }

    /// The sentences of `paragraph`, as ranges into it, white space trimmed.
    public static func sentences(in paragraph: String) -> [Range<String.Index>] {
        let utf8 = paragraph.utf8
        return sentenceOffsets(in: paragraph).map {
            utf8.index(utf8.startIndex, offsetBy: $0.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: $0.upperBound)
        }
    }

    /// The sentences of `paragraph` as UTF-8 byte offsets, white space trimmed.
    static func sentenceOffsets(in paragraph: String) -> [Range<Int>] {
        withUTF8Bytes(paragraph) { bytes in
            var result: [Range<Int>] = []
            let count = bytes.count
            var start = 0
            var index = 0
            while index < count {
                if index + 8 <= count, let base = bytes.baseAddress,
                   !hasSentenceEnd(UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))) {
                    index += 8
                    continue
                }
                let byte = bytes[index]
                guard byte == 0x2E || byte == 0x3F || byte == 0x21 else {  // . ? !
                    index += 1
                    continue
                }
                var end = index + 1
                while end < count {
                    let next = bytes[end]
                    if next == 0x22 || next == 0x27 || next == 0x29 || next == 0x5D {  // " ' ) ]
                        end += 1
                    } else if next == 0xE2, end + 2 < count, bytes[end + 1] == 0x80, bytes[end + 2] == 0x99 || bytes[end + 2] == 0x9D {  // ’ ”
                        end += 3
                    } else {
                        break
                    }
                }
                if byte == 0x2E && endsInAbbreviation(bytes, before: index) {
                    index = end
                    continue
                }
                var next = end
                while next < count, bytes[next] == 0x20 { next += 1 }
                if next > end, next < count, startsSentence(bytes, at: next, of: paragraph) {
                    append(start..<end, of: bytes, to: &result)
                    start = next
                }
                index = end
            }
            append(start..<count, of: bytes, to: &result)
            return result
        }
    }

    /// Whether one of the eight bytes of `chunk` is ".", "?" or "!".
    @inline(__always) private static func hasSentenceEnd(_ chunk: UInt64) -> Bool {
        @inline(__always) func zeroBytes(_ value: UInt64) -> UInt64 {
            // Exact: 0x80 in each byte of `value` that is zero (no borrow crosses bytes).
            let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            return ~(((value & low) &+ low) | value | low)
        }
        return zeroBytes(chunk ^ 0x2E2E_2E2E_2E2E_2E2E) | zeroBytes(chunk ^ 0x3F3F_3F3F_3F3F_3F3F) | zeroBytes(chunk ^ 0x2121_2121_2121_2121) != 0
    }

    /// Whether a sentence may start at byte `offset`: an upper-case letter, a digit, an opening quote or bracket.
    private static func startsSentence(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, of text: String) -> Bool {
        let byte = bytes[offset]
        if byte < 0x80 {
            return (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x22 || byte == 0x28 || byte == 0x5B
        }
        let first = text[text.utf8.index(text.utf8.startIndex, offsetBy: offset)]
        return first.isUppercase || "“‘".contains(first)
    }

    private static func append(_ range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>, to result: inout [Range<Int>]) {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, bytes[lower] == 0x20 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 { upper -= 1 }
        if lower < upper { result.append(lower..<upper) }
    }

    /// The abbreviations packed into integers, a byte a letter (see `packed`).
    private static let abbreviationKeys: [UInt64] = abbreviations.map { packed(Array($0.utf8)[...]) }

    /// Up to eight bytes as one integer, the first byte highest; the words packed have no zero bytes, so lengths differ.
    private static func packed(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Whether the word just before the period at byte `index` is an abbreviation, an initial or has inner periods.
    private static func endsInAbbreviation(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Bool {
        var start = index
        while start > 0 {
            let byte = bytes[start - 1]
            guard (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2E else { break }
            start -= 1
        }
        let length = index - start
        guard length > 0 else { return false }
        if length == 1, bytes[start] >= 0x41 && bytes[start] <= 0x5A { return true }
        var key: UInt64 = 0
        for offset in start..<index {
            let byte = bytes[offset]
            if byte == 0x2E { return true }
            key = key << 8 | UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        return length <= 8 && abbreviationKeys.contains(key)
    }
}

/// Runs `body` over the UTF-8 bytes of `text`, in place when the string stores them contiguously (native strings do).
func withUTF8Bytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    return Array(text.utf8).withUnsafeBufferPointer(body)
}

/// Whether `byte` is an ASCII letter or digit.
@inline(__always) func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
    byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 26
}

/// Whether `byte` is an ASCII upper-case letter.
@inline(__always) func isASCIIUppercase(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }

/// One word or punctuation mark of a sentence, with its range in the paragraph.
struct Token: Sendable {
    /// The text as written.
    let text: Substring
    /// Where it is in the paragraph.
    let range: Range<String.Index>
    /// Whether it is a word (letters, digits and inner `'`, `-`, `.`, `&`) rather than punctuation.
    let isWord: Bool
    /// Lower-cased text, for comparisons.
    let lower: String
    /// Whether `text` is all ASCII: then each byte is one character and the character tests can read bytes.
    let isASCII: Bool

    init(text: Substring, range: Range<String.Index>, isWord: Bool) {
        self.init(text: text, range: range, isWord: isWord, lower: text.lowercased(), isASCII: text.utf8.allSatisfy { $0 < 0x80 })
    }

    /// A token whose lower-cased text and ASCII-ness the caller has worked out.
    init(text: Substring, range: Range<String.Index>, isWord: Bool, lower: String, isASCII: Bool) {
        self.text = text
        self.range = range
        self.isWord = isWord
        self.lower = lower
        self.isASCII = isASCII
    }

    /// Starts with an upper-case letter or a digit-free acronym such as "UBS".
    var isCapitalized: Bool {
        if isASCII { return text.utf8.first.map(isASCIIUppercase) ?? false }
        return text.first?.isUppercase == true
    }

    /// Written with a capital inside (TelcoTV) or in capitals throughout (CES, UBS): a name, not a sentence start.
    var looksLikeName: Bool {
        if isASCII {
            var letters = 0, capitals = 0, innerCapital = false
            for byte in text.utf8 where (byte | 0x20) &- 0x61 < 26 {
                letters += 1
                if isASCIIUppercase(byte) {
                    capitals += 1
                    if letters > 1 { innerCapital = true }
                }
            }
            guard letters >= 2 else { return false }
            return capitals == letters || innerCapital
        }
        let letters = text.filter(\.isLetter)
        guard letters.count >= 2 else { return false }
        if letters.allSatisfy(\.isUppercase) { return true }
        return letters.dropFirst().contains(where: \.isUppercase)
    }
}

/// Splits a range of a paragraph into tokens, reading ASCII byte by byte and anything else as characters.
enum Tokenizer {
    /// The tokens of `text[range]`, left to right.
    static func tokens(in text: String, range: Range<String.Index>) -> [Token] {
        let utf8 = text.utf8
        let base = utf8.startIndex
        let lowerOffset = utf8.distance(from: base, to: range.lowerBound)
        let upperOffset = utf8.distance(from: base, to: range.upperBound)
        return withUTF8Bytes(text) { bytes in
            func index(_ offset: Int) -> String.Index { utf8.index(base, offsetBy: offset) }
            /// The offset after the character at `offset` (one byte for ASCII).
            func after(_ offset: Int) -> Int {
                bytes[offset] < 0x80 ? offset + 1 : utf8.distance(from: base, to: text.index(after: index(offset)))
            }
            func isWordCharacter(_ offset: Int) -> Bool {
                let byte = bytes[offset]
                if byte < 0x80 { return isASCIIAlphanumeric(byte) }
                let character = text[index(offset)]
                return character.isLetter || character.isNumber
            }
            /// Characters that join letters into one word when they stand between two word characters: ' ’ - . & /
            func isJoiner(_ offset: Int) -> Bool {
                let byte = bytes[offset]
                if byte < 0x80 { return byte == 0x27 || byte == 0x2D || byte == 0x2E || byte == 0x26 || byte == 0x2F }
                return text[index(offset)] == "’"
            }
            func token(_ start: Int, _ end: Int, isWord: Bool) -> Token {
                let range = index(start)..<index(end)
                var isASCII = true, hasCapital = false
                for offset in start..<end {
                    let byte = bytes[offset]
                    if byte >= 0x80 { isASCII = false; break }
                    if isASCIIUppercase(byte) { hasCapital = true }
                }
                let lower: String
                if !isASCII {
                    lower = text[range].lowercased()
                } else if !hasCapital {
                    lower = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                } else {
                    lower = String(unsafeUninitializedCapacity: end - start) { buffer in
                        for offset in start..<end {
                            let byte = bytes[offset]
                            buffer[offset - start] = isASCIIUppercase(byte) ? byte | 0x20 : byte
                        }
                        return end - start
                    }
                }
                return Token(text: text[range], range: range, isWord: isWord, lower: lower, isASCII: isASCII)
            }

            var tokens: [Token] = []
            tokens.reserveCapacity((upperOffset - lowerOffset) / 4 + 2)
            var offset = lowerOffset
            while offset < upperOffset {
                let byte = bytes[offset]
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || (byte >= 0x80 && text[index(offset)].isWhitespace) {
                    offset = after(offset)
                    continue
                }
                if isWordCharacter(offset) {
                    var end = after(offset)
                    while end < upperOffset {
                        if isWordCharacter(end) {
                            end = after(end)
                        } else if isJoiner(end) {
                            let next = after(end)
                            if next < upperOffset, isWordCharacter(next) { end = next } else { break }
                        } else {
                            break
                        }
                    }
                    tokens.append(token(offset, end, isWord: true))
                    offset = end
                } else {
                    var end = after(offset)
                    if byte == 0x2D, end < upperOffset, bytes[end] == 0x2D { end += 1 }
                    tokens.append(token(offset, end, isWord: false))
                    offset = end
                }
            }
            return tokens
        }
    }
}

/// Counting occurrences of a phrase, the way links find it again in rendered HTML: byte for byte, not overlapping.
public enum Occurrence {
    /// How many non-overlapping occurrences of `needle` start before `position` in `text`.
    public static func count(of needle: String, in text: String, before position: String.Index) -> Int {
        let limit = text.utf8.distance(from: text.startIndex, to: position)
        return withUTF8Bytes(needle) { needle in
            withUTF8Bytes(text) { bytes in count(of: needle, in: bytes, before: limit) }
        }
    }

    /// How many non-overlapping occurrences of `needle` start before byte offset `limit` in `bytes`.
    public static func count(of needle: [UInt8], in bytes: [UInt8], before limit: Int) -> Int {
        needle.withUnsafeBufferPointer { needle in
            bytes.withUnsafeBufferPointer { bytes in count(of: needle, in: bytes, before: limit) }
        }
    }

    /// The occurrence numbers of texts in one paragraph (`count(of:in:before:)` for many texts and positions). A text
    /// asked for once is counted by a scan up to the position, as `count(of:in:before:)` does; from the second time, its
    /// offsets are found once and counted by binary search, so a paragraph with many mentions of a text costs one scan
    /// instead of one per mention.
    public struct Index {
        private let paragraph: String
        private var asked: Set<String> = []
        private var offsets: [String: [Int]] = [:]

        /// An index of `paragraph`.
        public init(_ paragraph: String) {
            self.paragraph = paragraph
        }

        /// How many non-overlapping occurrences of `text` start before byte offset `limit`.
        public mutating func count(of text: String, before limit: Int) -> Int {
            if let found = offsets[text] { return found.partitioningIndex { $0 >= limit } }
            if asked.insert(text).inserted {
                return withUTF8Bytes(text) { needle in withUTF8Bytes(paragraph) { bytes in Occurrence.count(of: needle, in: bytes, before: limit) } }
            }
            offsets[text] = withUTF8Bytes(text) { needle in
                withUTF8Bytes(paragraph) { bytes in
                    var found: [Int] = []
                    Occurrence.forEachOffset(of: needle, in: bytes) { found.append($0); return true }
                    return found
                }
            }
            return count(of: text, before: limit)
        }
    }

    /// The byte offsets of the non-overlapping occurrences of `needle` in `bytes`, left to right.
    public static func offsets(of needle: [UInt8], in bytes: [UInt8]) -> [Int] {
        needle.withUnsafeBufferPointer { needle in
            bytes.withUnsafeBufferPointer { bytes in
                var result: [Int] = []
                forEachOffset(of: needle, in: bytes) { result.append($0); return true }
                return result
            }
        }
    }

    /// How many non-overlapping occurrences of `needle` start before byte offset `limit` in `bytes`.
    static func count(of needle: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, before limit: Int) -> Int {
        var count = 0
        forEachOffset(of: needle, in: bytes) { offset in
            guard offset < limit else { return false }
            count += 1
            return true
        }
        return count
    }

    /// Calls `body` with each non-overlapping occurrence of `needle` in `bytes`, left to right, until it returns false.
    @inline(__always)
    static func forEachOffset(of needle: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Bool) {
        guard let first = needle.first, needle.count <= bytes.count else { return }
        var index = 0
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var offset = 1
                while offset < needle.count && bytes[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count {
                    guard body(index) else { return }
                    index += needle.count
                    continue
                }
            }
            index += 1
        }
    }
}

/// Fast searches over UTF-8 bytes, so cheap checks never go through Foundation's string search.
public enum ByteSearch {
    /// The UTF-8 bytes of `text` with ASCII letters lower-cased (other bytes unchanged, so offsets stay the same).
    public static func lowercased<S: StringProtocol>(_ text: S) -> [UInt8] {
        text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }

    /// Whether `needle` occurs in `haystack`.
    public static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in contains(haystack, needle) }
        }
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        let last = haystack.count - needle.count
        var index = 0
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count && haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }

    /// `byte` with an ASCII capital made lower case.
    @inline(__always) static func folded(_ byte: UInt8) -> UInt8 { isASCIIUppercase(byte) ? byte | 0x20 : byte }
}

/// Whether any of several strings occurs, byte for byte, in a text: one pass over the text instead of one per string.
struct AnyOccurrence {
    /// The strings' bytes.
    private let needles: [[UInt8]]
    /// For each byte, the indices of the needles starting with it.
    private let byFirstByte: [[Int]]
    /// For each byte, whether a needle starts with it.
    private let startsNeedle: [Bool]
    /// Whether a needle is empty (an empty string occurs in every text).
    private let hasEmpty: Bool

    /// A search for `strings`.
    init(_ strings: [String]) {
        needles = strings.map { Array($0.utf8) }
        var table = [[Int]](repeating: [], count: 256)
        for (index, needle) in needles.enumerated() {
            if let first = needle.first { table[Int(first)].append(index) }
        }
        byFirstByte = table
        startsNeedle = table.map { !$0.isEmpty }
        hasEmpty = needles.contains { $0.isEmpty }
    }

    /// Whether one of the strings occurs in `text`.
    func occurs(in text: String) -> Bool {
        if hasEmpty { return true }
        return withUTF8Bytes(text) { bytes in
            let count = bytes.count
            for offset in 0..<count where startsNeedle[Int(bytes[offset])] {
                for candidate in byFirstByte[Int(bytes[offset])] {
                    let needle = needles[candidate]
                    guard offset + needle.count <= count else { continue }
                    var position = 1
                    while position < needle.count && bytes[offset + position] == needle[position] { position += 1 }
                    if position == needle.count { return true }
                }
            }
            return false
        }
    }
}
