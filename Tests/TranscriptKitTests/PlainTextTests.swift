import Foundation
import Testing
@testable import TranscriptKit

/// The byte-level reading of plain text (`PlainText`): the Unicode facts it rests on, line splitting, and the answers
/// it must share with the Character-based rules, including for text that is not plain and takes those rules.
@Suite struct PlainTextTests {
    static let symbols: [Character] = ["©", "®", "–", "—", "‘", "’", "“", "”", "•"]

    // MARK: What the byte rules assume

    @Test func plainSymbolsAreUncasedUndecomposableNonLetters() {
        for symbol in Self.symbols {
            let text = String(symbol)
            #expect(symbol.unicodeScalars.count == 1)
            #expect(!symbol.isLetter && !symbol.isNumber && !symbol.isWhitespace && !symbol.isCased, "\(symbol)")
            #expect(text.uppercased() == text && text.lowercased() == text, "\(symbol)")
            #expect(text.decomposedStringWithCompatibilityMapping == text, "\(symbol)")
            #expect(text.withPlainUTF8 { _ in true } == true, "\(symbol)")
        }
    }

    @Test func plainScalarsNeverJoinIntoOneCharacter() {
        let ascii = (0..<128).filter { $0 != 0x0D }.map { String(Character(Unicode.Scalar(UInt8($0)))) }
        let plain = ascii + Self.symbols.map { String($0) }
        for first in plain {
            for second in plain {
                #expect((first + second).count == 2, "\(first.debugDescription) + \(second.debugDescription)")
            }
        }
    }

    @Test func plainnessIsToldFromTheBytes() {
        #expect("".isPlain)
        #expect("Revenue grew 5% to \\$81.3 million – “strong” © 2020 ’•®".isPlain)
        #expect(String(repeating: "abcdefgh", count: 9).isPlain)
        for odd in ["é", "e\u{301}", "\u{212A}", "ſ", "\u{A0}", "…", "™", "🙂", "\r", "\r\n"] {
            #expect(!odd.isPlain, "\(odd.debugDescription)")
            // Also past the eight-byte steps, and at every offset within one.
            for offset in 0..<9 {
                #expect(!(String(repeating: "x", count: 8 + offset) + odd + "tail").isPlain, "\(odd.debugDescription) at \(offset)")
            }
        }
    }

    // MARK: Lines

