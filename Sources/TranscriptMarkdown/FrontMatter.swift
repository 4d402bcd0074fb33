import Foundation
import TranscriptKit
import Yams

/// The YAML between the opening and closing `---` lines of a Markdown file.
public struct FrontMatterSource: Sendable, Equatable {
    /// The YAML text; its line 1 is line 2 of the file.
    public let yaml: String
    /// The 0-based index of the closing `---` (or `...`) line in the file's lines; the body starts after it.
    public let closingIndex: Int

    /// The delimiter line that opens and closes front matter.
    public static let delimiter = "---"

    /// Splits the front matter off `text`, or throws a diagnostic naming the line where a delimiter was expected.
    public init(_ text: SourceText) throws(TranscriptReadError) {
        guard Self.opens(text) else {
            let found = text.lines.first.map { "found “\($0.prefix(60))”" } ?? "found an empty file"
            throw TranscriptReadError(Diagnostic(.error, file: text.path, line: 1,
                "expected a `---` line opening the YAML front matter; \(found)"))
        }
        guard let closing = Self.closingIndex(text.lines) else {
            throw TranscriptReadError(Diagnostic(.error, file: text.path, line: 1,
                "the front matter opened by `---` on line 1 is never closed; expected a `---` line after the metadata and before the transcript text"))
        }
        yaml = text.lines[1..<closing].joined(separator: "\n")
        closingIndex = closing
    }

    /// True when the first line of `text` is `---`, after an optional byte-order mark: the file has front matter.
    public static func opens(_ text: SourceText) -> Bool {
        guard let first = text.lines.first else { return false }
        return (first.hasPrefix("\u{FEFF}") ? String(first.unicodeScalars.dropFirst()) : first) == delimiter
    }

    /// The index of the line that closes front matter opened on line 1, if any.
    private static func closingIndex(_ lines: [String]) -> Int? {
        lines.indices.dropFirst().first { lines[$0] == delimiter || lines[$0] == "..." }
    }

    /// Whether `text` is a Markdown transcript, not a page: a top-level key of its front matter marks a transcript
    /// (`TranscriptMarker`), even if the YAML is broken or unclosed. With `isWholeFile` false (a head), nil means the front
    /// matter goes on undecided.
    public static func isTranscript(_ text: SourceText, isWholeFile: Bool = true) -> Bool? {
        guard opens(text) else { return false }
        let closing = closingIndex(text.lines)
        let block = text.lines[1..<(closing ?? text.lines.count)]
        if block.contains(where: { TranscriptMarker.topLevelEntry($0).map(TranscriptMarker.marks) ?? false }) { return true }
        guard closing != nil else { return isWholeFile ? false : nil }
        // Keys spelt in ways no single line shows, such as `{company: …}` or `? company`, need the YAML itself.
        guard case .mapping(let mapping)? = try? Yams.compose(yaml: block.joined(separator: "\n")) else { return false }
        return mapping.contains { key, value in
            key.scalar.map { TranscriptMarker.marks(key: $0.string, value: value.scalar?.string) } ?? false
        }
    }
}

/// Which front matter is a transcript's rather than a page's. A page's front matter has `title:` (and whatever else an
/// author keeps there: `date:`, `description:`, `layout: post`); a top-level key of a transcript's makes the whole file
/// a transcript, so that a transcript whose `company` is missing or misspelt is reported as the broken transcript it is
/// instead of being published as a page:
/// - `company`, or a near miss of it: the same word in another case (`Company:`), or one letter added, dropped,
///   changed or swapped with its neighbour (`compnay:`, `compny:`), case aside;
/// - a key only the transcript format has, in any case: `ticker`, `fiscalPeriod`, `timeZone`, `participants`, `warnings`;
/// - `layout:` naming a transcript layout (`markdown`, `streetevents-pdf`, …) or `kind:` naming a kind of call
///   (`earnings-call`, `conference-presentation`).
/// The body is not looked at: a page may well have a `## Presentation` heading.
public enum TranscriptMarker {
    /// Keys that no page has.
    static let transcriptOnlyKeys: Set<String> = Set([
        FrontMatterKey.ticker, FrontMatterKey.fiscalPeriod, FrontMatterKey.timeZone, FrontMatterKey.participants, FrontMatterKey.warnings,
    ].map { $0.lowercased() })

