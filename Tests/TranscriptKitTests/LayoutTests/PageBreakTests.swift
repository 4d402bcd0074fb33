import Foundation
import Testing
@testable import TranscriptKit

/// Paragraphs that a PDF page break cuts, and the page furniture around the cut: re-joined only across a page break.
@Suite struct PageBreakTests {
    typealias S = LayoutTestSupport

    static let footer = "THOMSON REUTERS STREETEVENTS | www.streetevents.com | Contact Us"

    /// The short PDF-text call of `SpeakerLineTests` with Michael Ashby's answer replaced by `answer`.
    static func call(ashby answer: String) -> String {
        SpeakerLineTests.pdfCall(dash: "-").replacingOccurrences(of: "Revenue for the quarter was $81.3 million.", with: answer)
    }

    static func ashby(_ transcript: Transcript) -> [String]? {
        transcript.turns.first { $0.speaker == "Michael Ashby" }?.paragraphs
    }

    // MARK: Re-joined across a page break

    @Test(arguments: [
        ("the regulatory changes continue to be a source of concern to", "Tier 3 customers in the US."),
        ("Revenue for the quarter was", "$81.3 million, up 3%."),
        ("Revenue for the quarter was", "81.3 million dollars."),
        ("and the growth came mostly from", "Ericsson and CenturyLink."),
        ("we saw revenue grow,", "and margins held."),
    ])
    func aSentenceCutByTheFooterIsRejoinedWhateverTheContinuationStartsWith(first: String, second: String) throws {
        let text = Self.call(ashby: "\(first)\n\n\(Self.footer)\n\n\n\n4\n\n\(second)")
        let transcript = try S.read(text, path: "cut.txt")
        #expect(Self.ashby(transcript) == ["\(first) \(second)"])
        #expect(transcript.warnings.isEmpty)
    }

    /// Furniture right between two lines, no blank line around it: the lines are still two halves of a cut sentence.
    @Test func aSentenceCutByFurnitureWithoutBlankLinesIsRejoined() throws {
        let text = Self.call(ashby: "Revenue for the quarter was\n\(Self.footer)\n4\n$81.3 million.")
        let transcript = try S.read(text, path: "cut.txt")
        #expect(Self.ashby(transcript) == ["Revenue for the quarter was $81.3 million."])
    }

    @Test func aWordHyphenatedAtThePageBreakIsJoinedWithoutASpace() throws {
        let text = Self.call(ashby: "we believe that we are well-\n\n\(Self.footer)\n\n4\n\npositioned to grow the business.")
        let transcript = try S.read(text, path: "hyphen.txt")
        #expect(Self.ashby(transcript) == ["we believe that we are well-positioned to grow the business."])
    }

    @Test(arguments: [
        ("our non-", "GAAP gross margin was 44.2%.", "our non-GAAP gross margin was 44.2%."),
        ("the 2012-", "2013 plan holds.", "the 2012-2013 plan holds."),
        ("the Wi-", "Fi rollout is on track.", "the Wi-Fi rollout is on track."),
        ("growth was slow -", "Tier 3 held back.", "growth was slow - Tier 3 held back."),
        ("growth was slow --", "and Tier 3 held back.", "growth was slow -- and Tier 3 held back."),
    ])
    func aWordHyphenatedAtAWrapKeepsItsHyphenWhateverTheCaseAfterIt(first: String, second: String, joined: String) throws {
        let broken = try S.read(Self.call(ashby: "\(first)\n\n\(Self.footer)\n\n4\n\n\(second)"), path: "hyphen.txt")
        #expect(Self.ashby(broken) == [joined])
        #expect(TurnBuilder.joinWrapped([first, second]) == joined)
    }

