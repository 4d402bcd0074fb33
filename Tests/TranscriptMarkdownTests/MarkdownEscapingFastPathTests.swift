import Testing
import TranscriptKit
@testable import TranscriptMarkdown

/// The byte-level escaper must write exactly what the Character-by-Character reference writes, for any text.
@Suite("MarkdownEscaping byte path")
struct MarkdownEscapingFastPathTests {
    /// Asserts that both entry points agree with the Character path on `text`.
    static func expectSameAsReference(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(MarkdownEscaping.escape(text) == MarkdownEscaping.referenceEscape(text, escapingEveryHash: false),
                "escape(\(text.debugDescription))", sourceLocation: sourceLocation)
        #expect(MarkdownEscaping.headingText(text) == MarkdownEscaping.referenceEscape(text, escapingEveryHash: true),
                "headingText(\(text.debugDescription))", sourceLocation: sourceLocation)
    }

    /// Every paragraph, speaker and section title of the Calix reference call.
    @Test func referenceTranscriptMatches() throws {
        let transcript = try referenceTranscript()
        var count = 0
        for section in transcript.sections {
            if let title = section.title { Self.expectSameAsReference(title) }
            for turn in section.turns {
                Self.expectSameAsReference(turn.speaker)
                for paragraph in turn.paragraphs {
                    Self.expectSameAsReference(paragraph)
                    count += 1
                }
            }
        }
        #expect(count > 100)
    }

    /// Tokens that mean something to the escaper, to grapheme breaking or to trimming.
    static let tokens = [
        "\\", "`", "*", "_", "[", "]", "<", ">", "~", "|", "#", "+", "-", "=", "&", ";", ".", ")", "(", ":", "/", "!", "$",
        " ", "  ", "\t", "\r\n", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{2028}", "\u{2029}", "\u{3000}",
        "\u{2003}", "\u{202F}", "\u{1C}", "\u{7F}", "\u{AD}", "\u{301}", "\u{338}", "\u{20E3}", "\u{FE0F}", "\u{200D}",
        "\u{600}", "\u{903}", "\u{1FEF}", "\u{37E}", "\u{212A}", "🚀", "👍🏽", "🇺🇸", "e\u{301}", "é", "—", "“", "”", "’",
        "日本", "0", "1", "2012", "9", "www.", "www", "w", "W", "http://", "https://x.y", "://", "&amp;", "&#", "&#60;",
        "&copy", "&x", "a", "b", "Z", "x", "AT&T", "Q&A",
    ]

    /// The tokens whose characters are all ASCII or inert non-ASCII, so strings of them stay on the byte path.
    static let byteTokens = tokens.filter { token in
        token.unicodeScalars.allSatisfy {
            $0.isASCII || "\u{85}\u{A0}\u{2028}\u{2029}\u{3000}\u{2003}\u{202F}é—“”’日本".unicodeScalars.contains($0)
        }
    }

    /// Which tokens a random string is made of.
    enum Alphabet: CaseIterable, Sendable {
        case everyToken, bytePathTokens

        var tokens: [String] { self == .everyToken ? MarkdownEscapingFastPathTests.tokens : MarkdownEscapingFastPathTests.byteTokens }
        var seed: UInt64 { self == .everyToken ? 0x5EED_E5C0 : 0xB17E_5A7E }
    }

    /// Thousands of seeded random strings over each alphabet.
    @Test(arguments: Alphabet.allCases)
    func seededRandomStringsMatch(_ alphabet: Alphabet) {
        var random = SplitMix64(state: alphabet.seed)
        for _ in 0..<6_000 {
            let text = (0..<Int.random(in: 0...20, using: &random)).map { _ in alphabet.tokens.randomElement(using: &random)! }.joined()
            Self.expectSameAsReference(text)
        }
    }

    /// The scalars the byte path copies without a look at their neighbours really never share a Character with ASCII or NBSP,
    /// and none is canonically equal to an ASCII character.
    @Test func inertScalarsNeverJoinASCII() {
        let ascii = Set((0x00...0x7F).map { Character(Unicode.Scalar(UInt8($0))) })
        var count = 0
        for value in UInt32(0x80)...0x10FFFF where MarkdownEscaping.isInert(value) {
            let s = String(Unicode.Scalar(value)!)
            for (before, after) in [("x", "*"), (" ", "#"), ("1", "."), ("\u{A0}", "\u{A0}")] {
                #expect((before + s + after).count == 3,
                        "U+\(String(value, radix: 16, uppercase: true)) joins \(before.debugDescription) or \(after.debugDescription)")
            }
            #expect(!ascii.contains(Character(s)), "U+\(String(value, radix: 16, uppercase: true)) equals ASCII")
            count += 1
        }
        #expect(count > 30_000)
    }

    /// A sample of non-ASCII scalars (every 16th of the BMP and the emoji block, and the tricky tokens) next to each kind of
    /// syntax and NBSP, at the start of a line, and between other non-ASCII characters.
    @Test func scalarsNextToSyntaxMatch() {
        let sample = Array(stride(from: 0x80, through: 0xFFFF, by: 16)) + Array(stride(from: 0x1F000, through: 0x1FAFF, by: 16))
            + Self.tokens.flatMap(\.unicodeScalars).filter { !$0.isASCII }.map { Int($0.value) }
        for value in sample {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let s = String(scalar)
            let texts = ["x\(s)*\(s)_\(s) \(s)&amp\(s); &a\(s); &\(s)#\(s)[\(s)]\(s)\u{A0}\(s)\t\(s)\n\(s)"
                            + " x\(s)://\(s)y www\(s).\(s)z \(s)\\\(s)~\(s)|\(s)<\(s)`\(s)w\(s)ww.\(s) http://a\(s)*",
                         "-\(s)", "#\(s)1.\(s)", "1\(s). x", "\(s)1. x \(s)", "12.\(s)x", "\(s)é\(s)—"]
            for text in texts {
                #expect(MarkdownEscaping.escape(text) == MarkdownEscaping.referenceEscape(text, escapingEveryHash: false),
                        "U+\(String(value, radix: 16, uppercase: true)) in \(text.debugDescription)")
            }
        }
    }

    /// Outer white space next to marks, each kind of newline, scalars canonically equal to ASCII syntax, and autolinks.
    @Test func edgeCasesMatch() {
        for text in ["", " ", "\u{A0}", " \u{301}", "\u{301} ", "a \u{301}", " \u{301}a", "\u{A0}\u{301}*", "*\u{301}",
                     "\r\n", "a\r\nb", "a\n\rb", "a\r\r\nb", "1.\r\nx", "1.\u{2028}x", "\u{85}-x\u{85}", "-\u{85}",
                     "x\u{1FEF}y", "é\u{1FEF}é", "&amp\u{37E}", "—\u{37E}—", "\u{212A}\u{212A}", "\u{600}# x",
                     "#\u{FE0F}\u{20E3} five", "a\u{200D}*b*", "\u{3000}# x\u{3000}", "www.example.com *x*",
                     "see www.example.com_now", "http://a_b ok", "2012. www.x.com", "3)"] {
            Self.expectSameAsReference(text)
        }
    }
}
