import Foundation
import TranscriptKit

/// How calls are grouped into company pages, and what the archivist should be told about it.
///
/// A call belongs to the entry of the companies table that lists its spelling (case and spacing aside); else to the
/// entry whose ticker it carries (on a date within the entry's `from`/`until`, when it has them); else calls are grouped
/// by ticker and by name, where case, accents, punctuation and legal forms don't count (`CuratedPeople.fold`). A name
/// never joins two entries: a call whose name is one entry's and whose ticker is another's stays with its name. A
/// company without an entry takes the name and ticker of its earliest call, so adding later calls never renames it.
struct CompanyGrouping {
    /// Companies A–Z, without their calls.
    let companies: [Company]
    /// The company (index into `companies`) of each call, indexes as the calls given.
    let companyOfCall: [Int]
    /// The name each call shows (`Call.companyName`), indexes as the calls given.
    let nameOfCall: [String]
    /// Different names on one page, calls the table cannot place, entries that place no call; sorted by file, message.
    let warnings: [Diagnostic]

    /// The config file the table's diagnostics name.
    static let configFile = "sitegen.yml"

    init(calls: [Call], entries: [CompanyEntry]) {
        var foldCache: [String: String] = [:]
        // Ten thousand calls name a few hundred companies: each spelling is folded once.
        func mergeKey(_ name: String) -> String {
            if let known = foldCache[name] { return known }
            let key = CuratedPeople.fold(name)
            foldCache[name] = key
            return key
        }
        var spellingCache: [String: String] = [:]
        func spelled(_ name: String) -> String {
            if let known = spellingCache[name] { return known }
            let key = Self.spellingKey(name)
            spellingCache[name] = key
            return key
        }
        var entryOfSpelling: [String: Int] = [:]
        var entriesOfMergeKey: [String: Set<Int>] = [:]
        var rangedEntries: [String: [Int]] = [:]
        for (position, entry) in entries.enumerated() {
            for spelling in entry.spellings {
                entryOfSpelling[spelled(spelling)] = position
                entriesOfMergeKey[mergeKey(spelling), default: []].insert(position)
            }
            if entry.hasRange, let ticker = entry.ticker { rangedEntries[ticker.uppercased(), default: []].append(position) }
        }
        // A name's node: its folded key, unless entries of the table that spell alike claim that key (AT&T Inc. and
        // AT-T Inc. as two entries): then only the exact spelling counts.
        func nameNode(_ spelling: String) -> String {
            let key = mergeKey(spelling)
            return (entriesOfMergeKey[key]?.count ?? 0) > 1 ? "s:" + spelled(spelling) : "n:" + key
        }
        func entryNode(_ position: Int) -> String { "c:\(position)" }
        func describe(_ position: Int) -> String {
            "'\(entries[position].name)' (\(Self.configFile)\(entries[position].line.map { ":\($0)" } ?? ""))"
        }

        var sets = UnionFind()
        for (position, entry) in entries.enumerated() {
            sets.claim(entryNode(position), for: position)
            if let ticker = entry.ticker, !entry.hasRange { sets.union(entryNode(position), "t:" + ticker.uppercased()) }
            for spelling in entry.spellings { sets.union(entryNode(position), nameNode(spelling)) }
        }
        var warnings: [Diagnostic] = []
        var nodeOfCall: [String] = []
        nodeOfCall.reserveCapacity(calls.count)
        for call in calls {
            let spelling = call.outline.company
            let node: String
            if let entry = entryOfSpelling[spelled(spelling)] {
                node = entryNode(entry)
            } else {
                node = nameNode(spelling)
                if let claimants = entriesOfMergeKey[mergeKey(spelling)], claimants.count > 1 {
                    warnings.append(Diagnostic(.warning, file: call.source,
                        "its company '\(spelling)' is spelt like the companies: entries \(claimants.sorted().map(describe).joined(separator: " and ")) "
                        + "but is neither's spelling, so it gets a company page of its own; add it to the aliases of the entry it belongs to"))
                }
            }
            sets.union(node, node)
            if let ticker = call.outline.ticker?.uppercased() {
                var tickerNode = "t:" + ticker
                if let ranged = rangedEntries[ticker] {
                    if let date = call.outline.date, let entry = ranged.first(where: { entries[$0].tickerCovers(date) }) {
                        tickerNode = entryNode(entry)
                    } else if sets.owner(of: node) == nil {
                        let when = call.outline.date.map { "on \(DateText.day($0)) is in none of" } ?? "has no date, so it is in none of"
                        warnings.append(Diagnostic(.warning, file: call.source,
                            "the call with the ticker \(ticker) \(when) the from:/until: spans of the companies: entries that have it "
                            + "(\(ranged.map(describe).joined(separator: ", "))); it is placed by its company name '\(spelling)'"))
                    }
                }
                if !sets.union(node, tickerNode), let byName = sets.owner(of: node), let byTicker = sets.owner(of: tickerNode) {
                    let when = call.outline.date.map { " on \(DateText.day($0))" } ?? ""
                    warnings.append(Diagnostic(.warning, file: call.source,
                        "its company name '\(spelling)' is the companies: entry \(describe(byName))'s but its ticker \(ticker)\(when) "
                        + "is \(describe(byTicker))'s; it stays with \(describe(byName)), by its name; if that is wrong, list '\(spelling)' in the other entry"))
                }
            }
            nodeOfCall.append(node)
        }

        var membersOfRoot: [String: [Int]] = [:]
        for (index, node) in nodeOfCall.enumerated() { membersOfRoot[sets.find(node), default: []].append(index) }
        struct Draft {
            var name: String
            var ticker: String?
            var entry: Int?
            var aliases: [String]
            /// Oldest call first.
            var members: [Int]
        }
        var drafts: [Draft] = []
        for root in membersOfRoot.keys.sorted() {
            let members = membersOfRoot[root]!.sorted { SiteIndex.chronological(calls[$0], calls[$1]) }
            let entry = sets.owner(of: root)
            let name = entry.map { entries[$0].name } ?? calls[members[0]].outline.company
            let ticker = entry.flatMap { entries[$0].ticker } ?? members.lazy.compactMap { calls[$0].outline.ticker?.uppercased() }.first
            let spellings = members.map { calls[$0].outline.company } + (entry.map { entries[$0].aliases } ?? [])
            drafts.append(Draft(name: name, ticker: ticker, entry: entry, aliases: Array(Set(spellings).subtracting([name])).sorted(),
                                members: members))
        }
        drafts.sort { ($0.name.lowercased(), $0.name, calls[$0.members[0]].source) < ($1.name.lowercased(), $1.name, calls[$1.members[0]].source) }

        // Slugs: those the table gives first; then the ticker's or the name's, the table's companies in file order, then
        // the others with the company of the oldest call first, so that a newer company whose slug collides gets -2 and
        // an existing page keeps its URL.
        var slugs = [String?](repeating: nil, count: drafts.count)
        var used = Set<String>()
        for (position, draft) in drafts.enumerated() {
            if let slug = draft.entry.flatMap({ entries[$0].slug }) {
                slugs[position] = slug
                used.insert(slug)
            }
        }
        let unslugged = drafts.indices.filter { slugs[$0] == nil }
        let slugOrder = unslugged.filter { drafts[$0].entry != nil }.sorted { drafts[$0].entry! < drafts[$1].entry! }
            + unslugged.filter { drafts[$0].entry == nil }.sorted {
                SiteIndex.chronological(calls[drafts[$0].members[0]], calls[drafts[$1].members[0]])
            }
        for position in slugOrder {
            let draft = drafts[position]
            let base = draft.ticker.flatMap(Self.tickerSlug) ?? Slug.make(draft.name)
            var slug = base
            var counter = 2
            while used.contains(slug) { slug = "\(base)-\(counter)"; counter += 1 }
            used.insert(slug)
            slugs[position] = slug
        }

        var companies: [Company] = []
        var companyOfCall = [Int](repeating: 0, count: calls.count)
        var nameOfCall = [String](repeating: "", count: calls.count)
        for (position, draft) in drafts.enumerated() {
            let entry = draft.entry.map { entries[$0] }
            let company = Company(slug: slugs[position]!, name: draft.name, ticker: draft.ticker, sector: entry?.sector,
                                  website: entry?.website, aliases: draft.aliases)
            // A call shows the page's name when it spells that name (or a name the table confirms and that is the page's
            // name shortened or lengthened); a call published under another name keeps it.
            let pageKey = mergeKey(draft.name)
            var identities = NameIdentities(entry: entry)
            let pageIdentity = identities.of(draft.name)
            for member in draft.members {
                companyOfCall[member] = position
                let spelling = calls[member].outline.company
                let same = spelling == draft.name || (Self.sameName(mergeKey(spelling), pageKey) && identities.of(spelling) == pageIdentity)
                nameOfCall[member] = same ? draft.name : spelling
            }
            if let warning = Self.namesWarning(company: company, identities: &identities, hasEntry: entry != nil, members: draft.members,
                                               calls: calls, mergeKey: mergeKey) {
                warnings.append(warning)
            }
            companies.append(company)
        }
        let placed = Set(drafts.compactMap(\.entry))
        for (position, entry) in entries.enumerated() where !placed.contains(position) {
            warnings.append(Diagnostic(.warning, file: Self.configFile, line: entry.line,
                "companies: no call is placed on '\(entry.name)' by its name, aliases or ticker; the entry does nothing (check its spellings, ticker and dates)"))
        }
        self.companies = companies
        self.companyOfCall = companyOfCall
        self.nameOfCall = nameOfCall
        self.warnings = warnings.sorted { ($0.file ?? "", $0.line ?? 0, $0.message) < ($1.file ?? "", $1.line ?? 0, $1.message) }
    }

