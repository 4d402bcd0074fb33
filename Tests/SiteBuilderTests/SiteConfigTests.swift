import Foundation
import Testing
import TranscriptKit
@testable import SiteBuilder

/// `sitegen.yml`: every documented key is read; a key it does not have, or a base URL that cannot be written into
/// pages as it is, is an error naming the line.
@Suite("Site config")
struct SiteConfigTests {
    @Test func theDocumentedKeysAreRead() throws {
        let config = try SiteConfig.parse("""
            title: Calls
            description: "Every call"
            baseURL: https://example.org/calls
            theme: house
            companies:
              - name: Calix, Inc.
                ticker: CALX
                aliases: [Calix, Calix Inc]
                sector: Communications equipment
                website: https://www.calix.com
            """)
        #expect(config.title == "Calls" && config.description == "Every call" && config.theme == "house")
        #expect(config.baseURL == "https://example.org/calls/")
        #expect(config.companies.map(\.name) == ["Calix, Inc."] && config.companies.first?.aliases == ["Calix", "Calix Inc"])
        #expect(try SiteConfig.parse("base_url: http://localhost:8000").baseURL == "http://localhost:8000/")
    }

    @Test func anUnknownKeyNamesItsLineAndTheKeyMeant() {
        let cases: [(String, Int, String)] = [
            ("title: Calls\nbaseUrl: https://example.org/\n", 2, "unknown key 'baseUrl' (did you mean 'baseURL'?); expected one of"),
            ("title: Calls\ncompanies:\n  - name: Acme\n    tickr: ACME\n", 4, "unknown key 'tickr' in companies[0]; expected one of aliases, from, name, sector, slug, ticker, until, website"),
            ("Theme: house\n", 1, "unknown key 'Theme' (did you mean 'theme'?)"),
            ("people:\n  - name: Mike Ashby\nPeople: []\n", 3, "unknown key 'People' (did you mean 'people'?); expected one of baseURL, base_url, companies, description, people, theme, title"),
        ]
        for (text, line, message) in cases {
            do {
                _ = try SiteConfig.parse(text)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.file == "sitegen.yml" && error.line == line, "\(error)")
                #expect(error.message.contains(message), "\(error.message)")
            }
        }
    }

    @Test func aValueErrorInTheCompaniesTableOrAnotherKeyNamesItsLine() {
        let cases: [(String, Int, String)] = [
            ("title: Calls\ncompanies: Acme\n", 2, "'companies' should be a list of companies (each starting with '- name:')"),
            ("companies:\n  - Acme\n", 2, "companies[0] should be a mapping with at least 'name:'"),
            ("companies:\n  - ticker: ACME\n", 2, "companies[0] has no 'name'"),
            ("companies:\n  - name: Acme\n  - name: '  '\n", 3, "companies[1] has an empty name"),
            ("companies:\n  - name: Acme\n    ticker: [ACME]\n", 3, "'ticker' in companies[0] should be a string"),
            ("companies:\n  - name: Acme\n    aliases: Acme Corp\n", 3, "'aliases' in companies[0] should be a list"),
            ("companies:\n  - name: Acme\n    aliases:\n      - Acme Corp\n      - [x]\n", 5, "'aliases' in companies[0] should be a list of names, found a nested value"),
            ("companies:\n  - name: Acme\n    slug: Acme Corp\n", 3, "'slug' of 'Acme' must be one URL path segment"),
            ("companies:\n  - name: Acme\n    ticker: A\n    from: 2013-02-30\n", 4, "'from' in companies[0] should be a year (2013) or a day (2013-06-30), found '2013-02-30'"),
            ("companies:\n  - name: Acme\n    ticker: A\n    until: June 2013\n", 4, "'until' in companies[0] should be a year (2013) or a day"),
            ("companies:\n  - name: Acme\n    from: 2013\n", 3, "'from'/'until' in companies[0] limit the entry's ticker, and it has none"),
            ("companies:\n  - name: Acme\n    ticker: A\n    from: 2013\n    until: 2012\n", 5, "'until' in companies[0] is before its 'from'"),
            ("companies:\n  - name: Acme\n    ticker: A\n  - name: Zeta\n    ticker: a\n", 4,
             "'Zeta' has the ticker 'a' of 'Acme', companies[0] (line 2), for all dates; if they are one company, make them one entry"),
            ("companies:\n  - name: Acme\n    ticker: A\n    until: 2012\n  - name: Zeta\n    ticker: A\n    from: 2012-12-31\n", 5,
             "'Zeta' has the ticker 'A' of 'Acme', companies[0] (line 2), for overlapping dates"),
            ("companies:\n  - name: Acme\n    slug: acme\n  - name: Zeta\n    slug: acme\n", 4, "'Zeta' has the slug 'acme' of 'Acme', companies[0] (line 2)"),
            ("companies:\n  - name: Acme Corp.\n  - name: Zeta\n    aliases: [ACME  corp.]\n", 3,
             "'ACME  corp.' in 'Zeta' is also a spelling of 'Acme Corp.', companies[0] (line 2); a spelling is one company's"),
            ("title: Calls\ntheme: my theme\n", 2, "'theme' must be a folder name under Themes/"),
            ("title: [Calls]\n", 1, "'title' should be a string"),
            ("theme: default\ntitle: \"\"\n", 2, "'title' is empty: every page's <title> and the feeds show it"),
            ("title: '   '\n", 1, "'title' is empty"),
        ]
        for (text, line, message) in cases {
            do {
                _ = try SiteConfig.parse(text)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.file == "sitegen.yml" && error.line == line, "\(text): \(error)")
                #expect(error.message.contains(message), "\(error.message)")
            }
        }
    }

    @Test func theCompaniesTableReadsSlugsAndTickerSpans() throws {
        let config = try SiteConfig.parse("""
            companies:
              - name: Qwest Communications International Inc.
                ticker: Q
                until: 2011-04-01
                slug: qwest
              - name: Quintiles IMS Holdings, Inc.
                ticker: Q
                from: 2013
                aliases: []
              - name: Acme
                ticker: ~
            """)
        let day = { (text: String) in ISO8601DateFormatter().date(from: text + "T00:00:00Z")! }
        #expect(config.companies == [
            CompanyEntry(name: "Qwest Communications International Inc.", ticker: "Q", slug: "qwest", until: day("2011-04-02"), line: 2),
            CompanyEntry(name: "Quintiles IMS Holdings, Inc.", ticker: "Q", from: day("2013-01-01"), line: 6),
            CompanyEntry(name: "Acme", line: 10),
        ])
        #expect(config.companies[0].tickerCovers(day("2011-04-01").addingTimeInterval(86_399)))
        #expect(!config.companies[0].tickerCovers(day("2011-04-02")))
        #expect(!config.companies[1].tickerCovers(day("2012-12-31")) && config.companies[1].tickerCovers(day("2013-01-01")))
    }

    @Test func aBaseURLMustBeAnAddressThatPagesCanUseAsItIs() throws {
        for bad in ["https://ex.org/path?q=1", "https://ex.org/path#frag", "https://ex.org/a b/", "https://ex.org/\"x\"/",
                    "ftp://ex.org/", "example.org/calls/", "https://user@ex.org/", "https:///calls/", "https://ex.org/<x>/"] {
            do {
                _ = try SiteConfig.parse("title: Calls\nbaseURL: '\(bad)'\n")
                Issue.record("accepted: \(bad)")
            } catch {
                #expect(error.line == 2 && error.message.contains("'baseURL' must be an absolute http(s) URL without a query"), "\(error)")
            }
        }
        for good in ["https://example.org", "HTTPS://example.org/calls/", "http://127.0.0.1:8000/preview/", "https://ex.org/%7Eme/"] {
            #expect(try SiteConfig.parse("baseURL: '\(good)'").baseURL?.hasSuffix("/") == true)
        }
    }

    @Test func aBadBaseURLOnTheCommandLineFailsTheBuildBeforeAnythingIsWritten() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript()])
        defer { site.remove() }
        let options = BuildOptions(siteRoot: site.root, baseURL: "https://ex.org/calls?x=1")
        let failure = try #require(await #expect(throws: BuildFailure.self) { try await SiteBuilder.build(options) })
        #expect(failure.step == "config")
        #expect(failure.diagnostics.first?.file == "--base-url" && failure.diagnostics.first?.line == nil)
        #expect(failure.diagnostics.first?.message.contains("found 'https://ex.org/calls?x=1'") == true)
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }
}
