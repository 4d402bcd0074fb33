import Foundation
import Testing
@testable import TranscriptKit

/// Section headings in the StreetEvents layouts: missing, in other than capitals, or spaced differently.
@Suite struct HeadingLayoutTests {
    typealias F = EventTranscriptFixtures
    typealias S = LayoutTestSupport

    /// The reference transcript's text; its PRESENTATION heading is line 19, QUESTIONS AND ANSWERS line 127.
    static let reference: String = {
        // The fixture ships with the repository: failing to read it is a broken checkout, not a test result.
        try! String(contentsOf: referenceURL, encoding: .utf8)
    }()

    static let referenceNames = [
        "David Allen", "Carl Russo", "Michael Ashby", "George Notter", "Jeremy David", "Amitabh Passi", "Simon Leopold",
        "Sanjiv Wadhwani", "Doug Clark", "Mark McKechnie", "Operator",
    ]

    /// The reference with its whole heading line `heading` replaced by `replacement` (nil deletes the line).
    static func reference(replacing heading: String, with replacement: String?) -> String {
        let line = "\n" + heading + "\n"
        precondition(reference.components(separatedBy: line).count == 2, "the heading is one whole line of the reference")
        return reference.replacingOccurrences(of: line, with: "\n" + (replacement.map { $0 + "\n" } ?? ""))
    }

    // MARK: Missing or title-case PRESENTATION

