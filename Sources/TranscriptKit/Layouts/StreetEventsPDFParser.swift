import Foundation

/// Thomson Reuters StreetEvents "EDITED TRANSCRIPT" text as extracted from the PDF: the reference layout.
///
/// Line 1 holds `THOMSON REUTERS STREETEVENTS **EDITED TRANSCRIPT** <title>` (PDF-to-text tools may wrap it onto the
/// next lines), then `EVENT DATE/TIME: ...`;
/// the body is read by `StreetEventsPDFBody`.
public struct StreetEventsPDFParser: TranscriptLayoutParser {
    /// Creates the parser.
    public init() {}

    public var layout: SourceLayout { .streetEventsPDF }

    public func confidence(_ text: SourceText) -> Int {
        guard let first = text.lines.firstIndex(where: { !$0.isEmpty }) else { return 0 }
        let header = text.lines[first].uppercased()
        var score = 0
        if header.contains("STREETEVENTS") && (header.contains("TRANSCRIPT") || header.contains("BRIEF")) && !header.contains("EVENT TRANSCRIPT") { score += 60 }
        if header.contains("EDITED TRANSCRIPT") || header.contains("**") { score += 20 }
        if text.lines.prefix(40).contains(where: { $0.uppercased().hasPrefix("EVENT DATE/TIME") }) { score += 30 }
        if text.lines.prefix(40).contains(where: { $0.hasPrefix("=====") }) { score -= 50 }
        return max(score, 0)
    }

    public func parse(_ text: SourceText, hints: TranscriptHints) throws(TranscriptReadError) -> Transcript {
        var warnings: [Diagnostic] = []
        let headerIndex = text.lines.firstIndex { !$0.isEmpty } ?? 0
        let dateIndex = Self.dateLine(text.lines, after: headerIndex)
        let header = Self.header(text.lines, from: headerIndex, to: dateIndex)
        var title = Self.titleAfterMarker(header)
        if title.isEmpty {
            title = hints.title ?? ""
            warnings.append(Diagnostic(.warning, file: text.path, line: headerIndex + 1,
                "the header names no event; expected '... EDITED TRANSCRIPT <ticker> - <quarter> <company> <event>'"
                + (hints.title.map { "; took '\($0)' from the file name" } ?? "")))
        }
        var bodyStart = headerIndex + 1
        var date: (date: Date, zone: String?)?
        var repeated: Set<String> = [text.lines[headerIndex]]
        if let dateIndex {
            let line = text.lines[dateIndex]
            let value = line.uppercased().hasPrefix("EVENT DATE/TIME") ? line.drop { $0 != ":" }.dropFirst() : Substring(line)
            let reading = EventDate.reading(String(value))
            date = reading.map { ($0.date, $0.zone) }
            StreetEventsMetadata.warnAboutUnreadTime(reading, file: text.path, line: dateIndex + 1, warnings: &warnings)
            if date == nil {
                warnings.append(Diagnostic(.warning, file: text.path, line: dateIndex + 1,
                    "cannot read the event date '\(value.trimmed)'; expected 'MONTH D, YYYY / H:MMPM ZONE'"))
            } else if let zone = date?.zone, !EventDate.isKnownZone(zone) {
                warnings.append(Diagnostic(.warning, file: text.path, line: dateIndex + 1,
                    "unknown time zone '\(zone)'; read the time as UTC"))
            }
            bodyStart = dateIndex + 1
            repeated.insert(line)
            repeated.insert(String(value.trimmed))
        } else {
            warnings.append(Diagnostic(.warning, file: text.path, line: headerIndex + 2,
                "no 'EVENT DATE/TIME:' line near the top; the call has no date"))
        }
        let parsedTitle = EventTitle(parsing: title)
        let titleFromHeader = !Self.titleAfterMarker(header).isEmpty
        // The title is read from the header's first line (a title taken from the file name stands in for it there).
        StreetEventsMetadata.warnAboutPeriod(parsedTitle, file: text.path, line: headerIndex + 1, warnings: &warnings)
        let company = StreetEventsMetadata.company(from: parsedTitle, hints: hints, file: text.path, line: headerIndex + 1, warnings: &warnings)
        let runningHeader = titleFromHeader ? RunningHeader(title: title, ticker: parsedTitle.ticker) : nil
        var body = StreetEventsPDFBody(text: text, start: bodyStart, company: company, repeatedHeader: repeated, runningHeader: runningHeader)
        let (participants, sections): ([Participant], [Section])
        do {
            (participants, sections) = try body.read()
        } catch {
            throw TranscriptReadError(error.diagnostic, warnings: warnings + body.warnings)
        }
        warnings += body.warnings
        return Transcript(
            company: company ?? StreetEventsMetadata.companyFromParticipants(participants) ?? "Unknown company",
            ticker: parsedTitle.ticker ?? hints.ticker,
            title: parsedTitle.title,
            kind: parsedTitle.kind,
            fiscalPeriod: parsedTitle.fiscalPeriod,
            date: date?.date,
            statedTimeZone: date?.zone,
            participants: participants,
            sections: sections,
            layout: layout,
            warnings: warnings)
    }

