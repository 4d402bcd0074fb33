import Foundation
import Testing
@testable import TranscriptKit

/// Helpers shared by the layout and hostile-input tests.
enum LayoutTestSupport {
    /// Reads `text` (UTF-8) through the standard reader, as `sitegen parse` would.
    static func read(_ text: String, path: String = "test.txt", hints: TranscriptHints = TranscriptHints()) throws(TranscriptReadError) -> Transcript {
        try TranscriptReader.standard.read(data: Data(text.utf8), path: path, hints: hints)
    }

    /// The same text with CRLF line ends.
    static func crlf(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\r\n")
    }

    /// The messages of the warnings, for `contains` checks.
    static func messages(_ warnings: [Diagnostic]) -> [String] { warnings.map(\.message) }

    /// The warning whose message contains `fragment`, if any.
    static func warning(_ transcript: Transcript, containing fragment: String) -> Diagnostic? {
        transcript.warnings.first { $0.message.contains(fragment) }
    }

    /// The error thrown by `body`, or nil if it returned.
    static func readError(_ body: () throws(TranscriptReadError) -> Transcript) -> TranscriptReadError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    /// The structural promises every parsed transcript keeps, whatever the input.
    static func expectWellFormed(_ transcript: Transcript, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!transcript.sections.isEmpty, sourceLocation: sourceLocation)
        let names = Set(transcript.participants.map(\.name))
        #expect(names.count == transcript.participants.count, "participant names are unique", sourceLocation: sourceLocation)
        for section in transcript.sections {
            #expect(!section.turns.isEmpty, "no empty sections", sourceLocation: sourceLocation)
            for turn in section.turns {
                #expect(names.contains(turn.speaker), "speaker \(turn.speaker) is a participant", sourceLocation: sourceLocation)
                for paragraph in turn.paragraphs {
                    #expect(!paragraph.isEmpty, sourceLocation: sourceLocation)
                    #expect(paragraph.first != " " && paragraph.last != " ", "paragraphs are trimmed", sourceLocation: sourceLocation)
                    #expect(!paragraph.contains("\n") && !paragraph.contains("\r"), sourceLocation: sourceLocation)
                }
            }
        }
        for warning in transcript.warnings {
            #expect(warning.severity == .warning, sourceLocation: sourceLocation)
        }
    }
}

/// SplitMix64: a small seeded generator, so fuzz inputs are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
