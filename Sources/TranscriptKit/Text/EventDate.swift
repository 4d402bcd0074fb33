import Foundation

/// Reads StreetEvents date lines such as "OCTOBER 25, 2012 / 8:30PM GMT", and the forms other exporters write:
/// "25 OCTOBER 2012 / 8:30PM GMT", "10/25/2012 08:30 PM GMT" (month first unless the first number exceeds 12),
/// "2012-10-25 20:30 GMT", "2012-10-25T20:30:00Z", "25-Oct-12 / 8:30PM GMT" (a two-digit year only in that form), and
/// zones with an offset ("9:30PM GMT+1", "20:30 +0100").
public enum EventDate {
    /// The UTC instant and the zone as written. Nil when no date is found. A time that cannot be read (see
    /// `Reading.unreadTime`) is left out: the date stands alone, at midnight UTC with no zone.
    public static func parse(_ raw: String) -> (date: Date, zone: String?)? {
        read(raw).map { ($0.date, $0.zone) }
    }

    /// What a date line says, and the time as written when it has the shape of one but cannot be read.
    public struct Reading: Sendable, Equatable {
        /// The UTC instant; midnight UTC of the day when the line gives no time that can be read.
        public var date: Date
        /// The zone as written, if a time was read.
        public var zone: String?
        /// The rest of the line from a time-shaped number on that is no time ("8:75PM GMT", "25:30", "8:3OPM GMT"):
        /// the time and zone are dropped rather than read as another time.
        public var unreadTime: String?
    }

    /// `parse`, and the time it could not read, for the caller to report.
    public static func reading(_ raw: String) -> Reading? {
        read(raw).map { Reading(date: $0.date, zone: $0.zone, unreadTime: $0.unreadTime) }
    }

    /// Whether the line is a date and nothing else (a weekday before it allowed), as an unlabelled date line is.
    static func isDateLine(_ line: String) -> Bool {
        read(line)?.wholeLine == true
    }

    /// A token of a date line: a run of letters (with dots) or of digits, and where it ends in the line.
    private struct Token {
        var text: String
        var isNumber: Bool
        var start: String.Index
        var end: String.Index
    }

    /// `parse`, whether every token of the line was part of the date, and the time-shaped text it could not read.
    private static func read(_ raw: String) -> (date: Date, zone: String?, wholeLine: Bool, unreadTime: String?)? {
        let tokens = tokenize(raw)
        guard let (year, month, day, first, after) = calendarDate(tokens, raw) else { return nil }
        var index = after
        // ISO 8601 joins the date and the time with a "T": "2012-10-25T20:30:00Z".
        if index + 1 < tokens.count, tokens[index].text == "T" || tokens[index].text == "t", tokens[index].start == tokens[index - 1].end,
           tokens[index + 1].isNumber, tokens[index + 1].start == tokens[index].end {
            index += 1
        }
        let timeStart = index
        var hour = 0, minute = 0, second = 0
        var zone: String?
        var offset = 0
        var unreadTime: String?
        if index < tokens.count, tokens[index].isNumber {
            if let (h, m, s, end) = clockTime(tokens, at: index, in: raw) {
                (hour, minute, second, index) = (h, m, s, end)
            } else {
                unreadTime = raw[tokens[index].start...].trimmed
                index = tokens.count
            }
        }
        if unreadTime == nil, index > timeStart {
            if index < tokens.count {
                let marker = tokens[index].text.uppercased()
                if marker == "AM" || marker == "A.M." || marker == "A" {
                    if hour == 12 { hour = 0 }
                    index += 1
                } else if marker == "PM" || marker == "P.M." || marker == "P" {
                    if hour < 12 { hour += 12 }
                    index += 1
                }
            }
            if index < tokens.count, !tokens[index].isNumber, tokens[index].text.allSatisfy(\.isLetter) {
                let name = tokens[index].text.uppercased()
                index += 1
                if let (written, seconds, digits) = utcOffset(after: tokens[index - 1].end, in: raw, zone: name) {
                    zone = name + written
                    offset = seconds
                    index += digits
                } else if let unread = unreadOffset(after: tokens[index - 1].end, in: raw, zone: name) {
                    zone = name + unread
                } else {
                    zone = name
                }
            } else if index < tokens.count, tokens[index].isNumber, isBareOffset(after: tokens[index - 1].end, in: raw),
                      let (written, seconds, digits) = utcOffset(after: tokens[index - 1].end, in: raw, zone: "UTC") {
                // A numeric zone on its own: "20:30 +0100", "20:30:00-04:00".
                zone = written
                offset = seconds
                index += digits
            }
        }
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        components.hour = hour
        components.minute = minute
        components.second = second
        var calendar = Calendar(identifier: .gregorian)
        let base = offset != 0 ? TimeZone(secondsFromGMT: offset) : zone.flatMap(timeZone(for:))
        calendar.timeZone = base ?? TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == day else { return nil }
        let weekdayFirst = first == 1 && !tokens[0].isNumber && weekdays.contains(String(tokens[0].text.lowercased().prefix(3)))
        return (date, zone, (first == 0 || weekdayFirst) && index == tokens.count && unreadTime == nil, unreadTime)
    }

