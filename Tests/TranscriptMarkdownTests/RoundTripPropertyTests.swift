import Foundation
import Testing
import TranscriptKit
import TranscriptMarkdown

/// SplitMix64: a tiny deterministic generator, so a failing case can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random transcripts full of text that means something to Markdown, YAML or HTML.
struct HostileTranscripts {
    var random: SplitMix64

    /// Single-line pieces of body text; none starts or ends with white space.
    static let fragments = [
        "<script>alert(1)</script>", "*", "**", "_", "__", "`", "```", "[x](javascript:alert(1))", "{{title}}", "{{{raw}}}",
        "# heading", "#", "- item", "-", "+", "1. item", "2012.", "3)", "> quote", ">", "|a|b|", "|", "---", "===", "***",
        "~~~", "~~struck~~", "~", "&amp;", "&#60;", "&copy;", "AT&T", "&", "\\", "\\*", "!", "![i](x)", "<", "</p>",
        "<!--", "-->", "$81.3 million", "45%", "'", "\"", "(", ")", ":", ": x", "www.example.com", "https://example.com/a_b",
        "user@example.com", "Zürich", "naïve", "日本語", "🚀", "e\u{301}", "—", "“quoted”", "a\tb", "a\u{A0}b", "x_y_z",
        "[ref]: /url", "<http://x.y>", "Q&A", "revenue", "grew", "the", "quarter", "Operator", "[", "]", "{", "}", "%", "@",
        "..", "../../etc/passwd", "null", "~~", "<<", "=", "?", "`code`", "indented    gap", "\\`", "&nbsp;", "&#x1F680;",
    ]

    /// Metadata strings: anything YAML must quote or escape, including line breaks and outer spaces.
    static let metadata = [
        "../../etc/passwd", "{{title}}", ": x", "- y", "'", "\"", "#", "# comment", "  leading spaces", "trailing spaces  ",
        "Calix, Inc.", "AT&T Inc.", "null", "Null", "~", "", "yes", "No", "123", "1e3", "0x1F", "2012-10-25", "a: b",
        "key: value # comment", "[x]", "{a: b}", "&anchor", "*alias", "!tag", "%percent", "@at", "`tick", "line\nbreak",
        "tab\there", "nbsp\u{A0}here", "sep\u{2028}arator", "mid\u{FEFF}bom", "crlf\r\nhere", "cr\ronly", "Zürich AG",
        "日本電信電話", "🚀 Rocket Corp", "--- dashes", "---", "...", "? question", "| pipe", "> folded", "<<", "=",
        "<script>alert(1)</script>", "O'Brien \"Quoted\"", "back\\slash", "\u{7}bell", "del\u{7F}", "c1\u{85}next",
        String(repeating: "long words here ", count: 40) + "end",
    ]

    /// Speaker names: apostrophes, hyphens, Unicode and Markdown punctuation.
    static let names = [
        "Carl Russo", "O'Brien", "Jean-Luc Picard", "José Müller", "Zoë Ng", "李小龍", "Operator", "Unidentified Participant",
        "*Star*", "[x](y)", "Ann #1", "#hash", "1. First", "- Dash", "Back\\slash", "<b>Bold</b>", "{{name}}",
        "D'Angelo-Smith", "Ümit Öz", "Mc_Donald", "Non\u{A0}Breaking", "Tab\tName", "> Quoted", "Trailing ##", "`Tick`",
        "Ann & Bob", "&amp; Co", "null", "~", "Name: Colon", "Unidentified Speaker",
    ]

    /// Section headings that read back as the sections they name, so they cannot be `.other` titles.
    static let reservedTitles: Set<String> = [
        "presentation", "questions and answers", "question and answer", "questions & answers", "q&a", "q & a", "other",
    ]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func bool() -> Bool { Bool.random(using: &random) }
    mutating func pick<T>(_ values: [T]) -> T { values.randomElement(using: &random)! }
    mutating func maybe<T>(_ make: (inout Self) -> T) -> T? { bool() ? make(&self) : nil }

    mutating func line() -> String {
        (0..<int(1...8)).map { _ in pick(Self.fragments) }.joined(separator: pick([" ", " ", ""]))
    }

