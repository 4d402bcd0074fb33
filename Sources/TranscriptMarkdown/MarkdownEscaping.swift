/// Turns plain text into Markdown that cmark-gfm reads back as exactly that text, while staying readable.
public enum MarkdownEscaping {
    /// Escapes one paragraph of plain text as a single Markdown line; newlines become spaces, outer white space is dropped.
    public static func escape(_ plainText: String) -> String {
        escapeLine(plainText, escapingEveryHash: false)
    }

    /// Escapes the text of an ATX heading (`### text`): the paragraph rules plus every `#`, so none closes the heading.
    public static func headingText(_ plainText: String) -> String {
        escapeLine(plainText, escapingEveryHash: true)
    }

    /// Escapes `text` as one line of Markdown, on its UTF-8 bytes unless a grapheme could join ASCII syntax to other scalars.
    private static func escapeLine(_ text: String, escapingEveryHash: Bool) -> String {
        if let escaped = text.utf8.withContiguousStorageIfAvailable({ escapeLine(text, utf8: $0, escapingEveryHash: escapingEveryHash) }) {
            return escaped
        }
        var contiguous = text
        contiguous.makeContiguousUTF8()
        return contiguous.utf8.withContiguousStorageIfAvailable { escapeLine(text, utf8: $0, escapingEveryHash: escapingEveryHash) }
            ?? referenceEscape(text, escapingEveryHash: escapingEveryHash)
    }

    /// Escapes `text`, whose UTF-8 is `utf8`: unchanged, byte by byte, or Character by Character when graphemes demand it.
    private static func escapeLine(_ text: String, utf8: UnsafeBufferPointer<UInt8>, escapingEveryHash: Bool) -> String {
        let trimmed = trimmedRange(utf8)
        guard !trimmed.isEmpty else { return "" }
        let line = UnsafeBufferPointer(rebasing: utf8[trimmed])
        switch route(utf8, trimmed, escapingEveryHash: escapingEveryHash) {
        case .unchanged:
            return trimmed.count == utf8.count ? text : String(decoding: line, as: UTF8.self)
        case .bytes(newlines: false):
            return escapeBytes(line, escapingEveryHash: escapingEveryHash)
        case .bytes(newlines: true):
            return spacingNewlines(line).withUnsafeBufferPointer { escapeBytes($0, escapingEveryHash: escapingEveryHash) }
        case .characters:
            return referenceEscape(text, escapingEveryHash: escapingEveryHash)
        }
    }

    // MARK: - Byte path

    /// How a trimmed line gets escaped.
    private enum Route {
        /// Nothing to escape and no newline: the trimmed text is the Markdown.
        case unchanged
        /// Every character that matters is a lone ASCII byte (or NBSP or a newline scalar), so the byte path is exact.
        case bytes(newlines: Bool)
        /// A scalar that may join a grapheme with ASCII syntax or NBSP, or one canonically equal to ASCII syntax.
        case characters
    }

    /// Backslash, code, emphasis, link, HTML, strikethrough and table punctuation, escaped anywhere in a line.
    private static let inlineBytes = ASCIISet("\\`*_[]<~|")
    /// Block punctuation (heading, quote, list, rule, setext underline), escaped when it opens the line.
    private static let lineStartBytes = ASCIISet("#>+-=")
    /// ASCII bytes that can make the escaped line differ from the trimmed text.
    private static let changingBytes = ASCIISet("\t\n\r\u{0B}\u{0C}&#\\`*_[]<~|")
    /// ASCII bytes the writer must look at in a word that stays open to autolinking.
    private static let plainWordTriggers = ASCIISet("\t&#\\`*_[]<~|")
    /// ASCII bytes the writer must look at in a word whose autolink gets broken: also `:` and `.`.
    private static let guardedWordTriggers = ASCIISet("\t&#\\`*_[]<~|:.")

