import Foundation

/// Reads what the StreetEvents PDF-text layouts share after their header: participant lists, sections and turns.
///
/// It accepts both shapes exporters produce: participant lists flattened onto one line or written as a name line
/// and a `Firm - Title` line; speaker lines as `Name - Firm - Title` or as a name line and a `Firm - Title` line;
/// prose one paragraph a line or hard-wrapped. Page furniture is dropped wherever it falls.
struct StreetEventsPDFBody {
    /// One line's role.
    enum LineKind: Equatable {
        case blank
        case furniture
        case heading(Heading)
        case text
    }

    let text: SourceText
    let start: Int
    let company: String?
    /// Extra lines to drop as furniture, e.g. the header repeated on every page.
    let repeatedHeader: Set<String>
    /// The call's running page header ("<date / time>, <title>"), dropped as furniture wherever it stands.
    let runningHeader: RunningHeader?
    /// The UTF-8 bytes of `repeatedHeader` when all of it is plain text, so plain lines are compared by bytes.
    private let plainRepeatedHeader: [[UInt8]]?
    private(set) var warnings: [Diagnostic] = []
    private var kinds: [LineKind] = []
    /// Firms known to be whole: the call's company and the firms of speaker lines whose firm holds no spaced dash.
    private var knownFirms: [String] = []
    /// How many blank lines usually stand between two lines of text in the body (see `usualGap`); a wider gap is a
    /// page break whose furniture is gone.
    private var paragraphGap: Int?
    /// Whether the body's prose is one paragraph a line with no blank line between paragraphs (see
    /// `isOneParagraphALine`): a line that ends a sentence then ends its paragraph.
    private var oneParagraphALine = false

    init(text: SourceText, start: Int, company: String?, repeatedHeader: Set<String> = [], runningHeader: RunningHeader? = nil) {
        self.text = text
        self.start = start
        self.company = company
        self.repeatedHeader = repeatedHeader
        self.runningHeader = runningHeader
        let plain = repeatedHeader.compactMap { line in line.withPlainUTF8 { Array($0) } }
        plainRepeatedHeader = plain.count == repeatedHeader.count ? plain : nil
    }

    /// The participants and sections, or an error when the body holds no turns at all.
    mutating func read() throws(TranscriptReadError) -> (participants: [Participant], sections: [Section]) {
        kinds = text.lines.map(classify)
        keepNumbersAwayFromFurniture()
        recogniseStandingHeadings()
        let (corporateRange, callRange, bodyRange) = regions()
        paragraphGap = usualGap(in: bodyRange)
        oneParagraphALine = isOneParagraphALine(bodyRange)
        if let second = secondCall(in: bodyRange) {
            throw TranscriptReadError(Diagnostic(.error, file: text.path, line: second + 1,
                "a second call starts here (a CORPORATE PARTICIPANTS heading after the first call's turns); expected one call per file: split the file before this call's header"), warnings: warnings)
        }
        let listText = [corporateRange, callRange].compactMap { $0 }.flatMap { $0 }.filter { kinds[$0] == .text }
            .map { text.lines[$0].trimmed }.joined(separator: " ").withHyphenSpacedDashes
        var triples = speakerLines(in: bodyRange, listText: listText)
        knownFirms = (company.map { [$0] } ?? []) + triples.compactMap(\.firm).filter { !$0.hasSpacedDash }
        triples = triples.map(resplit)
        var roster = Roster(company: company)
        for (range, group) in [(corporateRange, ParticipantGroup.corporate), (callRange, .analyst)] {
            guard let range else { continue }
            for participant in participantList(in: range, group: group, triples: triples) {
                roster.add(participant)
            }
        }
        let sections = try turns(in: bodyRange, roster: &roster)
        warnings += roster.warnings
        return (roster.participants, sections)
    }

    // MARK: Lines

    private func classify(_ line: String) -> LineKind {
        if line.isEmpty { return .blank }
        if let kind = line.withPlainUTF8({ classifyPlain($0, line) }) { return kind }
        if Self.isFurniture(line) || repeatedHeader.contains(line) || runningHeader?.matches(line) == true { return .furniture }
        if let heading = Heading.classify(line, uppercaseOnly: true) { return .heading(heading) }
        return .text
    }

    /// Turns back into text the bare numbers (page-number shaped, see `isPageNumberShape`) that stand where no page
    /// breaks. A page number borders the footer, the copyright line or the repeated header (blank lines between), or
    /// cuts a paragraph that runs on after it (see `TurnBuilder.continues`); an answer such as "2014" stands between
    /// speaker lines, or between whole sentences.
    private mutating func keepNumbersAwayFromFurniture() {
        var numbers: [Int] = []
        for index in kinds.indices where kinds[index] == .furniture && Self.isPageNumberShape(text.lines[index]) {
            numbers.append(index)
        }
        guard !numbers.isEmpty else { return }
        let isNumber = Set(numbers)
        func bordersFurniture(_ index: Int, step: Int) -> Bool {
            var next = index + step
            while next >= 0, next < kinds.count, kinds[next] == .blank { next += step }
            return next >= 0 && next < kinds.count && kinds[next] == .furniture && !isNumber.contains(next)
        }
        func neighbour(_ index: Int, step: Int) -> Int? {
            var next = index + step
            while next >= 0, next < kinds.count, kinds[next] == .blank || isNumber.contains(next) { next += step }
            return next >= 0 && next < kinds.count ? next : nil
        }
        func cutsAParagraph(_ index: Int) -> Bool {
            guard let before = neighbour(index, step: -1), let after = neighbour(index, step: 1),
                  kinds[before] == .text, kinds[after] == .text else { return false }
            return TurnBuilder.continues(text.lines[before].trimmed, with: text.lines[after].trimmed)
        }
        let prose = numbers.filter { !bordersFurniture($0, step: -1) && !bordersFurniture($0, step: 1) && !cutsAParagraph($0) }
        for index in prose { kinds[index] = .text }
    }

    /// Whether a line, spaces trimmed, is one to four digits: what a page number looks like, and a short answer too.
    static func isPageNumberShape(_ line: String) -> Bool {
        let trimmed = line.trimmed
        if let plain = trimmed.withPlainUTF8({ bytes in bytes.count <= 4 && !bytes.isEmpty && bytes.allSatisfy(PlainText.isDigit) }) {
            return plain
        }
        return (1...4).contains(trimmed.count) && trimmed.allSatisfy(\.isNumber)
    }

    /// Marks as headings the lines in other than capitals that name one and stand alone, between blank lines (or
    /// furniture, headings, the file's ends), as headings are laid out; a short paragraph of prose never stands so.
    private mutating func recogniseStandingHeadings() {
        for index in kinds.indices where kinds[index] == .text {
            let before = index == 0 ? .blank : kinds[index - 1]
            let after = index + 1 == kinds.count ? .blank : kinds[index + 1]
            guard before != .text, after != .text, let heading = Heading.classify(text.lines[index]) else { continue }
            kinds[index] = .heading(heading)
        }
    }

