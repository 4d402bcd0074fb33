import Foundation

/// What an event title such as "CALX - Q3 2012 Calix, Inc. Earnings Conference Call" says.
public struct EventTitle: Sendable, Equatable {
    /// The title as written, white space folded.
    public var title: String
    /// The ticker before " - ", if the title starts with one.
    public var ticker: String?
    /// The fiscal quarter named in the title.
    public var fiscalPeriod: FiscalPeriod?
    /// The company name, if the title's shape shows where it ends.
    public var company: String?
    /// The kind of event the wording names.
    public var kind: EventKind

    /// Reads a title. Never fails: parts it cannot find stay nil.
    public init(parsing raw: String) {
        let title = raw.split(whereSeparator: { $0 == " " }).joined(separator: " ")
        self.title = title
        var rest = Substring(title)

        ticker = nil
        if let dash = rest.range(of: " - ") {
            let candidate = rest[..<dash.lowerBound]
            if EventTitle.looksLikeTicker(candidate) {
                ticker = String(candidate)
                rest = rest[dash.upperBound...]
            }
        }

        fiscalPeriod = nil
        if let (period, after) = EventTitle.leadingPeriod(rest) {
            fiscalPeriod = period
            rest = after
        }

        kind = EventTitle.kind(of: title)
        let trimmed = rest.trimmingCharacters(in: " -")
        company = EventTitle.companyPrefix(of: trimmed)
    }

    /// A ticker is 1-10 upper-case letters or digits, with at most one dot or hyphen-free suffix such as "BRK.A".
    static func looksLikeTicker(_ text: Substring) -> Bool {
        guard (1...10).contains(text.count), text.first?.isLetter == true else { return false }
        return text.allSatisfy { ($0.isASCII && ($0.isUppercase || $0.isNumber)) || $0 == "." }
    }

    /// "Q3 2012", "Q3 FY2012", "Q3 Fiscal 2012", "Third Quarter 2012" at the start of `text`.
    static func leadingPeriod(_ text: Substring) -> (FiscalPeriod, Substring)? {
        let words = text.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: true)
        guard words.count >= 2 else { return nil }
        var quarter: Int?
        var index = 0
        let first = words[0].uppercased()
        if first.count == 2, first.hasPrefix("Q"), let q = Int(first.dropFirst()), (1...4).contains(q) {
            quarter = q
            index = 1
        } else if words.count >= 3, words[1].lowercased() == "quarter",
                  let q = ["first": 1, "second": 2, "third": 3, "fourth": 4][words[0].lowercased()] {
            quarter = q
            index = 2
        }
        guard let quarter, index < words.count else { return nil }
        var yearWord = words[index].uppercased()
        if yearWord == "FISCAL" || yearWord == "FY", index + 1 < words.count {
            index += 1
            yearWord = words[index].uppercased()
        }
        if yearWord.hasPrefix("FY") { yearWord.removeFirst(2) }
        guard let year = EventTitle.year(yearWord) else { return nil }
        let after = index + 1 < words.count ? text[words[index + 1].startIndex...] : text[text.endIndex...]
        return (FiscalPeriod(year: year, quarter: quarter), after)
    }

    private static func year(_ text: String) -> Int? {
        guard text.allSatisfy(\.isNumber), let value = Int(text) else { return nil }
        if text.count == 4, (1900...2200).contains(value) { return value }
        if text.count == 2 { return 2000 + value }
        return nil
    }

    /// Phrases that end the company name and begin the event's own name.
    private static let eventMarkers = [
        " Earnings", " Financial Results", " Results Conference", " Results Call", " Conference Call",
        " Investor Day", " Investor Meeting", " Analyst Day", " Analyst Meeting", " Analyst and Investor",
        " Annual General Meeting", " Annual Shareholder", " Annual Meeting", " Shareholder Meeting",
        " Special Call", " Business Update", " Guidance Call", " Sales Call", " Trading Update",
        " Merger", " Acquisition", " M&A", " Call", " at ", " Presents at", " to Present",
    ]

    /// `eventMarkers` as bytes, for plain titles.
    private static let eventMarkerBytes = eventMarkers.map { Array($0.utf8) }

    static func companyPrefix(of text: String) -> String? {
        guard !text.isEmpty else { return nil }
        var cut: String.Index?
        let plainCut: Int?? = text.withPlainUTF8 { bytes in
            var first: Int?
            for marker in eventMarkerBytes {
                let found = marker.withUnsafeBufferPointer { PlainText.firstOffset(of: $0, in: bytes) }
                if let found, first.map({ found < $0 }) ?? true { first = found }
            }
            return first
        }
        if let plainCut {
            cut = plainCut.map { text.utf8.index(text.startIndex, offsetBy: $0) }
        } else {
            for marker in eventMarkers {
                if let range = text.range(of: marker), cut.map({ range.lowerBound < $0 }) ?? true {
                    cut = range.lowerBound
                }
            }
        }
        guard let cut else { return nil }
        let company = text[..<cut].trimmingCharacters(in: " -,")
        return company.isEmpty ? nil : company
    }

    static func kind(of title: String) -> EventKind {
        let plain = title.withPlainUTF8 { bytes -> EventKind in
            func has(_ word: StaticString) -> Bool { PlainText.contains(bytes, caseInsensitive: word) }
            if has("EARNINGS") || has("RESULTS") { return .earningsCall }
            let venue = has("CONFERENCE") || has("SUMMIT") || has("FORUM") || has("SYMPOSIUM") || has("EXPO") || has("SHOW")
                || has("PRESENTATION")
            if has(" AT "), venue { return .conferencePresentation }
            if has("PRESENTATION") || has("PRESENTS") { return .conferencePresentation }
            return .other
        }
        if let plain { return plain }
        let lower = title.lowercased()
        if lower.contains("earnings") || lower.contains("results") { return .earningsCall }
        let venues = ["conference", "summit", "forum", "symposium", "expo", "show", "presentation"]
        if lower.contains(" at "), venues.contains(where: lower.contains) { return .conferencePresentation }
        if lower.contains("presentation") || lower.contains("presents") { return .conferencePresentation }
        return .other
    }
}

