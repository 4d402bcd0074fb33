import Foundation

/// Splits text into search terms: the one definition of a "word" that the index (built here) and the search page
/// (`Themes/default/assets/search.js`, which mirrors this file) share.
///
/// 1. **Folding**, one Unicode scalar at a time: compatibility decomposition (NFKD), lower case, NFKD again, then every
///    combining mark dropped. `É` → `e`, `ﬁ` → `fi`, `²` → `2`, `İ` → `i`.
/// 2. **Words** are runs of letters and digits (general categories L and N). Inside a run, a `.` between two ASCII
///    digits is kept (`44.2%` → `44.2`), a `,` between two ASCII digits is dropped (`1,000` → `1000`), and an
///    apostrophe (`'` or `’`) between two letters is dropped (`don't` → `dont`), except that a final `'s` goes
///    with it (`Calix's` → `calix`). Everything else separates words: `$87 million` → `87`, `million`;
///    `USF/ICC` → `usf`, `icc`; `macro-economic` → `macro`, `economic`. Words longer than 64 bytes are dropped.
/// 3. **Stop words** (``stopwords``) are left out of the index; phrases still check them against the text.
/// 4. **Stemming** with ``SearchStemmer`` (words of ASCII letters only; numbers and codes such as `q3` are kept as
///    written).
public struct SearchTokenizer {
    /// Folded forms of the non-ASCII scalars seen so far (folding through Foundation is slow; text repeats them).
    private var foldCache: [UInt32: [Unicode.Scalar]] = [:]

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
        forEachWord(text) { word in
            let string = String(decoding: word, as: UTF8.self)
            guard !Self.stopwords.contains(string) else { return }
            result.append(SearchStemmer.stem(string))
        }
        return result
    }

    /// The folded words of `text` in order, before stop words are removed and before stemming.
    public mutating func words(_ text: String) -> [String] {
        var result: [String] = []
        forEachWord(text) { result.append(String(decoding: $0, as: UTF8.self)) }
        return result
    }

    /// Calls `body` with the UTF-8 bytes of each folded word of `text`, in order.
    public mutating func forEachWord(_ text: String, _ body: ([UInt8]) -> Void) {
        var word: [UInt8] = []
        word.reserveCapacity(32)
        /// The character waiting for the next one to decide whether it joins two parts of a word.
        var pending: Unicode.Scalar?
        /// After an apostrophe, an `s` that is dropped if the word ends right after it.
        var pendingS = false
        var lastIsDigit = false
        var lastIsLetter = false

        func flush() {
            if !word.isEmpty && word.count <= Self.maximumWordBytes { body(word) }
            word.removeAll(keepingCapacity: true)
            pending = nil
            pendingS = false
            lastIsDigit = false
            lastIsLetter = false
        }
        func append(_ scalar: Unicode.Scalar) {
            if scalar.isASCII {
                word.append(UInt8(scalar.value))
            } else {
                word.append(contentsOf: String(scalar).utf8)
            }
            lastIsDigit = scalar.value >= 0x30 && scalar.value <= 0x39
            lastIsLetter = !lastIsDigit && Self.isLetter(scalar)
        }
        func consume(_ scalar: Unicode.Scalar) {
            let isWord = Self.isWordScalar(scalar)
            if pendingS {
                pendingS = false
                if isWord {
                    append("s")
                    append(scalar)
                    return
                }
                flush()
                return consume(scalar)
            }
            if let joiner = pending {
                pending = nil
                let isDigit = scalar.value >= 0x30 && scalar.value <= 0x39
                if (joiner == "." || joiner == ",") && isDigit && lastIsDigit {
                    if joiner == "." { word.append(UInt8(ascii: ".")) }
                    append(scalar)
                    return
                }
                if (joiner == "'" || joiner == "\u{2019}") && lastIsLetter && isWord && Self.isLetter(scalar) {
                    if scalar == "s" { pendingS = true } else { append(scalar) }
                    return
                }
                flush()
            }
            if isWord {
                append(scalar)
            } else if !word.isEmpty && (scalar == "." || scalar == "," || scalar == "'" || scalar == "\u{2019}") {
                pending = scalar
            } else {
                flush()
            }
        }

        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                if value >= 0x41 && value <= 0x5A {
                    consume(Unicode.Scalar(UInt8(value + 0x20)))
                } else {
                    consume(scalar)
                }
                continue
            }
            for folded in fold(scalar) { consume(folded) }
        }
        flush()
    }

    /// The folded form of one non-ASCII scalar: NFKD, lower case, NFKD, combining marks dropped (may be empty).
    mutating func fold(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if let cached = foldCache[scalar.value] { return cached }
        let folded = Self.foldUncached(scalar)
        foldCache[scalar.value] = folded
        return folded
    }

    /// Folding without the cache.
    static func foldUncached(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        let lowered = String(scalar).decomposedStringWithCompatibilityMapping.lowercased().decomposedStringWithCompatibilityMapping
        return lowered.unicodeScalars.filter { !isMark($0) }
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