    /// `classify` for a plain, non-empty line (see `PlainText`), by bytes; a plain header is compared by bytes too.
    private func classifyPlain(_ bytes: UnsafeBufferPointer<UInt8>, _ line: String) -> LineKind {
        if bytes.count <= 400 && Self.isPlainFurniture(bytes) { return .furniture }
        if let plainRepeatedHeader {
            if plainRepeatedHeader.contains(where: { $0.elementsEqual(bytes) }) { return .furniture }
        } else if repeatedHeader.contains(line) {
            return .furniture
        }
        if let runningHeader, runningHeader.matches(plain: bytes, line) { return .furniture }
        if bytes.count <= 120, let heading = Heading.classifyPlain(bytes, uppercaseOnly: true) { return .heading(heading) }
        return .text
    }

    /// Footers, bare page numbers and copyright lines that the PDF repeats on its pages.
    static func isFurniture(_ line: String) -> Bool {
        guard line.utf8.count <= 400 else { return false }
        return line.withPlainUTF8(isPlainFurniture) ?? isFurnitureByCharacters(line)
    }

    /// `isFurniture` for plain text (see `PlainText`), by bytes.
    private static func isPlainFurniture(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let bounds = PlainText.trimmedBounds(line) { $0 == 0x20 }
        guard !bounds.isEmpty else { return false }
        let trimmed = UnsafeBufferPointer(rebasing: line[bounds])
        if trimmed.count <= 4, trimmed.allSatisfy(PlainText.isDigit) { return true }
        if PlainText.contains(trimmed, caseInsensitive: "STREETEVENTS"),
           PlainText.contains(trimmed, byte: UInt8(ascii: "|")) || PlainText.contains(trimmed, caseInsensitive: "WWW.STREETEVENTS.COM") {
            return true
        }
        if trimmed.starts(with: [0xC2, 0xA9]) || PlainText.hasPrefix(trimmed, caseInsensitive: "(C)")
            || PlainText.hasPrefix(trimmed, caseInsensitive: "COPYRIGHT") {
            return PlainText.contains(trimmed, caseInsensitive: "THOMSON REUTERS") || PlainText.contains(trimmed, caseInsensitive: "REFINITIV")
                || PlainText.contains(trimmed, caseInsensitive: "ALL RIGHTS RESERVED")
        }
        if PlainText.hasPrefix(trimmed, caseInsensitive: "PAGE ") {
            return UnsafeBufferPointer(rebasing: trimmed[5...]).split(separator: 0x20).allSatisfy { word in
                word.allSatisfy(PlainText.isDigit) || PlainText.equals(UnsafeBufferPointer(rebasing: word), caseInsensitive: "OF")
            }
        }
        return false
    }

    /// `isFurniture` by Characters, for text that is not plain.
    private static func isFurnitureByCharacters(_ line: String) -> Bool {
        let trimmed = line.trimmed
        if trimmed.isEmpty { return false }
        if trimmed.count <= 4, trimmed.allSatisfy(\.isNumber) { return true }
        let upper = trimmed.uppercased()
        if upper.contains("STREETEVENTS") && (upper.contains("|") || upper.contains("WWW.STREETEVENTS.COM")) { return true }
        if upper.hasPrefix("©") || upper.hasPrefix("(C)") || upper.hasPrefix("COPYRIGHT") {
            return upper.contains("THOMSON REUTERS") || upper.contains("REFINITIV") || upper.contains("ALL RIGHTS RESERVED")
        }
        if upper.hasPrefix("PAGE "), upper.dropFirst(5).split(separator: " ").allSatisfy({ $0.allSatisfy(\.isNumber) || $0 == "OF" }) {
            return true
        }
        return false
    }

    /// The index ranges of the corporate list, the call-participant list and the body.
    ///
    /// A list runs to the next heading, or to the first turn or line of prose when the turns follow it with no
    /// PRESENTATION heading: the body then starts there.
    private func regions() -> (Range<Int>?, Range<Int>?, Range<Int>) {
        var corporate: Range<Int>?, call: Range<Int>?
        var bodyStart: Int?
        var index = start
        while index < kinds.count {
            if case .heading(let heading) = kinds[index] {
                let end = nextHeading(after: index)
                switch heading {
                case .corporateParticipants where corporate == nil, .callParticipants where call == nil:
                    let listEnd = participantListEnd(from: index + 1, to: end)
                    if heading == .corporateParticipants { corporate = (index + 1)..<listEnd } else { call = (index + 1)..<listEnd }
                    if listEnd < end { bodyStart = listEnd }
                case .presentation, .questionsAndAnswers:
                    bodyStart = index
                default: break
                }
                if bodyStart != nil { break }
                index = end
            } else {
                index += 1
            }
        }
        let body = bodyStart ?? max(corporate?.upperBound ?? start, call?.upperBound ?? start)
        return (corporate, call, body..<kinds.count)
    }

    /// The line of a CORPORATE PARTICIPANTS heading inside `body`, after the first call's text: a second call (an exporter's
    /// batch, or two files joined), whose turns would otherwise be read as the first call's; nil for one call.
    private func secondCall(in body: Range<Int>) -> Int? {
        var sawText = false
        for index in body {
            if kinds[index] == .text { sawText = true } else if sawText, kinds[index] == .heading(.corporateParticipants) { return index }
        }
        return nil
    }

    /// Where a participant list starting at `start` ends: at `end` (the next heading), or before at the operator's
    /// line, at a speaker line followed by prose, or at a block of prose (a line no participant entry can be).
    private func participantListEnd(from start: Int, to end: Int) -> Int {
        let roster = Roster(company: company)
        var blockStart = start
        // The starts of the previous block and of the current one, when they read as a speaker line opening a turn.
        var openingBefore: Int?, opening: Int?
        for index in start..<end where kinds[index] == .text {
            let line = text.lines[index]
            // The operator's line opens the first turn, a blank line before it or not.
            if PersonName.isOperator(line) { return index }
            if startsBlock(index) {
                openingBefore = opening
                blockStart = index
                opening = speakerOpening(at: index, end: end, roster: roster) != nil ? index : nil
            }
            if Self.cannotBeParticipantEntry(line) { return openingBefore ?? blockStart }
        }
        return end
    }

    /// Company and name suffixes that end a participant entry with a period ("Acme Inc.", "John Smith Jr.").
    private static let entryAbbreviations: Set<String> = [
        "inc", "co", "corp", "cos", "ltd", "llc", "plc", "lp", "llp", "ag", "sa", "nv", "bv", "se", "spa", "ab", "asa",
        "bros", "intl", "assn", "mgmt", "dept", "jr", "sr",
    ]

    /// Whether a line is prose that no participant entry can be: it ends a sentence (".", "?" or "!", not after an
    /// abbreviation such as "Inc.", an initial, or a title's "Treas." after a spaced dash), or it runs past fourteen
    /// words with no spaced dash between name and title.
    static func cannotBeParticipantEntry(_ line: String) -> Bool {
        let trimmed = line.trimmed.trimmingCharacters(in: "\"'”’)] ")
        guard let last = trimmed.last else { return false }
        if last == "?" || last == "!" { return true }
        if last == "." {
            let body = trimmed.dropLast()
            let word = body[(body.lastIndex(of: " ").map(body.index(after:)) ?? body.startIndex)...].trimmingCharacters(in: "(\"'“‘")
            let abbreviation = word.contains(".") || (word.count == 1 && word.first!.isUppercase)
                || entryAbbreviations.contains(word.lowercased())
                || trimmed.hasSpacedDash && isTitleShaped(trimmed.spacedDashParts.last?.trimmed ?? "")
            if !abbreviation { return true }
        }
        return !trimmed.hasSpacedDash && trimmed.split(separator: " ", maxSplits: 15).count > 14
    }

