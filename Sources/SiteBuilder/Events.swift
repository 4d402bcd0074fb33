import EventKit
import Foundation
import TranscriptKit

/// One event page: curated data merged with every mention the calls make of it.
struct SiteEvent: Sendable {
    /// URL slug from the name and year, e.g. "ubs-global-technology-conference-2012".
    var slug: String
    /// The name shown.
    var name: String
    /// Other spellings (curated aliases and the mentions' own names).
    var aliases: [String]
    /// What kind of event.
    var category: EventCategory
    /// When, if known.
    var dates: EventDates?
    /// The year it belongs to (of its dates, else of the calls that mention it).
    var year: Int?
    /// Every year its mentions name, oldest first: the calendar lists an event without dates on each of those years' pages.
    var mentionYears: [Int] = []
    /// Where, as shown ("Scottsdale, Arizona").
    var place: String?
    /// Who organises it.
    var host: String?
    /// Its website (curated only).
    var url: String?
    /// Curated notes.
    var notes: String?
    /// Whether the curation file names it.
    var isCurated: Bool
    /// Every mention, in site order (calls by company and date, then turn and paragraph).
    var mentions: [SiteMention] = []
    /// Everyone the mentions tie to it, strongest role first, then by name.
    var participants: [SiteEventParticipant] = []
    /// The calls that mention it, in site order, without repeats.
    var calls: [Int] = []

    /// The page's folder URL relative to the site root.
    var pageURL: String { "events/\(slug)/" }
    /// The page's output path.
    var pagePath: OutputPath { OutputPath("events/\(slug)/index.html")! }
}

/// One mention of an event in one paragraph of one call.
struct SiteMention: Sendable {
    /// Index into `SiteIndex.calls`.
    let call: Int
    /// 1-based turn number (the `t<N>` anchor).
    let turn: Int
    /// 1-based paragraph number in the turn (the `t<N>-p<M>` anchor).
    let paragraph: Int
    /// The sentence quoted.
    let sentence: String
    /// The speaker of the turn.
    let speaker: String
    /// The rule that found it.
    let rule: EventMention.Rule

    /// The paragraph anchor, e.g. "t12-p1".
    var anchor: String { "t\(turn)-p\(paragraph)" }
}

/// A person tied to an event.
struct SiteEventParticipant: Sendable {
    /// The name as written, or the one the people table gives them.
    var name: String
    /// Their speaker page slug, when they have one.
    var personSlug: String?
    /// Their strongest role across the mentions.
    var role: EventRole
    /// What a mention says about them ("CEO of Windstream; on stage just before Carl Russo").
    var note: String?
}

/// An analyst who asked in another's place, as pages show it.
struct StandInNote: Sendable {
    /// Index into `SiteIndex.calls`.
    let call: Int
    /// 1-based turn number of the stand-in's first turn.
    let turn: Int
    /// The analyst who spoke (participant name).
    let analyst: String
    /// The analyst announced, as the operator named them.
    let announced: String
    /// The firm the operator named.
    let firm: String?
    /// The sentence in which the stand-in says so.
    let sentence: String

    /// "Ehud Gelblum (Morgan Stanley)".
    var forLabel: String { firm.map { "\(announced) (\($0))" } ?? announced }
}

/// A link to put around words of one paragraph of a transcript page.
struct InlineLink: Sendable, Hashable {
    /// What the link points to, for its class.
    enum Kind: String, Sendable { case event, company, person }

    /// The words, as plain text.
    let text: String
    /// Which occurrence of `text` in the paragraph (0-based, non-overlapping).
    let occurrence: Int
    /// The target, relative to the site root.
    let url: String
    /// What it points to.
    let kind: Kind
    /// Where the words start in the paragraph, in UTF-8 bytes (for ordering and overlaps).
    let offset: Int
}

/// A paragraph of a call: (1-based turn, 1-based paragraph).
struct ParagraphRef: Sendable, Hashable {
    let turn: Int
    let paragraph: Int
}

/// The events of the whole archive, built once from the parsed calls and the curation file, and every cross-link
/// transcript pages get (events, companies, people), plus who asked for whom.
struct SiteEvents: Sendable {
    /// No events (a site whose pages are built without this step's data).
    static let none = SiteEvents()

