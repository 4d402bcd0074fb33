import Foundation
import Testing
@testable import TranscriptKit

/// Where paragraphs start when no blank line shows it: hard-wrapped Event Transcript text, and PDF text written one
/// paragraph a line.
@Suite struct ParagraphLayoutTests {
    typealias S = LayoutTestSupport
    typealias F = EventTranscriptFixtures

    // MARK: Event Transcript: the wrap width

    static let janeSpeaks = [
        " Thank you. As you are aware from reports by other companies in our industry,",
        " the third quarter of 2019 was a challenging one for the whole access market.",
        " Despite these issues, we had a solid quarter, and we believe that we are",
        " well-positioned to grow the business.",
    ]
    static let janesParagraph = "Thank you. As you are aware from reports by other companies in our industry, the third quarter of 2019 was a challenging one for the whole access market. Despite these issues, we had a solid quarter, and we believe that we are well-positioned to grow the business."

    /// A call hard-wrapped at 77 columns; `question` is Richard Poe's turn, where a long line may stand.
    static func wrappedCall(question: [String]) -> String {
        F.file(body: F.heading("Presentation")
            + F.turn("Operator    [1]",
                     " Greetings, and welcome to the Acme Widgets fourth quarter financial results",
                     " conference call.")
            + turn("Jane Roe,  Acme Widgets Corp - CEO    [2]", janeSpeaks)
            + turn("Richard Poe,  Acme Widgets Corp - CFO    [3]", question))
    }

    /// `EventTranscriptFixtures.turn` for lines in an array.
    static func turn(_ speakerLine: String, _ lines: [String]) -> String {
        ([F.rule, speakerLine, F.rule] + lines + [""]).joined(separator: "\n")
    }

    @Test(arguments: [
        // An unbreakable URL on its own line.
        [" The order is published at the FCC's site, and I would encourage you to read it at",
         " http://www.fcc.gov/document/connect-america-fund-intercarrier-compensation-reform-order-and-fnprm-0",
         "", " Thanks."],
        // A disclaimer the exporter left unwrapped, one line of 250 Characters.
        [" " + String(repeating: "All forward-looking statements are made as of the date of this call. ", count: 4).trimmed,
         "", " Thanks."],
    ])
    func aLineWiderThanTheWrapDoesNotSplitWrappedParagraphsElsewhere(question: [String]) throws {
        let transcript = try S.read(Self.wrappedCall(question: question), path: "wrapped.txt")
        #expect(transcript.turns.map(\.paragraphs.count) == [1, 1, 2])
        #expect(transcript.turns[1] == Turn(speaker: "Jane Roe", paragraphs: [Self.janesParagraph]))
        #expect(transcript.warnings.isEmpty)
    }

    /// The control: the same call with no over-long line reads the same paragraph.
    @Test func theSameCallWithoutALongLine() throws {
        let transcript = try S.read(Self.wrappedCall(question: [" Thanks."]), path: "wrapped.txt")
        #expect(transcript.turns[1] == Turn(speaker: "Jane Roe", paragraphs: [Self.janesParagraph]))
    }

    /// With the long line in the file, a paragraph that starts on the next line (no blank line) is still told, as the
    /// next word would have fitted on the short line before it.
    @Test func aParagraphStartWithoutABlankLineIsStillToldBesideALongLine() throws {
        let question = [
            " The order is published at the FCC's site, and I would encourage you to read it at",
            " http://www.fcc.gov/document/connect-america-fund-intercarrier-compensation-reform-order-and-fnprm-0",
            "", " That is all from me.", " Margins improved for the fourth consecutive quarter, as we expected.",
        ]
        let transcript = try S.read(Self.wrappedCall(question: question), path: "wrapped.txt")
        #expect(transcript.turns[2].paragraphs.dropFirst() == ["That is all from me.", "Margins improved for the fourth consecutive quarter, as we expected."])
    }

    static func scan(_ text: String) -> EventTranscriptScan {
        var scan = EventTranscriptScan(text: SourceText(path: "t.txt", text: text))
        scan.run()
        return scan
    }

    @Test func theWrapWidthIgnoresLinesWiderThanTheRest() {
        let plain = Self.scan(Self.wrappedCall(question: [" Thanks."])).proseWidth()
        let withURL = Self.scan(Self.wrappedCall(question: [
            " I would encourage you to read the order the FCC published at",
            " http://www.fcc.gov/document/connect-america-fund-intercarrier-compensation-reform-order-and-fnprm-0",
        ])).proseWidth()
        #expect(plain == 76)
        #expect(withURL == plain)
    }

    /// Prose one paragraph a line (every line ends a sentence): no wrap to tell, the width stays the widest line.
    @Test func oneParagraphALineKeepsTheWidestLine() {
        let width = Self.scan(F.file(body: F.heading("Presentation")
            + F.turn("Jane Roe,  Acme Widgets Corp - CEO    [1]",
                     " Thanks, everyone, for joining us today on this call.",
                     " Revenue was $12 million, up 8% on the year before, and the highest quarterly revenue in our history.",
                     " Margins improved."))).proseWidth()
        #expect(width == 100)
    }
}