    @Test func missingPresentationHeadingKeepsThePreparedRemarks() throws {
        let transcript = try S.read(Self.reference(replacing: "PRESENTATION", with: nil), path: "nopres.txt")
        #expect(transcript.sections.map(\.kind) == [.presentation, .questionsAndAnswers])
        #expect(transcript.sections.map(\.turns.count) == [5, 90])
        #expect(transcript.participants.map(\.name) == Self.referenceNames)
        // The heading was line 19; with it deleted the Operator's line, where it was expected, is line 20.
        #expect(transcript.warnings == [
            Diagnostic(.warning, file: "nopres.txt", line: 20,
                       "no section heading before the first turn; expected a PRESENTATION heading on its own line before this line; the turns up to the next heading are kept as the presentation"),
        ])
        let expected = try S.read(Self.reference, path: "nopres.txt")
        #expect(transcript.sections == expected.sections)
        #expect(transcript.participants == expected.participants)
    }

    @Test(arguments: ["Presentation", "Prepared Remarks", "presentation:", "Prepared remarks"])
    func titleCasePresentationHeadingIsAHeading(_ heading: String) throws {
        let transcript = try S.read(Self.reference(replacing: "PRESENTATION", with: heading), path: "pres.txt")
        #expect(transcript.sections.map(\.kind) == [.presentation, .questionsAndAnswers])
        #expect(transcript.sections.map(\.turns.count) == [5, 90])
        #expect(transcript.participants.map(\.name) == Self.referenceNames)
        #expect(transcript == (try S.read(Self.reference, path: "pres.txt")))
    }

    @Test func listFollowedByASpeakerLineAndProseEndsThere() throws {
        let text = PDFLayoutTests.header + """
            Carl Russo - Calix, Inc. - President & CEO

            Thank you. Revenue grew in every region.

            QUESTIONS AND ANSWERS

            George Notter - Jefferies & Company - Analyst

            How are margins trending?
            """
        let transcript = try S.read(text, path: "speaker-first.txt")
        #expect(transcript.sections.map(\.kind) == [.presentation, .questionsAndAnswers])
        #expect(transcript.sections[0].turns == [Turn(speaker: "Carl Russo", paragraphs: ["Thank you. Revenue grew in every region."])])
        #expect(transcript.participants.map(\.name) == [
            "David Allen", "Carl Russo", "Michael Ashby", "Jane Doe", "George Notter", "Simon Leopold",
        ])
        #expect(S.warning(transcript, containing: "no section heading before the first turn")?.line == 13)
    }

    @Test func listFollowedByProseWithoutASpeakerEndsAtTheProse() throws {
        let text = Self.reference(replacing: "PRESENTATION", with: nil).replacingOccurrences(of: "\n\nOperator\n\nGreetings", with: "\n\nGreetings")
        let transcript = try S.read(text, path: "nospeaker.txt")
        #expect(transcript.sections.map(\.kind) == [.presentation, .questionsAndAnswers])
        #expect(transcript.sections.map(\.turns.count) == [5, 90])
        #expect(transcript.sections[0].turns[0].speaker == "Unidentified Speaker")
        #expect(transcript.sections[0].turns[0].paragraphs[0].hasPrefix("Greetings, and welcome"))
        #expect(!transcript.participants.contains { $0.name.contains(",") || ($0.title?.count ?? 0) > 60 })
        #expect(S.messages(transcript.warnings).contains {
            $0.hasPrefix("text before any speaker line")
        })
        #expect(S.warning(transcript, containing: "no section heading before the first turn")?.line == 20)
    }

    @Test func proseLinesEndParticipantLists() {
        #expect(StreetEventsPDFBody.cannotBeParticipantEntry("Thank you, Operator, and good afternoon, everyone."))
        #expect(StreetEventsPDFBody.cannotBeParticipantEntry("Thanks, Carl."))
        #expect(StreetEventsPDFBody.cannotBeParticipantEntry("Can you hear me?"))
        #expect(StreetEventsPDFBody.cannotBeParticipantEntry(
            "Good day and welcome to the call everyone and thank you all for joining us on the line today"))
        #expect(!StreetEventsPDFBody.cannotBeParticipantEntry("George Notter Jefferies & Company - Analyst Jane Doe Acme Inc."))
        #expect(!StreetEventsPDFBody.cannotBeParticipantEntry("John Smith Acme Holdings, L.P. - Analyst John Q."))
        #expect(!StreetEventsPDFBody.cannotBeParticipantEntry("Mark J. Parrell"))
        #expect(!StreetEventsPDFBody.cannotBeParticipantEntry("Equity Residential - President, CEO & Trustee"))
    }

    // MARK: Title-case and spaced Q&A headings

    @Test(arguments: ["Questions and Answers", "Question-and-Answer Session", "Q & A", "Q&A Session", "questions & answers"])
    func titleCaseQuestionsAndAnswersHeadingIsAHeading(_ heading: String) throws {
        let transcript = try S.read(Self.reference(replacing: "QUESTIONS AND ANSWERS", with: heading), path: "qa.txt")
        #expect(transcript.sections.map(\.kind) == [.presentation, .questionsAndAnswers])
        #expect(transcript.sections.map(\.turns.count) == [5, 90])
        #expect(transcript.participants.map(\.name) == Self.referenceNames)
        #expect(transcript == (try S.read(Self.reference, path: "qa.txt")))
    }

    @Test func proseNamingQuestionsAndAnswersStaysProse() throws {
        let greeting = "Greetings, and welcome to the Calix third quarter financial results conference call."
        #expect(Self.reference.contains("\n" + greeting + " "))
        // A sentence on its own line, and a hard-wrapped line inside a paragraph that reads like a heading.
        let text = Self.reference.replacingOccurrences(of: "\n" + greeting + " ",
            with: "\nQuestions and answers will follow.\n\nWe will take\nQuestions and Answers\nafter the remarks.\n\n" + greeting + " ")
        let transcript = try S.read(text, path: "prose.txt")
        #expect(transcript.sections.map(\.turns.count) == [5, 90])
        #expect(transcript.warnings.isEmpty)
        let operatorTurn = transcript.sections[0].turns[0]
        #expect(operatorTurn.speaker == "Operator")
        #expect(Array(operatorTurn.paragraphs.prefix(2)) == [
            "Questions and answers will follow.", "We will take Questions and Answers after the remarks.",
        ])
    }

    @Test func headingWordsAreRecognisedWhateverTheCaseAndSpacing() {
        #expect(Heading.classify("Q & A") == .questionsAndAnswers)
        #expect(Heading.classify("Q & A", uppercaseOnly: true) == .questionsAndAnswers)
        #expect(Heading.classify("Q &A") == .questionsAndAnswers)
        #expect(Heading.classify("QUESTION & ANSWER") == .questionsAndAnswers)
        #expect(Heading.classify("Question-and-Answer Session") == .questionsAndAnswers)
        #expect(Heading.classify("Prepared Remarks") == .presentation)
        #expect(Heading.classify("R & D") == nil)
        #expect(Heading.classify("M & A") == nil)
        #expect(Heading.classify("Questions and answers will follow.") == nil)
        // "Period" instead of "Session", as some exporters write it; a sentence about the period stays prose.
        #expect(Heading.classify("QUESTION AND ANSWER PERIOD") == .questionsAndAnswers)
        #expect(Heading.classify("Question-and-Answer Period") == .questionsAndAnswers)
        #expect(Heading.classify("Q&A Period") == .questionsAndAnswers)
        #expect(Heading.classify("Q & A period", uppercaseOnly: true) == nil)
        #expect(Heading.classify("The question and answer period is over.") == nil)
    }

    // MARK: The other StreetEvents layouts

    @Test func eventTranscriptReadsASpacedQAndAHeading() throws {
        let body = F.heading("Presentation") + F.turn("Jane Roe,  Acme Widgets Corp - CEO    [1]", " Welcome.")
            + F.heading("Q & A") + F.turn("Richard Poe,  Acme Widgets Corp - CFO    [2]", " Thank you.")
        let transcript = try S.read(F.file(body: body), path: "qa-et.txt")
        #expect(transcript.layout == .streetEventsEventTranscript)
        #expect(transcript.sections.map(\.kind) == [.presentation, .questionsAndAnswers])
        #expect(transcript.warnings.isEmpty)
    }

    /// The headerless fixture with its headings written as `transform` makes them.
    private func headerless(_ transform: (String) -> String) -> String {
        var text = HeaderlessLayoutTests.equityResidential
        for heading in ["CORPORATE PARTICIPANTS", "CONFERENCE CALL PARTICIPANTS", "PRESENTATION", "QUESTIONS AND ANSWERS"] {
            text = text.replacingOccurrences(of: heading + "\n", with: transform(heading) + "\n")
        }
        return text
    }

    @Test func headerlessReadsTitleCaseHeadings() throws {
        let text = headerless { $0.capitalized }
        #expect(text.hasPrefix("Corporate Participants\n"))
        let transcript = try S.read(text, path: "eqr.txt")
        #expect(transcript.layout == .streetEventsPDFHeaderless)
        #expect(transcript.participants == HeaderlessLayoutTests.expectedParticipants)
        #expect(transcript.sections == HeaderlessLayoutTests.expectedSections)
        #expect(S.warning(transcript, containing: "no section heading") == nil)
    }

    @Test func headerlessWithoutPresentationHeadingKeepsThePairedListAndTurns() throws {
        let text = headerless { $0 == "PRESENTATION" ? "" : $0 }
        let transcript = try S.read(text, path: "eqr.txt")
        #expect(transcript.layout == .streetEventsPDFHeaderless)
        #expect(transcript.participants == HeaderlessLayoutTests.expectedParticipants)
        #expect(transcript.sections == HeaderlessLayoutTests.expectedSections)
        #expect(S.warning(transcript, containing: "no section heading before the first turn")?.line == 19)
    }
}