    /// Every event: dated ones by date, then undated ones by name.
    var events: [SiteEvent] = []
    /// Events mentioned by each call, in event order.
    var byCall: [Int: [Int]] = [:]
    /// Links per call and paragraph.
    var links: [Int: [ParagraphRef: [InlineLink]]] = [:]
    /// Events each person (by speaker slug) was tied to, with their role.
    var byPerson: [String: [(event: Int, role: EventRole, note: String?)]] = [:]
    /// Stand-ins per person slug (the analyst who spoke), in call order.
    var standIns: [String: [StandInNote]] = [:]
    /// Stand-ins per call, by the analyst's participant name.
    var standInsByCall: [Int: [String: StandInNote]] = [:]

    /// The events `/events.ics` holds: those with calendar-ready dates.
    var calendarEvents: [Int] { events.indices.filter { events[$0].dates?.isCalendarReady == true } }

    /// The path of the calendar file.
    static let calendarPath = OutputPath("events.ics")!

    /// Events mentioned by any of `calls`, in event order.
    func events(ofCalls calls: [Int]) -> [Int] {
        Array(Set(calls.flatMap { byCall[$0] ?? [] })).sorted()
    }

    // MARK: Building

    /// What one call yields, computed on any core.
    private struct CallScan: Sendable {
        var mentions: [EventMention] = []
        var standIns: [StandIn] = []
        var references: [(ref: ParagraphRef, link: InlineLink)] = []
    }

    /// Extracts, merges and links. `curation` wins over extraction; extraction still links new mentions to curated events.
    /// The full text of each call is read from `store` (the index holds outlines only); a call scanned by an earlier
    /// build with the same text and the same archive-wide names is not scanned again.
    static func build(index: SiteIndex, curation: EventCuration, parallelism: Int, store: TranscriptStore) async throws -> SiteEvents {
        var knownNames: [EventExtractor.KnownName] = []
        for entry in curation.events {
            for spelling in entry.spellings {
                knownNames.append(EventExtractor.KnownName(spelling: spelling, name: entry.name, category: entry.category ?? .industryEvent,
                                                           year: entry.dates?.start.year))
            }
        }
        var otherNames = Set<String>()
        for company in index.companies {
            for name in [company.name] + company.aliases {
                otherNames.insert(name)
                otherNames.insert(EventExtractor.shortName(name))
            }
        }
        let extractor = EventExtractor(knownNames: knownNames, otherNames: otherNames)
        let references = ReferenceMatcher(index: index)
        var hasher = DigestHasher()
        hasher.combine("events")
        for name in knownNames {
            for part in [name.spelling, name.name, name.category.rawValue, name.year.map(String.init) ?? ""] { hasher.combine(part) }
        }
        for name in otherNames.sorted() { hasher.combine(name) }
        hasher.combine(references.fingerprint.description)
        let names = hasher.finalize().description

        let scans = try await concurrentMap(Array(index.calls.indices), width: parallelism) { _, position -> CallScan in
            let call = index.calls[position]
            var keyHasher = DigestHasher()
            for part in [names, call.digest.description, index.companies[call.company].url] { keyHasher.combine(part) }
            let kind = "scan-" + String(keyHasher.finalize().description.prefix(16))
            if let bytes = store.read(call.digest, kind: kind), let cached = try? EventScanCodec.decode(bytes) {
                return CallScan(mentions: cached.mentions, standIns: cached.standIns, references: cached.references)
            }
            let full = try store.load(call.digest, source: call.source)
            let scan = CallScan(mentions: extractor.mentions(in: full), standIns: StandInDetector.standIns(in: full),
                                references: references.references(in: position, turns: full.turns, of: index))
            try? store.write(EventScanCodec.encode(mentions: scan.mentions, standIns: scan.standIns, references: scan.references),
                             digest: call.digest, kind: kind)
            return scan
        }
        var result = SiteEvents()
        let perCall = scans.map(\.mentions)
        let placed = result.merge(perCall, curation: curation, index: index)
        result.links = try await links(placed, mentions: perCall, events: result.events, references: scans.map(\.references),
                                       parallelism: parallelism)
        for (position, scan) in scans.enumerated() {
            for standIn in scan.standIns {
                let note = StandInNote(call: position, turn: standIn.turn + 1, analyst: standIn.analyst, announced: standIn.announced,
                                       firm: standIn.announcedFirm, sentence: standIn.sentence)
                result.standInsByCall[position, default: [:]][standIn.analyst] = note
                if let slug = index.personSlug(call: position, name: standIn.analyst) { result.standIns[slug, default: []].append(note) }
            }
        }
        for slug in result.standIns.keys {
            result.standIns[slug]!.sort { SiteIndex.chronological(index.calls[$1.call], index.calls[$0.call]) }
        }
        return result
    }

