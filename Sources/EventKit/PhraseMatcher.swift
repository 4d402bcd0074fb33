import Foundation

/// Finds whole-word, case-sensitive occurrences of many phrases in text in one pass over its UTF-8 bytes.
///
/// Words are runs of letters and digits; `-`, `.`, `&` and `/` between two word characters belong to the word, so
/// "TelcoTV-like" is one word and never matches "TelcoTV", while "Calix's" (or "Calix’s") matches "Calix".
/// Phrases are compared word by word, so "New York City" matches across single spaces or line breaks.
public struct PhraseMatcher: Sendable {
    /// One occurrence: which phrase (its position in the list given to `init`) and the byte range it covers.
    public struct Match: Sendable, Hashable {
        /// The phrase's index in the list the matcher was made from.
        public let phrase: Int
        /// UTF-8 byte offsets of the occurrence in the text.
        public let range: Range<Int>
    }

    /// Phrases by first word: (the phrase's words, its index), longest first.
    private let byFirstWord: [ArraySlice<UInt8>: [(words: [[UInt8]], phrase: Int)]]
    /// Which bytes start a phrase, so most words are passed over without a lookup.
    private let startsPhrase: [Bool]
    /// How many phrases the matcher holds.
    public let count: Int

    /// A matcher for `phrases`; empty phrases are ignored.
    public init(phrases: [String]) {
        var table: [ArraySlice<UInt8>: [(words: [[UInt8]], phrase: Int)]] = [:]
        var starts = [Bool](repeating: false, count: 256)
        for (index, phrase) in phrases.enumerated() {
            let bytes = Array(phrase.utf8)
            let words = PhraseMatcher.words(in: bytes).map { Array(bytes[$0]) }
            guard let first = words.first else { continue }
            table[first[...], default: []].append((words, index))
            starts[Int(first[0])] = true
        }
        startsPhrase = starts
        for key in table.keys { table[key]!.sort { ($0.words.count, $1.phrase) > ($1.words.count, $0.phrase) } }
        byFirstWord = table
        count = phrases.count
    }

    /// Every occurrence in `text`, left to right; where phrases overlap, the longest one starting first wins.
    public func matches(in text: String) -> [Match] {
        guard !byFirstWord.isEmpty else { return [] }
        let bytes = Array(text.utf8)
        let words = PhraseMatcher.words(in: bytes)
        var result: [Match] = []
        var index = 0
        while index < words.count {
            var matched = false
            if startsPhrase[Int(bytes[words[index].lowerBound])], let candidates = byFirstWord[bytes[words[index]]] {
                for candidate in candidates where index + candidate.words.count <= words.count {
                    var same = true
                    for (offset, expected) in candidate.words.enumerated().dropFirst() where !bytes[words[index + offset]].elementsEqual(expected) {
                        same = false
                        break
                    }
                    guard same else { continue }
                    let last = words[index + candidate.words.count - 1]
                    result.append(Match(phrase: candidate.phrase, range: words[index].lowerBound..<last.upperBound))
                    index += candidate.words.count
                    matched = true
                    break
                }
            }
            if !matched { index += 1 }
        }
        return result
    }

    /// Byte ranges of the words in `bytes`.
    static func words(in bytes: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var index = 0
        func isWordByte(at position: Int) -> Bool {
            let byte = bytes[position]
            if byte >= 0x80 {
                // U+2000–U+206F (general punctuation: curly quotes, dashes) separate words: E2 80 xx, E2 81 xx.
                var start = position
                while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
                if bytes[start] == 0xE2, start + 1 < bytes.count, bytes[start + 1] == 0x80 || bytes[start + 1] == 0x81 { return false }
                return true
            }
            return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
        while index < bytes.count {
            guard isWordByte(at: index) else { index += 1; continue }
            var end = index + 1
            while end < bytes.count {
                if isWordByte(at: end) {
                    end += 1
                } else if [0x2D, 0x2E, 0x26, 0x2F].contains(bytes[end]), end + 1 < bytes.count, isWordByte(at: end + 1) {
                    end += 2
                } else {
                    break
                }
            }
            result.append(index..<end)
            index = end
        }
        return result
    }
}