    /// The text after the marker ("**EDITED TRANSCRIPT**", "**EDITED BRIEF**", "Edited Transcript") in the header,
    /// emphasis stars removed: after the closing stars, else after the first "TRANSCRIPT", or a "BRIEF" or "SUMMARY"
    /// among the two words after "STREETEVENTS"; a later "Transcript" belongs to the title ("... Earnings Call Transcript").
    static func titleAfterMarker(_ header: String) -> String {
        if let open = header.range(of: "**"), let close = header.range(of: "**", range: open.upperBound..<header.endIndex),
           header[open.upperBound..<close.lowerBound].contains(where: \.isLetter) {
            let title = header[close.upperBound...].trimmingCharacters(in: "* ")
            if !title.isEmpty { return title }
        }
        if let range = header.range(of: "TRANSCRIPT", options: .caseInsensitive) {
            return header[range.upperBound...].trimmingCharacters(in: "* ")
        }
        guard let service = header.range(of: "STREETEVENTS", options: .caseInsensitive) else { return "" }
        let words = header[service.upperBound...].split(separator: " ", maxSplits: 2)
        guard let marker = words.prefix(2).firstIndex(where: { ["BRIEF", "SUMMARY"].contains($0.trimmingCharacters(in: "*").uppercased()) }),
              marker + 1 < words.count else { return "" }
        return words[marker + 1].trimmingCharacters(in: "* ")
    }

    /// The line holding the event date: the first `EVENT DATE/TIME` line in the first 60, else a line in the header
    /// block (before the first heading, within 6 lines of the header) that is a date and nothing else, as some
    /// exports write it without the label ("OCTOBER 25, 2012 / 4:30PM ET").
    static func dateLine(_ lines: [String], after headerIndex: Int) -> Int? {
        if let labelled = lines.prefix(60).firstIndex(where: { $0.uppercased().hasPrefix("EVENT DATE/TIME") }) { return labelled }
        for index in lines.indices.dropFirst(headerIndex + 1).prefix(6) {
            let line = lines[index].trimmed
            if line.isEmpty { continue }
            if Heading.classify(line, uppercaseOnly: true) != nil { return nil }
            if EventDate.isDateLine(line) { return index }
        }
        return nil
    }

    /// The header: its first line joined with the lines a PDF-to-text tool wrapped it onto, which are the non-blank
    /// lines before the date line (none when there is no date line, or from the first heading on).
    static func header(_ lines: [String], from headerIndex: Int, to dateIndex: Int?) -> String {
        guard !lines.isEmpty else { return "" }
        var parts = [lines[headerIndex].trimmed]
        if let dateIndex, dateIndex > headerIndex {
            for line in lines[(headerIndex + 1)..<dateIndex].map(\.trimmed) where !line.isEmpty {
                if Heading.classify(line, uppercaseOnly: true) != nil { break }
                parts.append(line)
            }
        }
        return parts.joined(separator: " ")
    }
}

/// Company resolution shared by the StreetEvents layouts.
enum StreetEventsMetadata {
    /// The company from the title, else from hints; warns at the title's `line` when neither names one.
    static func company(from title: EventTitle, hints: TranscriptHints, file: String, line: Int, warnings: inout [Diagnostic]) -> String? {
        if let company = title.company { return company }
        if let company = hints.company { return company }
        warnings.append(Diagnostic(.warning, file: file, line: line,
            "cannot tell the company from the title '\(title.title)'; expected '<quarter> <company> Earnings Call' or a company in the site config"))
        return nil
    }

    /// Warns when an earnings call's title gives no fiscal quarter: it names a full or half year ("FY2012"), which
    /// the model's fiscal quarter cannot hold, a period that cannot be read ("Q3 FY2012-13"), or none at all.
    static func warnAboutPeriod(_ title: EventTitle, file: String, line: Int, warnings: inout [Diagnostic]) {
        if let period = title.otherPeriod {
            warnings.append(Diagnostic(.warning, file: file, line: line,
                "the title names the period '\(period)', which is not a quarter; the call has no fiscal quarter (the period stays in the title)"))
        } else if let period = title.unreadPeriod {
            warnings.append(Diagnostic(.warning, file: file, line: line,
                "cannot read the fiscal period '\(period)' in the title; expected e.g. 'Q3 2012', 'Q3 FY2012', '3Q12' or 'Fiscal Q3 2012'; the call has no fiscal quarter (the period stays in the title)"))
        } else if title.fiscalPeriod == nil, title.kind == .earningsCall {
            warnings.append(Diagnostic(.warning, file: file, line: line,
                "the earnings call's title '\(title.title)' names no fiscal quarter; expected e.g. 'Q3 2012' or 'Third Quarter 2012'; the call has no fiscal quarter"))
        }
    }

    /// Warns when a date line holds a time that cannot be read ("8:75PM GMT"): the date is kept without it.
    static func warnAboutUnreadTime(_ reading: EventDate.Reading?, file: String, line: Int, warnings: inout [Diagnostic]) {
        guard let reading, let time = reading.unreadTime else { return }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let day = calendar.dateComponents([.year, .month, .day], from: reading.date)
        let kept = String(format: "%04d-%02d-%02d", day.year!, day.month!, day.day!)
        warnings.append(Diagnostic(.warning, file: file, line: line,
            "cannot read the event time '\(time)'; expected 'H:MMPM ZONE' with hours 0-23 and minutes 00-59 (e.g. '8:30PM GMT'); the call keeps its date, \(kept), and has no time"))
    }

    /// The firm most corporate participants name, as a last resort for the company.
    static func companyFromParticipants(_ participants: [Participant]) -> String? {
        var counts: [String: Int] = [:]
        for participant in participants where participant.group == .corporate {
            if let firm = participant.affiliation { counts[firm, default: 0] += 1 }
        }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }
}