extension StringProtocol {
    /// The string without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        var start = startIndex, end = endIndex
        while start < end, set.contains(self[start]) { start = index(after: start) }
        while end > start, set.contains(self[index(before: end)]) { end = index(before: end) }
        return String(self[start..<end])
    }

    /// The string with leading and trailing spaces removed.
    var trimmed: String { trimmingASCII { $0 == 0x20 } ?? trimmingCharacters(in: " ") }
}

extension String {
    /// Whether the string holds a spaced dash, the separator of `Name - Firm - Title` (" - ", " – ", " — ", " -- ";
    /// see `PlainText.spacedDashLength`); a byte scan, as it runs on every line.
    var hasSpacedDash: Bool { firstSpacedDashOffset != nil }

    /// Where the first spaced dash starts, if the string holds one.
    var firstSpacedDash: String.Index? {
        firstSpacedDashOffset.map { utf8.index(utf8.startIndex, offsetBy: $0) }
    }

    /// The UTF-8 offset of the first spaced dash.
    private var firstSpacedDashOffset: Int? {
        if let offset = utf8.withContiguousStorageIfAvailable(PlainText.firstSpacedDash) { return offset }
        return Array(utf8).withUnsafeBufferPointer(PlainText.firstSpacedDash)
    }

    /// The first spaced dash, spaces included.
    var firstSpacedDashRange: Range<String.Index>? {
        let range = utf8.withContiguousStorageIfAvailable { PlainText.firstSpacedDashRange($0) }
            ?? Array(utf8).withUnsafeBufferPointer { PlainText.firstSpacedDashRange($0) }
        return range.map { utf8.index(utf8.startIndex, offsetBy: $0.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: $0.upperBound) }
    }

    /// The parts between spaced dashes, like `components(separatedBy: " - ")` for every dash the separator may hold.
    var spacedDashParts: [String] {
        let ranges = spacedDashPartOffsets
        return ranges.map { substring(utf8Offsets: $0) }
    }

    /// The separators between `spacedDashParts`, as written (" - ", " – " ...): one fewer than the parts.
    var spacedDashSeparators: [String] {
        let ranges = spacedDashPartOffsets
        return zip(ranges, ranges.dropFirst()).map { substring(utf8Offsets: $0.upperBound..<$1.lowerBound) }
    }

    /// The string with every spaced dash written " - ", the form participant entries are compared in.
    var withHyphenSpacedDashes: String {
        let ranges = spacedDashPartOffsets
        guard ranges.count > 1 else { return self }
        return ranges.map { substring(utf8Offsets: $0) }.joined(separator: " - ")
    }

    /// The UTF-8 offset ranges of `spacedDashParts`.
    private var spacedDashPartOffsets: [Range<Int>] {
        if let ranges = utf8.withContiguousStorageIfAvailable(PlainText.spacedDashPartRanges) { return ranges }
        return Array(utf8).withUnsafeBufferPointer(PlainText.spacedDashPartRanges)
    }

    /// The text between two UTF-8 offsets that fall on scalar boundaries.
    private func substring(utf8Offsets range: Range<Int>) -> String {
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        return String(self[start..<end])
    }
}
