import Foundation
import Testing
import TranscriptKit
import TranscriptMarkdown

@Suite("Layout detection with Markdown")
struct ReaderSelectionTests {
    static let handWritten = "---\ncompany: Calix, Inc.\ntitle: Q3 2012 call\n---\n\n## Presentation\n\n### Operator\n\nWelcome.\n"

    @Test func frontMatterFileIsReadAsMarkdown() throws {
        let transcript = try TranscriptReader.withMarkdown.read(data: Data(Self.handWritten.utf8), path: "calx.md")
        #expect(transcript.layout == .markdown)
        #expect(transcript.company == "Calix, Inc.")
        #expect(transcript.sections == [Section(kind: .presentation, turns: [Turn(speaker: "Operator", paragraphs: ["Welcome."])])])
    }

    @Test func referenceFileIsReadAsStreetEventsPDF() throws {
        let url = repositoryRoot.appendingPathComponent("Content/calx-q3-2012.txt")
        let transcript = try TranscriptReader.withMarkdown.read(contentsOf: url, displayPath: "Content/calx-q3-2012.txt")
        #expect(transcript.layout == .streetEventsPDF)
        #expect(transcript == (try referenceTranscript()))
    }

    @Test func frontMatterSourceSplitsTheYAMLOff() throws {
        let source = try FrontMatterSource(SourceText(path: "calx.md", text: Self.handWritten))
        #expect(source.yaml == "company: Calix, Inc.\ntitle: Q3 2012 call")
        #expect(source.closingIndex == 3)
    }

    @Test func anyFileOpeningWithAFrontMatterFenceIsForTheMarkdownReader() {
        let parser = MarkdownTranscriptParser()
        func score(_ text: String) -> Int { parser.confidence(SourceText(path: "x.md", text: text)) }
        #expect(score(Self.handWritten) == 100)
        #expect(score("---\ntitle: Only a title\n---\n") == 100)
        #expect(score("\u{FEFF}---\ncompany: Calix\n---\n") == 100)
        #expect(score("---\r\ncompany: Calix\r\n---\r\n") == 100)
        // Front matter the reader cannot use is still its to report on.
        #expect(score("---\nauthor: someone\n---\n") == 100)
        #expect(score("---\n- company\n---\n") == 100)
        #expect(score("---\ncompany: Calix\n") == 100)
        #expect(score("---\ncompany: [unclosed\n---\n") == 100)
        #expect(score("\n---\ncompany: Calix\n---\n") == 0)
        #expect(score("# Calix\n") == 0)
        #expect(score("") == 0)
    }

