import Foundation
import Testing
@testable import TranscriptKit

/// Inputs a transcript archive should not hold but sometimes does: each gives a documented result, never a crash.
@Suite struct HostileInputTests {
    typealias F = EventTranscriptFixtures
    typealias S = LayoutTestSupport

    private func readError(_ data: Data, path: String) -> TranscriptReadError? {
        S.readError { () throws(TranscriptReadError) in try TranscriptReader.standard.read(data: data, path: path) }
    }

    // MARK: Two calls in one file

    /// An exporter's batch, or two files joined: the second call's turns would be read as the first call's (its
    /// executives as the first company's analysts), so the file is an error naming the line where the second call
    /// starts, and the archive's other files still build.
    @Test func aFileHoldingTwoCallsIsAnErrorAtTheSecondCall() throws {
        let reference = try String(contentsOf: referenceURL, encoding: .utf8)
        let firstLines = reference.components(separatedBy: "\n").count
        let other = reference.replacingOccurrences(of: "Calix", with: "Zenith").replacingOccurrences(of: "CALX", with: "ZNTH")
        for (second, name) in [(reference, "same-call-twice.txt"), (other, "two-calls.txt")] {
            let joined = reference + (reference.hasSuffix("\n") ? "" : "\n") + second
            let error = try #require(readError(Data(joined.utf8), path: name))
            let lines = joined.components(separatedBy: "\n")
            let heading = try #require(lines.indices.filter { lines[$0].trimmingCharacters(in: .whitespaces) == "CORPORATE PARTICIPANTS" }.last)
            #expect(heading >= firstLines - 1)
            #expect(error.diagnostic.line == heading + 1)
            #expect(error.diagnostic.message.hasPrefix("a second call starts here"))
        }
        // One call still reads, with its participants heading where it belongs.
        #expect(readError(Data(reference.utf8), path: "one.txt") == nil)
    }

    // MARK: Not text

    @Test func emptyFileIsAnError() throws {
        for data in [Data(), Data("  \n\r\n\t \n".utf8)] {
            let error = try #require(readError(data, path: "empty.txt"))
            #expect(error.diagnostic == Diagnostic(.error, file: "empty.txt", "the file is empty; expected a transcript"))
            #expect(error.description == "empty.txt: error: the file is empty; expected a transcript")
        }
    }

