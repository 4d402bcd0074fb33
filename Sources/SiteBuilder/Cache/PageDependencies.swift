import EventKit
import Foundation
import TranscriptKit

/// Cheap digests of what each generated page's context is computed from, so an incremental build skips the pages none
/// of whose inputs changed without building their contexts at all (dependency tracking, as Hugo does).
///
/// A page's dependency key is the digest of the archive-wide part every page may show (`global`: templates, config,
/// the companies table, the feed plan) plus the digests of the calls and events the page lists. A call's digest covers
/// its source bytes and path (hence its whole outline), its URL, its company (and the name it shows) and the speaker slugs of its
/// participants (with the name the people table gives them, which company pages show); an event's digest is that of
/// the event item the lists show (plus the listed calls). When a page's key equals the one the last
/// build recorded for the same path and the file is still as written, `OutputTree.keep` keeps it; otherwise its
/// context is built and its content key decides, as before, whether it is written.
struct PageDependencies: Sendable {
    /// Templates, options, config, feed plan and the companies table.
    let global: ContentDigest
    /// One digest per call (indexes as `SiteIndex.calls`).
    let calls: [ContentDigest]

    init(contexts: PageContexts, theme: Theme, headExtra: String?) {
        let index = contexts.index
        let config = contexts.config
        var hasher = DigestHasher()
        hasher.combine("sitegen page dependencies 1")
        hasher.combine(theme.fingerprint)
        hasher.combine(headExtra ?? "\u{0}")
        for part in [config.title, config.description, config.baseURL ?? "\u{0}", config.theme] { hasher.combine(part) }
        hasher.combine(contexts.feeds.hasSiteFeed ? 1 : 0)
        for company in contexts.feeds.companyCalls.keys.sorted() { hasher.combine(company) }
        hasher.combine(index.companies.count)
        for company in index.companies {
            for part in [company.slug, company.name, company.ticker ?? "\u{0}", company.sector ?? "\u{0}", company.website ?? "\u{0}"] {
                hasher.combine(part)
            }
            hasher.combine(company.aliases.count)
            for alias in company.aliases { hasher.combine(alias) }
        }
        global = hasher.finalize()

        // On every core: ten thousand calls, a dozen participants each.
        calls = concurrentPerformMap(index.calls.count) { position in
            let call = index.calls[position]
            var hasher = DigestHasher()
            hasher.combine(call.digest)
            hasher.combine(call.source)
            hasher.combine(call.url)
            hasher.combine(call.company)
            hasher.combine(call.companyName)
            for participant in call.outline.participants {
                hasher.combine(participant.name)
                let slug = index.personSlug(call: position, name: participant.name)
                hasher.combine(slug ?? "\u{0}")
                hasher.combine(slug.flatMap(index.listedName) ?? "\u{0}")
            }
            return hasher.finalize()
        }
    }

    /// A company page: the company, its calls, the events they mention and the stand-ins among its analysts.
    func company(_ position: Int, contexts: PageContexts) -> ContentDigest {
        let company = contexts.index.companies[position]
        var hasher = start("company", company.slug)
        addCalls(company.calls, to: &hasher)
        let calls = Set(company.calls)
        addEvents(contexts.events.events(ofCalls: company.calls), scope: calls, contexts: contexts, to: &hasher)
        for slug in contexts.events.standIns.keys.sorted() {
            for note in contexts.events.standIns[slug]! where calls.contains(note.call) {
                hasher.combine(slug)
                add(note, to: &hasher)
            }
        }
        return hasher.finalize()
    }

    /// A quarter page: the quarter, its calls and the events they mention.
    func quarter(_ position: Int, contexts: PageContexts) -> ContentDigest {
        let quarter = contexts.index.quarters[position]
        var hasher = start("quarter", quarter.period.slug)
        addCalls(quarter.calls, to: &hasher)
        addEvents(contexts.events.events(ofCalls: quarter.calls), scope: Set(quarter.calls), contexts: contexts, to: &hasher)
        return hasher.finalize()
    }

    /// A speaker page: the person, each appearance (call, role then, turns), their events and stand-ins.
    func speaker(_ position: Int, contexts: PageContexts) -> ContentDigest {
        let person = contexts.index.people[position]
        var hasher = start("speaker", person.slug)
        hasher.combine(person.name)
        hasher.combine(person.appearances.count)
        for appearance in person.appearances {
            hasher.combine(calls[appearance.call])
            let participant = appearance.participant
            for part in [participant.name, participant.group.rawValue, participant.affiliation ?? "\u{0}", participant.title ?? "\u{0}"] {
                hasher.combine(part)
            }
            hasher.combine(appearance.turns.count)
            for turn in appearance.turns { hasher.combine(turn) }
        }
        let tied = contexts.events.byPerson[person.slug] ?? []
        addEvents(tied.map(\.event), scope: Set(person.appearances.map(\.call)), contexts: contexts, to: &hasher)
        for entry in tied {
            hasher.combine(entry.role.rawValue)
            hasher.combine(entry.note ?? "\u{0}")
        }
        let notes = contexts.events.standIns[person.slug] ?? []
        hasher.combine(notes.count)
        for note in notes { add(note, to: &hasher) }
        return hasher.finalize()
    }