    /// `layout:` values that name a transcript layout.
    static let layouts = Set(SourceLayout.allCases.map(\.rawValue))

    /// `kind:` values that name a kind of call (`other` says nothing).
    static let kinds = Set(EventKind.allCases.filter { $0 != .other }.map(\.rawValue))

    /// Whether the top-level `key` (with its text `value`, if it is text) marks a transcript.
    public static func marks(key: String, value: String?) -> Bool {
        if key == FrontMatterKey.company || isNearMissOfCompany(key) { return true }
        if transcriptOnlyKeys.contains(key.lowercased()) { return true }
        guard let value else { return false }
        switch key {
        case FrontMatterKey.layout: return layouts.contains(value)
        case FrontMatterKey.kind: return kinds.contains(value)
        default: return false
        }
    }

    /// `marks(key:value:)` for a pair read off one line.
    static func marks(_ entry: (key: String, value: String?)) -> Bool {
        marks(key: entry.key, value: entry.value)
    }

    /// Whether `key` is not `company` but would be with its case changed, or one letter added, dropped, changed or
    /// swapped with the next (Damerau-Levenshtein distance 1, case aside).
    public static func isNearMissOfCompany(_ key: String) -> Bool {
        guard key != FrontMatterKey.company else { return false }
        let a = Array(key.lowercased()), b = Array(FrontMatterKey.company)
        if a == b { return true }
        guard abs(a.count - b.count) <= 1 else { return false }
        var i = 0
        while i < min(a.count, b.count), a[i] == b[i] { i += 1 }
        if a.count == b.count {
            // One letter changed, or two neighbours swapped.
            if Array(a[(i + 1)...]) == Array(b[(i + 1)...]) { return true }
            return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && Array(a[(i + 2)...]) == Array(b[(i + 2)...])
        }
        // One letter added or dropped.
        let (longer, shorter) = a.count > b.count ? (a, b) : (b, a)
        return Array(longer[(i + 1)...]) == Array(shorter[i...])
    }

    /// The key and text value of a top-level `key: value` line: not indented, the key bare (a letter, then letters,
    /// digits, `_` and `-`) or in ' or " quotes, then optional spaces, then a colon that ends the line or is followed by a
    /// space. The value loses a ` #` comment and its quotes; nil for none.
    static func topLevelEntry(_ line: String) -> (key: String, value: String?)? {
        var rest = Substring(line)
        let key: Substring
        if let quote = rest.first, quote == "\"" || quote == "'" {
            guard let end = rest.dropFirst().firstIndex(of: quote) else { return nil }
            key = rest[rest.index(after: rest.startIndex)..<end]
            rest = rest[rest.index(after: end)...]
        } else {
            guard let first = rest.first, first.isLetter, first.isASCII else { return nil }
            key = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
            rest = rest.dropFirst(key.count)
        }
        rest = rest.drop { $0 == " " }
        guard rest.first == ":" else { return nil }
        rest = rest.dropFirst()
        guard rest.isEmpty || rest.first == " " else { return nil }
        if let comment = rest.range(of: " #") { rest = rest[..<comment.lowerBound] }
        var value = rest.trimmingCharacters(in: .whitespaces)
        if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
            value = String(value.dropFirst().dropLast())
        }
        return (String(key), value.isEmpty ? nil : value)
    }
}

/// Plain YAML scalars that mean "no value".
enum FrontMatterValue {
    /// The YAML 1.1 spellings of null when written unquoted.
    static let plainNulls: Set<String> = ["", "~", "null", "Null", "NULL"]
}

/// The metadata read from front matter, before the body is known.
struct FrontMatterMetadata {
    var company: String
    var ticker: String?
    var title: String
    var kind: EventKind
    var fiscalPeriod: FiscalPeriod?
    var date: Date?
    var statedTimeZone: String?
    var layout: SourceLayout?
    var participants: [Participant]
    var warnings: [Diagnostic]
}

/// Reads front matter YAML into metadata, with diagnostics that name file lines.
struct FrontMatterReader {
    /// The path used in diagnostics.
    let path: String
    /// Warnings raised while reading, such as unknown keys.
    private(set) var warnings: [Diagnostic] = []

    /// Creates a reader for the file at `path`.
    init(path: String) {
        self.path = path
    }