    @Test func linesSplitOnLFCRLFCRFormFeedAndUnicodeSeparators() {
        #expect(SourceText.splitLines("a\r\r\nb\n\rc\u{0C}d\u{2028}e\u{2029}f\tg\u{A0}h \t\u{A0}\n   ") ==
                ["a", "", "b", "", "c", "d", "e", "f g h", ""])
        #expect(SourceText.splitLines("0123456789\r\nabcdefghij\u{2028}klmnopqrstu\u{A0}\u{A0}\n\n") ==
                ["0123456789", "abcdefghij", "klmnopqrstu", ""])
        #expect(SourceText.splitLines("") == [])
        #expect(SourceText.splitLines("\n") == [""])
        #expect(SourceText.splitLines("last line without end") == ["last line without end"])
        #expect(SourceText.splitLines("x\u{0B}y\u{85}z") == ["x y z"], "VT and NEL do not end lines; as controls they become spaces")
    }

    @Test func controlCharactersBecomeSpacesAndNeverReachAPage() throws {
        // ESC, VT, SOH, US and the C1 controls (U+0080–U+009F), which HTML forbids; a trailing one is trimmed like a space.
        let text = "plain\u{1B}[31mred\u{0B}tab\u{01}x\u{1F}y\u{80}z\u{9F}!\u{1B}\nnext line stays\n\u{85}"
        let expected = ["plain [31mred tab x y z !", "next line stays", ""]
        #expect(SourceText.splitLines(text) == expected)
        #expect(try SourceText.decode(Data(text.utf8), path: "c.txt").lines == expected)
        // Long printable runs around the control byte (the eight-byte fast path) keep every other byte.
        let long = String(repeating: "abcdefgh", count: 4) + "\u{07}" + String(repeating: "ijklmnop", count: 4)
        #expect(SourceText.splitLines(long) == [String(repeating: "abcdefgh", count: 4) + " " + String(repeating: "ijklmnop", count: 4)])
        // DEL (U+007F) is a control HTML forbids too: inside an eight-byte run, alone, and at a line's end.
        let deleted = "Revenue grew\u{7F}by 12 percent this quarter.\u{7F}\nx\u{7F}y\n\u{7F}"
        #expect(SourceText.splitLines(deleted) == ["Revenue grew by 12 percent this quarter.", "x y", ""])
        #expect(try SourceText.decode(Data(deleted.utf8), path: "d.txt").lines == ["Revenue grew by 12 percent this quarter.", "x y", ""])
        // In a file that is not UTF-8 (read as Windows-1252) as well.
        let legacy = Data("Caf".utf8) + Data([0xE9, 0x7F]) + Data(" ok\n".utf8)
        #expect(try SourceText.decode(legacy, path: "w.txt").lines == ["Café  ok"])
    }

    @Test func decodedBytesSplitAsTheirString() throws {
        for text in ["a\r\r\nb\n\rc\u{0C}d\u{2028}e\u{2029}f\tg\u{A0}h \t\u{A0}\n   ", "Café “quoted” — done\r\nnext\u{A0}\n",
                     "mid-text \u{FEFF}BOM\nok", String(repeating: "long line of text ", count: 40) + "\r"] {
            let decoded = try SourceText.decode(Data(text.utf8), path: "t.txt")
            #expect(decoded.lines == SourceText.splitLines(text))
            #expect(decoded.warnings.isEmpty)
        }
    }

    @Test func anInvalidByteNextToASeparatorStillMeansWindows1252() throws {
        let data = Data("Thomson Reuters StreetEvents Event Transcript\nok\n".utf8) + Data([0xE2]) + Data("\u{2028}x\n".utf8)
        let error = try #require(LayoutTestSupport.readError { () throws(TranscriptReadError) in
            try TranscriptReader.standard.read(data: data, path: "p.txt")
        })
        #expect(error.warnings == [Diagnostic(.warning, file: "p.txt", line: 3, "the file is not valid UTF-8; read it as Windows-1252")])
    }

    // MARK: Same answers as the Character rules

    @Test func furnitureIncludingTextThatIsNotPlain() {
        #expect(StreetEventsPDFBody.isFurniture("©2020 Thomson Reuters. All rights reserved."))
        #expect(StreetEventsPDFBody.isFurniture("Page 3 of 9"))
        #expect(StreetEventsPDFBody.isFurniture("  12  "))
        #expect(!StreetEventsPDFBody.isFurniture("12345"))
        #expect(!StreetEventsPDFBody.isFurniture("We thank StreetEvents readers."))
        // Not plain: Unicode digits are numbers, and "ſ" upper-cases to "S".
        #expect(StreetEventsPDFBody.isFurniture("Page ½ of 9"))
        #expect(StreetEventsPDFBody.isFurniture("１２"))
        #expect(StreetEventsPDFBody.isFurniture("ſtreetevents | x"))
    }

    @Test func unescapingKeepsWholeCharacters() {
        #expect(StreetEventsPDFBody.unescapeMarkdown("\\$5 and \\’ and a\\") == "$5 and \\’ and a\\")
        #expect(StreetEventsPDFBody.unescapeMarkdown("x \\\\ y") == "x \\ y")
        // "$" with a combining accent is one Character, not "$": the backslash stays.
        #expect(StreetEventsPDFBody.unescapeMarkdown("\\$\u{301}") == "\\$\u{301}")
    }

    @Test func trimmingNeverSplitsACharacter() {
        #expect("  a  ".trimmed == "a")
        #expect(" \u{301}a".trimmed == " \u{301}a")
        #expect("\u{600} x ".trimmed == "\u{600} x")
    }

    @Test func namesHeadingsAndFirms() {
        #expect(StreetEventsPDFBody.splitSpeakerLine("Dan O’Brien - Acme Corp - CEO") == SpeakerLine(name: "Dan O’Brien", firm: "Acme Corp", title: "CEO"))
        #expect(StreetEventsPDFBody.splitSpeakerLine("Dan O\u{301}Brien - Acme - CEO") == SpeakerLine(name: "Dan O\u{301}Brien", firm: "Acme", title: "CEO"))
        #expect(StreetEventsPDFBody.splitSpeakerLine("We grew 5% - a record - again.") == nil)
        #expect(PersonName.isPlausible("Jean-Luc O’Neil Jr."))
        #expect(PersonName.isPlausible("José Díaz"))
        #expect(!PersonName.isPlausible("Thank you."))
        #expect(PersonName.isOperator(" operator: "))
        #expect(!PersonName.isOperator("Operator\u{301}"))
        #expect(Heading.classify("QUESTIONS AND ANSWRES", uppercaseOnly: true) == .questionsAndAnswers)
        #expect(Heading.classify("QUESTİONS AND ANSWERS", uppercaseOnly: true) == .questionsAndAnswers)
        #expect(Heading.classify("CORPORATE PARTICIPANTS©", uppercaseOnly: true) == .corporateParticipants)
        #expect(Heading.classify("Questions & Answers", uppercaseOnly: true) == nil)
        #expect(Heading.classify("Questions & Answers") == .questionsAndAnswers)
        #expect(CompanyName.normalized("AT&T Inc.") == "at t")
        #expect(CompanyName.normalized("The Acme Group Holdings") == "acme")
        #expect(CompanyName.normalized("Société Générale") == "société générale")
    }
}