    /// Scans the trimmed bytes once: whether anything changes, whether newlines need spacing, whether graphemes need the slow path.
    private static func route(_ utf8: UnsafeBufferPointer<UInt8>, _ trimmed: Range<Int>, escapingEveryHash: Bool) -> Route {
        var changes = false
        var newlines = false
        // A scalar that could be extended by a following mark: ASCII or NBSP (conservatively including controls).
        var afterExtendable = trimmed.lowerBound > 0 && endsWithExtendable(utf8, at: trimmed.lowerBound)
        // The previous scalar is outside the inert set, so it could join the next one (a mark, ZWJ or prepended sign).
        var afterJoiner = false
        // A local copy: each use of a static reads it through `swift_once`, a call per byte in this loop.
        let changing = changingBytes
        var index = trimmed.lowerBound
        while index < trimmed.upperBound {
            let byte = utf8[index]
            if byte < 0x80 {
                if afterJoiner { return .characters }
                if !changes, changing.contains(byte) {
                    switch byte {
                    case UInt8(ascii: "&"): changes = startsEntity(utf8, before: trimmed.upperBound, after: index)
                    case UInt8(ascii: "#"): changes = escapingEveryHash || index == trimmed.lowerBound
                    default: changes = true
                    }
                }
                if byte >= 0x0A, byte <= 0x0D { newlines = true }
                afterExtendable = true
                afterJoiner = false
                index += 1
                continue
            }
            let (scalar, length) = decodeScalar(utf8, at: index)
            switch scalar {
            case 0xA0:
                if afterJoiner { return .characters }
                changes = true
                afterExtendable = true
                afterJoiner = false
            case 0x85, 0x2028, 0x2029:
                changes = true
                newlines = true
                afterExtendable = false
                afterJoiner = false
            case 0x37E, 0x1FEF:
                return .characters
            default:
                if isInert(scalar) {
                    afterJoiner = false
                } else {
                    if afterExtendable { return .characters }
                    afterJoiner = true
                }
                afterExtendable = false
            }
            index += length
        }
        if afterJoiner, trimmed.upperBound < utf8.count, startsExtendable(utf8, at: trimmed.upperBound) { return .characters }
        if changes { return .bytes(newlines: newlines) }
        let line = UnsafeBufferPointer(rebasing: utf8[trimmed])
        return lineStartBytes.contains(line[0]) || orderedListDelimiter(line) != nil ? .bytes(newlines: false) : .unchanged
    }

    /// True when the scalar ending just before `index` is ASCII or NBSP, which a following combining mark would extend.
    private static func endsWithExtendable(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        utf8[index - 1] < 0x80 || (index >= 2 && utf8[index - 2] == 0xC2 && utf8[index - 1] == 0xA0)
    }

    /// True when the scalar starting at `index` is ASCII or NBSP, which a preceding prepended sign would join.
    private static func startsExtendable(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        utf8[index] < 0x80 || (utf8[index] == 0xC2 && index + 1 < utf8.count && utf8[index + 1] == 0xA0)
    }

