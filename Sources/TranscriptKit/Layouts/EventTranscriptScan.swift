/// The structural pass over a StreetEvents "Event Transcript" file: header, participant lists, sections and the
/// line ranges of each turn. Paragraphs are assembled afterwards, once the prose width of the whole file is known.
struct EventTranscriptScan {
    /// A turn as the rules delimit it.
    struct RawTurn {
        var speaker: SpeakerLine
        /// The number in `[n]`, if the speaker line has one.
        var number: Int?
        /// The 0-based index of the speaker line.
        var line: Int
        /// The 0-based indices of the turn's body lines.
        var body: Range<Int>
    }

    /// A section as its heading names it.
    struct RawSection {
        var kind: SectionKind
        var title: String?
        var headingLine: Int
        var turns: [RawTurn] = []
    }

    /// What the lines between `=====` rules hold.
    private enum Mode {
        case header
        case participants(ParticipantGroup)
        case turns
        case skipped
    }

    let text: SourceText
    private(set) var warnings: [Diagnostic] = []
    /// The line saying "Event Transcript", if any (0-based).
    private(set) var headerMarkerLine: Int?
    /// The event title and its 0-based line.
    private(set) var title: (text: String, line: Int)?
    /// The 0-based line expected to hold the date, if there is one after the title.
    private(set) var dateLine: Int?
    private(set) var participants: [Participant] = []
    private(set) var sections: [RawSection] = []
    /// Whether the last turn runs to the end of the file rather than to a closing rule.
    private(set) var lastTurnRunsToEnd = false
    /// The last prose line of the last turn (0-based).
    private(set) var lastTextLine: Int?

    private var mode = Mode.header
    private var openTurn: RawTurn?
    private var lastNumber = 0
    private var pendingParticipant: (name: String, line: Int, group: ParticipantGroup, details: [String])?
    private var firstRuleLine: Int?

    init(text: SourceText) {
        self.text = text
    }

    // MARK: Line shapes

    /// Whether `line` is a rule: five or more `=` (or `-`) and nothing else but spaces. `character` nil means either.
    static func isRule(_ line: String, _ character: UInt8? = nil) -> Bool {
        var count = 0
        var ruleByte: UInt8 = 0
        for byte in line.utf8 {
            if byte == 0x20 { if count == 0 { continue } else { return false } }
            if count == 0 {
                guard byte == UInt8(ascii: "=") || byte == UInt8(ascii: "-") else { return false }
                if let character, byte != character { return false }
                ruleByte = byte
            } else if byte != ruleByte {
                return false
            }
            count += 1
        }
        return count >= 5
    }

    static func isRule(_ line: String, _ character: Character) -> Bool {
        isRule(line, character.asciiValue)
    }

    private func isEquals(_ index: Int) -> Bool { Self.isRule(text.lines[index], UInt8(ascii: "=")) }
    private func isDash(_ index: Int) -> Bool { Self.isRule(text.lines[index], UInt8(ascii: "-")) }

    /// Runs of spaces folded to one, ends trimmed.
    static func folded(_ text: some StringProtocol) -> String {
        text.withPlainUTF8(PlainText.folded) ?? text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// Reads `Name, Firm - Title    [n]`: the name ends at the first ", ", the firm at the last " - ".
    static func speakerLine(_ line: String) -> (speaker: SpeakerLine, number: Int?)? {
        let plain: (speaker: SpeakerLine, number: Int?)?? = line.withPlainUTF8(plainSpeakerLine)
        if let plain { return plain }
        var label = Substring(line.trimmed)
        var number: Int?
        if label.hasSuffix("]"), let open = label.lastIndex(of: "[") {
            let digits = label[label.index(after: open)..<label.index(before: label.endIndex)].trimmed
            if !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                number = Int(digits)
                label = label[..<open]
            }
        }
        let trimmedLabel = label.trimmingCharacters(in: " ")
        guard !trimmedLabel.isEmpty, trimmedLabel.count <= 300 else { return nil }
        if PersonName.isOperator(trimmedLabel.trimmingCharacters(in: " ,-")) { return (SpeakerLine(name: "Operator"), number) }
        let (name, firm, title) = splitLabel(trimmedLabel)
        guard !name.isEmpty else { return nil }
        return (SpeakerLine(name: name, firm: firm, title: title), number)
    }

