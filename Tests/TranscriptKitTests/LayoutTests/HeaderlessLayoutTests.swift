import Foundation
import Testing
@testable import TranscriptKit

/// StreetEvents PDF text whose header was cut off: it starts at CORPORATE PARTICIPANTS.
@Suite struct HeaderlessLayoutTests {
    typealias S = LayoutTestSupport

    /// Name lines and `Firm - Title` lines, firms with commas and " - ", prose hard-wrapped at 130 columns,
    /// separator lines holding one space, and page furniture (footer, copyright, page number) inside a paragraph.
    static let equityResidential = """
        CORPORATE PARTICIPANTS
        \u{20}
        Marty McKenna
        Equity Residential - First Vice President of Investor and Public Relations
        Mark J. Parrell
        Equity Residential - President, CEO & Trustee
        Robert A. Garechana
        Equity Residential - Executive VP & CFO
        \u{20}
        CONFERENCE CALL PARTICIPANTS
        \u{20}
        Nicholas Gregory Joseph
        Citigroup Inc., Research Division - Director & Senior Analyst
        Richard Hightower
        Evercore ISI Institutional Equities - Research Division - MD & Senior Analyst
        \u{20}
        PRESENTATION
        \u{20}
        Operator
        \u{20}
        Good day, and welcome to the Equity Residential Third Quarter 2022 Earnings Conference Call. All participants will be in
        listen-only mode. Should you need assistance, please signal a conference specialist by pressing the star key followed by zero.
        After today's presentation, there will be an opportunity to ask questions. Please note this event is being recorded.
        \u{20}
        I would now like to turn the conference over to Marty McKenna. Please go ahead.
        \u{20}
        Marty McKenna
        Equity Residential - First Vice President of Investor and Public Relations
        \u{20}
        Thanks, Operator. Good morning, and thank you for joining us to discuss Equity Residential's third quarter 2022 results. Our featured
        speakers today are Mark Parrell, our President and CEO; and Bob Garechana, our CFO.
        \u{20}
        Mark J. Parrell
        Equity Residential - President, CEO & Trustee
        \u{20}
        Thank you, Marty. Good morning, and thank you all for joining us today. We continue to see strong demand across our markets, and
        \u{20}
        THOMSON REUTERS STREETEVENTS | www.streetevents.com | Contact Us
        \u{20}
        ©2022 Thomson Reuters. All rights reserved. Republication or redistribution of Thomson Reuters content, including by framing or similar means, is prohibited without the prior written consent of Thomson Reuters.
        \u{20}
        4
        \u{20}
        we expect same-store revenue growth to remain strong through the end of the year.
        \u{20}
        QUESTIONS AND ANSWERS
        \u{20}
        Operator
        \u{20}
        Our first question comes from Nick Joseph with Citi.
        \u{20}
        Nicholas Gregory Joseph
        Citigroup Inc., Research Division - Director & Senior Analyst
        \u{20}
        Mark, can you talk about how concessions are trending in the coastal markets heading into the winter? And what are you seeing in
        the Sun Belt?
        \u{20}
        Robert A. Garechana
        Equity Residential - Executive VP & CFO
        \u{20}
        Sure. Concessions remain very low.
        \u{20}
        Richard Hightower
        Evercore ISI Institutional Equities - Research Division - MD & Senior Analyst
        \u{20}
        Thanks. One quick one on expenses.
        """

    static let expectedParticipants = [
        Participant(name: "Marty McKenna", affiliation: "Equity Residential", title: "First Vice President of Investor and Public Relations", group: .corporate),
        Participant(name: "Mark J. Parrell", affiliation: "Equity Residential", title: "President, CEO & Trustee", group: .corporate),
        Participant(name: "Robert A. Garechana", affiliation: "Equity Residential", title: "Executive VP & CFO", group: .corporate),
        Participant(name: "Nicholas Gregory Joseph", affiliation: "Citigroup Inc., Research Division", title: "Director & Senior Analyst", group: .analyst),
        Participant(name: "Richard Hightower", affiliation: "Evercore ISI Institutional Equities - Research Division", title: "MD & Senior Analyst", group: .analyst),
        Participant(name: "Operator", group: .operator),
    ]

