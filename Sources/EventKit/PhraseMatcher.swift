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

    /// Phrases sharing a first word: the word, and each phrase's words and index in the list, longest phrase first.
    private struct Group: Sendable {
        let first: [UInt8]
        let candidates: [(words: [[UInt8]], phrase: Int)]
    }

    /// The groups, one per distinct first word.
    private let groups: [Group]
    /// An open-addressed table from a first word's hash (`hash(_:_:)`) to 1 + its group's index; 0 is an empty slot.
    private let slots: [Int32]
    /// Which bytes start a phrase, so most words are passed over without a lookup.
    private let startsPhrase: [Bool]
    /// How many phrases the matcher holds.
    public let count: Int

    /// A matcher for `phrases`; empty phrases are ignored.
    public init(phrases: [String]) {
        var table: [[UInt8]: [(words: [[UInt8]], phrase: Int)]] = [:]
        var starts = [Bool](repeating: false, count: 256)
        for (index, phrase) in phrases.enumerated() {
            let bytes = Array(phrase.utf8)
            let words = PhraseMatcher.words(in: bytes).map { Array(bytes[$0]) }
            guard let first = words.first else { continue }
            table[first, default: []].append((words, index))
            starts[Int(first[0])] = true
        }
        for key in table.keys { table[key]!.sort { ($0.words.count, $1.phrase) > ($1.words.count, $0.phrase) } }
        let groups = table.map { Group(first: $0.key, candidates: $0.value) }
        var size = 8
        while size < groups.count * 2 { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        for (position, group) in groups.enumerated() {
            var slot = group.first.withUnsafeBufferPointer { Int(truncatingIfNeeded: PhraseMatcher.hash($0, 0..<$0.count)) } & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(position + 1)
        }
        self.groups = groups
        self.slots = slots
        startsPhrase = starts
        count = phrases.count
    }

    /// Every occurrence in `text`, left to right; where phrases overlap, the longest one starting first wins.
    ///
    /// Only bytes that start a phrase and a word are looked at: where a word starts depends on the bytes just before
    /// it alone, so the words in between need not be found.
    public func matches(in text: String) -> [Match] {
        guard !groups.isEmpty else { return [] }
        return withUTF8Bytes(text) { bytes in
            var result: [Match] = []
            let count = bytes.count
            var index = 0
            while index < count {
                guard startsPhrase[Int(bytes[index])], PhraseMatcher.isWordStart(bytes, at: index) else {
                    index += 1
                    continue
                }
                let first = index..<PhraseMatcher.wordEnd(bytes, from: index)
                if let group = group(startingWith: first, in: bytes), let match = match(group, first: first, in: bytes) {
                    result.append(match)
                    index = match.range.upperBound
                } else {
                    index = first.upperBound
                }
            }
            return result
        }
    }

    /// The longest of `group`'s phrases (the first listed among equals) whose words follow `first` in `bytes`.
    private func match(_ group: Group, first: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Match? {
        var words = [first]
        var reachedEnd = false
        /// The `offset`th word from `first`, if the text has that many.
        func word(_ offset: Int) -> Range<Int>? {
            while words.count <= offset && !reachedEnd {
                guard let next = PhraseMatcher.nextWord(bytes, from: words[words.count - 1].upperBound) else {
                    reachedEnd = true
                    break
                }
                words.append(next)
            }
            return offset < words.count ? words[offset] : nil
        }
        for candidate in group.candidates {
            guard let last = word(candidate.words.count - 1) else { continue }
            var same = true
            for offset in 1..<candidate.words.count where !PhraseMatcher.equal(bytes, words[offset], candidate.words[offset]) {
                same = false
                break
            }
            if same { return Match(phrase: candidate.phrase, range: first.lowerBound..<last.upperBound) }
        }
        return nil
    }

    /// The group whose first word is `bytes[word]`, if any.
    private func group(startingWith word: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Group? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: PhraseMatcher.hash(bytes, word)) & mask
        while slots[slot] != 0 {
            let group = groups[Int(slots[slot]) - 1]
            if PhraseMatcher.equal(bytes, word, group.first) { return group }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// FNV-1a of `bytes[range]`.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for offset in range { hash = (hash ^ UInt64(bytes[offset])) &* 0x100_0000_01B3 }
        return hash ^ (hash >> 29)
    }

    /// Whether `bytes[range]` are the bytes of `word`.
    @inline(__always) private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: [UInt8]) -> Bool {
        guard range.count == word.count else { return false }
        var offset = 0
        while offset < word.count {
            if bytes[range.lowerBound + offset] != word[offset] { return false }
            offset += 1
        }
        return true
    }

    /// Byte ranges of the words in `bytes`.
    static func words(in bytes: [UInt8]) -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { words(in: $0) }
    }

    /// Byte ranges of the words in `bytes`.
    static func words(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var index = 0
        while let word = nextWord(bytes, from: index) {
            result.append(word)
            index = word.upperBound
        }
        return result
    }

    /// The first word starting at or after `start`, which is not inside a word.
    static func nextWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int>? {
        var index = start
        while index < bytes.count {
            if isWordByte(bytes, at: index) { return index..<wordEnd(bytes, from: index) }
            index += 1
        }
        return nil
    }

    /// Where the word starting at `start` ends: word bytes, and joiners (`-`, `.`, `&`, `/`) between two word bytes.
    static func wordEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let count = bytes.count
        var end = start + 1
        while end < count {
            if isWordByte(bytes, at: end) {
                end += 1
            } else if isJoiner(bytes[end]), end + 1 < count, isWordByte(bytes, at: end + 1) {
                end += 2
            } else {
                break
            }
        }
        return end
    }

    /// Whether a word starts at `index`: a word byte after neither a word byte nor a joiner that follows one.
    @inline(__always) static func isWordStart(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard isWordByte(bytes, at: index) else { return false }
        if index > 0 && isWordByte(bytes, at: index - 1) { return false }
        return !(index > 1 && isJoiner(bytes[index - 1]) && isWordByte(bytes, at: index - 2))
    }

    @inline(__always) static func isJoiner(_ byte: UInt8) -> Bool { byte == 0x2D || byte == 0x2E || byte == 0x26 || byte == 0x2F }

    /// Whether the byte at `position` belongs to a word: an ASCII letter or digit, or part of a non-ASCII character
    /// other than general punctuation (U+2000–U+206F: curly quotes, dashes; E2 80 xx and E2 81 xx).
    @inline(__always) static func isWordByte(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        let byte = bytes[position]
        if byte < 0x80 { return isASCIIAlphanumeric(byte) }
        var start = position
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        if bytes[start] == 0xE2, start + 1 < bytes.count, bytes[start + 1] == 0x80 || bytes[start + 1] == 0x81 { return false }
        return true
    }
}
