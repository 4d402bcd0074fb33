/// Accumulates lines into paragraphs and paragraphs into turns, re-joining hard wraps and page breaks.
struct TurnBuilder {
    private var speaker: String?
    private var paragraphs: [String] = []
    private var lines: [String] = []
    private var pageBreakPending = false
    /// The last paragraph of the last finished turn.
    private var finishedParagraph: String?

    /// The last paragraph closed, kept to tell whether the file ends mid-sentence.
    /// (Computed, not stored: a stored copy would share the open paragraph's buffer and make every re-join copy it.)
    var lastParagraph: String? { paragraphs.last ?? finishedParagraph }

    /// Whether a turn is open.
    var hasTurn: Bool { speaker != nil }

    /// The last line added to the open paragraph, nil when no paragraph is open.
    var openLine: String? { lines.last }

    /// Opens a new turn; the caller closes the previous one first.
    mutating func startTurn(speaker: String) {
        self.speaker = speaker
        paragraphs = []
        lines = []
        pageBreakPending = false
    }

    /// Adds a line of prose to the open paragraph.
    mutating func addLine(_ line: String) {
        guard !line.isEmpty else { return }
        lines.append(line)
    }

    /// Notes a page break here (dropped page furniture, or a wider gap than between paragraphs): the open paragraph
    /// ends, and the next one is re-joined to it if it continues a sentence the page cut (see `continuesAcrossPageBreak`).
    mutating func sawPageBreak() {
        closeParagraph()
        pageBreakPending = true
    }

    /// Ends the open paragraph; right after a page break, a paragraph that continues the previous one's sentence is
    /// re-joined to it. Without a page break paragraphs stay apart, however the first one ends.
    mutating func closeParagraph() {
        guard !lines.isEmpty else { return }
        let paragraph = Self.joinWrapped(lines)
        lines.removeAll(keepingCapacity: true)
        let rejoins = pageBreakPending && (paragraphs.last.map { Self.continuesAcrossPageBreak($0, with: paragraph) } ?? false)
        if rejoins {
            // Appended in place: building a new string here copied the whole paragraph on every re-join,
            // quadratic when many breaks fall inside one paragraph.
            Self.appendWrapped(paragraph, to: &paragraphs[paragraphs.count - 1])
        } else {
            paragraphs.append(paragraph)
        }
        pageBreakPending = false
    }

    /// Closes and returns the open turn, or nil if none was open or it held no text.
    mutating func finishTurn() -> Turn? {
        closeParagraph()
        if let last = paragraphs.last { finishedParagraph = last }
        defer { speaker = nil; paragraphs = [] }
        guard let speaker else { return nil }
        return Turn(speaker: speaker, paragraphs: paragraphs)
    }

    /// Joins hard-wrapped lines with spaces; a word hyphenated at the wrap keeps its hyphen and loses the space.
    static func joinWrapped(_ lines: [String]) -> String {
        guard lines.count > 1 else { return lines.first ?? "" }
        var result = ""
        result.reserveCapacity(lines.reduce(lines.count) { $0 + $1.utf8.count })
        result.append(lines[0])
        for line in lines.dropFirst() { appendWrapped(line, to: &result) }
        return result
    }

    /// Appends `line` to `text` as the next wrapped line: after a space, or right after a word hyphenated at the wrap
    /// ("well-" / "positioned", "non-" / "GAAP", "2012-" / "2013": a letter or digit on both sides of the hyphen).
    static func appendWrapped(_ line: String, to text: inout String) {
        let beforeHyphen = text.hasSuffix("-") ? text.dropLast().last : nil
        let hyphenated = (beforeHyphen.map { $0.isLetter || $0.isNumber } ?? false) && (line.first.map { $0.isLetter || $0.isNumber } ?? false)
        if !hyphenated { text.append(" ") }
        text.append(line)
    }

    /// Whether `next` continues `previous` across a page break: `previous` does not end a sentence (no closing
    /// punctuation) and `next` starts with a letter of either case, a digit or "$" ("... concern to" / "Tier 3 customers",
    /// "... was" / "$81.3 million").
    static func continuesAcrossPageBreak(_ previous: String, with next: String) -> Bool {
        if let last = PlainText.lastASCIICharacter(previous), let first = PlainText.firstASCIICharacter(next) {
            return !".?!:\")]".utf8.contains(last) && (first | 0x20 &- 0x61 < 26 || PlainText.isDigit(first) || first == UInt8(ascii: "$"))
        }
        guard let last = previous.last, let first = next.first else { return false }
        return !".?!:\"”’)]".contains(last) && (first.isLetter || first.isNumber || first == "$")
    }

    /// Whether `next` reads as the rest of `previous`'s sentence even without a page break between them: `previous`
    /// lacks closing punctuation and `next` starts in lower case. (Used to tell a bare page number inside a paragraph.)
    static func continues(_ previous: String, with next: String) -> Bool {
        // Told from the bytes when both ends are ASCII Characters.
        if let last = PlainText.lastASCIICharacter(previous), let first = PlainText.firstASCIICharacter(next) {
            return !".?!:\")]".utf8.contains(last) && first &- 0x61 < 26
        }
        guard let last = previous.last, let first = next.first else { return false }
        return !".?!:\"”’)]".contains(last) && first.isLowercase
    }
}