    /// Groups mentions into events: by curated name or alias first, else by name key and year. Returns every mention
    /// (its call and its position in `perCall[call]`) with the event it was placed in. Mentions are handled by position,
    /// not copied: at 10,000 calls there are tens of thousands, each a dozen strings.
    private mutating func merge(_ perCall: [[EventMention]], curation: EventCuration, index: SiteIndex) -> [(call: Int, mention: Int, event: Int)] {
        struct Draft {
            var curated: CuratedEvent?
            var mentions: [(call: Int, mention: Int)] = []
        }
        var drafts: [Draft] = curation.events.map { Draft(curated: $0) }
        var curatedByKey: [String: [Int]] = [:]
        for (position, entry) in curation.events.enumerated() {
            for spelling in entry.spellings {
                let key = EventExtractor.key(spelling)
                if !(curatedByKey[key]?.contains(position) ?? false) { curatedByKey[key, default: []].append(position) }
            }
        }
        var extractedByKey: [String: Int] = [:]
        var nameKeys: [String: String] = [:]
        for (call, mentions) in perCall.enumerated() {
            for (position, mention) in mentions.enumerated() {
                let nameKey: String
                if let known = nameKeys[mention.name] { nameKey = known } else {
                    nameKey = EventExtractor.key(mention.name)
                    nameKeys[mention.name] = nameKey
                }
                let candidates = (curatedByKey[mention.key] ?? []) + (curatedByKey[nameKey] ?? [])
                let curated = candidates.first { position in
                    guard let year = curation.events[position].dates?.start.year, let mentionYear = mention.year else { return true }
                    return year == mentionYear
                }
                if let curated {
                    drafts[curated].mentions.append((call, position))
                    continue
                }
                let key = "\(mention.key)\u{1F}\(mention.year.map(String.init) ?? "")"
                if let existing = extractedByKey[key] {
                    drafts[existing].mentions.append((call, position))
                } else {
                    extractedByKey[key] = drafts.count
                    drafts.append(Draft(mentions: [(call, position)]))
                }
            }
        }

        var events: [SiteEvent] = []
        var mentionLists: [[(call: Int, mention: Int)]] = []
        let chronology = Self.chronology(index)
        for draft in drafts {
            let mentions = draft.mentions
            let primary = mentions.filter {
                let rule = perCall[$0.call][$0.mention].rule
                return rule == .namedEvent || rule == .appearance || rule == .announcedCall
            }
            let namedRefs = primary.isEmpty ? mentions : primary
            let named = namedRefs.map { perCall[$0.call][$0.mention] }
            guard draft.curated != nil || !named.isEmpty else { continue }
            let name = draft.curated?.name ?? Self.displayName(namedRefs, perCall: perCall, chronology: chronology)
            let dated = named.compactMap(\.dates).min { $0.precision < $1.precision }
            let dates = draft.curated?.dates ?? dated
            let categories = named.map(\.category)
            let category = draft.curated?.category ?? Self.mostCommon(categories) ?? .industryEvent
            let places = named.first { !$0.places.isEmpty }?.places.map(\.display).joined(separator: " and ")
            let host = draft.curated?.host ?? named.compactMap(\.host).first
            let years = mentions.compactMap { perCall[$0.call][$0.mention].year }
            let year = dates?.start.year ?? years.first
            let mentionYears = Set(years).sorted()
            var aliases = draft.curated?.aliases ?? []
            for item in named where item.name != name && !aliases.contains(item.name) { aliases.append(item.name) }
            events.append(SiteEvent(slug: "", name: name, aliases: aliases, category: category, dates: dates, year: year, mentionYears: mentionYears,
                                    place: draft.curated?.place ?? places, host: host, url: draft.curated?.url, notes: draft.curated?.notes,
                                    isCurated: draft.curated != nil))
            mentionLists.append(mentions)
        }

        // Order: dated events by date, then undated ones by name; slugs from name and year, unique. The sort compares
        // keys made once per event (copying two events for each comparison cost more than the rest of the merge).
        let dates = events.map(\.dates)
        let names = events.map { $0.name.lowercased() }
        let order = events.indices.sorted { a, b in
            switch (dates[a], dates[b]) {
            case let (p?, q?) where p != q: return p < q
            case (_?, nil): return true
            case (nil, _?): return false
            default: return (names[a], a) < (names[b], b)
            }
        }
        var usedSlugs = Set<String>()
        var sorted: [SiteEvent] = []
        for position in order {
            var event = events[position]
            let base = Self.slugBase(name: event.name, year: event.year)
            var slug = base, counter = 2
            while usedSlugs.contains(slug) || EventCalendar.isReserved(slug) { slug = "\(base)-\(counter)"; counter += 1 }
            usedSlugs.insert(slug)
            event.slug = slug
            let list = mentionLists[position].sorted { a, b in
                let x = perCall[a.call][a.mention], y = perCall[b.call][b.mention]
                return (a.call, x.turn, x.paragraph, x.offset) < (b.call, y.turn, y.paragraph, y.offset)
            }
            var participants: [String: SiteEventParticipant] = [:]
            var participantOrder: [String] = []
            event.mentions.reserveCapacity(list.count)
            for (call, item) in list {
                let mention = perCall[call][item]
                event.mentions.append(SiteMention(call: call, turn: mention.turn + 1, paragraph: mention.paragraph + 1, sentence: mention.sentence,
                                                  speaker: index.calls[call].outline.speaker(ofTurn: mention.turn), rule: mention.rule))
                if event.calls.last != call { event.calls.append(call) }
                for person in mention.participants {
                    let slug = person.isCallParticipant ? index.personSlug(call: call, name: person.name) : nil
                    let key = slug.map { "s:\($0)" } ?? "n:\(person.name.lowercased())"
                    if var known = participants[key] {
                        known.role = min(known.role, person.role)
                        known.note = known.note ?? person.note
                        participants[key] = known
                    } else {
                        participants[key] = SiteEventParticipant(name: slug.flatMap(index.listedName) ?? person.name, personSlug: slug,
                                                                 role: person.role, note: person.note)
                        participantOrder.append(key)
                    }
                }
            }
            event.participants = participantOrder.map { participants[$0]! }.sorted { ($0.role, $0.name) < ($1.role, $1.name) }
            sorted.append(event)
        }
        self.events = sorted
        for position in sorted.indices {
            for call in sorted[position].calls { byCall[call, default: []].append(position) }
            for participant in sorted[position].participants {
                guard let slug = participant.personSlug else { continue }
                byPerson[slug, default: []].append((position, participant.role, participant.note))
            }
        }
        return sorted.indices.flatMap { position in
            mentionLists[order[position]].map { (call: $0.call, mention: $0.mention, event: position) }
        }
    }

