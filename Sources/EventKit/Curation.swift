import Foundation
import TranscriptKit
import Yams

/// An event as the archivist describes it in `Content/events.yml`.
public struct CuratedEvent: Sendable, Hashable {
    /// The name shown on its page.
    public var name: String
    /// Other spellings; mentions using any of them belong to this event ("TelcoTV", "TelcoTV 2012").
    public var aliases: [String]
    /// The kind, when given.
    public var category: EventCategory?
    /// The dates, when given (`date`, `start` + `end`, or `week`).
    public var dates: EventDates?
    /// Where, as it should be shown ("Las Vegas, Nevada").
    public var place: String?
    /// Who organises it.
    public var host: String?
    /// Its website (absolute http or https URL).
    public var url: String?
    /// Free text shown on its page.
    public var notes: String?
    /// The line of the entry in the file, for diagnostics.
    public var line: Int?

    /// Creates an entry.
    public init(name: String, aliases: [String] = [], category: EventCategory? = nil, dates: EventDates? = nil, place: String? = nil,
                host: String? = nil, url: String? = nil, notes: String? = nil, line: Int? = nil) {
        self.name = name
        self.aliases = aliases
        self.category = category
        self.dates = dates
        self.place = place
        self.host = host
        self.url = url
        self.notes = notes
        self.line = line
    }

    /// The name and every alias.
    public var spellings: [String] { [name] + aliases }
}

/// The curation file `Content/events.yml`: events the archivist names, merges, corrects or adds.
///
/// ```yaml
/// - name: TelcoTV 2012
///   aliases: [TelcoTV]
///   kind: industry-event        # investor-conference | industry-event | company-event | call
///   date: 2012-10-25            # or start: … and end: …, or week: <a day of that week>
///   place: Las Vegas, Nevada
///   host: UBM
///   url: https://www.telcotv.com
///   notes: Carl Russo gave the keynote.
/// ```
///
/// The file may also be a mapping with the list under `events:`. A missing file is no curation.
public struct EventCuration: Sendable, Hashable {
    /// The file's name under `Content/`.
    public static let fileName = "events.yml"

    /// The entries, in file order.
    public var events: [CuratedEvent]

    /// A curation with these entries.
    public init(events: [CuratedEvent] = []) {
        self.events = events
    }

