import Foundation

/// The documented JSON form of a transcript, shared by `sitegen parse` and the site's data exports.
public enum TranscriptJSON {
    /// An encoder with sorted keys, ISO 8601 dates and unescaped slashes, so output is stable.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The matching decoder.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

/// A short human-readable account of a parsed transcript.
public enum TranscriptSummary {
    /// Title, company, period, date, layout, participant and turn counts per speaker.
    public static func text(for transcript: Transcript, path: String) -> String {
        var lines: [String] = ["\(path): \(transcript.title)"]
        lines.append("  company: \(transcript.company)\(transcript.ticker.map { " (\($0))" } ?? "")")
        lines.append("  kind: \(transcript.kind.rawValue), period: \(transcript.fiscalPeriod?.label ?? "none")")
        let formatter = ISO8601DateFormatter()
        lines.append("  date: \(transcript.date.map(formatter.string(from:)) ?? "none")\(transcript.statedTimeZone.map { " (stated \($0))" } ?? "")")
        lines.append("  layout: \(transcript.layout.rawValue)")
        var counts: [String: Int] = [:]
        for turn in transcript.turns { counts[turn.speaker, default: 0] += 1 }
        lines.append("  participants: \(transcript.participants.count)")
        for participant in transcript.participants {
            let role = [participant.affiliation, participant.title].compactMap { $0 }.joined(separator: " - ")
            lines.append("    \(participant.name) [\(participant.group.rawValue)]\(role.isEmpty ? "" : " \(role)"): \(counts[participant.name, default: 0]) turns")
        }
        let sections = transcript.sections.map { "\($0.displayTitle) (\($0.turns.count) turns)" }
        lines.append("  sections: \(sections.joined(separator: ", "))")
        lines.append("  warnings: \(transcript.warnings.count)")
        return lines.joined(separator: "\n")
    }
}
