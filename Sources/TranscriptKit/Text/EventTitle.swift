import Foundation

/// What an event title such as "CALX - Q3 2012 Calix, Inc. Earnings Conference Call" says.
public struct EventTitle: Sendable, Equatable {
    /// The title as written, white space folded.
    public var title: String
    /// The ticker before a spaced dash (" - ", " – ", " — ", " -- ") or glued to a colon ("CALX: "), if the title
    /// starts with one, or the lone ticker-shaped word before the period ("CALX Q3 2012 Earnings Call").
    public var ticker: String?
    /// The fiscal quarter named in the title.
    public var fiscalPeriod: FiscalPeriod?
    /// The period words as written when they name a span that is not a quarter ("FY2012", "Half Year 2012"): cut
    /// from the company name, kept in the title, and not a `fiscalPeriod`.
    public var otherPeriod: String?
    /// The period words as written when they have the shape of a period but cannot be read ("Q3 FY2012-13",
    /// "Q1 2O13"): cut from the company name, kept in the title, and not a `fiscalPeriod`.
    public var unreadPeriod: String?
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
        if let (candidate, after) = EventTitle.leadingTicker(title), EventTitle.looksLikeTicker(candidate),
           !EventTitle.isPeriodWord(candidate) {
            ticker = String(candidate)
            rest = title[after...]
        }

        // The period is cut out wherever it stands: "Q3 2012 Calix Earnings Call", "Calix Q3 2012 Earnings Call".
        var words = rest.split(separator: " ")
        fiscalPeriod = nil
        otherPeriod = nil
        unreadPeriod = nil
        if let (span, period) = EventTitle.firstPeriod(in: words) ?? EventTitle.firstUnreadPeriod(in: words).map({ ($0, .unread) }) {
            switch period {
            case .quarter(let quarter): fiscalPeriod = quarter
            case .other: otherPeriod = words[span].joined(separator: " ")
            case .unread: unreadPeriod = words[span].joined(separator: " ")
            }
            var cut = span
            if ticker == nil, span.lowerBound == 1, EventTitle.looksLikeTicker(words[0]) {
                ticker = String(words[0])
                cut = 0..<span.upperBound
            }
            words.removeSubrange(cut)
        }