    mutating func transcript() -> Transcript {
        var pool = Self.names
        var participants: [Participant] = []
        for _ in 0..<int(0...6) {
            let name = pool.remove(at: int(0...(pool.count - 1)))
            participants.append(Participant(
                name: name,
                affiliation: maybe { $0.pick(Self.metadata) },
                title: maybe { $0.pick(Self.metadata) },
                group: pick(ParticipantGroup.allCases)))
        }
        var sections: [Section] = []
        for _ in 0..<int(0...4) {
            let kind = pick(SectionKind.allCases)
            var title: String?
            if kind == .other, bool() {
                repeat { title = line() } while Self.reservedTitles.contains(title!.lowercased())
            }
            var turns: [Turn] = []
            if !participants.isEmpty {
                for _ in 0..<int(0...4) {
                    turns.append(Turn(speaker: pick(participants).name, paragraphs: (0..<int(0...3)).map { _ in line() }))
                }
            }
            sections.append(Section(kind: kind, title: title, turns: turns))
        }
        return Transcript(
            company: pick(Self.metadata),
            ticker: maybe { $0.pick(Self.metadata) },
            title: pick(Self.metadata),
            kind: pick(EventKind.allCases),
            fiscalPeriod: maybe { FiscalPeriod(year: $0.int(1900...2100), quarter: $0.int(1...4)) },
            date: maybe { Date(timeIntervalSince1970: TimeInterval($0.int(-2_000_000_000...4_000_000_000))) },
            statedTimeZone: maybe { $0.pick(Self.metadata) },
            participants: participants,
            sections: sections,
            layout: pick(SourceLayout.allCases),
            warnings: (0..<int(0...3)).map { _ in
                Diagnostic(pick([.warning, .error]), file: maybe { $0.pick(Self.metadata) },
                           line: maybe { $0.int(-1...1_000_000) }, pick(Self.metadata))
            }
        )
    }
}

@Suite("Markdown round trip")
struct RoundTripPropertyTests {
    @Test func hostileTranscriptsRoundTripExactly() throws {
        var generator = HostileTranscripts(random: SplitMix64(state: 0x5EED_2012))
        for index in 0..<400 {
            let original = generator.transcript()
            let markdown = TranscriptMarkdownWriter.markdown(for: original)
            let back = try MarkdownTranscriptParser().parse(SourceText(path: "case-\(index).md", text: markdown), hints: .init())
            #expect(back == original, "case \(index):\n\(markdown)")
            #expect(TranscriptMarkdownWriter.markdown(for: back) == markdown, "case \(index) is not written deterministically")
            if back != original { return }
        }
    }

    @Test func frontMatterStringsRoundTripOneByOne() throws {
        for string in HostileTranscripts.metadata {
            let original = Transcript(company: string, ticker: string, title: string, statedTimeZone: string,
                                      participants: [Participant(name: "Ann", affiliation: string, title: string, group: .analyst)],
                                      layout: .markdown, warnings: [Diagnostic(.warning, file: string, line: 3, string)])
            let markdown = TranscriptMarkdownWriter.markdown(for: original)
            let back = try MarkdownTranscriptParser().parse(SourceText(path: "one.md", text: markdown), hints: .init())
            #expect(back == original, "\(string.debugDescription):\n\(markdown)")
        }
    }

    @Test func longAndSpecialValuesStayOnOneLine() {
        let long = String(repeating: "long words here ", count: 40) + "end"
        let transcript = Transcript(company: long, title: "nbsp\u{A0}here\tand\nthere", layout: .markdown)
        let lines = TranscriptMarkdownWriter.markdown(for: transcript).split(separator: "\n").map(String.init)
        #expect(lines == ["---", "company: \(long)", "title: \"nbsp\\_here\\tand\\nthere\"", "kind: other", "layout: markdown", "---"])
    }

    @Test func hostileCompanyIsQuotedInTheFrontMatter() {
        let transcript = Transcript(company: "{{title}}", ticker: "null", title: ": x", layout: .markdown)
        #expect(TranscriptMarkdownWriter.markdown(for: transcript) ==
            "---\ncompany: '{{title}}'\nticker: 'null'\ntitle: ': x'\nkind: other\nlayout: markdown\n---\n")
    }
}