    /// Hours (0-23), minutes and seconds (two digits, 00-59) from the number tokens at `index`, and the index after
    /// them; nil when they are no time: an hour over 23, minutes out of range or not two digits ("8:3O", where a letter
    /// O stands for a zero), or two-digit seconds out of range; a number of another length after the minutes is left.
    private static func clockTime(_ tokens: [Token], at start: Int, in raw: String) -> (Int, Int, Int, Int)? {
        func number(_ index: Int, digits: ClosedRange<Int>, in range: ClosedRange<Int>) -> Int? {
            guard index < tokens.count, tokens[index].isNumber, digits.contains(tokens[index].text.count),
                  let value = Int(tokens[index].text), range.contains(value) else { return nil }
            return value
        }
        guard let hour = number(start, digits: 1...2, in: 0...23) else { return nil }
        var index = start + 1
        var minute = 0, second = 0
        if index < tokens.count, tokens[index].isNumber {
            guard let m = number(index, digits: 2...2, in: 0...59) else { return nil }
            minute = m
            index += 1
            // Two digits after the minutes and a colon are seconds; another number (a numeric zone such as "+0100" or
            // "-04:00") ends the time.
            if index < tokens.count, tokens[index].isNumber, tokens[index].text.count == 2, raw[tokens[index - 1].end..<tokens[index].start] == ":" {
                guard let s = number(index, digits: 2...2, in: 0...59) else { return nil }
                second = s
                index += 1
            }
        }
        return (hour, minute, second, index)
    }

    /// Year, month and day, the index of the date's first token and the index after its last: "2012-10-25", "10/25/2012", "25/10/2012", "OCTOBER 25, 2012", "October 25th 2012",
    /// "25 OCTOBER 2012"; else the first month name anywhere with its day and year.
    private static func calendarDate(_ tokens: [Token], _ raw: String) -> (Int, Int, Int, Int, Int)? {
        if tokens.count >= 3, tokens[0].isNumber, tokens[1].isNumber, tokens[2].isNumber,
           let a = Int(tokens[0].text), let b = Int(tokens[1].text), let c = Int(tokens[2].text) {
            let (year, month, day): (Int, Int, Int)
            if tokens[0].text.count == 4 {
                (year, month, day) = (a, b, c)
            } else if tokens[2].text.count == 4 {
                (year, month, day) = a > 12 ? (c, b, a) : (c, a, b)
            } else {
                return nil
            }
            guard (1900...2200).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
            return (year, month, day, 0, 3)
        }
        var index = 0
        guard let month = findMonth(tokens, &index) else { return nil }
        let monthIndex = index - 1
        let isYear = { (i: Int) -> Int? in
            guard i < tokens.count, tokens[i].isNumber, tokens[i].text.count == 4, let year = Int(tokens[i].text),
                  (1900...2200).contains(year) else { return nil }
            return year
        }
        let isDay = { (i: Int) -> Int? in
            guard i >= 0, i < tokens.count, tokens[i].isNumber, tokens[i].text.count <= 2, let day = Int(tokens[i].text),
                  (1...31).contains(day) else { return nil }
            return day
        }
        let ordinalSuffixes: Set<String> = ["ST", "ND", "RD", "TH"]
        if let day = isDay(index) {
            var yearIndex = index + 1
            if yearIndex < tokens.count, ordinalSuffixes.contains(tokens[yearIndex].text.uppercased()) { yearIndex += 1 }
            if let year = isYear(yearIndex) { return (year, month, day, monthIndex, yearIndex + 1) }
        }
        if let day = isDay(monthIndex - 1), let year = isYear(index) {
            return (year, month, day, monthIndex - 1, index + 1)
        }
        if let day = isDay(monthIndex - 1), let year = twoDigitYear(tokens, raw, at: index) {
            return (year, month, day, monthIndex - 1, index + 1)
        }
        return nil
    }

