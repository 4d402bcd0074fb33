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
            ("title: Calls\ncompanies:\n  - name: Acme\n    tickr: ACME\n", 4, "unknown key 'tickr' in companies[0]; expected one of aliases, name, sector, ticker, website"),
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