    /// Links for event mentions, then company and person references that do not overlap them; each call's links are
    /// put together on any core (in groups of calls), in the same order whichever core does it.
    private static func links(_ placed: [(call: Int, mention: Int, event: Int)], mentions: [[EventMention]], events: [SiteEvent],
                              references: [[(ref: ParagraphRef, link: InlineLink)]], parallelism: Int) async throws -> [Int: [ParagraphRef: [InlineLink]]] {
        var linksOfEvents = [[(ref: ParagraphRef, link: InlineLink)]](repeating: [], count: references.count)
        let urls = events.map(\.pageURL)
        for item in placed {
            let calls = mentions[item.call]
            let ref = ParagraphRef(turn: calls[item.mention].turn + 1, paragraph: calls[item.mention].paragraph + 1)
            linksOfEvents[item.call].append((ref, InlineLink(text: calls[item.mention].text, occurrence: calls[item.mention].occurrence,
                                                             url: urls[item.event], kind: .event, offset: calls[item.mention].offset)))
        }
        let eventLinks = linksOfEvents
        let groupSize = 256
        let groups = try await concurrentMap(Array(stride(from: 0, to: references.count, by: groupSize)), width: parallelism) { _, start in
            (start..<min(start + groupSize, references.count)).map { call -> [ParagraphRef: [InlineLink]] in
                var links: [ParagraphRef: [InlineLink]] = [:]
                for (ref, link) in eventLinks[call] { links[ref, default: []].append(link) }
                for (ref, link) in references[call] {
                    let span = link.offset..<(link.offset + link.text.utf8.count)
                    if links[ref]?.contains(where: { span.overlaps($0.offset..<($0.offset + $0.text.utf8.count)) }) == true { continue }
                    links[ref, default: []].append(link)
                }
                for ref in links.keys { links[ref]!.sort { $0.offset < $1.offset } }
                return links
            }
        }
        var result: [Int: [ParagraphRef: [InlineLink]]] = [:]
        for (call, links) in groups.joined().enumerated() where !links.isEmpty { result[call] = links }
        return result
    }