    /// `speakerLine` for plain text (see `PlainText`), by bytes.
    private static func plainSpeakerLine(_ line: UnsafeBufferPointer<UInt8>) -> (speaker: SpeakerLine, number: Int?)? {
        func trim(_ bytes: UnsafeBufferPointer<UInt8>, _ set: (UInt8) -> Bool = { $0 == 0x20 }) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[PlainText.trimmedBounds(bytes, set)])
        }
        var label = trim(line)
        var number: Int?
        if label.last == UInt8(ascii: "]"), let open = label.lastIndex(of: UInt8(ascii: "[")) {
            let digits = trim(UnsafeBufferPointer(rebasing: label[(open + 1)..<(label.count - 1)]))
            if !digits.isEmpty, digits.count <= 9, digits.allSatisfy(PlainText.isDigit) {
                number = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
                label = UnsafeBufferPointer(rebasing: label[..<open])
            }
        }
        let trimmedLabel = trim(label)
        guard !trimmedLabel.isEmpty, !PlainText.hasMoreCharacters(trimmedLabel, than: 300) else { return nil }
        if PersonName.isOperatorPlain(trim(trimmedLabel) { $0 == 0x20 || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "-") }) {
            return (SpeakerLine(name: "Operator"), number)
        }
        let (name, firm, title) = splitPlainLabel(trimmedLabel)
        guard !name.isEmpty else { return nil }
        return (SpeakerLine(name: name, firm: firm, title: title), number)
    }

    /// `splitLabel` for plain text (see `PlainText`), by bytes.
    private static func splitPlainLabel(_ label: UnsafeBufferPointer<UInt8>) -> (name: String, firm: String?, title: String?) {
        // The first ", " that does not set off a name suffix ("George Notter, Jr.,  Jefferies & Company - Analyst").
        var nameComma: Int?
        var from = 0
        let commaSpace: [UInt8] = [UInt8(ascii: ","), 0x20]
        while let comma = commaSpace.withUnsafeBufferPointer({ PlainText.firstOffset(of: $0, in: label, from: from) }) {
            var end = comma + 2
            while end < label.count, label[end] != 0x20, label[end] != UInt8(ascii: ",") { end += 1 }
            // A suffix ends the label or is followed by its own comma; "Jane Roe,  CFA Institute - Analyst" has a firm.
            guard end == label.count || label[end] == UInt8(ascii: ","),
                  PersonName.isNameSuffix(String(decoding: label[(comma + 2)..<end], as: UTF8.self)) else {
                nameComma = comma
                break
            }
            from = end
        }
        let separator = nameComma.map { $0..<($0 + 2) }
            ?? (label.last == UInt8(ascii: ",") ? label.lastIndex(of: UInt8(ascii: ",")).map { $0..<($0 + 1) } : nil)
            ?? PlainText.firstSpacedDashRange(label)
        guard let separator else { return (PlainText.folded(label), nil, nil) }
        let name = PlainText.folded(UnsafeBufferPointer(rebasing: label[..<separator.lowerBound]))
        let rest = Array(PlainText.folded(UnsafeBufferPointer(rebasing: label[separator.upperBound...])).utf8)
        let (firm, title) = rest.withUnsafeBufferPointer(StreetEventsPDFBody.splitPlainFirmTitle)
        return (name, firm, title)
    }

    /// Splits `Name, Firm - Title` (or `Name - Firm - Title` when no comma is there).
    static func splitLabel(_ label: String) -> (name: String, firm: String?, title: String?) {
        if let plain = label.withPlainUTF8(splitPlainLabel) { return plain }
        // The first ", " that does not set off a name suffix ("George Notter, Jr.,  Jefferies & Company - Analyst").
        var nameComma: Range<String.Index>?
        var from = label.startIndex
        while let comma = label.range(of: ", ", range: from..<label.endIndex) {
            let word = label[comma.upperBound...].prefix { $0 != " " && $0 != "," }
            // A suffix ends the label or is followed by its own comma; "Jane Roe,  CFA Institute - Analyst" has a firm.
            guard word.endIndex == label.endIndex || label[word.endIndex] == ",", PersonName.isNameSuffix(word) else {
                nameComma = comma
                break
            }
            from = word.endIndex
        }
        let separator = nameComma ?? (label.hasSuffix(",") ? label.range(of: ",", options: .backwards) : nil)
            ?? label.firstSpacedDashRange
        guard let separator else { return (folded(label), nil, nil) }
        let name = folded(label[..<separator.lowerBound])
        let (firm, title) = StreetEventsPDFBody.splitFirmTitle(folded(label[separator.upperBound...]))
        return (name, firm, title)
    }

    // MARK: The pass

    mutating func run() {
        let lines = text.lines
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if isEquals(index) {
                if firstRuleLine == nil { firstRuleLine = index }
                index = openSection(at: index)
                continue
            }
            switch mode {
            case .header:
                if isDash(index), firstRuleLine == nil { firstRuleLine = index }
                index += 1
            case .skipped:
                index += 1
            case .participants(let group):
                if !line.isEmpty && !isDash(index) { participantLine(index, group: group) }
                index += 1
            case .turns:
                if isDash(index) {
                    index = speakerBlock(at: index)
                } else {
                    if !line.isEmpty && openTurn == nil { orphanText(at: index) }
                    index += 1
                }
            }
        }
        finishParticipant()
        closeTurn(at: lines.count, atEnd: true)
        readHeader(end: firstRuleLine ?? min(lines.count, 12))
    }

    /// Reads a `=====` / heading / rule block and switches mode; returns where the section's content starts.
    private mutating func openSection(at rule: Int) -> Int {
        let lines = text.lines
        closeTurn(at: rule, atEnd: false)
        finishParticipant()
        var headingIndex = rule + 1
        while headingIndex < lines.count, lines[headingIndex].isEmpty { headingIndex += 1 }
        guard headingIndex < lines.count else { return lines.count }
        if Self.isRule(lines[headingIndex]) {
            // Two rules in a row: the second one opens the block.
            return headingIndex
        }
        let name = Self.folded(lines[headingIndex])
        var content = headingIndex + 1
        var closing = content
        while closing < lines.count, lines[closing].isEmpty { closing += 1 }
        if closing < lines.count, isEquals(closing) {
            content = closing + 1
        } else if closing < lines.count, isDash(closing) {
            content = closing
        } else {
            warnings.append(Diagnostic(.warning, file: text.path, line: headingIndex + 1,
                "unclosed rule block: the heading '\(Self.excerpt(name))' is not followed by a '=====' or '-----' rule"))
        }
        let heading = Heading.classify(name)
        switch heading {
        case .corporateParticipants?:
            mode = .participants(.corporate)
        case .callParticipants?:
            mode = .participants(.analyst)
        case .presentation?:
            mode = .turns
            sections.append(RawSection(kind: .presentation, headingLine: headingIndex))
        case .questionsAndAnswers?:
            mode = .turns
            sections.append(RawSection(kind: .questionsAndAnswers, headingLine: headingIndex))
        case .definitions?, .disclaimer?:
            mode = .skipped
        case nil:
            warnings.append(Diagnostic(.warning, file: text.path, line: headingIndex + 1,
                "unknown section heading '\(Self.excerpt(name))'; expected Corporate Participants, Conference Call Participants, Presentation, Questions and Answers, Definitions or Disclaimer; its turns are kept as an 'other' section"))
            mode = .turns
            sections.append(RawSection(kind: .other, title: name, headingLine: headingIndex))
        }
        return content
    }

    // MARK: Participants

    private mutating func participantLine(_ index: Int, group: ParticipantGroup) {
        let trimmed = text.lines[index].trimmed
        if let first = trimmed.first, first == "*" || first == "•" {
            finishParticipant()
            pendingParticipant = (Self.folded(trimmed.dropFirst()), index, group, [])
        } else if pendingParticipant != nil {
            pendingParticipant?.details.append(trimmed)
        } else {
            warnings.append(Diagnostic(.warning, file: text.path, line: index + 1,
                "expected a participant entry ' * Name', found '\(Self.excerpt(trimmed))'; skipped"))
        }
    }

    private mutating func finishParticipant() {
        guard let entry = pendingParticipant else { return }
        pendingParticipant = nil
        let group = entry.group
        var name = entry.name
        var firm: String?, title: String?
        if entry.details.isEmpty {
            // A one-line entry: ` * Name, Firm - Title`.
            let (splitName, splitFirm, splitTitle) = Self.splitLabel(name)
            if splitFirm != nil || splitTitle != nil || name.hasSuffix(" -") || name.hasSuffix(",") {
                (name, firm, title) = (splitName, splitFirm, splitTitle)
            }
        } else {
            (firm, title) = StreetEventsPDFBody.splitFirmTitle(Self.folded(entry.details.joined(separator: " ")))
        }
        guard !name.isEmpty else {
            warnings.append(Diagnostic(.warning, file: text.path, line: entry.line + 1,
                "a participant entry with no name; expected ' * Name'; skipped"))
            return
        }
        participants.append(Participant(name: name, affiliation: firm, title: title, group: group))
    }

    // MARK: Turns

    /// Reads `-----` / speaker line / `-----` and opens the turn; returns where its body starts.
    private mutating func speakerBlock(at rule: Int) -> Int {
        let lines = text.lines
        var speakerIndex = rule + 1
        while speakerIndex < lines.count, lines[speakerIndex].isEmpty { speakerIndex += 1 }
        guard speakerIndex < lines.count, !Self.isRule(lines[speakerIndex]) else {
            if speakerIndex >= lines.count {
                if openTurn == nil {
                    warnings.append(Diagnostic(.warning, file: text.path, line: rule + 1,
                        "unclosed rule block: the file ends after a '-----' rule; expected a speaker line"))
                }
                return lines.count
            }
            return speakerIndex
        }
        if Self.opensClosingMatter(lines[speakerIndex]) {
            // The Definitions, Disclaimer and copyright blocks, framed by `-----` rules like a turn: dropped, as
            // under `=====` rules.
            closeTurn(at: rule, atEnd: false)
            mode = .skipped
            return speakerIndex + 1
        }
        var closing = speakerIndex + 1
        while closing < lines.count, lines[closing].isEmpty { closing += 1 }
        let closed = closing < lines.count && isDash(closing)
        let parsed = Self.speakerLine(lines[speakerIndex])
        guard let (speaker, number) = parsed, closed || parsed?.number != nil else {
            warnings.append(Diagnostic(.warning, file: text.path, line: rule + 1,
                "a '-----' rule not followed by a speaker line; expected 'Name, Firm - Title    [n]' on line \(speakerIndex + 1)"))
            if openTurn == nil { return speakerIndex }
            return rule + 1
        }
        closeTurn(at: rule, atEnd: false)
        if !closed {
            warnings.append(Diagnostic(.warning, file: text.path, line: speakerIndex + 1,
                "unclosed rule block: the speaker line is not followed by a '-----' rule"))
        }
        if let number {
            if number != lastNumber + 1 {
                warnings.append(Diagnostic(.warning, file: text.path, line: speakerIndex + 1,
                    "expected turn [\(lastNumber + 1)], found [\(number)]"))
            }
            lastNumber = number
        } else {
            warnings.append(Diagnostic(.warning, file: text.path, line: speakerIndex + 1,
                "the speaker line has no turn number; expected 'Name, Firm - Title    [\(lastNumber + 1)]'"))
            lastNumber += 1
        }
        let bodyStart = closed ? closing + 1 : speakerIndex + 1
        openTurn = RawTurn(speaker: speaker, number: number, line: speakerIndex, body: bodyStart..<bodyStart)
        return bodyStart
    }

    /// Whether a line between `-----` rules names the call's closing matter rather than a speaker: a Definitions or
    /// Disclaimer heading, or a copyright line. A line with a turn number `[n]` is always a speaker line.
    static func opensClosingMatter(_ line: String) -> Bool {
        guard !line.hasSuffix("]") else { return false }
        let heading = Heading.classify(folded(line))
        return heading == .definitions || heading == .disclaimer || StreetEventsPDFBody.isFurniture(line)
    }

    /// Text in a turn section before any speaker line: kept as an unidentified speaker's turn.
    private mutating func orphanText(at index: Int) {
        warnings.append(Diagnostic(.warning, file: text.path, line: index + 1,
            "text before any speaker line; expected a '-----' rule and 'Name, Firm - Title    [n]'; kept as an unidentified speaker's"))
        openTurn = RawTurn(speaker: SpeakerLine(name: "Unidentified Speaker"), number: nil, line: index, body: index..<index)
    }

    private mutating func closeTurn(at end: Int, atEnd: Bool) {
        guard var turn = openTurn, !sections.isEmpty else { openTurn = nil; return }
        openTurn = nil
        turn.body = turn.body.lowerBound..<max(turn.body.lowerBound, end)
        sections[sections.count - 1].turns.append(turn)
        lastTurnRunsToEnd = atEnd
        lastTextLine = turn.body.reversed().first { !text.lines[$0].isEmpty && !Self.isRule(text.lines[$0]) }
    }

    // MARK: Header

    private mutating func readHeader(end: Int) {
        let lines = text.lines
        var index = 0
        headerMarkerLine = (0..<end).first { lines[$0].utf8.count <= 200 && lines[$0].range(of: "event transcript", options: .caseInsensitive) != nil }
        if let marker = headerMarkerLine { index = marker + 1 }
        func nextLine(from start: Int) -> Int? {
            var position = start
            while position < end {
                if !lines[position].isEmpty && !Self.isVersionLine(lines[position]) { return position }
                position += 1
            }
            return nil
        }
        guard let candidate = nextLine(from: index) else { return }
        if Self.looksLikeDateLine(lines[candidate]) {
            dateLine = candidate
            return
        }
        title = (Self.folded(lines[candidate]), candidate)
        dateLine = nextLine(from: candidate + 1)
    }

    /// A line that starts with a month name and reads as a date: the date line, where a title was expected.
    /// (Titles may hold dates too, e.g. "... Conference - March 5, 2019", but do not start with the month.)
    static func looksLikeDateLine(_ line: String) -> Bool {
        let firstWord = line.trimmed.prefix { $0.isLetter }.lowercased()
        guard firstWord.count >= 3, monthNames.contains(where: { $0.hasPrefix(firstWord) }) else { return false }
        return EventDate.parse(line) != nil
    }

    private static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]

    /// "E D I T E D   V E R S I O N", "PRELIMINARY VERSION" and the like.
    static func isVersionLine(_ line: String) -> Bool {
        let letters = String(line.uppercased().filter { $0 != " " })
        guard letters.count <= 40, letters.allSatisfy({ $0.isLetter }) else { return false }
        return letters.hasSuffix("VERSION") || ["EDITED", "PRELIMINARY", "FINAL", "RAW", "CORRECTED"].contains(letters)
    }

    // MARK: Paragraphs

    /// The width the turns' prose was hard-wrapped at, for `startsParagraph`; the widest line when the prose does not
    /// read as hard-wrapped (paragraphs one line each).
    ///
    /// Not simply the widest line: one line longer than the rest (a URL, a disclaimer left unwrapped) would make every
    /// wrapped line that ends a sentence look short enough to end a paragraph. The width is told from the lines that
    /// end mid-sentence with the paragraph going on, on the next line: the wrapper filled them. When at least three
    /// lines (and a quarter of those another line follows) are such, the prose is hard-wrapped, and the width is the
    /// widest prose line at most a tenth wider than the tenth-widest of them (the second-widest in a short file), so
    /// one wide line alone cannot set it.
    func proseWidth() -> Int {
        var widths: [Int] = []
        var filled: [Int] = []
        var followed = 0
        for section in sections {
            for turn in section.turns {
                var previous: (width: Int, endsSentence: Bool)?
                for index in turn.body {
                    let line = text.lines[index]
                    if line.isEmpty || Self.isRule(line) {
                        previous = nil
                        continue
                    }
                    if let previous {
                        followed += 1
                        if !previous.endsSentence { filled.append(previous.width) }
                    }
                    let width = line.withPlainUTF8 { PlainText.characterCount(UnsafeBufferPointer(rebasing: $0[PlainText.trimmedBounds($0) { $0 == 0x20 }])) }
                        ?? line.trimmed.count
                    widths.append(width)
                    previous = (width, Self.endsSentence(line))
                }
            }
        }
        let widest = widths.max() ?? 0
        guard filled.count >= 3, filled.count * 4 >= followed else { return widest }
        let typical = filled.sorted(by: >)[max(2, filled.count / 10) - 1]
        let limit = typical + typical / 10
        return widths.filter { $0 <= limit }.max() ?? widest
    }

    /// Feeds a turn's body lines into `builder`: blank lines end paragraphs; consecutive lines are one hard-wrapped
    /// paragraph unless their indentation or their length shows each is a paragraph of its own.
    func feed(_ body: Range<Int>, into builder: inout TurnBuilder, width: Int) {
        var run: [String] = []
        for index in body {
            let line = text.lines[index]
            if line.isEmpty || Self.isRule(line) {
                flush(&run, into: &builder, width: width)
                continue
            }
            run.append(line)
        }
        flush(&run, into: &builder, width: width)
    }

    private func flush(_ run: inout [String], into builder: inout TurnBuilder, width: Int) {
        defer { run.removeAll(keepingCapacity: true); builder.closeParagraph() }
        guard !run.isEmpty else { return }
        let indented = run.map { $0.first == " " }
        let mixed = indented.contains(true) && indented.contains(false)
        // Three or more lines that each end a sentence are one-line paragraphs, whatever their length.
        let sentences = !mixed && run.count >= 3 && run.dropLast().allSatisfy { Self.endsSentence($0) }
        var previous: String?
        for (position, line) in run.enumerated() {
            let trimmed = line.trimmed
            if let previous, sentences || Self.startsParagraph(after: previous, next: trimmed, indented: indented[position], mixed: mixed, width: width) {
                builder.closeParagraph()
            }
            builder.addLine(trimmed)
            previous = trimmed
        }
    }

    /// Whether `next` starts a new paragraph although no blank line separates it from `previous`.
    static func startsParagraph(after previous: String, next: String, indented: Bool, mixed: Bool, width: Int) -> Bool {
        if mixed { return indented }
        guard endsSentence(previous) else { return false }
        let nextWord = next.prefix { $0 != " " }.count
        return previous.count + 1 + nextWord <= width
    }

    static func endsSentence(_ line: String) -> Bool {
        if let last = PlainText.lastASCIICharacter(line) { return ".?!:\")]".utf8.contains(last) }
        guard let last = line.last else { return false }
        return ".?!:\"”’)]".contains(last)
    }

    // MARK: Errors

    /// Where and why the file holds no turns.
    func noTurnsExplanation() -> (Int?, String) {
        if let section = sections.first {
            return (section.headingLine + 1,
                "the '\(section.title ?? (section.kind == .presentation ? "Presentation" : "Questions and Answers"))' section holds no speaker turns; expected a '-----' rule, a 'Name, Firm - Title    [1]' line and another '-----' rule")
        }
        let line = firstRuleLine ?? text.lines.firstIndex { !$0.isEmpty }
        return (line.map { $0 + 1 },
            "found no Presentation or Questions and Answers section; expected a '=====' rule, a 'Presentation' heading and speaker turns between '-----' rules")
    }

    static func excerpt(_ line: String) -> String {
        line.count > 60 ? String(line.prefix(57)) + "..." : line
    }
}
