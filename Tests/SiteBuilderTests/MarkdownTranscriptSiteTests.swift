import Foundation
import Testing
import TranscriptKit
@testable import SiteBuilder

/// Markdown transcripts in a build: the content scanner tells them from pages by the rule the Markdown reader uses
/// (front matter with a key of a transcript's, `TranscriptMarker`), whatever the line ends, byte-order mark or key quoting, and a transcript whose
/// front matter is broken is a skipped input with the reader's message, never a page.
@Suite("Markdown transcripts in the build")
struct MarkdownTranscriptSiteTests {
    /// A transcript of a company of its own per spelling of the file: file name, company slug, text.
    static let spellings: [(file: String, slug: String, text: String)] = [
        ("crlf.md", "crlf", markdownTranscript(company: "Crlf Corp", ticker: "CRLF").replacingOccurrences(of: "\n", with: "\r\n")),
        ("cr.md", "cro", markdownTranscript(company: "Cr Corp", ticker: "CRO").replacingOccurrences(of: "\n", with: "\r")),
        ("bom.md", "bom", "\u{FEFF}" + markdownTranscript(company: "Bom Corp", ticker: "BOM")),
        ("double-quoted.md", "dq", markdownTranscript(company: "Dq Corp", ticker: "DQ").replacingOccurrences(of: "company: Dq", with: "\"company\": Dq")),
        ("single-quoted.md", "sq", markdownTranscript(company: "Sq Corp", ticker: "SQ").replacingOccurrences(of: "company: Sq", with: "'company': Sq")),
        ("spaced.md", "sp", markdownTranscript(company: "Sp Corp", ticker: "SP").replacingOccurrences(of: "company: Sp", with: "company : Sp")),
        ("all-at-once.md", "all", "\u{FEFF}" + markdownTranscript(company: "All Corp", ticker: "ALL")
            .replacingOccurrences(of: "company: All", with: "'company' : All").replacingOccurrences(of: "\n", with: "\r\n")),
        ("flow.md", "flow", "---\n{company: Flow Corp, ticker: FLOW, title: FLOW - Q1 2013 Flow Corp Earnings Call, "
            + "fiscalPeriod: {year: 2013, quarter: 1}, date: 2013-02-07T21:00:00Z}\n---\n\n## Presentation\n\n### Operator\n\nWelcome.\n"),
    ]

    @Test func everySpellingOfFrontMatterIsATranscriptOnItsCompanyQuarterAndFeed() async throws {
        var files = Dictionary(uniqueKeysWithValues: Self.spellings.map { ($0.file, $0.text) })
        files["about.md"] = "\u{FEFF}---\r\ntitle: About this archive\r\nauthor: Archivist\r\n---\r\nWe keep **calls**.\r\n"
        files["notes.md"] = "---\ncompanies: [Acme]\ncompanyName: Acme\n---\nNotes.\n"
        let site = try TestSite(files: files)
        defer { site.remove() }
        let report = try await site.build()
        #expect(report.skipped == [])
        #expect(report.transcripts == Self.spellings.count)
        #expect(report.pages[.page] == 2)
        let quarter = try site.page("quarters/2013-q1/index.html")
        let feed = try site.page("feed.xml")
        let transcripts = try site.page("data/transcripts.json")
        for (file, slug, _) in Self.spellings {
            let stem = (file as NSString).deletingPathExtension
            #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent(stem).path), "\(file) published as a page")
            let company = try site.page("companies/\(slug)/index.html")
            #expect(company.contains("href=\"../../companies/\(slug)/2013-q1/\""), "\(file)")
            #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("companies/\(slug)/2013-q1/index.html").path))
            #expect(quarter.contains("href=\"../../companies/\(slug)/2013-q1/\""), "\(file)")
            #expect(feed.contains("companies/\(slug)/2013-q1/"), "\(file)")
            #expect(transcripts.contains("\"url\" : \"companies/\(slug)/2013-q1/\""), "\(file)")
        }
        let about = try site.page("about/index.html")
        #expect(about.contains("About this archive"))
        #expect(about.contains("<strong>calls</strong>"))
        #expect(!about.contains("author:"))
        #expect(try site.page("notes/index.html").contains("Notes."))
    }

    /// The three files whose front matter is broken, with the error each is skipped with.
    static let broken: [(file: String, text: String, error: Diagnostic)] = [
        ("dupkey.md", markdownTranscript(company: "Dupkey Corp", ticker: "DPK", repeatedTicker: true),
         Diagnostic(.error, file: "Content/dupkey.md", line: 6, "the front matter sets `ticker` twice; expected each key once")),
        ("dupkey-bom-crlf.md", "\u{FEFF}" + markdownTranscript(company: "Dupkey Corp", ticker: "DPK", repeatedTicker: true)
            .replacingOccurrences(of: "\n", with: "\r\n"),
         Diagnostic(.error, file: "Content/dupkey-bom-crlf.md", line: 6, "the front matter sets `ticker` twice; expected each key once")),
        ("unterminated.md", markdownTranscript(company: "Unterm Corp", ticker: "UNT").replacingOccurrences(of: "\n---\n\n## Presentation", with: "\n\n## Presentation"),
         Diagnostic(.error, file: "Content/unterminated.md", line: 1,
                    "the front matter opened by `---` on line 1 is never closed; expected a `---` line after the metadata and before the transcript text")),
        ("badyaml.md", "---\ncompany: Foo: bar\ntitle: x\n---\n## Presentation\n### Operator\nhi\n",
         Diagnostic(.error, file: "Content/badyaml.md", line: 2,
                    "the front matter is not valid YAML: mapping values are not allowed in this context; expected `key: value` lines, with quotes around values that contain `: `, ` #` or start with punctuation")),
    ]

