import Foundation
import TranscriptKit
import Yams

/// A person the archivist names in the `people:` table of `sitegen.yml`: which spellings are this person, and
/// optionally the page's slug and the firms or companies that tell two people of one name apart.
public struct PersonEntry: Sendable, Equatable {
    /// The name the speaker page shows.
    public var name: String
    /// Other spellings of the same person; appearances under any of them are this person.
    public var aliases: [String]
    /// The speaker page's URL slug; nil for the slug of `name`.
    public var slug: String?
    /// Firms (analysts) or companies (executives) this entry is limited to; empty for every appearance of its spellings.
    public var firms: [String]
    /// The line of the entry in `sitegen.yml`, for diagnostics.
    public var line: Int?

    /// Creates an entry.
    public init(name: String, aliases: [String] = [], slug: String? = nil, firms: [String] = [], line: Int? = nil) {
        self.name = name
        self.aliases = aliases
        self.slug = slug
        self.firms = firms
        self.line = line
    }

    /// The name and every alias.
    public var spellings: [String] { [name] + aliases }

    static let keys: Set<String> = ["name", "aliases", "slug", "firms"]

    /// Reads the `people:` list of a config; errors name `path` and the line.
    static func table(_ node: Node, companies: [CompanyEntry], path: String) throws(Diagnostic) -> [PersonEntry] {
        if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" { return [] }
        guard let items = node.sequence else {
            throw Diagnostic(.error, file: path, line: node.mark?.line, "'people' should be a list of people (each starting with '- name:')")
        }
        var entries: [PersonEntry] = []
        for (position, item) in items.enumerated() { entries.append(try entry(item, number: position + 1, path: path)) }
        try checkDistinct(entries, companies: companies, path: path)
        return entries
    }

    private static func entry(_ node: Node, number: Int, path: String) throws(Diagnostic) -> PersonEntry {
        let line = node.mark?.line
        guard let mapping = node.mapping else {
            throw Diagnostic(.error, file: path, line: line, "people entry \(number) should be a mapping with at least 'name:'")
        }
        for (key, _) in mapping {
            guard let name = key.string, keys.contains(name) else {
                throw Diagnostic(.error, file: path, line: key.mark?.line,
                                 "unknown key '\(key.string ?? "?")' in people entry \(number); expected one of \(keys.sorted().joined(separator: ", "))")
            }
        }
        func fail(_ node: Node?, _ message: String) -> Diagnostic {
            Diagnostic(.error, file: path, line: node?.mark?.line ?? line, message)
        }
        func text(_ node: Node, _ key: String, what: String) throws(Diagnostic) -> String {
            guard case .scalar(let scalar) = node else { throw fail(node, "'\(key)' in people entry \(number) should be \(what)") }
            let value = scalar.string.trimmingCharacters(in: .whitespaces)
            guard !PersonName.key(value).isEmpty else { throw fail(node, "'\(key)' in people entry \(number) should be \(what) with a letter or digit, found '\(value)'") }
            return value
        }
        func list(_ key: String, what: String) throws(Diagnostic) -> [String] {
            guard let value = mapping[key] else { return [] }
            guard let items = value.sequence else { return [try text(value, key, what: what)] }
            guard !items.isEmpty else { throw fail(value, "'\(key)' in people entry \(number) is an empty list; leave it out instead") }
            var result: [String] = []
            for item in items { result.append(try text(item, key, what: what)) }
            return result
        }
        guard let nameNode = mapping["name"] else { throw fail(nil, "people entry \(number) has no 'name'") }
        let name = try text(nameNode, "name", what: "a name")
        var slug: String?
        if let slugNode = mapping["slug"] {
            guard case .scalar(let scalar) = slugNode, Slug.make(scalar.string) == scalar.string else {
                throw fail(slugNode, "'slug' of '\(name)' must be one URL path segment: lower-case letters a-z, digits and single hyphens inside, "
                                     + "at most 80 characters, found '\(slugNode.string ?? "")'")
            }
            slug = scalar.string
        }
        return PersonEntry(name: name, aliases: try list("aliases", what: "a list of names"), slug: slug,
                           firms: try list("firms", what: "a list of firm or company names"), line: line)
    }

