import Foundation
import TranscriptKit

/// The build cache's binary form of a `Transcript`: every field, exactly (dates as their bit pattern), so a transcript
/// read back from the cache renders byte-for-byte like the one parsed from its source.
enum TranscriptCodec {
    /// Bumped whenever the layout below changes; older cache entries are then ignored.
    static let version = 1

    static func encode(_ transcript: Transcript, into writer: inout ByteWriter) {
        writer.string(transcript.company)
        writer.optionalString(transcript.ticker)
        writer.string(transcript.title)
        writer.string(transcript.kind.rawValue)
        writer.bool(transcript.fiscalPeriod != nil)
        if let period = transcript.fiscalPeriod {
            writer.int(period.year)
            writer.int(period.quarter)
        }
        writer.bool(transcript.date != nil)
        if let date = transcript.date { writer.uint64(date.timeIntervalSinceReferenceDate.bitPattern) }
        writer.optionalString(transcript.statedTimeZone)
        writer.int(transcript.participants.count)
        for participant in transcript.participants {
            writer.string(participant.name)
            writer.optionalString(participant.affiliation)
            writer.optionalString(participant.title)
            writer.string(participant.group.rawValue)
        }
        writer.int(transcript.sections.count)
        for section in transcript.sections {
            writer.string(section.kind.rawValue)
            writer.optionalString(section.title)
            writer.int(section.turns.count)
            for turn in section.turns {
                writer.string(turn.speaker)
                writer.int(turn.paragraphs.count)
                for paragraph in turn.paragraphs { writer.string(paragraph) }
            }
        }
        writer.string(transcript.layout.rawValue)
        encode(transcript.warnings, into: &writer)
    }

    static func decode(from reader: inout ByteReader) throws(CacheFormatError) -> Transcript {
        let company = try reader.string()
        let ticker = try reader.optionalString()
        let title = try reader.string()
        let kind = try reader.value(EventKind.self)
        let period = try reader.bool() ? FiscalPeriod(year: try reader.int(), quarter: try reader.int()) : nil
        let date = try reader.bool() ? Date(timeIntervalSinceReferenceDate: Double(bitPattern: try reader.uint64())) : nil
        let zone = try reader.optionalString()
        var participants: [Participant] = []
        for _ in 0..<(try reader.count()) {
            participants.append(Participant(name: try reader.string(), affiliation: try reader.optionalString(),
                                            title: try reader.optionalString(), group: try reader.value(ParticipantGroup.self)))
        }
        var sections: [Section] = []
        for _ in 0..<(try reader.count()) {
            let kind = try reader.value(SectionKind.self)
            let sectionTitle = try reader.optionalString()
            var turns: [Turn] = []
            let turnCount = try reader.count()
            turns.reserveCapacity(turnCount)
            for _ in 0..<turnCount {
                let speaker = try reader.string()
                let count = try reader.count()
                var paragraphs: [String] = []
                paragraphs.reserveCapacity(count)
                for _ in 0..<count { paragraphs.append(try reader.string()) }
                turns.append(Turn(speaker: speaker, paragraphs: paragraphs))
            }
            sections.append(Section(kind: kind, title: sectionTitle, turns: turns))
        }
        let layout = try reader.value(SourceLayout.self)
        let warnings = try decodeDiagnostics(from: &reader)
        return Transcript(company: company, ticker: ticker, title: title, kind: kind, fiscalPeriod: period, date: date,
                          statedTimeZone: zone, participants: participants, sections: sections, layout: layout, warnings: warnings)
    }

    static func encode(_ diagnostics: [Diagnostic], into writer: inout ByteWriter) {
        writer.int(diagnostics.count)
        for diagnostic in diagnostics {
            writer.string(diagnostic.severity.rawValue)
            writer.optionalString(diagnostic.file)
            writer.bool(diagnostic.line != nil)
            if let line = diagnostic.line { writer.int(line) }
            writer.string(diagnostic.message)
        }
    }

    static func decodeDiagnostics(from reader: inout ByteReader) throws(CacheFormatError) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for _ in 0..<(try reader.count()) {
            let severity = try reader.value(Diagnostic.Severity.self)
            let file = try reader.optionalString()
            let line = try reader.bool() ? try reader.int() : nil
            result.append(Diagnostic(severity, file: file, line: line, try reader.string()))
        }
        return result
    }
}
