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
        let raw: RawConfig
        do {
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .defaults }
            raw = try YAMLDecoder().decode(RawConfig.self, from: text)
        } catch let error as YamlError {
            throw Diagnostic(.error, file: path, line: error.sourceLine, "the config is not valid YAML: \(error.reason)")
        } catch DecodingError.dataCorrupted(let context) where context.underlyingError is YamlError {
            let error = context.underlyingError as! YamlError
            throw Diagnostic(.error, file: path, line: error.sourceLine, "the config is not valid YAML: \(error.reason)")
        } catch let DecodingError.typeMismatch(type, context), let DecodingError.valueNotFound(type, context) {
            throw Diagnostic(.error, file: path, "'\(context.codingPath.map(\.stringValue).joined(separator: "."))' should be \(Self.describe(type))")
        } catch let DecodingError.keyNotFound(key, context) {
            throw Diagnostic(.error, file: path, "'\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))' is required")
        } catch {
            throw Diagnostic(.error, file: path, "the config could not be read: \(error)")
        }
        var config = SiteConfig.defaults
        if let title = raw.title { config.title = title }
        if let description = raw.description { config.description = description }
        if let base = raw.baseURL ?? raw.base_url {
            guard let url = URL(string: base), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw Diagnostic(.error, file: path, "'baseURL' must be an absolute http(s) URL, found '\(base)'")
            }
            config.baseURL = base.hasSuffix("/") ? base : base + "/"
        }
        if let theme = raw.theme {
            guard Slug.make(theme) == theme.lowercased(), !theme.contains("/"), !theme.hasPrefix(".") else {
                throw Diagnostic(.error, file: path, "'theme' must be a folder name under Themes/ (letters, digits, hyphens), found '\(theme)'")
            }
            config.theme = theme
        }
        config.companies = raw.companies ?? []
        for (index, company) in config.companies.enumerated() where company.name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw Diagnostic(.error, file: path, "companies[\(index)] has an empty name")
        }
        // The people table is read from the node tree, for the lines its errors name.
        if let people = (try? Yams.compose(yaml: text))?.mapping?["people"] {
            config.people = try PersonEntry.table(people, companies: config.companies, path: path)
        }
        return config
    }

    private struct RawConfig: Decodable {
        var title: String?
        var description: String?
        var baseURL: String?
        var base_url: String?
        var theme: String?
        var companies: [CompanyEntry]?
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is [CompanyEntry].Type, is [String].Type: return "a list"
        default: return "a \(type)"
        }
    }
}

/// A company the archivist names in the config.
public struct CompanyEntry: Sendable, Equatable, Decodable {
    /// The company's display name.
    public var name: String
    /// The ticker; it also becomes the URL slug.
    public var ticker: String?
    /// Other spellings transcripts use for the company.
    public var aliases: [String]
    /// The sector, shown on the company page.
    public var sector: String?
    /// The company's website.
    public var website: String?

    /// Creates an entry.
    public init(name: String, ticker: String? = nil, aliases: [String] = [], sector: String? = nil, website: String? = nil) {
        self.name = name
        self.ticker = ticker
        self.aliases = aliases
        self.sector = sector
        self.website = website
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        ticker = try container.decodeIfPresent(String.self, forKey: .ticker)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        sector = try container.decodeIfPresent(String.self, forKey: .sector)
        website = try container.decodeIfPresent(String.self, forKey: .website)
    }

    private enum CodingKeys: String, CodingKey { case name, ticker, aliases, sector, website }
}
