import Foundation
import Testing
@testable import TranscriptKit

/// The StreetEvents "Event Transcript" layout: `=====` section rules, ` * Name` participant entries, numbered turns.
@Suite struct EventTranscriptLayoutTests {
    typealias F = EventTranscriptFixtures
    typealias S = LayoutTestSupport

    @Test func detectsTheLayoutAndReadsTheHeader() throws {
        let transcript = try S.read(F.micron, path: "micron.txt")
        #expect(transcript.layout == .streetEventsEventTranscript)
        #expect(transcript.title == "Q2 2018 Micron Technology Inc Earnings Call")
        #expect(transcript.company == "Micron Technology Inc")
        #expect(transcript.ticker == nil)
        #expect(transcript.kind == .earningsCall)
        #expect(transcript.fiscalPeriod == FiscalPeriod(year: 2018, quarter: 2))
        #expect(transcript.date == Date(timeIntervalSince1970: 1_521_750_600)) // 2018-03-22T20:30:00Z
        #expect(transcript.statedTimeZone == "GMT")
    }

    @Test func readsBothParticipantListsWithMisspeltHeadingBlankFirmAndCommas() throws {
        let transcript = try S.read(F.micron, path: "micron.txt")
        #expect(transcript.participants == [
            Participant(name: "Sanjay Mehrotra", affiliation: "Micron Technology, Inc.", title: "President, CEO & Director", group: .corporate),
            Participant(name: "Farhan Ahmad", affiliation: "Micron Technology, Inc.", title: "Senior Director of IR", group: .corporate),
            Participant(name: "Vivek Arya", affiliation: "BofA Merrill Lynch, Research Division", title: "Director", group: .analyst),
            Participant(name: "John Pitzer", affiliation: nil, title: nil, group: .analyst),
            Participant(name: "Operator", group: .operator),
            Participant(name: "Unidentified Analyst", group: .unidentified),
        ])
    }

    @Test func keepsPresentationAndQuestionsAndDropsDefinitionsAndDisclaimer() throws {
        let transcript = try S.read(F.micron, path: "micron.txt")
        #expect(transcript.sections.map(\.kind) == [.presentation, .questionsAndAnswers])
        #expect(transcript.sections.map(\.turns.count) == [3, 5])
        #expect(transcript.turns.count == 8)
        let text = transcript.turns.flatMap(\.paragraphs).joined(separator: "\n")
        #expect(!text.contains("Preliminary Transcript"))
        #expect(!text.contains("reserves the right"))
    }

    @Test func readsEveryTurnsSpeakerAndParagraphs() throws {
        let transcript = try S.read(F.micron, path: "micron.txt")
        #expect(transcript.sections[0].turns == [
            Turn(speaker: "Operator", paragraphs: [
                "Ladies and gentlemen, thank you for standing by, and welcome to the Micron Technology Q2 2018 conference call.",
                "I would now like to turn the call over to Farhan Ahmad. Please go ahead.",
            ]),
            // Hard-wrapped with only the first line of each paragraph indented.
            Turn(speaker: "Farhan Ahmad", paragraphs: [
                "Thank you, and welcome to Micron Technology's fiscal second quarter 2018 financial conference call. On the call with me today are Sanjay Mehrotra, our President and CEO.",
                "Today's call will be approximately 60 minutes in length.",
            ]),
            // One-line paragraphs with no blank line between them.
            Turn(speaker: "Sanjay Mehrotra", paragraphs: [
                "Thank you, Farhan. Micron delivered record results.",
                "Demand remained strong across our end markets.",
            ]),
        ])
        #expect(transcript.sections[1].turns == [
            Turn(speaker: "Operator", paragraphs: ["Our first question comes from Vivek Arya with BofA Merrill Lynch."]),
            // Hard-wrapped with every line indented.
            Turn(speaker: "Vivek Arya", paragraphs: ["Sanjay, how sustainable is the pricing environment in DRAM?"]),
            Turn(speaker: "Sanjay Mehrotra", paragraphs: ["We see a healthy balance of supply and demand."]),
            Turn(speaker: "Unidentified Analyst", paragraphs: ["Can you talk about NAND?"]),
            Turn(speaker: "John Pitzer", paragraphs: ["Thanks for taking the question."]),
        ])
    }

    @Test func warnsOnlyAboutTheSkippedTurnNumber() throws {
        let transcript = try S.read(F.micron, path: "micron.txt")
        #expect(transcript.warnings == [Diagnostic(.warning, file: "micron.txt", line: 73, "expected turn [8], found [10]")])
    }

    @Test func crlfLineEndsReadTheSame() throws {
        let lf = try S.read(F.micron, path: "micron.txt")
        let crlf = try S.read(S.crlf(F.micron), path: "micron.txt")
        #expect(crlf == lf)
    }

    @Test func warnsOnRepeatedTurnNumber() throws {
        let body = F.heading("Presentation")
            + F.turn("Operator    [1]", " Welcome to the call.")
            + F.turn("Jane Roe,  Acme Widgets Corp - CEO    [2]", " Thank you.")
            + F.turn("Richard Poe,  Acme Widgets Corp - CFO    [2]", " Revenue rose.")
            + F.turn("Jane Roe,  Acme Widgets Corp - CEO    [3]", " Thanks, Richard.")
        let transcript = try S.read(F.file(body: body), path: "repeat.txt")
        // Lines: body from 16; Presentation heading 17; turns' speaker lines 19, 23, 27, 31.
        // Numbering resumes from the repeated number: [3] after the second [2] is what is expected.
        #expect(transcript.warnings == [
            Diagnostic(.warning, file: "repeat.txt", line: 27, "expected turn [3], found [2]"),
        ])
        #expect(transcript.turns.map(\.speaker) == ["Operator", "Jane Roe", "Richard Poe", "Jane Roe"])
        #expect(transcript.turns.map(\.paragraphs) == [["Welcome to the call."], ["Thank you."], ["Revenue rose."], ["Thanks, Richard."]])
    }

    @Test func warnsOnMissingDateLine() throws {
        let header = """
            Thomson Reuters StreetEvents Event Transcript
            E D I T E D   V E R S I O N

            Q4 2019 Acme Widgets Corp Earnings Call

            """
        let body = F.heading("Presentation") + F.turn("Operator    [1]", " Welcome.")
        let transcript = try S.read(F.file(header: header, body: body), path: "nodate.txt")
        #expect(transcript.date == nil)
        #expect(transcript.statedTimeZone == nil)
        #expect(transcript.fiscalPeriod == FiscalPeriod(year: 2019, quarter: 4))
        #expect(transcript.warnings == [
            Diagnostic(.warning, file: "nodate.txt", line: 5,
                       "no date line after the title; expected 'MONTH D, YYYY / H:MMPM ZONE'; the call has no date"),
        ])
    }

    @Test func warnsOnUnreadableDate() throws {
        let header = """
            Thomson Reuters StreetEvents Event Transcript
            E D I T E D   V E R S I O N

            Q4 2019 Acme Widgets Corp Earnings Call
            SOMETIME IN FEBRUARY
            """
        let body = F.heading("Presentation") + F.turn("Operator    [1]", " Welcome.")
        let transcript = try S.read(F.file(header: header, body: body), path: "baddate.txt")
        #expect(transcript.date == nil)
        #expect(transcript.warnings.map(\.line) == [5])
        #expect(transcript.warnings.first?.message.contains("cannot read the event date 'SOMETIME IN FEBRUARY'") == true)
    }

    @Test func warnsOnUnclosedRuleBlockAndKeepsTheTurn() throws {
        let body = F.heading("Presentation")
            + F.turn("Operator    [1]", " Welcome to the call.")
            + [F.rule, "Jane Roe,  Acme Widgets Corp - CEO    [2]", " Thank you, operator.", ""].joined(separator: "\n")
        let transcript = try S.read(F.file(body: body), path: "unclosed.txt")
        #expect(transcript.warnings == [
            Diagnostic(.warning, file: "unclosed.txt", line: 23, "unclosed rule block: the speaker line is not followed by a '-----' rule"),
        ])
        #expect(transcript.turns == [
            Turn(speaker: "Operator", paragraphs: ["Welcome to the call."]),
            Turn(speaker: "Jane Roe", paragraphs: ["Thank you, operator."]),
        ])
    }

    @Test func warnsOnUnclosedHeading() throws {
        let body = F.doubleRule + "\nPresentation\n Text right under the heading.\n" + F.turn("Operator    [1]", " Welcome.")
        let transcript = try S.read(F.file(body: body), path: "heading.txt")
        #expect(S.warning(transcript, containing: "unclosed rule block: the heading 'Presentation'")?.line == 17)
        // The text under the heading has no speaker line: kept as an unidentified speaker's, with a warning.
        #expect(S.warning(transcript, containing: "text before any speaker line")?.line == 18)
        #expect(transcript.turns == [
            Turn(speaker: "Unidentified Speaker", paragraphs: ["Text right under the heading."]),
            Turn(speaker: "Operator", paragraphs: ["Welcome."]),
        ])
    }

    @Test func resolvesNamesWrittenTwoWaysAndAddsUnlistedSpeakers() throws {
        let body = F.heading("Presentation")
            + F.turn("Operator    [1]", " Welcome.")
            + F.turn("Dick Poe,  Acme Widgets Corp - CFO    [2]", " Revenue rose.")
            + F.heading("Questions and Answers")
            + F.turn("Pat Lee,  Acme Widgets Corp - VP of Sales    [3]", " Bookings grew.")
            + F.turn("Sam Analyst,  Big Bank, Research Division - Analyst    [4]", " Great quarter.")
        let transcript = try S.read(F.file(body: body), path: "names.txt")
        #expect(transcript.turns.map(\.speaker) == ["Operator", "Richard Poe", "Pat Lee", "Sam Analyst"])
        #expect(transcript.participants.map(\.name) == ["Jane Roe", "Richard Poe", "Operator", "Pat Lee", "Sam Analyst"])
        #expect(transcript.participant(named: "Pat Lee") == Participant(name: "Pat Lee", affiliation: "Acme Widgets Corp", title: "VP of Sales", group: .corporate))
        #expect(transcript.participant(named: "Sam Analyst") == Participant(name: "Sam Analyst", affiliation: "Big Bank, Research Division", title: "Analyst", group: .analyst))
        #expect(transcript.warnings == [
            Diagnostic(.warning, file: "names.txt", line: 23, "speaker 'Dick Poe' is listed as 'Richard Poe'; the turn is attributed to 'Richard Poe'"),
            Diagnostic(.warning, file: "names.txt", line: 29, "speaker 'Pat Lee' is not in the participant lists; added as corporate"),
            Diagnostic(.warning, file: "names.txt", line: 33, "speaker 'Sam Analyst' is not in the participant lists; added as analyst"),
        ])
    }

    @Test func hardWrappedParagraphsWithoutIndentAndOneLineParagraphs() throws {
        let body = F.heading("Presentation")
            + F.turn("Jane Roe,  Acme Widgets Corp - CEO    [1]",
                     "Thank you. This quarter we shipped more widgets than in any quarter",
                     "in our history, and our margins improved for the fourth consecutive",
                     "quarter.",
                     "",
                     "Looking ahead, we expect demand to stay firm.")
            + F.turn("Richard Poe,  Acme Widgets Corp - CFO    [2]",
                     " Thanks, Jane.",
                     " Revenue was $12 million.",
                     " Gross margin was 41%.",
                     " Let me turn to guidance.")
        let transcript = try S.read(F.file(body: body), path: "wrap.txt")
        #expect(transcript.turns == [
            Turn(speaker: "Jane Roe", paragraphs: [
                "Thank you. This quarter we shipped more widgets than in any quarter in our history, and our margins improved for the fourth consecutive quarter.",
                "Looking ahead, we expect demand to stay firm.",
            ]),
            Turn(speaker: "Richard Poe", paragraphs: [
                "Thanks, Jane.", "Revenue was $12 million.", "Gross margin was 41%.", "Let me turn to guidance.",
            ]),
        ])
        #expect(transcript.warnings.isEmpty)
    }

    @Test func takesTheTickerFromHintsAndTheTitleFromHintsWhenMissing() throws {
        let body = F.heading("Presentation") + F.turn("Operator    [1]", " Welcome.")
        let withTitle = try S.read(F.file(body: body), hints: TranscriptHints(ticker: "ACME"))
        #expect(withTitle.ticker == "ACME")
        #expect(withTitle.title == "Q4 2019 Acme Widgets Corp Earnings Call")

        let header = "Thomson Reuters StreetEvents Event Transcript\nE D I T E D   V E R S I O N"
        let hints = TranscriptHints.fromFileName("Q4 2019 Acme Widgets Corp Earnings Call.txt")
        let noTitle = try S.read(F.file(header: header, body: body), path: "Q4 2019 Acme Widgets Corp Earnings Call.txt", hints: hints)
        #expect(noTitle.title == "Q4 2019 Acme Widgets Corp Earnings Call")
        #expect(noTitle.company == "Acme Widgets Corp")
        #expect(noTitle.fiscalPeriod == FiscalPeriod(year: 2019, quarter: 4))
        #expect(noTitle.warnings.map(\.message) == [
            "no event title after the 'Event Transcript' line; expected e.g. 'Q2 2018 Micron Technology Inc Earnings Call'; took 'Q4 2019 Acme Widgets Corp Earnings Call' from the file name",
        ])
    }

    @Test func titleMayHoldADateAndTheDateMayStandWhereTheTitleWas() throws {
        let body = F.heading("Presentation") + F.turn("Operator    [1]", " Welcome.")
        let conference = """
            Thomson Reuters StreetEvents Event Transcript
            E D I T E D   V E R S I O N

            Acme Widgets Corp at Big Bank Technology Conference - March 5, 2019
            MARCH 5, 2019 / 3:00PM GMT
            """
        let withDateInTitle = try S.read(F.file(header: conference, body: body), path: "conf.txt")
        #expect(withDateInTitle.title == "Acme Widgets Corp at Big Bank Technology Conference - March 5, 2019")
        #expect(withDateInTitle.company == "Acme Widgets Corp")
        #expect(withDateInTitle.kind == .conferencePresentation)
        #expect(withDateInTitle.date == Date(timeIntervalSince1970: 1_551_798_000)) // 2019-03-05T15:00:00Z
        #expect(withDateInTitle.warnings.isEmpty)

        let noTitle = """
            Thomson Reuters StreetEvents Event Transcript
            E D I T E D   V E R S I O N

            FEBRUARY 5, 2020 / 10:00PM GMT
            """
        let name = "Q4 2019 Acme Widgets Corp Earnings Call.txt"
        let dateOnly = try S.read(F.file(header: noTitle, body: body), path: name, hints: TranscriptHints.fromFileName(name))
        #expect(dateOnly.title == "Q4 2019 Acme Widgets Corp Earnings Call")
        #expect(dateOnly.date == Date(timeIntervalSince1970: 1_580_940_000)) // 2020-02-05T22:00:00Z
        #expect(dateOnly.warnings.map(\.line) == [4])
        #expect(dateOnly.warnings.first?.message.hasPrefix("no event title after the 'Event Transcript' line") == true)
    }

    @Test func readsAFileWhoseHeaderWasCutOff() throws {
        let text = F.doubleRule + "\nCorporate Participants\n" + F.doubleRule + "\n\n" + F.defaultParticipants + "\n\n"
            + F.heading("Presentation") + F.turn("Operator    [1]", " Welcome.")
        let source = SourceText(path: "cut.txt", text: text)
        #expect(StreetEventsEventTranscriptParser().confidence(source) == 60)
        #expect(StreetEventsPDFParser().confidence(source) == 0)
        #expect(StreetEventsHeaderlessParser().confidence(source) == 0)
        let transcript = try TranscriptReader.standard.read(source, hints: TranscriptHints(company: "Acme Widgets Corp"))
        #expect(transcript.layout == .streetEventsEventTranscript)
        #expect(transcript.company == "Acme Widgets Corp")
        #expect(transcript.title == "Acme Widgets Corp call")
        #expect(transcript.turns == [Turn(speaker: "Operator", paragraphs: ["Welcome."])])
        #expect(transcript.warnings.map(\.line) == [1])
    }

    @Test func keepsTurnsOfAnUnknownSectionAsOther() throws {
        let body = F.heading("Presentation") + F.turn("Operator    [1]", " Welcome.")
            + F.heading("Closing Remarks") + F.turn("Jane Roe,  Acme Widgets Corp - CEO    [2]", " Goodbye.")
        let transcript = try S.read(F.file(body: body), path: "other.txt")
        #expect(transcript.sections.map(\.kind) == [.presentation, .other])
        #expect(transcript.sections[1].title == "Closing Remarks")
        #expect(transcript.sections[1].turns == [Turn(speaker: "Jane Roe", paragraphs: ["Goodbye."])])
        #expect(transcript.warnings.map(\.line) == [23])
        #expect(transcript.warnings.first?.message.hasPrefix("unknown section heading 'Closing Remarks'") == true)
    }

    @Test func keepsAPartialTurnWhenTheFileIsCutOff() throws {
        let body = F.heading("Presentation") + F.turn("Operator    [1]", " Welcome.")
            + F.turn("Jane Roe,  Acme Widgets Corp - CEO    [2]", " Revenue for the quarter grew to a record, driven by")
        let transcript = try S.read(F.file(body: body), path: "cut.txt")
        #expect(transcript.turns.last == Turn(speaker: "Jane Roe", paragraphs: ["Revenue for the quarter grew to a record, driven by"]))
        #expect(transcript.warnings == [
            Diagnostic(.warning, file: "cut.txt", line: 25, "the text ends mid-sentence; the file may be cut off"),
        ])
    }

    @Test func noTurnsIsAnErrorNamingTheLine() throws {
        let onlyParticipants = F.file(body: "")
        let error = try #require(S.readError { () throws(TranscriptReadError) in try S.read(onlyParticipants, path: "empty-body.txt") })
        #expect(error.diagnostic.severity == .error)
        #expect(error.diagnostic.file == "empty-body.txt")
        #expect(error.diagnostic.line == 7)
        #expect(error.diagnostic.message.contains("found no Presentation or Questions and Answers section"))

        let emptySection = F.file(body: F.heading("Presentation") + F.rule + "\n")
        let error2 = try #require(S.readError { () throws(TranscriptReadError) in try S.read(emptySection, path: "no-turns.txt") })
        #expect(error2.diagnostic.line == 17)
        #expect(error2.diagnostic.message.hasPrefix("the 'Presentation' section holds no speaker turns; expected a '-----' rule"))
    }
}
