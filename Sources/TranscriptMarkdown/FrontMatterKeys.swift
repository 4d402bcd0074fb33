import Foundation

/// The keys of the YAML front matter, shared by the writer and the parser so both spell them the same way.
enum FrontMatterKey {
    static let company = "company"
    static let ticker = "ticker"
    static let title = "title"
    static let kind = "kind"
    static let fiscalPeriod = "fiscalPeriod"
    static let year = "year"
    static let quarter = "quarter"
    static let date = "date"
    static let timeZone = "timeZone"
    static let layout = "layout"
    static let participants = "participants"
    static let name = "name"
    static let affiliation = "affiliation"
    static let participantTitle = "title"
    static let group = "group"
    static let warnings = "warnings"
    static let severity = "severity"
    static let file = "file"
    static let line = "line"
    static let message = "message"

    /// The top-level keys in the order the writer emits them.
    static let topLevel = [company, ticker, title, kind, fiscalPeriod, date, timeZone, layout, participants, warnings]
    /// The keys of a `fiscalPeriod` mapping.
    static let fiscalPeriodKeys = [year, quarter]
    /// The keys of one `participants` entry.
    static let participantKeys = [name, affiliation, participantTitle, group]
    /// The keys of one `warnings` entry.
    static let warningKeys = [severity, file, line, message]
}

/// The `date` format: ISO 8601 in UTC with whole seconds, e.g. `2012-10-25T20:30:00Z`.
enum FrontMatterDate {
    /// The form the writer emits.
    static func string(from date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    /// Reads an ISO 8601 date-time with a `Z` or `±hh:mm` zone and optional fractional seconds, or a bare date (midnight UTC).
    static func date(from string: String) -> Date? {
        let styles = [
            Date.ISO8601FormatStyle(),
            Date.ISO8601FormatStyle(includingFractionalSeconds: true),
            Date.ISO8601FormatStyle().year().month().day(),
        ]
        for style in styles {
            if let date = try? style.parse(string) { return date }
        }
        return nil
    }
}
