import Foundation

/// Byte-level (UTF-8) answers for the per-line work of the layout parsers.
///
/// `Character` rules (grapheme clusters, Unicode case mapping, canonical equivalence) make per-line predicates slow.
/// For *plain* text they reduce to byte rules. Text is plain when each of its scalars is ASCII other than CR, or one
/// of the few symbols transcripts often hold: © ® – — ‘ ’ “ ” •. None of those has a case mapping or a decomposition,
/// none is a letter, digit or white space, and none joins a neighbour into one Character; with CR excluded, no two
/// scalars of plain text form one Character. So on plain text a Character is a scalar, counting scalars counts
/// Characters, ASCII case mapping is Unicode case mapping, and two plain strings are equal exactly when their bytes are.
/// Callers take the byte rule for plain text and keep the Character rule for anything else.
enum PlainText {
    /// Whether the UTF-8 `bytes` are plain text.
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        // Eight bytes at a time while they are ASCII and hold no CR.
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let noCR = word ^ 0x0D0D_0D0D_0D0D_0D0D
            let zeroByte = (noCR &- 0x0101_0101_0101_0101) & ~noCR
            if (word | zeroByte) & 0x8080_8080_8080_8080 != 0 { break }
            index += 8
        }
        while index < count {
            let byte = base[index]
            if byte < 0x80 {
                if byte == 0x0D { return false }
                index += 1
            } else {
                let length = symbolLength(bytes, at: index)
                if length == 0 { return false }
                index += length
            }
        }
        return true
    }

    /// The byte length of the plain symbol (© ® – — ‘ ’ “ ” •) starting at `index`, or 0 if another scalar starts there.
    @inline(__always)
    static func symbolLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        if lead == 0xC2 {
            guard index + 1 < bytes.count else { return 0 }
            let next = bytes[index + 1]
            return next == 0xA9 || next == 0xAE ? 2 : 0
        }
        guard lead == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 else { return 0 }
        switch bytes[index + 2] {
        case 0x93, 0x94, 0x98, 0x99, 0x9C, 0x9D, 0xA2: return 3
        default: return 0
        }
    }

    /// The number of Characters in plain text: its bytes that start a scalar.
    static func characterCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// Whether plain text has more than `limit` Characters, counting no further than needed.
    static func hasMoreCharacters(_ bytes: UnsafeBufferPointer<UInt8>, than limit: Int) -> Bool {
        guard bytes.count > limit else { return false }
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 {
            count += 1
            if count > limit { return true }
        }
        return false
    }

    /// The number of words (runs of non-spaces) in plain text, counting no further than `limit + 1`.
    static func wordCount(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        var words = 0
        var inWord = false
        for byte in bytes {
            if byte == 0x20 {
                inWord = false
            } else if !inWord {
                inWord = true
                words += 1
                if words > limit { return words }
            }
        }
        return words
    }

    /// The bounds left after trimming bytes in `set` (ASCII) from both ends of plain text.
    static func trimmedBounds(_ bytes: UnsafeBufferPointer<UInt8>, _ set: (UInt8) -> Bool) -> Range<Int> {
        var start = 0, end = bytes.count
        while start < end, set(bytes[start]) { start += 1 }
        while end > start, set(bytes[end - 1]) { end -= 1 }
        return start..<end
    }

    /// The bounds left after trimming bytes in `set` (ASCII) from both ends of any text, or nil when a cut might
    /// split a Character: when a non-ASCII scalar borders a trimmed byte.
    static func safeTrimmedBounds(_ bytes: UnsafeBufferPointer<UInt8>, _ set: (UInt8) -> Bool) -> Range<Int>? {
        let bounds = trimmedBounds(bytes, set)
        if bounds.isEmpty { return 0..<0 }
        if bounds.lowerBound > 0, bytes[bounds.lowerBound] >= 0x80 { return nil }
        if bounds.upperBound < bytes.count, bytes[bounds.upperBound - 1] >= 0x80 { return nil }
        return bounds
    }

    /// `byte` upper-cased if it is an ASCII letter.
    @inline(__always)
    static func upper(_ byte: UInt8) -> UInt8 {
        byte &- 0x61 < 26 ? byte &- 0x20 : byte
    }

    /// Whether `bytes` start with `prefix` (upper-case ASCII), ignoring ASCII case.
    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, caseInsensitive prefix: StaticString) -> Bool {
        matches(bytes, at: 0, prefix)
    }

    /// Whether `bytes` end with `suffix`, bytes compared exactly.
    static func hasSuffix(_ bytes: UnsafeBufferPointer<UInt8>, _ suffix: StaticString) -> Bool {
        let length = suffix.utf8CodeUnitCount
        guard let base = bytes.baseAddress, bytes.count >= length else { return length == 0 }
        return memcmp(base + (bytes.count - length), suffix.utf8Start, length) == 0
    }

    /// Whether `bytes` hold `needle` (upper-case ASCII), ignoring ASCII case. Candidates are found with `memchr` on
    /// the needle's least common letter, in either case.
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, caseInsensitive needle: StaticString) -> Bool {
        let length = needle.utf8CodeUnitCount
        guard length > 0 else { return true }
        guard let base = bytes.baseAddress, bytes.count >= length else { return false }
        let pattern = needle.utf8Start
        var anchor = 0
        for index in 1..<length where commonness(pattern[index]) < commonness(pattern[anchor]) { anchor = index }
        // Where the anchor byte may lie for the needle to fit: anchor..<end.
        let end = bytes.count - length + anchor + 1
        func found(_ byte: UInt8) -> Bool {
            var from = anchor
            while from < end, let hit = memchr(base + from, Int32(byte), end - from) {
                let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if matches(bytes, at: position - anchor, needle) { return true }
                from = position + 1
            }
            return false
        }
        let anchorByte = pattern[anchor]
        return found(anchorByte) || anchorByte &- 0x41 < 26 && found(anchorByte | 0x20)
    }

    /// How common an upper-case ASCII byte is in English prose, roughly: lower is rarer.
    private static func commonness(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "|"), UInt8(ascii: "Z"), UInt8(ascii: "Q"), UInt8(ascii: "X"), UInt8(ascii: "J"): return 0
        case UInt8(ascii: "K"), UInt8(ascii: "V"): return 1
        case UInt8(ascii: "B"), UInt8(ascii: "P"), UInt8(ascii: "Y"), UInt8(ascii: "G"), UInt8(ascii: "W"), UInt8(ascii: "F"): return 2
        case UInt8(ascii: "M"), UInt8(ascii: "U"), UInt8(ascii: "C"), UInt8(ascii: "L"), UInt8(ascii: "D"): return 3
        case 0x41...0x5A: return 4
        default: return 5
        }
    }

    /// Whether `bytes` hold `byte`.
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, byte: UInt8) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, Int32(byte), bytes.count) != nil
    }

    /// Whether `bytes` equal `word` (upper-case ASCII), ignoring ASCII case.
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, caseInsensitive word: StaticString) -> Bool {
        bytes.count == word.utf8CodeUnitCount && matches(bytes, at: 0, word)
    }

    @inline(__always)
    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ needle: StaticString) -> Bool {
        let length = needle.utf8CodeUnitCount
        guard index + length <= bytes.count else { return false }
        let pattern = needle.utf8Start
        for offset in 0..<length where upper(bytes[index + offset]) != pattern[offset] { return false }
        return true
    }

    /// The byte length of the dash starting at `index`, or 0 if none starts there: a hyphen-minus, two of them (`--`,
    /// the typewriter dash), or one of the dashes word processors and PDF exporters write instead: the hyphen and
    /// non-breaking hyphen (U+2010, U+2011), figure dash (U+2012), en and em dash (U+2013, U+2014; also what
    /// Windows-1252 bytes 0x96 and 0x97 decode to), horizontal bar (U+2015) and minus sign (U+2212). Only the en and
    /// em dash are plain (see `PlainText`); the others are read too, as the byte rule serves any UTF-8 text.
    @inline(__always)
    static func dashLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let count = bytes.count
        guard index < count else { return 0 }
        switch bytes[index] {
        case 0x2D:
            return index + 1 < count && bytes[index + 1] == 0x2D ? 2 : 1
        case 0xE2:
            guard index + 2 < count else { return 0 }
            let second = bytes[index + 1], third = bytes[index + 2]
            return second == 0x80 && (0x90...0x95).contains(third) || second == 0x88 && third == 0x92 ? 3 : 0
        default:
            return 0
        }
    }

    /// The byte length of the spaced dash starting at `index` (a space, a dash as `dashLength` reads it, a space),
    /// or 0 if none starts there: the separator of `Name - Firm - Title`.
    @inline(__always)
    static func spacedDashLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        guard index + 2 < bytes.count, bytes[index] == 0x20 else { return 0 }
        let dash = dashLength(bytes, at: index + 1)
        guard dash > 0, index + 1 + dash < bytes.count, bytes[index + 1 + dash] == 0x20 else { return 0 }
        return dash + 2
    }

    /// Whether the bytes are one dash (as `dashLength` reads dashes) and nothing else.
    static func isLoneDash(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.isEmpty && dashLength(bytes, at: 0) == bytes.count
    }

    /// The byte range of the first spaced dash (see `spacedDashLength`) at or after `from`: candidates are found with
    /// `memchr` on the hyphen-minus and on the lead byte 0xE2 of the other dashes.
    static func firstSpacedDashRange(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Range<Int>? {
        guard let base = bytes.baseAddress, bytes.count >= 3 else { return nil }
        let last = bytes.count - 1
        // The next hyphen-minus and the next 0xE2 at or after `from`, each searched again only once passed.
        var from = max(start + 1, 1)
        var hyphen = -1, lead = -1
        func next(_ byte: Int32, _ from: Int) -> Int {
            guard from < last, let found = memchr(base + from, byte, last - from) else { return Int.max }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        while from < last {
            if hyphen < from { hyphen = next(0x2D, from) }
            if lead < from { lead = next(0xE2, from) }
            let dash = min(hyphen, lead)
            guard dash != Int.max else { return nil }
            let length = spacedDashLength(bytes, at: dash - 1)
            if length > 0 { return (dash - 1)..<(dash - 1 + length) }
            from = dash + 1
        }
        return nil
    }

    /// The offset of the first spaced dash (see `spacedDashLength`) in `bytes`.
    static func firstSpacedDash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        firstSpacedDashRange(bytes)?.lowerBound
    }

    /// The byte range of the spaced dash (see `spacedDashLength`) that starts furthest right in `bytes`.
    static func lastSpacedDashRange(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var found: Range<Int>?
        var from = 0
        while let range = firstSpacedDashRange(bytes, from: from) {
            found = range
            from = range.lowerBound + 1
        }
        return found
    }

    /// The offset of the first `needle` in `bytes`, bytes compared exactly; nil for an empty needle.
    static func firstOffset(of needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        firstOffset(of: UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount), in: bytes)
    }

    /// The offset of the last `needle` in `bytes` (the one starting furthest right), bytes compared exactly.
    static func lastOffset(of needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let length = needle.utf8CodeUnitCount
        guard let base = bytes.baseAddress, length > 0, bytes.count >= length else { return nil }
        for start in stride(from: bytes.count - length, through: 0, by: -1) where memcmp(base + start, needle.utf8Start, length) == 0 {
            return start
        }
        return nil
    }

    /// Plain text with runs of spaces folded to one and the ends trimmed: `split(separator: " ").joined(separator: " ")`.
    static func folded(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            if byte == 0x20 {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The last Character of `text` when it is one ASCII byte, told from the bytes: an ASCII byte after an ASCII byte
    /// (other than CR before LF) always ends a Character of its own. Nil when it is not, or the bytes cannot tell.
    static func lastASCIICharacter(_ text: String) -> UInt8? {
        let bytes = text.utf8
        guard let last = bytes.last, last < 0x80 else { return nil }
        let count = bytes.count
        if count == 1 { return last }
        let before = bytes[bytes.index(bytes.endIndex, offsetBy: -2)]
        guard before < 0x80, !(before == 0x0D && last == 0x0A) else { return nil }
        return last
    }

    /// The first Character of `text` when it is one ASCII byte, told from the bytes as in `lastASCIICharacter(_:)`.
    static func firstASCIICharacter(_ text: String) -> UInt8? {
        let bytes = text.utf8
        guard let first = bytes.first, first < 0x80 else { return nil }
        let second = bytes.index(after: bytes.startIndex)
        if second == bytes.endIndex { return first }
        guard bytes[second] < 0x80, !(first == 0x0D && bytes[second] == 0x0A) else { return nil }
        return first
    }

    /// The offset of the first `needle` in `bytes` at or after `from`, bytes compared exactly; nil for an empty needle.
    static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        guard let needleBase = needle.baseAddress, let base = bytes.baseAddress, !needle.isEmpty else { return nil }
        let lastStart = bytes.count - needle.count
        var position = from
        while position <= lastStart, let found = memchr(base + position, Int32(needle[0]), lastStart - position + 1) {
            let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + offset, needleBase, needle.count) == 0 { return offset }
            position = offset + 1
        }
        return nil
    }

    /// The byte ranges of the parts between spaced dashes (see `spacedDashLength`), found left to right; the bytes
    /// between two consecutive parts are the separator as written.
    static func spacedDashPartRanges(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = 0
        var from = 0
        while let separator = firstSpacedDashRange(bytes, from: from) {
            parts.append(start..<separator.lowerBound)
            start = separator.upperBound
            from = separator.upperBound
        }
        parts.append(start..<bytes.count)
        return parts
    }

    /// Whether `byte` is an ASCII digit.
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// Whether a plain-text byte continues a word: an ASCII letter or digit.
    static func isWordByte(_ byte: UInt8) -> Bool { byte | 0x20 &- 0x61 < 26 || isDigit(byte) }
}

extension StringProtocol {
    /// Whether the text is plain (see `PlainText`).
    var isPlain: Bool { withPlainUTF8 { _ in true } ?? false }

    /// `body` applied to the text's UTF-8 bytes when the text is plain (see `PlainText`), else nil.
    func withPlainUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        let result: Result?? = utf8.withContiguousStorageIfAvailable { bytes in
            PlainText.isPlain(bytes) ? body(bytes) : nil
        }
        return result ?? nil
    }

    /// The string with leading and trailing bytes from the ASCII `set` removed, as `trimmingCharacters(in:)` would;
    /// nil when only the Character rule can tell.
    func trimmingASCII(_ set: (UInt8) -> Bool) -> String? {
        let bounds: Range<Int>?? = utf8.withContiguousStorageIfAvailable { PlainText.safeTrimmedBounds($0, set) }
        guard let known = bounds, let range = known else { return nil }
        let start = utf8.index(startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        return String(self[start..<end])
    }
}