    /// The year of "25-Oct-12": two digits joined to the month by one "-", "/" or ".", not followed by ":" (which
    /// would make them an hour: "25 Oct 12:30"); 00–69 are 2000–2069 and 70–99 are 1970–1999, as POSIX's `%y` reads them.
    private static func twoDigitYear(_ tokens: [Token], _ raw: String, at index: Int) -> Int? {
        guard index > 0, index < tokens.count, tokens[index].isNumber, tokens[index].text.count == 2, let value = Int(tokens[index].text) else { return nil }
        let between = raw[tokens[index - 1].end..<tokens[index].start]
        // A dot after the month is read into its token ("Mar.07").
        let joined = between.count == 1 && "-/.".contains(between.first!) || between.isEmpty && tokens[index - 1].text.hasSuffix(".")
        guard joined, raw[tokens[index].end...].first != ":" else { return nil }
        return value < 70 ? 2000 + value : 1900 + value
    }

    /// Three-letter weekday names, which may stand before a date.
    private static let weekdays: Set<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Whether an offset with no zone name follows: a sign joined to "hhmm", "hh:mm" or "hh" that ends there ("+0100",
    /// "-04:00"), not a second time ("8:30PM - 9:30PM").
    private static func isBareOffset(after end: String.Index, in raw: String) -> Bool {
        let rest = raw[end...].drop { $0 == " " }
        guard let sign = rest.first, "+-−".contains(sign) else { return false }
        let written = rest.dropFirst().prefix { $0.isASCII && ($0.isNumber || $0 == ":") }
        let shape = written.map { $0 == ":" ? ":" : "d" }.joined()
        guard ["dddd", "dd:dd", "dd"].contains(shape) else { return false }
        let after = rest.dropFirst(1 + written.count).first
        return after == nil || after == " " || after == "/" || after == ")"
    }

    /// What follows a GMT, UTC or UT zone when it starts like an offset ("+" or "-") that `utcOffset` cannot read
    /// ("+15", "+1x"): kept in the zone as written, so that the zone is reported as unknown rather than read as UTC.
    private static func unreadOffset(after end: String.Index, in raw: String, zone: String) -> String? {
        guard ["GMT", "UTC", "UT"].contains(zone) else { return nil }
        let rest = raw[end...].drop { $0 == " " }
        guard let sign = rest.first, "+-−".contains(sign) else { return nil }
        return String(rest.prefix { $0 != " " && $0 != "/" })
    }

    /// The UTC offset written right after a GMT, UTC or UT zone ("+1", "-05:00", "+0530"), as written, in seconds
    /// east, and how many digit tokens it spans.
    private static func utcOffset(after end: String.Index, in raw: String, zone: String) -> (String, Int, Int)? {
        guard ["GMT", "UTC", "UT"].contains(zone) else { return nil }
        var rest = raw[end...].drop { $0 == " " }
        guard let sign = rest.first, "+-−".contains(sign) else { return nil }
        rest = rest.dropFirst().drop { $0 == " " }
        let written = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ":") }
        let parts = written.split(separator: ":", omittingEmptySubsequences: false)
        let hours: Int, minutes: Int
        switch (parts.count, parts.first?.count ?? 0) {
        case (1, 1...2): (hours, minutes) = (Int(parts[0])!, 0)
        case (1, 4): (hours, minutes) = (Int(parts[0].prefix(2))!, Int(parts[0].suffix(2))!)
        case (2, 1...2) where parts[1].count == 2: (hours, minutes) = (Int(parts[0])!, Int(parts[1])!)
        default: return nil
        }
        guard (0...14).contains(hours), (0...59).contains(minutes) else { return nil }
        let seconds = (hours * 3600 + minutes * 60) * (sign == "+" ? 1 : -1)
        return ((sign == "+" ? "+" : "-") + written, seconds, parts.count)
    }

    /// Whether a zone abbreviation is one sitegen converts; unknown ones are read as UTC.
    public static func isKnownZone(_ zone: String) -> Bool { timeZone(for: zone) != nil }

    private static let months = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
        "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    ]

    /// Finds the first month-name token and moves `index` past it.
    private static func findMonth(_ tokens: [Token], _ index: inout Int) -> Int? {
        for (position, token) in tokens.enumerated() where !token.isNumber {
            let lower = token.text.lowercased().trimmingCharacters(in: ".")
            guard lower.count >= 3, let month = months[String(lower.prefix(3))] else { continue }
            if lower.count == 3 || lower == "sept" || monthNames.contains(lower) {
                index = position + 1
                return month
            }
        }
        return nil
    }

    private static let monthNames: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december",
    ]

    /// Splits into runs of letters (with dots) and runs of digits; separators are dropped.
    private static func tokenize(_ raw: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var currentIsDigit = false
        var index = raw.startIndex
        var start = raw.startIndex
        while index < raw.endIndex {
            let character = raw[index]
            let isDigit = character.isASCII && character.isNumber
            let isLetter = character.isLetter || (character == "." && !current.isEmpty && !currentIsDigit)
            if isDigit || isLetter {
                if !current.isEmpty && currentIsDigit != isDigit {
                    tokens.append(Token(text: current, isNumber: currentIsDigit, start: start, end: index))
                    current = ""
                }
                if current.isEmpty { start = index }
                currentIsDigit = isDigit
                current.append(character)
            } else if !current.isEmpty {
                tokens.append(Token(text: current, isNumber: currentIsDigit, start: start, end: index))
                current = ""
            }
            index = raw.index(after: index)
        }
        if !current.isEmpty { tokens.append(Token(text: current, isNumber: currentIsDigit, start: start, end: raw.endIndex)) }
        return tokens
    }

    /// The time zone an abbreviation such as "GMT" or "ET" stands for, if sitegen knows it; "GMT+1", "UTC-05:00"
    /// stand for fixed offsets.
    public static func timeZone(for abbreviation: String) -> TimeZone? {
        let upper = abbreviation.uppercased()
        if let signIndex = upper.firstIndex(where: { $0 == "+" || $0 == "-" }) {
            let name = String(upper[..<signIndex])
            // A bare offset ("+0100") is one from UTC.
            guard let (_, seconds, _) = utcOffset(after: signIndex, in: upper, zone: name.isEmpty ? "UTC" : name),
                  upper[signIndex...].allSatisfy({ $0.isNumber || "+-:".contains($0) }) else { return nil }
            return TimeZone(secondsFromGMT: seconds)
        }
        return namedZone(upper)
    }

    /// The zone a plain abbreviation names.
    private static func namedZone(_ abbreviation: String) -> TimeZone? {
        switch abbreviation {
        case "GMT", "UTC", "Z", "UT": return TimeZone(identifier: "UTC")
        case "ET": return TimeZone(identifier: "America/New_York")
        case "CT": return TimeZone(identifier: "America/Chicago")
        case "MT": return TimeZone(identifier: "America/Denver")
        case "PT": return TimeZone(identifier: "America/Los_Angeles")
        case "EST": return TimeZone(secondsFromGMT: -5 * 3600)
        case "EDT": return TimeZone(secondsFromGMT: -4 * 3600)
        case "CST": return TimeZone(secondsFromGMT: -6 * 3600)
        case "CDT": return TimeZone(secondsFromGMT: -5 * 3600)
        case "MST": return TimeZone(secondsFromGMT: -7 * 3600)
        case "MDT": return TimeZone(secondsFromGMT: -6 * 3600)
        case "PST": return TimeZone(secondsFromGMT: -8 * 3600)
        case "PDT": return TimeZone(secondsFromGMT: -7 * 3600)
        case "BST": return TimeZone(secondsFromGMT: 3600)
        case "CET": return TimeZone(secondsFromGMT: 3600)
        case "CEST": return TimeZone(secondsFromGMT: 2 * 3600)
        case "JST": return TimeZone(secondsFromGMT: 9 * 3600)
        case "HKT": return TimeZone(secondsFromGMT: 8 * 3600)
        case "AEST": return TimeZone(secondsFromGMT: 10 * 3600)
        case "AEDT": return TimeZone(secondsFromGMT: 11 * 3600)
        default: return nil
        }
    }
}