    /// Reads the YAML of `source`; `hints` fill in a missing company or title.
    mutating func read(_ source: FrontMatterSource, hints: TranscriptHints) throws(TranscriptReadError) -> FrontMatterMetadata {
        let root: Node?
        do {
            root = try Yams.compose(yaml: source.yaml)
        } catch {
            throw invalidYAML(error, yaml: source.yaml)
        }
        guard let root else {
            throw failure(line: 1, "the front matter is empty; expected YAML such as `company: Calix, Inc.` and `title: …` between the `---` lines")
        }
        guard case .mapping(let mapping) = root else {
            throw failure(root, "the front matter is \(describe(root)); expected a mapping of keys such as `company:` and `title:`")
        }
        let values = try entries(of: mapping, named: "the front matter", allowed: FrontMatterKey.topLevel)
        guard let company = try optionalText(values, FrontMatterKey.company) ?? hints.company else {
            throw missingCompany(mapping)
        }
        guard let title = try optionalText(values, FrontMatterKey.title) ?? hints.title else {
            throw failure(line: 1, "the front matter has no `title`; expected the event title, e.g. `title: CALX - Q3 2012 Calix, Inc. Earnings Conference Call`")
        }
        var metadata = FrontMatterMetadata(
            company: company,
            ticker: try optionalText(values, FrontMatterKey.ticker),
            title: title,
            kind: try optionalEnum(values, FrontMatterKey.kind, EventKind.allCases) ?? .other,
            fiscalPeriod: nil,
            date: nil,
            statedTimeZone: try optionalText(values, FrontMatterKey.timeZone),
            layout: try optionalEnum(values, FrontMatterKey.layout, SourceLayout.allCases),
            participants: [],
            warnings: []
        )
        if let node = values[FrontMatterKey.fiscalPeriod] { metadata.fiscalPeriod = try fiscalPeriod(node) }
        if let node = values[FrontMatterKey.date] { metadata.date = try date(node) }
        for (index, node) in try items(values[FrontMatterKey.participants], FrontMatterKey.participants).enumerated() {
            metadata.participants.append(try participant(node, index))
        }
        for (index, node) in try items(values[FrontMatterKey.warnings], FrontMatterKey.warnings).enumerated() {
            metadata.warnings.append(try diagnostic(node, index))
        }
        return metadata
    }

    /// The error for front matter without a `company`: at a key that looks like it misspelt, else at line 1, saying
    /// which key made the file a transcript (a page author may not know that `ticker:` or `participants:` does).
    private func missingCompany(_ mapping: Node.Mapping) -> TranscriptReadError {
        let keys = mapping.compactMap { key, value in key.scalar.map { (name: $0.string, node: key, value: value.scalar?.string) } }
        let expectation = "expected the company's name, e.g. `company: Calix, Inc.`"
        if let nearMiss = keys.first(where: { TranscriptMarker.isNearMissOfCompany($0.name) }) {
            return failure(nearMiss.node, "the front matter has no `company`: `\(nearMiss.name)` looks like it misspelt; \(expectation)")
        }
        let marker = keys.first { TranscriptMarker.marks(key: $0.name, value: $0.value) }
        let reason = marker.map { key in
            " (its `\(key.name)`\(fileLine(key.node).map { " on line \($0)" } ?? "") is a transcript's: the file is read as a transcript, not a page)"
        } ?? ""
        return failure(line: 1, "the front matter has no `company`; \(expectation)\(reason)")
    }

    // MARK: Structured values

    /// `fiscalPeriod: {year, quarter}`.
    private mutating func fiscalPeriod(_ node: Node) throws(TranscriptReadError) -> FiscalPeriod? {
        if isNull(node) { return nil }
        guard case .mapping(let mapping) = node else {
            throw failure(node, "`fiscalPeriod` is \(describe(node)); expected a mapping with `year:` and `quarter:`, e.g. `fiscalPeriod: {year: 2012, quarter: 3}`")
        }
        let values = try entries(of: mapping, named: "`fiscalPeriod`", allowed: FrontMatterKey.fiscalPeriodKeys)
        let year = try requiredInteger(values, FrontMatterKey.year, in: "fiscalPeriod", at: node)
        let quarter = try requiredInteger(values, FrontMatterKey.quarter, in: "fiscalPeriod", at: node)
        guard (1000...9999).contains(year.value) else {
            throw failure(year.node, "`fiscalPeriod.year` is \(year.value); expected a four-digit year such as 2012")
        }
        guard (1...4).contains(quarter.value) else {
            throw failure(quarter.node, "`fiscalPeriod.quarter` is \(quarter.value); expected 1, 2, 3 or 4")
        }
        return FiscalPeriod(year: year.value, quarter: quarter.value)
    }

