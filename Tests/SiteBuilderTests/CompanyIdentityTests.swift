import Foundation
import Testing
import TranscriptKit
@testable import SiteBuilder

/// Which calls are one company: a reused ticker, a renamed company, names that differ only in punctuation or accents,
/// and the `companies:` table that confirms or splits them; stable names and URLs; the warnings that say so.
@Suite("Company identity")
struct CompanyIdentityTests {
    /// A call of `company` on `day` ("2006-10-31"), quarter from the month, with one executive.
    private func call(_ source: String, _ company: String, ticker: String? = nil, day: String, ceo: String = "Jane Roe")
        -> (source: String, transcript: Transcript) {
        let parts = day.split(separator: "-").map { Int($0)! }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 20))!
        let period = FiscalPeriod(year: parts[0], quarter: (parts[1] - 1) / 3 + 1)
        let transcript = Transcript(
            company: company, ticker: ticker, title: "\(ticker.map { "\($0) - " } ?? "")\(period.label) \(company) Earnings Call",
            kind: .earningsCall, fiscalPeriod: period, date: date,
            participants: [Participant(name: ceo, affiliation: company, title: "CEO", group: .corporate)],
            sections: [Section(kind: .presentation, turns: [Turn(speaker: ceo, paragraphs: ["Results were fine."])])],
            layout: .markdown)
        return ("Content/\(source)", transcript)
    }

    private func config(_ yaml: String) throws -> SiteConfig { try SiteConfig.parse(yaml) }

    private var qwest: (source: String, transcript: Transcript) {
        call("qwest-q3-2006.md", "Qwest Communications International Inc.", ticker: "Q", day: "2006-10-31", ceo: "Richard Notebaert")
    }
    private var quintiles: (source: String, transcript: Transcript) {
        call("quintiles-q3-2016.md", "Quintiles IMS Holdings, Inc.", ticker: "Q", day: "2016-10-27", ceo: "Ari Bousbib")
    }

    @Test func aReusedTickerWithoutATableIsOnePageNamedAfterItsEarliestCallWithAWarning() throws {
        let index = SiteIndex(calls: [quintiles, qwest], config: .defaults)
        #expect(index.companies.map(\.slug) == ["q"])
        #expect(index.companies[0].name == "Qwest Communications International Inc.")
        #expect(index.calls.map(\.companyName) == ["Qwest Communications International Inc.", "Quintiles IMS Holdings, Inc."])
        #expect(index.companyWarnings == [Diagnostic(.warning, file: "Content/quintiles-q3-2016.md",
            "one company page, companies/q/ ('Qwest Communications International Inc.'), holds calls published under different names: "
            + "'Qwest Communications International Inc.' (2006, 1 call: Content/qwest-q3-2006.md); "
            + "'Quintiles IMS Holdings, Inc.' (2016, 1 call: Content/quintiles-q3-2016.md); the ticker Q joins them. "
            + "If they are one company, list the names in one entry of companies: in sitegen.yml (name and aliases); "
            + "if they are different companies, give each its own entry (with ticker, from: and until: when one ticker passed "
            + "from one to the other, and slug: to choose the URLs)")])
    }

    @Test func tickerSpansInTheTableSplitAReusedTicker() throws {
        let table = try config("""
            companies:
              - name: Qwest Communications International Inc.
                ticker: Q
                until: 2011-04-01
                slug: qwest
              - name: Quintiles IMS Holdings, Inc.
                ticker: Q
                from: 2013
            """)
        // A third call with the ticker, of a company the table does not list, between the two spans.
        let between = call("q-holdings-q2-2012.md", "Q Holdings Corp.", ticker: "Q", day: "2012-05-01", ceo: "Pat Lee")
        let index = SiteIndex(calls: [qwest, quintiles, between], config: table)
        #expect(index.companies.map(\.name) == ["Q Holdings Corp.", "Quintiles IMS Holdings, Inc.", "Qwest Communications International Inc."])
        #expect(index.companies.map(\.slug) == ["q-2", "q", "qwest"], "the table's companies take their slugs before the others")
        #expect(Dictionary(uniqueKeysWithValues: index.calls.map { ($0.source, $0.url) }) == [
            "Content/qwest-q3-2006.md": "companies/qwest/2006-q4/", "Content/quintiles-q3-2016.md": "companies/q/2016-q4/",
            "Content/q-holdings-q2-2012.md": "companies/q-2/2012-q2/",
        ])
        #expect(index.calls.map(\.companyName) == ["Q Holdings Corp.", "Quintiles IMS Holdings, Inc.", "Qwest Communications International Inc."])
        #expect(index.companyWarnings.map(\.description) == [
            "Content/q-holdings-q2-2012.md: warning: the call with the ticker Q on 2012-05-01 is in none of the from:/until: spans of "
            + "the companies: entries that have it ('Qwest Communications International Inc.' (sitegen.yml:2), "
            + "'Quintiles IMS Holdings, Inc.' (sitegen.yml:6)); it is placed by its company name 'Q Holdings Corp.'",
        ])
    }

    @Test func aRenamedCompanyIsOnePageUnderTheTablesNameAndEachCallKeepsTheNameItWasPublishedUnder() throws {
        let google = call("goog-2012.md", "Google Inc.", ticker: "GOOG", day: "2012-10-18")
        let alphabet = call("goog-2016.md", "Alphabet Inc.", ticker: "GOOG", day: "2016-10-27")
        let listed = SiteIndex(calls: [google, alphabet], config: try config("companies:\n  - name: Alphabet Inc.\n    ticker: GOOG\n    aliases: [Google Inc.]\n"))
        #expect(listed.companies.map(\.name) == ["Alphabet Inc."] && listed.companies.map(\.slug) == ["goog"])
        #expect(listed.calls.map(\.companyName) == ["Google Inc.", "Alphabet Inc."])
        #expect(listed.companyWarnings.isEmpty)

        let unlisted = SiteIndex(calls: [google, alphabet], config: .defaults)
        #expect(unlisted.companies.map(\.name) == ["Google Inc."] && unlisted.companies.map(\.slug) == ["goog"])
        #expect(unlisted.companyWarnings.count == 1)
        #expect(unlisted.companyWarnings.first?.message.contains("'Alphabet Inc.' (2016, 1 call: Content/goog-2016.md); the ticker GOOG joins them") == true)
    }

    @Test func namesThatDifferOnlyInPunctuationOrAccentsAreOnePageWithAWarning() throws {
        let index = SiteIndex(calls: [
            call("att.md", "AT&T Inc.", day: "2012-10-24", ceo: "Randall Stephenson"), call("at-t.md", "AT-T Inc.", day: "2012-10-25"),
            call("apfel-1.md", "Äpfel AG", day: "2012-10-24"), call("apfel-2.md", "Apfel AG", day: "2013-01-24"),
            call("calix-1.md", "Calix, Inc.", day: "2012-10-24"), call("calix-2.md", "CALIX INC", day: "2013-01-24"),
        ], config: .defaults)
        #expect(index.companies.map(\.slug) == ["at-and-t-inc", "calix-inc", "apfel-ag"])
        #expect(index.companies.map(\.name) == ["AT&T Inc.", "Calix, Inc.", "Äpfel AG"])
        // Each call keeps its spelling unless it spells the page's name (case, spacing and a trailing legal form aside).
        #expect(index.calls.map(\.companyName) == ["AT&T Inc.", "AT-T Inc.", "Calix, Inc.", "Calix, Inc.", "Äpfel AG", "Apfel AG"])
        // Calix's spellings differ only in case and legal form: no warning.
        #expect(index.companyWarnings.map(\.file) == ["Content/apfel-2.md", "Content/at-t.md"])
        #expect(index.companyWarnings.allSatisfy { $0.message.contains("some differ only in punctuation or accents") })
        #expect(index.companyWarnings[1].message.contains("'AT&T Inc.' (2012, 1 call: Content/att.md); 'AT-T Inc.' (2012, 1 call: Content/at-t.md)"))
    }

    @Test func aLaterSpellingNeverRenamesAPageOrMovesItsURL() throws {
        let first = [call("att.md", "AT&T Inc.", day: "2012-10-24"), call("at-t.md", "AT-T Inc.", day: "2012-10-25")]
        let later = first + [call("att3.md", "AT T Inc.", day: "2013-01-24"), call("att4.md", "AT and T Inc", day: "2013-04-24")]
        for calls in [first, later, later.reversed()] {
            let index = SiteIndex(calls: calls, config: .defaults)
            #expect(index.companies.map(\.slug) == ["at-and-t-inc"] && index.companies.map(\.name) == ["AT&T Inc."])
            #expect(index.calls.filter { $0.source == "Content/att.md" }.map(\.url) == ["companies/at-and-t-inc/2012-q4/"])
        }
    }

    @Test func theTableSplitsOrConfirmsNamesThatSpellAlike() throws {
        let calls = [call("att.md", "AT&T Inc.", day: "2012-10-24", ceo: "Randall Stephenson"), call("at-t.md", "AT-T Inc.", day: "2012-10-25"),
                     call("at-t-3.md", "AT T Inc.", day: "2013-01-24", ceo: "Pat Lee")]
        let split = SiteIndex(calls: calls, config: try config("companies:\n  - name: AT&T Inc.\n  - name: AT-T Inc.\n    slug: at-t\n"))
        #expect(split.companies.map(\.slug) == ["at-t-inc", "at-and-t-inc", "at-t"])
        #expect(split.companies.map(\.name) == ["AT T Inc.", "AT&T Inc.", "AT-T Inc."])
        #expect(split.companyWarnings.map(\.description) == [
            "Content/at-t-3.md: warning: its company 'AT T Inc.' is spelt like the companies: entries 'AT&T Inc.' (sitegen.yml:2) and "
            + "'AT-T Inc.' (sitegen.yml:3) but is neither's spelling, so it gets a company page of its own; add it to the aliases of the entry it belongs to",
        ])

        let confirmed = SiteIndex(calls: calls, config: try config("companies:\n  - name: AT&T Inc.\n    aliases: [AT-T Inc., AT T Inc.]\n"))
        #expect(confirmed.companies.map(\.slug) == ["at-and-t-inc"] && confirmed.companyWarnings.isEmpty)
        #expect(confirmed.calls.map(\.companyName) == ["AT&T Inc.", "AT&T Inc.", "AT&T Inc."])
    }

    @Test func aNameNeverJoinsTwoEntriesThroughATicker() throws {
        let table = try config("""
            companies:
              - name: Qwest Communications International Inc.
                ticker: Q
                until: 2011
              - name: Quintiles IMS Holdings, Inc.
            """)
        // Quintiles' name with Qwest's ticker and date (a mislabelled file): the name wins, and the entries stay apart.
        let mislabelled = call("odd.md", "Quintiles IMS Holdings, Inc.", ticker: "Q", day: "2006-07-31")
        let index = SiteIndex(calls: [qwest, quintiles, mislabelled], config: table)
        #expect(index.companies.map(\.name) == ["Quintiles IMS Holdings, Inc.", "Qwest Communications International Inc."])
        #expect(index.companies.map { $0.calls.count } == [2, 1])
        #expect(index.companyWarnings.map(\.file) == ["Content/odd.md"])
        #expect(index.companyWarnings[0].message == "its company name 'Quintiles IMS Holdings, Inc.' is the companies: entry "
                + "'Quintiles IMS Holdings, Inc.' (sitegen.yml:5)'s but its ticker Q on 2006-07-31 is 'Qwest Communications International Inc.' "
                + "(sitegen.yml:2)'s; it stays with 'Quintiles IMS Holdings, Inc.' (sitegen.yml:5), by its name; if that is wrong, "
                + "list 'Quintiles IMS Holdings, Inc.' in the other entry")
    }

    @Test func anEntryThatPlacesNoCallIsAWarningWithItsLine() throws {
        let index = SiteIndex(calls: [qwest], config: try config("title: T\ncompanies:\n  - name: Qwest Communications International Inc.\n  - name: Qwset Inc.\n    ticker: QQ\n"))
        #expect(index.companyWarnings.map(\.description) == [
            "sitegen.yml:4: warning: companies: no call is placed on 'Qwset Inc.' by its name, aliases or ticker; the entry does nothing (check its spellings, ticker and dates)",
        ])
    }

    @Test func theBuildReportsTheWarningsAndTheDataExportKeepsEachCallsName() async throws {
        let site = try TestSite(files: [
            "qwest.txt": pdfTranscript(ticker: "Q", company: "Qwest Communications International Inc.", period: "Q3 2006", date: "OCTOBER 31, 2006 / 8:30PM GMT"),
            "quintiles.txt": pdfTranscript(ticker: "Q", company: "Quintiles IMS Holdings, Inc.", period: "Q3 2016", date: "OCTOBER 27, 2016 / 8:30PM GMT"),
        ])
        defer { site.remove() }
        let report = try await site.build()
        #expect(report.warnings.map(\.file) == ["Content/quintiles.txt"])
        let records = try #require(try JSONSerialization.jsonObject(with: Data(try site.page("data/transcripts.json").utf8)) as? [[String: Any]])
        #expect(records.map { $0["company"] as? String } == ["Qwest Communications International Inc.", "Quintiles IMS Holdings, Inc."])
        #expect(records.map { $0["url"] as? String } == ["companies/q/2006-q3/", "companies/q/2016-q3/"])
        #expect(try site.page("companies/q/2016-q3/index.html").contains("<title>Quintiles IMS Holdings, Inc. Q3 2016 earnings call"))
        #expect(try site.page("companies/q/index.html").contains("<h1 class=\"page-header__title\">Qwest Communications International Inc.</h1>"))
        // A rebuild with nothing changed says the same.
        let again = try await site.build()
        #expect(again.warnings.map(\.file) == ["Content/quintiles.txt"])
    }
}