    /// The slug of an event's page before it is made unique: the name without the year the event belongs to, then that
    /// year, so "2012 UBS Conference" and "UBS Conference 2012" both give "ubs-conference-2012".
    static func slugBase(name: String, year: Int?) -> String {
        guard let year else { return Slug.make(name) }
        let words = name.split(separator: " ").filter { $0 != String(year) }
        let base = Slug.make(words.joined(separator: " "))
        return base.isEmpty ? String(year) : "\(base)-\(year)"
    }

    /// Each call's place in time (oldest first; calls of one moment by their site order).
    private static func chronology(_ index: SiteIndex) -> [Int] {
        let order = index.calls.indices.sorted { a, b in
            if SiteIndex.chronological(index.calls[a], index.calls[b]) { return true }
            if SiteIndex.chronological(index.calls[b], index.calls[a]) { return false }
            return a < b
        }
        var rank = [Int](repeating: 0, count: order.count)
        for (position, call) in order.enumerated() { rank[call] = position }
        return rank
    }

    /// The name an extracted event is shown by, chosen so that adding calls rarely changes it (the slug and the calendar
    /// UID are made from it): the spelling the most calls use; on a tie, one in title case; then one not starting with
    /// a year or ordinal; then the one used first in time; then the first in byte order.
    static func displayName(_ mentions: [(call: Int, mention: Int)], perCall: [[EventMention]], chronology: [Int]) -> String {
        struct Spelling {
            var calls = Set<Int>()
            var first: (Int, Int, Int, Int)
        }
        var spellings: [String: Spelling] = [:]
        for (call, position) in mentions {
            let mention = perCall[call][position]
            let when = (chronology[call], mention.turn, mention.paragraph, mention.offset)
            var spelling = spellings[mention.name] ?? Spelling(first: when)
            spelling.calls.insert(call)
            if when < spelling.first { spelling.first = when }
            spellings[mention.name] = spelling
        }
        func rank(_ name: String, _ spelling: Spelling) -> (Int, Int, Int, (Int, Int, Int, Int)) {
            (-spelling.calls.count, isTitleCase(name) ? 0 : 1, name.first?.isNumber == true ? 1 : 0, spelling.first)
        }
        return spellings.min { a, b in
            let x = rank(a.key, a.value), y = rank(b.key, b.value)
            if (x.0, x.1, x.2) != (y.0, y.1, y.2) { return (x.0, x.1, x.2) < (y.0, y.1, y.2) }
            if x.3 != y.3 { return x.3 < y.3 }
            return a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
        }!.key
    }

    /// Small words a title-case name writes in lower case ("Bank of America", "Technology, Media and Telecom").
    private static let titleCaseSmallWords: Set<String> = ["of", "and", "the", "&", "on", "for", "in", "at", "a", "an", "to", "de"]

    /// Whether every word of `name` that has letters starts with a capital, small words aside.
    static func isTitleCase(_ name: String) -> Bool {
        name.split(separator: " ").allSatisfy { word in
            guard let first = word.first(where: \.isLetter) else { return true }
            return first.isUppercase || titleCaseSmallWords.contains(word.lowercased())
        }
    }

