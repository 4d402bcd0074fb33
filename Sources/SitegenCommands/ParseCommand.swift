import ArgumentParser
import Foundation
import TranscriptKit
import TranscriptMarkdown


/// `sitegen parse`: prints the typed model of each transcript.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse transcripts and print their model.",
        discussion: "JSON keys: company, ticker, title, kind, fiscalPeriod{year,quarter}, date, statedTimeZone, layout, participants[{name,affiliation,title,group}], sections[{kind,title,turns[{speaker,paragraphs[]}]}], warnings[{severity,file,line,message}]. Several files print a JSON array."
    )

    /// The output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
        case summary
    }

    @Argument(help: "Transcript files (any layout sitegen reads, or Markdown with front matter).")
    var files: [String]

    @Option(help: "Output format: json or summary.")
    var format: Format = .summary

    func run() throws {
        var transcripts: [Transcript] = []
        var failed = false
        for file in files {
            do {
                let transcript = try TranscriptReader.withMarkdown.read(contentsOf: URL(fileURLWithPath: file), displayPath: file)
                for warning in transcript.warnings { printError(CarriedWarnings.reported(warning, readFrom: file).description) }
                transcripts.append(transcript)
                if format == .summary { print(TranscriptSummary.text(for: transcript, path: file)) }
            } catch {
                failed = true
                for warning in error.warnings { printError(CarriedWarnings.reported(warning, readFrom: file).description) }
                printError(error.diagnostic.description)
            }
        }
        if format == .json {
            let encoder = TranscriptJSON.encoder()
            let data = transcripts.count == 1 && files.count == 1
                ? try encoder.encode(transcripts[0]) : try encoder.encode(transcripts)
            print(String(decoding: data, as: UTF8.self))
        }
        if failed { throw ExitCode(1) }
    }
}

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
