import Foundation

/// StreetEvents "Event Transcript" plain text: `=====` rules around section names, numbered turns.
///
/// ```
/// Thomson Reuters StreetEvents Event Transcript
/// E D I T E D   V E R S I O N
///
/// Q2 2018 Micron Technology Inc Earnings Call
/// MARCH 22, 2018 / 8:30PM GMT
///
/// ================================================================================
/// Corporate Participants
/// ================================================================================
///
///  * Sanjay Mehrotra
///    Micron Technology, Inc. - President, CEO & Director
///
/// ================================================================================
/// Presentation
/// --------------------------------------------------------------------------------
/// Operator    [1]
/// --------------------------------------------------------------------------------
///  Ladies and gentlemen, thank you for standing by ...
/// ```
///
/// Participants are ` * Name` then an indented `Firm - Title` line (either side may be blank). Each turn opens
/// with a `-----` rule, a `Name, Firm - Title    [n]` line and another rule. Paragraphs are one line each or
/// hard-wrapped. Definitions and Disclaimer are dropped.
public struct StreetEventsEventTranscriptParser: TranscriptLayoutParser {
    /// Creates the parser.
    public init() {}

    public var layout: SourceLayout { .streetEventsEventTranscript }

    /// 100 when one of the first lines says "Event Transcript" and `=====` rules follow; 60 when the header was cut
    /// off but the file opens with a `=====` rule around a known heading; 0 otherwise.
    public func confidence(_ text: SourceText) -> Int {
        let lines = text.lines
        var nonBlank = 0
        var marker = false
        var index = 0
        while index < lines.count, nonBlank < 6 {
            let line = lines[index]
            index += 1
            if line.isEmpty { continue }
            nonBlank += 1
            if EventTranscriptScan.isRule(line) { break }
            if line.utf8.count <= 200, line.range(of: "event transcript", options: .caseInsensitive) != nil {
                marker = true
                break
            }
        }
        if marker {
            return lines.prefix(200).contains(where: { EventTranscriptScan.isRule($0, "=") }) ? 100 : 0
        }
        // A file whose header was cut off: it opens with `=====`, a known heading, and another rule.
        let opening = lines.prefix(40).enumerated().filter { !$0.element.trimmed.isEmpty }.prefix(3).map(\.element)
        if opening.count == 3, EventTranscriptScan.isRule(opening[0], "="),
           Heading.classify(opening[1].trimmed) != nil, EventTranscriptScan.isRule(opening[2]) {
            return 60
        }
        return 0
    }

