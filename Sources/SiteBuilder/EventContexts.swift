import EventKit
import Foundation
import TranscriptKit

/// Every event's list item without its page-specific part (`mentionedIn`, `more`), made once per build, and the digest
/// of each.
///
/// Immutable after `init` and holding only strings, numbers, arrays and dictionaries of them, so sharing it between the
/// tasks that render pages is safe although `[String: Any]` is not `Sendable`.
final class EventItems: @unchecked Sendable {
    /// The item of each event (indexes as `SiteEvents.events`).
    let items: [[String: Any]]
    /// `ContextDigest` of each item.
    let digests: [ContentDigest]

    init(index: SiteIndex, events: SiteEvents) {
        items = events.events.map { Self.item($0) }
        digests = items.map { item in
            var hasher = DigestHasher()
            ContextDigest.add(item, to: &hasher)
            return hasher.finalize()
        }
    }

    /// An event in a list: name, kind, when, where, host and how many calls mention it.
    static func item(_ event: SiteEvent) -> [String: Any] {
        var item: [String: Any] = [
            "name": event.name, "url": event.pageURL, "kind": event.category.rawValue, "kindLabel": event.category.label,
            "when": event.dates?.display ?? "Date not announced", "mentionCount": event.mentions.count, "callCount": event.calls.count,
        ]
        if let iso = event.dates?.machineReadable { item["whenISO"] = iso }
        if let place = event.place { item["place"] = place }
        if let host = event.host { item["host"] = host }
        return item
    }
}

/// Template contexts for the events step and the event lists on company, quarter, speaker and transcript pages.
extension PageContexts {
    // MARK: Items

    /// An event in a list: name, kind, when, where, host; `mentionedIn`, the calls of `scope` that mention it (a
    /// company's, a quarter's, a speaker's calls), and `more` {`count`, `label`, `url`} for the others, which its own
    /// page lists. Without a scope (the events page) `mentionedIn` is empty and `more` counts every call. A page thus
    /// lists its own calls only: listing every mention of a conference on every page that names it made company
    /// pages grow with the square of the archive (95% of a company page at 10,000 calls).
    func eventItem(_ position: Int, scope: Set<Int>?) -> [String: Any] {
        let event = events.events[position]
        var item = eventItems.items[position]
        let listed = scope.map { scope in event.calls.filter { scope.contains($0) } } ?? []
        item["mentionedIn"] = listed.map { call -> [String: Any] in
            let entry = index.calls[call]
            return ["label": label(of: entry), "url": entry.url, "companyName": entry.companyName]
        }
        let others = event.calls.count - listed.count
        if others > 0 {
            let noun = others == 1 ? "call" : "calls"
            item["more"] = ["count": others, "url": event.pageURL, "label": listed.isEmpty ? "\(others) \(noun)" : "\(others) other \(noun)"]
        }
        return item
    }

    /// Transcript paragraphs with their event, company and speaker links added.
    func crossLinked(_ paragraphs: [String], call: Int, turn: Int, root: String) -> [String] {
        guard let byParagraph = events.links[call] else { return paragraphs }
        return paragraphs.enumerated().map { offset, html in
            guard let links = byParagraph[ParagraphRef(turn: turn, paragraph: offset + 1)] else { return html }
            return InlineLinker.apply(links, to: html, root: root)
        }
    }

    // MARK: Lists on other pages

    /// `events` on a company page: the events its calls mention; analysts who stood in for someone get a `note`
    /// (and, when their own firm is unknown, the firm the operator named as their `role`).
    func addEvents(company position: Int, to context: inout [String: Any]) {
        let company = index.companies[position]
        let scope = Set(company.calls)
        context["events"] = events.events(ofCalls: company.calls).map { eventItem($0, scope: scope) }
        guard let analysts = context["analysts"] as? [[String: Any]] else { return }
        context["analysts"] = analysts.map { item -> [String: Any] in
            guard let url = item["url"] as? String else { return item }
            let slug = String(url.dropFirst("speakers/".count).dropLast())
            let notes = (events.standIns[slug] ?? []).filter { company.calls.contains($0.call) }
            guard !notes.isEmpty else { return item }
            var annotated = item
            annotated["note"] = "Stood in for " + Self.distinct(notes.map(\.forLabel)).joined(separator: ", ")
            // Coverage stays with the firm: a stand-in listed without a firm takes the one the operator named.
            if (item["role"] as? String ?? "").isEmpty, let firm = notes.compactMap(\.firm).first { annotated["role"] = firm }
            return annotated
        }
    }

