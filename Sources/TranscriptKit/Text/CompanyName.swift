import Foundation

/// Comparing company and firm names as transcripts write them.
public enum CompanyName {
    private static let legalSuffixes: Set<String> = [
        "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "lp", "plc",
        "sa", "ag", "nv", "se", "the", "group", "holdings", "and",
    ]

    /// A name reduced for comparison: "Calix, Inc." and "CALIX INC" are both "calix".
    public static func normalized(_ name: String) -> String {
        if let plain = name.withPlainUTF8(normalizedPlain) { return plain }
        let words = name.lowercased().replacingOccurrences(of: "&", with: " and ")
            .split { !$0.isLetter && !$0.isNumber }
            .map(String.init)
            .filter { !legalSuffixes.contains($0) }
        return words.isEmpty ? name.lowercased() : words.joined(separator: " ")
    }

    /// `normalized` for plain text (see `PlainText`), by bytes: "&" reads " and ", a legal suffix, so it only separates.
    private static func normalizedPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var word: [UInt8] = []
        func endWord() {
            guard !word.isEmpty else { return }
            if !legalSuffixes.contains(String(decoding: word, as: UTF8.self)) {
                if !result.isEmpty { result.append(0x20) }
                result += word
            }
            word.removeAll(keepingCapacity: true)
        }
        for byte in bytes {
            if PlainText.isDigit(byte) || byte | 0x20 &- 0x61 < 26 {
                word.append(byte | (PlainText.isDigit(byte) ? 0 : 0x20))
            } else {
                endWord()
            }
        }
        endWord()
        if result.isEmpty { return String(decoding: bytes.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self) }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether two names name the same firm, ignoring case, punctuation and legal suffixes.
    public static func same(_ a: String, _ b: String) -> Bool {
        same(normalized: normalized(a), normalized(b))
    }

    /// `same` for names already `normalized`.
    static func same(normalized x: String, _ y: String) -> Bool {
        if x == y { return true }
        guard !x.isEmpty, !y.isEmpty else { return false }
        return x.hasPrefix(y + " ") || y.hasPrefix(x + " ")
    }
}