        kind = EventTitle.kind(of: title)
        let trimmed = words.joined(separator: " ").trimmingCharacters(in: EventTitle.separatorCharacters)
        company = EventTitle.companyPrefix(of: trimmed)
    }

    /// The characters that may separate a title's parts and are trimmed from the company name: spaces, the dashes
    /// a spaced dash may hold, and the colon after a ticker.
    static let separatorCharacters = " -\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}\u{2015}\u{2212}:"

    /// The first part of a title and where the rest starts, when a spaced dash ("CALX - Q3", "CALX – Q3",
    /// "CALX -- Q3") or a colon glued to the first word ("CALX: Q3") ends it.
    static func leadingTicker(_ title: String) -> (Substring, String.Index)? {
        if let space = title.firstIndex(of: " "), space > title.startIndex, title[title.index(before: space)] == ":" {
            let colon = title.index(before: space)
            return (title[..<colon], title.index(after: space))
        }
        guard let dash = title.firstSpacedDashRange else { return nil }
        return (title[..<dash.lowerBound], dash.upperBound)
    }

    /// Whether one word alone states a quarter or a span ("Q3", "3Q12", "FY2012", "H1"): such a word before a dash
    /// opens the period, not a ticker.
    public static func isPeriodWord(_ word: Substring) -> Bool {
        quarterWords([word], at: 0) != nil || spanWords([word], at: 0) != nil
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

    /// A period a title states: a fiscal quarter, or a span `FiscalPeriod` cannot hold (a full or half year).
    enum StatedPeriod: Equatable {
        case quarter(FiscalPeriod)
        case other
        /// Words shaped like a period that name no quarter or span sitegen can read.
        case unread
    }

    /// The first run of words that states a period, and what it states.
    static func firstPeriod(in words: [Substring]) -> (Range<Int>, StatedPeriod)? {
        for start in words.indices {
            if let (end, period) = period(words, at: start) { return (start..<end, period) }
        }
        return nil
    }

    /// The period the words from `start` state, and the index after its last word. Quarters: "Q3 2012", "3Q 2012",
    /// "3Q12", "Q3 '12", "Q3 FY2012", "Q3 Fiscal Year 2012", "Third Quarter 2012", "3rd-Quarter 2012", "2012 Q3",
    /// "FY2012 Q3", "Q4 and Full Year 2012", "Q4 2012 and Full Year"; others: "FY2012", "FY 2012", "Full Year 2012",
    /// "Fiscal 2012", "Year-End 2012", "H1 2012", "1H12", "Half Year 2012", "First Half 2012", "Interim 2012". A
    /// qualifier before it ("Preliminary") is part of the run.
    static func period(_ words: [Substring], at start: Int) -> (Int, StatedPeriod)? {
        var index = start
        while index < words.count, periodQualifiers.contains(plainWord(words[index])) { index += 1 }
        guard index < words.count else { return nil }
        // "Fiscal Q1 2013", "FY Q1 2013": the word belongs to the quarter that follows it.
        if ["fiscal", "fy"].contains(plainWord(words[index])), quarterWords(words, at: index + 1) != nil { index += 1 }
        if let (quarter, glued, next) = quarterWords(words, at: index) {
            if let year = glued { return (fullYearTail(words, at: next), .quarter(FiscalPeriod(year: year, quarter: quarter))) }
            if let (year, end) = yearWords(words, at: next) {
                return (fullYearTail(words, at: end), .quarter(FiscalPeriod(year: year, quarter: quarter)))
            }
            if next < words.count, ["and", "&"].contains(plainWord(words[next])),
               let (span, glued, spanEnd) = spanWords(words, at: next + 1), span == .fullYear,
               let (year, end) = glued.map({ ($0, spanEnd) }) ?? yearWords(words, at: spanEnd) {
                return (end, .quarter(FiscalPeriod(year: year, quarter: quarter)))
            }
            return nil
        }
        let word = plainWord(words[index])
        if word.count == 4, let year = year(word), case (let quarter, nil, let end)? = quarterWords(words, at: index + 1) {
            return (end, .quarter(FiscalPeriod(year: year, quarter: quarter)))
        }
        guard let (span, glued, next) = spanWords(words, at: index),
              let (year, end) = glued.map({ ($0, next) }) ?? yearWords(words, at: next) else { return nil }
        if span == .fullYear, case (let quarter, nil, let quarterEnd)? = quarterWords(words, at: end) {
            return (quarterEnd, .quarter(FiscalPeriod(year: year, quarter: quarter)))
        }
        return (end, .other)
    }

    /// The first run of words that has the shape of a period but states none `period` can read: a quarter word with
    /// a year-shaped word after it or glued on ("Q3 FY2012-13", "Q1 2O13", "Q3-2012/13"), or a year word ("FY2012-13").
    /// A quarter-shaped word with no year ("Q2 Holdings") is not one: it may be a name.
    static func firstUnreadPeriod(in words: [Substring]) -> Range<Int>? {
        for start in words.indices {
            var index = start
            while index < words.count, periodQualifiers.contains(plainWord(words[index])) { index += 1 }
            guard index < words.count else { return nil }
            let word = plainWord(words[index])
            if word.hasPrefix("fy"), word.dropFirst(2).first?.isNumber == true { return start..<(index + 1) }
            if ["fiscal", "fy"].contains(word), index + 1 < words.count, quarterWords(words, at: index + 1) != nil { index += 1 }
            guard let (_, glued) = quarterShape(plainWord(words[index])) else { continue }
            if glued.contains(where: \.isNumber) { return start..<(index + 1) }
            guard glued.isEmpty else { continue }
            var next = index + 1
            if next < words.count, plainWord(words[next]) == "fiscal" {
                next += 1
                if next < words.count, plainWord(words[next]) == "year" { next += 1 }
            } else if next < words.count, plainWord(words[next]) == "fy" {
                next += 1
            }
            if next < words.count, isYearShaped(plainWord(words[next])) { return start..<(next + 1) }
        }
        return nil
    }

    /// The quarter a word names ("q3", "3q", "fq3", "f3q", lower case), and what is glued after it ("12", "-2013").
    private static func quarterShape(_ word: String) -> (quarter: Int, glued: Substring)? {
        var characters = Substring(word)
        if characters.hasPrefix("f"), characters.dropFirst().first.map({ $0 == "q" || $0.isNumber }) == true {
            characters = characters.dropFirst()
        }
        guard characters.count >= 2 else { return nil }
        let first = characters[characters.startIndex], second = characters[characters.index(after: characters.startIndex)]
        let digit: Character
        if first == "q" { digit = second } else if second == "q" { digit = first } else { return nil }
        guard let quarter = digit.wholeNumberValue, (1...4).contains(quarter) else { return nil }
        return (quarter, characters.dropFirst(2))
    }

    /// Whether a word looks like a year that may not be readable: it starts with a digit, or with "fy" or an
    /// apostrophe before one ("2012-13", "2O13", "fy2012-13", "'1e").
    private static func isYearShaped(_ word: String) -> Bool {
        var rest = Substring(word)
        if rest.hasPrefix("fy") { rest = rest.dropFirst(2) }
        if rest.hasPrefix("'") || rest.hasPrefix("’") { rest = rest.dropFirst() }
        return rest.first?.isNumber == true
    }

    /// Words that may stand before a period and belong with it.
    private static let periodQualifiers: Set<String> = ["preliminary", "provisional", "unaudited"]

    /// A word in lower case without the punctuation that may follow it in a title.
    private static func plainWord(_ word: Substring) -> String {
        word.lowercased().trimmingCharacters(in: ",;:")
    }

    /// A quarter at `index`: "Q3", "3Q", either with an "F" (fiscal) before it ("FQ3", "F3Q") and a year glued on
    /// ("3Q12", "Q3'12", "Q3FY12", "F1Q13", "Q1-2013", "Q1/13"), or "Third Quarter", "3rd Quarter", "Third-Quarter".
    /// Returns the quarter, the glued year, and the index after the words.
    private static func quarterWords(_ words: [Substring], at index: Int) -> (Int, Int?, Int)? {
        guard index < words.count else { return nil }
        let word = plainWord(words[index])
        let ordinals = ["first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4]
        if word.hasSuffix("-quarter"), let quarter = ordinals[String(word.dropLast(8))] { return (quarter, nil, index + 1) }
        if let quarter = ordinals[word], index + 1 < words.count, plainWord(words[index + 1]) == "quarter" {
            return (quarter, nil, index + 2)
        }
        guard let (quarter, glued) = quarterShape(word) else { return nil }
        if glued.isEmpty { return (quarter, nil, index + 1) }
        var yearText = glued
        if yearText.first == "-" || yearText.first == "/" { yearText = yearText.dropFirst() }
        guard let year = yearToken(String(yearText)) else { return nil }
        return (quarter, year, index + 1)
    }

    /// The year at `index`, after an optional "Fiscal", "Fiscal Year" or "FY": "2012", "'12", "FY2012", "Fiscal 2012".
    private static func yearWords(_ words: [Substring], at index: Int) -> (Int, Int)? {
        var index = index
        if index < words.count, plainWord(words[index]) == "fiscal" {
            index += 1
            if index < words.count, plainWord(words[index]) == "year" { index += 1 }
        } else if index < words.count, plainWord(words[index]) == "fy" {
            index += 1
        }
        guard index < words.count, let year = yearToken(plainWord(words[index])) else { return nil }
        return (year, index + 1)
    }

    /// A year as one token: "2012", "12", "'12", "’12", "fy2012", "fy12", "fy'12" (lower case).
    private static func yearToken(_ token: String) -> Int? {
        var digits = Substring(token)
        if digits.hasPrefix("fy") { digits = digits.dropFirst(2) }
        if digits.hasPrefix("'") || digits.hasPrefix("’") { digits = digits.dropFirst() }
        return year(String(digits))
    }

    /// The spans a title may name instead of a quarter.
    enum Span: Equatable {
        case fullYear
        case halfYear
    }

    /// A full-year or half-year span at `index`: "FY", "FY2012" (year glued on), "Full Year", "Full-Year",
    /// "Fiscal Year", "Fiscal", "Year End", "Year-End", "H1", "2H12", "Half Year", "Half-Year", "First Half",
    /// "Interim". Returns the span, the glued year, and the index after the words.
    private static func spanWords(_ words: [Substring], at index: Int) -> (Span, Int?, Int)? {
        guard index < words.count else { return nil }
        let word = plainWord(words[index])
        let next = index + 1 < words.count ? plainWord(words[index + 1]) : ""
        switch word {
        case "fy", "full-year", "fullyear", "year-end", "yearend": return (.fullYear, nil, index + 1)
        case "fiscal": return next == "year" ? (.fullYear, nil, index + 2) : (.fullYear, nil, index + 1)
        case "full" where next == "year", "year" where next == "end": return (.fullYear, nil, index + 2)
        case "half-year", "halfyear", "interim": return (.halfYear, nil, index + 1)
        case "half" where next == "year": return (.halfYear, nil, index + 2)
        case "first", "second", "1st", "2nd":
            if next == "half" { return (.halfYear, nil, index + 2) }
            if next == "half-year" { return (.halfYear, nil, index + 2) }
            return nil
        default: break
        }
        if word.hasPrefix("fy"), let year = yearToken(word) { return (.fullYear, year, index + 1) }
        let characters = Array(word)
        guard characters.count >= 2,
              (characters[0] == "h" && "12".contains(characters[1])) || (characters[1] == "h" && "12".contains(characters[0])) else {
            return nil
        }
        let glued = String(characters.dropFirst(2))
        if glued.isEmpty { return (.halfYear, nil, index + 1) }
        guard let year = yearToken(glued) else { return nil }
        return (.halfYear, year, index + 1)
    }

    /// The index after "and Full Year" (with an optional year) following a quarter at `index`, else `index`.
    private static func fullYearTail(_ words: [Substring], at index: Int) -> Int {
        guard index < words.count, ["and", "&"].contains(plainWord(words[index])),
              let (span, glued, end) = spanWords(words, at: index + 1), span == .fullYear else { return index }
        if glued == nil, let (_, yearEnd) = yearWords(words, at: end) { return yearEnd }
        return end
    }

    /// A four-digit year from 1900 to 2200, or a two-digit one: 00-69 in the 2000s, 70-99 in the 1900s.
    static func year(_ text: String) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else { return nil }
        if text.count == 4, (1900...2200).contains(value) { return value }
        if text.count == 2 { return value < 70 ? 2000 + value : 1900 + value }
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

    /// The words before the first event marker that ends at a word's end (" Call" is not in "Callux"); nil if there is
    /// none, or if the text starts with one ("Earnings Call": the title names no company).
    static func companyPrefix(of title: String) -> String? {
        guard !title.isEmpty else { return nil }
        let text = " " + title
        var cut: String.Index?
        let plainCut: Int?? = text.withPlainUTF8 { bytes in
            var first: Int?
            for marker in eventMarkerBytes {
                var from = 0
                while let found = marker.withUnsafeBufferPointer({ PlainText.firstOffset(of: $0, in: bytes, from: from) }) {
                    let end = found + marker.count
                    if marker.last == 0x20 || end == bytes.count || !PlainText.isWordByte(bytes[end]) {
                        if first.map({ found < $0 }) ?? true { first = found }
                        break
                    }
                    from = found + 1
                }
            }
            return first
        }
        if let plainCut {
            cut = plainCut.map { text.utf8.index(text.startIndex, offsetBy: $0) }
        } else {
            for marker in eventMarkers {
                var from = text.startIndex
                while let range = text.range(of: marker, range: from..<text.endIndex) {
                    if marker.hasSuffix(" ") || range.upperBound == text.endIndex || !(text[range.upperBound].isLetter || text[range.upperBound].isNumber) {
                        if cut.map({ range.lowerBound < $0 }) ?? true { cut = range.lowerBound }
                        break
                    }
                    from = text.index(after: range.lowerBound)
                }
            }
        }
        guard let cut else { return nil }
        let company = text[..<cut].trimmingCharacters(in: separatorCharacters + ",")
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
