import TranscriptKit

/// Reads Markdown with YAML front matter, as written by `TranscriptMarkdownWriter` or by hand.
public struct MarkdownTranscriptParser: TranscriptLayoutParser {
    /// Creates the parser.
    public init() {}

    /// The Markdown layout.
    public var layout: SourceLayout { .markdown }

    /// 100 when the text opens with a `---` line (after an optional byte-order mark), else 0: whatever its front matter
    /// holds, the Markdown reader is the one to say what is wrong with it.
    public func confidence(_ text: SourceText) -> Int {
        FrontMatterSource.opens(text) ? 100 : 0
    }

    /// Reads the front matter's metadata and the body's `##` sections and `###` speaker turns.
    /// The layout is the front matter's `layout` when present; the warnings are the front matter's followed by new ones.
    public func parse(_ text: SourceText, hints: TranscriptHints) throws(TranscriptReadError) -> Transcript {
        let source = try FrontMatterSource(text)
        var reader = FrontMatterReader(path: text.path)
        let metadata = try reader.read(source, hints: hints)
        var warnings = reader.warnings
        var participants = metadata.participants
        let body = MarkdownBody(path: text.path, lines: Array(text.lines[(source.closingIndex + 1)...]), firstLine: source.closingIndex + 2)
        let sections = body.read(participants: &participants, warnings: &warnings)
        return Transcript(
            company: metadata.company,
            ticker: metadata.ticker,
            title: metadata.title,
            kind: metadata.kind,
            fiscalPeriod: metadata.fiscalPeriod,
            date: metadata.date,
            statedTimeZone: metadata.statedTimeZone,
            participants: participants,
            sections: sections,
            layout: metadata.layout ?? .markdown,
            warnings: metadata.warnings + warnings
        )
    }
}

extension TranscriptReader {
    /// A reader for the raw StreetEvents layouts and Markdown with front matter.
    public static let withMarkdown = TranscriptReader(parsers: rawLayouts + [MarkdownTranscriptParser()])
}
