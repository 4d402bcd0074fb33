import Foundation

/// The section headings StreetEvents layouts use, recognised through case, spacing and small misspellings.
public enum Heading: Sendable, Equatable {
    case corporateParticipants
    case callParticipants
    case presentation
    case questionsAndAnswers
    case disclaimer
    case definitions

    private static let spellings: [(String, Heading)] = [
        ("CORPORATE PARTICIPANTS", .corporateParticipants),
        ("COMPANY PARTICIPANTS", .corporateParticipants),
        ("CONFERENCE CALL PARTICIPANTS", .callParticipants),
        ("CALL PARTICIPANTS", .callParticipants),
        ("OTHER PARTICIPANTS", .callParticipants),
        ("PRESENTATION", .presentation),
        ("PREPARED REMARKS", .presentation),
        ("QUESTIONS AND ANSWERS", .questionsAndAnswers),
        ("QUESTION AND ANSWER", .questionsAndAnswers),
        ("QUESTION AND ANSWER SESSION", .questionsAndAnswers),
        ("QUESTION AND ANSWER PERIOD", .questionsAndAnswers),
        ("QUESTIONS & ANSWERS", .questionsAndAnswers),
        ("Q&A", .questionsAndAnswers),
        ("Q&A SESSION", .questionsAndAnswers),
        ("Q&A PERIOD", .questionsAndAnswers),
        ("DISCLAIMER", .disclaimer),
        ("DEFINITIONS", .definitions),
    ]

    /// The spellings as lines are normalised: spaces around "&" dropped, so "Q & A" reads as "Q&A".
    private static let normalizedSpellings: [(String, Heading)] = spellings.map {
        ($0.0.replacingOccurrences(of: " & ", with: "&"), $0.1)
    }

    /// The normalised spellings' bytes, for comparing plain lines.
    private static let spellingBytes: [([UInt8], Heading)] = normalizedSpellings.map { (Array($0.0.utf8), $0.1) }

    /// The heading a whole line names, if any. With `uppercaseOnly`, a line with lower-case letters is never a heading.
    public static func classify(_ line: String, uppercaseOnly: Bool = false) -> Heading? {
        guard !line.isEmpty, line.utf8.count <= 120 else { return nil }
        if let plain = line.withPlainUTF8({ classifyPlain($0, uppercaseOnly: uppercaseOnly) }) { return plain }
        return classifyByCharacters(line, uppercaseOnly: uppercaseOnly)
    }

    /// `classify` for plain text of at most 120 bytes (see `PlainText`), by bytes: upper-cased, the letters, "&" and
    /// single spaces kept, no space next to "&".
    static func classifyPlain(_ line: UnsafeBufferPointer<UInt8>, uppercaseOnly: Bool) -> Heading? {
        guard !PlainText.hasMoreCharacters(line, than: 40) else { return nil }
        if uppercaseOnly && line.contains(where: { $0 &- 0x61 < 26 }) { return nil }
        var normalized: [UInt8] = []
        normalized.reserveCapacity(line.count)
        for byte in line {
            let upper = PlainText.upper(byte)
            if upper &- 0x41 < 26 {
                normalized.append(upper)
            } else if upper == UInt8(ascii: "&") {
                if normalized.last == 0x20 { normalized.removeLast() }
                normalized.append(upper)
            } else if upper == 0x20 || upper == UInt8(ascii: "-") || upper == UInt8(ascii: "_"),
                      normalized.last != 0x20, normalized.last != UInt8(ascii: "&") {
                normalized.append(0x20)
            } else if PlainText.isDigit(upper) || upper == UInt8(ascii: ".") || upper == UInt8(ascii: ",") || upper == UInt8(ascii: "?") {
                return nil
            }
        }
        let trimmed = normalized.withUnsafeBufferPointer { Array($0[PlainText.trimmedBounds($0) { $0 == 0x20 }]) }
        guard !trimmed.isEmpty else { return nil }
        // An exact spelling is at distance 0, which no other (different) spelling reaches.
        if let exact = spellingBytes.first(where: { $0.0 == trimmed }) { return exact.1 }
        var best: (distance: Int, heading: Heading)?
        for (spelling, heading) in spellingBytes {
            let allowed = spelling.count >= 10 ? 2 : (spelling.count >= 6 ? 1 : 0)
            guard abs(spelling.count - trimmed.count) <= allowed else { continue }
            let distance = editDistance(trimmed, spelling, limit: allowed)
            if distance <= allowed, best.map({ distance < $0.distance }) ?? true {
                best = (distance, heading)
            }
        }
        return best?.heading
    }

    /// `classify` by Characters, for text that is not plain.
    private static func classifyByCharacters(_ line: String, uppercaseOnly: Bool) -> Heading? {
        guard line.count <= 40 else { return nil }
        if uppercaseOnly && line.contains(where: \.isLowercase) { return nil }
        var normalized = ""
        for character in line.uppercased() {
            if character.isLetter {
                normalized.append(character)
            } else if character == "&" {
                if normalized.last == " " { normalized.removeLast() }
                normalized.append(character)
            } else if character == " " || character == "-" || character == "_", normalized.last != " ", normalized.last != "&" {
                normalized.append(" ")
            } else if character.isNumber || character == "." || character == "," || character == "?" {
                return nil
            }
        }
        normalized = normalized.trimmed
        guard !normalized.isEmpty else { return nil }
        var best: (distance: Int, heading: Heading)?
        for (spelling, heading) in normalizedSpellings {
            let allowed = spelling.count >= 10 ? 2 : (spelling.count >= 6 ? 1 : 0)
            guard abs(spelling.count - normalized.count) <= allowed else { continue }
            let distance = editDistance(normalized, spelling, limit: allowed)
            if distance <= allowed, best.map({ distance < $0.distance }) ?? true {
                best = (distance, heading)
            }
        }
        return best?.heading
    }

    /// Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        editDistance(Array(a), Array(b), limit: limit)
    }

    /// Levenshtein distance between element sequences, giving up (returning limit + 1) once it exceeds `limit`.
    static func editDistance<Element: Equatable>(_ a: [Element], _ b: [Element], limit: Int) -> Int {
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMinimum = current[0]
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMinimum = Swift.min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
