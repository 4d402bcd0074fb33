import EventKit
import Foundation
import TranscriptKit

/// The build step "events": `/events/` (the calendar's years and months), `/events/<year>/` (a year's events),
/// one page per event under `/events/<slug>/`, and `/events.ics`.
///
/// Runs after the pages and copied files are in the staging folder and before "feeds & data", so the sitemap lists
/// the event pages. The event index itself (`SiteEvents`) is built once, right after the site index, because
/// transcript, company, quarter and speaker pages link to events too.
enum EventsStep {
    /// What the step wrote.
    struct Outcome {
        /// Event pages written (not counting `/events/` and the year pages).
        var eventPages = 0
        /// Year pages written (`/events/<year>/`).
        var yearPages = 0
        /// Events in `/events.ics`; nil when no event has calendar-ready dates (then no file is written).
        var calendarEvents: Int?
        /// Content files replaced by generated ones.
        var warnings: [Diagnostic] = []
    }

    /// One page of the step.
    private enum Page: Sendable {
        case calendar
        case year(Int)
        case event(Int)
    }

    /// Loads `Content/events.yml` (missing → no curation).
    static func curation(_ options: BuildOptions) throws(Diagnostic) -> EventCuration {
        try EventCuration.load(from: options.content.appendingPathComponent(EventCuration.fileName), display: "Content/\(EventCuration.fileName)")
    }

    /// Renders and writes the step's files into `tree`.
    /// An event page none of whose inputs changed since the last build (`dependencies`) is kept without being built.
    static func write(contexts: PageContexts, theme: Theme, tree: OutputTree, headExtra: String?, parallelism: Int,
                      dependencies: PageDependencies, log: @Sendable (Diagnostic) -> Void) async throws -> Outcome {
        var outcome = Outcome()
        let events = contexts.events
        let pages = [Page.calendar] + contexts.calendar.years.indices.map(Page.year) + events.events.indices.map(Page.event)
        _ = try await concurrentMap(pages, width: parallelism) { _, page -> Bool in
            let (key, path): (ContentDigest, OutputPath) = switch page {
            case .calendar: (dependencies.eventsPage(contexts: contexts), EventCalendar.path)
            case .year(let position): (dependencies.eventsYear(position, contexts: contexts), contexts.calendar.years[position].path)
            case .event(let position): (dependencies.event(position, contexts: contexts), events.events[position].pagePath)
            }
            if tree.keep(path, dependencies: key) { return true }
            let job = switch page {
            case .calendar: contexts.eventsPage()
            case .year(let position): contexts.eventsYearPage(position)
            case .event(let position): contexts.eventPage(position)
            }
            var context = job.context
            if let headExtra { context["head"] = ["extra": headExtra] }
            try theme.write(job.template, context, to: job.path, in: tree, dependencies: key)
            return true
        }
        outcome.eventPages = events.events.count
        outcome.yearPages = contexts.calendar.years.count
        let calendarEvents = events.calendarEvents
        guard !calendarEvents.isEmpty else { return outcome }
        let path = SiteEvents.calendarPath
        if tree.contains(path) {
            let warning = Diagnostic(.warning, file: "Content/\(path)", "replaced by the generated \(path)")
            log(warning)
            outcome.warnings.append(warning)
        }
        try tree.write(key: dependencies.calendar(contexts: contexts), to: path) {
            ICalendar.document(events, index: contexts.index, config: contexts.config) ?? ""
        }
        outcome.calendarEvents = calendarEvents.count
        return outcome
    }
}

/// Writes `/events.ics` (RFC 5545): CRLF line ends, lines folded at 75 octets, TEXT values escaped, all-day events as
/// `VALUE=DATE`, UIDs from the event page's URL (stable across builds, ``uid(_:config:)``) and DTSTAMP from the newest
/// call that mentions the event (never the build time), so two builds of the same content give the same file.
enum ICalendar {
    /// The event's UID: a name-based UUID (RFC 4122 version 5) of its page's absolute URL with a base URL, else of the
    /// site title and the page's path, as the Atom feeds' ids are made. RFC 5545 wants it globally unique: two
    /// archives listing the same conference, or a preview and the published site, must not give one event twice.
    static func uid(_ event: SiteEvent, config: SiteConfig) -> String {
        let name = config.baseURL.map { SiteURL.absolute(event.pageURL, base: $0) } ?? "sitegen:\(config.title)\u{1F}\(event.pageURL)"
        return String(NameUUID.urn(name).dropFirst("urn:uuid:".count))
    }

    /// The calendar of every event with calendar-ready dates; nil when there is none (a VCALENDAR needs a component).
    static func document(_ events: SiteEvents, index: SiteIndex, config: SiteConfig) -> String? {
        let positions = events.calendarEvents
        guard !positions.isEmpty else { return nil }
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//sitegen//Events//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + text("\(config.title) · events"),
        ]
        for position in positions {
            let event = events.events[position]
            guard let dates = event.dates else { continue }
            let stamp = event.calls.compactMap { index.calls[$0].outline.date }.max().map(Self.timestamp) ?? "\(dates.start.basic)T000000Z"
            lines += ["BEGIN:VEVENT", "UID:" + uid(event, config: config), "DTSTAMP:\(stamp)",
                      "DTSTART;VALUE=DATE:\(dates.start.basic)", "DTEND;VALUE=DATE:\(dates.end.adding(days: 1).basic)",
                      "SUMMARY:" + text(event.name)]
            if let place = event.place { lines.append("LOCATION:" + text(place)) }
            lines.append("DESCRIPTION:" + text(description(event, dates: dates, index: index)))
            lines.append("CATEGORIES:" + text(event.category.label))
            if let base = config.baseURL {
                lines.append("URL:\(base)\(event.pageURL)")
            } else if let website = event.url {
                lines.append("URL:\(website)")
            }
            lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// The event in a few sentences: kind, host, how exact the dates are, the calls that mention it, notes.
    static func description(_ event: SiteEvent, dates: EventDates, index: SiteIndex) -> String {
        var lead = event.category.label + (event.host.map { " hosted by \($0)" } ?? "")
        if !lead.hasSuffix(".") { lead += "." }
        var parts = [lead]
        if dates.precision == .week { parts.append("Exact days not announced: \(dates.display).") }
        let calls = event.calls.map { call -> String in
            let item = index.calls[call]
            return "\(item.companyName) \(PageContexts.kindLabel(item.outline.kind).lowercased())" +
                (item.outline.fiscalPeriod.map { " (\($0.label))" } ?? "")
        }
        if !calls.isEmpty { parts.append("Mentioned in: \(calls.joined(separator: "; ")).") }
        if let notes = event.notes { parts.append(notes) }
        return parts.joined(separator: "\n")
    }

    /// "20121025T203000Z".
    static func timestamp(_ date: Date) -> String {
        let parts = Calendar.utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
    }

    /// A TEXT value: backslash, semicolon and comma escaped, line breaks as `\n`.
    static func text(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n", "\r\n", "\r": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }

    /// Splits a content line into lines of at most 75 octets, each continuation starting with one space, never
    /// inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        let bytes = Array(line.utf8)
        guard bytes.count > 75 else { return line }
        var pieces: [[UInt8]] = []
        var start = 0
        var limit = 75
        while start < bytes.count {
            var end = min(start + limit, bytes.count)
            while end < bytes.count, end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            pieces.append(Array(bytes[start..<end]))
            start = end
            limit = 74
        }
        return pieces.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\r\n ")
    }
}
