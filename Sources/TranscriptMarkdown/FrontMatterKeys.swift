import Foundation
import TranscriptKit

/// The keys of the YAML front matter, shared by the writer and the parser so both spell them the same way.
enum FrontMatterKey {
    static let company = "company"
    static let ticker = "ticker"
    static let title = "title"
    static let kind = "kind"
    static let fiscalPeriod = "fiscalPeriod"
    static let year = "year"
    static let quarter = "quarter"
    static let date = "date"
    static let timeZone = "timeZone"
    static let layout = "layout"
    static let participants = "participants"
    static let name = "name"
    static let affiliation = "affiliation"
    static let participantTitle = "title"
    static let group = "group"
    static let warnings = "warnings"
    static let severity = "severity"
    static let file = "file"
    static let line = "line"
    static let message = "message"

    /// The top-level keys in the order the writer emits them.
    static let topLevel = [company, ticker, title, kind, fiscalPeriod, date, timeZone, layout, participants, warnings]
    /// The keys of a `fiscalPeriod` mapping.
    static let fiscalPeriodKeys = [year, quarter]
    /// The keys of one `participants` entry.
    static let participantKeys = [name, affiliation, participantTitle, group]
    /// The keys of one `warnings` entry.
    static let warningKeys = [severity, file, line, message]
}

/// The `date` format: ISO 8601 in UTC with whole seconds, e.g. `2012-10-25T20:30:00Z`.
enum FrontMatterDate {
    /// The form the writer emits.
    static func string(from date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    /// Reads `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z`, `±hh:mm` or `±hhmm`, or by nothing (then UTC, as the
    /// front matter's dates are); a space may stand for the `T` ("2012-10-25 20:30"); or a bare date `YYYY-MM-DD`
    /// (midnight UTC). Anything else, or a field out of range ("2012-02-30", "25:99"), is nil: never another date.
    static func date(from string: String) -> Date? {
        var scanner = Scanner(Array(string.utf8))
        guard let year = scanner.digits(4), scanner.skip("-"), let month = scanner.digits(2), scanner.skip("-"),
              let day = scanner.digits(2), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        var seconds = 0
        var fraction = 0.0
        var offset = 0
        if !scanner.atEnd {
            guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" "), let hour = scanner.digits(2), scanner.skip(":"),
                  let minute = scanner.digits(2), (0...23).contains(hour), (0...59).contains(minute) else { return nil }
            var second = 0
            if scanner.skip(":") {
                guard let value = scanner.digits(2), (0...59).contains(value) else { return nil }
                second = value
                if scanner.skip(".") || scanner.skip(",") {
                    guard let digits = scanner.digitRun(), !digits.isEmpty else { return nil }
                    fraction = Double("0." + digits) ?? 0
                }
            }
            seconds = hour * 3600 + minute * 60 + second
            if !(scanner.skip("Z") || scanner.skip("z")), let sign = scanner.sign() {
                guard let hours = scanner.digits(2) else { return nil }
                _ = scanner.skip(":")
                guard let minutes = scanner.digits(2), (0...23).contains(hours), (0...59).contains(minutes) else { return nil }
                offset = sign * (hours * 3600 + minutes * 60)
            }
            guard scanner.atEnd else { return nil }
        }
        let days = CivilDays.since1970(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days * 86_400 + seconds - offset) + fraction)
    }

    /// The days in a month of the Gregorian calendar.
    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// A cursor over the bytes of a date.
    private struct Scanner {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { position == bytes.count }

        /// Consumes `character` if it is next.
        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard position < bytes.count, bytes[position] == UInt8(character.value) else { return false }
            position += 1
            return true
        }

        /// Exactly `count` ASCII digits, as a number.
        mutating func digits(_ count: Int) -> Int? {
            guard position + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[position..<(position + count)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            position += count
            return value
        }

        /// All the ASCII digits that follow.
        mutating func digitRun() -> String? {
            let start = position
            while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        /// +1 or -1 for a "+" or "-" next.
        mutating func sign() -> Int? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }
    }
}
