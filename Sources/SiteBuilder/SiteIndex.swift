import Foundation
import TranscriptKit

/// A transcript placed in the site: its source, company and URL.
public struct Call: Sendable {
    /// The file it was read from, relative to the site root (e.g. "Content/calx-q3-2012.txt").
    public let source: String
    /// The transcript's outline: metadata, participants and turns without their text (see `Transcript.outline`);
    /// the build reads the full transcript from its `TranscriptStore` by `digest` when a step needs the text.
    public let outline: Transcript
    /// The digest of the source file's bytes.
    let digest: ContentDigest
    /// Paragraphs per turn, in turn order (the outline keeps one excerpt per turn).
    let paragraphCounts: [Int]
    /// The opening of the prepared remarks, for feeds (see `FeedSummary`).
    let feedSummary: String
    /// Index into `SiteIndex.companies`.
    public internal(set) var company: Int = 0
    /// The company's name as this call shows it: the company page's name when the call spells that name, else the name
    /// it was published under (a former name, another company that had its ticker, a spelling that differs in
    /// punctuation or accents), which it keeps.
    public internal(set) var companyName: String = ""
    /// The page's folder URL relative to the site root, e.g. "companies/calx/2012-q3/".
    public internal(set) var url: String = ""
}

/// A company page: one per company, however many spellings its calls use.
public struct Company: Sendable {
    /// URL slug: the ticker in lower case, else the name's slug.
    public let slug: String
    /// Display name.
    public let name: String
    /// Ticker, if any call or the config gives one.
    public let ticker: String?
    /// Sector from the config.
    public let sector: String?
    /// Website from the config.
    public let website: String?
    /// Other spellings seen or configured.
    public let aliases: [String]
    /// Calls, newest first (indexes into `SiteIndex.calls`).
    public internal(set) var calls: [Int] = []

    /// The company page's URL relative to the site root.
    public var url: String { "companies/\(slug)/" }
}

/// One person who spoke in one call, with the affiliation and title they had then.
public struct Appearance: Sendable {
    /// Index into `SiteIndex.calls`.
    public let call: Int
    /// The participant as listed in that call.
    public let participant: Participant
    /// 1-based turn numbers of their turns in that call.
    public let turns: [Int]
}

/// A speaker page: one person across companies and firm changes.
public struct Person: Sendable {
    /// URL slug from the name, or the one the people table gives.
    public let slug: String
    /// The name as first written (in call order); for a name written two ways on different calls, the spelling on most
    /// calls; for a person the people table lists, the entry's name.
    public let name: String
    /// Every call they spoke in, newest first.
    public internal(set) var appearances: [Appearance] = []

    /// The speaker page's URL relative to the site root.
    public var url: String { "speakers/\(slug)/" }
}

/// The whole archive as pages see it: calls placed under companies, quarters and people.
public struct SiteIndex: Sendable {
    /// Every call, in site order (company, then date).
    public private(set) var calls: [Call]
    /// Companies A–Z.
    public private(set) var companies: [Company]
    /// Calls of each fiscal quarter, by date.
    public private(set) var quarters: [(period: FiscalPeriod, calls: [Int])]
    /// People A–Z by slug.
    public private(set) var people: [Person]
    /// Person slug by participant name, for each call (indexes as `calls`).
    private var personSlugs: [[String: String]]
    /// The names the people table gives, by person slug (only people it lists).
    private var listedNames: [String: String] = [:]
    /// Positions in `people`, surname first A–Z (`PageContexts.sortKey`), for the speakers page and search's list.
    public private(set) var peopleBySurname: [Int] = []
    /// Warnings about how calls were grouped into companies: different names on one page, calls the companies table
    /// cannot place, entries that place no call (`CompanyGrouping`), sorted by file and message.
    public private(set) var companyWarnings: [Diagnostic] = []
    /// Calls of one company that would take one URL: each later call's source (it got `-2`, `-3`, …) with the source of
    /// the call that has the URL, in site order.
    public private(set) var urlCollisions: [(source: String, holder: String)] = []

    /// Places fully parsed calls; input order does not matter (the result is sorted), so builds are deterministic.
    public init(calls input: [(source: String, transcript: Transcript)], config: SiteConfig) {
        self.init(records: input.map { CallRecord(source: $0.source, digest: ContentDigest(high: 0, low: 0), transcript: $0.transcript) },
                  config: config)
    }

