import Foundation
import Algorithms

/// Splits text into search terms: the one definition of a "word" that the index (built here) and the search page
/// (`Themes/default/assets/search.js`, which mirrors this file) share.
///
/// 1. **Folding**, one Unicode scalar at a time: compatibility decomposition (NFKD), lower case, NFKD again, then every
///    combining mark dropped and the letters NFKD leaves whole spelt in ASCII (``latin``). `É` → `e`, `ﬁ` → `fi`,
///    `²` → `2`, `İ` → `i`, `Ø` → `o`, `ß` → `ss`. Format characters (category Cf: soft hyphen, zero-width space, word
///    joiner, byte-order mark) are dropped, so `reve\u{AD}nue` is `revenue`.
/// 2. **Words** are runs of letters and digits (general categories L and N). Inside a run, a `.` between two ASCII
///    digits is kept (`44.2%` → `44.2`), a `,` between two ASCII digits is dropped (`1,000` → `1000`), and an
///    apostrophe (`'` or `’`) between two letters is dropped (`don't` → `dont`), except that a final `'s` goes
///    with it (`Calix's` → `calix`). Everything else separates words: `$87 million` → `87`, `million`;
///    `USF/ICC` → `usf`, `icc`; `macro-economic` → `macro`, `economic`. Words longer than 64 bytes are dropped.
///    **Numbers with a unit**: a word that starts with a number (ASCII digits and the `.` kept between them)
///    followed by a letter is also indexed as that number, right after it (search.js gives both one position):
///    `$87M` → `87m`, `87`; `1.2B` → `1.2b`, `1.2`; `1,200MW` → `1200mw`, `1200`; `2Q12` → `2q12`, `2`. The number
///    is the whole run of digits and dots the word starts with (`1.2.3b` → `1.2.3`), as the tokenizer would make it
///    alone; a word that starts with a letter (`q3`), a number followed by another kind of number (`8٣m`) and a
///    word dropped for its length give no number. The number counts as a term of the paragraph (its BM25 length).
///    A run of CJK scalars (Han, Hiragana, Katakana, Hangul: ``isCJK(_:)``) is a word of its own, split into
///    overlapping bigrams as Lucene's CJK analyzer does (`本季度收入` → `本季`, `季度`, `度收`, `收入`; one scalar alone
///    stays whole). Hangul syllables are not decomposed into jamo. The index keeps no word positions: search.js
///    checks phrases (and a query's runs of several bigrams) against the text, with a gap in its positions where a
///    CJK run begins or ends, so that the bigrams of runs split by punctuation never make a phrase.
/// 3. **Stop words** (``stopwords``) are left out of the index; phrases still check them against the text.
/// 4. **Stemming** with ``SearchStemmer`` (words of ASCII letters only; numbers and codes such as `q3` are kept as
///    written).
public struct SearchTokenizer {
    /// Folded forms of the non-ASCII scalars seen so far (folding through Foundation is slow; text repeats them).
    private var foldCache: [UInt32: [FoldedScalar]] = [:]

    /// A tokenizer with an empty cache; one per task, as it is a value type with mutable state.
    public init() {}

    /// Words too common to index, as they are after folding (so `we're` → `were`, `it's` → `it`).
    ///
    /// `us` is not one of them: in transcripts it is as often the country as the pronoun.
    public static let stopwords: Set<String> = [
        "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
        "being", "but", "by", "can", "could", "did", "do", "does", "doing", "for", "from", "had", "has", "have", "having",
        "he", "her", "here", "hers", "him", "his", "how", "i", "id", "if", "im", "in", "into", "is", "it", "its", "ive",
        "just", "me", "more", "my", "no", "nor", "not", "of", "on", "or", "other", "our", "ours", "out", "over", "she",
        "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these",
        "they", "theyre", "this", "those", "to", "too", "up", "very", "was", "we", "were", "weve", "what", "when",
        "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "youre", "yours",
    ]

    /// The longest word indexed, in UTF-8 bytes.
    public static let maximumWordBytes = 64

    /// The index terms of `text`: folded, split, stop words left out, stemmed; in text order, repeats kept.
    public mutating func terms(_ text: String) -> [String] {
        var result: [String] = []
        forEachWordBytes(text) { word in
            guard !Self.isStopword(word) else { return }
            result.append(SearchStemmer.stem(word))
        }
        return result
    }

