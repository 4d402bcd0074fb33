import Foundation

/// What the archive knows about a file beyond its text: used when a layout carries no header.
public struct TranscriptHints: Sendable, Equatable {
    /// The event title, e.g. from the file name "Q3 2022 Equity Residential Earnings Call.txt".
    public var title: String?
    /// The company name from archive metadata.
    public var company: String?
    /// The ticker from archive metadata.
    public var ticker: String?

    /// Creates hints.
    public init(title: String? = nil, company: String? = nil, ticker: String? = nil) {
        self.title = title
        self.company = company
        self.ticker = ticker
    }

    /// Hints from a file name: its base name without extension, if it reads like an event title.
    public static func fromFileName(_ path: String) -> TranscriptHints {
        let base = (path as NSString).lastPathComponent
        let stem = (base as NSString).deletingPathExtension.replacingOccurrences(of: "_", with: " ")
        let title = EventTitle(parsing: stem)
        guard title.fiscalPeriod != nil || title.company != nil else { return TranscriptHints() }
        return TranscriptHints(title: title.title)
    }
}

/// One transcript layout: how to recognise it and how to read it. A new layout is one new conforming type.
public protocol TranscriptLayoutParser: Sendable {
    /// The layout this parser reads.
    var layout: SourceLayout { get }
    /// How sure the parser is that `text` is in its layout: 0 means not at all; the highest score wins.
    func confidence(_ text: SourceText) -> Int
    /// Reads the transcript, or throws a diagnostic that names the line and what was expected there.
    func parse(_ text: SourceText, hints: TranscriptHints) throws(TranscriptReadError) -> Transcript
}

/// Reads files as transcripts, choosing the parser by detecting the layout.
public struct TranscriptReader: Sendable {
    /// The parsers tried, in order of preference on equal confidence.
    public var parsers: [any TranscriptLayoutParser]

    /// Creates a reader over the given parsers.
    public init(parsers: [any TranscriptLayoutParser]) {
        self.parsers = parsers
    }

    /// The raw layouts sitegen reads out of the box.
    public static let rawLayouts: [any TranscriptLayoutParser] = [
        StreetEventsPDFParser(), StreetEventsHeaderlessParser(), StreetEventsEventTranscriptParser(),
    ]

    /// A reader for the raw StreetEvents layouts.
    public static let standard = TranscriptReader(parsers: rawLayouts)

    /// Reads a file from disk.
    public func read(contentsOf url: URL, displayPath: String? = nil, hints: TranscriptHints? = nil) throws(TranscriptReadError) -> Transcript {
        let path = displayPath ?? url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw TranscriptReadError(Diagnostic(.error, file: path, "no such file; expected a transcript file"))
        }
        guard !isDirectory.boolValue else {
            throw TranscriptReadError(Diagnostic(.error, file: path, "is a folder; expected a transcript file (name its files, e.g. \(path)/*.txt)"))
        }
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw TranscriptReadError(Diagnostic(.error, file: path, "cannot read the file: \(error.localizedDescription)"))
        }
        return try read(data: data, path: path, hints: hints ?? .fromFileName(path))
    }

    /// Reads bytes already in memory; `path` is used in diagnostics.
    public func read(data: Data, path: String, hints: TranscriptHints = TranscriptHints()) throws(TranscriptReadError) -> Transcript {
        let text = try SourceText.decode(data, path: path)
        return try read(text, hints: hints)
    }

    /// Reads decoded text.
    public func read(_ text: SourceText, hints: TranscriptHints = TranscriptHints()) throws(TranscriptReadError) -> Transcript {
        var best: (score: Int, parser: any TranscriptLayoutParser)?
        for parser in parsers {
            let score = parser.confidence(text)
            if score > 0, best.map({ score > $0.score }) ?? true { best = (score, parser) }
        }
        guard let parser = best?.parser else {
            let line = text.lines.firstIndex { !$0.isEmpty }.map { $0 + 1 }
            throw TranscriptReadError(
                Diagnostic(.error, file: text.path, line: line,
                           "not a transcript in any known layout; expected a StreetEvents header, a CORPORATE PARTICIPANTS heading, or Markdown front matter"),
                warnings: text.warnings)
        }
        do {
            var transcript = try parser.parse(text, hints: hints)
            transcript.warnings = text.warnings + transcript.warnings
            return transcript
        } catch {
            throw TranscriptReadError(error.diagnostic, warnings: text.warnings + error.warnings)
        }
    }
}
