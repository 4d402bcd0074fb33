import Foundation
import Testing
import TranscriptKit
import TranscriptMarkdown

/// Parses `markdown` as the file `call.md`.
func parseMarkdown(_ markdown: String) throws(TranscriptReadError) -> Transcript {
    try MarkdownTranscriptParser().parse(SourceText(path: "call.md", text: markdown), hints: .init())
}

/// The diagnostic `parseMarkdown` fails with, or nil if it succeeds.
func failure(_ markdown: String) -> Diagnostic? {
    do {
        _ = try parseMarkdown(markdown)
        return nil
    } catch {
        return error.diagnostic
    }
}

@Suite("Markdown parser diagnostics")
struct MarkdownParserDiagnosticsTests {
    @Test func invalidYAMLNamesTheFileLine() {
        let diagnostic = failure("---\ncompany: Calix, Inc.\ntitle: Q3: the call\n---\n\n## Presentation\n")
        #expect(diagnostic == Diagnostic(.error, file: "call.md", line: 3,
            "the front matter is not valid YAML: mapping values are not allowed in this context; expected `key: value` lines, with quotes around values that contain `: `, ` #` or start with punctuation"))
        #expect(diagnostic?.description.hasPrefix("call.md:3: error: the front matter is not valid YAML") == true)
    }

    @Test func unclosedQuoteNamesTheLineWhereTheScalarStarts() {
        let diagnostic = failure("---\ncompany: Calix\ntitle: \"Q3 call\nticker: CALX\n---\n")
        #expect(diagnostic?.line == 4)
        #expect(diagnostic?.message.hasPrefix("the front matter is not valid YAML: while scanning a quoted scalar that starts on line 3,") == true)
    }

    @Test func missingClosingDelimiter() {
        let diagnostic = failure("---\ncompany: Calix\ntitle: Q3 call\n\n## Presentation\n\n### Operator\n\nHello.\n")
        #expect(diagnostic == Diagnostic(.error, file: "call.md", line: 1,
            "the front matter opened by `---` on line 1 is never closed; expected a `---` line after the metadata and before the transcript text"))
    }

    @Test func missingOpeningDelimiter() {
        let diagnostic = failure("# Calix call\n\nHello.\n")
        #expect(diagnostic == Diagnostic(.error, file: "call.md", line: 1,
            "expected a `---` line opening the YAML front matter; found “# Calix call”"))
    }

    @Test func frontMatterThatIsNotAMapping() {
        let diagnostic = failure("---\n- company\n- title\n---\n")
        #expect(diagnostic == Diagnostic(.error, file: "call.md", line: 2,
            "the front matter is a list; expected a mapping of keys such as `company:` and `title:`"))
    }

    @Test func quarterOutOfRange() {
        let diagnostic = failure("---\ncompany: Calix\ntitle: Q3 call\nfiscalPeriod:\n  year: 2012\n  quarter: 7\n---\n")
        #expect(diagnostic == Diagnostic(.error, file: "call.md", line: 6,
            "`fiscalPeriod.quarter` is 7; expected 1, 2, 3 or 4"))
    }

    @Test func yearThatIsNotFourDigits() {
        for year in ["-5", "0", "99999999999", "12"] {
            let diagnostic = failure("---\ncompany: Calix\ntitle: Q3 call\nfiscalPeriod:\n  year: \(year)\n  quarter: 3\n---\n")
            #expect(diagnostic == Diagnostic(.error, file: "call.md", line: 5,
                "`fiscalPeriod.year` is \(Int(year)!); expected a four-digit year such as 2012"))
        }
    }

    @Test func dateThatIsNotISO8601() {
        let diagnostic = failure("---\ncompany: Calix\ntitle: Q3 call\ndate: October 25, 2012\n---\n")
        #expect(diagnostic == Diagnostic(.error, file: "call.md", line: 4,
            "`date` is “October 25, 2012”; expected an ISO 8601 date-time in UTC such as 2012-10-25T20:30:00Z"))
    }

    @Test func unknownEnumValueListsTheChoices() {
        let diagnostic = failure("---\ncompany: Calix\ntitle: Q3 call\nparticipants:\n- name: Ann\n  group: board\n---\n")
        #expect(diagnostic == Diagnostic(.error, file: "call.md", line: 6,
            "`group` is “board”; expected one of corporate, analyst, operator, unidentified"))
    }

    @Test func missingCompanyWithoutHint() {
        let diagnostic = failure("---\ntitle: Q3 call\n---\n")
        #expect(diagnostic == Diagnostic(.error, file: "call.md", line: 1,
            "the front matter has no `company`; expected the company's name, e.g. `company: Calix, Inc.`"))
    }

    @Test func repeatedKey() {
        let diagnostic = failure("---\ncompany: Calix\ntitle: Q3 call\ncompany: Other\n---\n")
        #expect(diagnostic == Diagnostic(.error, file: "call.md", line: 4,
            "the front matter sets `company` twice; expected each key once"))
    }

    @Test func repeatedKeyInAParticipantEntry() {
        let diagnostic = failure("---\ncompany: Calix\ntitle: Q3 call\nparticipants:\n- name: Ann\n  title: CFO\n- name: Bob\n  group: analyst\n  name: Rob\n---\n")
        #expect(diagnostic == Diagnostic(.error, file: "call.md", line: 9,
            "the front matter sets `name` twice; expected each key once"))
    }

    @Test func datesAcceptOffsetsAndFractions() throws {
        let base = "---\ncompany: Calix\ntitle: Q3 call\ndate: "
        let expected = Date(timeIntervalSince1970: 1_351_197_000)
        #expect(try parseMarkdown(base + "2012-10-25T20:30:00Z\n---\n").date == expected)
        #expect(try parseMarkdown(base + "2012-10-25T16:30:00-04:00\n---\n").date == expected)
        #expect(try parseMarkdown(base + "2012-10-25T20:30:00.000Z\n---\n").date == expected)
        #expect(try parseMarkdown(base + "2012-10-25\n---\n").date == Date(timeIntervalSince1970: 1_351_123_200))
    }

    @Test func textBeforeTheFirstHeadingAndUnknownSpeakersAreWarnings() throws {
        let markdown = """
            ---
            company: Calix, Inc.
            title: Q3 call
            participants:
            - name: Carl Russo
              group: corporate
            ---

            Welcome, everyone.

            ## Presentation

            ### Carl Russo

            Thanks.

            ### Jane Doe

            Hello.

            """
        let transcript = try parseMarkdown(markdown)
        #expect(transcript.layout == .markdown)
        #expect(transcript.kind == .other)
        #expect(transcript.sections == [
            Section(kind: .presentation, turns: [Turn(speaker: "Unidentified Speaker", paragraphs: ["Welcome, everyone."])]),
            Section(kind: .presentation, turns: [
                Turn(speaker: "Carl Russo", paragraphs: ["Thanks."]),
                Turn(speaker: "Jane Doe", paragraphs: ["Hello."]),
            ]),
        ])
        #expect(transcript.participants == [
            Participant(name: "Carl Russo", group: .corporate),
            Participant(name: "Unidentified Speaker", group: .unidentified),
            Participant(name: "Jane Doe", group: .unidentified),
        ])
        #expect(transcript.warnings == [
            Diagnostic(.warning, file: "call.md", line: 9,
                "text before the first heading; expected a `### Speaker Name` heading before it; kept as a turn by Unidentified Speaker"),
            Diagnostic(.warning, file: "call.md", line: 17,
                "the speaker “Jane Doe” is not among the front matter's participants; added as unidentified"),
        ])
    }

    @Test func frontMatterWarningsComeFirstAndLayoutIsKept() throws {
        let markdown = """
            ---
            company: Calix, Inc.
            title: Q3 call
            layout: streetevents-pdf
            draft: true
            warnings:
            - severity: warning
              file: calx.txt
              line: 12
              message: the text ends mid-sentence
            ---

            ## Q&A

            ### Ann
            Hello there
            with a soft break.

            - a list item
            - another

            ```
            code line
            ```

            #### Aside

            ---

            ## Closing Remarks

            ### Operator

            Bye.
            """
        let transcript = try parseMarkdown(markdown)
        #expect(transcript.layout == .streetEventsPDF)
        #expect(transcript.sections == [
            Section(kind: .questionsAndAnswers, turns: [
                Turn(speaker: "Ann", paragraphs: ["Hello there with a soft break.", "a list item", "another", "code line", "Aside"]),
            ]),
            Section(kind: .other, title: "Closing Remarks", turns: [Turn(speaker: "Operator", paragraphs: ["Bye."])]),
        ])
        let expectation = "expected paragraphs under `###` speaker headings"
        #expect(transcript.warnings == [
            Diagnostic(.warning, file: "calx.txt", line: 12, "the text ends mid-sentence"),
            Diagnostic(.warning, file: "call.md", line: 5,
                "the front matter has an unknown key `draft`, which was ignored; expected one of company, ticker, title, kind, fiscalPeriod, date, timeZone, layout, participants, warnings"),
            Diagnostic(.warning, file: "call.md", line: 15, "the speaker “Ann” is not among the front matter's participants; added as unidentified"),
            Diagnostic(.warning, file: "call.md", line: 19, "a list is not part of the transcript layout; \(expectation); kept its text as paragraphs"),
            Diagnostic(.warning, file: "call.md", line: 22, "a code block is not part of the transcript layout; \(expectation); kept its text as paragraphs"),
            Diagnostic(.warning, file: "call.md", line: 26,
                "a level-4 heading is not part of the transcript layout; expected `##` for a section or `###` for a speaker; kept its text as a paragraph"),
            Diagnostic(.warning, file: "call.md", line: 28, "a thematic break is not part of the transcript layout; \(expectation); ignored it"),
        ])
        // The operator is the operator, listed or not, as in the raw readers.
        #expect(transcript.participants.last == Participant(name: "Operator", group: .operator))
    }

    /// Hand edits of a converted file read as the raw readers read the same spellings.
    @Test func handEditedSpeakersAndHeadingsReadAsTheRawReadersReadThem() throws {
        let markdown = """
            ---
            company: Calix, Inc.
            title: CALX - Q3 2012 Calix, Inc. Earnings Conference Call
            participants:
            - name: Carl Russo
              affiliation: Calix, Inc.
              title: President & CEO
              group: corporate
            - name: Operator
              group: operator
            ---

            ## Prepared Remarks

            ### Operator

            Welcome.

            ### Carl E. Russo

            Thank you.

            ## QUESTION AND ANSWER SESSION

            ### Carl Russo:

            Next question.

            ### Carl E. Russo

            Once more.

            ### operator

            Bye.

            ## Q & A Session

            ### Ann Smith

            A question.
            """
        let transcript = try parseMarkdown(markdown)
        #expect(transcript.sections == [
            Section(kind: .presentation, turns: [Turn(speaker: "Operator", paragraphs: ["Welcome."]), Turn(speaker: "Carl Russo", paragraphs: ["Thank you."])]),
            Section(kind: .questionsAndAnswers, turns: [
                Turn(speaker: "Carl Russo", paragraphs: ["Next question."]), Turn(speaker: "Carl Russo", paragraphs: ["Once more."]),
                Turn(speaker: "Operator", paragraphs: ["Bye."]),
            ]),
            Section(kind: .questionsAndAnswers, turns: [Turn(speaker: "Ann Smith", paragraphs: ["A question."])]),
        ])
        #expect(transcript.participants.map(\.name) == ["Carl Russo", "Operator", "Ann Smith"])
        #expect(transcript.warnings == [
            Diagnostic(.warning, file: "call.md", line: 19, "the speaker “Carl E. Russo” is listed as “Carl Russo”; the turn is attributed to “Carl Russo”"),
            Diagnostic(.warning, file: "call.md", line: 39, "the speaker “Ann Smith” is not among the front matter's participants; added as unidentified"),
        ])
    }
}