    /// The warnings for `urlCollisions` that remain (no exact copies among them): each names both files and both URLs.
    public var collisionWarnings: [Diagnostic] {
        let urls = Dictionary(calls.map { ($0.source, $0.url) }, uniquingKeysWith: { first, _ in first })
        let companyOf = Dictionary(calls.map { ($0.source, $0.company) }, uniquingKeysWith: { first, _ in first })
        return urlCollisions.map { collision in
            let company = companyOf[collision.source].map { companies[$0].name } ?? "the company"
            return Diagnostic(.warning, file: collision.source,
                              "a second call of \(company) that would be published at /\(urls[collision.holder] ?? ""), as \(collision.holder) is; "
                              + "this one is at /\(urls[collision.source] ?? "") (if one of them is a corrected copy of the other, remove the other)")
        }.sorted { ($0.file ?? "") < ($1.file ?? "") }
    }

    /// Places calls from their records (outlines); the order of `records` does not matter.
    init(records: [CallRecord], config: SiteConfig) {
        let sorted = records.sorted { $0.source < $1.source }
        var calls = sorted.map {
            Call(source: $0.source, outline: $0.outline, digest: $0.digest, paragraphCounts: $0.paragraphCounts, feedSummary: $0.feedSummary)
        }
        let grouping = CompanyGrouping(calls: calls, entries: config.companies)
        var companies = grouping.companies
        for index in calls.indices {
            calls[index].company = grouping.companyOfCall[index]
            calls[index].companyName = grouping.nameOfCall[index]
        }

        let lowercasedNames = companies.map { $0.name.lowercased() }
        let order = calls.indices.sorted { a, b in
            let x = calls[a], y = calls[b]
            if x.company != y.company { return lowercasedNames[x.company] < lowercasedNames[y.company] }
            return SiteIndex.chronological(x, y)
        }
        calls = order.map { calls[$0] }
        var used: [Int: [String: Int]] = [:]
        for index in calls.indices {
            let call = calls[index]
            let base = SiteIndex.baseSlug(call.outline)
            var slug = base
            var counter = 2
            while used[call.company, default: [:]][slug] != nil {
                slug = "\(base)-\(counter)"
                counter += 1
            }
            used[call.company, default: [:]][slug] = index
            calls[index].url = "companies/\(companies[call.company].slug)/\(slug)/"
            companies[call.company].calls.append(index)
            if slug != base, let holder = used[call.company]?[base] { urlCollisions.append((call.source, calls[holder].source)) }
        }
        for company in companies.indices { companies[company].calls.reverse() }

        var byPeriod: [FiscalPeriod: [Int]] = [:]
        for (index, call) in calls.enumerated() {
            if let period = call.outline.fiscalPeriod { byPeriod[period, default: []].append(index) }
        }
        quarters = byPeriod.keys.sorted(by: >).map { period in
            (period, byPeriod[period]!.sorted { SiteIndex.chronological(calls[$0], calls[$1]) })
        }

        // People by `PersonName.key`: one page for the spellings of one name. Each gets the slug of the name as first
        // written; keys whose slugs coincide (names of other scripts transliterated alike) are told apart by -2, -3, …
        // in key order.
        var appearances: [String: (name: String, list: [Appearance])] = [:]
        // The person key of each written name, "" for a name that gets no page (`hasPage`, whatever the group).
        var keyOfName: [String: String] = [:]
        var keysOfCall: [[String: String]] = []
        keysOfCall.reserveCapacity(calls.count)
        // Appearances the people table of the config places (`CuratedPeople`), by entry: they get the entry's name and
        // slug and take no part in the automatic merge of spellings.
        let table = CuratedPeople(entries: config.people, companies: companies)
        var listed: [Int: [Appearance]] = [:]
        for (index, call) in calls.enumerated() {
            var turns: [String: [Int]] = [:]
            var number = 0
            for section in call.outline.sections {
                for turn in section.turns {
                    number += 1
                    turns[turn.speaker, default: []].append(number)
                }
            }
            var keys: [String: String] = [:]
            for participant in call.outline.participants where participant.group != .operator && participant.group != .unidentified {
                guard let numbers = turns[participant.name] else { continue }
                let key: String
                if let known = keyOfName[participant.name] { key = known } else {
                    key = SiteIndex.nameHasPage(participant.name) ? PersonName.key(participant.name) : ""
                    keyOfName[participant.name] = key
                }
                guard !key.isEmpty else { continue }
                let appearance = Appearance(call: index, participant: participant, turns: numbers)
                if !table.isEmpty, let entry = table.entry(key: key, participant: participant, company: call.company) {
                    keys[participant.name] = CuratedPeople.key(entry)
                    listed[entry, default: []].append(appearance)
                    continue
                }
                keys[participant.name] = key
                appearances[key, default: (participant.name, [])].list.append(appearance)
            }
            keysOfCall.append(keys)
        }
        let spellings = SiteIndex.spellingsOfOnePerson(appearances, calls: calls)
        for (key, canonical) in spellings.sorted(by: { $0.key < $1.key }) {
            appearances[canonical]!.list += appearances.removeValue(forKey: key)!.list
        }
        var slugOfKey: [String: String] = [:]
        for (entry, list) in listed {
            appearances[CuratedPeople.key(entry)] = (table.entries[entry].name, list)
            if let slug = table.entries[entry].slug { slugOfKey[CuratedPeople.key(entry)] = slug }
        }
        let given = Set(slugOfKey.values)
        let unslugged = given.isEmpty ? Array(appearances.keys) : appearances.keys.filter { slugOfKey[$0] == nil }
        let bySlug = Dictionary(grouping: unslugged) { Slug.make(appearances[$0]!.name) }
        var usedSlugs = Set(bySlug.keys).union(given)
        for (base, group) in bySlug.sorted(by: { $0.key < $1.key }) {
            // A slug the people table gives is that person's; other keys of that slug count from -2.
            let skip = given.contains(base) ? 1 : 0
            for (position, key) in group.sorted().enumerated() {
                guard position + skip > 0 else { slugOfKey[key] = base; continue }
                var counter = position + skip + 1
                while usedSlugs.contains("\(base)-\(counter)") { counter += 1 }
                usedSlugs.insert("\(base)-\(counter)")
                slugOfKey[key] = "\(base)-\(counter)"
            }
        }
        var people: [Person] = []
        for (key, entry) in appearances {
            var person = Person(slug: slugOfKey[key]!, name: entry.name)
            person.appearances = entry.list.sorted { SiteIndex.chronological(calls[$1.call], calls[$0.call]) }
            people.append(person)
        }
        self.calls = calls
        self.companies = companies
        companyWarnings = grouping.warnings
        self.people = people.sorted { $0.slug < $1.slug }
        self.personSlugs = keysOfCall.map { keys in keys.mapValues { slugOfKey[spellings[$0] ?? $0]! } }
        for entry in listed.keys { listedNames[slugOfKey[CuratedPeople.key(entry)]!] = table.entries[entry].name }
        let keys = self.people.map { PageContexts.sortKey($0.name) }
        peopleBySurname = self.people.indices.sorted { (keys[$0], self.people[$0].slug) < (keys[$1], self.people[$1].slug) }
    }

