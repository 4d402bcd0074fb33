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

    /// Whether `text` has the shape of an exchange ticker: a root of capitals and digits that starts with a capital
    /// ("CALX", "BRK.B", "ERICB.ST") or a root of digits with an exchange suffix ("7203.T", "0005.HK"); a lettered
    /// root may end in one lower-case share-class letter before a suffix ("ERICb.ST"), any root may carry a class of
    /// 1-3 capitals or digits after "-" or "/" ("BRK-B", "BRK/B"); then "."-separated suffixes of capitals and digits.
    /// At most 12 characters. Words ("Inc", "The", "CEOs"), years and "3Q12" are not tickers.
    static func looksLikeTicker(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        let count = bytes.count
        guard (1...12).contains(count) else { return false }
        func isUpper(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) }
        func isLower(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) }
        func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
        func run(from start: Int, _ accepts: (UInt8) -> Bool) -> Int {
            var end = start
            while end < count, accepts(bytes[end]) { end += 1 }
            return end
        }
        let digitRoot = isDigit(bytes[0])
        guard digitRoot || isUpper(bytes[0]) else { return false }
        var index = run(from: 0) { digitRoot ? isDigit($0) : (isUpper($0) || isDigit($0)) }
        var classLetter = false
        if index < count, isLower(bytes[index]) {
            guard !digitRoot, index >= 2 else { return false }
            classLetter = true
            index += 1
        }
        if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "/") {
            let end = run(from: index + 1) { isUpper($0) || isDigit($0) }
            guard (1...3).contains(end - index - 1) else { return false }
            index = end
        }
        var firstSuffixIsLettered: Bool?
        while index < count, bytes[index] == UInt8(ascii: ".") {
            let end = run(from: index + 1) { isUpper($0) || isDigit($0) }
            guard end > index + 1 else { return false }
            if firstSuffixIsLettered == nil { firstSuffixIsLettered = isUpper(bytes[index + 1]) }
            index = end
        }
        guard index == count else { return false }
        if digitRoot || classLetter { return firstSuffixIsLettered == true }
        return true
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
    /// Whether the string holds " - " (the separator of `Name - Firm - Title`); a byte scan, as it runs on every line.
    var hasSpacedDash: Bool { firstSpacedDashOffset != nil }

    /// Where the first " - " starts, if the string holds one.
    var firstSpacedDash: String.Index? {
        firstSpacedDashOffset.map { utf8.index(utf8.startIndex, offsetBy: $0) }
    }

    /// The UTF-8 offset of the first " - ".
    private var firstSpacedDashOffset: Int? {
        if let offset = utf8.withContiguousStorageIfAvailable(PlainText.firstSpacedDash) { return offset }
        return Array(utf8).withUnsafeBufferPointer(PlainText.firstSpacedDash)
    }

    /// The parts between " - " separators, like `components(separatedBy: " - ")` without Foundation's cost.
    var spacedDashParts: [String] {
        let bytes = utf8
        var parts: [String] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 0x20 {
                let dash = bytes.index(after: index)
                if dash < bytes.endIndex, bytes[dash] == 0x2D {
                    let space = bytes.index(after: dash)
                    if space < bytes.endIndex, bytes[space] == 0x20 {
                        parts.append(String(self[start..<index]))
                        start = bytes.index(after: space)
                        index = start
                        continue
                    }
                }
            }
            index = bytes.index(after: index)
        }
        parts.append(String(self[start...]))
        return parts
    }
}
