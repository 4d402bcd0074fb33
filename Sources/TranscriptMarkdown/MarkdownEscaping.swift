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

    /// Punctuation that can open or close inline syntax anywhere in a line: escapes, code, emphasis, links, HTML, strikethrough, table cells.
    private static let inlineSyntax: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", "~", "|"]

    /// Punctuation that starts a block (heading, quote, list, rule, setext underline) when it opens a line.
    private static let lineStartSyntax: Set<Character> = ["#", ">", "+", "-", "="]

    /// Escapes `text` as one line of Markdown.
    private static func escapeLine(_ text: String, escapingEveryHash: Bool) -> String {
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

extension Character {
    /// True for the ASCII digits 0–9.
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    /// True for ASCII letters and digits.
    fileprivate var isASCIILetterOrDigit: Bool { isASCII && (isLetter || isNumber) }
}
