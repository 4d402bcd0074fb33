import Foundation
import Testing
@testable import TranscriptKit

/// The StreetEvents PDF-text layout's awkward cases, on short synthetic files.
@Suite struct PDFLayoutTests {
    typealias S = LayoutTestSupport

    static let header = """
        THOMSON REUTERS STREETEVENTS **EDITED TRANSCRIPT** CALX - Q3 2012 Calix, Inc. Earnings Conference Call

        EVENT DATE/TIME: OCTOBER 25, 2012 / 8:30PM GMT

        CORPORATE PARTICIPANTS

        David Allen Calix, Inc. - Treasurer & Director of IR Carl Russo Calix, Inc. - President & CEO Michael Ashby Calix, Inc. - EVP & CFO Jane Doe Calix, Inc. - VP of Finance

        CONFERENCE CALL PARTICIPANTS

        George Notter Jefferies & Company - Analyst Simon Leopold Raymond James - Analyst


        """

    /// Flattened participant lists (Jane Doe never speaks), `Mike Ashby` speaking for the listed `Michael Ashby`,
    /// a page break inside a paragraph, a misspelt Q&A heading, speakers missing from the lists, and a file that
    /// stops mid-turn (line 59).
    static let calix = header + """
        PRESENTATION

        Operator

        Greetings, and welcome to the Calix third quarter conference call.

        David Allen - Calix, Inc. - Treasurer & Director of IR

        Thank you, Operator. Before we begin, I want to remind you that this call contains forward-looking statements that are subject to

        THOMSON REUTERS STREETEVENTS | www.streetevents.com | Contact Us

        ©2012 Thomson Reuters. All rights reserved. Republication or redistribution of Thomson Reuters content is prohibited.

        2

        risks and uncertainties.

        Mike Ashby - Calix, Inc. - EVP & CFO

        Thanks, Dave. Revenue was \\$81.3 million.

        QUESTIONS AND ANSWRES

        Operator

        Our first question comes from George Notter with Jefferies.

        George Notter - Jefferies & Company - Analyst

        Thanks. How are margins trending?

        Carl Russo - Calix, Inc. - President & CEO

        Margins are stable.

        Pat Smith - Calix, Inc. - VP of Sales

        Bookings grew in every region.

        Tim Savageaux - Northland Capital Markets - Analyst

        Great quarter.

        Simon Leopold - Raymond James - Analyst

        Can you talk about the Ericsson deal and what it means for the
        """

