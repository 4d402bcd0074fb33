import Foundation
import TranscriptKit
import Yams

/// Writes a transcript as Markdown with YAML front matter, the form `MarkdownTranscriptParser` reads back unchanged.
public enum TranscriptMarkdownWriter {
    /// The transcript as Markdown: all metadata in the front matter, then `## section` and `### speaker` headings over escaped paragraphs.
    public static func markdown(for transcript: Transcript) -> String {
        var output = "---\n" + frontMatter(for: transcript) + "---\n"
        for section in transcript.sections {
            output += "\n## " + sectionHeading(section) + "\n"
            for turn in section.turns {
                output += "\n### " + MarkdownEscaping.headingText(turn.speaker) + "\n"
                for paragraph in turn.paragraphs {
                    output += "\n" + MarkdownEscaping.escape(paragraph) + "\n"
                }
            }
        }
        return output
    }

    /// The escaped heading text of a section; the parser maps these names back to the section kinds.
    private static func sectionHeading(_ section: Section) -> String {
        switch section.kind {
        case .presentation: return "Presentation"
        case .questionsAndAnswers: return "Questions and Answers"
        case .other: return MarkdownEscaping.headingText(section.title ?? "Other")
        }
    }

    /// The YAML between the `---` lines, keys in a fixed order, nil values and empty lists left out.
    static func frontMatter(for transcript: Transcript) -> String {
        var pairs: [(String, Node)] = [
            (FrontMatterKey.company, scalar(transcript.company)),
        ]
        if let ticker = transcript.ticker { pairs.append((FrontMatterKey.ticker, scalar(ticker))) }
        pairs.append((FrontMatterKey.title, scalar(transcript.title)))
        pairs.append((FrontMatterKey.kind, scalar(transcript.kind.rawValue)))
        if let period = transcript.fiscalPeriod {
            pairs.append((FrontMatterKey.fiscalPeriod, mapping([
                (FrontMatterKey.year, scalar(String(period.year))),
                (FrontMatterKey.quarter, scalar(String(period.quarter))),
            ])))
        }
        if let date = transcript.date { pairs.append((FrontMatterKey.date, scalar(FrontMatterDate.string(from: date)))) }
        if let zone = transcript.statedTimeZone { pairs.append((FrontMatterKey.timeZone, scalar(zone))) }
        pairs.append((FrontMatterKey.layout, scalar(transcript.layout.rawValue)))
        if !transcript.participants.isEmpty {
            pairs.append((FrontMatterKey.participants, .sequence(.init(transcript.participants.map(participantNode)))))
        }
        if !transcript.warnings.isEmpty {
            pairs.append((FrontMatterKey.warnings, .sequence(.init(transcript.warnings.map(warningNode)))))
        }
        let yaml: String
        do {
            yaml = try Yams.serialize(node: mapping(pairs), indent: 2, width: -1, allowUnicode: true)
        } catch {
            preconditionFailure("Yams could not emit front matter built only from string scalars: \(error)")
        }
        // libyaml writes U+00A0 raw even inside double quotes; `\_` is its YAML escape, and
        // `scalar(_:)` double-quotes every string holding one, so the replacement stays inside quotes.
        return yaml.replacingOccurrences(of: "\u{00A0}", with: "\\_")
    }

    /// One `participants` entry.
    private static func participantNode(_ participant: Participant) -> Node {
        var pairs = [(FrontMatterKey.name, scalar(participant.name))]
        if let affiliation = participant.affiliation { pairs.append((FrontMatterKey.affiliation, scalar(affiliation))) }
        if let title = participant.title { pairs.append((FrontMatterKey.participantTitle, scalar(title))) }
        pairs.append((FrontMatterKey.group, scalar(participant.group.rawValue)))
        return mapping(pairs)
    }

    /// One `warnings` entry.
    private static func warningNode(_ diagnostic: Diagnostic) -> Node {
        var pairs = [(FrontMatterKey.severity, scalar(diagnostic.severity.rawValue))]
        if let file = diagnostic.file { pairs.append((FrontMatterKey.file, scalar(file))) }
        if let line = diagnostic.line { pairs.append((FrontMatterKey.line, scalar(String(line)))) }
        pairs.append((FrontMatterKey.message, scalar(diagnostic.message)))
        return mapping(pairs)
    }

    /// A block mapping with string keys in the given order.
    private static func mapping(_ pairs: [(String, Node)]) -> Node {
        .mapping(.init(pairs.map { (Node($0.0), $0.1) }))
    }

    /// A string scalar whose style keeps it a string on one line when read back:
    /// quoted if plain YAML would read it as null, double-quoted if it holds line breaks or characters the line reader folds.
    private static func scalar(_ string: String) -> Node {
        if string.unicodeScalars.contains(where: needsDoubleQuotes) {
            return Node(string, .implicit, .doubleQuoted)
        }
        if FrontMatterValue.plainNulls.contains(string) {
            return Node(string, .implicit, .singleQuoted)
        }
        return Node(string)
    }

    /// Control characters, line and paragraph separators, no-break spaces and byte-order marks: written as escapes.
    private static func needsDoubleQuotes(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0xA0, 0x2028, 0x2029, 0xFEFF: return true
        default: return false
        }
    }
}