    /// A transcript page: the call, its neighbours in the pager and its cross-links (the text comes with the call's digest).
    func transcript(_ position: Int, contexts: PageContexts) -> ContentDigest {
        let index = contexts.index
        let call = index.calls[position]
        var hasher = start("transcript", call.url)
        hasher.combine(calls[position])
        let siblings = index.companies[call.company].calls
        if let place = siblings.firstIndex(of: position) {
            hasher.combine(place + 1 < siblings.count ? calls[siblings[place + 1]] : ContentDigest(high: 0, low: 0))
            hasher.combine(place > 0 ? calls[siblings[place - 1]] : ContentDigest(high: 0, low: 0))
        }
        Self.addLinks(contexts.events.links[position] ?? [:], to: &hasher)
        return hasher.finalize()
    }

    /// A call's cross-links, in paragraph order: everything the links put into its page's text.
    static func addLinks(_ links: [ParagraphRef: [InlineLink]], to hasher: inout DigestHasher) {
        hasher.combine(links.count)
        for ref in links.keys.sorted(by: { ($0.turn, $0.paragraph) < ($1.turn, $1.paragraph) }) {
            hasher.combine(ref.turn)
            hasher.combine(ref.paragraph)
            for link in links[ref]! {
                for part in [link.text, link.url, link.kind.rawValue] { hasher.combine(part) }
                hasher.combine(link.occurrence)
                hasher.combine(link.offset)
            }
        }
    }

    /// An event page: everything the event holds (mentions with their sentences, participants) and the calls it names.
    func event(_ position: Int, contexts: PageContexts) -> ContentDigest {
        let event = contexts.events.events[position]
        var hasher = start("event", event.slug)
        for part in [event.name, event.category.rawValue, event.place ?? "\u{0}", event.host ?? "\u{0}", event.url ?? "\u{0}",
                     event.notes ?? "\u{0}"] {
            hasher.combine(part)
        }
        Self.add(event.dates, to: &hasher)
        hasher.combine(event.dates?.isCalendarReady == true ? 1 : 0)
        hasher.combine(event.dates?.start.year ?? event.year ?? 0)
        hasher.combine(event.isCurated ? 1 : 0)
        hasher.combine(event.aliases.count)
        for alias in event.aliases { hasher.combine(alias) }
        hasher.combine(event.mentions.count)
        for mention in event.mentions {
            hasher.combine(calls[mention.call])
            hasher.combine(mention.turn)
            hasher.combine(mention.paragraph)
            hasher.combine(mention.sentence)
            hasher.combine(mention.speaker)
        }
        hasher.combine(event.participants.count)
        for participant in event.participants {
            for part in [participant.name, participant.personSlug ?? "\u{0}", participant.role.rawValue, participant.note ?? "\u{0}"] {
                hasher.combine(part)
            }
        }
        addCalls(event.calls, to: &hasher)
        return hasher.finalize()
    }

    /// `/events.ics`: each calendar event's own fields and, for the calls that mention it, what the calendar says of
    /// them (company, kind, quarter and date); a call's text is not in the calendar, so editing it keeps the file.
    func calendar(contexts: PageContexts) -> ContentDigest {
        let index = contexts.index
        var hasher = start("calendar", SiteEvents.calendarPath.description)
        let positions = contexts.events.calendarEvents
        hasher.combine(positions.count)
        for position in positions {
            let event = contexts.events.events[position]
            for part in [event.slug, event.name, event.category.rawValue, event.place ?? "\u{0}", event.host ?? "\u{0}", event.url ?? "\u{0}",
                         event.notes ?? "\u{0}"] {
                hasher.combine(part)
            }
            Self.add(event.dates, to: &hasher)
            hasher.combine(event.calls.count)
            for call in event.calls {
                let outline = index.calls[call].outline
                hasher.combine(index.calls[call].company)
                hasher.combine(outline.kind.rawValue)
                hasher.combine(outline.fiscalPeriod?.label ?? "\u{0}")
                hasher.combine(outline.date.map { Int($0.timeIntervalSince1970 * 1000) } ?? Int.min)
            }
        }
        return hasher.finalize()
    }

    /// The speakers page: every person, surname first, with their latest role and how many calls they spoke in.
    func speakersPage(contexts: PageContexts) -> ContentDigest {
        let index = contexts.index
        var hasher = start("speakers", "")
        hasher.combine(index.people.count)
        for position in index.peopleBySurname {
            let person = index.people[position]
            let latest = person.appearances[0].participant
            for part in [person.slug, person.name, latest.group.rawValue, latest.affiliation ?? "\u{0}", latest.title ?? "\u{0}"] {
                hasher.combine(part)
            }
            hasher.combine(person.appearances.count)
        }
        return hasher.finalize()
    }