    /// `events` on a quarter page: the events that quarter's calls mention.
    func addEvents(quarter position: Int, to context: inout [String: Any]) {
        let calls = index.quarters[position].calls
        let scope = Set(calls)
        context["events"] = events.events(ofCalls: calls).map { eventItem($0, scope: scope) }
    }

    /// `events` (with the person's role) and `standIns` on a speaker page.
    func addEvents(person: Person, to context: inout [String: Any]) {
        let scope = Set(person.appearances.map(\.call))
        context["events"] = (events.byPerson[person.slug] ?? []).map { entry -> [String: Any] in
            var item = eventItem(entry.event, scope: scope)
            item["roleLabel"] = entry.role.label
            if let note = entry.note { item["note"] = note }
            return item
        }
        context["standIns"] = (events.standIns[person.slug] ?? []).map { note -> [String: Any] in
            let call = index.calls[note.call]
            return ["forLabel": note.forLabel, "label": label(of: call), "title": call.outline.title,
                    "url": call.url, "sentence": note.sentence]
        }
    }

    static func distinct(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    // MARK: Pages

    /// `/events/`: the calendar's years, newest first, each with its months; every event as well, month by month, when
    /// the calendar is small (`EventCalendar.isInline`), else only the events with no year at all.
    func eventsPage() -> PageJob {
        let path = EventCalendar.path
        var context = common(path: path, kind: .events, title: "Events",
                             description: "The conferences, shows, company events and calls the earnings calls mention, year by year and month by month.")
        let calendar = self.calendar
        context["years"] = calendar.years.reversed().map { year -> [String: Any] in
            [
                "year": year.year, "label": String(year.year), "url": year.url, "count": year.count,
                "countLabel": Self.eventCount(year.count), "undatedCount": year.undated.count, "hasUndated": !year.undated.isEmpty,
                "months": year.months.map { month -> [String: Any] in
                    let key = Self.monthKey(year.year, month.month)
                    return ["id": "month-\(key)", "label": Self.monthLabel(year.year, month.month),
                            "shortLabel": String(EventDay.monthNames[month.month - 1].prefix(3)), "monthISO": key,
                            "url": "\(year.url)#month-\(key)", "count": month.events.count, "countLabel": Self.eventCount(month.events.count)]
                },
            ]
        }
        context["isInline"] = calendar.isInline
        context["months"] = calendar.isInline ? calendar.years.flatMap { monthSections($0) } : []
        let undated = calendar.isInline ? events.events.indices.filter { events.events[$0].dates == nil } : calendar.yearless
        context["undated"] = undated.map { eventItem($0, scope: nil) }
        context["hasUndated"] = !undated.isEmpty
        context["counts"] = ["events": events.events.count, "dated": events.events.count { $0.dates != nil }, "calendar": events.calendarEvents.count]
        if !events.calendarEvents.isEmpty { context["calendarURL"] = SiteEvents.calendarPath.description }
        return PageJob(path: path, template: "events", kind: .events, context: context)
    }

    /// `/events/<year>/`: the events that start in the year, month by month, then the undated ones mentioned for it,
    /// with links to the years before and after. It shows nothing of other years' events (no site-wide counts), so a
    /// change elsewhere in the calendar leaves it as it is.
    func eventsYearPage(_ position: Int) -> PageJob {
        let calendar = self.calendar
        let year = calendar.years[position]
        let path = year.path
        var context = common(path: path, kind: .eventsYear, title: "Events in \(year.year)",
                             description: "The conferences, shows, company events and calls of \(year.year) that the earnings calls mention, month by month.")
        context["year"] = ["year": year.year, "label": String(year.year), "count": year.count, "countLabel": Self.eventCount(year.count)]
        context["months"] = monthSections(year)
        context["undated"] = year.undated.map { eventItem($0, scope: nil) }
        context["hasUndated"] = !year.undated.isEmpty
        if position > 0 {
            let previous = calendar.years[position - 1]
            context["previous"] = ["label": String(previous.year), "url": previous.url]
        }
        if position + 1 < calendar.years.count {
            let next = calendar.years[position + 1]
            context["next"] = ["label": String(next.year), "url": next.url]
        }
        if !events.calendarEvents.isEmpty { context["calendarURL"] = SiteEvents.calendarPath.description }
        return PageJob(path: path, template: "events-year", kind: .eventsYear, context: context)
    }

    /// A year's months as the calendar lists them: `id`, `label`, `monthISO` and the month's event items.
    private func monthSections(_ year: EventCalendar.Year) -> [[String: Any]] {
        year.months.map { month -> [String: Any] in
            let key = Self.monthKey(year.year, month.month)
            return ["id": "month-\(key)", "label": Self.monthLabel(year.year, month.month), "monthISO": key,
                    "events": month.events.map { eventItem($0, scope: nil) }]
        }
    }

    /// "2012-11".
    private static func monthKey(_ year: Int, _ month: Int) -> String {
        String(format: "%04d-%02d", year, month)
    }

    /// "November 2012".
    private static func monthLabel(_ year: Int, _ month: Int) -> String {
        "\(EventDay.monthNames[month - 1]) \(year)"
    }

    /// "1 event", "612 events".
    private static func eventCount(_ count: Int) -> String {
        count == 1 ? "1 event" : "\(count) events"
    }

    /// `/events/<slug>/`: what, when, where, host, who took part and every mention with its sentence.
    func eventPage(_ position: Int) -> PageJob {
        let event = events.events[position]
        let path = event.pagePath
        var summary = event.category.label
        if let dates = event.dates { summary += ", \(dates.display)" }
        if let place = event.place { summary += ", \(place)" }
        var context = common(path: path, kind: .event, title: event.name,
                             description: "\(event.name): \(summary). Mentioned in \(event.calls.count) call\(event.calls.count == 1 ? "" : "s").")
        var info: [String: Any] = [
            "name": event.name, "kind": event.category.rawValue, "kindLabel": event.category.label,
            "when": event.dates?.display ?? "Date not announced", "aliases": event.aliases, "isCurated": event.isCurated,
        ]
        if let iso = event.dates?.machineReadable { info["whenISO"] = iso }
        if let year = event.dates?.start.year ?? event.year {
            info["year"] = ["label": String(year), "url": EventCalendar.url(year: year)]
        }
        if let place = event.place { info["place"] = place }
        if let host = event.host { info["host"] = host }
        if let notes = event.notes { info["notes"] = notes }
        if let website = event.url { info["website"] = website }
        context["event"] = info
        context["participants"] = event.participants.map { participant -> [String: Any] in
            var item: [String: Any] = ["name": participant.name, "roleLabel": participant.role.label]
            if let slug = participant.personSlug { item["url"] = "speakers/\(slug)/" }
            if let note = participant.note { item["note"] = note }
            return item
        }
        context["hasParticipants"] = !event.participants.isEmpty
        context["mentionsByCall"] = event.calls.map { call -> [String: Any] in
            let item = index.calls[call]
            var group: [String: Any] = [
                "label": label(of: item), "title": item.outline.title, "url": item.url,
                "companyName": item.companyName, "companyURL": index.companies[item.company].url,
                "mentions": event.mentions.filter { $0.call == call }.map { mention -> [String: Any] in
                    ["sentence": mention.sentence, "url": "\(item.url)#\(mention.anchor)", "speakerName": mention.speaker,
                     "anchorLabel": "Turn \(mention.turn), paragraph \(mention.paragraph)"]
                },
            ]
            if let date = item.outline.date {
                group["dateISO"] = DateText.iso(date)
                group["dateDisplay"] = DateText.display(date, zone: item.outline.statedTimeZone)
            }
            return group
        }
        context["mentionCount"] = event.mentions.count
        if event.dates?.isCalendarReady == true { context["calendarURL"] = SiteEvents.calendarPath.description }
        return PageJob(path: path, template: "event", kind: .event, context: context)
    }
}