    /// README, "Content": a `.md` file is a transcript when its front matter has a `company` key, however it is spelt.
    @Test func aTranscriptIsFrontMatterWithACompanyKey() {
        func names(_ text: String) -> Bool? { FrontMatterSource.isTranscript(SourceText(path: "x.md", text: text)) }
        let transcripts = [
            "---\ncompany: Calix\n---\n", "---\r\ncompany: Calix\r\n---\r\n", "---\rcompany: Calix\r---\r",
            "\u{FEFF}---\ncompany: Calix\n---\n", "--- \ncompany: Calix\n...\n",
            "---\n\"company\": Calix\n---\n", "---\n'company': Calix\n---\n", "---\ncompany : Calix\n---\n",
            "---\n{company: Calix, title: Q3 call}\n---\n", "---\n? company\n: Calix\n---\n", "---\n  company: Calix\n---\n",
            "---\ncompany:\n---\n", "---\ncompany: Foo: bar\n---\n", "---\nticker: A\nticker: B\ncompany: X\n---\n",
            "---\ncompany: Calix\n\n## Presentation\n",
        ]
        for text in transcripts { #expect(names(text) == true, "\(text.debugDescription)") }
        let pages = [
            "# About\n", "", "\n---\ncompany: Calix\n---\n", "---\ntitle: About\n---\n", "---\ntitle: About\n",
            "---\ncompanies: [a]\n---\n", "---\ncompanyName: X\n---\n", "---\ncompany:x\n---\n", "---\nmeta:\n  company: X\n---\n",
            "---\n# company: X\ntitle: t\n---\n", "---\ntitle: About\n---\ncompany: X\n", "---\n- company\n---\n",
        ]
        for text in pages { #expect(names(text) == false, "\(text.debugDescription)") }
    }

    /// README, "Content": front matter with a key only a transcript's has is a transcript's, `company` or not, so that a
    /// transcript whose `company` is missing or misspelt is reported, not published as a page; a page's keys keep a page.
    @Test func aKeyOfATranscriptsFrontMatterMakesATranscript() {
        func isTranscript(_ text: String) -> Bool? { FrontMatterSource.isTranscript(SourceText(path: "x.md", text: text)) }
        let transcripts = [
            "---\ncompnay: Calix\n---\n", "---\nCompany: Calix\n---\n", "---\nCOMPANY: Calix\n---\n", "---\ncompny: Calix\n---\n",
            "---\ncompanny: Calix\n---\n", "---\ncompamy: Calix\n---\n", "---\n\"Compnay\": Calix\n---\n",
            "---\ntitle: Q1 call\nticker: CALX\n---\n", "---\nTicker: CALX\n---\n", "---\nfiscalPeriod: {year: 2012, quarter: 1}\n---\n",
            "---\ntimeZone: GMT\n---\n", "---\ntitle: t\nparticipants:\n- name: Carl Russo\n---\n", "---\nwarnings: []\n---\n",
            "---\ntitle: t\nlayout: markdown\n---\n", "---\nlayout: 'streetevents-pdf' # converted\n---\n", "---\nkind: earnings-call\n---\n",
            "---\nkind: \"conference-presentation\"\n---\n", "---\n{title: t, participants: []}\n---\n", "---\n? ticker\n: CALX\n---\n",
            // Broken or unclosed YAML is still the transcript reader's to report on.
            "---\ncompnay: Foo: bar\n---\n", "---\ntitle: t\nparticipants:\n",
        ]
        for text in transcripts { #expect(isTranscript(text) == true, "\(text.debugDescription)") }
        let pages = [
            "---\ntitle: About\ndate: 2012-10-25\ndescription: Who we are\n---\n", "---\ntitle: Post\nlayout: post\n---\n",
            "---\nkind: other\n---\n", "---\nkind: essay\n---\n", "---\ncomp: X\n---\n", "---\ncompanions: X\n---\n",
            "---\ncompanies: [a]\n---\n", "---\nmeta:\n  ticker: CALX\n---\n", "---\ntags: [participants, ticker]\n---\n",
            "---\ntitle: Calix call notes\n---\n\n## Presentation\n\n### Operator\n\nWelcome.\n",
        ]
        for text in pages { #expect(isTranscript(text) == false, "\(text.debugDescription)") }
    }

    @Test func nearMissesOfCompanyAreOneEditAwayCaseAside() {
        let nearMisses = ["Company", "COMPANY", "compnay", "ocmpany", "compayn", "compny", "ompany", "compan", "companyy", "xcompany",
                          "compamy", "cpmpany"]
        for key in nearMisses { #expect(TranscriptMarker.isNearMissOfCompany(key), "\(key)") }
        let others = ["company", "companies", "companyName", "comp", "cmopnay", "name", "", "c", "compass", "Companys "]
        for key in others { #expect(!TranscriptMarker.isNearMissOfCompany(key), "\(key)") }
    }

    /// A missing `company` is reported at the key that looks like it misspelt, else at line 1 with the key that made
    /// the file a transcript (which a page author may not know).
    @Test func aMissingCompanyNamesTheMisspeltKeyOrTheKeyThatMadeATranscript() throws {
        let body = "\n## Presentation\n\n### Operator\n\nWelcome.\n"
        let cases: [(String, Int, String)] = [
            ("---\ntitle: Q3 call\ncompnay: Calix\n---\n" + body, 3,
             "the front matter has no `company`: `compnay` looks like it misspelt; expected the company's name, e.g. `company: Calix, Inc.`"),
            ("---\nCompany: Calix\ntitle: Q3 call\n---\n" + body, 2,
             "the front matter has no `company`: `Company` looks like it misspelt; expected the company's name, e.g. `company: Calix, Inc.`"),
            ("---\ntitle: Q3 call\ndate: 2012-10-25\nticker: CALX\n---\n" + body, 1,
             "the front matter has no `company`; expected the company's name, e.g. `company: Calix, Inc.` (its `ticker` on line 4 is a transcript's: the file is read as a transcript, not a page)"),
        ]
        for (text, line, message) in cases {
            do {
                let transcript = try TranscriptReader.withMarkdown.read(data: Data(text.utf8), path: "Content/call.md")
                Issue.record("read \(transcript.title) from \(text.debugDescription)")
            } catch {
                #expect(error.diagnostic == Diagnostic(.error, file: "Content/call.md", line: line, message), "\(text.debugDescription)")
            }
        }
    }

    @Test func theHeadOfAFileDecidesOnlyWhatItShows() {
        func names(_ text: String) -> Bool? { FrontMatterSource.isTranscript(SourceText(path: "x.md", text: text), isWholeFile: false) }
        #expect(names("---\ntitle: t\nauthor: a") == nil)
        #expect(names("---\ntitle: t\ncompany: Calix") == true)
        #expect(names("---\ntitle: t\nparticipants:") == true)
        #expect(names("---\ntitle: t\ncompnay: Calix") == true)
        #expect(names("---\ntitle: t\n---\nbody") == false)
        #expect(names("# About") == false)
    }

    /// What `sitegen parse` and the build print for broken front matter: the reader's own message at the file's line,
    /// a byte-order mark and CRLF line ends changing neither.
    @Test func frontMatterErrorsReachTheReaderWithTheFileLine() throws {
        let body = "\n## Presentation\n\n### Operator\n\nWelcome.\n"
        let cases: [(String, Int, String)] = [
            ("---\ncompany: Calix\nticker: CALX\ntitle: Q3 call\nticker: OTHER\n---\n" + body, 5,
             "the front matter sets `ticker` twice; expected each key once"),
            ("---\ncompany: Calix\ntitle: Q3 call\n" + body, 1,
             "the front matter opened by `---` on line 1 is never closed; expected a `---` line after the metadata and before the transcript text"),
            ("---\ncompany: Foo: bar\ntitle: x\n---\n" + body, 2,
             "the front matter is not valid YAML: mapping values are not allowed in this context; expected `key: value` lines, with quotes around values that contain `: `, ` #` or start with punctuation"),
            ("---\ntitle: Only a title\n---\n" + body, 1,
             "the front matter has no `company`; expected the company's name, e.g. `company: Calix, Inc.`"),
        ]
        for (text, line, message) in cases {
            for variant in [text, "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n"), text.replacingOccurrences(of: "\n", with: "\r")] {
                do {
                    let transcript = try TranscriptReader.withMarkdown.read(data: Data(variant.utf8), path: "Content/call.md")
                    Issue.record("read \(transcript.title) from \(variant.debugDescription)")
                } catch {
                    #expect(error.diagnostic == Diagnostic(.error, file: "Content/call.md", line: line, message), "\(variant.debugDescription)")
                }
            }
        }
    }
}
