/// StreetEvents PDF text whose header was cut off: the file starts at CORPORATE PARTICIPANTS.
///
/// Participants are a name line then a `Firm - Title` line; turns open with the speaker's name on its own line
/// and (except for the operator) the same `Firm - Title` line; prose is hard-wrapped. Title, quarter and company
/// come from the file name or the archive's metadata, with a warning.
public struct StreetEventsHeaderlessParser: TranscriptLayoutParser {
    /// Creates the parser.
    public init() {}

    public var layout: SourceLayout { .streetEventsPDFHeaderless }

    /// 70 when the file opens with a participants heading, 50 with a PRESENTATION heading, 0 otherwise; a heading in
    /// other than capitals counts only standing alone, a blank line (or the end) after it.
    public func confidence(_ text: SourceText) -> Int {
        guard let first = text.lines.firstIndex(where: { !$0.trimmed.isEmpty }) else { return 0 }
        let standsAlone = first + 1 == text.lines.count || text.lines[first + 1].trimmed.isEmpty
        switch Heading.classify(text.lines[first].trimmed, uppercaseOnly: !standsAlone) {
        case .corporateParticipants?, .callParticipants?: return 70
        case .presentation?: return 50
        default: return 0
        }
    }

    public func parse(_ text: SourceText, hints: TranscriptHints) throws(TranscriptReadError) -> Transcript {
        var warnings: [Diagnostic] = []
        let lines = text.lines.map { $0.trimmed.isEmpty ? "" : $0 }
        let source = SourceText(path: text.path, lines: lines, warnings: text.warnings)
        let parsedTitle = hints.title.map(EventTitle.init(parsing:))
        var company = parsedTitle?.company ?? hints.company
        var body = StreetEventsPDFBody(text: source, start: 0, company: company)
        let (participants, sections): ([Participant], [Section])
        do {
            (participants, sections) = try body.read()
        } catch {
            throw TranscriptReadError(error.diagnostic, warnings: body.warnings)
        }
        if company == nil { company = StreetEventsMetadata.companyFromParticipants(participants) }
        let title = parsedTitle?.title ?? "\(company ?? "Unknown company") call"
        if let hinted = hints.title {
            warnings.append(Diagnostic(.warning, file: text.path, line: 1,
                "the file has no StreetEvents header; took the title '\(hinted)' from the file name"))
        } else {
            warnings.append(Diagnostic(.warning, file: text.path, line: 1,
                "the file has no StreetEvents header and its name is no event title; the company '\(company ?? "unknown")' comes from the participant list and the call has no quarter or date"))
        }
        // The title comes from the file name: its warnings stand at line 1, where the missing header would be.
        if let parsedTitle { StreetEventsMetadata.warnAboutPeriod(parsedTitle, file: text.path, line: 1, warnings: &warnings) }
        warnings += body.warnings
        return Transcript(
            company: company ?? "Unknown company",
            ticker: parsedTitle?.ticker ?? hints.ticker,
            title: title,
            kind: parsedTitle?.kind ?? .other,
            fiscalPeriod: parsedTitle?.fiscalPeriod,
            participants: participants,
            sections: sections,
            layout: layout,
            warnings: warnings)
    }
}