    /// The folded words of `text` in order, before stop words are removed and before stemming (the leading number of
    /// a word such as `87m` follows it as a word of its own).
    public mutating func words(_ text: String) -> [String] {
        var result: [String] = []
        forEachWordBytes(text) { result.append(String(decoding: $0, as: UTF8.self)) }
        return result
    }

    /// Calls `body` with the UTF-8 bytes of each folded word of `text`, in order.
    public mutating func forEachWord(_ text: String, _ body: ([UInt8]) -> Void) {
        var word: [UInt8] = []
        word.reserveCapacity(Self.maximumWordBytes)
        forEachWordBytes(text) { bytes in
            word.removeAll(keepingCapacity: true)
            word.append(contentsOf: bytes)
            body(word)
        }
    }

    /// Like ``forEachWord(_:_:)``, without an array per word: `body` gets the bytes in a buffer that is only valid
    /// during the call.
    ///
    /// ASCII is read straight from the string's UTF-8 (upper case lowered on the way); other scalars are decoded and
    /// folded. Both feed one state machine, ``WordScanner``.
    mutating func forEachWordBytes(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { utf8 in scan(utf8, body) }
        if done == nil {
            var copy = text
            copy.makeContiguousUTF8()
            _ = copy.utf8.withContiguousStorageIfAvailable { utf8 in scan(utf8, body) }
        }
    }

    /// Splits valid UTF-8 into folded words (see ``forEachWordBytes(_:_:)``).
    private mutating func scan(_ utf8: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard let bytes = utf8.baseAddress, !utf8.isEmpty else { return }
        let end = utf8.count
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: WordScanner.bufferSize) { buffer in
            var scanner = WordScanner(word: buffer.baseAddress!)
            var index = 0
            while index < end {
                var byte = bytes[index]
                if byte < 0x80 {
                    if byte &- 0x41 < 26 { byte |= 0x20 }
                    let kind = Self.asciiKind(byte)
                    if (kind == .letter || kind == .digit) && !scanner.pendingS && scanner.pending == 0 && scanner.cjkPrevious == 0 {
                        index = scanner.appendRun(bytes, from: index, to: end)
                    } else {
                        scanner.consume(UInt32(byte), kind, body)
                        index += 1
                    }
                    continue
                }
                let value: UInt32
                if byte < 0xE0 {
                    value = UInt32(byte & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                    index += 2
                } else if byte < 0xF0 {
                    value = UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                    index += 3
                } else {
                    value = UInt32(byte & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                        | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                    index += 4
                }
                for folded in fold(value) { scanner.consume(folded.value, folded.kind, body) }
            }
            scanner.flush(body)
        }
    }

    /// Whether a folded word is one of the ``stopwords`` (as `Set<String>` compares them).
    ///
    /// ASCII words of up to 8 bytes are compared as one packed number; longer ASCII words only if some stop word is as
    /// long; anything else goes through `String`.
    static func isStopword(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        var key: UInt64 = 0
        var bits: UInt8 = 0
        for (index, byte) in word.enumerated() {
            bits |= byte
            if index < 8 { key |= UInt64(byte) << (8 * UInt64(index)) }
        }
        if bits < 0x80 {
            if word.count <= 8 { return contains(stopwordKeys, key) }
            if word.count > longestStopword { return false }
        }
        return stopwords.contains(String(decoding: word, as: UTF8.self))
    }

    /// The ASCII ``stopwords`` of up to 8 bytes as numbers (byte i in bits 8i to 8i + 7; unambiguous, as words never
    /// contain a 0 byte), sorted.
    private static let stopwordKeys: [UInt64] = stopwords.compactMap { word -> UInt64? in
        guard word.utf8.count <= 8, word.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        return word.utf8.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }.sorted()

    /// The length of the longest stop word in bytes.
    private static let longestStopword = stopwords.map(\.utf8.count).max() ?? 0

    /// Binary search in a sorted array.
    private static func contains(_ sorted: [UInt64], _ key: UInt64) -> Bool {
        let index = sorted.partitioningIndex { $0 >= key }
        return index < sorted.count && sorted[index] == key
    }

    /// How the word rules see an ASCII byte (after lowering, for text; as is, for folded scalars).
    @inline(__always)
    static func asciiKind(_ byte: UInt8) -> ScalarKind {
        if (byte | 0x20) &- 0x61 < 26 { return .letter }
        if byte &- 0x30 < 10 { return .digit }
        if byte == 0x2E || byte == 0x2C || byte == 0x27 { return .joiner }
        return .other
    }

    /// The folded form of one non-ASCII scalar, classified for the word rules (cached).
    private mutating func fold(_ value: UInt32) -> [FoldedScalar] {
        if let cached = foldCache[value] { return cached }
        let folded = Self.foldUncached(Unicode.Scalar(value)!).map { scalar in
            FoldedScalar(value: scalar.value, kind: Self.kind(of: scalar))
        }
        foldCache[value] = folded
        return folded
    }

    /// How the word rules see a folded scalar.
    static func kind(of scalar: Unicode.Scalar) -> ScalarKind {
        if scalar.isASCII { return asciiKind(UInt8(scalar.value)) }
        if scalar == "\u{2019}" { return .joiner }
        if isCJK(scalar.value) { return .cjk }
        if isLetter(scalar) { return .letter }
        return isWordScalar(scalar) ? .number : .other
    }

    /// Folding without the cache: a format character (general category Cf) folds to nothing, so that it never splits
    /// a word.
    static func foldUncached(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if isHangulSyllable(scalar.value) { return [scalar] }
        if scalar.properties.generalCategory == .format { return [] }
        let lowered = String(scalar).decomposedStringWithCompatibilityMapping.lowercased().decomposedStringWithCompatibilityMapping
        var result: [Unicode.Scalar] = []
        for folded in lowered.unicodeScalars where !isMark(folded) {
            if let spelt = latin[folded] { result += spelt.unicodeScalars } else { result.append(folded) }
        }
        return result
    }

    /// Latin letters that NFKD leaves whole, after lower case, spelt as the slugs' transliteration spells them
    /// (search.js's `LATIN`): `ø` → `o`, `ß` → `ss`, `æ` → `ae`.
    static let latin: [Unicode.Scalar: String] = [
        "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d",
    ]

    /// Whether a scalar is a precomposed Hangul syllable, which folding keeps whole.
    static func isHangulSyllable(_ value: UInt32) -> Bool { value >= 0xAC00 && value <= 0xD7A3 }

    /// Whether a folded scalar is a CJK letter or number, indexed as bigrams: Han, Hiragana, Katakana or Hangul (the
    /// same ranges as search.js's `isCJK`).
    static func isCJK(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x11FF, 0x3005...0x3007, 0x3021...0x3029, 0x3031...0x3035, 0x3038...0x303C, 0x3041...0x3096,
             0x309D...0x309F, 0x30A1...0x30FA, 0x30FC...0x30FF, 0x3131...0x318E, 0x31F0...0x31FF, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xD7B0...0xD7FB, 0xF900...0xFAFF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Whether a scalar is a combining mark (general category M).
    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Whether a scalar is a letter (general category L).
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (scalar.value >= 0x61 && scalar.value <= 0x7A) || (scalar.value >= 0x41 && scalar.value <= 0x5A) }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Whether a scalar belongs in a word: a letter or a number (general categories L and N).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }
}