    /// Reads the file at `url`; a missing file gives an empty curation. `display` names it in diagnostics.
    public static func load(from url: URL, display: String) throws(Diagnostic) -> EventCuration {
        guard FileManager.default.fileExists(atPath: url.path) else { return EventCuration() }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw Diagnostic(.error, file: display, "cannot read the events file as UTF-8 text")
        }
        return try parse(text, path: display)
    }

    static let keys: Set<String> = ["name", "aliases", "kind", "date", "start", "end", "week", "place", "host", "url", "notes"]

    /// Parses the YAML text of a curation file; errors name the file and line.
    public static func parse(_ text: String, path: String = "Content/events.yml") throws(Diagnostic) -> EventCuration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Diagnostic(.error, file: path, line: error.sourceLine, "the events file is not valid YAML: \(error.reason)")
        } catch {
            throw Diagnostic(.error, file: path, "the events file could not be read: \(error)")
        }
        guard let root else { return EventCuration() }
        var list = root
        if let mapping = root.mapping {
            guard let events = mapping["events"] else {
                throw Diagnostic(.error, file: path, line: root.mark?.line, "expected a list of events, or a mapping with the list under 'events:'")
            }
            list = events
        }
        if case .scalar(let scalar) = list, scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" { return EventCuration() }
        guard let entries = list.sequence else {
            throw Diagnostic(.error, file: path, line: list.mark?.line, "expected a list of events (each starting with '- name:')")
        }
        var events: [CuratedEvent] = []
        for (position, node) in entries.enumerated() {
            events.append(try entry(node, position: position, path: path))
        }
        try checkSpellings(events, path: path)
        return EventCuration(events: events)
    }

    /// Refuses a spelling (name or alias, compared by `EventExtractor.key`, as mentions are matched) that two entries
    /// share unless their dates put them in different years: mentions of it could not tell which event they belong to.
    private static func checkSpellings(_ events: [CuratedEvent], path: String) throws(Diagnostic) {
        var byKey: [String: [(entry: Int, spelling: String)]] = [:]
        for (position, event) in events.enumerated() {
            var keys = Set<String>()
            for spelling in event.spellings {
                let key = EventExtractor.key(spelling)
                guard !key.isEmpty, keys.insert(key).inserted else { continue }
                for earlier in byKey[key] ?? [] {
                    let year = event.dates?.start.year, otherYear = events[earlier.entry].dates?.start.year
                    if let year, let otherYear, year != otherYear { continue }
                    let lines = [events[earlier.entry].line, event.line].map { $0.map(String.init) ?? "?" }
                    let written = earlier.spelling == spelling ? "" : " (written '\(earlier.spelling)' there)"
                    throw Diagnostic(.error, file: path, line: event.line,
                                     "'\(spelling)' is the name or alias of two events (lines \(lines[0]) and \(lines[1]))\(written); "
                                     + "give each spelling to one event, or each event a date in its own year")
                }
                byKey[key, default: []].append((position, spelling))
            }
        }
    }

    private static func entry(_ node: Node, position: Int, path: String) throws(Diagnostic) -> CuratedEvent {
        let line = node.mark?.line
        guard let mapping = node.mapping else {
            throw Diagnostic(.error, file: path, line: line, "event \(position + 1) should be a mapping with at least 'name:'")
        }
        func fail(_ key: String?, _ message: String) -> Diagnostic {
            let keyLine = key.flatMap { mapping[$0]?.mark?.line } ?? line
            return Diagnostic(.error, file: path, line: keyLine, message)
        }
        for (key, _) in mapping {
            guard let name = key.string, keys.contains(name) else {
                throw Diagnostic(.error, file: path, line: key.mark?.line,
                                 "unknown key '\(key.string ?? "?")' in event \(position + 1); expected one of \(keys.sorted().joined(separator: ", "))")
            }
        }
        func string(_ key: String) throws(Diagnostic) -> String? {
            guard let value = mapping[key] else { return nil }
            guard case .scalar(let scalar) = value else { throw fail(key, "'\(key)' should be text") }
            let text = scalar.string.trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : text
        }
        func day(_ key: String) throws(Diagnostic) -> EventDay? {
            guard let text = try string(key) else { return nil }
            guard let day = EventDay(iso: text) else { throw fail(key, "'\(key)' should be a date written YYYY-MM-DD, found '\(text)'") }
            return day
        }
        guard let name = try string("name") else { throw fail(nil, "event \(position + 1) has no 'name'") }
        var aliases: [String] = []
        if let value = mapping["aliases"] {
            if let items = value.sequence {
                for item in items {
                    guard let alias = item.string, !alias.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail("aliases", "'aliases' should be a list of names") }
                    aliases.append(alias.trimmingCharacters(in: .whitespaces))
                }
            } else if let alias = try string("aliases") {
                aliases = [alias]
            }
        }
        var category: EventCategory?
        if let kind = try string("kind") {
            let normalized = kind.lowercased().replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "_", with: "-")
            guard let value = EventCategory(rawValue: normalized) ?? EventCategory.allCases.first(where: { $0.label.lowercased() == kind.lowercased() }) else {
                throw fail("kind", "'kind' should be one of \(EventCategory.allCases.map(\.rawValue).joined(separator: ", ")), found '\(kind)'")
            }
            category = value
        }
        var dates: EventDates?
        let date = try day("date"), start = try day("start"), end = try day("end"), week = try day("week")
        if [date, start ?? end, week].compactMap({ $0 }).count > 1 {
            throw fail("date", "give one of 'date', 'start'/'end' or 'week' for '\(name)'")
        }
        if let date { dates = .day(date) }
        if let week { dates = .week(of: week) }
        if start != nil || end != nil {
            guard let start, let end else { throw fail(start == nil ? "end" : "start", "'start' and 'end' go together for '\(name)'") }
            guard start <= end else { throw fail("end", "'end' is before 'start' for '\(name)'") }
            dates = EventDates(start: start, end: end)
        }
        let url = try string("url")
        if let url {
            // URL(string:) quietly percent-encodes spaces and quotes, so they are refused first: the value is written as it is
            // into pages' links and the calendar's URL lines.
            guard !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || "\"'<>\\`{}|^".unicodeScalars.contains($0) }),
                  let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil else {
                throw fail("url", "'url' should be an absolute http(s) URL, found '\(url)'")
            }
        }
        return CuratedEvent(name: name, aliases: aliases, category: category, dates: dates, place: try string("place"),
                            host: try string("host"), url: url, notes: try string("notes"), line: line)
    }
}