    private func nextHeading(after index: Int) -> Int {
        var next = index + 1
        while next < kinds.count {
            if case .heading = kinds[next] { return next }
            next += 1
        }
        return kinds.count
    }

    /// Whether the line before `index`, furniture skipped, is a boundary (blank, heading or start).
    private func startsBlock(_ index: Int) -> Bool {
        index == start || index == 0 || kinds[index - 1] != .text
    }

    // MARK: Speaker lines

    /// Splits `Name - Firm - Title` (the firm may itself hold spaced dashes); nil if the shape does not fit.
    ///
    /// A colon may close the line ("Name - Firm - Title:", as copied from web pages). A line ending in other
    /// sentence punctuation is prose, except a period closing an abbreviation of a title or firm ("EVP, CFO & Treas.",
    /// "Sr. V.P.", "Acme Corp."): the last part must then read as a title (see `isTitleShaped`).
    static func splitSpeakerLine(_ line: String) -> SpeakerLine? {
        guard line.utf8.count <= 440 else { return nil }
        if let plain = line.withPlainUTF8(splitPlainSpeakerLine) { return plain }
        let line = line.hasSuffix(":") ? String(line.dropLast()).trimmed : line
        guard let firstDash = line.firstSpacedDash else { return nil }
        // The name is the first part: checked before the line is split, as most lines fail here.
        let name = line[..<firstDash].trimmed
        guard !name.isEmpty, PersonName.isPlausible(name) || PersonName.isUnidentified(name) || PersonName.givenNameFirst(name) != nil else {
            return nil
        }
        let parts = line.spacedDashParts.map(\.trimmed)
        let title = parts.count >= 2 ? parts[parts.count - 1] : ""
        if let last = line.last, "?!,;:\"".contains(last) || last == "." && !closesAbbreviation(line, lastPart: title) {
            return nil
        }
        // A firm holding spaced dashes keeps them as written.
        let separators = line.spacedDashSeparators
        let firm = parts.count >= 3 ? (2..<(parts.count - 1)).reduce(parts[1]) { $0 + separators[$1 - 1] + parts[$1] } : ""
        for part in [title, firm] where part.split(separator: " ").count > 14 { return nil }
        return SpeakerLine(name: name, firm: firm.isEmpty ? nil : firm, title: title.isEmpty ? nil : title)
    }

    /// `splitSpeakerLine` for plain text (see `PlainText`), by bytes.
    private static func splitPlainSpeakerLine(_ whole: UnsafeBufferPointer<UInt8>) -> SpeakerLine? {
        var end = whole.count
        if end > 0, whole[end - 1] == UInt8(ascii: ":") {
            end -= 1
            while end > 0, whole[end - 1] == 0x20 { end -= 1 }
        }
        let line = UnsafeBufferPointer(rebasing: whole[..<end])
        let parts = PlainText.spacedDashPartRanges(line)
        guard parts.count >= 2 else { return nil }
        func trimmed(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
            let part = UnsafeBufferPointer(rebasing: line[range])
            return UnsafeBufferPointer(rebasing: part[PlainText.trimmedBounds(part) { $0 == 0x20 }])
        }
        let name = trimmed(parts[0])
        guard !name.isEmpty, PersonName.isPlausiblePlain(name) || PersonName.isUnidentifiedPlain(name)
                || (name.count <= 80 && name.contains(UInt8(ascii: ",")) && PersonName.givenNameFirst(String(decoding: name, as: UTF8.self)) != nil)
        else { return nil }
        let title = trimmed(parts[parts.count - 1])
        if let last = line.last, "?!,;:\"".utf8.contains(last)
            || last == UInt8(ascii: ".") && !closesAbbreviation(String(decoding: line, as: UTF8.self), lastPart: String(decoding: title, as: UTF8.self)) {
            return nil
        }
        var firm: [UInt8] = []
        for index in 1..<(parts.count - 1) {
            // A firm holding spaced dashes keeps them as written.
            if index > 1 { firm += UnsafeBufferPointer(rebasing: line[parts[index - 1].upperBound..<parts[index].lowerBound]) }
            firm += trimmed(parts[index])
        }
        guard PlainText.wordCount(title, limit: 14) <= 14,
              firm.withUnsafeBufferPointer({ PlainText.wordCount($0, limit: 14) }) <= 14 else { return nil }
        return SpeakerLine(name: String(decoding: name, as: UTF8.self),
                           firm: firm.isEmpty ? nil : String(decoding: firm, as: UTF8.self),
                           title: title.isEmpty ? nil : String(decoding: title, as: UTF8.self))
    }

    /// Whether the period ending a dashed line closes an abbreviation, not a sentence: the line ends "Inc.", "Co." or
    /// "Corp.", or its last part reads as a title or firm (see `isTitleShaped`).
    private static func closesAbbreviation(_ line: String, lastPart: String) -> Bool {
        line.hasSuffix("Inc.") || line.hasSuffix("Co.") || line.hasSuffix("Corp.") || isTitleShaped(lastPart)
    }

    /// Lower-case words that titles and firm names hold ("Head of Investor Relations", "Vice President and Treasurer").
    private static let titleConnectors: Set<Substring> = ["of", "and", "for", "the", "to", "in", "at", "on", "de", "du", "y", "&", "-"]

    /// Whether `part` reads as a title or firm rather than a clause of prose: every word starts with a capital letter
    /// or a digit ("EVP, CFO & Treas.", "SVP of Corp. Dev.", "Sr. V.P.") or, after the first, is a connector such as
    /// "of" or "&".
    /// With `continuing`, `part` continues a title cut short, so it may open with a connector too.
    static func isTitleShaped(_ part: String, continuing: Bool = false) -> Bool {
        let words = part.split(separator: " ")
        guard !words.isEmpty else { return false }
        return words.indices.allSatisfy { index in
            let core = words[index].drop { "(\"'“‘".contains($0) }
            guard let first = core.first else { return false }
            return first.isUppercase || first.isNumber || (index > 0 || continuing) && titleConnectors.contains(core)
        }
    }

    /// The single-line speaker lines of the body, used to find where names end in flattened lists: those that start
    /// a block, and those with no blank line before them whose `Name Firm - Title` the lists (`listText`, spaced
    /// dashes written " - ") hold word for word.
    private func speakerLines(in range: Range<Int>, listText: String) -> [SpeakerLine] {
        var seen = Set<String>()
        var result: [SpeakerLine] = []
        for index in range where kinds[index] == .text {
            let line: SpeakerLine?
            if startsBlock(index) {
                line = wrappedSpeakerLine(at: index, end: range.upperBound) ?? Self.splitSpeakerLine(text.lines[index])
            } else {
                // Most lines are prose: the words before the first spaced dash must be in the lists before the line is split.
                let raw = text.lines[index]
                guard let dash = raw.firstSpacedDash, Self.holdsEntry(listText, raw[..<dash].trimmed) else { continue }
                line = Self.splitSpeakerLine(raw).flatMap { speaker in
                    guard let firm = speaker.firm, let title = speaker.title else { return nil }
                    let entry = "\(speaker.name) \(firm) - \(title)".withHyphenSpacedDashes
                    return Self.holdsEntry(listText, entry) ? speaker : nil
                }
            }
            guard let speaker = line, speaker.firm != nil, speaker.title != nil else { continue }
            if seen.insert("\(speaker.name)|\(speaker.firm ?? "")|\(speaker.title ?? "")").inserted { result.append(speaker) }
        }
        return result
    }