    /// The slug of a ticker, or nil for one with no letter or digit (`.`, `-`), which slugs to nothing: the company's
    /// name gives its slug then, not "untitled".
    static func tickerSlug(_ ticker: String) -> String? {
        ticker.unicodeScalars.contains(where: CharacterSet.alphanumerics.contains) ? Slug.make(ticker) : nil
    }

    /// A spelling as the companies table matches it exactly: case and spacing don't count, accents and punctuation do.
    static func spellingKey(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether two folded names are one name: equal, or one is the other's first words ("calix" and "calix networks").
    static func sameName(_ x: String, _ y: String) -> Bool {
        x == y || (!x.isEmpty && !y.isEmpty && (x.hasPrefix(y + " ") || y.hasPrefix(x + " ")))
    }

    /// Legal forms that `core` drops from the end of a name.
    private static let legalForms: Set<String> = [
        "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "lp", "l.p", "plc",
        "sa", "s.a", "ag", "nv", "n.v", "se", "group", "holdings",
    ]

    /// A name as written, less what transcripts vary without naming another company: case, spacing, a leading "The"
    /// and trailing legal forms with their punctuation ("Calix, Inc." and "CALIX INC" are both "calix"; "AT&T Inc." is
    /// "at&t" and "AT-T Inc." is "at-t", which differ).
    static func core(_ name: String) -> String {
        var words = name.precomposedStringWithCanonicalMapping.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        func bare(_ word: String) -> String { word.trimmingCharacters(in: .punctuationCharacters) }
        while words.count > 1, let last = words.last, bare(last).isEmpty || legalForms.contains(bare(last)) { words.removeLast() }
        if words.count > 1, words[0] == "the" { words.removeFirst() }
        let joined = words.joined(separator: " ")
        let trimmed = joined.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:"))
        return trimmed.isEmpty ? joined : trimmed
    }

    /// The warning for a company page that holds calls published under different names (`core`) that the table does
    /// not confirm as one company's: joined by a ticker, or by spellings that differ only in punctuation, accents or
    /// legal form. Names the names, their years and files, the page, and how to confirm or split them.
    private static func namesWarning(company: Company, identities: inout NameIdentities, hasEntry: Bool, members: [Int], calls: [Call],
                                     mergeKey: (String) -> String) -> Diagnostic? {
        guard members.contains(where: { calls[$0].outline.company != calls[members[0]].outline.company }) else { return nil }
        func identity(_ spelling: String) -> String { identities.of(spelling) }
        var order: [String] = []
        var callsOf: [String: [Int]] = [:]
        for member in members {
            let key = identity(calls[member].outline.company)
            if callsOf[key] == nil { order.append(key) }
            callsOf[key, default: []].append(member)
        }
        guard order.count > 1 else { return nil }
        let pageIdentity = hasEntry ? "" : order[0]
        let odd = members.first { identity(calls[$0].outline.company) != pageIdentity } ?? members[0]
        func year(_ call: Call) -> String? {
            call.outline.date.map { String(DateText.day($0).prefix(4)) } ?? call.outline.fiscalPeriod.map { String($0.year) }
        }
        let parts = order.map { key -> String in
            let list = callsOf[key]!
            var spellings: [String] = []
            for member in list where !spellings.contains(calls[member].outline.company) { spellings.append(calls[member].outline.company) }
            let years = list.compactMap { year(calls[$0]) }
            let span = years.isEmpty ? "" : (years.first == years.last ? years[0] : "\(years.min()!)–\(years.max()!)") + ", "
            let files = list.prefix(3).map { calls[$0].source }.joined(separator: ", ") + (list.count > 3 ? " and \(list.count - 3) more" : "")
            let names = spellings.map { "'\($0)'" }.joined(separator: " or ")
            return "\(names) (\(key.isEmpty ? "as the companies: entry lists, " : "")\(span)\(list.count == 1 ? "1 call" : "\(list.count) calls"): \(files))"
        }
        // Different folded names can only have been joined by a ticker; one folded name by spelling alone.
        let foldedOf = Dictionary(grouping: order) { key in mergeKey(calls[callsOf[key]![0]].outline.company) }
        var reasons: [String] = []
        if foldedOf.count > 1 {
            let tickers = Set(members.compactMap { calls[$0].outline.ticker?.uppercased() }).sorted()
            reasons.append(tickers.count == 1 ? "the ticker \(tickers[0]) joins them" : "the tickers \(tickers.joined(separator: ", ")) join them")
        }
        if foldedOf.values.contains(where: { $0.count > 1 }) {
            reasons.append("some differ only in punctuation or accents")
        }
        return Diagnostic(.warning, file: calls[odd].source,
            "one company page, \(company.url) ('\(company.name)'), holds calls published under different names: "
            + parts.joined(separator: "; ") + "; " + reasons.joined(separator: " and ") + ". If they are one company, list the names "
            + "in one entry of companies: in \(configFile) (name and aliases); if they are different companies, give each its own entry "
            + "(with ticker, from: and until: when one ticker passed from one to the other, and slug: to choose the URLs)")
    }
}

/// Which names of one company's calls are the same name: "" for those its table entry lists (one company by the
/// archivist's word: a spelling it lists, or one whose `CompanyGrouping.core` is a listed spelling's), else the core.
struct NameIdentities {
    private let listed: Set<String>
    private let listedCores: Set<String>
    private var known: [String: String] = [:]

