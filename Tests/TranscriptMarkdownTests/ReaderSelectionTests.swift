import Foundation
import Testing
import TranscriptKit
import TranscriptMarkdown

@Suite("Layout detection with Markdown")
struct ReaderSelectionTests {
    static let handWritten = "---\ncompany: Calix, Inc.\ntitle: Q3 2012 call\n---\n\n## Presentation\n\n### Operator\n\nWelcome.\n"

    @Test func frontMatterFileIsReadAsMarkdown() throws {
        let transcript = try TranscriptReader.withMarkdown.read(data: Data(Self.handWritten.utf8), path: "calx.md")
        #expect(transcript.layout == .markdown)
        #expect(transcript.company == "Calix, Inc.")
        #expect(transcript.sections == [Section(kind: .presentation, turns: [Turn(speaker: "Operator", paragraphs: ["Welcome."])])])
    }

    @Test func referenceFileIsReadAsStreetEventsPDF() throws {
        let url = repositoryRoot.appendingPathComponent("Content/calx-q3-2012.txt")
        let transcript = try TranscriptReader.withMarkdown.read(contentsOf: url, displayPath: "Content/calx-q3-2012.txt")
        #expect(transcript.layout == .streetEventsPDF)
        #expect(transcript == (try referenceTranscript()))
    }

    @Test func frontMatterSourceSplitsTheYAMLOff() throws {
        let source = try FrontMatterSource(SourceText(path: "calx.md", text: Self.handWritten))
        #expect(source.yaml == "company: Calix, Inc.\ntitle: Q3 2012 call")
        #expect(source.closingIndex == 3)
    }

    @Test func confidenceNeedsAFrontMatterMappingWithCompanyOrTitle() {
        let parser = MarkdownTranscriptParser()
        func score(_ text: String) -> Int { parser.confidence(SourceText(path: "x.md", text: text)) }
        #expect(score(Self.handWritten) == 100)
        #expect(score("---\ntitle: Only a title\n---\n") == 100)
        #expect(score("---\nauthor: someone\n---\n") == 0)
        #expect(score("---\n- company\n---\n") == 0)
        #expect(score("---\ncompany: Calix\n") == 0)
        #expect(score("---\ncompany: [unclosed\n---\n") == 0)
        #expect(score("\n---\ncompany: Calix\n---\n") == 0)
        #expect(score("# Calix\n") == 0)
        #expect(score("") == 0)
    }
}
