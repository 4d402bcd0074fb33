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
    private(set) var warnings: [Diagnostic] = []
    private var kinds: [LineKind] = []

    init(text: SourceText, start: Int, company: String?, repeatedHeader: Set<String> = []) {
        self.text = text
        self.start = start
        self.company = company
        self.repeatedHeader = repeatedHeader
    }

    /// The participants and sections, or an error when the body holds no turns at all.
    mutating func read() throws(TranscriptReadError) -> (participants: [Participant], sections: [Section]) {
        kinds = text.lines.map(classify)
        let (corporateRange, callRange, bodyRange) = regions()
        let triples = speakerLines(in: bodyRange)
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
        if Self.isFurniture(line) || repeatedHeader.contains(line) { return .furniture }
        if let heading = Heading.classify(line, uppercaseOnly: true) { return .heading(heading) }
        return .text
    }

    /// Footers, bare page numbers and copyright lines that the PDF repeats on its pages.
    static func isFurniture(_ line: String) -> Bool {
        guard line.utf8.count <= 400 else { return false }
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
    private func regions() -> (Range<Int>?, Range<Int>?, Range<Int>) {
        var corporate: Range<Int>?, call: Range<Int>?
        var bodyStart: Int?
        var index = start
        while index < kinds.count {
            if case .heading(let heading) = kinds[index] {
                let end = nextHeading(after: index)
                switch heading {
                case .corporateParticipants where corporate == nil: corporate = (index + 1)..<end
                case .callParticipants where call == nil: call = (index + 1)..<end
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

    /// Splits `Name - Firm - Title` (the firm may itself hold " - "); nil if the shape does not fit.
    static func splitSpeakerLine(_ line: String) -> SpeakerLine? {
        guard line.utf8.count <= 440, line.hasSpacedDash else { return nil }
        let parts = line.spacedDashParts.map(\.trimmed)
        guard parts.count >= 2, let name = parts.first, !name.isEmpty else { return nil }
        guard PersonName.isPlausible(name) || PersonName.isUnidentified(name) else { return nil }
        if let last = line.last, ".?!,;:\"".contains(last), !line.hasSuffix("Inc."), !line.hasSuffix("Co."), !line.hasSuffix("Corp.") {
            return nil
        }
        let title = parts.count >= 2 ? parts[parts.count - 1] : ""
        let firm = parts.count >= 3 ? parts[1..<(parts.count - 1)].joined(separator: " - ") : ""
        for part in [title, firm] where part.split(separator: " ").count > 14 { return nil }
        return SpeakerLine(name: name, firm: firm.isEmpty ? nil : firm, title: title.isEmpty ? nil : title)
    }

    /// The single-line speaker lines of the body, used to find where names end in flattened lists.
    private func speakerLines(in range: Range<Int>) -> [SpeakerLine] {
        var seen = Set<String>()
        var result: [SpeakerLine] = []
        for index in range where kinds[index] == .text && startsBlock(index) {
            guard let speaker = Self.splitSpeakerLine(text.lines[index]), speaker.firm != nil, speaker.title != nil else { continue }
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
               let next, next.hasSpacedDash || next == "-" {
                let (firm, title) = Self.splitFirmTitle(next)
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
        let flat = lines.map { text.lines[$0].trimmed }.joined(separator: " ")
        return parseFlattened(flat, group: group, triples: triples, line: lines[0] + 1)
    }

    /// Splits `Firm - Title` on its last " - " (firms may hold commas and " - ").
    static func splitFirmTitle(_ line: String) -> (String?, String?) {
        let trimmed = line.trimmed
        // A lone dash is the blank-firm, blank-title form (` - `), not a firm called "-".
        if trimmed == "-" { return (nil, nil) }
        guard let dash = trimmed.range(of: " - ", options: .backwards) ?? trimmed.range(of: "- ") ?? trimmed.range(of: " -") else {
            return (trimmed.isEmpty ? nil : trimmed, nil)
        }
        let firm = trimmed[..<dash.lowerBound].trimmed
        let title = trimmed[dash.upperBound...].trimmed
        return (firm.isEmpty || firm == "-" ? nil : firm, title.isEmpty || title == "-" ? nil : title)
    }

    /// Recovers `Name Firm - Title` entries run together on one line, anchored on the body's speaker lines.
    private mutating func parseFlattened(_ flat: String, group: ParticipantGroup, triples: [SpeakerLine], line: Int) -> [Participant] {
        let known = triples.map { (entry: "\($0.name) \($0.firm ?? "") - \($0.title ?? "")", speaker: $0) }
            .sorted { $0.entry.count > $1.entry.count }
        var firms = triples.compactMap(\.firm)
        if let company { firms.append(company) }
        firms.sort { $0.count > $1.count }
        // Where known entries start (after a space, ending at a word end), found once up front: searching the rest
        // of the line for every entry at every step made long flattened lists cubic in their length.
        var anchors: [String.Index] = []
        for entry in known {
            let needle = " " + entry.entry
            var from = flat.startIndex
            while from < flat.endIndex, let range = flat.range(of: needle, range: from..<flat.endIndex) {
                if Self.atWordEnd(flat[range.upperBound...], 0) { anchors.append(range.lowerBound) }
                from = flat.index(after: range.lowerBound)
            }
        }
        anchors.sort()
        var nextAnchor = 0
        var result: [Participant] = []
        var rest = Substring(flat)
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " }
            if rest.isEmpty { break }
            if let match = known.first(where: { rest.hasPrefix($0.entry) && Self.atWordEnd(rest, $0.entry.count) }) {
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
            result += guessed.map { Participant(name: $0.name, affiliation: $0.firm, title: $0.title, group: group) }
            rest = rest[cut...]
        }
        return result
    }

    private static func atWordEnd(_ text: Substring, _ offset: Int) -> Bool {
        guard let index = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) else { return false }
        return index == text.endIndex || text[index] == " "
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

    /// How many leading words of `words` form a person's name (two, or three with an initial or particle).
    private static func nameLength(_ words: [Substring]) -> Int {
        guard words.count >= 2 else { return words.count }
        if words.count >= 3, words[1].count <= 2 || words[1].hasSuffix(".") || ["de", "van", "von", "da", "di", "del", "der", "la", "le"].contains(words[1].lowercased()) {
            return 3
        }
        return 2
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
            var title = part
            var nextHead = ""
            if let known = firms.first(where: { part.hasSuffix(" " + $0) }) {
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
        guard kinds[index] == .text, startsBlock(index) else { return nil }
        let line = text.lines[index].trimmed
        if PersonName.isOperator(line) { return (SpeakerLine(name: "Operator"), 1) }
        let nextIsText = index + 1 < end && kinds[index + 1] == .text
        if !line.hasSpacedDash {
            let name = line.trimmingCharacters(in: " :")
            guard name.count <= 60, !name.contains(where: { ".?!,".contains($0) }) || name.split(separator: " ").count <= 6 else { return nil }
            let known = roster.participant(matching: name) != nil
            guard known || PersonName.isPlausible(name) || PersonName.isUnidentified(name) else { return nil }
            if nextIsText {
                let next = text.lines[index + 1].trimmed
                let (firm, title) = Self.splitFirmTitle(next)
                let looksLikeFirmTitle = (next.hasSpacedDash || next == "-") && next.count <= 160
                    && !(next.last.map { ".?!\"".contains($0) } ?? false) && (firm?.split(separator: " ").count ?? 0) <= 14
                if looksLikeFirmTitle && (index + 2 >= end || kinds[index + 2] != .text || known) {
                    return (SpeakerLine(name: name, firm: firm, title: title), 2)
                }
                return nil
            }
            if known || PersonName.isUnidentified(name) { return (SpeakerLine(name: name), 1) }
            return nil
        }
        guard !nextIsText, let speaker = Self.splitSpeakerLine(line) else { return nil }
        return (speaker, 1)
    }

    private mutating func turns(in range: Range<Int>, roster: inout Roster) throws(TranscriptReadError) -> [Section] {
        var sections: [Section] = []
        var builder = TurnBuilder()
        var skipping = false
        var sawText = false
        var index = range.lowerBound
        let end = range.upperBound

        func closeTurn() {
            builder.closeParagraph()
            if let turn = builder.finishTurn() {
                if sections.isEmpty { sections.append(Section(kind: .presentation)) }
                sections[sections.count - 1].turns.append(turn)
            }
        }

        while index < end {
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
                index += 1
            case .text:
                if skipping { index += 1; continue }
                sawText = true
                if let (speaker, length) = speakerOpening(at: index, end: end, roster: roster) {
                    closeTurn()
                    let section = sections.last?.kind ?? .presentation
                    let name = roster.resolve(speaker, line: index + 1, file: text.path, section: section)
                    builder.startTurn(speaker: name)
                    index += length
                    continue
                }
                if !builder.hasTurn {
                    warnings.append(Diagnostic(.warning, file: text.path, line: index + 1,
                        "text before any speaker line; expected a speaker line such as 'Name - Firm - Title'; kept as an unidentified speaker's"))
                    let name = roster.resolve(SpeakerLine(name: "Unidentified Speaker"), line: index + 1, file: text.path, section: sections.last?.kind ?? .presentation)
                    builder.startTurn(speaker: name)
                }
                builder.addLine(Self.unescapeMarkdown(text.lines[index].trimmed))
                index += 1
            }
        }
        closeTurn()
        sections.removeAll { $0.turns.isEmpty }
        guard !sections.isEmpty else {
            let line = range.lowerBound < kinds.count ? range.lowerBound + 1 : nil
            throw TranscriptReadError(Diagnostic(.error, file: text.path, line: line,
                sawText ? "found text but no speaker lines; expected lines such as 'Name - Firm - Title' or 'Operator' opening each turn"
                        : "found no transcript text; expected a PRESENTATION section with speaker turns"))
        }
        if let last = builder.lastParagraph, let character = last.last, !".?!\"')]”’:".contains(character) {
            warnings.append(Diagnostic(.warning, file: text.path, line: lastTextLine(in: range),
                "the text ends mid-sentence; the file may be cut off"))
        }
        return sections
    }

    private func lastTextLine(in range: Range<Int>) -> Int? {
        range.reversed().first { kinds[$0] == .text }.map { $0 + 1 }
    }

    /// Removes the backslashes exporters put before Markdown punctuation (`\$81.3 million`).
    static func unescapeMarkdown(_ line: String) -> String {
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
