/// StreetEvents "Event Transcript" plain text: `=====` rules around section names, numbered turns. Written next.
public struct StreetEventsEventTranscriptParser: TranscriptLayoutParser {
    /// Creates the parser.
    public init() {}

    public var layout: SourceLayout { .streetEventsEventTranscript }

    public func confidence(_ text: SourceText) -> Int { 0 }

    public func parse(_ text: SourceText, hints: TranscriptHints) throws(TranscriptReadError) -> Transcript {
        throw TranscriptReadError(Diagnostic(.error, file: text.path, "the Event Transcript layout is not read yet"))
    }
}
