import Cmark
import Foundation
import TranscriptKit

/// Reads the Markdown after the front matter into sections and turns.
struct MarkdownBody {
    /// The name given to the speaker of text that no `###` heading introduces.
    static let unidentifiedSpeaker = "Unidentified Speaker"

    /// The path used in diagnostics.
    let path: String
    /// The body's lines, as in the source text.
    let lines: [String]
    /// The 1-based file line of `lines[0]`.
    let firstLine: Int

    /// Reads the body; adds speakers missing from `participants` and appends warnings for anything outside the layout.
    func read(participants: inout [Participant], warnings: inout [Diagnostic]) -> [Section] {
        var state = State(participants: participants)
        var locator = BlockLocator(lines: lines)
        for block in Cmark.blocks(lines.joined(separator: "\n")) {
            let line = locator.locate(block).map { $0 + firstLine }
            switch block {
            case .heading(level: 2, let text):
                let (kind, title) = Self.sectionKind(Self.singleLine(text))
                state.sections.append(Section(kind: kind, title: title))
                state.hasTurn = false
                state.sawHeading = true
            case .heading(level: 3, let text):
                let speaker = state.resolve(Self.singleLine(text), line: line, path: path, warnings: &warnings)
                if state.sections.isEmpty { state.sections.append(Section(kind: .presentation)) }
                state.sections[state.sections.count - 1].turns.append(Turn(speaker: speaker, paragraphs: []))
                state.hasTurn = true
                state.sawHeading = true
            case .heading(let level, let text):
                warnings.append(Diagnostic(.warning, file: path, line: line,
                    "a level-\(level) heading is not part of the transcript layout; expected `##` for a section or `###` for a speaker; kept its text as a paragraph"))
                state.append([Self.singleLine(text)], line: line, path: path, warnings: &warnings)
            case .paragraph(let text):
                state.append([Self.singleLine(text)], line: line, path: path, warnings: &warnings)
            case .other(let kind, let text):
                let paragraphs = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
                let name = kind.replacingOccurrences(of: "_", with: " ")
                warnings.append(Diagnostic(.warning, file: path, line: line, paragraphs.isEmpty
                    ? "a \(name) is not part of the transcript layout; expected paragraphs under `###` speaker headings; ignored it"
                    : "a \(name) is not part of the transcript layout; expected paragraphs under `###` speaker headings; kept its text as paragraphs"))
                state.append(paragraphs, line: line, path: path, warnings: &warnings)
            }
        }
        participants = state.participants
        return state.sections
    }

    /// The section a `##` heading opens: Presentation and Questions and Answers by the headings the raw readers know
    /// (`Heading.classify`: `Prepared Remarks`, `QUESTION AND ANSWER SESSION`, `Q & A`, small misspellings), "Other"
    /// untitled, anything else titled.
    static func sectionKind(_ heading: String) -> (SectionKind, String?) {
        switch Heading.classify(heading) {
        case .presentation?: return (.presentation, nil)
        case .questionsAndAnswers?: return (.questionsAndAnswers, nil)
        default: return heading.lowercased() == "other" ? (.other, nil) : (.other, heading)
        }
    }

    /// Text with hard line breaks turned into spaces, since model paragraphs and names are single lines.
    static func singleLine(_ text: String) -> String {
        text.contains(where: \.isNewline) ? String(text.map { $0.isNewline ? " " : $0 }) : text
    }

    /// What has been read so far.
    private struct State {
        var sections: [Section] = []
        var participants: [Participant]
        var known: Set<String>
        var hasTurn = false
        var sawHeading = false

        /// Positions in `participants` by `PersonName.matchKey`, so matching a spelling looks only at names that can match.
        var byKey: [String: [Int]] = [:]

        init(participants: [Participant]) {
            self.participants = participants
            known = Set(participants.map(\.name))
            for (position, participant) in participants.enumerated() { byKey[PersonName.matchKey(participant.name), default: []].append(position) }
        }

        /// Spellings of listed names resolved to them (`resolve`), so each is warned about once.
        var aliases: [String: String] = [:]

        /// Adds a participant (unidentified unless `group` says otherwise).
        mutating func addParticipant(_ name: String, group: ParticipantGroup = .unidentified) {
            byKey[PersonName.matchKey(name), default: []].append(participants.count)
            participants.append(Participant(name: name, group: group))
            known.insert(name)
        }

        /// The participant a `### heading` names, as the raw readers match speaker lines: the name as listed; with a
        /// final `:` dropped; the same person written another way (`Carl E. Russo` for `Carl Russo`, with a warning);
        /// the operator (added to the operator group when unlisted); else a speaker added as unidentified, with a warning.
        mutating func resolve(_ written: String, line: Int?, path: String, warnings: inout [Diagnostic]) -> String {
            if known.contains(written) { return written }
            if let alias = aliases[written] { return alias }
            var name = written
            while name.hasSuffix(":") || name.hasSuffix("：") { name.removeLast() }
            name = name.trimmingCharacters(in: .whitespaces)
            if !name.isEmpty, known.contains(name) {
                aliases[written] = name
                return name
            }
            if PersonName.isOperator(name) {
                if let listed = participants.first(where: { $0.group == .operator }) {
                    aliases[written] = listed.name
                    return listed.name
                }
                addParticipant(name, group: .operator)
                aliases[written] = name
                return name
            }
            let candidates = (byKey[PersonName.matchKey(name)] ?? []).map { participants[$0] }
            if !name.isEmpty, !PersonName.isUnidentified(name), let match = candidates.first(where: {
                $0.group != .operator && $0.group != .unidentified && PersonName.samePerson($0.name, name)
            }) {
                aliases[written] = match.name
                warnings.append(Diagnostic(.warning, file: path, line: line,
                    "the speaker “\(written)” is listed as “\(match.name)”; the turn is attributed to “\(match.name)”"))
                return match.name
            }
            addParticipant(written)
            warnings.append(Diagnostic(.warning, file: path, line: line,
                "the speaker “\(written)” is not among the front matter's participants; added as unidentified"))
            return written
        }

