import Foundation
import TranscriptKit

/// An analyst who asked in another analyst's place: the operator announced one name and another person spoke.
public struct StandIn: Sendable, Hashable {
    /// The index in `transcript.turns` of the stand-in's first turn (0-based).
    public let turn: Int
    /// The participant who spoke (their participant name).
    public let analyst: String
    /// The analyst the operator announced, as the operator wrote the name.
    public let announced: String
    /// The firm the operator named, if any.
    public let announcedFirm: String?
    /// The sentence in which the stand-in says so ("It's actually Jeremy David calling in for Ehud.").
    public let sentence: String

    /// Creates a stand-in.
    public init(turn: Int, analyst: String, announced: String, announcedFirm: String?, sentence: String) {
        self.turn = turn
        self.analyst = analyst
        self.announced = announced
        self.announcedFirm = announcedFirm
        self.sentence = sentence
    }
}

/// Finds "who asked for whom".
///
/// Rule: an operator turn announces an analyst ("… question comes from the line of Ehud Gelblum of Morgan Stanley");
/// the next turn is by a different analyst (not the same person by `PersonName.samePerson`), whose first paragraph
/// says they are there for the announced one: "for", "in for", "on behalf of" followed by the announced first name,
/// last name or full name ("It's actually Jeremy David calling in for Ehud", "This is actually Doug Clark for Simona").
/// Both halves must hold; otherwise nothing is recorded.
public enum StandInDetector {
    /// Every stand-in in `transcript`, in turn order.
    public static func standIns(in transcript: Transcript) -> [StandIn] {
        let turns = transcript.turns
        var result: [StandIn] = []
        for index in turns.indices.dropLast() {
            let turn = turns[index]
            let isOperator = transcript.participant(named: turn.speaker)?.group == .operator || PersonName.isOperator(turn.speaker)
            let next = turns[index + 1]
            // Cheap checks first: an analyst speaks next and says "for <Name>" or "on behalf of" somewhere.
            guard isOperator, transcript.participant(named: next.speaker)?.group == .analyst,
                  let paragraph = next.paragraphs.first, saysForSomeone(paragraph),
                  let text = turn.paragraphs.last, let (announced, firm) = announcement(in: text),
                  !PersonName.samePerson(next.speaker, announced),
                  let sentence = sentenceNamingFor(announced, in: paragraph) else { continue }
            result.append(StandIn(turn: index + 1, analyst: next.speaker, announced: announced, announcedFirm: firm, sentence: sentence))
        }
        return result
    }

    /// Whether `text` has "for" followed by a capitalised word, or "on behalf of".
    static func saysForSomeone(_ text: String) -> Bool {
        withUTF8Bytes(text) { bytes in
            let behalf: StaticString = "behalf of"
            if ByteSearch.contains(bytes, UnsafeBufferPointer(start: behalf.utf8Start, count: behalf.utf8CodeUnitCount)) { return true }
            // "for " followed by a capital, at the start or after a space.
            let count = bytes.count
            var offset = 0
            while offset + 4 <= count {
                if bytes[offset] == 0x66, bytes[offset + 1] == 0x6F, bytes[offset + 2] == 0x72, bytes[offset + 3] == 0x20,
                   offset == 0 || bytes[offset - 1] == 0x20, offset + 4 < count, isASCIIUppercase(bytes[offset + 4]) {
                    return true
                }
                offset += 1
            }
            return false
        }
    }

    private static let announcementPattern = try! NSRegularExpression(pattern:
        #"(?:question|questions)\b[^.?!]*?\b(?:from|to)\s+(?:the\s+line\s+of\s+)?((?:[A-Z][\p{L}'’.-]*)(?:\s+[A-Z][\p{L}'’.-]*){1,3})(?:\s+(?:of|from|with|at)\s+([A-Z][^.,;?!()]*?))?\s*(?:[.,;?!(]|$)"#)

    /// The analyst name and firm an operator sentence announces.
    static func announcement(in text: String) -> (String, String?)? {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = announcementPattern.firstMatch(in: text, range: range),
              let nameRange = Range(match.range(at: 1), in: text) else { return nil }
        var name = String(text[nameRange])
        while name.hasSuffix(".") { name.removeLast() }
        guard PersonName.isPlausible(name), name.split(separator: " ").count >= 2 else { return nil }
        let firm = Range(match.range(at: 2), in: text).map { String(text[$0]).trimmingCharacters(in: .whitespaces) }
        return (name, firm?.isEmpty == true ? nil : firm)
    }

    /// The sentence of `paragraph` saying the speaker is there for `announced` ("for Ehud", "on behalf of Ehud Gelblum").
    static func sentenceNamingFor(_ announced: String, in paragraph: String) -> String? {
        let words = announced.split(separator: " ").map(String.init)
        let forms = Set([announced, words.first!, words.last!]).sorted { $0.count > $1.count }
        for sentence in SentenceSplitter.sentences(in: paragraph) {
            let bytes = Array(paragraph[sentence].utf8)
            for lead in ["for ", "on behalf of "] {
                for offset in Occurrence.offsets(of: Array(lead.utf8), in: bytes) where offset == 0 || bytes[offset - 1] == 0x20 {
                    let start = offset + lead.utf8.count
                    for form in forms {
                        let name = Array(form.utf8)
                        guard start + name.count <= bytes.count, Array(bytes[start..<(start + name.count)]) == name else { continue }
                        let end = start + name.count
                        // The name must end there: not "Ehudson", not "Ehud-like".
                        if end == bytes.count || !(bytes[end] >= 0x41 && bytes[end] <= 0x5A || bytes[end] >= 0x61 && bytes[end] <= 0x7A || bytes[end] == 0x2D || bytes[end] >= 0x80) {
                            let utf8 = paragraph.utf8
                            let from = utf8.index(sentence.lowerBound, offsetBy: offset)
                            return SentenceSplitter.quote(sentence, around: from..<utf8.index(sentence.lowerBound, offsetBy: end), in: paragraph)
                        }
                    }
                }
            }
        }
        return nil
    }
}