    @Test(arguments: ["Thank you.", "Is that clear?", "It was \"flat\"", "(Operator Instructions)", "That is all:"])
    func aParagraphEndingASentenceAtThePageBreakStaysApart(first: String) throws {
        let text = Self.call(ashby: "\(first)\n\n\(Self.footer)\n\n4\n\nTier 3 customers were flat.")
        let transcript = try S.read(text, path: "apart.txt")
        #expect(Self.ashby(transcript) == [first, "Tier 3 customers were flat."])
    }

    // MARK: No page break, no re-join

    /// Two real paragraphs, the first interrupted ("--") or without punctuation, the second in lower case: one blank
    /// line between them, as between every paragraph of the file, so no page break.
    @Test(arguments: [
        ("So the question is whether the rules change in phase two --", "and honestly nobody knows yet."),
        ("Revenue for the quarter was flat", "and we expect the same next quarter."),
        ("Revenue for the quarter was flat", "Tier 3 customers held back."),
    ])
    func paragraphsWithoutAPageBreakBetweenThemStayApart(first: String, second: String) throws {
        let text = Self.call(ashby: "\(first)\n\n\(second)")
        let transcript = try S.read(text, path: "apart.txt")
        #expect(Self.ashby(transcript) == [first, second])
    }

    // MARK: A gap wider than the paragraphs' is a page break

    /// The page's furniture is gone but its blank lines are not (three where paragraphs have one), as in the reference call.
    @Test func aGapWiderThanBetweenParagraphsIsAPageBreak() throws {
        let text = Self.call(ashby: "Revenue for the quarter was\n\n\n\n$81.3 million.\n\nTier 3 was flat\n\nand so was Tier 2.")
        let transcript = try S.read(text, path: "gap.txt")
        #expect(Self.ashby(transcript) == ["Revenue for the quarter was $81.3 million.", "Tier 3 was flat", "and so was Tier 2."])
    }

    /// A file that separates every paragraph by three blank lines: three is its paragraph gap, not a page break.
    @Test func theUsualGapIsNoPageBreakHoweverWide() throws {
        let text = Self.call(ashby: "Revenue for the quarter was flat\n\nand we expect the same next quarter.")
            .replacingOccurrences(of: "\n\n", with: "\n\n\n\n")
        let transcript = try S.read(text, path: "wide.txt")
        #expect(Self.ashby(transcript) == ["Revenue for the quarter was flat", "and we expect the same next quarter."])
        #expect(transcript.turns.count == SpeakerLineTests.pdfTurns.count)
    }

    // MARK: The rule itself

    @Test func continuationAcrossAPageBreak() {
        #expect(TurnBuilder.continuesAcrossPageBreak("a source of concern to", with: "Tier 3 customers"))
        #expect(TurnBuilder.continuesAcrossPageBreak("revenue was", with: "$81.3 million"))
        #expect(TurnBuilder.continuesAcrossPageBreak("revenue was", with: "81.3 million"))
        #expect(TurnBuilder.continuesAcrossPageBreak("the deal with", with: "Ericsson"))
        #expect(TurnBuilder.continuesAcrossPageBreak("the deal with", with: "Érdi Holding"))
        #expect(TurnBuilder.continuesAcrossPageBreak("in phase two --", with: "and nobody knows"))
        #expect(!TurnBuilder.continuesAcrossPageBreak("That is all.", with: "Tier 3 customers"))
        #expect(!TurnBuilder.continuesAcrossPageBreak("Did it grow?", with: "yes"))
        #expect(!TurnBuilder.continuesAcrossPageBreak("He said “no”", with: "and left"))
        #expect(!TurnBuilder.continuesAcrossPageBreak("", with: "and"))
    }

    // MARK: The running page header

