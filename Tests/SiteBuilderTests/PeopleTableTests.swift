import Foundation
import Testing
import TranscriptKit
@testable import SiteBuilder

/// The `people:` table of `sitegen.yml`: the archivist's word on which spellings are one person and which appearances of
/// one name are different people wins over the automatic rule, on every page that names a person.
@Suite("People table")
struct PeopleTableTests {
    /// `pdfTranscript` with its CEO and analyst renamed (the analyst's firm too).
    static func call(ticker: String = "ACME", company: String = "Acme Corp.", period: String, date: String, ceo: String = "Jane Roe",
                     analyst: String = "John Doe", firm: String = "Big Bank", ceoSays: String = "Revenue grew 5% to $10 million.") -> String {
        pdfTranscript(ticker: ticker, company: company, period: period, date: date, ceoSays: ceoSays)
            .replacingOccurrences(of: "Jane Roe", with: ceo).replacingOccurrences(of: "John Doe", with: analyst)
            .replacingOccurrences(of: "Big Bank", with: firm)
    }

    /// The speaker page folders of a built site, sorted.
    static func speakerSlugs(_ site: TestSite) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: site.output.appendingPathComponent("speakers").path).filter { !$0.hasSuffix(".html") }.sorted()
    }

    /// The calls a speaker page links turns of ("acme/2013-q1"), newest first.
    static func calls(on html: String) -> [String] {
        var seen: [String] = []
        for href in attributeValues("href", in: html) where href.contains("#t") && href.hasPrefix("../../companies/") {
            let call = String(href.dropFirst("../../companies/".count).prefix { $0 != "#" }.dropLast())
            if !seen.contains(call) { seen.append(call) }
        }
        return seen
    }

    /// The error `SiteConfig.parse` throws for `text`.
    static func error(_ text: String) -> Diagnostic? {
        do throws(Diagnostic) {
            _ = try SiteConfig.parse(text)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Merging and splitting

    @Test func aliasesMakeOnePersonOfSpellingsTheAutomaticRuleKeepsApart() async throws {
        // Jane Roe marries and is Jane Smith from Q3 (a last name the automatic rule never merges); the analyst John Doe
        // of Big Bank is Johnny Doe of Small Bank on Zeta's call (no firm in common, so the automatic rule keeps them apart).
        let files = [
            "acme/q1.txt": Self.call(period: "Q1 2013", date: "FEBRUARY 7, 2013 / 9:00PM GMT",
                                     ceoSays: "I will present at the UBS Global Technology Conference in New York on March 14th."),
            "acme/q2.txt": Self.call(period: "Q2 2013", date: "MAY 7, 2013 / 9:00PM GMT"),
            "acme/q3.txt": Self.call(period: "Q3 2013", date: "AUGUST 7, 2013 / 9:00PM GMT", ceo: "Jane Smith"),
            "zeta/q3.txt": Self.call(ticker: "ZETA", company: "Zeta Networks Inc.", period: "Q3 2013", date: "AUGUST 8, 2013 / 1:00PM GMT",
                                     ceo: "Max Mustermann", analyst: "Johnny Doe", firm: "Small Bank"),
        ]
        let unlisted = try TestSite(files: files)
        defer { unlisted.remove() }
        try await unlisted.build()
        #expect(try Self.speakerSlugs(unlisted) == ["jane-roe", "jane-smith", "john-doe", "johnny-doe", "max-mustermann"])

        let site = try TestSite(files: files, config: """
            people:
              - name: Jane Smith
                aliases: [Jane Roe]
              - name: John Doe
                aliases: [Johnny Doe]
            """)
        defer { site.remove() }
        try await site.build()
        #expect(try Self.speakerSlugs(site) == ["jane-smith", "john-doe", "max-mustermann"])
        let jane = try site.page("speakers/jane-smith/index.html")
        #expect(jane.contains("<h1 class=\"page-header__title\">Jane Smith</h1>"))
        #expect(Self.calls(on: jane) == ["acme/2013-q3", "acme/2013-q2", "acme/2013-q1"])
        #expect(Self.calls(on: try site.page("speakers/john-doe/index.html")) == ["zeta/2013-q3", "acme/2013-q3", "acme/2013-q2", "acme/2013-q1"])

        // The transcript keeps the name as written and links it to the one page.
        let q1 = try site.page("companies/acme/2013-q1/index.html")
        #expect(q1.contains("data-speaker=\"jane-smith\""))
        #expect(!q1.contains("data-speaker=\"jane-roe\""))
        #expect(q1.contains("<a href=\"../../../speakers/jane-smith/\">Jane Roe</a>"))
        #expect(try site.page("companies/zeta/2013-q3/index.html").contains("data-speaker=\"john-doe\""))
        // The company page lists her once, by the table's name.
        let company = try site.page("companies/acme/index.html")
        #expect(Set(attributeValues("href", in: company).filter { $0.hasPrefix("../../speakers/") && $0 != "../../speakers/" }) == ["../../speakers/jane-smith/", "../../speakers/john-doe/"])
        #expect(company.contains(">Jane Smith</a>") && !company.contains(">Jane Roe</a>"))
        let speakers = try site.page("speakers/index.html")
        #expect(speakers.contains("../speakers/jane-smith/") && !speakers.contains("jane-roe"))
        // The data export, search and the event page follow.
        let transcripts = try site.page("data/transcripts.json")
        #expect(transcripts.contains("\"name\" : \"Jane Roe\","))
        #expect(transcripts.contains("\"url\" : \"speakers/jane-smith/\""))
        #expect(!transcripts.contains("speakers/jane-roe/") && !transcripts.contains("speakers/johnny-doe/"))
        let search = try site.page("search/speakers.json")
        #expect(search.contains("[\"jane-smith\",\"Jane Smith\",") && !search.contains("jane-roe"))
        #expect(try site.page("search/filters/speaker/john-doe.json") != unlisted.page("search/filters/speaker/john-doe.json"))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("search/filters/speaker/johnny-doe.json").path))
        let event = try site.page("events/ubs-global-technology-conference-2013/index.html")
        // Who took part names her by the table's name; the quoted mention keeps the speaker as the call writes her.
        #expect(event.contains("<p class=\"person__name\"><a href=\"../../speakers/jane-smith/\">Jane Smith</a></p>"))
        #expect(event.contains("Jane Roe · <a href=\"../../companies/acme/2013-q1/#t2-p1\">"))
    }

    @Test func entriesSplitSpellingsTheAutomaticRuleMergedWrongly() async throws {
        // Jane Roe (Q1, Q3) and Janet Roe (Q2) speak for Acme on different calls: the automatic rule makes them one person.
        let files = [
            "a.txt": Self.call(period: "Q1 2013", date: "FEBRUARY 7, 2013 / 9:00PM GMT"),
            "b.txt": Self.call(period: "Q2 2013", date: "MAY 7, 2013 / 9:00PM GMT", ceo: "Janet Roe"),
            "c.txt": Self.call(period: "Q3 2013", date: "AUGUST 7, 2013 / 9:00PM GMT"),
        ]
        let unlisted = try TestSite(files: files)
        defer { unlisted.remove() }
        try await unlisted.build()
        #expect(try Self.speakerSlugs(unlisted) == ["jane-roe", "john-doe"])

        for table in ["people:\n  - name: Jane Roe\n  - name: Janet Roe\n", "people:\n  - name: Janet Roe\n"] {
            let site = try TestSite(files: files, config: table)
            defer { site.remove() }
            try await site.build()
            #expect(try Self.speakerSlugs(site) == ["jane-roe", "janet-roe", "john-doe"], "\(table)")
            #expect(Self.calls(on: try site.page("speakers/jane-roe/index.html")) == ["acme/2013-q3", "acme/2013-q1"], "\(table)")
            #expect(Self.calls(on: try site.page("speakers/janet-roe/index.html")) == ["acme/2013-q2"], "\(table)")
            #expect(try site.page("companies/acme/2013-q2/index.html").contains("data-speaker=\"janet-roe\""), "\(table)")
        }
    }

    @Test func firmsSplitOneNameIntoPeopleWithTheirOwnCallsAndSlugs() async throws {
        // Two analysts called John Doe (Big Bank on Acme's calls, Small Bank on Zeta's) and a third at Other Bank; two CEOs
        // called Jane Roe, of Acme (named in the table by its alias) and of Zeta (by its ticker).
        let files = [
            "acme/q1.txt": Self.call(period: "Q1 2013", date: "FEBRUARY 7, 2013 / 9:00PM GMT"),
            "acme/q2.txt": Self.call(period: "Q2 2013", date: "MAY 7, 2013 / 9:00PM GMT"),
            "zeta/q1.txt": Self.call(ticker: "ZETA", company: "Zeta Networks Inc.", period: "Q1 2013", date: "FEBRUARY 8, 2013 / 1:00PM GMT",
                                     firm: "Small Bank"),
            "zeta/q2.txt": Self.call(ticker: "ZETA", company: "Zeta Networks Inc.", period: "Q2 2013", date: "MAY 8, 2013 / 1:00PM GMT",
                                     firm: "Other Bank"),
        ]
        let site = try TestSite(files: files, config: """
            companies:
              - name: Acme Corp.
                ticker: ACME
                aliases: [Acme Widgets]
            people:
              - name: John Doe
                slug: john-doe-big-bank
                firms: [Big Bank]
              - name: John Doe
                slug: john-doe-small-bank
                firms: ["SMALL BANK, Inc."]
              - name: Jane Roe
                slug: jane-roe-acme
                firms: [Acme Widgets]
              - name: Jane Roe
                firms: [zeta]
            """)
        defer { site.remove() }
        try await site.build()
        // Other Bank's John Doe matches neither entry: an unlisted name's page, with the slug of the name.
        #expect(try Self.speakerSlugs(site) == ["jane-roe", "jane-roe-acme", "john-doe", "john-doe-big-bank", "john-doe-small-bank"])
        #expect(Self.calls(on: try site.page("speakers/john-doe-big-bank/index.html")) == ["acme/2013-q2", "acme/2013-q1"])
        #expect(Self.calls(on: try site.page("speakers/john-doe-small-bank/index.html")) == ["zeta/2013-q1"])
        #expect(Self.calls(on: try site.page("speakers/john-doe/index.html")) == ["zeta/2013-q2"])
        #expect(Self.calls(on: try site.page("speakers/jane-roe-acme/index.html")) == ["acme/2013-q2", "acme/2013-q1"])
        #expect(Self.calls(on: try site.page("speakers/jane-roe/index.html")) == ["zeta/2013-q2", "zeta/2013-q1"])
        #expect(try site.page("companies/zeta/2013-q1/index.html").contains("data-speaker=\"john-doe-small-bank\""))
        #expect(try site.page("companies/zeta/2013-q2/index.html").contains("data-speaker=\"john-doe\""))
        let acme = attributeValues("href", in: try site.page("companies/acme/index.html")).filter { $0.hasPrefix("../../speakers/") && $0 != "../../speakers/" }
        #expect(Set(acme) == ["../../speakers/jane-roe-acme/", "../../speakers/john-doe-big-bank/"])
        let speakers = try site.page("speakers/index.html")
        for slug in ["jane-roe", "jane-roe-acme", "john-doe", "john-doe-big-bank", "john-doe-small-bank"] {
            #expect(speakers.contains("href=\"../speakers/\(slug)/\""), "\(slug)")
        }
    }

    @Test func appearancesNoEntryOfTheirNameMatchesStayWithItsEntryWithoutFirms() throws {
        let calls = [("Big Bank", "2013-02-07"), ("Small Bank Inc", "2013-05-07"), ("Other Bank", "2013-08-07")].enumerated().map { number, call in
            (source: "Content/\(number).md", transcript: Transcript(
                company: "Acme Corp.", ticker: "ACME", title: "Call \(number)", kind: .earningsCall,
                fiscalPeriod: FiscalPeriod(year: 2013, quarter: number + 1),
                date: ISO8601DateFormatter().date(from: call.1 + "T21:00:00Z"),
                participants: [Participant(name: "John Doe", affiliation: call.0, title: "Analyst", group: .analyst)],
                sections: [Section(kind: .questionsAndAnswers, turns: [Turn(speaker: "John Doe", paragraphs: ["A question."])])], layout: .markdown))
        }
        let config = try SiteConfig.parse("""
            people:
              - name: John Doe
              - name: John Doe
                slug: john-doe-small
                firms: [Small Bank]
            """)
        let index = SiteIndex(calls: calls, config: config)
        #expect(index.people.map(\.slug) == ["john-doe", "john-doe-small"])
        #expect(index.people.map { $0.appearances.map { index.calls[$0.call].outline.title } } == [["Call 2", "Call 0"], ["Call 1"]])
        #expect(index.listedName(slug: "john-doe-small") == "John Doe")
        #expect(index.personSlug(call: 1, name: "John Doe") == "john-doe-small")
        #expect(SiteIndex(calls: calls, config: .defaults).people.map(\.slug) == ["john-doe"])
        #expect(SiteIndex(calls: calls, config: .defaults).listedName(slug: "john-doe") == nil)
    }

    @Test func anEntryWithoutSlugKeepsTheSlugOfItsNameAndAGivenSlugIsNeverTakenByAnother() throws {
        let calls = ["Jane Roe", "Janet Roe", "Jane Roe"].enumerated().map { number, name in
            (source: "Content/\(number).md", transcript: Transcript(
                company: ["Acme Corp.", "Beta Inc.", "Zeta Inc."][number], title: "Call \(number)", kind: .earningsCall,
                fiscalPeriod: FiscalPeriod(year: 2013, quarter: 1),
                participants: [Participant(name: name, title: "CEO", group: .corporate)],
                sections: [Section(kind: .presentation, turns: [Turn(speaker: name, paragraphs: ["Hello."])])], layout: .markdown))
        }
        // The Janet Roe entry takes the slug "jane-roe"; the unlisted Jane Roe of Zeta counts on from it.
        let index = SiteIndex(calls: calls, config: try SiteConfig.parse("""
            people:
              - name: Jane Roe
                firms: [Acme Corp]
              - name: Janet Roe
                slug: jane-roe-2
            """))
        #expect(index.people.map(\.slug) == ["jane-roe", "jane-roe-2", "jane-roe-3"])
        #expect(index.people.map(\.name) == ["Jane Roe", "Janet Roe", "Jane Roe"])
        #expect(index.people.map { $0.appearances.map(\.call) } == [[0], [1], [2]])
    }

    // MARK: Unlisted names

    @Test func namesTheTableDoesNotPlaceBuildTheSameSite() async throws {
        var files = IncrementalBuildTests.corpus()
        files["zeta/zeta-2.txt"] = Self.call(ticker: "ZETA", company: "Zeta Networks Inc.", period: "Q2 2013", date: "MAY 8, 2013 / 1:00PM GMT",
                                             ceo: "Janet Roe")
        let plain = try TestSite(files: files, includeReference: true)
        defer { plain.remove() }
        try await plain.build()
        let expected = snapshot(plain.output)
        // A person in no call, and an entry whose firms no appearance of its name matches: the same bytes everywhere.
        let site = try TestSite(files: files, config: """
            people:
              - name: Nobody Here
                aliases: [N. O. Body]
                slug: nobody
              - name: Jane Roe
                slug: jane-roe-elsewhere
                firms: [Elsewhere Inc]
            """, includeReference: true)
        defer { site.remove() }
        let report = try await site.build()
        let built = snapshot(site.output)
        // Both entries do nothing, and the build says so, at their lines.
        #expect(report.warnings.filter { $0.file == "sitegen.yml" }.map(\.description) == [
            "sitegen.yml:2: warning: people: no call has a speaker named 'Nobody Here' or 'N. O. Body'; the entry does nothing (check its spellings)",
            "sitegen.yml:5: warning: people: no call has a speaker named 'Jane Roe' for Elsewhere Inc; the entry does nothing (check its spellings)",
        ])
        #expect(built.keys.sorted() == expected.keys.sorted())
        #expect(built.keys.filter { built[$0] != expected[$0] }.sorted() == [])
        #expect(built["speakers/jane-roe/index.html"] != nil)
    }

    // MARK: Errors

    @Test func errorsNameTheFileAndTheLine() async throws {
        let cases: [(yaml: String, line: Int, message: String)] = [
            ("title: T\npeople:\n  - name: Michael Ashby\n    aliases: [Mike Ashby]\n  - name: Mike Ashby\n", 5,
             "'Mike Ashby' in 'Mike Ashby' is also a spelling of 'Michael Ashby', people entry 1 (line 3), and neither lists 'firms'; "
                + "a spelling is one person's, unless 'firms' tells the entries apart"),
            ("people:\n  - name: A Person\n    aliases: [B. Person]\n  - name: C Person\n    aliases: [\"b person\"]\n", 4,
             "'b person' in 'C Person' is also a spelling of 'A Person', people entry 1 (line 2), and neither lists 'firms'; "
                + "a spelling is one person's, unless 'firms' tells the entries apart"),
            ("companies:\n  - name: Acme Corp.\n    aliases: [Acme Widgets]\npeople:\n  - name: Jo Roe\n    firms: [Acme Corp]\n"
                + "  - name: Jo Roe\n    firms: [Beta, Acme Widgets]\n", 7,
             "'Jo Roe' in 'Jo Roe' is also a spelling of 'Jo Roe', people entry 1 (line 5), and both list the firm 'Acme Widgets'; "
                + "a spelling is one person's, unless 'firms' tells the entries apart"),
            ("people:\n  - name: John Smith\n    slug: john-smith\n    firms: [A]\n  - name: John Smith\n    slug: john-smith\n    firms: [B]\n", 5,
             "'John Smith' has the slug 'john-smith' of 'John Smith', people entry 1 (line 2); each person needs a slug of their own"),
            ("people:\n  - name: John Smith\n    firm: Barclays\n", 3,
             "unknown key 'firm' in people entry 1; expected one of aliases, firms, name, slug"),
            ("people:\n  - aliases: [X Y]\n", 2, "people entry 1 has no 'name'"),
            ("people:\n  - name: John Smith\n    aliases: []\n", 3, "'aliases' in people entry 1 is an empty list; leave it out instead"),
            ("people:\n  - name: \"--\"\n", 2, "'name' in people entry 1 should be a name with a letter or digit, found '--'"),
            ("people:\n  - name: John Smith\n    firms: {a: b}\n", 3, "'firms' in people entry 1 should be a list of firm or company names"),
            ("people:\n  name: John Smith\n", 2, "'people' should be a list of people (each starting with '- name:')"),
            ("people:\n  - John Smith\n", 2, "people entry 1 should be a mapping with at least 'name:'"),
        ]
        for (yaml, line, message) in cases {
            let error = Self.error(yaml)
            #expect(error == Diagnostic(.error, file: "sitegen.yml", line: line, message), "\(yaml)")
        }
        let badSlugs = ["../x", "a/b", "John Smith", "john smith", "JOHN", "-john", "john-", "a--b", "..", ".hidden", "a%2Fb", "a\\b", "",
                        String(repeating: "a", count: 81)]
        for slug in badSlugs {
            let error = Self.error("people:\n  - name: John Smith\n    slug: '\(slug)'\n")
            #expect(error?.file == "sitegen.yml", "\(slug)")
            #expect(error?.line == 3, "\(slug)")
            #expect(error?.message == "'slug' of 'John Smith' must be one URL path segment: lower-case letters a-z, digits and single hyphens inside, "
                    + "at most 80 characters, found '\(slug)'", "\(slug)")
        }
        #expect(Self.error("people:\n  - name: John Smith\n    slug: \(String(repeating: "a", count: 80))\n") == nil)
        #expect(Self.error("people:\n") == nil)

        // In a build: the config step fails with the same line, and nothing is published.
        let site = try TestSite(files: ["acme.txt": pdfTranscript()], config: "title: A\npeople:\n  - name: Jane Roe\n    slug: ../../etc\n")
        defer { site.remove() }
        let failure = await site.failure()
        #expect(failure?.step == "config")
        #expect(failure?.diagnostics.map(\.description) == [
            "sitegen.yml:4: error: 'slug' of 'Jane Roe' must be one URL path segment: lower-case letters a-z, digits and single hyphens inside, "
                + "at most 80 characters, found '../../etc'",
        ])
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test func theTableIsReadWithItsLinesAndSpellings() throws {
        let config = try SiteConfig.parse("""
            title: T
            people:
              - name: Michael Ashby
                aliases: [Mike Ashby, M. J. Ashby]
              - name: John Smith
                slug: john-smith-barclays
                firms: Barclays
            """)
        #expect(config.people == [
            PersonEntry(name: "Michael Ashby", aliases: ["Mike Ashby", "M. J. Ashby"], line: 3),
            PersonEntry(name: "John Smith", slug: "john-smith-barclays", firms: ["Barclays"], line: 5),
        ])
        #expect(config.title == "T")
        #expect(try SiteConfig.parse("title: T\n").people == [])
    }
}
