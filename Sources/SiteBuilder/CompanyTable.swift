import Foundation
import TranscriptKit
import Yams

/// A company the archivist names in the `companies:` table of `sitegen.yml`: its display name, the spellings and
/// ticker its calls use, and optionally its page's slug and the dates its ticker was its own (exchanges reuse tickers).
public struct CompanyEntry: Sendable, Equatable {
    /// The company's display name.
    public var name: String
    /// The ticker; calls that carry it are this company's (within `from`/`until`, when given). Default URL slug.
    public var ticker: String?
    /// Other spellings transcripts use for the company (former names too): calls published under them are this company's.
    public var aliases: [String]
    /// The sector, shown on the company page.
    public var sector: String?
    /// The company's website.
    public var website: String?
    /// The company page's URL slug; nil for the slug of the ticker, else of the name.
    public var slug: String?
    /// The first instant (UTC) at which `ticker` was this company's; nil for no start.
    public var from: Date?
    /// The instant (UTC) from which `ticker` was no longer this company's (the day or year `until:` names is still its
    /// own); nil for no end.
    public var until: Date?
    /// The line of the entry in `sitegen.yml`, for diagnostics.
    public var line: Int?

    /// Creates an entry.
    public init(name: String, ticker: String? = nil, aliases: [String] = [], sector: String? = nil, website: String? = nil,
                slug: String? = nil, from: Date? = nil, until: Date? = nil, line: Int? = nil) {
        self.name = name
        self.ticker = ticker
        self.aliases = aliases
        self.sector = sector
        self.website = website
        self.slug = slug
        self.from = from
        self.until = until
        self.line = line
    }

    /// The name and every alias.
    public var spellings: [String] { [name] + aliases }

    /// Whether the entry limits its ticker to a span of dates.
    var hasRange: Bool { from != nil || until != nil }

    /// Whether a call of `date` falls in the entry's ticker span.
    func tickerCovers(_ date: Date) -> Bool {
        (from.map { date >= $0 } ?? true) && (until.map { date < $0 } ?? true)
    }

    /// The keys of one entry.
    static let keys: Set<String> = ["name", "ticker", "aliases", "sector", "website", "slug", "from", "until"]

    /// Reads the `companies:` list of a config; errors name `path` and the line of the offending value.
    static func table(_ node: Node, path: String) throws(Diagnostic) -> [CompanyEntry] {
        if isNull(node) { return [] }
        guard let items = node.sequence else {
            throw Diagnostic(.error, file: path, line: node.mark?.line, "'companies' should be a list of companies (each starting with '- name:')")
        }
        var entries: [CompanyEntry] = []
        for (position, item) in items.enumerated() { entries.append(try entry(item, position: position, path: path)) }
        try checkDistinct(entries, path: path)
        return entries
    }

