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

    /// The sentences of `paragraph`, as ranges into it, white space trimmed.
    public static func sentences(in paragraph: String) -> [Range<String.Index>] {
        let utf8 = paragraph.utf8
        var result: [Range<String.Index>] = []
        var start = utf8.startIndex
        var index = utf8.startIndex
        let closers: Set<UInt8> = [0x22, 0x27, 0x29, 0x5D]  // " ' ) ]
        while index < utf8.endIndex {
            let byte = utf8[index]
            guard byte == 0x2E || byte == 0x3F || byte == 0x21 else {  // . ? !
                index = utf8.index(after: index)
                continue
            }
            var end = utf8.index(after: index)
            while end < utf8.endIndex {
                if closers.contains(utf8[end]) {
                    end = utf8.index(after: end)
                } else if utf8[end] == 0xE2, let quote = curlyCloser(utf8, at: end) {
                    end = quote
                } else {
                    break
                }
            }
            if byte == 0x2E && endsInAbbreviation(paragraph, before: index) {
                index = end
                continue
            }
            var next = end
            while next < utf8.endIndex, utf8[next] == 0x20 { next = utf8.index(after: next) }
            if next > end, next < utf8.endIndex, startsSentence(paragraph, at: next) {
                append(start..<end, of: paragraph, to: &result)
                start = next
            }
            index = end
        }
        append(start..<paragraph.endIndex, of: paragraph, to: &result)
        return result
    }

    /// The index after a closing curly quote (’ or ”) at `index`, if there is one.
    private static func curlyCloser(_ utf8: String.UTF8View, at index: String.Index) -> String.Index? {
        let second = utf8.index(after: index)
        guard second < utf8.endIndex, utf8[second] == 0x80 else { return nil }
        let third = utf8.index(after: second)
        guard third < utf8.endIndex, utf8[third] == 0x99 || utf8[third] == 0x9D else { return nil }
        return utf8.index(after: third)
    }

    /// Whether a sentence may start at `index`: an upper-case letter, a digit, an opening quote or bracket.
    private static func startsSentence(_ text: String, at index: String.Index) -> Bool {
        let byte = text.utf8[index]
        if byte < 0x80 {
            return (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x22 || byte == 0x28 || byte == 0x5B
        }
        let first = text[index]
        return first.isUppercase || "“‘".contains(first)
    }

    private static func append(_ range: Range<String.Index>, of text: String, to result: inout [Range<String.Index>]) {
        let utf8 = text.utf8
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, utf8[lower] == 0x20 { lower = utf8.index(after: lower) }
        while upper > lower, utf8[utf8.index(before: upper)] == 0x20 { upper = utf8.index(before: upper) }
        if lower < upper { result.append(lower..<upper) }
    }

    /// Whether the word just before the period at `index` is an abbreviation, an initial or has inner periods.
    private static func endsInAbbreviation(_ text: String, before index: String.Index) -> Bool {
        let utf8 = text.utf8
        var start = index
        while start > utf8.startIndex {
            let previous = utf8.index(before: start)
            let byte = utf8[previous]
            guard (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2E else { break }
            start = previous
        }
        let word = text.utf8[start..<index]
        guard !word.isEmpty else { return false }
        if word.count == 1, let letter = word.first, letter >= 0x41 && letter <= 0x5A { return true }
        if word.contains(0x2E) { return true }
        return abbreviations.contains(String(decoding: word, as: UTF8.self).lowercased())
    }
}

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

    init(text: Substring, range: Range<String.Index>, isWord: Bool) {
        self.text = text
        self.range = range
        self.isWord = isWord
        lower = text.lowercased()
    }

    /// Starts with an upper-case letter or a digit-free acronym such as "UBS".
    var isCapitalized: Bool { text.first?.isUppercase == true }

    /// Written with a capital inside (TelcoTV) or in capitals throughout (CES, UBS): a name, not a sentence start.
    var looksLikeName: Bool {
        let letters = text.filter(\.isLetter)
        guard letters.count >= 2 else { return false }
        if letters.allSatisfy(\.isUppercase) { return true }
        return letters.dropFirst().contains(where: \.isUppercase)
    }
}

/// Splits a range of a paragraph into tokens, reading ASCII byte by byte and anything else as characters.
enum Tokenizer {
    /// Characters that join letters into one word when they stand between two word characters: ' ’ - . & /
    private static func isJoiner(_ text: String, at index: String.Index) -> Bool {
        let byte = text.utf8[index]
        if byte < 0x80 { return byte == 0x27 || byte == 0x2D || byte == 0x2E || byte == 0x26 || byte == 0x2F }
        return text[index] == "’"
    }

    private static func isWordCharacter(_ text: String, at index: String.Index) -> Bool {
        let byte = text.utf8[index]
        if byte < 0x80 { return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) }
        let character = text[index]
        return character.isLetter || character.isNumber
    }

    /// The index after the character at `index` (one byte for ASCII).
    private static func after(_ text: String, _ index: String.Index) -> String.Index {
        text.utf8[index] < 0x80 ? text.utf8.index(after: index) : text.index(after: index)
    }

    static func tokens(in text: String, range: Range<String.Index>) -> [Token] {
        var tokens: [Token] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = text.utf8[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || (byte >= 0x80 && text[index].isWhitespace) {
                index = after(text, index)
                continue
            }
            if isWordCharacter(text, at: index) {
                var end = after(text, index)
                while end < range.upperBound {
                    if isWordCharacter(text, at: end) {
                        end = after(text, end)
                    } else if isJoiner(text, at: end) {
                        let next = after(text, end)
                        if next < range.upperBound, isWordCharacter(text, at: next) { end = next } else { break }
                    } else {
                        break
                    }
                }
                tokens.append(Token(text: text[index..<end], range: index..<end, isWord: true))
                index = end
            } else {
                var end = after(text, index)
                if byte == 0x2D, end < range.upperBound, text.utf8[end] == 0x2D { end = text.utf8.index(after: end) }
                tokens.append(Token(text: text[index..<end], range: index..<end, isWord: false))
                index = end
            }
        }
        return tokens
    }
}

/// Counting occurrences of a phrase, the way links find it again in rendered HTML: byte for byte, not overlapping.
public enum Occurrence {
    /// How many non-overlapping occurrences of `needle` start before `position` in `text`.
    public static func count(of needle: String, in text: String, before position: String.Index) -> Int {
        let limit = text.utf8.distance(from: text.startIndex, to: position)
        return count(of: Array(needle.utf8), in: Array(text.utf8), before: limit)
    }

    /// How many non-overlapping occurrences of `needle` start before byte offset `limit` in `bytes`.
    public static func count(of needle: [UInt8], in bytes: [UInt8], before limit: Int) -> Int {
        offsets(of: needle, in: bytes).prefix { $0 < limit }.count
    }

    /// The byte offsets of the non-overlapping occurrences of `needle` in `bytes`, left to right.
    public static func offsets(of needle: [UInt8], in bytes: [UInt8]) -> [Int] {
        guard let first = needle.first, needle.count <= bytes.count else { return [] }
        var result: [Int] = []
        var index = 0
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var matched = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched {
                    result.append(index)
                    index += needle.count
                    continue
                }
            }
            index += 1
        }
        return result
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
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
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
}