    // MARK: Participant lists

    private mutating func participantList(in range: Range<Int>, group: ParticipantGroup, triples: [SpeakerLine]) -> [Participant] {
        let lines = range.filter { kinds[$0] == .text }
        guard !lines.isEmpty else { return [] }
        var result: [Participant] = []
        var cursor = 0
        var paired = true
        while cursor < lines.count {
            let line = text.lines[lines[cursor]].trimmed.trimmingCharacters(in: "* ")
            let next = cursor + 1 < lines.count ? text.lines[lines[cursor + 1]].trimmed : nil
            if !line.hasSpacedDash, PersonName.isPlausible(line) || PersonName.isUnidentified(line),
               let next, next.hasSpacedDash || Self.isLoneDash(next) {
                let (firm, title) = resplit(Self.splitFirmTitle(next))
                result.append(Participant(name: line, affiliation: firm, title: title, group: group))
                cursor += 2
            } else if !line.hasSpacedDash, PersonName.isPlausible(line), next == nil || PersonName.isPlausible(next!) {
                result.append(Participant(name: line, group: group))
                cursor += 1
            } else {
                paired = false
                break
            }
        }
        if paired { return result }
        // Entries are compared with every spaced dash written " - ", however the list and the speaker lines write them.
        let flat = lines.map { text.lines[$0].trimmed }.joined(separator: " ").withHyphenSpacedDashes
        return parseFlattened(flat, group: group, triples: triples, line: lines[0] + 1)
    }

    /// Splits `Firm - Title` on its last spaced dash (firms may hold commas and spaced dashes); a line that starts or
    /// ends with a dash has a blank firm or title.
    static func splitFirmTitle(_ line: String) -> (String?, String?) {
        if let plain = line.withPlainUTF8(splitPlainFirmTitle) { return plain }
        let bytes = Array(line.trimmed.utf8)
        return bytes.withUnsafeBufferPointer(splitPlainFirmTitle)
    }

    /// Whether a line is only a dash: the blank-firm, blank-title form (` - `) of participant entries.
    static func isLoneDash(_ line: String) -> Bool {
        let bytes = Array(line.trimmed.utf8)
        return bytes.withUnsafeBufferPointer(PlainText.isLoneDash)
    }