    /// The companies page: every company (in `global`) with its number of calls and its latest call.
    func companiesPage(contexts: PageContexts) -> ContentDigest {
        var hasher = start("companies", "")
        for company in contexts.index.companies {
            hasher.combine(company.calls.count)
            hasher.combine(company.calls.first.map { calls[$0] } ?? ContentDigest(high: 0, low: 0))
        }
        return hasher.finalize()
    }

    /// `/events/`: the calendar's years and months with their counts, and the items of the events it lists (every event
    /// when the calendar is inline, else those with no year), with their months and whether they are in the calendar.
    func eventsPage(contexts: PageContexts) -> ContentDigest {
        var hasher = start("events", "")
        let calendar = contexts.calendar
        hasher.combine(calendar.isInline ? 1 : 0)
        for year in calendar.years {
            hasher.combine(year.year)
            hasher.combine(year.undated.count)
            hasher.combine(year.months.count)
            for month in year.months {
                hasher.combine(month.month)
                hasher.combine(month.events.count)
            }
        }
        let events = contexts.events.events
        hasher.combine(events.count)
        hasher.combine(events.count { $0.dates != nil })
        hasher.combine(contexts.events.calendarEvents.count)
        addEventItems(calendar.isInline ? Array(events.indices) : calendar.yearless, contexts: contexts, to: &hasher)
        return hasher.finalize()
    }

    /// `/events/<year>/`: its neighbours, the items of its events with their months, and whether `events.ics` exists.
    func eventsYear(_ position: Int, contexts: PageContexts) -> ContentDigest {
        let calendar = contexts.calendar
        let year = calendar.years[position]
        var hasher = start("events year", String(year.year))
        hasher.combine(position > 0 ? calendar.years[position - 1].year : 0)
        hasher.combine(position + 1 < calendar.years.count ? calendar.years[position + 1].year : 0)
        hasher.combine(contexts.events.calendarEvents.isEmpty ? 0 : 1)
        addEventItems(year.dated, contexts: contexts, to: &hasher)
        addEventItems(year.undated, contexts: contexts, to: &hasher)
        return hasher.finalize()
    }

    /// A calendar page's list: each event's item, month and whether it is in `events.ics`.
    private func addEventItems(_ positions: [Int], contexts: PageContexts, to hasher: inout DigestHasher) {
        let events = contexts.events.events
        hasher.combine(positions.count)
        for position in positions {
            let event = events[position]
            hasher.combine(contexts.eventItems.digests[position])
            hasher.combine(event.dates.map { $0.start.year * 100 + $0.start.month } ?? -1)
            hasher.combine(event.dates?.isCalendarReady == true ? 1 : 0)
        }
    }

    /// A company's Atom feed: the company (in `global`) and the calls it lists.
    func companyFeed(_ position: Int, calls feedCalls: [Int], contexts: PageContexts) -> ContentDigest {
        var hasher = start("company feed", contexts.index.companies[position].slug)
        addCalls(feedCalls, to: &hasher)
        return hasher.finalize()
    }

    private func start(_ kind: String, _ name: String) -> DigestHasher {
        var hasher = DigestHasher()
        hasher.combine(global)
        hasher.combine(kind)
        hasher.combine(name)
        return hasher
    }

    private func addCalls(_ positions: [Int], to hasher: inout DigestHasher) {
        hasher.combine(positions.count)
        for position in positions { hasher.combine(calls[position]) }
    }

    /// Events as `PageContexts.eventItem(_:scope:)` shows them: the item and the calls of `scope` that mention it, in
    /// site order. Those are gathered from the few events each call of `scope` mentions, not by filtering every call of
    /// each event (an event of a large series is mentioned by hundreds of calls, and a quarter lists thousands of events).
    private func addEvents(_ positions: [Int], scope: Set<Int>, contexts: PageContexts, to hasher: inout DigestHasher) {
        var listed: [Int: [Int]] = [:]
        for call in scope.sorted() {
            for event in contexts.events.byCall[call] ?? [] { listed[event, default: []].append(call) }
        }
        hasher.combine(positions.count)
        for position in positions {
            hasher.combine(contexts.eventItems.digests[position])
            addCalls(listed[position] ?? [], to: &hasher)
        }
    }

    /// An event's dates as the numbers every form of them (shown, machine-readable, ISO) is made from.
    private static func add(_ dates: EventDates?, to hasher: inout DigestHasher) {
        guard let dates else { return hasher.combine(-1) }
        hasher.combine(dates.precision.rawValue)
        for day in [dates.start, dates.end] {
            hasher.combine(day.year)
            hasher.combine(day.month)
            hasher.combine(day.day)
        }
    }

    private func add(_ note: StandInNote, to hasher: inout DigestHasher) {
        hasher.combine(calls[note.call])
        hasher.combine(note.turn)
        for part in [note.analyst, note.announced, note.firm ?? "\u{0}", note.sentence, note.forLabel] { hasher.combine(part) }
    }
}
