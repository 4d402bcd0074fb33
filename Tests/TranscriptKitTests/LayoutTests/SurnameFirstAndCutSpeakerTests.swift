import Foundation
import Testing
@testable import TranscriptKit

/// The reference transcript with speaker lines written surname first ("Russo, Carl - Calix, Inc. - President & CEO"),
/// prose that has that shape without being one, and the file cut off at or inside its last speaker line.
@Suite struct SurnameFirstAndCutSpeakerTests {
    typealias S = LayoutTestSupport

    /// The reference's lines, as the file holds them.
    static func referenceLines() throws -> [String] {
        try String(contentsOf: referenceURL, encoding: .utf8).components(separatedBy: "\n")
    }

    /// The reference with its 1-based line `number` replaced by `replacement` (which may hold line ends).
    static func reference(replacingLine number: Int, with replacement: String, expecting original: String) throws -> String {
        var lines = try referenceLines()
        #expect(lines[number - 1] == original)
        lines[number - 1] = replacement
        return lines.joined(separator: "\n")
    }

    /// The reference's first `count` lines, the last one cut to `keep` Characters if given.
    static func reference(firstLines count: Int, keep: Int? = nil) throws -> String {
        var lines = Array(try referenceLines().prefix(count))
        if let keep { lines[count - 1] = String(lines[count - 1].prefix(keep)) }
        return lines.joined(separator: "\n")
    }

    static let carl = "Carl Russo - Calix, Inc. - President & CEO"

    // MARK: Names written surname first

    @Test func givenNameFirstReordersSurnameFirstNamesOnly() {
        #expect(PersonName.givenNameFirst("Russo, Carl") == "Carl Russo")
        #expect(PersonName.givenNameFirst("Russo, Carl E.") == "Carl E. Russo")
        #expect(PersonName.givenNameFirst("van der Berg, Jan") == "Jan van der Berg")
        #expect(PersonName.givenNameFirst("Notter, George, Jr.") == "George Notter, Jr.")
        #expect(PersonName.givenNameFirst("George Notter, Jr.") == nil)
        #expect(PersonName.givenNameFirst("Jane Doe, Ph.D., CFA") == nil)
        #expect(PersonName.givenNameFirst("Well, frankly") == nil)
        #expect(PersonName.givenNameFirst("Carl Russo") == nil)
        #expect(PersonName.givenNameFirst("Yes, and, Then") == nil)
        #expect(PersonName.givenNameFirst("So, the Quarter Was Good for Us") == nil)
        #expect(PersonName.isPlausible("Russo, Carl") == false, "plausible names keep their rule; the reordering is separate")
    }

    @Test func listedSpeakerWrittenSurnameFirstGetsTheTurnWithAWarning() throws {
        let reference = try TranscriptReader.standard.read(contentsOf: referenceURL)
        let text = try Self.reference(replacingLine: 117, with: "Russo, Carl - Calix, Inc. - President & CEO", expecting: Self.carl)
        let transcript = try S.read(text, path: "russo-comma-carl.txt")
        S.expectWellFormed(transcript)
        #expect(transcript.sections.map(\.turns.count) == [5, 90])
        #expect(transcript.sections == reference.sections)
        #expect(transcript.participants == reference.participants)
        let turn = transcript.sections[0].turns[4]
        #expect(turn.speaker == "Carl Russo")
        #expect(turn.paragraphs.count == 4)
        #expect(turn.paragraphs.first?.hasPrefix("Thank you, Michael. I am pleased") == true)
        #expect(turn.paragraphs.last == "At this point, I would like to turn the call over for questions. Operator?")
        #expect(transcript.warnings.map(\.message) == ["speaker 'Russo, Carl' is listed as 'Carl Russo'; the turn is attributed to 'Carl Russo'"])
        #expect(transcript.warnings.first?.line == 117)
    }

    @Test func unlistedSpeakerWrittenSurnameFirstIsAddedGivenNameFirst() throws {
        let text = try Self.reference(replacingLine: 133, with: "Doe, Jane - Needham & Company - Analyst",
                                      expecting: "George Notter - Jefferies & Company - Analyst")
        let transcript = try S.read(text, path: "doe-comma-jane.txt")
        S.expectWellFormed(transcript)
        #expect(transcript.sections.map(\.turns.count) == [5, 90])
        let operatorTurn = transcript.sections[1].turns[0], question = transcript.sections[1].turns[1]
        #expect(operatorTurn.speaker == "Operator")
        #expect(operatorTurn.paragraphs.count == 1)
        #expect(question.speaker == "Jane Doe")
        #expect(question.paragraphs.first?.hasPrefix("Alright, thanks very much, guys.") == true)
        let jane = transcript.participants.first { $0.name == "Jane Doe" }
        #expect(jane == Participant(name: "Jane Doe", affiliation: "Needham & Company", title: "Analyst", group: .analyst))
        #expect(!transcript.participants.contains { $0.name.contains(",") && $0.name.contains("Doe") })
        let warning = S.warning(transcript, containing: "Doe, Jane")
        #expect(warning?.message == "speaker 'Doe, Jane' (read as 'Jane Doe') is not in the participant lists; added as analyst")
        #expect(warning?.line == 133)
        #expect(transcript.warnings.count == 1)
    }