    /// `splitFirmTitle` for plain text (see `PlainText`), by bytes.
    static func splitPlainFirmTitle(_ line: UnsafeBufferPointer<UInt8>) -> (String?, String?) {
        func trim(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[PlainText.trimmedBounds(bytes) { $0 == 0x20 }])
        }
        func part(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
            bytes.isEmpty || PlainText.isLoneDash(bytes) ? nil : String(decoding: bytes, as: UTF8.self)
        }
        let trimmed = trim(line)
        if PlainText.isLoneDash(trimmed) { return (nil, nil) }
        // A dash opening the line stands for a blank firm ("– Analyst"), one closing it for a blank title ("Acme –").
        func leadingDash() -> Range<Int>? {
            let length = PlainText.dashLength(trimmed, at: 0)
            return length > 0 && length < trimmed.count && trimmed[length] == 0x20 ? 0..<(length + 1) : nil
        }
        func trailingDash() -> Range<Int>? {
            guard trimmed.count >= 3 else { return nil }
            var start = trimmed.count - 1
            while start > 0, trimmed[start] & 0xC0 == 0x80 { start -= 1 }
            let length = PlainText.dashLength(trimmed, at: start)
            return start > 0 && start + length == trimmed.count && trimmed[start - 1] == 0x20 ? (start - 1)..<trimmed.count : nil
        }
        let dash = PlainText.lastSpacedDashRange(trimmed)
            ?? PlainText.firstOffset(of: "- ", in: trimmed).map { $0..<($0 + 2) }
            ?? PlainText.firstOffset(of: " -", in: trimmed).map { $0..<($0 + 2) }
            ?? leadingDash() ?? trailingDash()
        guard let dash else { return (trimmed.isEmpty ? nil : String(decoding: trimmed, as: UTF8.self), nil) }
        return (part(trim(UnsafeBufferPointer(rebasing: trimmed[..<dash.lowerBound]))),
                part(trim(UnsafeBufferPointer(rebasing: trimmed[dash.upperBound...]))))
    }

    /// Words that open a title by naming a rank or office ("SVP - Finance", "Head - Investor Relations").
    private static let titleRanks: Set<String> = [
        "svp", "evp", "vp", "avp", "ceo", "cfo", "coo", "cto", "cio", "president", "vice", "chief", "senior", "sr.", "sr",
        "executive", "head", "director", "managing", "md", "treasurer", "controller", "chairman", "chairwoman", "chair",
        "general", "manager", "officer", "secretary",
    ]

    /// A firm and title split again when the title holds a spaced dash ("SVP - Finance"): `splitFirmTitle` splits on
    /// the last one, so "Calix, Inc. - SVP - Finance" reads firm "Calix, Inc. - SVP". When the firm is not itself a
    /// known firm (`knownFirms`) but its leading parts are, and what follows them opens with a rank such as "SVP",
    /// the firm ends there and the rest joins the title.
    private func resplit(_ pair: (String?, String?)) -> (String?, String?) {
        Self.resplit(pair, knownFirms: knownFirms)
    }

    /// `resplit` against the given known firms.
    static func resplit(_ pair: (String?, String?), knownFirms: [String]) -> (String?, String?) {
        guard let firm = pair.0, firm.hasSpacedDash, let title = pair.1, !knownFirms.isEmpty else { return pair }
        let known = Set(knownFirms.map(CompanyName.normalized))
        guard !known.contains(CompanyName.normalized(firm)) else { return pair }
        let parts = firm.spacedDashParts.map(\.trimmed), separators = firm.spacedDashSeparators
        var head = parts[0]
        for index in 1..<parts.count {
            if known.contains(CompanyName.normalized(head)),
               let first = parts[index].split(separator: " ").first, Self.titleRanks.contains(first.lowercased()) {
                let rest = (index + 1..<parts.count).reduce(parts[index]) { $0 + separators[$1 - 1] + parts[$1] }
                return (head, rest + " - " + title)
            }
            head += separators[index - 1] + parts[index]
        }
        return pair
    }

    private func resplit(_ speaker: SpeakerLine) -> SpeakerLine {
        let (firm, title) = resplit((speaker.firm, speaker.title))
        return SpeakerLine(name: speaker.name, firm: firm, title: title)
    }

    /// Recovers `Name Firm - Title` entries run together on one line, anchored on the body's speaker lines.
    private mutating func parseFlattened(_ flat: String, group: ParticipantGroup, triples: [SpeakerLine], line: Int) -> [Participant] {
        // Sorted on lengths counted once: the comparisons, and so the order, are those of counting at each comparison.
        let known = triples.map { (entry: "\($0.name) \($0.firm ?? "") - \($0.title ?? "")".withHyphenSpacedDashes, speaker: $0) }
            .map { (known: $0, count: $0.entry.count) }.sorted { $0.count > $1.count }.map(\.known)
        var firms = triples.compactMap { $0.firm?.withHyphenSpacedDashes }
        if let company { firms.append(company) }
        firms = firms.map { (firm: $0, count: $0.count) }.sorted { $0.count > $1.count }.map(\.firm)
        // Where known entries start (after a space, ending at a word end), found once up front: searching the rest
        // of the line for every entry at every step made long flattened lists cubic in their length.
        var anchors: [String.Index] = []
        let plainAnchors = Self.plainAnchors(of: known.map(\.entry), in: flat)
        if let plainAnchors {
            anchors = plainAnchors
        } else {
            for entry in known {
                let needle = " " + entry.entry
                var from = flat.startIndex
                while from < flat.endIndex, let range = flat.range(of: needle, range: from..<flat.endIndex) {
                    if Self.atWordEnd(flat[range.upperBound...], 0) { anchors.append(range.lowerBound) }
                    from = flat.index(after: range.lowerBound)
                }
            }
        }
        anchors.sort()
        var nextAnchor = 0
        var result: [Participant] = []
        var rest = Substring(flat)
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " }
            if rest.isEmpty { break }
            let match: (entry: String, speaker: SpeakerLine)?
            if plainAnchors != nil {
                // Plain text (see `PlainText`): a byte is a Character.
                match = known.first { rest.utf8.starts(with: $0.entry.utf8) && Self.atWordEnd(rest.utf8, $0.entry.utf8.count) }
            } else {
                match = known.first { rest.hasPrefix($0.entry) && Self.atWordEnd(rest, $0.entry.count) }
            }
            if let match {
                result.append(Participant(name: match.speaker.name, affiliation: match.speaker.firm, title: match.speaker.title, group: group))
                rest = rest.dropFirst(match.entry.count)
                continue
            }
            // `rest` starts with a non-space, so an anchor (a space) at or after its start lies strictly inside it.
            while nextAnchor < anchors.count, anchors[nextAnchor] < rest.startIndex { nextAnchor += 1 }
            let cut = nextAnchor < anchors.count ? anchors[nextAnchor] : rest.endIndex
            let segment = String(rest[..<cut])
            let guessed = Self.splitUnknownEntries(segment, firms: firms)
            if !guessed.isEmpty {
                warnings.append(Diagnostic(.warning, file: text.path, line: line,
                    "participant entries '\(segment)' match no speaker line; split them by word shapes"))
            } else {
                warnings.append(Diagnostic(.warning, file: text.path, line: line,
                    "could not read '\(segment)' as participants; expected 'Name Firm - Title'"))
            }
            result += guessed.map { entry in
                // A title holding a spaced dash ("SVP - Finance") is split off a known firm, as on speaker lines.
                let (firm, title) = resplit((entry.firm, entry.title))
                return Participant(name: entry.name, affiliation: firm, title: title, group: group)
            }
            rest = rest[cut...]
        }
        return result
    }

    /// The starts of " <entry>" in `flat` that end at a word end, by bytes; nil unless `flat` and the entries are plain.
    private static func plainAnchors(of entries: [String], in flat: String) -> [String.Index]? {
        var needles: [[UInt8]] = []
        for entry in entries {
            let needle = " " + entry
            guard let bytes = needle.withPlainUTF8({ Array($0) }) else { return nil }
            needles.append(bytes)
        }
        let offsets: [Int]? = flat.withPlainUTF8 { line in
            var offsets: [Int] = []
            for needle in needles {
                var from = 0
                while let found = needle.withUnsafeBufferPointer({ PlainText.firstOffset(of: $0, in: line, from: from) }) {
                    let end = found + needle.count
                    if end == line.count || line[end] == 0x20 { offsets.append(found) }
                    from = found + 1
                }
            }
            return offsets
        }
        return offsets?.map { flat.utf8.index(flat.startIndex, offsetBy: $0) }
    }

    private static func atWordEnd(_ text: Substring, _ offset: Int) -> Bool {
        guard let index = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) else { return false }
        return index == text.endIndex || text[index] == " "
    }

    /// `atWordEnd` for plain text, by bytes.
    private static func atWordEnd(_ text: Substring.UTF8View, _ offset: Int) -> Bool {
        guard let index = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) else { return false }
        return index == text.endIndex || text[index] == 0x20
    }

    private static let titleWords: Set<String> = [
        "analyst", "ceo", "cfo", "coo", "cto", "cio", "cmo", "president", "director", "vp", "evp", "svp", "avp", "vice",
        "chief", "officer", "chairman", "chairwoman", "chair", "treasurer", "ir", "investor", "relations", "head",
        "manager", "partner", "managing", "senior", "sr.", "sr", "executive", "general", "counsel", "secretary",
        "controller", "founder", "co-founder", "member", "board", "of", "&", "and", "financial", "operating",
        "technology", "technical", "accounting", "corporate", "development", "strategy", "research", "associate",
        "principal", "portfolio", "global", "business", "communications", "marketing", "sales", "operations",
        "finance", "group", "division", "lead", "interim", "acting", "deputy", "assistant", "regional", "north",
        "america", "americas", "international", "product", "products", "engineering", "legal", "the", "strategic",
        "planning", "equity", "credit", "fixed", "income", "trader", "economist", "specialist", "consultant",
    ]

    /// How many leading words of `words` form a person's name (two, or three with an initial or particle), with the
    /// suffixes a comma sets off ("George Notter, Jr.", "Jane Doe, Ph.D., CFA").
    private static func nameLength(_ words: [Substring]) -> Int {
        guard words.count >= 2 else { return words.count }
        var length = 2
        if words.count >= 3, words[1].count <= 2 || words[1].hasSuffix(".") || ["de", "van", "von", "da", "di", "del", "der", "la", "le"].contains(words[1].lowercased()) {
            length = 3
        }
        while length < words.count, words[length - 1].hasSuffix(","), PersonName.isNameSuffix(words[length].trimmingCharacters(in: ",")) {
            length += 1
        }
        return length
    }

    /// Best-effort split of entries no speaker line anchors, using known firms and title vocabulary.
    static func splitUnknownEntries(_ segment: String, firms: [String]) -> [SpeakerLine] {
        let parts = segment.components(separatedBy: " - ").map(\.trimmed)
        guard parts.count >= 2 else {
            return PersonName.isPlausible(segment.trimmed) ? [SpeakerLine(name: segment.trimmed)] : []
        }
        var result: [SpeakerLine] = []
        var head = parts[0]
        for index in 1..<parts.count {
            let (name, firm) = splitNameFirm(head, firms: firms)
            guard let name else { return result }
            if index == parts.count - 1 {
                result.append(SpeakerLine(name: name, firm: firm, title: parts[index]))
                break
            }
            let part = parts[index]
            let knownFirm = firms.first { part.hasSuffix(" " + $0) }
            // A part between two dashes holds this entry's title and the next entry's name (two words at least) and
            // firm; one of fewer than three words cannot, so it belongs to the firm, as a speaker line's middle parts
            // do ("Mark McKechnie Evercore ISI - Research Division - Analyst").
            if knownFirm == nil, part.split(separator: " ").count < 3 {
                head += " - " + part
                continue
            }
            var title = part
            var nextHead = ""
            if let known = knownFirm {
                let before = part.dropLast(known.count + 1).split(separator: " ")
                var length = min(2, before.count)
                if before.count >= 3, before[before.count - 2].hasSuffix(".") || before[before.count - 2].count <= 2 { length = 3 }
                title = before.dropLast(length).joined(separator: " ")
                nextHead = before.suffix(length).joined(separator: " ") + " " + known
            } else {
                let words = part.split(separator: " ")
                var count = 0
                while count < words.count - 2, titleWords.contains(words[count].lowercased()) { count += 1 }
                if count == 0 { count = 1 }
                title = words.prefix(count).joined(separator: " ")
                nextHead = words.dropFirst(count).joined(separator: " ")
            }
            result.append(SpeakerLine(name: name, firm: firm, title: title.isEmpty ? nil : title))
            head = nextHead
        }
        return result
    }

    private static func splitNameFirm(_ head: String, firms: [String]) -> (String?, String?) {
        if let firm = firms.first(where: { head.hasSuffix(" " + $0) }) {
            let name = String(head.dropLast(firm.count + 1)).trimmed
            return (name.isEmpty ? nil : name, firm)
        }
        let words = head.split(separator: " ")
        guard !words.isEmpty else { return (nil, nil) }
        let length = nameLength(words)
        let firm = words.dropFirst(length).joined(separator: " ")
        return (words.prefix(length).joined(separator: " "), firm.isEmpty ? nil : firm)
    }

    // MARK: Turns

    /// The speaker a line (and possibly the next) opens a turn for, and how many lines the speaker line takes.
    private func speakerOpening(at index: Int, end: Int, roster: Roster) -> (SpeakerLine, Int)? {
        guard kinds[index] == .text else { return nil }
        guard startsBlock(index) else { return listedSpeakerOpening(at: index, end: end, roster: roster) }
        let line = text.lines[index].trimmed
        // Most lines are prose; for plain ones (see `PlainText`) the checks that turn prose away run on bytes.
        let plain = line.withPlainUTF8 { bytes in
            let dash = PlainText.firstSpacedDash(bytes) != nil
            return (isOperator: PersonName.isOperatorPlain(bytes), hasSpacedDash: dash, nameShaped: !dash && Self.isNameShapedPlain(bytes))
        }
        if plain?.isOperator ?? PersonName.isOperator(line) { return (SpeakerLine(name: "Operator"), 1) }
        let nextIsText = index + 1 < end && kinds[index + 1] == .text
        if !(plain?.hasSpacedDash ?? line.hasSpacedDash) {
            if plain?.nameShaped == false { return nil }
            let name = line.trimmingASCII { $0 == 0x20 || $0 == UInt8(ascii: ":") } ?? line.trimmingCharacters(in: " :")
            guard plain?.nameShaped == true
                    || name.count <= 60 && (!name.contains(where: { ".?!,".contains($0) }) || name.split(separator: " ").count <= 6) else {
                return nil
            }
            let known = roster.participant(matching: name) != nil
            guard known || PersonName.isPlausible(name) || PersonName.isUnidentified(name) else { return nil }
            if nextIsText {
                let next = text.lines[index + 1].trimmed
                let (firm, title) = resplit(Self.splitFirmTitle(next))
                let looksLikeFirmTitle = (next.hasSpacedDash || Self.isLoneDash(next)) && next.count <= 160
                    && !(next.last.map { "?!\"".contains($0) } ?? false) && (firm?.split(separator: " ").count ?? 0) <= 14
                    && (next.last != "." || Self.closesAbbreviation(next, lastPart: title ?? ""))
                if looksLikeFirmTitle && (index + 2 >= end || kinds[index + 2] != .text || known) {
                    return (SpeakerLine(name: name, firm: firm, title: title), 2)
                }
                return nil
            }
            if known || PersonName.isUnidentified(name) { return (SpeakerLine(name: name), 1) }
            return nil
        }
        let speaker: SpeakerLine, length: Int
        if !nextIsText, let single = Self.splitSpeakerLine(line) {
            (speaker, length) = (single, 1)
        } else if nextIsText, let wrapped = wrappedSpeakerLine(at: index, end: end) {
            (speaker, length) = (wrapped, 2)
        } else {
            // Prose right under the speaker line, no blank line between them.
            return listedSpeakerOpening(at: index, end: end, roster: roster)
        }
        // Prose such as "Thanks - Carl" or "Mark Smith -- go ahead" has the shape too: an unlisted speaker needs a name
        // of two words or more and a title that does not start in lower case, and, when the line ends with a period
        // (an abbreviation's, as `splitSpeakerLine` told), a firm as well ("Congrats Carl - Great Quarter." is prose).
        let listed = roster.participant(matching: speaker.name) != nil
        if !PersonName.isUnidentified(speaker.name), !listed,
           !speaker.name.contains(" ") || speaker.title?.first?.isLowercase == true
            || text.lines[index + length - 1].hasSuffix(".") && speaker.firm == nil {
            return nil
        }
        // A name written surname first ("Russo, Carl"): prose opens with a word and a comma too ("Well, Carl - ...").
        if !PersonName.isPlausible(speaker.name), !PersonName.isUnidentified(speaker.name),
           listed ? speaker.title?.first?.isUppercase != true
                  : !Self.isUnlistedSurnameFirstSpeaker(speaker, line: text.lines[index + length - 1]) {
            return nil
        }
        return (resplit(speaker), length)
    }

    /// Whether a speaker line whose name is written surname first ("Doe, Jane") and names no listed participant still
    /// opens a turn: "Well, Frankly - And I Mean It - We Grew" has the shape too, so it needs a firm and a title, both
    /// title-shaped (see `isTitleShaped`), the title naming an office (see `officeWords`), and no period closing the line.
    static func isUnlistedSurnameFirstSpeaker(_ speaker: SpeakerLine, line: String) -> Bool {
        guard let firm = speaker.firm, let title = speaker.title, !line.hasSuffix("."),
              isTitleShaped(firm), isTitleShaped(title) else { return false }
        return title.split(separator: " ").contains { officeWords.contains($0.trimmingCharacters(in: ",()&").lowercased()) }
    }

    /// Words naming an office, one of which a title holds ("Analyst", "EVP & CFO", "Head of Investor Relations").
    private static let officeWords: Set<String> = [
        "analyst", "president", "ceo", "cfo", "coo", "cto", "cio", "cmo", "vp", "evp", "svp", "avp", "chairman", "chairwoman",
        "chair", "director", "officer", "treasurer", "controller", "secretary", "counsel", "partner", "founder", "co-founder",
        "head", "manager", "economist", "strategist", "trader", "ir",
    ]

    /// The speaker a line opens a turn for when no blank line stands before it, as in files written one paragraph a
    /// line: only a line that cannot be prose is taken, the operator's line ("Operator", capitalised, alone) or a listed
    /// participant's own speaker line, `Name - Firm - Title` or a name line then a `Firm - Title` line, whose firm and
    /// title are the ones the participant is listed with. Prose holding a name and dashes ("Carl Russo - he said it -
    /// ...") does not match a listed firm and title, so it stays prose.
    private func listedSpeakerOpening(at index: Int, end: Int, roster: Roster) -> (SpeakerLine, Int)? {
        let line = text.lines[index].trimmed
        let plain = line.withPlainUTF8 { bytes in
            (isOperator: PersonName.isOperatorPlain(bytes), hasSpacedDash: PlainText.firstSpacedDash(bytes) != nil)
        }
        if plain?.isOperator ?? PersonName.isOperator(line) {
            return line.first?.isUppercase == true ? (SpeakerLine(name: "Operator"), 1) : nil
        }
        if plain?.hasSpacedDash ?? line.hasSpacedDash {
            // Most lines are prose: the words before the first spaced dash must name someone before the line is split.
            guard let dash = line.firstSpacedDash,
                  PersonName.isPlausible(line[..<dash].trimmed) || PersonName.givenNameFirst(line[..<dash].trimmed) != nil,
                  let speaker = Self.splitSpeakerLine(line).map(resplit), let listed = roster.participant(matching: speaker.name),
                  Self.sameEntry(listed, firm: speaker.firm, title: speaker.title) else { return nil }
            return (speaker, 1)
        }
        // A name line: the next line must be a `Firm - Title` line before the name is looked up.
        guard line.utf8.count <= 100, index + 1 < end, kinds[index + 1] == .text, text.lines[index + 1].hasSpacedDash,
              PersonName.isPlausible(line), let listed = roster.participant(matching: line) else {
            return nil
        }
        let (firm, title) = resplit(Self.splitFirmTitle(text.lines[index + 1].trimmed))
        guard Self.sameEntry(listed, firm: firm, title: title) else { return nil }
        return (SpeakerLine(name: line, firm: firm, title: title), 2)
    }

    /// Whether a speaker line's firm and title are both given and are those `participant` is listed with (case,
    /// spacing and dashes aside).
    private static func sameEntry(_ participant: Participant, firm: String?, title: String?) -> Bool {
        guard let firm, let title, let listedFirm = participant.affiliation, let listedTitle = participant.title else { return false }
        func normal(_ text: String) -> String { EventTranscriptScan.folded(text).withHyphenSpacedDashes.lowercased() }
        return normal(firm) == normal(listedFirm) && normal(title) == normal(listedTitle)
    }

    /// Whether `list` holds `entry` as whole words: at its start or after a space, and at its end or before a space.
    private static func holdsEntry(_ list: String, _ entry: String) -> Bool {
        let plain: Bool?? = list.withPlainUTF8 { listBytes in
            entry.withPlainUTF8 { entryBytes in
                var from = 0
                while let found = PlainText.firstOffset(of: entryBytes, in: listBytes, from: from) {
                    let end = found + entryBytes.count
                    if found == 0 || listBytes[found - 1] == 0x20, end == listBytes.count || listBytes[end] == 0x20 { return true }
                    from = found + 1
                }
                return false
            }
        }
        if let known = plain, let result = known { return result }
        var from = list.startIndex
        while let range = list.range(of: entry, range: from..<list.endIndex) {
            let before = range.lowerBound == list.startIndex || list[list.index(before: range.lowerBound)] == " "
            if before, range.upperBound == list.endIndex || list[range.upperBound] == " " { return true }
            from = list.index(after: range.lowerBound)
        }
        return false
    }

    /// Whether the prose of `range` is written one paragraph a line, no blank line between paragraphs: of the lines
    /// another line of text directly follows (speaker-line shaped ones aside), more than three in four end a
    /// sentence, where hard-wrapped prose ends most of them mid-sentence. Needs two such lines at least.
    private func isOneParagraphALine(_ range: Range<Int>) -> Bool {
        var followed = 0, midSentence = 0
        for index in range.dropLast() where kinds[index] == .text && kinds[index + 1] == .text {
            let line = text.lines[index], next = text.lines[index + 1]
            // The operator's label is a short line: only short lines are asked.
            func isOperator(_ line: String) -> Bool { line.utf8.count <= 40 && PersonName.isOperator(line) }
            if isOperator(line) || isOperator(next) || line.hasSpacedDash || next.hasSpacedDash { continue }
            followed += 1
            if !EventTranscriptScan.endsSentence(line.trimmed) { midSentence += 1 }
        }
        return followed >= 2 && midSentence * 4 < followed
    }

    /// A speaker line wrapped onto a second line, the pair standing alone as a block: "Michael Ashby - Calix, Inc. -
    /// Executive Vice President, Chief Financial Officer and" / "Principal Accounting Officer". The first line must
    /// read as a speaker line cut short (it ends with a comma or a connector such as "and", or is as long as a wrapped
    /// line, 70 Characters or more) and the second as the rest of a title: at most ten words, no spaced dash, capitals
    /// or connectors (see `isTitleShaped`), no closing punctuation but an abbreviation's period.
    private func wrappedSpeakerLine(at index: Int, end: Int) -> SpeakerLine? {
        guard index + 1 < end, kinds[index + 1] == .text, index + 2 >= end || kinds[index + 2] != .text else { return nil }
        let first = text.lines[index].trimmed, second = text.lines[index + 1].trimmed
        guard first.hasSpacedDash, !second.hasSpacedDash, second.split(separator: " ").count <= 10 else { return nil }
        let lastWord = first.split(separator: " ").last?.lowercased() ?? ""
        guard first.hasSuffix(",") || Self.titleConnectors.contains(Substring(lastWord)) || first.count >= 70,
              Self.isTitleShaped(second, continuing: true), let last = second.last, !"?!,;:\"".contains(last),
              last != "." || Self.closesAbbreviation(second, lastPart: second) else { return nil }
        return Self.splitSpeakerLine(first + " " + second)
    }

    /// Whether a plain line, spaces and colons trimmed, has the size of a name: at most 60 Characters, and at most
    /// six words if it holds sentence punctuation.
    private static func isNameShapedPlain(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let name = UnsafeBufferPointer(rebasing: line[PlainText.trimmedBounds(line) { $0 == 0x20 || $0 == UInt8(ascii: ":") }])
        guard !PlainText.hasMoreCharacters(name, than: 60) else { return false }
        let punctuated = name.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: ",") }
        return !punctuated || PlainText.wordCount(name, limit: 6) <= 6
    }

    private mutating func turns(in range: Range<Int>, roster: inout Roster) throws(TranscriptReadError) -> [Section] {
        var sections: [Section] = []
        var builder = TurnBuilder()
        var skipping = false
        var sawText = false
        var index = range.lowerBound
        let end = range.upperBound
        // Blank lines since the last line of text, to tell a page break whose furniture is gone.
        var blankRun = 0
        // The line of the open turn's speaker line, to name where a turn that holds no text starts.
        var speakerLine = 0
        // Whether the last turn closed held no text, and where its speaker line was.
        var emptyTurnLine: Int?

        func closeTurn() {
            builder.closeParagraph()
            if let turn = builder.finishTurn() {
                if sections.isEmpty { sections.append(Section(kind: .presentation)) }
                sections[sections.count - 1].turns.append(turn)
                emptyTurnLine = turn.paragraphs.isEmpty ? speakerLine : nil
                if let emptyTurnLine, index < end {
                    warnings.append(Diagnostic(.warning, file: text.path, line: emptyTurnLine, "turn of '\(turn.speaker)' holds no text"))
                }
            }
        }

        while index < end {
            if kinds[index] != .blank {
                if kinds[index] == .text, let paragraphGap, blankRun > paragraphGap { builder.sawPageBreak() }
                blankRun = 0
            }
            switch kinds[index] {
            case .heading(let heading):
                closeTurn()
                switch heading {
                case .presentation, .questionsAndAnswers:
                    skipping = false
                    let kind: SectionKind = heading == .presentation ? .presentation : .questionsAndAnswers
                    if let last = sections.last, last.turns.isEmpty { sections.removeLast() }
                    sections.append(Section(kind: kind))
                default:
                    skipping = true
                }
                index += 1
            case .furniture:
                builder.sawPageBreak()
                index += 1
            case .blank:
                builder.closeParagraph()
                blankRun += 1
                index += 1
            case .text:
                if skipping { index += 1; continue }
                sawText = true
                if let (speaker, length) = speakerOpening(at: index, end: end, roster: roster) {
                    closeTurn()
                    if sections.isEmpty { sections.append(headinglessPresentation(at: index)) }
                    let section = sections.last?.kind ?? .presentation
                    let name = roster.resolve(speaker, line: index + 1, file: text.path, section: section)
                    builder.startTurn(speaker: name)
                    speakerLine = index + 1
                    index += length
                    continue
                }
                if !builder.hasTurn {
                    if sections.isEmpty { sections.append(headinglessPresentation(at: index)) }
                    warnings.append(Diagnostic(.warning, file: text.path, line: index + 1,
                        "text before any speaker line; expected a speaker line such as 'Name - Firm - Title'; kept as an unidentified speaker's"))
                    let name = roster.resolve(SpeakerLine(name: "Unidentified Speaker"), line: index + 1, file: text.path, section: sections.last?.kind ?? .presentation)
                    builder.startTurn(speaker: name)
                    speakerLine = index + 1
                }
                if oneParagraphALine, let last = builder.openLine, EventTranscriptScan.endsSentence(last) { builder.closeParagraph() }
                builder.addLine(Self.unescapeMarkdown(text.lines[index].trimmed))
                index += 1
            }
        }
        emptyTurnLine = nil
        closeTurn()
        sections.removeAll { $0.turns.isEmpty }
        guard !sections.isEmpty else {
            // The body's first line, or where it was expected: the last line of the participant lists or the header.
            let line = (range.first { kinds[$0] != .blank } ?? kinds[..<range.lowerBound].lastIndex { $0 != .blank } ?? 0) + 1
            throw TranscriptReadError(Diagnostic(.error, file: text.path, line: line,
                sawText ? "found text but no speaker lines; expected lines such as 'Name - Firm - Title' or 'Operator' opening each turn"
                        : "found no transcript text; expected a PRESENTATION section with speaker turns"))
        }
        // A file that stops at (or inside) its last speaker line leaves that turn empty: the previous turn's last
        // paragraph, whole, must not hide the cut.
        if let emptyTurnLine, let speaker = sections.last?.turns.last?.speaker {
            warnings.append(Diagnostic(.warning, file: text.path, line: emptyTurnLine,
                "turn of '\(speaker)' holds no text: the file ends at its speaker line; the file may be cut off"))
        } else if let last = builder.lastParagraph, let character = last.last, !".?!\"')]”’:".contains(character) {
            warnings.append(Diagnostic(.warning, file: text.path, line: lastTextLine(in: range),
                "the text ends mid-sentence; the file may be cut off"))
        }
        return sections
    }

    /// The most common number of blank lines between two lines of text in `range` with nothing else between them
    /// (the smaller on a tie), nil if no blank line stands between text lines.
    private func usualGap(in range: Range<Int>) -> Int? {
        var counts: [Int: Int] = [:]
        var run = 0
        var afterText = false
        for index in range {
            switch kinds[index] {
            case .blank:
                run += 1
            case .text:
                if afterText, run > 0 { counts[run, default: 0] += 1 }
                afterText = true
                run = 0
            default:
                afterText = false
                run = 0
            }
        }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    /// The presentation section for turns that no section heading precedes, with a warning naming the first turn's line.
    private mutating func headinglessPresentation(at index: Int) -> Section {
        warnings.append(Diagnostic(.warning, file: text.path, line: index + 1,
            "no section heading before the first turn; expected a PRESENTATION heading on its own line before this line; the turns up to the next heading are kept as the presentation"))
        return Section(kind: .presentation)
    }

    private func lastTextLine(in range: Range<Int>) -> Int? {
        range.reversed().first { kinds[$0] == .text }.map { $0 + 1 }
    }

    /// Removes the backslashes exporters put before Markdown punctuation (`\$81.3 million`).
    static func unescapeMarkdown(_ line: String) -> String {
        let backslash = UInt8(ascii: "\\")
        let plain: String?? = line.utf8.withContiguousStorageIfAvailable { bytes in
            // Only U+005C is, or decomposes to, a backslash: without that byte no Character is one, plain text or not.
            guard PlainText.contains(bytes, byte: backslash) else { return line }
            return PlainText.isPlain(bytes) ? unescapePlainMarkdown(bytes) : nil
        }
        if let known = plain, let result = known { return result }
        return unescapeMarkdownByCharacters(line)
    }

    /// Whether a backslash before `byte` escapes it: the punctuation `unescapeMarkdownByCharacters` lists.
    private static func isEscapable(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "#"), UInt8(ascii: "_"), UInt8(ascii: "*"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "~"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "!"),
             UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "\\"):
            return true
        default:
            return false
        }
    }

    /// `unescapeMarkdown` for plain text (see `PlainText`), by bytes: the runs between backslashes are copied whole.
    private static func unescapePlainMarkdown(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = bytes.baseAddress else { return "" }
        return String(unsafeUninitializedCapacity: bytes.count) { output in
            var read = 0, written = 0
            func copy(_ count: Int) {
                UnsafeMutableRawPointer(output.baseAddress! + written).copyMemory(from: base + read, byteCount: count)
                read += count
                written += count
            }
            while read < bytes.count {
                guard let found = memchr(base + read, 0x5C, bytes.count - read) else {
                    copy(bytes.count - read)
                    break
                }
                copy(base.distance(to: found.assumingMemoryBound(to: UInt8.self)) - read)
                read += 1
                guard read < bytes.count, isEscapable(bytes[read]) else {
                    output[written] = UInt8(ascii: "\\")
                    written += 1
                    continue
                }
                // The escaped Character: one byte, as escapable punctuation is ASCII.
                copy(1)
            }
            return written
        }
    }

    /// `unescapeMarkdown` by Characters, for text that is not plain.
    private static func unescapeMarkdownByCharacters(_ line: String) -> String {
        guard line.contains("\\") else { return line }
        var result = ""
        result.reserveCapacity(line.utf8.count)
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if character == "\\" {
                if let next = iterator.next() {
                    if "$%&#_*[](){}<>~`|!+-.\\".contains(next) { result.append(next) } else { result.append(character); result.append(next) }
                } else {
                    result.append(character)
                }
            } else {
                result.append(character)
            }
        }
        return result
    }
}