    @Test func readsHeaderAndFlattenedListsIncludingASilentParticipant() throws {
        let transcript = try S.read(Self.calix, path: "calix.txt")
        #expect(transcript.layout == .streetEventsPDF)
        #expect(transcript.title == "CALX - Q3 2012 Calix, Inc. Earnings Conference Call")
        #expect(transcript.company == "Calix, Inc.")
        #expect(transcript.ticker == "CALX")
        #expect(transcript.fiscalPeriod == FiscalPeriod(year: 2012, quarter: 3))
        #expect(transcript.date == Date(timeIntervalSince1970: 1_351_197_000)) // 2012-10-25T20:30:00Z
        #expect(transcript.participants == [
            Participant(name: "David Allen", affiliation: "Calix, Inc.", title: "Treasurer & Director of IR", group: .corporate),
            Participant(name: "Carl Russo", affiliation: "Calix, Inc.", title: "President & CEO", group: .corporate),
            Participant(name: "Michael Ashby", affiliation: "Calix, Inc.", title: "EVP & CFO", group: .corporate),
            Participant(name: "Jane Doe", affiliation: "Calix, Inc.", title: "VP of Finance", group: .corporate),
            Participant(name: "George Notter", affiliation: "Jefferies & Company", title: "Analyst", group: .analyst),
            Participant(name: "Simon Leopold", affiliation: "Raymond James", title: "Analyst", group: .analyst),
            Participant(name: "Operator", group: .operator),
            Participant(name: "Pat Smith", affiliation: "Calix, Inc.", title: "VP of Sales", group: .corporate),
            Participant(name: "Tim Savageaux", affiliation: "Northland Capital Markets", title: "Analyst", group: .analyst),
        ])
        #expect(!transcript.turns.contains { $0.speaker == "Jane Doe" })
    }

    @Test func readsSectionsTurnsAndParagraphs() throws {
        let transcript = try S.read(Self.calix, path: "calix.txt")
        #expect(transcript.sections.map(\.kind) == [.presentation, .questionsAndAnswers])
        #expect(transcript.sections[0].turns == [
            Turn(speaker: "Operator", paragraphs: ["Greetings, and welcome to the Calix third quarter conference call."]),
            // The page break (footer, copyright, page number) inside the paragraph is dropped and the halves re-joined.
            Turn(speaker: "David Allen", paragraphs: [
                "Thank you, Operator. Before we begin, I want to remind you that this call contains forward-looking statements that are subject to risks and uncertainties.",
            ]),
            // Spoken as "Mike Ashby", listed as "Michael Ashby"; the exporter's `\$` is unescaped.
            Turn(speaker: "Michael Ashby", paragraphs: ["Thanks, Dave. Revenue was $81.3 million."]),
        ])
        #expect(transcript.sections[1].turns == [
            Turn(speaker: "Operator", paragraphs: ["Our first question comes from George Notter with Jefferies."]),
            Turn(speaker: "George Notter", paragraphs: ["Thanks. How are margins trending?"]),
            Turn(speaker: "Carl Russo", paragraphs: ["Margins are stable."]),
            Turn(speaker: "Pat Smith", paragraphs: ["Bookings grew in every region."]),
            Turn(speaker: "Tim Savageaux", paragraphs: ["Great quarter."]),
            // The file stops mid-turn: the partial turn is kept.
            Turn(speaker: "Simon Leopold", paragraphs: ["Can you talk about the Ericsson deal and what it means for the"]),
        ])
    }

    @Test func warnsAboutEachAwkwardCase() throws {
        let transcript = try S.read(Self.calix, path: "calix.txt")
        #expect(transcript.warnings == [
            Diagnostic(.warning, file: "calix.txt", line: 7,
                       "participant entries 'Michael Ashby Calix, Inc. - EVP & CFO Jane Doe Calix, Inc. - VP of Finance' match no speaker line; split them by word shapes"),
            Diagnostic(.warning, file: "calix.txt", line: 59, "the text ends mid-sentence; the file may be cut off"),
            Diagnostic(.warning, file: "calix.txt", line: 31, "speaker 'Mike Ashby' is listed as 'Michael Ashby'; the turn is attributed to 'Michael Ashby'"),
            Diagnostic(.warning, file: "calix.txt", line: 49, "speaker 'Pat Smith' is not in the participant lists; added as corporate"),
            Diagnostic(.warning, file: "calix.txt", line: 53, "speaker 'Tim Savageaux' is not in the participant lists; added as analyst"),
        ])
    }

    @Test func crlfLineEndsReadTheSame() throws {
        let lf = try S.read(Self.calix, path: "calix.txt")
        let crlf = try S.read(S.crlf(Self.calix), path: "calix.txt")
        #expect(crlf == lf)
    }

    @Test func missingQuestionsAndAnswersSection() throws {
        let text = Self.header + """
            PRESENTATION

            Operator

            Welcome to the call.

            Carl Russo - Calix, Inc. - President & CEO

            Thank you. That concludes our prepared remarks, and there will be no questions today.
            """
        let transcript = try S.read(text, path: "noqa.txt")
        #expect(transcript.sections.map(\.kind) == [.presentation])
        #expect(transcript.sections[0].turns == [
            Turn(speaker: "Operator", paragraphs: ["Welcome to the call."]),
            Turn(speaker: "Carl Russo", paragraphs: ["Thank you. That concludes our prepared remarks, and there will be no questions today."]),
        ])
        // Only Carl Russo speaks, so the other flattened entries are split by word shapes (one warning per list).
        #expect(transcript.warnings.allSatisfy { $0.message.contains("split them by word shapes") })
        #expect(transcript.participants.map(\.name) == [
            "David Allen", "Carl Russo", "Michael Ashby", "Jane Doe", "George Notter", "Simon Leopold", "Operator",
        ])
    }

    @Test func readsTheReferenceTranscript() throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Content/calx-q3-2012.txt")
        let transcript = try TranscriptReader.standard.read(contentsOf: url, displayPath: "calx-q3-2012.txt")
        #expect(transcript.layout == .streetEventsPDF)
        #expect(transcript.sections.map(\.turns.count) == [5, 90])
        #expect(transcript.participants.count == 11)
        #expect(transcript.warnings.isEmpty)
        let source = try SourceText.decode(Data(contentsOf: url), path: "calx-q3-2012.txt")
        #expect(StreetEventsEventTranscriptParser().confidence(source) == 0)
        #expect(StreetEventsHeaderlessParser().confidence(source) == 0)
    }
}