    @Test func surnameFirstSpeakerLineWithoutABlankLineBeforeItOpensAListedTurn() throws {
        // One paragraph a line, as many PDF tools write it: the line follows Ashby's last paragraph directly.
        var lines = try Self.referenceLines()
        #expect(lines[115] == "" && lines[116] == Self.carl)
        lines[116] = "Russo, Carl - Calix, Inc. - President & CEO"
        lines.remove(at: 115)
        let transcript = try S.read(lines.joined(separator: "\n"), path: "no-blank.txt")
        #expect(transcript.sections[0].turns.map(\.speaker).suffix(2) == ["Michael Ashby", "Carl Russo"])
        #expect(transcript.sections[0].turns[4].paragraphs.count == 4)
        #expect(S.warning(transcript, containing: "'Russo, Carl' is listed as 'Carl Russo'")?.line == 116)
    }

    /// Prose paragraphs that open with a word and a comma and hold spaced dashes, as speech does, each standing alone.
    static let dashedProse = [
        "Well, frankly - and I mean it - we grew",
        "Well, Frankly - And I Mean It - We Grew",
        "Yes, Michael - Absolutely - Go Ahead",
        "Thanks, Carl - Great Quarter - Really.",
        "Russo, Carl - he said it - and we agreed",
        "Okay, Great - Thanks",
    ]

    @Test(arguments: dashedProse)
    func proseWithACommaAndDashesStaysProse(_ prose: String) throws {
        let reference = try TranscriptReader.standard.read(contentsOf: referenceURL)
        // A paragraph of its own inside Carl Russo's closing remarks, blank lines around it.
        let text = try Self.reference(replacingLine: 117, with: Self.carl + "\n\n" + prose, expecting: Self.carl)
        let transcript = try S.read(text, path: "prose.txt")
        #expect(transcript.sections.map(\.turns.count) == [5, 90])
        #expect(transcript.participants == reference.participants)
        let turn = transcript.sections[0].turns[4]
        #expect(turn.speaker == "Carl Russo")
        #expect(turn.paragraphs == [prose] + reference.sections[0].turns[4].paragraphs)
        #expect(transcript.warnings.isEmpty)
    }

    // MARK: Files cut at the last speaker line

    @Test func fileCutRightAfterItsLastSpeakerLineWarnsThatItMayBeCutOff() throws {
        let transcript = try S.read(try Self.reference(firstLines: 521), path: "cut.txt")
        S.expectWellFormed(transcript)
        #expect(transcript.sections.last?.turns.last == Turn(speaker: "Mark McKechnie", paragraphs: []))
        #expect(transcript.warnings.map(\.message) == ["turn of 'Mark McKechnie' holds no text: the file ends at its speaker line; the file may be cut off"])
        #expect(transcript.warnings.first?.line == 521)
    }

    @Test func fileCutAfterASpeakerLineInThePresentationWarns() throws {
        // Cut after line 117's speaker line and the blank line under it.
        let transcript = try S.read(try Self.reference(firstLines: 118), path: "cut.txt")
        #expect(transcript.sections.map(\.turns.count) == [5])
        #expect(transcript.sections[0].turns.last == Turn(speaker: "Carl Russo", paragraphs: []))
        // (The analysts' list entries match no speaker line before the cut: warned about too.)
        let warning = S.warning(transcript, containing: "may be cut off")
        #expect(warning?.message == "turn of 'Carl Russo' holds no text: the file ends at its speaker line; the file may be cut off")
        #expect(warning?.line == 117)
        #expect(transcript.warnings.filter { $0.message.contains("cut off") }.count == 1)
    }

    @Test func fileCutInsideItsLastSpeakerLineWarns() throws {
        let transcript = try S.read(try Self.reference(firstLines: 117, keep: "Carl Russo - Ca".count), path: "cut.txt")
        #expect(transcript.sections[0].turns.last == Turn(speaker: "Carl Russo", paragraphs: []))
        let warning = S.warning(transcript, containing: "may be cut off")
        #expect(warning?.message == "turn of 'Carl Russo' holds no text: the file ends at its speaker line; the file may be cut off")
        #expect(warning?.line == 117)
    }

    @Test func fileCutMidSentenceStillSaysSo() throws {
        let transcript = try S.read(try Self.reference(firstLines: 119, keep: "Thank you, Michael. I am".count), path: "cut.txt")
        #expect(transcript.sections[0].turns.last == Turn(speaker: "Carl Russo", paragraphs: ["Thank you, Michael. I am"]))
        let warning = S.warning(transcript, containing: "may be cut off")
        #expect(warning?.message == "the text ends mid-sentence; the file may be cut off")
        #expect(warning?.line == 119)
        #expect(!transcript.warnings.contains { $0.message.contains("holds no text") })
    }

    @Test func turnWithNoTextInsideTheFileIsReportedButNotAsACut() throws {
        // A speaker line with no text before the next one: said, not taken for a cut.
        let ashby = "Michael Ashby - Calix, Inc. - EVP & CFO"
        let text = try Self.reference(replacingLine: 117, with: ashby + "\n\n" + Self.carl, expecting: Self.carl)
        let transcript = try S.read(text, path: "empty.txt")
        #expect(transcript.sections[0].turns.map(\.paragraphs.count).suffix(3) == [25, 0, 4])
        #expect(transcript.warnings.map(\.message) == ["turn of 'Michael Ashby' holds no text"])
        #expect(transcript.warnings.first?.line == 117)
    }
}