        /// Appends paragraphs to the open turn, opening one by the unidentified speaker (with a warning) when there is none.
        mutating func append(_ paragraphs: [String], line: Int?, path: String, warnings: inout [Diagnostic]) {
            guard !paragraphs.isEmpty else { return }
            if !hasTurn {
                let place = sawHeading ? "text after a `##` section heading but before any `###` speaker heading" : "text before the first heading"
                warnings.append(Diagnostic(.warning, file: path, line: line,
                    "\(place); expected a `### Speaker Name` heading before it; kept as a turn by \(MarkdownBody.unidentifiedSpeaker)"))
                if sections.isEmpty { sections.append(Section(kind: .presentation)) }
                if !known.contains(MarkdownBody.unidentifiedSpeaker) { addParticipant(MarkdownBody.unidentifiedSpeaker) }
                sections[sections.count - 1].turns.append(Turn(speaker: MarkdownBody.unidentifiedSpeaker, paragraphs: []))
                hasTurn = true
            }
            let last = sections.count - 1
            sections[last].turns[sections[last].turns.count - 1].paragraphs += paragraphs
        }
    }
}

/// Finds the line each top-level block starts on, since `Cmark.blocks` reports no positions.
/// Each block starts at the first non-blank line after the previous one ends; ends are estimated from
/// the block's kind, and `###`-style headings resynchronise by searching forward for a matching heading line.
struct BlockLocator {
    /// The lines being read.
    let lines: [String]
    /// The index where the next block's search starts.
    private var cursor = 0

    /// Creates a locator over the body lines.
    init(lines: [String]) {
        self.lines = lines
    }

    /// The 0-based line index where `block` starts, or nil when the lines are exhausted.
    mutating func locate(_ block: MarkdownBlock) -> Int? {
        guard var start = lines[min(cursor, lines.count)...].firstIndex(where: { !Self.isBlank($0) }) else { return nil }
        if case .heading(let level, _) = block, Self.atxLevel(lines[start]) != level,
           let heading = nextHeading(level: level, from: start) {
            start = heading
        }
        cursor = end(of: block, from: start)
        return start
    }

    /// The next ATX heading of `level` at or after `index`, outside fenced code.
    private func nextHeading(level: Int, from index: Int) -> Int? {
        var fence: (marker: Character, count: Int)?
        for candidate in index..<lines.count {
            let line = lines[candidate]
            if let open = fence {
                if let close = Self.fence(line), close.marker == open.marker, close.count >= open.count { fence = nil }
                continue
            }
            if let open = Self.fence(line) { fence = open; continue }
            if Self.atxLevel(line) == level { return candidate }
        }
        return nil
    }

    /// The index just past the block that starts at `start`.
    private func end(of block: MarkdownBlock, from start: Int) -> Int {
        var index = start + 1
        switch block {
        case .heading where Self.atxLevel(lines[start]) != nil:
            return index
        case .other(kind: "thematic_break", _):
            return index
        case .other(kind: "code_block", _):
            if let open = Self.fence(lines[start]) {
                while index < lines.count {
                    let line = lines[index]
                    index += 1
                    if let close = Self.fence(line), close.marker == open.marker, close.count >= open.count { break }
                }
                return index
            }
            while index < lines.count, Self.isBlank(lines[index]) || Self.indent(lines[index]) >= 4 { index += 1 }
            return index
        case .other(kind: "list", _), .other(kind: "block_quote", _):
            while index < lines.count {
                if !Self.isBlank(lines[index]) { index += 1; continue }
                guard let next = lines[index...].firstIndex(where: { !Self.isBlank($0) }),
                      Self.indent(lines[next]) >= 2 || Self.startsListItem(lines[next]) || lines[next].hasPrefix(">") else { break }
                index = next
            }
            return index
        default:
            while index < lines.count, !Self.isBlank(lines[index]), Self.atxLevel(lines[index]) == nil, Self.fence(lines[index]) == nil {
                index += 1
            }
            return index
        }
    }

    /// True for an empty or all-space line.
    static func isBlank(_ line: String) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// The number of leading spaces.
    static func indent(_ line: String) -> Int {
        line.prefix { $0 == " " }.count
    }

    /// The level of an ATX heading line (`## Title`), or nil.
    static func atxLevel(_ line: String) -> Int? {
        guard indent(line) <= 3 else { return nil }
        let rest = line.drop { $0 == " " }
        let hashes = rest.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let after = rest.dropFirst(hashes).first
        return after == nil || after == " " || after == "\t" ? hashes : nil
    }

    /// The marker and length of a code fence line (```` ``` ```` or `~~~`), or nil.
    static func fence(_ line: String) -> (marker: Character, count: Int)? {
        guard indent(line) <= 3 else { return nil }
        let rest = line.drop { $0 == " " }
        guard let marker = rest.first, marker == "`" || marker == "~" else { return nil }
        let count = rest.prefix { $0 == marker }.count
        return count >= 3 ? (marker, count) : nil
    }

    /// True when the line opens a list item (`- `, `* `, `+ `, `1. `, `1) `).
    static func startsListItem(_ line: String) -> Bool {
        let rest = line.drop { $0 == " " }
        if let first = rest.first, "-*+".contains(first) {
            return rest.count == 1 || rest.dropFirst().first == " "
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        let after = rest.dropFirst(digits.count)
        return !digits.isEmpty && (after.first == "." || after.first == ")") && (after.count == 1 || after.dropFirst().first == " ")
    }
}
