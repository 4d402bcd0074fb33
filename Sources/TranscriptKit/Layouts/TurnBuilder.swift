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

    /// Notes that page furniture was dropped here, so a paragraph split by the page can be re-joined.
    mutating func sawPageBreak() {
        pageBreakPending = true
    }

    /// Ends the open paragraph; a paragraph that a page break cut (no closing punctuation, next starts lower-case) is re-joined.
    mutating func closeParagraph() {
        guard !lines.isEmpty else { return }
        let paragraph = Self.joinWrapped(lines)
        lines.removeAll(keepingCapacity: true)
        let rejoins = paragraphs.last.map { Self.continues($0, with: paragraph) } ?? false
        if rejoins {
            // Appended in place: building a new string here copied the whole paragraph on every re-join,
            // quadratic when many breaks fall inside one paragraph.
            paragraphs[paragraphs.count - 1].append(" ")
            paragraphs[paragraphs.count - 1].append(paragraph)
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
        for line in lines.dropFirst() {
            let hyphenated = result.hasSuffix("-") && !result.hasSuffix(" -") && !result.hasSuffix("--")
                && (line.first?.isLowercase ?? false)
            if !hyphenated { result.append(" ") }
            result.append(line)
        }
        return result
    }

    /// Whether `next` continues `previous` across a break: `previous` lacks closing punctuation and `next` starts in lower case.
    static func continues(_ previous: String, with next: String) -> Bool {
        // Told from the bytes when both ends are ASCII Characters.
        if let last = PlainText.lastASCIICharacter(previous), let first = PlainText.firstASCIICharacter(next) {
            return !".?!:\")]".utf8.contains(last) && first &- 0x61 < 26
        }
        guard let last = previous.last, let first = next.first else { return false }
        return !".?!:\"”’)]".contains(last) && first.isLowercase
    }
}