    private static func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return true }
        return false
    }

    private static func entry(_ node: Node, position: Int, path: String) throws(Diagnostic) -> CompanyEntry {
        let place = "companies[\(position)]"
        let line = node.mark?.line
        guard let mapping = node.mapping else {
            throw Diagnostic(.error, file: path, line: line, "\(place) should be a mapping with at least 'name:'")
        }
        func fail(_ node: Node?, _ message: String) -> Diagnostic {
            Diagnostic(.error, file: path, line: node?.mark?.line ?? line, message)
        }
        func text(_ key: String) throws(Diagnostic) -> String? {
            guard let value = mapping[key], !isNull(value) else { return nil }
            guard case .scalar(let scalar) = value else { throw fail(value, "'\(key)' in \(place) should be a string") }
            return scalar.string
        }
        guard let nameNode = mapping["name"], !isNull(nameNode) else { throw fail(nil, "\(place) has no 'name'") }
        guard let name = try text("name"), !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail(nameNode, "\(place) has an empty name")
        }
        var aliases: [String] = []
        if let value = mapping["aliases"], !isNull(value) {
            guard let items = value.sequence else { throw fail(value, "'aliases' in \(place) should be a list") }
            for item in items {
                guard case .scalar(let scalar) = item, !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw fail(item, "'aliases' in \(place) should be a list of names, found \(item.scalar == nil ? "a nested value" : "an empty name")")
                }
                aliases.append(scalar.string)
            }
        }
        let ticker = try text("ticker")
        if let ticker, ticker.trimmingCharacters(in: .whitespaces).isEmpty { throw fail(mapping["ticker"], "'ticker' in \(place) is empty; leave it out instead") }
        let slug = try text("slug")
        if let slug, Slug.make(slug) != slug {
            throw fail(mapping["slug"], "'slug' of '\(name)' must be one URL path segment: lower-case letters a-z, digits and single hyphens inside, "
                                        + "at most 80 characters, found '\(slug)'")
        }
        func bound(_ key: String, end: Bool) throws(Diagnostic) -> Date? {
            guard let value = try text(key) else { return nil }
            guard let date = tickerBound(value, end: end) else {
                throw fail(mapping[key], "'\(key)' in \(place) should be a year (2013) or a day (2013-06-30), found '\(value)'")
            }
            return date
        }
        let from = try bound("from", end: false), until = try bound("until", end: true)
        if (from != nil || until != nil) && ticker == nil {
            throw fail(mapping["from"] ?? mapping["until"], "'from'/'until' in \(place) limit the entry's ticker, and it has none; add 'ticker:' or leave them out")
        }
        if let from, let until, from >= until {
            throw fail(mapping["until"], "'until' in \(place) is before its 'from'; the ticker's span would be empty")
        }
        return CompanyEntry(name: name, ticker: ticker, aliases: aliases, sector: try text("sector"), website: try text("website"),
                            slug: slug, from: from, until: until, line: line)
    }

    /// The instant a `from:` (`end` false: the start of the year or day) or `until:` (`end` true: the start of the next
    /// year or day) value stands for, in UTC; nil if it is neither `yyyy` nor a real `yyyy-mm-dd`.
    static func tickerBound(_ text: String, end: Bool) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 3,
              parts.first?.count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var components = DateComponents(year: Int(parts[0]), month: 1, day: 1)
        if parts.count == 3 {
            components.month = Int(parts[1])
            components.day = Int(parts[2])
        }
        guard let start = calendar.date(from: components),
              calendar.dateComponents([.year, .month, .day], from: start) == DateComponents(year: components.year, month: components.month, day: components.day) else {
            return nil
        }
        guard end else { return start }
        return calendar.date(byAdding: parts.count == 3 ? .day : .year, value: 1, to: start)
    }

    /// Entries that would claim the same calls: one spelling in two entries, one ticker in two entries whose spans
    /// overlap (an entry without `from`/`until` spans all time), or one slug twice.
    private static func checkDistinct(_ entries: [CompanyEntry], path: String) throws(Diagnostic) {
        func place(_ position: Int) -> String {
            "companies[\(position)]" + (entries[position].line.map { " (line \($0))" } ?? "")
        }
        var spellings: [String: Int] = [:]
        var slugs: [String: Int] = [:]
        var tickers: [String: [Int]] = [:]
        for (position, entry) in entries.enumerated() {
            for spelling in entry.spellings {
                let key = CompanyGrouping.spellingKey(spelling)
                if let other = spellings[key], other != position {
                    throw Diagnostic(.error, file: path, line: entry.line,
                                     "'\(spelling)' in '\(entry.name)' is also a spelling of '\(entries[other].name)', \(place(other)); a spelling is one company's")
                }
                spellings[key] = position
            }
            if let slug = entry.slug {
                if let other = slugs[slug] {
                    throw Diagnostic(.error, file: path, line: entry.line,
                                     "'\(entry.name)' has the slug '\(slug)' of '\(entries[other].name)', \(place(other)); each company needs a slug of its own")
                }
                slugs[slug] = position
            }
            guard let ticker = entry.ticker?.uppercased() else { continue }
            for other in tickers[ticker, default: []] {
                let a = entries[other], b = entry
                let overlap = (a.from ?? .distantPast) < (b.until ?? .distantFuture) && (b.from ?? .distantPast) < (a.until ?? .distantFuture)
                guard overlap else { continue }
                throw Diagnostic(.error, file: path, line: entry.line,
                                 "'\(entry.name)' has the ticker '\(entry.ticker!)' of '\(a.name)', \(place(other)), for "
                                 + (a.hasRange || b.hasRange ? "overlapping dates" : "all dates")
                                 + "; if they are one company, make them one entry (with aliases); if the ticker passed from one company "
                                 + "to another, give each entry 'from:'/'until:' years or days that do not overlap")
            }
            tickers[ticker, default: []].append(position)
        }
    }
}