    private static func mostCommon(_ values: [EventCategory]) -> EventCategory? {
        var counts: [EventCategory: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return values.first { counts[$0] == counts.values.max() }
    }
}

extension Transcript {
    /// The speaker of turn `number` (0-based, as `turns` counts), found without gathering every section's turns.
    func speaker(ofTurn number: Int) -> String {
        var rest = number
        for section in sections {
            if rest < section.turns.count { return section.turns[rest].speaker }
            rest -= section.turns.count
        }
        preconditionFailure("turn \(number) is past the transcript's last turn")
    }
}

/// Finds the archive's companies (by name, short name, alias or ticker) and speakers (by full name) in paragraphs.
///
/// A company is linked at its first mention in each turn, except in its own calls; a person at their first mention
/// in each turn, when exactly one speaker page has that name. Spellings shared by two targets are left out.
struct ReferenceMatcher: Sendable {
    enum Target: Sendable, Hashable {
        case company(Int)
        case person(String)
    }

    private let matcher: PhraseMatcher
    private let targets: [Target]
    /// The digest of every phrase and the URL it links to: equal fingerprints link the same words the same way.
    let fingerprint: ContentDigest

    init(index: SiteIndex) {
        var byPhrase: [String: Set<Target>] = [:]
        for (position, company) in index.companies.enumerated() {
            var phrases = Set([company.name] + company.aliases)
            for phrase in phrases { phrases.insert(EventExtractor.shortName(phrase)) }
            if let ticker = company.ticker, ticker.count >= 3 { phrases.insert(ticker.uppercased()) }
            for phrase in phrases where phrase.count >= 3 && phrase.first?.isUppercase == true {
                byPhrase[phrase, default: []].insert(.company(position))
            }
        }
        for person in index.people where person.name.split(separator: " ").count >= 2 {
            byPhrase[person.name, default: []].insert(.person(person.slug))
        }
        let unambiguous = byPhrase.filter { $0.value.count == 1 }.sorted { $0.key < $1.key }
        matcher = PhraseMatcher(phrases: unambiguous.map(\.key))
        targets = unambiguous.map { $0.value.first! }
        var hasher = DigestHasher()
        for (phrase, target) in zip(unambiguous.map(\.key), targets) {
            hasher.combine(phrase)
            switch target {
            case .company(let position): hasher.combine(index.companies[position].url)
            case .person(let slug): hasher.combine("speakers/\(slug)/")
            }
        }
        fingerprint = hasher.finalize()
    }

    /// The company and person links of one call.
    func references(in call: Int, turns: [Turn], of index: SiteIndex) -> [(ref: ParagraphRef, link: InlineLink)] {
        guard matcher.count > 0 else { return [] }
        let own = index.calls[call].company
        var result: [(ref: ParagraphRef, link: InlineLink)] = []
        for (turnIndex, turn) in turns.enumerated() {
            var linked = Set<Target>()
            for (paragraphIndex, paragraph) in turn.paragraphs.enumerated() {
                for match in matcher.matches(in: paragraph) {
                    let target = targets[match.phrase]
                    guard !linked.contains(target) else { continue }
                    let url: String
                    let kind: InlineLink.Kind
                    switch target {
                    case .company(let position):
                        guard position != own else { continue }
                        url = index.companies[position].url
                        kind = .company
                    case .person(let slug):
                        url = "speakers/\(slug)/"
                        kind = .person
                    }
                    linked.insert(target)
                    let utf8 = paragraph.utf8
                    let lower = utf8.index(utf8.startIndex, offsetBy: match.range.lowerBound)
                    let upper = utf8.index(utf8.startIndex, offsetBy: match.range.upperBound)
                    let text = String(paragraph[lower..<upper])
                    let link = InlineLink(text: text, occurrence: Occurrence.count(of: text, in: paragraph, before: lower), url: url,
                                          kind: kind, offset: match.range.lowerBound)
                    result.append((ParagraphRef(turn: turnIndex + 1, paragraph: paragraphIndex + 1), link))
                }
            }
        }
        return result
    }
}
