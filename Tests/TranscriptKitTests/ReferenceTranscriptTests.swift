import Foundation
import Testing
@testable import TranscriptKit

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The reference transcript shipped as the sample archive.
let referenceURL = repositoryRoot.appendingPathComponent("Content/calx-q3-2012.txt")

@Suite("Reference transcript (CALX Q3 2012)")
struct ReferenceTranscriptTests {
    let transcript: Transcript
    let rawLines: [String]

    init() throws {
        transcript = try TranscriptReader.standard.read(contentsOf: referenceURL)
        rawLines = try String(contentsOf: referenceURL, encoding: .utf8).components(separatedBy: "\n")
    }

    @Test func headerMetadata() {
        #expect(transcript.layout == .streetEventsPDF)
        #expect(transcript.ticker == "CALX")
        #expect(transcript.company == "Calix, Inc.")
        #expect(transcript.title == "CALX - Q3 2012 Calix, Inc. Earnings Conference Call")
        #expect(transcript.kind == .earningsCall)
        #expect(transcript.fiscalPeriod == FiscalPeriod(year: 2012, quarter: 3))
        #expect(transcript.date == ISO8601DateFormatter().date(from: "2012-10-25T20:30:00Z"))
        #expect(transcript.statedTimeZone == "GMT")
        #expect(transcript.warnings.isEmpty)
    }

    @Test func corporateParticipants() {
        let corporate = transcript.participants.filter { $0.group == .corporate }
        #expect(corporate == [
            Participant(name: "David Allen", affiliation: "Calix, Inc.", title: "Treasurer & Director of IR", group: .corporate),
            Participant(name: "Carl Russo", affiliation: "Calix, Inc.", title: "President & CEO", group: .corporate),
            Participant(name: "Michael Ashby", affiliation: "Calix, Inc.", title: "EVP & CFO", group: .corporate),
        ])
    }

    @Test func analystsWithTheirFirms() {
        let analysts = transcript.participants.filter { $0.group == .analyst }
        #expect(analysts.map(\.name) == [
            "George Notter", "Jeremy David", "Amitabh Passi", "Simon Leopold", "Sanjiv Wadhwani", "Doug Clark", "Mark McKechnie",
        ])
        #expect(analysts.map { $0.affiliation ?? "" } == [
            "Jefferies & Company", "Morgan Stanley", "UBS", "Raymond James", "Stifel Nicolaus", "Goldman Sachs", "Evercore Partners",
        ])
        #expect(analysts.allSatisfy { $0.title == "Analyst" })
    }

    @Test func operatorIsAParticipant() {
        #expect(transcript.participants.filter { $0.group == .operator }.map(\.name) == ["Operator"])
        #expect(transcript.participants.count == 11)
    }

    @Test func sectionsInOrder() {
        #expect(transcript.sections.map(\.kind) == [.presentation, .questionsAndAnswers])
    }

    /// The speaker of every line that opens a turn, read from the raw file by the simplest rule that fits it:
    /// `Operator` alone, or a listed name followed by " - ".
    private var speakerLinesInFile: [String] {
        let names = transcript.participants.map(\.name).filter { $0 != "Operator" }
        return rawLines.compactMap { line in
            if line == "Operator" { return "Operator" }
            return names.first { line.hasPrefix($0 + " - ") }
        }
    }

    @Test func everyTurnIsAttributedToItsSpeakerLineInFileOrder() {
        let expected = speakerLinesInFile
        #expect(expected.count == 95)
        #expect(transcript.turns.map(\.speaker) == expected)
    }

    @Test func turnCountsPerSpeakerMatchTheFile() {
        var fromFile: [String: Int] = [:]
        for name in speakerLinesInFile { fromFile[name, default: 0] += 1 }
        var parsed: [String: Int] = [:]
        for turn in transcript.turns { parsed[turn.speaker, default: 0] += 1 }
        #expect(parsed == fromFile)
        #expect(parsed["Carl Russo"] == 30)
        #expect(parsed["Michael Ashby"] == 18)
        #expect(parsed["Operator"] == 10)
    }

    @Test func presentationTurns() {
        let presentation = transcript.sections[0].turns
        #expect(presentation.map(\.speaker) == ["Operator", "David Allen", "Carl Russo", "Michael Ashby", "Carl Russo"])
    }

    @Test func noFurnitureInAnyParagraph() {
        for paragraph in transcript.turns.flatMap(\.paragraphs) {
            #expect(!paragraph.contains("STREETEVENTS"))
            #expect(!paragraph.contains("Contact Us"))
            #expect(!paragraph.contains("©"))
            #expect(!paragraph.contains("All rights reserved"))
            #expect(!paragraph.contains("\\$"))
            let isPageNumber = paragraph.allSatisfy(\.isNumber)
            #expect(!isPageNumber)
            #expect(paragraph == paragraph.trimmingCharacters(in: .whitespaces))
        }
    }

    @Test func disclaimerIsDropped() {
        #expect(!transcript.turns.flatMap(\.paragraphs).contains { $0.contains("reserves the right to make changes") })
        #expect(transcript.turns.last?.paragraphs == [
            "Thank you. This concludes today's teleconference. You may disconnect your lines at this time. Thank you for your participation.",
        ])
    }

    @Test func dollarsAreUnescaped() {
        let ashby = transcript.turns.first { $0.speaker == "Michael Ashby" }
        #expect(ashby?.paragraphs[2] == "Actual revenue for the quarter was $81.3 million. Gross margin was 44.2%, operating expenses came in at $34.1 million, and EPS was $0.04 per fully diluted share. We were cashflow positive for the quarter, generating $4.3 million, and ending the quarter with $57.4 million of cash on hand.")
    }

    @Test func paragraphSplitByAPageBreakIsRejoined() {
        let allen = transcript.turns[1]
        #expect(allen.speaker == "David Allen")
        #expect(allen.paragraphs.count == 8)
        #expect(allen.paragraphs[4].hasSuffix("These non-GAAP measures exclude certain charges and benefits which we do not consider to be part of our ongoing activities, or meaningful in evaluating our financial performance, including stock-based compensation expense and amortization of acquisition-related intangible assets."))
    }

    @Test func editorialMarksStayAsWritten() {
        let text = transcript.turns.flatMap(\.paragraphs).joined(separator: "\n")
        #expect(text.contains("(Operator Instructions)"))
        #expect(text.contains("[Derek Bullivo] from [BEK] was up there"))
    }

    @Test func everyProseLineBecomesAParagraphAndOnlyThePageSplitOneIsJoined() {
        let openers = Set(transcript.participants.map(\.name))
        let bodyStart = rawLines.firstIndex(of: "PRESENTATION")!
        let bodyEnd = rawLines.firstIndex(of: "DISCLAIMER")!
        let proseLines = rawLines[bodyStart..<bodyEnd].filter { line in
            !line.isEmpty && line != "PRESENTATION" && line != "QUESTIONS AND ANSWERS" && !line.hasPrefix("THOMSON REUTERS")
                && !line.allSatisfy(\.isNumber) && line != "Operator" && !openers.contains { line.hasPrefix($0 + " - ") }
        }
        #expect(proseLines.count > 140)
        #expect(transcript.turns.flatMap(\.paragraphs).count == proseLines.count - 1)
    }
}