    /// Names written two ways on different calls ("Mike Ashby", "Michael Ashby"): each person key that names the same
    /// person as another (`PersonName.samePerson`), spoke for the same company or firm and never on the same call as it,
    /// mapped to the key whose page they share. That key's spelling is the one on most calls (ties: the earlier call), and
    /// it takes the group's name. Keys are compared only within a last name and first initial (`PersonName.matchKey`,
    /// `firstInitialKey`), in sorted order, so the result is the same whatever order the calls were read in.
    static func spellingsOfOnePerson(_ appearances: [String: (name: String, list: [Appearance])], calls: [Call]) -> [String: String] {
        var bySurname: [String: [String]] = [:]
        for (key, entry) in appearances {
            bySurname[PersonName.matchKey(entry.name) + "\u{1F}" + PersonName.firstInitialKey(entry.name), default: []].append(key)
        }
        var owner: [String: String] = [:]
        // The calls a key spoke on and the companies (executives) and firms (analysts) it spoke for, computed only for
        // keys whose names match another's: most names in a last-name group don't.
        var firmKeys: [String: String] = [:]
        var factsOfKey: [String: (calls: Set<Int>, sides: Set<String>)] = [:]
        func facts(_ key: String) -> (calls: Set<Int>, sides: Set<String>) {
            if let known = factsOfKey[key] { return known }
            var result: (calls: Set<Int>, sides: Set<String>) = ([], [])
            for appearance in appearances[key]!.list {
                result.calls.insert(appearance.call)
                if appearance.participant.group == .corporate {
                    result.sides.insert("company:\(calls[appearance.call].company)")
                } else if let firm = appearance.participant.affiliation {
                    let firmKey = firmKeys[firm] ?? PersonName.key(firm)
                    firmKeys[firm] = firmKey
                    if !firmKey.isEmpty { result.sides.insert("firm:" + firmKey) }
                }
            }
            factsOfKey[key] = result
            return result
        }
        for keys in bySurname.values where keys.count > 1 {
            var groups: [[String]] = []
            for key in keys.sorted() {
                let name = appearances[key]!.name
                let match = groups.indices.first { position in
                    guard groups[position].contains(where: { PersonName.samePerson(appearances[$0]!.name, name) }) else { return false }
                    let own = facts(key)
                    let members = groups[position].map(facts)
                    return members.allSatisfy { $0.calls.isDisjoint(with: own.calls) } && members.contains { !$0.sides.isDisjoint(with: own.sides) }
                }
                if let match { groups[match].append(key) } else { groups.append([key]) }
            }
            for group in groups where group.count > 1 {
                let canonical = group.min { a, b in
                    let x = appearances[a]!.list, y = appearances[b]!.list
                    if x.count != y.count { return x.count > y.count }
                    return (x.map(\.call).min()!, a) < (y.map(\.call).min()!, b)
                }!
                for key in group where key != canonical { owner[key] = canonical }
            }
        }
        return owner
    }