    static let expectedSections = [
        Section(kind: .presentation, turns: [
            Turn(speaker: "Operator", paragraphs: [
                "Good day, and welcome to the Equity Residential Third Quarter 2022 Earnings Conference Call. All participants will be in listen-only mode. Should you need assistance, please signal a conference specialist by pressing the star key followed by zero. After today's presentation, there will be an opportunity to ask questions. Please note this event is being recorded.",
                "I would now like to turn the conference over to Marty McKenna. Please go ahead.",
            ]),
            Turn(speaker: "Marty McKenna", paragraphs: [
                "Thanks, Operator. Good morning, and thank you for joining us to discuss Equity Residential's third quarter 2022 results. Our featured speakers today are Mark Parrell, our President and CEO; and Bob Garechana, our CFO.",
            ]),
            Turn(speaker: "Mark J. Parrell", paragraphs: [
                "Thank you, Marty. Good morning, and thank you all for joining us today. We continue to see strong demand across our markets, and we expect same-store revenue growth to remain strong through the end of the year.",
            ]),
        ]),
        Section(kind: .questionsAndAnswers, turns: [
            Turn(speaker: "Operator", paragraphs: ["Our first question comes from Nick Joseph with Citi."]),
            Turn(speaker: "Nicholas Gregory Joseph", paragraphs: [
                "Mark, can you talk about how concessions are trending in the coastal markets heading into the winter? And what are you seeing in the Sun Belt?",
            ]),
            Turn(speaker: "Robert A. Garechana", paragraphs: ["Sure. Concessions remain very low."]),
            Turn(speaker: "Richard Hightower", paragraphs: ["Thanks. One quick one on expenses."]),
        ]),
    ]

    @Test func fixtureHasTheAwkwardShapes() {
        let lines = Self.equityResidential.components(separatedBy: "\n")
        #expect(lines.contains(" "), "separator lines hold a single space")
        #expect(lines.map(\.count).max() ?? 0 > 200, "the copyright line is long")
        #expect(lines.filter { (115...135).contains($0.count) }.count >= 5, "prose wrapped near 130 columns")
    }

    @Test func titleQuarterAndCompanyComeFromTheFileName() throws {
        let name = "Q3 2022 Equity Residential Earnings Call.txt"
        let transcript = try TranscriptReader.standard.read(
            data: Data(Self.equityResidential.utf8), path: name, hints: TranscriptHints.fromFileName(name))
        #expect(transcript.layout == .streetEventsPDFHeaderless)
        #expect(transcript.company == "Equity Residential")
        #expect(transcript.title == "Q3 2022 Equity Residential Earnings Call")
        #expect(transcript.fiscalPeriod == FiscalPeriod(year: 2022, quarter: 3))
        #expect(transcript.kind == .earningsCall)
        #expect(transcript.date == nil)
        #expect(transcript.warnings == [
            Diagnostic(.warning, file: name, line: 1,
                       "the file has no StreetEvents header; took the title 'Q3 2022 Equity Residential Earnings Call' from the file name"),
        ])
        #expect(transcript.participants == Self.expectedParticipants)
        #expect(transcript.sections == Self.expectedSections)
    }

    @Test func companyComesFromTheParticipantsWithoutAUsableFileName() throws {
        let name = "transcript_0042.txt"
        let hints = TranscriptHints.fromFileName(name)
        #expect(hints == TranscriptHints())
        let transcript = try TranscriptReader.standard.read(data: Data(Self.equityResidential.utf8), path: name, hints: hints)
        #expect(transcript.layout == .streetEventsPDFHeaderless)
        #expect(transcript.company == "Equity Residential")
        #expect(transcript.title == "Equity Residential call")
        #expect(transcript.fiscalPeriod == nil)
        #expect(transcript.kind == .other)
        #expect(transcript.warnings.count == 1)
        #expect(transcript.warnings.first?.line == 1)
        #expect(transcript.warnings.first?.message.contains("the company 'Equity Residential' comes from the participant list") == true)
        #expect(transcript.participants == Self.expectedParticipants)
        #expect(transcript.sections == Self.expectedSections)
    }

    @Test func crlfLineEndsReadTheSame() throws {
        let hints = TranscriptHints.fromFileName("Q3 2022 Equity Residential Earnings Call.txt")
        let lf = try S.read(Self.equityResidential, path: "er.txt", hints: hints)
        let crlf = try S.read(S.crlf(Self.equityResidential), path: "er.txt", hints: hints)
        #expect(crlf == lf)
    }
}