    init(entry: CompanyEntry?) {
        listed = entry.map { Set($0.spellings.map(CompanyGrouping.spellingKey)) } ?? []
        listedCores = entry.map { Set($0.spellings.map(CompanyGrouping.core)) } ?? []
    }

    /// The identity of `spelling`.
    mutating func of(_ spelling: String) -> String {
        if let identity = known[spelling] { return identity }
        let core = CompanyGrouping.core(spelling)
        let identity = listed.contains(CompanyGrouping.spellingKey(spelling)) || listedCores.contains(core) ? "" : core
        known[spelling] = identity
        return identity
    }
}

/// Disjoint sets over string keys, for merging company spellings; a set may belong to one entry of the companies table,
/// and sets of two entries are never merged.
struct UnionFind {
    private var parent: [String: String] = [:]
    /// The entry each root's set belongs to, if any.
    private var owners: [String: Int] = [:]

    /// The set representative of `key` (the lexically smallest key, so results do not depend on order).
    mutating func find(_ key: String) -> String {
        var root = key
        while let next = parent[root], next != root { root = next }
        var node = key
        while let next = parent[node], next != root { parent[node] = root; node = next }
        if parent[key] == nil { parent[key] = key }
        return root
    }

    /// Marks `key`'s set as entry `entry`'s.
    mutating func claim(_ key: String, for entry: Int) {
        owners[find(key)] = entry
    }

    /// The entry `key`'s set belongs to, if any.
    mutating func owner(of key: String) -> Int? {
        owners[find(key)]
    }

    /// Merges the sets of `a` and `b`, unless they belong to two different entries; returns whether they are now one.
    @discardableResult
    mutating func union(_ a: String, _ b: String) -> Bool {
        let x = find(a), y = find(b)
        guard x != y else { return true }
        let owner = owners[x], other = owners[y]
        if let owner, let other, owner != other { return false }
        let (root, child) = x < y ? (x, y) : (y, x)
        parent[child] = root
        owners[child] = nil
        if let entry = owner ?? other { owners[root] = entry }
        return true
    }
}
