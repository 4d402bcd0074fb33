import Cmark
import Foundation
import TranscriptKit
import TranscriptMarkdown

/// One page to write: where, with which template, from which context.
struct PageJob {
    /// Output path, e.g. "companies/calx/index.html".
    let path: OutputPath
    /// The template name.
    let template: String
    /// The page kind, for the build summary.
    let kind: PageKind
    /// The template context, without the common keys (added when rendered).
    let context: [String: Any]
}

/// The kinds of page the build writes, counted in the summary.
public enum PageKind: String, Sendable, CaseIterable, Comparable, Codable {
    case home, companies, company, transcript, quarters, quarter, speakers, speaker, page, notfound, search, events
    case eventsYear = "events-year"
    case event

    public static func < (lhs: PageKind, rhs: PageKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Builds template contexts from the site index. All URLs are site-root-relative; templates prefix `root`.
struct PageContexts {
    let index: SiteIndex
    let config: SiteConfig
    /// The Atom feeds the build writes, so pages link only to feeds that exist.
    let feeds: FeedPlan
    /// Events, cross-links and stand-ins (EventContexts.swift); `.none` when a caller builds pages without them.
    let events: SiteEvents
    /// Where the full transcripts are; nil when a caller only builds index pages.
    let store: TranscriptStore?
    /// Every event's list item, made once per build (company, quarter and speaker pages repeat them), with digests.
    let eventItems: EventItems
    /// How the events calendar is split into pages.
    let calendar: EventCalendar

    init(index: SiteIndex, config: SiteConfig, events: SiteEvents = .none, store: TranscriptStore? = nil,
         calendarInlineLimit: Int = EventCalendar.inlineLimit) {
        self.index = index
        self.config = config
        self.events = events
        self.store = store
        feeds = FeedPlan(index: index)
        eventItems = EventItems(index: index, events: events)
        calendar = EventCalendar(events.events, inlineLimit: calendarInlineLimit)
    }

    /// The full transcript of call `position`, read back from the build's store.
    func transcript(of position: Int) throws -> Transcript {
        guard let store else { throw Diagnostic(.error, "internal: no transcript store for \(index.calls[position].source)") }
        do { return try store.load(index.calls[position].digest, source: index.calls[position].source) } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw Diagnostic(.error, file: index.calls[position].source, "cannot read the transcript again: \(error)")
        }
    }

    // MARK: Common

    /// The relative prefix from a page's folder to the site root ("../../" for "companies/calx/index.html").
    static func root(for path: OutputPath) -> String {
        String(repeating: "../", count: path.components.count - 1)
    }

    /// Keys every page gets: site, root, page, generator, head.
    func common(path: OutputPath, kind: PageKind, title: String, description: String, rootOverride: String? = nil) -> [String: Any] {
        var page: [String: Any] = [
            "title": title == config.title ? title : "\(title) · \(config.title)",
            "shortTitle": title,
            "description": description,
            "kind": kind.rawValue,
            "ogType": kind == .transcript ? "article" : "website",
        ]
        if let base = config.baseURL {
            var folder = path.description
            if folder.hasSuffix("index.html") { folder.removeLast("index.html".count) }
            page["canonical"] = base + folder
        }
        if feeds.hasSiteFeed { page["feeds"] = [["title": config.title, "url": FeedPlan.sitePath.description]] }
        return [
            "root": rootOverride ?? Self.root(for: path),
            "site": ["title": config.title, "description": config.description],
            "page": page,
            "generator": "sitegen",
        ]
    }

    /// Adds the company's feed, when it has one, to `page.feeds` (the `<link rel="alternate">` list in the head).
    func addCompanyFeed(_ position: Int, to context: inout [String: Any]) {
        guard feeds.companyCalls[position] != nil, var page = context["page"] as? [String: Any] else { return }
        let company = index.companies[position]
        let feed: [String: Any] = ["title": "\(company.name) calls · \(config.title)", "url": FeedPlan.companyPath(company).description]
        page["feeds"] = ((page["feeds"] as? [[String: Any]]) ?? []) + [feed]
        context["page"] = page
    }

    // MARK: Items

    /// The summary of a call used in every list.
    func callItem(_ position: Int) -> [String: Any] {
        let call = index.calls[position]
        let transcript = call.outline
        let company = index.companies[call.company]
        var item: [String: Any] = [
            "url": call.url,
            "title": transcript.title,
            "label": label(of: call),
            "companyName": call.companyName,
            "companyURL": company.url,
            "kindLabel": Self.kindLabel(transcript.kind),
            "turnCount": transcript.turns.count,
            "speakerCount": Set(transcript.turns.map(\.speaker)).count,
        ]
        if let ticker = company.ticker { item["ticker"] = ticker }
        if let period = transcript.fiscalPeriod {
            item["period"] = period.label
            item["periodURL"] = "quarters/\(period.slug)/"
        }
        if let date = transcript.date {
            item["dateISO"] = DateText.iso(date)
            item["dateDisplay"] = DateText.display(date, zone: transcript.statedTimeZone)
        }
        return item
    }

    /// "Q3 2012 earnings call", else the date, else the title: link text that makes sense alone.
    func label(of call: Call) -> String {
        Self.label(of: call)
    }

    /// "Q3 2012 earnings call", else the date, else the title.
    static func label(of call: Call) -> String {
        let transcript = call.outline
        let kind = Self.kindLabel(transcript.kind).lowercased()
        if let period = transcript.fiscalPeriod { return "\(period.label) \(kind)" }
        if let date = transcript.date { return "\(Self.kindLabel(transcript.kind)) of \(DateText.display(date, zone: transcript.statedTimeZone))" }
        return transcript.title
    }

    static func kindLabel(_ kind: EventKind) -> String {
        switch kind {
        case .earningsCall: return "Earnings call"
        case .conferencePresentation: return "Conference presentation"
        case .other: return "Call"
        }
    }

    static func groupLabel(_ group: ParticipantGroup) -> String {
        switch group {
        case .corporate: return "Executive"
        case .analyst: return "Analyst"
        case .operator: return "Operator"
        case .unidentified: return "Unidentified"
        }
    }

    func companyItem(_ position: Int) -> [String: Any] {
        let company = index.companies[position]
        var item: [String: Any] = ["name": company.name, "url": company.url, "callCount": company.calls.count]
        if let ticker = company.ticker { item["ticker"] = ticker }
        if let sector = company.sector { item["sector"] = sector }
        if let latest = company.calls.first, let date = index.calls[latest].outline.date {
            item["latestDisplay"] = DateText.display(date, zone: index.calls[latest].outline.statedTimeZone)
        }
        return item
    }

    func quarterItem(_ position: Int) -> [String: Any] {
        let quarter = index.quarters[position]
        return ["label": quarter.period.label, "url": "quarters/\(quarter.period.slug)/", "callCount": quarter.calls.count]
    }

    // MARK: Index pages

    /// How many companies and quarters the home page lists; the index pages list them all.
    static let homeListLength = 12

    func home() -> PageJob {
        let path = OutputPath("index.html")!
        let latest = index.calls.indices.sorted { SiteIndex.chronological(index.calls[$1], index.calls[$0]) }.prefix(12)
        var context = common(path: path, kind: .home, title: config.title,
                             description: config.description.isEmpty ? "Earnings-call transcripts, cross-linked by company, quarter and speaker." : config.description)
        context["counts"] = ["calls": index.calls.count, "companies": index.companies.count,
                             "quarters": index.quarters.count, "speakers": index.people.count]
        context["latest"] = latest.map(callItem)
        let busiest = index.companies.indices.sorted { (index.companies[$1].calls.count, $0) < (index.companies[$0].calls.count, $1) }
        context["companies"] = busiest.prefix(Self.homeListLength).sorted().map(companyItem)
        context["quarters"] = index.quarters.indices.prefix(Self.homeListLength).map(quarterItem)
        return PageJob(path: path, template: "home", kind: .home, context: context)
    }

    func companiesPage() -> PageJob {
        let path = OutputPath("companies/index.html")!
        var context = common(path: path, kind: .companies, title: "Companies",
                             description: "All \(index.companies.count) companies in the archive, A–Z.")
        context["companies"] = index.companies.indices.map(companyItem)
        return PageJob(path: path, template: "companies", kind: .companies, context: context)
    }

    func companyPage(_ position: Int) -> PageJob {
        let company = index.companies[position]
        let path = OutputPath("\(company.url)index.html")!
        var context = common(path: path, kind: .company, title: company.name + (company.ticker.map { " (\($0))" } ?? ""),
                             description: "Earnings calls of \(company.name): \(company.calls.count) transcripts, executives and the analysts who cover it.")
        var info: [String: Any] = ["name": company.name, "aliases": company.aliases]
        if let ticker = company.ticker { info["ticker"] = ticker }
        if let sector = company.sector { info["sector"] = sector }
        if let website = company.website, let url = URL(string: website), ["http", "https"].contains(url.scheme ?? "") { info["website"] = website }
        addCompanyFeed(position, to: &context)
        context["company"] = info
        context["calls"] = company.calls.map(callItem)
        var executives: [String: (name: String, role: String, calls: [[String: Any]])] = [:]
        var analysts: [String: (name: String, role: String, calls: [[String: Any]])] = [:]
        for callIndex in company.calls {
            let call = index.calls[callIndex]
            let speakers = Set(call.outline.turns.map(\.speaker))
            for participant in call.outline.participants where speakers.contains(participant.name) {
                guard let slug = index.personSlug(call: callIndex, name: participant.name) else { continue }
                let role = participant.group == .corporate ? (participant.title ?? "") : (participant.affiliation ?? "")
                let link: [String: Any] = ["label": label(of: call), "url": call.url]
                let name = index.listedName(slug: slug) ?? participant.name
                if participant.group == .corporate {
                    executives[slug, default: (name, role, [])].calls.append(link)
                } else if participant.group == .analyst {
                    analysts[slug, default: (name, role, [])].calls.append(link)
                }
            }
        }
        func people(_ map: [String: (name: String, role: String, calls: [[String: Any]])]) -> [[String: Any]] {
            map.keys.sorted().map { slug in
                let person = map[slug]!
                return ["name": person.name, "url": "speakers/\(slug)/", "role": person.role, "calls": person.calls]
            }
        }
        context["executives"] = people(executives)
        context["analysts"] = people(analysts)
        context["hasExecutives"] = !executives.isEmpty
        context["hasAnalysts"] = !analysts.isEmpty
        addEvents(company: position, to: &context)
        return PageJob(path: path, template: "company", kind: .company, context: context)
    }

    func quartersPage() -> PageJob {
        let path = OutputPath("quarters/index.html")!
        var context = common(path: path, kind: .quarters, title: "Quarters", description: "Earnings calls by fiscal quarter.")
        context["quarters"] = index.quarters.indices.map(quarterItem)
        return PageJob(path: path, template: "quarters", kind: .quarters, context: context)
    }

    func quarterPage(_ position: Int) -> PageJob {
        let quarter = index.quarters[position]
        let path = OutputPath("quarters/\(quarter.period.slug)/index.html")!
        var context = common(path: path, kind: .quarter, title: "\(quarter.period.label) calls",
                             description: "All \(quarter.calls.count) calls of fiscal \(quarter.period.label), by date.")
        context["quarter"] = ["label": quarter.period.label, "slug": quarter.period.slug]
        context["calls"] = quarter.calls.map(callItem)
        addEvents(quarter: position, to: &context)
        return PageJob(path: path, template: "quarter", kind: .quarter, context: context)
    }

    func speakersPage() -> PageJob {
        let path = OutputPath("speakers/index.html")!
        var context = common(path: path, kind: .speakers, title: "Speakers", description: "Executives and analysts heard on the calls, A–Z.")
        var letters: [(String, [[String: Any]])] = []
        var executives = 0, analysts = 0
        for person in index.peopleBySurname.map({ index.people[$0] }) {
            let latest = person.appearances[0].participant
            if latest.group == .corporate { executives += 1 } else { analysts += 1 }
            let letter = Self.sortKey(person.name).first.map { $0.isLetter ? String($0).uppercased() : "#" } ?? "#"
            let item: [String: Any] = [
                "name": person.name, "url": person.url, "role": Self.role(latest),
                "callCount": person.appearances.count, "groupLabel": Self.groupLabel(latest.group),
            ]
            if letters.last?.0 == letter { letters[letters.count - 1].1.append(item) } else { letters.append((letter, [item])) }
        }
        context["letters"] = letters.map { ["letter": $0.0, "speakers": $0.1] }
        context["counts"] = ["executives": executives, "analysts": analysts]
        return PageJob(path: path, template: "speakers", kind: .speakers, context: context)
    }

    /// Surname-first sort key: "Russo Carl".
    static func sortKey(_ name: String) -> String {
        let words = name.split(separator: " ")
        guard let last = words.last, words.count > 1 else { return name.lowercased() }
        return (last + " " + words.dropLast().joined(separator: " ")).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    }

    /// "Calix, Inc. · President & CEO".
    static func role(_ participant: Participant) -> String {
        [participant.affiliation, participant.title].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
    }

    func speakerPage(_ person: Person) -> PageJob {
        let path = OutputPath("\(person.url)index.html")!
        let latest = person.appearances[0].participant
        let summary = "\(Self.groupLabel(latest.group)) at \(latest.affiliation ?? "an unnamed firm")"
        var context = common(path: path, kind: .speaker, title: person.name,
                             description: "\(person.name), \(summary): every call they spoke in and each of their turns.")
        context["speaker"] = ["name": person.name, "slug": person.slug, "summary": summary]
        context["appearances"] = person.appearances.map { appearance -> [String: Any] in
            let call = index.calls[appearance.call]
            let turns = call.outline.turns
            return [
                "call": callItem(appearance.call),
                "affiliation": appearance.participant.affiliation ?? "",
                "title": appearance.participant.title ?? "",
                "groupLabel": Self.groupLabel(appearance.participant.group),
                "turnCount": appearance.turns.count,
                "turns": appearance.turns.map { number -> [String: Any] in
                    ["url": "\(call.url)#t\(number)", "label": "Turn \(number)", "number": number, "callTitle": call.outline.title,
                     "excerpt": Self.excerpt(turns[number - 1].paragraphs.first ?? "")]
                },
            ]
        }
        var companies: [Int] = []
        for appearance in person.appearances where !companies.contains(index.calls[appearance.call].company) {
            companies.append(index.calls[appearance.call].company)
        }
        context["companies"] = companies.map { ["name": index.companies[$0].name, "url": index.companies[$0].url] }
        addEvents(person: person, to: &context)
        return PageJob(path: path, template: "speaker", kind: .speaker, context: context)
    }

    /// The first ~160 characters of a paragraph, cut at a word.
    static func excerpt(_ text: String, limit: Int = 160) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }

    func notFoundPage() -> PageJob {
        let path = OutputPath("404.html")!
        let root = config.baseURL.flatMap { URLComponents(string: $0)?.percentEncodedPath }.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? "/"
        let context = common(path: path, kind: .notfound, title: "Page not found", description: "This page does not exist.", rootOverride: root)
        return PageJob(path: path, template: "notfound", kind: .notfound, context: context)
    }

    func markdownPage(path: OutputPath, title: String, html: String) -> PageJob {
        var context = common(path: path, kind: .page, title: title, description: "")
        context["content"] = html
        if !html.hasPrefix("<h1") { context["heading"] = title }
        return PageJob(path: path, template: "page", kind: .page, context: context)
    }
}