    /// Whether a participant gets a speaker page: named executives and analysts do; the operator and unidentified voices don't.
    public static func hasPage(_ participant: Participant) -> Bool {
        participant.group != .operator && participant.group != .unidentified && nameHasPage(participant.name)
    }

    /// The part of `hasPage` that depends on the name alone: not an unidentified voice, and at least one letter or digit.
    static func nameHasPage(_ name: String) -> Bool {
        !PersonName.isUnidentified(name) && name.unicodeScalars.contains { CharacterSet.alphanumerics.contains($0) }
    }

    /// The speaker page slug of a participant of a call, if they have a page.
    public func personSlug(call: Int, name: String) -> String? {
        personSlugs.indices.contains(call) ? personSlugs[call][name] : nil
    }

    /// The name the people table of `sitegen.yml` gives the person of a speaker page; nil for people it does not list.
    public func listedName(slug: String) -> String? {
        listedNames[slug]
    }

    /// The slug a turn's `data-speaker` carries: the person slug, else a slug of the written name.
    public func speakerSlug(call: Int, name: String) -> String {
        personSlug(call: call, name: name) ?? Slug.make(name)
    }

    /// Calls oldest first: by date, then fiscal period, then source path (unique, so the order is total).
    static func chronological(_ a: Call, _ b: Call) -> Bool {
        switch (a.outline.date, b.outline.date) {
        case let (x?, y?) where x != y: return x < y
        case (nil, _?): return false
        case (_?, nil): return true
        default: break
        }
        switch (a.outline.fiscalPeriod, b.outline.fiscalPeriod) {
        case let (x?, y?) where x != y: return x < y
        default: return a.source < b.source
        }
    }

    /// Of `collisions`, the calls whose source file has the same text as the one holding the URL, or as another such
    /// copy's holder: copy source → the source it copies (paths relative to `siteRoot`) and whether the bytes are the
    /// same too (else only line ends or a UTF-8 byte-order mark differ). Only colliding calls are read.
    static func copies(_ collisions: [(source: String, holder: String)], siteRoot: URL) -> [String: (original: String, sameBytes: Bool)] {
        var copies: [String: (original: String, sameBytes: Bool)] = [:]
        var bytes: [String: Data] = [:]
        var texts: [String: Data] = [:]
        func read(_ source: String) -> Data? {
            if let known = bytes[source] { return known }
            let data = try? Data(contentsOf: siteRoot.appendingPathComponent(source), options: .mappedIfSafe)
            bytes[source] = data
            return data
        }
        func text(_ source: String, _ data: Data) -> Data {
            if let known = texts[source] { return known }
            let plain = plainLines(data)
            texts[source] = plain
            return plain
        }
        for collision in collisions {
            guard let data = read(collision.source), let held = read(collision.holder) else { continue }
            if data == held {
                copies[collision.source] = (collision.holder, true)
            } else if text(collision.source, data) == text(collision.holder, held) {
                copies[collision.source] = (collision.holder, false)
            }
        }
        return copies
    }

    /// `data` without a leading UTF-8 byte-order mark, with CRLF and lone CR line ends made LF.
    static func plainLines(_ data: Data) -> Data {
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        var result = Data()
        result.reserveCapacity(body.count)
        var afterCR = false
        for byte in body {
            if byte == 0x0D {
                result.append(0x0A)
                afterCR = true
                continue
            }
            if !(byte == 0x0A && afterCR) { result.append(byte) }
            afterCR = false
        }
        return result
    }

    /// "2012-q3", else the date "2012-10-25", else a slug of the title.
    static func baseSlug(_ transcript: Transcript) -> String {
        if let period = transcript.fiscalPeriod {
            return transcript.kind == .earningsCall || transcript.kind == .other ? period.slug : "\(period.slug)-\(Slug.make(transcript.kind.rawValue))"
        }
        if let date = transcript.date { return DateText.day(date) }
        return Slug.make(transcript.title)
    }
}