    public func parse(_ text: SourceText, hints: TranscriptHints) throws(TranscriptReadError) -> Transcript {
        var scan = EventTranscriptScan(text: text)
        scan.run()
        var warnings = scan.warnings

        // Header: title and date.
        var titleText = scan.title?.text ?? ""
        // The title's line, or where it was expected: the date line found in its place, else the line after the marker.
        let titleLine = scan.title.map { $0.line + 1 } ?? scan.dateLine.map { $0 + 1 } ?? scan.headerMarkerLine.map { $0 + 2 } ?? 1
        if scan.title == nil {
            titleText = hints.title ?? ""
            warnings.append(Diagnostic(.warning, file: text.path, line: titleLine,
                "no event title after the 'Event Transcript' line; expected e.g. 'Q2 2018 Micron Technology Inc Earnings Call'"
                + (hints.title.map { "; took '\($0)' from the file name" } ?? "")))
        }
        var date: (date: Date, zone: String?)?
        if scan.title == nil, let dateLine = scan.dateLine {
            let reading = EventDate.reading(text.lines[dateLine])
            date = reading.map { ($0.date, $0.zone) }
            StreetEventsMetadata.warnAboutUnreadTime(reading, file: text.path, line: dateLine + 1, warnings: &warnings)
        } else if let title = scan.title {
            if let dateLine = scan.dateLine {
                let raw = text.lines[dateLine].trimmed
                let reading = EventDate.reading(raw)
                date = reading.map { ($0.date, $0.zone) }
                StreetEventsMetadata.warnAboutUnreadTime(reading, file: text.path, line: dateLine + 1, warnings: &warnings)
                if date == nil {
                    warnings.append(Diagnostic(.warning, file: text.path, line: dateLine + 1,
                        "cannot read the event date '\(raw)'; expected 'MONTH D, YYYY / H:MMPM ZONE' on the line after the title"))
                } else if let zone = date?.zone, !EventDate.isKnownZone(zone) {
                    warnings.append(Diagnostic(.warning, file: text.path, line: dateLine + 1,
                        "unknown time zone '\(zone)'; read the time as UTC"))
                }
            } else {
                warnings.append(Diagnostic(.warning, file: text.path, line: title.line + 2,
                    "no date line after the title; expected 'MONTH D, YYYY / H:MMPM ZONE'; the call has no date"))
            }
        }
        let parsedTitle = EventTitle(parsing: titleText)
        StreetEventsMetadata.warnAboutPeriod(parsedTitle, file: text.path, line: titleLine, warnings: &warnings)
        let company = StreetEventsMetadata.company(from: parsedTitle, hints: hints, file: text.path, line: titleLine, warnings: &warnings)

        // Participants, then turns in file order. A title holding a spaced dash ("SVP - Finance") is split off a firm
        // the call's company or another participant's firm names (see `StreetEventsPDFBody.resplit`).
        var knownFirms = company.map { [$0] } ?? []
        knownFirms += scan.participants.compactMap(\.affiliation).filter { !$0.hasSpacedDash }
        func resplit(_ firm: String?, _ title: String?) -> (String?, String?) {
            StreetEventsPDFBody.resplit((firm, title), knownFirms: knownFirms)
        }
        var roster = Roster(company: company)
        for var participant in scan.participants {
            (participant.affiliation, participant.title) = resplit(participant.affiliation, participant.title)
            roster.add(participant)
        }
        let width = scan.proseWidth()
        var sections: [Section] = []
        var builder = TurnBuilder()
        // The file's last speaker line: a file cut off right after it leaves that turn empty.
        let lastTurnLine = scan.lastTurnRunsToEnd ? scan.sections.last(where: { !$0.turns.isEmpty })?.turns.last?.line : nil
        var endsAtSpeakerLine = false
        for rawSection in scan.sections where !rawSection.turns.isEmpty {
            var section = Section(kind: rawSection.kind, title: rawSection.title)
            for rawTurn in rawSection.turns {
                var speaker = rawTurn.speaker
                (speaker.firm, speaker.title) = resplit(speaker.firm, speaker.title)
                let name = roster.resolve(speaker, line: rawTurn.line + 1, file: text.path, section: rawSection.kind)
                builder.startTurn(speaker: name)
                scan.feed(rawTurn.body, into: &builder, width: width)
                if let turn = builder.finishTurn() {
                    if turn.paragraphs.isEmpty {
                        endsAtSpeakerLine = rawTurn.line == lastTurnLine
                        warnings.append(Diagnostic(.warning, file: text.path, line: rawTurn.line + 1,
                            "turn \(rawTurn.number.map { "[\($0)]" } ?? "of '\(rawTurn.speaker.name)'") holds no text"
                            + (endsAtSpeakerLine ? ": the file ends at its speaker line; the file may be cut off" : "")))
                    }
                    section.turns.append(turn)
                }
            }
            sections.append(section)
        }
        warnings += roster.warnings

        guard !sections.isEmpty else {
            let (line, message) = scan.noTurnsExplanation()
            throw TranscriptReadError(Diagnostic(.error, file: text.path, line: line, message), warnings: warnings)
        }
        if scan.lastTurnRunsToEnd, !endsAtSpeakerLine, let last = builder.lastParagraph, let character = last.last,
           !".?!\"')]”’:".contains(character) {
            warnings.append(Diagnostic(.warning, file: text.path, line: scan.lastTextLine.map { $0 + 1 },
                "the text ends mid-sentence; the file may be cut off"))
        }
        let resolvedCompany = company ?? StreetEventsMetadata.companyFromParticipants(roster.participants) ?? "Unknown company"
        return Transcript(
            company: resolvedCompany,
            ticker: parsedTitle.ticker ?? hints.ticker,
            title: parsedTitle.title.isEmpty ? "\(resolvedCompany) call" : parsedTitle.title,
            kind: parsedTitle.kind,
            fiscalPeriod: parsedTitle.fiscalPeriod,
            date: date?.date,
            statedTimeZone: date?.zone,
            participants: roster.participants,
            sections: sections,
            layout: layout,
            warnings: warnings)
    }
}