/// What the word rules need to know of one folded scalar.
enum ScalarKind: UInt8 {
    /// Separates words.
    case other
    /// General category L (ASCII: `a`–`z`, `A`–`Z`).
    case letter
    /// An ASCII digit.
    case digit
    /// Any other number (general category N): part of a word, but neither a letter nor a digit to the joiners.
    case number
    /// `.`, `,`, `'` or `’`: joins two parts of a word in some contexts, else separates words.
    case joiner
    /// A CJK letter or number (``SearchTokenizer/isCJK(_:)``): its runs are split into bigrams.
    case cjk
}

/// One scalar of a folded form, with its kind.
struct FoldedScalar {
    /// The scalar's value.
    var value: UInt32
    /// How the word rules see it.
    var kind: ScalarKind
}

/// The word rules as a state machine over folded scalars, building each word in a fixed buffer.
///
/// Words longer than ``SearchTokenizer/maximumWordBytes`` are counted but not stored, as they are dropped anyway.
struct WordScanner {
    /// How many bytes `word` must have room for: ``SearchTokenizer/maximumWordBytes`` and 8 more, as runs of ASCII
    /// are stored 8 bytes at a time.
    static let bufferSize = SearchTokenizer.maximumWordBytes + 8

    /// Room for ``bufferSize`` bytes.
    let word: UnsafeMutablePointer<UInt8>
    /// The length of the current word in bytes (may exceed the buffer).
    var count = 0
    /// The joiner waiting for the next scalar to decide whether it joins two parts of a word (0: none).
    var pending: UInt32 = 0
    /// After an apostrophe, an `s` that is dropped if the word ends right after it.
    var pendingS = false
    /// The kind of the last scalar appended to the word.
    var last = ScalarKind.other
    /// In a CJK run, its last scalar (0: not in one).
    var cjkPrevious: UInt32 = 0
    /// Whether the CJK run has more than one scalar (so its bigrams were handed on as they came).
    var cjkPaired = false