    /// `date: 2012-10-25T20:30:00Z`.
    private func date(_ node: Node) throws(TranscriptReadError) -> Date? {
        guard let string = try text(node, FrontMatterKey.date) else { return nil }
        guard let date = FrontMatterDate.date(from: string) else {
            throw failure(node, "`date` is “\(string)”; expected an ISO 8601 date-time in UTC such as 2012-10-25T20:30:00Z")
        }
        return date
    }

    /// One `participants` entry: `{name, affiliation, title, group}`.
    private mutating func participant(_ node: Node, _ index: Int) throws(TranscriptReadError) -> Participant {
        let place = "`participants` entry \(index + 1)"
        guard case .mapping(let mapping) = node else {
            throw failure(node, "\(place) is \(describe(node)); expected a mapping such as `{name: Carl Russo, affiliation: Calix, Inc., title: President & CEO, group: corporate}`")
        }
        let values = try entries(of: mapping, named: place, allowed: FrontMatterKey.participantKeys)
        guard let name = try optionalText(values, FrontMatterKey.name) else {
            throw failure(node, "\(place) has no `name`; expected the name the `###` speaker headings use")
        }
        return Participant(
            name: name,
            affiliation: try optionalText(values, FrontMatterKey.affiliation),
            title: try optionalText(values, FrontMatterKey.participantTitle),
            group: try optionalEnum(values, FrontMatterKey.group, ParticipantGroup.allCases) ?? .unidentified
        )
    }

    /// One `warnings` entry: `{severity, file, line, message}`.
    private mutating func diagnostic(_ node: Node, _ index: Int) throws(TranscriptReadError) -> Diagnostic {
        let place = "`warnings` entry \(index + 1)"
        guard case .mapping(let mapping) = node else {
            throw failure(node, "\(place) is \(describe(node)); expected a mapping with `severity:` and `message:`")
        }
        let values = try entries(of: mapping, named: place, allowed: FrontMatterKey.warningKeys)
        guard let message = try optionalText(values, FrontMatterKey.message) else {
            throw failure(node, "\(place) has no `message`; expected the sentence the warning showed")
        }
        return Diagnostic(
            try optionalEnum(values, FrontMatterKey.severity, [Diagnostic.Severity.warning, .error]) ?? .warning,
            file: try optionalText(values, FrontMatterKey.file),
            line: try optionalInteger(values, FrontMatterKey.line),
            message
        )
    }

    // MARK: Building blocks

