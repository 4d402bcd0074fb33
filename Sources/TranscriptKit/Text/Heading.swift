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
        ("QUESTIONS & ANSWERS", .questionsAndAnswers),
        ("Q&A", .questionsAndAnswers),
        ("DISCLAIMER", .disclaimer),
        ("DEFINITIONS", .definitions),
    ]

    /// The heading a whole line names, if any. With `uppercaseOnly`, a line with lower-case letters is never a heading.
    public static func classify(_ line: String, uppercaseOnly: Bool = false) -> Heading? {
        guard !line.isEmpty, line.utf8.count <= 120, line.count <= 40 else { return nil }
        if uppercaseOnly && line.contains(where: \.isLowercase) { return nil }
        var normalized = ""
        for character in line.uppercased() {
            if character.isLetter || character == "&" {
                normalized.append(character)
            } else if character == " " || character == "-" || character == "_", normalized.last != " " {
                normalized.append(" ")
            } else if character.isNumber || character == "." || character == "," || character == "?" {
                return nil
            }
        }
        normalized = normalized.trimmed
        guard !normalized.isEmpty else { return nil }
        var best: (distance: Int, heading: Heading)?
        for (spelling, heading) in spellings {
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
        let a = Array(a), b = Array(b)
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
