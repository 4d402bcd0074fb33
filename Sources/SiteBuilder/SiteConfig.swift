import EventKit
import Foundation
import TranscriptKit
import Yams

/// The site configuration read from `sitegen.yml`; every key is optional.
public struct SiteConfig: Sendable, Equatable {
    /// The site's title, shown in the header and page titles.
    public var title: String
    /// A one-sentence description for the home page and meta tags.
    public var description: String
    /// The absolute URL the site is published at, e.g. "https://example.org/calls/"; used for canonical links.
    public var baseURL: String?
    /// The theme folder under `Themes/` to use; templates it lacks come from `Themes/default/`.
    public var theme: String
    /// Known companies: resolve tickerless layouts and merge spellings.
    public var companies: [CompanyEntry]
    /// Known people: which spellings are one person, and which appearances of one name are different people.
    public var people: [PersonEntry]

    /// The configuration a site without `sitegen.yml` gets.
    public static let defaults = SiteConfig(title: "Earnings Call Archive", description: "", baseURL: nil, theme: "default", companies: [])

    /// Creates a configuration.
    public init(title: String, description: String, baseURL: String?, theme: String, companies: [CompanyEntry], people: [PersonEntry] = []) {
        self.title = title
        self.description = description
        self.baseURL = baseURL
        self.theme = theme
        self.companies = companies
        self.people = people
    }

    /// Reads `sitegen.yml` at `url`; a missing file gives the defaults, a malformed one an error naming the line.
    public static func load(from url: URL) throws(Diagnostic) -> SiteConfig {
        guard FileManager.default.fileExists(atPath: url.path) else { return .defaults }
        let path = url.lastPathComponent
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw Diagnostic(.error, file: path, "cannot read the site config as UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses configuration YAML.
    public static func parse(_ text: String, path: String = "sitegen.yml") throws(Diagnostic) -> SiteConfig {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .defaults }
        // The node tree, read once, for the lines that key and value errors and the companies and people tables name.
        let mapping = (try? Yams.compose(yaml: text))?.mapping
        let raw: RawConfig
        do {
            raw = try YAMLDecoder().decode(RawConfig.self, from: text)
        } catch let error as YamlError {
            throw Diagnostic(.error, file: path, line: error.sourceLine, "the config is not valid YAML: \(error.reason)")
        } catch DecodingError.dataCorrupted(let context) where context.underlyingError is YamlError {
            let error = context.underlyingError as! YamlError
            throw Diagnostic(.error, file: path, line: error.sourceLine, "the config is not valid YAML: \(error.reason)")
        } catch let DecodingError.typeMismatch(type, context), let DecodingError.valueNotFound(type, context) {
            throw Diagnostic(.error, file: path, line: context.codingPath.first.flatMap { line(of: $0.stringValue, in: mapping) },
                             "'\(context.codingPath.map(\.stringValue).joined(separator: "."))' should be \(Self.describe(type))")
        } catch let DecodingError.keyNotFound(key, context) {
            throw Diagnostic(.error, file: path, "'\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))' is required")
        } catch {
            throw Diagnostic(.error, file: path, "the config could not be read: \(error)")
        }
        var config = SiteConfig.defaults
        if let description = raw.description { config.description = description }
        try checkKeys(mapping, path: path)
        if let title = raw.title {
            guard title.contains(where: { !$0.isWhitespace }) else {
                throw Diagnostic(.error, file: path, line: line(of: "title", in: mapping),
                                 "'title' is empty: every page's <title> and the feeds show it; name the archive, or remove the key for the default")
            }
            config.title = title
        }
        if let base = raw.baseURL ?? raw.base_url {
            guard isBaseURL(base) else {
                throw Diagnostic(.error, file: path, line: line(of: "baseURL", in: mapping) ?? line(of: "base_url", in: mapping),
                                 "'baseURL' must be \(baseURLRule), found '\(base)'")
            }
            config.baseURL = base.hasSuffix("/") ? base : base + "/"
        }
        if let theme = raw.theme {
            guard isThemeName(theme) else {
                throw Diagnostic(.error, file: path, line: line(of: "theme", in: mapping), "'theme' must be a folder name under Themes/ (letters, digits, hyphens), found '\(theme)'")
            }
            config.theme = theme
        }
        // The companies and people tables are read from the node tree, for the lines their errors name.
        if let companies = mapping?["companies"] {
            config.companies = try CompanyEntry.table(companies, path: path)
        }
        if let people = mapping?["people"] {
            config.people = try PersonEntry.table(people, companies: config.companies, path: path)
        }
        return config
    }

    /// The top-level keys of `sitegen.yml`, and those of an entry of its `companies:` list.
    static let keys: Set<String> = ["title", "description", "baseURL", "base_url", "theme", "companies", "people"]
    static let companyKeys: Set<String> = CompanyEntry.keys

    /// Rejects keys the config does not have (a misspelt `baseUrl:` would otherwise be ignored without a word), with
    /// the line of the key and, for a key that differs only in case or `_`/`-`, the key meant.
    private static func checkKeys(_ mapping: Node.Mapping?, path: String) throws(Diagnostic) {
        guard let mapping else { return }
        func check(_ mapping: Node.Mapping, against known: Set<String>, in place: String) throws(Diagnostic) {
            for (key, _) in mapping {
                guard let name = key.string, !known.contains(name) else { continue }
                let folded = { (key: String) in key.lowercased().filter { $0 != "_" && $0 != "-" } }
                let meant = known.sorted().first { folded($0) == folded(name) }.map { " (did you mean '\($0)'?)" } ?? ""
                throw Diagnostic(.error, file: path, line: key.mark?.line,
                                 "unknown key '\(name)'\(place)\(meant); expected one of \(known.sorted().joined(separator: ", "))")
            }
        }
        try check(mapping, against: keys, in: "")
        for (position, entry) in (mapping["companies"]?.sequence ?? []).enumerated() {
            if let company = entry.mapping { try check(company, against: companyKeys, in: " in companies[\(position)]") }
        }
    }

    /// The line on which the top-level `key` is set, if it is.
    private static func line(of key: String, in mapping: Node.Mapping?) -> Int? {
        mapping?.first { $0.key.string == key }?.key.mark?.line
    }

    /// What a base URL must be, for messages.
    public static let baseURLRule = "an absolute http(s) URL without a query, a fragment, spaces or quotes (the address of the site's folder, e.g. https://example.org/calls/)"

    /// Whether `base` can be the site's base URL (`baseURLRule`): it is written into every page as it is.
    public static func isBaseURL(_ base: String) -> Bool {
        guard let url = URLComponents(string: base), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              url.host?.isEmpty == false, url.query == nil, url.fragment == nil, url.user == nil else { return false }
        return !base.contains { $0.isWhitespace || "\"'<>\\".contains($0) }
    }

    /// Whether `name` can name a theme: a folder name under `Themes/` of letters, digits and hyphens.
    public static func isThemeName(_ name: String) -> Bool {
        !name.isEmpty && Slug.make(name) == name.lowercased() && !name.contains("/") && !name.hasPrefix(".")
    }

    private struct RawConfig: Decodable {
        var title: String?
        var description: String?
        var baseURL: String?
        var base_url: String?
        var theme: String?
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is Node.Scalar.Type: return "a string"
        case is [String].Type: return "a list"
        default: return "a \(type)"
        }
    }
}
