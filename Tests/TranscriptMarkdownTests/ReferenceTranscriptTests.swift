import Foundation
import Testing
import TranscriptKit
import TranscriptMarkdown

/// The repository root: this file is Tests/TranscriptMarkdownTests/<name>.swift.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The Calix Q3 2012 call as the StreetEvents PDF parser reads it.
func referenceTranscript() throws -> Transcript {
    try TranscriptReader.standard.read(contentsOf: repositoryRoot.appendingPathComponent("Content/calx-q3-2012.txt"),
                                       displayPath: "Content/calx-q3-2012.txt")
}

@Suite("Reference transcript through Markdown")
struct ReferenceTranscriptTests {
    @Test func convertedReferenceParsesBackUnchanged() throws {
        let original = try referenceTranscript()
        let markdown = TranscriptMarkdownWriter.markdown(for: original)
        let back = try MarkdownTranscriptParser().parse(SourceText(path: "calx-q3-2012.md", text: markdown), hints: .init())
        #expect(back == original)
        #expect(TranscriptMarkdownWriter.markdown(for: back) == markdown)
    }

    @Test func frontMatterHoldsTheMetadata() throws {
        let markdown = TranscriptMarkdownWriter.markdown(for: try referenceTranscript())
        let frontMatter = markdown.components(separatedBy: "\n---\n")[0] + "\n"
        #expect(frontMatter.hasPrefix("---\ncompany: Calix, Inc.\nticker: CALX\n"))
        #expect(frontMatter.contains("\ntitle: CALX - Q3 2012 Calix, Inc. Earnings Conference Call\n"))
        #expect(frontMatter.contains("\nkind: earnings-call\nfiscalPeriod:\n  year: 2012\n  quarter: 3\n"))
        #expect(frontMatter.contains("\ndate: 2012-10-25T20:30:00Z\ntimeZone: GMT\nlayout: streetevents-pdf\n"))
        #expect(frontMatter.contains("\nparticipants:\n- name: David Allen\n  affiliation: Calix, Inc.\n  title: Treasurer & Director of IR\n  group: corporate\n"))
        #expect(frontMatter.contains("\n- name: Carl Russo\n  affiliation: Calix, Inc.\n  title: President & CEO\n  group: corporate\n"))
    }

    @Test func bodyUsesSectionAndSpeakerHeadingsAndStaysReadable() throws {
        let markdown = TranscriptMarkdownWriter.markdown(for: try referenceTranscript())
        let body = markdown.components(separatedBy: "\n---\n").dropFirst().joined()
        #expect(body.hasPrefix("\n## Presentation\n\n### Operator\n\nGreetings, and welcome to the Calix third quarter financial results conference call."))
        #expect(body.contains("\n## Questions and Answers\n"))
        #expect(body.contains("\n### Carl Russo\n"))
        #expect(body.contains("$81.3 million"))
        #expect(!body.contains("\\$"))
        #expect(!body.contains("\\'"))
        #expect(!body.contains("\\("))
    }

    @Test func markdownReaderReadsTheConvertedFileLikeTheOriginal() throws {
        let original = try referenceTranscript()
        let text = SourceText(path: "calx-q3-2012.md", text: TranscriptMarkdownWriter.markdown(for: original))
        #expect(MarkdownTranscriptParser().confidence(text) == 100)
        #expect(try TranscriptReader.withMarkdown.read(text) == original)
    }
}
