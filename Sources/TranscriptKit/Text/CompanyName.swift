import Foundation

/// Comparing company and firm names as transcripts write them.
public enum CompanyName {
    private static let legalSuffixes: Set<String> = [
        "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "lp", "plc",
        "sa", "ag", "nv", "se", "the", "group", "holdings", "and",
    ]

    /// A name reduced for comparison: "Calix, Inc." and "CALIX INC" are both "calix".
    public static func normalized(_ name: String) -> String {
        let words = name.lowercased().replacingOccurrences(of: "&", with: " and ")
            .split { !$0.isLetter && !$0.isNumber }
            .map(String.init)
            .filter { !legalSuffixes.contains($0) }
        return words.isEmpty ? name.lowercased() : words.joined(separator: " ")
    }

    /// Whether two names name the same firm, ignoring case, punctuation and legal suffixes.
    public static func same(_ a: String, _ b: String) -> Bool {
        let x = normalized(a), y = normalized(b)
        if x == y { return true }
        guard !x.isEmpty, !y.isEmpty else { return false }
        return x.hasPrefix(y + " ") || y.hasPrefix(x + " ")
    }
}