    /// The header StreetEvents repeats atop each page, in the forms exporters and years write it.
    static let runningHeaders = [
        "OCTOBER 25, 2012 / 8:30PM GMT, CALX - Q3 2012 Calix, Inc. Earnings Conference Call",
        "Oct. 25. 2012 / 8:30PM, CALX - Q3 2012 Calix, Inc. Earnings Conference Call",
        "Thursday, October 25, 2012 / 8:30PM GMT, CALX - Q3 2012 Calix, Inc. Earnings Conference Call",
        "OCTOBER 25, 2012 / 8:30PM GMT,  CALX \u{2013} Q3 2012 Calix, Inc.  Earnings Conference Call",
        "OCTOBER 25, 2012 / 8:30PM GMT, CALX - Q3 2012 CALIX, INC. EARNINGS CONFERENCE CALL",
        "10/25/2012 8:30 PM GMT, CALX - Q3 2012 Calix, Inc. Earnings Conference Call",
        "OCTOBER 25, 2012 / 8:30PM GMT, CALX - Q3 2012 Calix, Inc. Earnings Conf...",
        "CALX - Q3 2012 Calix, Inc. Earnings Conference Call",
    ]

    @Test(arguments: runningHeaders)
    func theRunningHeaderIsPageFurnitureAndTheCutSentenceIsRejoined(header: String) throws {
        let text = Self.call(ashby: "Revenue was $81.3 million, and\n\n\(Self.footer)\n\n\n\n2\n\n\(header)\n\noperating expenses came in at $34.1 million.")
        let transcript = try S.read(text, path: "header.txt")
        #expect(Self.ashby(transcript) == ["Revenue was $81.3 million, and operating expenses came in at $34.1 million."])
        #expect(transcript.warnings.isEmpty)
    }

    /// The header at the top of a page that starts a new paragraph: dropped, and the paragraphs stay apart.
    @Test func theRunningHeaderBetweenWholeParagraphsIsDropped() throws {
        let text = Self.call(ashby: "Revenue was $81.3 million.\n\n\(Self.footer)\n\n2\n\n\(Self.runningHeaders[0])\n\nOperating expenses were $34.1 million.")
        let transcript = try S.read(text, path: "header.txt")
        #expect(Self.ashby(transcript) == ["Revenue was $81.3 million.", "Operating expenses were $34.1 million."])
    }

    /// Speech that starts with a date, or names the call, goes on with other words than the header's: it stays speech.
    @Test(arguments: [
        "October 25, 2012 was a record day for us.",
        "October 25, 2012 / 8:30PM GMT is when we report.",
        "October 25, 2012, CALX - our ticker - rose 5%.",
        "On October 25, 2012 / 8:30PM GMT, CALX - Q3 2012 Calix, Inc. Earnings Conference Call",
        "Welcome to the CALX - Q3 2012 Calix, Inc. Earnings Conference Call.",
    ])
    func speechStartingWithADateStaysSpeech(line: String) throws {
        let text = Self.call(ashby: "Revenue was $81.3 million.\n\n\(line)")
        let transcript = try S.read(text, path: "speech.txt")
        #expect(Self.ashby(transcript) == ["Revenue was $81.3 million.", line])
    }

    @Test func runningHeaderShapes() throws {
        let header = try #require(RunningHeader(title: "CALX - Q3 2012 Calix, Inc. Earnings Conference Call", ticker: "CALX"))
        for line in Self.runningHeaders { #expect(header.matches(line), "\(line)") }
        #expect(!header.matches("October 25, 2012 was a record day for us."))
        #expect(!header.matches("CALX - Q3 2012"))
        #expect(!header.matches("OCTOBER 25, 2012 / 8:30PM GMT, CALX - Q4 2012 Calix, Inc. Earnings Conference Call"))
        #expect(!header.matches("Our CALX - Q3 2012 Calix, Inc. Earnings Conference Call"))
        let untickered = try #require(RunningHeader(title: "Q3 2012 Calix Inc Earnings Call", ticker: nil))
        #expect(untickered.matches("OCTOBER 25, 2012 / 8:30PM GMT, Q3 2012 Calix Inc Earnings Call"))
        #expect(!untickered.matches("That was the Q3 2012 Calix Inc Earnings Call"))
        #expect(RunningHeader(title: "  ", ticker: nil) == nil)
    }
}