    /// A scanner writing words into `word`.
    init(word: UnsafeMutablePointer<UInt8>) {
        self.word = word
    }

    /// Feeds one folded scalar.
    @inline(__always)
    mutating func consume(_ value: UInt32, _ kind: ScalarKind, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if kind == .cjk {
            if count > 0 || pending != 0 || pendingS { flush(body) }
            if cjkPrevious != 0 {
                emit(cjkPrevious, value, body)
                cjkPaired = true
            }
            cjkPrevious = value
            return
        }
        if cjkPrevious != 0 { flush(body) }
        let isWord = kind == .letter || kind == .digit || kind == .number
        if pendingS || pending != 0 {
            if pendingS {
                pendingS = false
                if isWord {
                    append(0x73, .letter)
                    append(value, kind)
                } else {
                    flush(body)
                }
                return
            }
            let joiner = pending
            pending = 0
            if (joiner == 0x2E || joiner == 0x2C) && kind == .digit && last == .digit {
                if joiner == 0x2E { appendByte(0x2E) }
                append(value, kind)
                return
            }
            if (joiner == 0x27 || joiner == 0x2019) && last == .letter && kind == .letter {
                if value == 0x73 { pendingS = true } else { append(value, kind) }
                return
            }
            flush(body)
        }
        if isWord {
            append(value, kind)
        } else if count > 0 && kind == .joiner {
            pending = value
        } else {
            flush(body)
        }
    }

