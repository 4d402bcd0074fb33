import Foundation
import Testing
@testable import TranscriptKit

/// PDF text with no blank lines between paragraphs and turns, as many copy/paste and PDF-to-text tools write it:
/// speaker lines of listed participants still open turns, and prose that merely looks like one stays prose.
@Suite struct NoBlankLineTests {
    typealias S = LayoutTestSupport

    /// `text` with every blank line removed.
    static func withoutBlankLines(_ text: String) -> String {
        text.components(separatedBy: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.joined(separator: "\n")
    }

    /// The reference call with every blank line removed reads as the reference: the same participants and the same
    /// turns, one paragraph a line, the paragraph cut by a page break re-joined.
    @Test func theReferenceCallWithoutBlankLinesReadsAsTheReference() throws {
        let raw = try String(contentsOf: referenceURL, encoding: .utf8)
        let reference = try S.read(raw, path: "calx.txt")
        let transcript = try S.read(Self.withoutBlankLines(raw), path: "calx.txt")
        #expect(transcript.turns.count == 95)
        #expect(transcript.participants == reference.participants)
        #expect(transcript.sections == reference.sections)
        #expect(transcript.warnings.isEmpty)
    }

    @Test func theShortCallWithoutBlankLinesReadsAsWithThem() throws {
        let text = SpeakerLineTests.pdfCall(dash: "-")
        let transcript = try S.read(Self.withoutBlankLines(text), path: "short.txt")
        #expect(transcript.turns == SpeakerLineTests.pdfTurns)
        #expect(transcript.participants == (try S.read(text, path: "short.txt")).participants)
        #expect(transcript.warnings.isEmpty)
    }

    /// Each line a paragraph, several to a turn, the Q&A heading and speaker lines right after the prose.
    @Test func paragraphsOneALineStayApart() throws {
        let text = Self.withoutBlankLines(SpeakerLineTests.pdfCall(dash: "-").replacingOccurrences(
            of: "Revenue for the quarter was $81.3 million.",
            with: "Revenue for the quarter was $81.3 million.\n\nGross margin was 44.2%.\n\nWe were cashflow positive, generating $4.3 million."))
        let transcript = try S.read(text, path: "lines.txt")
        try #require(transcript.turns.count == SpeakerLineTests.pdfTurns.count)
        #expect(transcript.turns[2] == Turn(speaker: "Michael Ashby", paragraphs: [
            "Revenue for the quarter was $81.3 million.", "Gross margin was 44.2%.", "We were cashflow positive, generating $4.3 million.",
        ]))
    }

    /// The name-line form (a name line, then `Firm - Title`) of the headerless layout, hard-wrapped prose, no
    /// separator lines: every listed speaker opens their turns; wrapped prose is joined (no blank line tells where
    /// its paragraphs end).
    @Test func nameLineSpeakersOfListedParticipantsOpenTurns() throws {
        let text = Self.withoutBlankLines(HeaderlessLayoutTests.equityResidential)
        let name = "Q3 2022 Equity Residential Earnings Call.txt"
        let transcript = try TranscriptReader.standard.read(data: Data(text.utf8), path: name, hints: TranscriptHints.fromFileName(name))
        #expect(transcript.participants == HeaderlessLayoutTests.expectedParticipants)
        #expect(transcript.sections.map(\.kind) == HeaderlessLayoutTests.expectedSections.map(\.kind))
        let expected = HeaderlessLayoutTests.expectedSections.flatMap(\.turns)
        #expect(transcript.turns.map(\.speaker) == expected.map(\.speaker))
        #expect(transcript.turns.map { $0.paragraphs.joined(separator: " ") } == expected.map { $0.paragraphs.joined(separator: " ") })
    }

    // MARK: Prose that looks like a speaker line

    /// Lines right under prose that hold a listed name and dashes, an unlisted speaker line, a listed name alone, or
    /// the operator's label in lower case: none of them can be told from prose, so none opens a turn.
    @Test(arguments: [
        "Carl Russo - he runs the company - said it best",
        "Carl Russo - Calix, Inc. - President & CEO said it best",
        "Michael Ashby - Calix, Inc. - EVP",
        "Pat Smith - Acme Corp. - Analyst",
        "Carl Russo",
        "operator",
        "Revenue - as Michael said - grew",
    ])
    func proseRightUnderProseStaysProse(line: String) throws {
        let text = Self.withoutBlankLines(SpeakerLineTests.pdfCall(dash: "-").replacingOccurrences(
            of: "Revenue for the quarter was $81.3 million.", with: "Revenue for the quarter was $81.3 million.\n\(line)\nThat is all."))
        let transcript = try S.read(text, path: "prose.txt")
        try #require(transcript.turns.map(\.speaker) == SpeakerLineTests.pdfTurns.map(\.speaker))
        #expect(transcript.turns[2].paragraphs.joined(separator: " ") == "Revenue for the quarter was $81.3 million. \(line) That is all.")
        #expect(transcript.participants.map(\.name) == ["Carl Russo", "Michael Ashby", "Mark McKechnie", "Operator"])
    }

    /// A listed participant's name line right under prose, followed by a line that is not their firm and title.
    @Test func aListedNameLineWithoutItsFirmAndTitleStaysProse() throws {
        let text = Self.withoutBlankLines(SpeakerLineTests.pdfCall(dash: "-").replacingOccurrences(
            of: "Revenue for the quarter was $81.3 million.", with: "Revenue for the quarter was $81.3 million, thanks to\nCarl Russo\nand the team - all of them - at Calix."))
        let transcript = try S.read(text, path: "prose.txt")
        try #require(transcript.turns.count == SpeakerLineTests.pdfTurns.count)
        #expect(transcript.turns[2] == Turn(speaker: "Michael Ashby", paragraphs: [
            "Revenue for the quarter was $81.3 million, thanks to Carl Russo and the team - all of them - at Calix.",
        ]))
    }

    /// Hard-wrapped prose with no blank lines: the wrapped lines that end a sentence do not end paragraphs.
    @Test func hardWrappedProseWithoutBlankLinesStaysOneParagraph() throws {
        let wrapped = """
            Revenue for the quarter was $81.3 million, and the regulatory changes continue to be
            a source of concern to our Tier 3 customers. Gross margin was 44.2%, and operating
            expenses came in at $34.1 million. We were cashflow positive for the quarter,
            generating $4.3 million, and ending the quarter with $57.4 million of cash on hand.
            """
        let text = Self.withoutBlankLines(SpeakerLineTests.pdfCall(dash: "-").replacingOccurrences(
            of: "Revenue for the quarter was $81.3 million.", with: wrapped))
        let transcript = try S.read(text, path: "wrapped.txt")
        try #require(transcript.turns.count == SpeakerLineTests.pdfTurns.count)
        #expect(transcript.turns[2] == Turn(speaker: "Michael Ashby", paragraphs: [wrapped.replacingOccurrences(of: "\n", with: " ")]))
    }
}