    /// The entries of a mapping by key (Yams has already rejected repeated keys), rejecting non-text keys and warning about unknown ones.
    private mutating func entries(of mapping: Node.Mapping, named place: String, allowed: [String]) throws(TranscriptReadError) -> [String: Node] {
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                throw failure(keyNode, "\(place) has \(describe(keyNode)) as a key; expected plain names such as `\(allowed[0])`")
            }
            values[key.string] = value
            if !allowed.contains(key.string) {
                warnings.append(Diagnostic(.warning, file: path, line: fileLine(keyNode),
                    "\(place) has an unknown key `\(key.string)`, which was ignored; expected one of \(allowed.joined(separator: ", "))"))
            }
        }
        return values
    }

    /// The items of a list; a missing or null list has none.
    private func items(_ node: Node?, _ key: String) throws(TranscriptReadError) -> [Node] {
        guard let node, !isNull(node) else { return [] }
        guard case .sequence(let sequence) = node else {
            throw failure(node, "`\(key)` is \(describe(node)); expected a list of `- ` entries")
        }
        return Array(sequence)
    }

    /// The text of an optional key.
    private func optionalText(_ values: [String: Node], _ key: String) throws(TranscriptReadError) -> String? {
        guard let node = values[key] else { return nil }
        return try text(node, key)
    }

    /// The value of an optional key that must be one of an enumeration's raw values.
    private func optionalEnum<Value: RawRepresentable>(
        _ values: [String: Node], _ key: String, _ cases: [Value]
    ) throws(TranscriptReadError) -> Value? where Value.RawValue == String {
        guard let node = values[key], let string = try text(node, key) else { return nil }
        guard let value = Value(rawValue: string) else {
            let expected = cases.map(\.rawValue).joined(separator: ", ")
            throw failure(node, "`\(key)` is “\(string)”; expected one of \(expected)")
        }
        return value
    }

    /// The whole number of an optional key.
    private func optionalInteger(_ values: [String: Node], _ key: String) throws(TranscriptReadError) -> Int? {
        guard let node = values[key], let string = try text(node, key) else { return nil }
        guard let value = Int(string) else {
            throw failure(node, "`\(key)` is “\(string)”; expected a whole number")
        }
        return value
    }

    /// The whole number of a required key inside the mapping at `parent`.
    private func requiredInteger(_ values: [String: Node], _ key: String, in place: String, at parent: Node) throws(TranscriptReadError) -> (value: Int, node: Node) {
        guard let node = values[key], let string = try text(node, "\(place).\(key)") else {
            throw failure(parent, "`\(place)` has no `\(key)`; expected a whole number for it")
        }
        guard let value = Int(string) else {
            throw failure(node, "`\(place).\(key)` is “\(string)”; expected a whole number")
        }
        return (value, node)
    }

    /// The text of a scalar; nil for an unquoted null; an error for lists and mappings.
    private func text(_ node: Node, _ key: String) throws(TranscriptReadError) -> String? {
        guard case .scalar(let scalar) = node else {
            throw failure(node, "`\(key)` is \(describe(node)); expected text")
        }
        return isNull(node) ? nil : scalar.string
    }

    /// True for an unquoted `~`, `null` or empty value.
    private func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.style == .plain && FrontMatterValue.plainNulls.contains(scalar.string)
    }

    /// "a list", "a mapping" or "text", for messages.
    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return "the text “\(scalar.string.prefix(60))”"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    // MARK: Diagnostics

    /// The file line of a node: YAML line 1 is file line 2, after the opening `---`.
    private func fileLine(_ node: Node) -> Int? {
        node.mark.map { $0.line + 1 }
    }

    /// An error located at a node.
    private func failure(_ node: Node, _ message: String) -> TranscriptReadError {
        TranscriptReadError(Diagnostic(.error, file: path, line: fileLine(node), message), warnings: warnings)
    }

    /// An error located at a file line.
    private func failure(line: Int?, _ message: String) -> TranscriptReadError {
        TranscriptReadError(Diagnostic(.error, file: path, line: line, message), warnings: warnings)
    }

    /// The 1-based YAML line where `key:` is written a second time in the mapping that starts at `mapping`, if it can be found.
    static func secondOccurrence(of key: String, in yaml: String, mapping: Mark) -> Int? {
        let spellings = [key, "\"\(key)\"", "'\(key)'"].map { $0 + ":" }
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let matches = lines.indices.dropFirst(mapping.line - 1).filter { index in
            var line = lines[index].drop { $0 == " " }
            if line.hasPrefix("- ") { line = line.dropFirst(2).drop { $0 == " " } }
            let column = lines[index].count - line.count
            return column == mapping.column - 1 && spellings.contains { line.hasPrefix($0) }
        }
        return matches.count > 1 ? matches[1] + 1 : nil
    }

    /// The error for YAML that Yams cannot read, at the file line Yams names.
    private func invalidYAML(_ error: any Error, yaml: String) -> TranscriptReadError {
        let expectation = "expected `key: value` lines, with quotes around values that contain `: `, ` #` or start with punctuation"
        guard let error = error as? YamlError else {
            return failure(line: 1, "the front matter is not valid YAML (\(error)); \(expectation)")
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let during = context.map { " \($0.text) that starts on line \($0.mark.line + 1)," } ?? ""
            return failure(line: mark.line + 1, "the front matter is not valid YAML:\(during) \(problem); \(expectation)")
        case .reader(let problem, let offset, _, _):
            let line = offset.map { offset in
                1 + yaml.prefix(offset).reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            }
            return failure(line: line, "the front matter cannot be read as YAML: \(problem); expected UTF-8 text")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.sorted().first ?? ""
            let line = Self.secondOccurrence(of: key, in: yaml, mapping: context.mark).map { $0 + 1 } ?? context.mark.line + 1
            return failure(line: line, "the front matter sets `\(key)` twice; expected each key once")
        default:
            return failure(line: 1, "the front matter is not valid YAML (\(error)); \(expectation)")
        }
    }
}