    /// Appends the run of ASCII letters and digits at `bytes[start]` (which is one; upper case lowered), as
    /// ``consume(_:_:_:)`` would with no joiner pending; returns where the run ends.
    ///
    /// Reads 8 bytes at a time while there are 8 left, classifying and lowering them all at once (SWAR).
    @inline(__always)
    mutating func appendRun(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        var count = self.count
        var isLetter = false
        while index + 8 <= end {
            let chunk = UInt64(littleEndian: UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self))
            let (lowered, letters, digits) = Self.classify(chunk)
            let run = (~(letters | digits) & Self.highBits).trailingZeroBitCount >> 3
            if run == 0 { break }
            if count <= SearchTokenizer.maximumWordBytes {
                UnsafeMutableRawPointer(word + count).storeBytes(of: lowered.littleEndian, as: UInt64.self)
            }
            count += run
            index += run
            isLetter = (letters >> UInt64(8 * run - 1)) & 1 != 0
            if run < 8 {
                self.count = count
                last = isLetter ? .letter : .digit
                return index
            }
        }
        while index < end {
            var byte = bytes[index]
            if byte &- 0x41 < 26 { byte |= 0x20 }
            let letter = byte &- 0x61 < 26
            guard letter || byte &- 0x30 < 10 else { break }
            isLetter = letter
            if count < SearchTokenizer.maximumWordBytes { word[count] = byte }
            count += 1
            index += 1
        }
        self.count = count
        last = isLetter ? .letter : .digit
        return index
    }

    /// The top bit of each byte.
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// 8 bytes (the first in the low byte) with ASCII upper case lowered, and the top bit of each byte set in
    /// `letters` if it is an ASCII letter, in `digits` if it is an ASCII digit.
    @inline(__always)
    private static func classify(_ chunk: UInt64) -> (lowered: UInt64, letters: UInt64, digits: UInt64) {
        /// `0xNN` in every byte.
        @inline(__always) func all(_ byte: UInt64) -> UInt64 { byte &* 0x0101_0101_0101_0101 }
        let ascii = ~chunk & highBits
        // With the top bits clear, adding 0x80 - n sets a byte's top bit exactly when the byte is >= n, and never
        // carries into the next byte.
        let low = chunk & ~highBits
        let upper = (low &+ all(0x80 - 0x41)) & ~(low &+ all(0x80 - 0x5B)) & ascii
        let lowered = chunk | upper >> 2
        let loweredLow = lowered & ~highBits
        let letters = (loweredLow &+ all(0x80 - 0x61)) & ~(loweredLow &+ all(0x80 - 0x7B)) & ascii
        let digits = (low &+ all(0x80 - 0x30)) & ~(low &+ all(0x80 - 0x3A)) & ascii
        return (lowered, letters, digits)
    }

    /// Ends the current word: hands it to `body` unless it is empty or too long, then its leading number if it has one
    /// (``leadingNumberLength()``), and resets the state.
    @inline(__always)
    mutating func flush(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if count > 0 && count <= SearchTokenizer.maximumWordBytes {
            body(UnsafeBufferPointer(start: word, count: count))
            if word[0] &- 0x30 < 10 {
                let number = leadingNumberLength()
                if number > 0 { body(UnsafeBufferPointer(start: word, count: number)) }
            }
        }
        if cjkPrevious != 0 {
            if !cjkPaired { emit(cjkPrevious, 0, body) }
            cjkPrevious = 0
            cjkPaired = false
        }
        count = 0
        pending = 0
        pendingS = false
        last = .other
    }

    /// For a stored word that starts with an ASCII digit: the length of its number (the ASCII digits and kept `.` it
    /// starts with) when a letter follows it (`87m` → 2, `1.2b` → 3, `2q12` → 1), else 0 (`44.2`, `8٣m`).
    ///
    /// A word holds only letters, digits, other numbers and `.` between digits, so an ASCII byte after the number is a
    /// letter; a non-ASCII scalar there is decoded and classified.
    private func leadingNumberLength() -> Int {
        var index = 1
        while index < count && (word[index] &- 0x30 < 10 || word[index] == 0x2E) { index += 1 }
        guard index < count else { return 0 }
        let lead = word[index]
        if lead < 0x80 { return index }
        let value: UInt32
        if lead < 0xE0 {
            value = UInt32(lead & 0x1F) << 6 | UInt32(word[index + 1] & 0x3F)
        } else if lead < 0xF0 {
            value = UInt32(lead & 0x0F) << 12 | UInt32(word[index + 1] & 0x3F) << 6 | UInt32(word[index + 2] & 0x3F)
        } else {
            value = UInt32(lead & 0x07) << 18 | UInt32(word[index + 1] & 0x3F) << 12
                | UInt32(word[index + 2] & 0x3F) << 6 | UInt32(word[index + 3] & 0x3F)
        }
        return Unicode.Scalar(value).map(SearchTokenizer.isLetter) == true ? index : 0
    }

    /// Hands on the CJK word of `first` and `second` (0: `first` alone), built in `word`, which is then empty again.
    private mutating func emit(_ first: UInt32, _ second: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        count = 0
        append(first, .cjk)
        if second != 0 { append(second, .cjk) }
        body(UnsafeBufferPointer(start: word, count: count))
        count = 0
        last = .other
    }

    /// Appends a scalar's UTF-8 bytes.
    @inline(__always)
    private mutating func append(_ value: UInt32, _ kind: ScalarKind) {
        last = kind
        if value < 0x80 {
            appendByte(UInt8(truncatingIfNeeded: value))
            return
        }
        let length = value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
        if count + length <= SearchTokenizer.maximumWordBytes {
            let target = word + count
            switch length {
            case 2:
                target[0] = 0xC0 | UInt8(truncatingIfNeeded: value >> 6)
                target[1] = 0x80 | UInt8(truncatingIfNeeded: value & 0x3F)
            case 3:
                target[0] = 0xE0 | UInt8(truncatingIfNeeded: value >> 12)
                target[1] = 0x80 | UInt8(truncatingIfNeeded: (value >> 6) & 0x3F)
                target[2] = 0x80 | UInt8(truncatingIfNeeded: value & 0x3F)
            default:
                target[0] = 0xF0 | UInt8(truncatingIfNeeded: value >> 18)
                target[1] = 0x80 | UInt8(truncatingIfNeeded: (value >> 12) & 0x3F)
                target[2] = 0x80 | UInt8(truncatingIfNeeded: (value >> 6) & 0x3F)
                target[3] = 0x80 | UInt8(truncatingIfNeeded: value & 0x3F)
            }
        }
        count += length
    }

    /// Appends one ASCII byte.
    @inline(__always)
    private mutating func appendByte(_ byte: UInt8) {
        if count < SearchTokenizer.maximumWordBytes { word[count] = byte }
        count += 1
    }
}