    /// Two entries may not give one slug, nor claim one spelling unless `firms` tells them apart: at most one entry of a
    /// spelling without `firms`, and no firm (or company of the companies table, by any of its names) in two of them.
    private static func checkDistinct(_ entries: [PersonEntry], companies: [CompanyEntry], path: String) throws(Diagnostic) {
        func place(_ position: Int) -> String {
            "people entry \(position + 1)" + (entries[position].line.map { " (line \($0))" } ?? "")
        }
        var slugs: [String: Int] = [:]
        for (position, entry) in entries.enumerated() {
            guard let slug = entry.slug else { continue }
            if let other = slugs[slug] {
                throw Diagnostic(.error, file: path, line: entry.line,
                                 "'\(entry.name)' has the slug '\(slug)' of '\(entries[other].name)', \(place(other)); each person needs a slug of their own")
            }
            slugs[slug] = position
        }
        var companyOfFold: [String: Int] = [:]
        for (position, company) in companies.enumerated() {
            for name in [company.name] + company.aliases + (company.ticker.map { [$0] } ?? []) {
                companyOfFold[CuratedPeople.fold(name)] = companyOfFold[CuratedPeople.fold(name)] ?? position
            }
        }
        // What a firm names: a company of the companies table, else the firm itself.
        func side(_ firm: String) -> String { companyOfFold[CuratedPeople.fold(firm)].map { "c:\($0)" } ?? "f:" + CuratedPeople.fold(firm) }
        var claims: [String: [(entry: Int, sides: Set<String>)]] = [:]
        for (position, entry) in entries.enumerated() {
            let sides = Set(entry.firms.map(side))
            var seen = Set<String>()
            for spelling in entry.spellings {
                let key = PersonName.key(spelling)
                guard seen.insert(key).inserted else { continue }
                for claim in claims[key, default: []] {
                    let reason: String
                    if sides.isEmpty && claim.sides.isEmpty {
                        reason = "neither lists 'firms'"
                    } else if let shared = entry.firms.first(where: { claim.sides.contains(side($0)) }) {
                        reason = "both list the firm '\(shared)'"
                    } else {
                        continue
                    }
                    throw Diagnostic(.error, file: path, line: entry.line,
                                     "'\(spelling)' in '\(entry.name)' is also a spelling of '\(entries[claim.entry].name)', \(place(claim.entry)), and \(reason); "
                                     + "a spelling is one person's, unless 'firms' tells the entries apart")
                }
                claims[key, default: []].append((position, sides))
            }
        }
    }
}

/// The people table resolved against the archive: which entry, if any, an appearance belongs to.
struct CuratedPeople: Sendable {
    /// The entries, in file order.
    let entries: [PersonEntry]
    /// Entries by each of their spellings' `PersonName.key`, in file order.
    private let entriesOfKey: [String: [Int]]
    /// Per entry, its firms folded (`fold`), matched against analysts' affiliations.
    private let firmFolds: [Set<String>]
    /// Per entry, the companies (`SiteIndex.companies` positions) its firms name, matched against executives' calls.
    private let companiesOfEntry: [Set<Int>]

    /// Whether the table is empty (then every name is placed as if there were none).
    var isEmpty: Bool { entries.isEmpty }

    init(entries: [PersonEntry], companies: [Company]) {
        self.entries = entries
        var entriesOfKey: [String: [Int]] = [:]
        for (position, entry) in entries.enumerated() {
            for key in Set(entry.spellings.map(PersonName.key)).sorted() { entriesOfKey[key, default: []].append(position) }
        }
        self.entriesOfKey = entriesOfKey
        firmFolds = entries.map { Set($0.firms.map(Self.fold)) }
        var companiesOfFold: [String: Set<Int>] = [:]
        if entries.contains(where: { !$0.firms.isEmpty }) {
            for (position, company) in companies.enumerated() {
                for name in [company.name] + company.aliases + (company.ticker.map { [$0] } ?? []) {
                    companiesOfFold[Self.fold(name), default: []].insert(position)
                }
            }
        }
        companiesOfEntry = firmFolds.map { folds in folds.reduce(into: Set<Int>()) { $0.formUnion(companiesOfFold[$1] ?? []) } }
    }

    /// A firm or company name reduced for comparison: case, diacritics, punctuation and legal suffixes don't count
    /// ("Barclays PLC" and "BARCLAYS" agree).
    static func fold(_ name: String) -> String {
        CompanyName.normalized(name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil))
    }

    /// The entry an appearance under the person key `key` belongs to: the first of the key's entries with `firms` whose
    /// firms name the participant's affiliation (analysts) or the call's company (executives), else its entry without
    /// `firms`, else none (the appearance is placed as an unlisted name's).
    func entry(key: String, participant: Participant, company: Int) -> Int? {
        guard let candidates = entriesOfKey[key] else { return nil }
        var unrestricted: Int?
        for position in candidates {
            if entries[position].firms.isEmpty {
                unrestricted = unrestricted ?? position
            } else if participant.group == .corporate {
                if companiesOfEntry[position].contains(company) { return position }
            } else if let affiliation = participant.affiliation, firmFolds[position].contains(Self.fold(affiliation)) {
                return position
            }
        }
        return unrestricted
    }

    /// The person key of entry `position` in `SiteIndex`: no `PersonName.key` starts with U+0001, and keys of entries
    /// sort before every name's and in file order, so an entry without `slug` keeps the slug of its name before an
    /// unlisted name that slugs alike.
    static func key(_ position: Int) -> String {
        "\u{1}" + String(repeating: "0", count: max(0, 8 - String(position).count)) + String(position)
    }
}

extension SiteIndex {
    /// A warning for each entry of the people table whose name no speaker page shows: none of its spellings spoke in
    /// the archive (a typo in `name` or `aliases`, or a person whose calls were removed), so the entry does nothing.
    func unmatchedPeopleEntries(_ entries: [PersonEntry]) -> [Diagnostic] {
        guard !entries.isEmpty else { return [] }
        let shown = Set(people.compactMap { listedName(slug: $0.slug) })
        return entries.filter { !shown.contains($0.name) }.map { entry in
            Diagnostic(.warning, file: "sitegen.yml", line: entry.line,
                       "people: no call has a speaker named \(entry.spellings.map { "'\($0)'" }.joined(separator: " or "))\(entry.firms.isEmpty ? "" : " for \(entry.firms.joined(separator: ", "))"); the entry does nothing (check its spellings)")
        }
    }
}