    @Test func binaryFileIsAnError() throws {
        // A PNG signature (which holds two line feeds) followed by NUL bytes.
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        data.append(Data(repeating: 0, count: 64))
        let error = try #require(readError(data, path: "image.png"))
        #expect(error.diagnostic == Diagnostic(.error, file: "image.png", line: 3,
                                               "the file is binary (control byte at offset 8); expected transcript text"))
    }

    // MARK: Encodings

    /// Encodes ASCII plus é, “ and ” as Windows-1252 bytes.
    private func windows1252(_ text: String) -> Data {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            switch scalar {
            case "é": bytes.append(0xE9)
            case "\u{201C}": bytes.append(0x93)
            case "\u{201D}": bytes.append(0x94)
            default:
                precondition(scalar.isASCII, "fixture uses only ASCII, é, “ and ”")
                bytes.append(UInt8(scalar.value))
            }
        }
        return Data(bytes)
    }

    @Test func windows1252FileIsReadWithAWarning() throws {
        let body = F.doubleRule + "\nConference Call Participants\n" + F.doubleRule + "\n\n"
            + " * Jean Dupont\n   Société Générale - Analyst\n\n"
            + F.heading("Presentation")
            + F.turn("Jane Roe,  Acme Widgets Corp - CEO    [1]", " Welcome.")
            + F.turn("Jean Dupont,  Société Générale - Analyst    [2]", " You said \u{201C}quoted\u{201D} twice.")
        let data = windows1252(F.file(body: body))
        #expect(String(data: data, encoding: .utf8) == nil, "the bytes are not UTF-8")
        let transcript = try TranscriptReader.standard.read(data: data, path: "cp1252.txt")
        #expect(transcript.warnings == [
            Diagnostic(.warning, file: "cp1252.txt", line: 21, "the file is not valid UTF-8; read it as Windows-1252"),
        ])
        #expect(transcript.participant(named: "Jean Dupont") ==
                Participant(name: "Jean Dupont", affiliation: "Société Générale", title: "Analyst", group: .analyst))
        #expect(transcript.turns.last == Turn(speaker: "Jean Dupont", paragraphs: ["You said \u{201C}quoted\u{201D} twice."]))
    }

    // MARK: Size

    @Test func fiftyMegabytesOfOneRepeatedLineIsNotATranscript() throws {
        let line = Array("The quick brown fox jumps over the lazy dog, again and again.\n".utf8)
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 20)
        while chunk.count + line.count <= 1 << 20 { chunk += line }
        var data = Data(capacity: 50 * chunk.count)
        for _ in 0..<50 { data.append(contentsOf: chunk) }
        #expect(data.count > 50_000_000)
        let error = try #require(readError(data, path: "big.txt"))
        #expect(error.diagnostic.line == 1)
        #expect(error.diagnostic.file == "big.txt")
        #expect(error.diagnostic.message.hasPrefix("not a transcript in any known layout"))
        #expect(error.warnings.isEmpty)
    }

    @Test func oneLongLineWithoutLineEndsIsNotATranscript() throws {
        let data = Data(String(repeating: "lorem ipsum ", count: 700_000).utf8)
        let error = try #require(readError(data, path: "one-line.txt"))
        #expect(error.diagnostic.line == 1)
        #expect(error.diagnostic.message.hasPrefix("not a transcript in any known layout"))
    }

    @Test func twoHundredThousandRepeatedParagraphsAreAllKept() throws {
        let paragraph = "Demand for our widgets remained strong."
        let count = 200_000
        let body = F.heading("Presentation") + F.rule + "\nJane Roe,  Acme Widgets Corp - CEO    [1]\n" + F.rule + "\n"
            + String(repeating: " " + paragraph + "\n\n", count: count)
            + F.turn("Richard Poe,  Acme Widgets Corp - CFO    [2]", " Thank you.")
        let transcript = try S.read(F.file(body: body), path: "repeat.txt")
        #expect(transcript.warnings.isEmpty)
        #expect(transcript.turns.count == 2)
        let paragraphs = transcript.turns[0].paragraphs
        #expect(paragraphs.count == count)
        #expect(paragraphs.allSatisfy { $0 == paragraph })
        #expect(transcript.turns[1] == Turn(speaker: "Richard Poe", paragraphs: ["Thank you."]))
    }

    @Test func repeatedParagraphsInThePDFLayoutAreAllKept() throws {
        let paragraph = "Margins improved again this quarter."
        let count = 50_000
        let text = PDFLayoutTests.header + "PRESENTATION\n\nCarl Russo - Calix, Inc. - President & CEO\n\n"
            + String(repeating: paragraph + "\n\n", count: count)
        let transcript = try S.read(text, path: "repeat-pdf.txt")
        #expect(transcript.turns.count == 1)
        #expect(transcript.turns[0].speaker == "Carl Russo")
        #expect(transcript.turns[0].paragraphs.count == count)
        #expect(transcript.turns[0].paragraphs.allSatisfy { $0 == paragraph })
    }

    /// A distinct, plausible one-word name for each index: "Baaaaa", "Caaaaa", ...
    static func generatedName(_ index: Int) -> String {
        var value = index, letters = ""
        for _ in 0..<6 {
            letters.append(Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(value % 26))))
            value /= 26
        }
        return letters.prefix(1).uppercased() + letters.dropFirst()
    }

    @Test func paragraphBrokenByTwentyThousandPageBreaksIsRejoined() throws {
        // Each piece lacks closing punctuation and the next starts in lower case, so every page break re-joins.
        let piece = "and the revenue grew again"
        let count = 20_000
        let text = PDFLayoutTests.header + "PRESENTATION\n\nCarl Russo - Calix, Inc. - President & CEO\n\n"
            + String(repeating: piece + "\n\n12\n\n", count: count) + "and that is all.\n"
        let transcript = try S.read(text, path: "breaks.txt")
        let expected = Array(repeating: piece, count: count).joined(separator: " ") + " and that is all."
        #expect(transcript.turns == [Turn(speaker: "Carl Russo", paragraphs: [expected])])
    }

    @Test func thousandsOfUnlistedSpeakersAreEachAdded() throws {
        let count = 3_000
        let names = (0..<count).map { "\(Self.generatedName($0)) \(Self.generatedName($0 + 7))" }
        let text = PDFLayoutTests.header + "PRESENTATION\n\n"
            + names.map { "\($0) - Acme Bank - Analyst\n\nA question, please.\n\n" }.joined()
        let transcript = try S.read(text, path: "speakers.txt")
        #expect(transcript.turns.map(\.speaker) == names)
        #expect(transcript.participants.suffix(count).map(\.name) == names)
        #expect(transcript.participants.suffix(count).allSatisfy { $0.affiliation == "Acme Bank" && $0.title == "Analyst" && $0.group == .analyst })
        #expect(transcript.warnings.filter { $0.message.hasSuffix("is not in the participant lists; added as analyst") }.count == count)
    }

    @Test func longFlattenedListWithSilentParticipantsIsSplit() throws {
        let count = 400
        let names = (0..<count).map { "\(Self.generatedName($0)) \(Self.generatedName($0 + 7))" }
        let text = """
            THOMSON REUTERS STREETEVENTS **EDITED TRANSCRIPT** CALX - Q3 2012 Calix, Inc. Earnings Conference Call

            EVENT DATE/TIME: OCTOBER 25, 2012 / 8:30PM GMT

            CORPORATE PARTICIPANTS

            Carl Russo Calix, Inc. - President & CEO

            CONFERENCE CALL PARTICIPANTS


            """ + names.map { "\($0) Acme Bank - Analyst" }.joined(separator: " ")
            + "\n\nPRESENTATION\n\nCarl Russo - Calix, Inc. - President & CEO\n\nWelcome.\n\n"
            // Only every other listed analyst speaks.
            + stride(from: 0, to: count, by: 2).map { "\(names[$0]) - Acme Bank - Analyst\n\nA question, please.\n\n" }.joined()
        let transcript = try S.read(text, path: "flat.txt")
        #expect(transcript.participants.count == count + 1)
        #expect(transcript.participants.first == Participant(name: "Carl Russo", affiliation: "Calix, Inc.", title: "President & CEO", group: .corporate))
        #expect(Array(transcript.participants.dropFirst()) == names.map { Participant(name: $0, affiliation: "Acme Bank", title: "Analyst", group: .analyst) })
        #expect(transcript.turns.count == count / 2 + 1)
        #expect(transcript.warnings.count == count / 2)
        #expect(transcript.warnings.allSatisfy { $0.line == 11 && $0.message.hasSuffix("match no speaker line; split them by word shapes") })
    }

    // MARK: Truncation

    @Test func fileThatStopsMidTurnKeepsThePartialTurn() throws {
        let cutText = "We see a healthy balance of supply and demand."
        let micron = F.micron
        let cut = micron.range(of: cutText)!
        // Cut inside the sentence of turn [6].
        let midSentence = String(micron[..<micron.index(cut.lowerBound, offsetBy: 24)])
        let transcript = try S.read(midSentence, path: "cut.txt")
        #expect(transcript.turns.count == 6)
        #expect(transcript.turns.last == Turn(speaker: "Sanjay Mehrotra", paragraphs: ["We see a healthy balance"]))
        #expect(S.warning(transcript, containing: "the text ends mid-sentence")?.line == 65)

        // Cut right after a speaker line, before its closing rule.
        let speaker = micron.range(of: "Unidentified Analyst,   -     [7]")!
        let afterSpeaker = String(micron[..<speaker.upperBound])
        let partial = try S.read(afterSpeaker, path: "cut2.txt")
        #expect(partial.turns.count == 7)
        #expect(partial.turns.last == Turn(speaker: "Unidentified Analyst", paragraphs: []))
        #expect(partial.warnings.map(\.message) == [
            "unclosed rule block: the speaker line is not followed by a '-----' rule",
            "turn [7] holds no text: the file ends at its speaker line; the file may be cut off",
        ])

        // An empty turn inside the file is reported, but not as a cut.
        let inner = try S.read(micron.replacingOccurrences(of: " Can you talk about NAND?\n", with: ""), path: "empty.txt")
        #expect(inner.turns.contains(Turn(speaker: "Unidentified Analyst", paragraphs: [])))
        #expect(inner.warnings.map(\.message).contains("turn [7] holds no text"))
        #expect(!inner.warnings.contains { $0.message.contains("cut off") })
    }

    // MARK: Markup in the text

    static let markup = [
        "<script>alert(1)</script>",
        "*bold* and _under_ and `code`",
        "# not a heading",
        "[x](javascript:alert(1))",
        "{{title}} and {{{company}}}",
    ]

    @Test func markupInEventTranscriptTextIsKeptVerbatim() throws {
        let body = F.heading("Presentation")
            + F.turn("Jane Roe,  Acme Widgets Corp - CEO    [1]", Self.markup.map { " " + $0 }.joined(separator: "\n\n"))
        let transcript = try S.read(F.file(body: body), path: "markup.txt")
        #expect(transcript.turns == [Turn(speaker: "Jane Roe", paragraphs: Self.markup)])
    }

    @Test func markupInPDFTextIsKeptVerbatim() throws {
        let text = PDFLayoutTests.header + "PRESENTATION\n\nCarl Russo - Calix, Inc. - President & CEO\n\n"
            + Self.markup.joined(separator: "\n\n") + "\n"
        let transcript = try S.read(text, path: "markup-pdf.txt")
        #expect(transcript.turns == [Turn(speaker: "Carl Russo", paragraphs: Self.markup)])
    }

    // MARK: Structure without content

    @Test func fileOfOnlyHeadingsIsAnError() throws {
        let headerless = "CORPORATE PARTICIPANTS\n\nCONFERENCE CALL PARTICIPANTS\n\nPRESENTATION\n\nQUESTIONS AND ANSWERS\n"
        let error = try #require(readError(Data(headerless.utf8), path: "headings.txt"))
        #expect(error.diagnostic == Diagnostic(.error, file: "headings.txt", line: 5,
                                               "found no transcript text; expected a PRESENTATION section with speaker turns"))

        let eventTranscript = F.defaultHeader + "\n\n" + ["Corporate Participants", "Presentation", "Questions and Answers", "Disclaimer"]
            .map { F.doubleRule + "\n" + $0 + "\n" + F.doubleRule + "\n" }.joined()
        let error2 = try #require(readError(Data(eventTranscript.utf8), path: "headings-et.txt"))
        #expect(error2.diagnostic.file == "headings-et.txt")
        #expect(error2.diagnostic.line == 11)
        #expect(error2.diagnostic.message.hasPrefix("the 'Presentation' section holds no speaker turns"))
    }

    // MARK: Random input

    private func checkOutcome(_ data: Data, path: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        do {
            let transcript = try TranscriptReader.standard.read(data: data, path: path)
            S.expectWellFormed(transcript, sourceLocation: sourceLocation)
            return true
        } catch {
            #expect(error.diagnostic.severity == .error, sourceLocation: sourceLocation)
            #expect(error.diagnostic.file == path, sourceLocation: sourceLocation)
            #expect(!error.diagnostic.message.isEmpty, sourceLocation: sourceLocation)
            return false
        }
    }

    @Test(arguments: [1, 2, 3, 42, 1234] as [UInt64])
    func randomBytesGiveATranscriptOrAnError(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let raw = Data((0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) })
        // Any bytes: with NULs among them, always binary.
        #expect(!checkOutcome(raw, path: "random-\(seed).bin"))
        let error = readError(raw, path: "random-\(seed).bin")
        #expect(error?.diagnostic.message.contains("binary") == true)
        // Printable bytes and line ends only: decoded as Windows-1252 or Latin-1, then no layout matches.
        let printable = Data((0..<65_536).map { _ -> UInt8 in
            let byte = UInt8.random(in: 0x1F...0xFF, using: &generator)
            return byte == 0x1F || byte == 0x7F ? 0x0A : byte
        })
        #expect(!checkOutcome(printable, path: "random-\(seed).txt"))
    }

    /// Lines drawn from all three layouts' shapes, so the parsers' inner paths run on nonsense.
    static let fragments = [
        "Thomson Reuters StreetEvents Event Transcript", "THOMSON REUTERS STREETEVENTS **EDITED TRANSCRIPT** ACME - Q1 2020 Acme Inc Earnings Call",
        "EVENT DATE/TIME: MAY 1, 2020 / 9:00PM GMT", "MAY 1, 2020 / 9:00PM GMT", "Q1 2020 Acme Inc Earnings Call",
        "CORPORATE PARTICIPANTS", "CONFERENCE CALL PARTICIPANTS", "PRESENTATION", "QUESTIONS AND ANSWERS", "DISCLAIMER",
        "Corporate Participants", "Conference Call Participiants", "Presentation", "Questions and Answers", "Definitions",
        "================================================================================",
        "--------------------------------------------------------------------------------",
        "Operator", "Operator    [1]", "Jane Roe,  Acme, Inc. - CFO    [2]", "Unidentified Analyst,   -     [3]", "John Doe,   -     [99]",
        " * Jane Roe", "   Acme, Inc. - CFO", "    - ", " * ", "*", "[", "]", "[]", "[12345678901234567890]", " - ", "-", ",", ", -",
        "John Smith - Acme, Inc. - CEO", "John Smith", "Acme, Inc. - CEO", "Mike Smith - Acme Inc - CEO", "Jane Roe Acme, Inc. - CFO John Smith Acme - CEO",
        "Thank you.", "and then the revenue grew", "We expect margins to improve.", "", " ", "12", "Page 3 of 9",
        "THOMSON REUTERS STREETEVENTS | www.streetevents.com | Contact Us", "©2020 Thomson Reuters. All rights reserved.",
        "\\$1.2 million", "trailing backslash \\", "<script>alert(1)</script>", "é“”\u{2028}ß", "🙂 emoji line", "\t\tTabbed",
    ]

    @Test(arguments: Array(UInt64(1)...UInt64(24)))
    func randomLayoutFragmentsNeverCrash(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        for round in 0..<8 {
            let count = Int.random(in: 1...400, using: &generator)
            var lines: [String] = []
            // Start like one of the layouts half of the time, so their parsers are chosen.
            if round % 2 == 0 {
                lines.append(["Thomson Reuters StreetEvents Event Transcript", "CORPORATE PARTICIPANTS",
                              "THOMSON REUTERS STREETEVENTS **EDITED TRANSCRIPT** ACME - Q1 2020 Acme Inc Earnings Call"]
                    .randomElement(using: &generator)!)
                lines.append(Self.fragments[15])
            }
            for _ in 0..<count { lines.append(Self.fragments.randomElement(using: &generator)!) }
            let separator = ["\n", "\r\n", "\r"].randomElement(using: &generator)!
            _ = checkOutcome(Data(lines.joined(separator: separator).utf8), path: "fuzz-\(seed)-\(round).txt")
        }
    }
}