    @Test func brokenFrontMatterIsASkippedTranscriptWithTheReadersMessage() async throws {
        var files = Dictionary(uniqueKeysWithValues: Self.broken.map { ($0.file, $0.text) })
        files["acme.md"] = markdownTranscript()
        files["about.md"] = "---\ntitle: About this archive\n---\nWe keep calls.\n"
        let site = try TestSite(files: files)
        defer { site.remove() }
        let report = try await site.build()
        #expect(report.transcripts == 1)
        #expect(report.pages[.page] == 1)
        #expect(report.skipped == Self.broken.map(\.error).sorted { $0.file! < $1.file! })
        let summary = report.summary(output: "Public/", warningsListed: false)
        for (file, _, error) in Self.broken {
            #expect(summary.contains(error.description))
            let stem = (file as NSString).deletingPathExtension
            #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent(stem).path), "\(file) published as a page")
        }
    }

    /// Transcripts whose `company` is missing or misspelt, each with the error it is skipped with.
    static let companyless: [(file: String, text: String, error: Diagnostic)] = [
        ("misspelt.md", markdownTranscript(company: "Misspelt Corp", ticker: "MIS").replacingOccurrences(of: "company:", with: "compnay:"),
         Diagnostic(.error, file: "Content/misspelt.md", line: 2,
                    "the front matter has no `company`: `compnay` looks like it misspelt; expected the company's name, e.g. `company: Calix, Inc.`")),
        ("capitalised.md", markdownTranscript(company: "Capital Corp", ticker: "CAP").replacingOccurrences(of: "company:", with: "Company:"),
         Diagnostic(.error, file: "Content/capitalised.md", line: 2,
                    "the front matter has no `company`: `Company` looks like it misspelt; expected the company's name, e.g. `company: Calix, Inc.`")),
        ("missing.md", "---\ntitle: Q1 2013 Earnings Call\ndate: 2013-02-07T21:00:00Z\nparticipants:\n- name: Jane Roe\n---\n\n## Presentation\n\n### Jane Roe\n\nHello.\n",
         Diagnostic(.error, file: "Content/missing.md", line: 1,
                    "the front matter has no `company`; expected the company's name, e.g. `company: Calix, Inc.` (its `participants` on line 4 is a transcript's: the file is read as a transcript, not a page)")),
    ]

    /// README, "Content": a transcript without its `company` is a skipped input with the reader's error, not a page; pages
    /// with a page's front matter stay pages.
    @Test func aTranscriptWithoutItsCompanyIsSkippedNotPublishedAsAPage() async throws {
        var files = Dictionary(uniqueKeysWithValues: Self.companyless.map { ($0.file, $0.text) })
        files["acme.md"] = markdownTranscript()
        files["about.md"] = "---\ntitle: About this archive\ndate: 2013-02-07\ndescription: Who keeps it\n---\nWe keep calls.\n"
        files["post.md"] = "---\ntitle: A post\nlayout: post\nkind: essay\n---\n## Presentation\n\n### Operator\n\nNot a call.\n"
        let site = try TestSite(files: files)
        defer { site.remove() }
        let report = try await site.build()
        #expect(report.transcripts == 1)
        #expect(report.pages[.page] == 2)
        #expect(report.skipped == Self.companyless.map(\.error).sorted { $0.file! < $1.file! })
        for (file, _, _) in Self.companyless {
            let stem = (file as NSString).deletingPathExtension
            #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent(stem).path), "\(file) published as a page")
        }
        #expect(try site.page("about/index.html").contains("We keep calls."))
        #expect(try site.page("post/index.html").contains("Not a call."))

        do throws(BuildFailure) {
            _ = try await SiteBuilder.build(BuildOptions(siteRoot: site.root, strict: true))
            Issue.record("the strict build succeeded")
        } catch {
            #expect(error.step == "transcripts")
            #expect(error.diagnostics == Self.companyless.map(\.error).sorted { $0.file! < $1.file! })
        }
    }

    @Test func strictBuildFailsOnBrokenFrontMatter() async throws {
        let site = try TestSite(files: ["acme.md": markdownTranscript(), Self.broken[0].file: Self.broken[0].text])
        defer { site.remove() }
        do throws(BuildFailure) {
            _ = try await SiteBuilder.build(BuildOptions(siteRoot: site.root, strict: true))
            Issue.record("the strict build succeeded")
        } catch {
            #expect(error.step == "transcripts")
            #expect(error.diagnostics == [Self.broken[0].error])
        }
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }
}