    /// True for non-ASCII scalars that always form a grapheme boundary with ASCII on both sides and equal no ASCII character:
    /// common letters, punctuation, symbols, CJK and emoji (a test checks every one against Swift's own grapheme breaking).
    static func isInert(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0xA1...0x2FF,        // Latin-1 punctuation and letters, Latin Extended-A/B, IPA, spacing modifiers
             0x370...0x37D, 0x37F...0x3FF, // Greek without U+037E, which is canonically ";"
             0x400...0x482, 0x48A...0x52F, // Cyrillic without its combining marks
             0x1E00...0x1EFF,     // Latin Extended Additional
             0x2000...0x200A,     // typographic spaces
             0x2010...0x2027, 0x202F, 0x2030...0x205F, // dashes, quotes, bullets, ellipsis, primes
             0x20A0...0x20C0,     // currency signs
             0x2100...0x2129, 0x212B...0x214F, // letterlike symbols (™, ℃, №) without the Kelvin sign, which is canonically "K"
             0x2190...0x23FF,     // arrows, mathematical operators, technical symbols
             0x2460...0x27BF,     // enclosed alphanumerics, box drawing, shapes, dingbats
             0x3000...0x3029,     // CJK punctuation without its tone marks
             0x3041...0x3096, 0x30A0...0x30FF, // kana without the combining sound marks
             0x4E00...0x9FFF,     // CJK ideographs
             0xAC00...0xD7A3,     // Hangul syllables
             0xFF01...0xFF5E,     // fullwidth ASCII variants
             0x1F300...0x1F3FA, 0x1F400...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF: // emoji without skin-tone modifiers
            return true
        default:
            return false
        }
    }

    /// The Markdown for a trimmed, newline-free line whose every special character is one ASCII byte or NBSP.
    private static func escapeBytes(_ line: UnsafeBufferPointer<UInt8>, escapingEveryHash: Bool) -> String {
        var writer = EscapedLine(line: line, escapingEveryHash: escapingEveryHash)
        if containsAutolink(line, in: 0..<line.count) {
            var start = 0
            while start < line.count {
                guard line[start] != UInt8(ascii: " ") else {
                    writer.output.append(UInt8(ascii: " "))
                    start += 1
                    continue
                }
                var end = start
                while end < line.count, line[end] != UInt8(ascii: " ") { end += 1 }
                let guarded = containsAutolink(line, in: start..<end) && (start..<end).contains(where: writer.changes(at:))
                writer.append(start..<end, breakingAutolinks: guarded)
                start = end
            }
        } else {
            writer.append(0..<line.count, breakingAutolinks: false)
        }
        return String(decoding: writer.output, as: UTF8.self)
    }

    /// Appends the escaped bytes of one line to a single output buffer.
    private struct EscapedLine {
        let line: UnsafeBufferPointer<UInt8>
        let escapingEveryHash: Bool
        /// 0 when the line opens with block punctuation, else -1.
        let lineStart: Int
        /// The offset of the ordered-list delimiter, else -1.
        let listDelimiter: Int
        /// `inlineBytes`, copied once rather than read through `swift_once` for every byte.
        let inline = inlineBytes
        var output: [UInt8] = []

        init(line: UnsafeBufferPointer<UInt8>, escapingEveryHash: Bool) {
            self.line = line
            self.escapingEveryHash = escapingEveryHash
            lineStart = lineStartBytes.contains(line[0]) ? 0 : -1
            listDelimiter = orderedListDelimiter(line) ?? -1
            output.reserveCapacity(line.count + line.count / 8 + 16)
        }

        /// True when the byte at `offset` is written as something other than itself (autolink breaking aside).
        func changes(at offset: Int) -> Bool {
            let byte = line[offset]
            switch byte {
            case UInt8(ascii: "\t"): return true
            case 0xC2: return offset + 1 < line.count && line[offset + 1] == 0xA0
            case UInt8(ascii: "&"): return startsEntity(line, before: line.count, after: offset)
            case UInt8(ascii: "#"): return escapingEveryHash || offset == 0
            default: return inline.contains(byte) || offset == lineStart || offset == listDelimiter
            }
        }

        /// Appends the escaped bytes of `range`; with `breakingAutolinks`, also `\:` and `www\.` so GFM cannot autolink the word.
        mutating func append(_ range: Range<Int>, breakingAutolinks: Bool) {
            let triggers = breakingAutolinks ? guardedWordTriggers : plainWordTriggers
            var copied = range.lowerBound
            var offset = range.lowerBound
            while offset < range.upperBound {
                let byte = line[offset]
                if byte == 0xC2, offset + 1 < line.count, line[offset + 1] == 0xA0 {
                    flush(from: copied, to: offset)
                    appendLiteral("&#160;")
                    offset += 2
                    copied = offset
                    continue
                }
                guard triggers.contains(byte) || offset == lineStart || offset == listDelimiter else {
                    offset += 1
                    continue
                }
                let escaped: Bool
                switch byte {
                case UInt8(ascii: "\t"):
                    flush(from: copied, to: offset)
                    appendLiteral("&#9;")
                    offset += 1
                    copied = offset
                    continue
                case UInt8(ascii: "&"):
                    escaped = startsEntity(line, before: line.count, after: offset)
                case UInt8(ascii: "#"):
                    escaped = escapingEveryHash || offset == 0
                case UInt8(ascii: ":"):
                    escaped = breakingAutolinks
                case UInt8(ascii: "."):
                    escaped = offset == listDelimiter || (breakingAutolinks && followsWWW(offset, wordStart: range.lowerBound))
                default:
                    escaped = inline.contains(byte) || offset == lineStart || offset == listDelimiter
                }
                if escaped {
                    flush(from: copied, to: offset)
                    output.append(UInt8(ascii: "\\"))
                    output.append(byte)
                    copied = offset + 1
                }
                offset += 1
            }
            flush(from: copied, to: range.upperBound)
        }

        /// True when the three bytes before `offset`, all inside the word, are `www`.
        private func followsWWW(_ offset: Int, wordStart: Int) -> Bool {
            offset - 3 >= wordStart && line[offset - 3] == UInt8(ascii: "w") && line[offset - 2] == UInt8(ascii: "w")
                && line[offset - 1] == UInt8(ascii: "w")
        }

        /// Copies the unchanged bytes `start..<end` to the output.
        private mutating func flush(from start: Int, to end: Int) {
            if start < end { output.append(contentsOf: UnsafeBufferPointer(rebasing: line[start..<end])) }
        }

        /// Appends an ASCII literal such as a character reference.
        private mutating func appendLiteral(_ literal: StaticString) {
            literal.withUTF8Buffer { output.append(contentsOf: $0) }
        }
    }

    /// True when `range` of `line` holds `://` or `www.`, the text GFM's extended autolinks start from.
    private static func containsAutolink(_ line: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Bool {
        var offset = range.lowerBound
        while offset + 3 <= range.upperBound {
            switch line[offset] {
            case UInt8(ascii: ":"):
                if line[offset + 1] == UInt8(ascii: "/"), line[offset + 2] == UInt8(ascii: "/") { return true }
            case UInt8(ascii: "w"):
                if offset + 4 <= range.upperBound, line[offset + 1] == UInt8(ascii: "w"), line[offset + 2] == UInt8(ascii: "w"),
                   line[offset + 3] == UInt8(ascii: ".") { return true }
            default:
                break
            }
            offset += 1
        }
        return false
    }

    /// The offset of the `.` or `)` of an ordered-list marker (`2012.` or `3)`) opening the byte line, if there is one.
    private static func orderedListDelimiter(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        var delimiter = 0
        while delimiter < line.count, line[delimiter] >= UInt8(ascii: "0"), line[delimiter] <= UInt8(ascii: "9") { delimiter += 1 }
        guard delimiter > 0, delimiter < line.count,
              line[delimiter] == UInt8(ascii: ".") || line[delimiter] == UInt8(ascii: ")") else { return nil }
        let next = delimiter + 1
        return next == line.count || line[next] == UInt8(ascii: " ") || line[next] == UInt8(ascii: "\t") ? delimiter : nil
    }

    /// True when the `&` at `offset` would start a character reference (`&#` or `&name;`) in `bytes` up to `end`.
    private static func startsEntity(_ bytes: UnsafeBufferPointer<UInt8>, before end: Int, after offset: Int) -> Bool {
        var index = offset + 1
        guard index < end else { return false }
        if bytes[index] == UInt8(ascii: "#") { return true }
        while index < end, bytes[index].isASCIILetterOrDigit { index += 1 }
        return index > offset + 1 && index < end && bytes[index] == UInt8(ascii: ";")
    }

    /// The line with each newline (`\r\n` counting as one) replaced by a space, as the Character path maps them.
    private static func spacingNewlines(_ line: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var spaced: [UInt8] = []
        spaced.reserveCapacity(line.count)
        var index = 0
        while index < line.count {
            let byte = line[index]
            var length = 1
            switch byte {
            case 0x0D:
                length = index + 1 < line.count && line[index + 1] == 0x0A ? 2 : 1
            case 0x0A, 0x0B, 0x0C:
                break
            case 0xC2 where index + 1 < line.count && line[index + 1] == 0x85:
                length = 2
            case 0xE2 where index + 2 < line.count && line[index + 1] == 0x80 && (line[index + 2] == 0xA8 || line[index + 2] == 0xA9):
                length = 3
            default:
                spaced.append(byte)
                index += 1
                continue
            }
            spaced.append(UInt8(ascii: " "))
            index += length
        }
        return spaced
    }

    /// The byte range of `utf8` without leading and trailing Unicode white space scalars.
    private static func trimmedRange(_ utf8: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0
        while start < utf8.count {
            let (scalar, length) = decodeScalar(utf8, at: start)
            guard isWhitespace(scalar) else { break }
            start += length
        }
        var end = utf8.count
        while end > start {
            var last = end - 1
            while utf8[last] & 0xC0 == 0x80 { last -= 1 }
            guard isWhitespace(decodeScalar(utf8, at: last).scalar) else { break }
            end = last
        }
        return start..<end
    }

    /// True for the scalars `Unicode.Scalar.Properties.isWhitespace` accepts.
    private static func isWhitespace(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return scalar == 0x20 || (scalar >= 0x09 && scalar <= 0x0D) }
        return Unicode.Scalar(scalar)?.properties.isWhitespace ?? false
    }

    /// The scalar value and byte length of the valid UTF-8 sequence starting at `index`.
    private static func decodeScalar(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: UInt32, length: Int) {
        let lead = UInt32(utf8[index])
        if lead < 0x80 { return (lead, 1) }
        let second = UInt32(utf8[index + 1]) & 0x3F
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | second, 2) }
        let third = UInt32(utf8[index + 2]) & 0x3F
        if lead < 0xF0 { return ((lead & 0x0F) << 12 | second << 6 | third, 3) }
        let fourth = UInt32(utf8[index + 3]) & 0x3F
        return ((lead & 0x07) << 18 | second << 12 | third << 6 | fourth, 4)
    }

    // MARK: - Character path

    /// Punctuation that can open or close inline syntax anywhere in a line: escapes, code, emphasis, links, HTML, strikethrough, table cells.
    private static let inlineSyntax: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", "~", "|"]

    /// Punctuation that starts a block (heading, quote, list, rule, setext underline) when it opens a line.
    private static let lineStartSyntax: Set<Character> = ["#", ">", "+", "-", "="]

    /// Escapes `text` Character by Character: the slow path for graphemes that join ASCII syntax, and the byte path's test oracle.
    static func referenceEscape(_ text: String, escapingEveryHash: Bool) -> String {
        let characters = Array(trimmingWhitespace(text).map { $0.isNewline ? " " : $0 })
        let listDelimiter = orderedListDelimiterOffset(characters)
        var pieces = characters.indices.map { offset in
            piece(characters, at: offset, escapingHash: escapingEveryHash || offset == 0, listDelimiter: listDelimiter)
        }
        preventAutolinks(in: characters, pieces: &pieces)
        return pieces.joined()
    }

    /// The Markdown for the character at `offset`: itself, backslash-escaped, or a character reference.
    private static func piece(_ characters: [Character], at offset: Int, escapingHash: Bool, listDelimiter: Int?) -> String {
        let character = characters[offset]
        switch character {
        case "\t":
            return "&#9;"
        case "\u{00A0}":
            return "&#160;"
        case "&":
            return startsEntity(characters, after: offset) ? "\\&" : "&"
        case "#":
            return escapingHash ? "\\#" : "#"
        default:
            let escaped = inlineSyntax.contains(character)
                || (offset == 0 && lineStartSyntax.contains(character))
                || offset == listDelimiter
            return escaped ? "\\" + String(character) : String(character)
        }
    }

    /// GFM autolinks `www.` and `http://`, `https://`, `ftp://` URLs from the raw Markdown, escapes included,
    /// so a space-delimited word that holds one and needed escaping gets `\:` and `www\.` instead, which stops the autolink.
    private static func preventAutolinks(in characters: [Character], pieces: inout [String]) {
        var start = 0
        while start < characters.count {
            guard characters[start] != " " else { start += 1; continue }
            var end = start
            while end < characters.count, characters[end] != " " { end += 1 }
            let word = String(characters[start..<end])
            let changed = (start..<end).contains { pieces[$0] != String(characters[$0]) }
            if changed, word.contains("://") || word.contains("www.") {
                for offset in start..<end {
                    if characters[offset] == ":" {
                        pieces[offset] = "\\:"
                    } else if characters[offset] == ".", offset >= start + 3, characters[(offset - 3)..<offset].elementsEqual("www") {
                        pieces[offset] = "\\."
                    }
                }
            }
            start = end
        }
    }

    /// The offset of the `.` or `)` of an ordered-list marker (`2012.` or `3)`) opening the line, if there is one.
    private static func orderedListDelimiterOffset(_ characters: [Character]) -> Int? {
        guard let delimiter = characters.firstIndex(where: { !$0.isASCIIDigit }), delimiter > 0,
              characters[delimiter] == "." || characters[delimiter] == ")" else { return nil }
        let next = delimiter + 1
        return next == characters.count || characters[next] == " " || characters[next] == "\t" ? delimiter : nil
    }

    /// True when the `&` at `offset` would start a character reference: `&#` or `&name;`.
    private static func startsEntity(_ characters: [Character], after offset: Int) -> Bool {
        var index = offset + 1
        guard index < characters.count else { return false }
        if characters[index] == "#" { return true }
        while index < characters.count, characters[index].isASCIILetterOrDigit { index += 1 }
        return index > offset + 1 && index < characters.count && characters[index] == ";"
    }

    /// `text` without the leading and trailing white space Markdown cannot carry (the same Unicode white space cmark's reader trims).
    private static func trimmingWhitespace(_ text: String) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return Substring(scalars[first...last])
    }
}

/// A set of ASCII bytes as a 128-bit mask.
private struct ASCIISet {
    let low: UInt64
    let high: UInt64

    init(_ members: String) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for byte in members.utf8 {
            precondition(byte < 0x80, "ASCIISet holds ASCII only")
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
        self.low = low
        self.high = high
    }

    /// True when `byte` is one of the members; never for non-ASCII bytes.
    @inline(__always) func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? (low >> UInt64(byte)) & 1 != 0 : byte < 0x80 ? (high >> UInt64(byte &- 64)) & 1 != 0 : false
    }
}

extension UInt8 {
    /// True for the ASCII bytes of letters and digits.
    fileprivate var isASCIILetterOrDigit: Bool {
        (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9")) || ((self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z"))
    }
}

extension Character {
    /// True for the ASCII digits 0–9.
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    /// True for ASCII letters and digits.
    fileprivate var isASCIILetterOrDigit: Bool { isASCII && (isLetter || isNumber) }
}
