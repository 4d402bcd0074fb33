import Foundation

/// Reads StreetEvents date lines such as "OCTOBER 25, 2012 / 8:30PM GMT".
public enum EventDate {
    /// The UTC instant and the zone as written. Nil when no date is found.
    public static func parse(_ raw: String) -> (date: Date, zone: String?)? {
        let tokens = tokenize(raw)
        var index = 0
        guard let month = findMonth(tokens, &index), index + 1 < tokens.count,
              let day = Int(tokens[index]), (1...31).contains(day),
              let year = Int(tokens[index + 1]), (1900...2200).contains(year) else { return nil }
        index += 2
        var hour = 0, minute = 0
        var zone: String?
        if index < tokens.count, let h = Int(tokens[index]), (0...23).contains(h) {
            hour = h
            index += 1
            if index < tokens.count, let m = Int(tokens[index]), tokens[index].count == 2, (0...59).contains(m) {
                minute = m
                index += 1
            }
            if index < tokens.count {
                let marker = tokens[index].uppercased()
                if marker == "AM" || marker == "A.M." || marker == "A" {
                    if hour == 12 { hour = 0 }
                    index += 1
                } else if marker == "PM" || marker == "P.M." || marker == "P" {
                    if hour < 12 { hour += 12 }
                    index += 1
                }
            }
            if index < tokens.count, tokens[index].allSatisfy(\.isLetter) { zone = tokens[index].uppercased() }
        }
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        components.hour = hour
        components.minute = minute
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone.flatMap(timeZone(for:)) ?? TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == day else { return nil }
        return (date, zone)
    }

    /// Whether a zone abbreviation is one sitegen converts; unknown ones are read as UTC.
    public static func isKnownZone(_ zone: String) -> Bool { timeZone(for: zone) != nil }

    private static let months = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
        "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    ]

    /// Finds the first month-name token and moves `index` past it.
    private static func findMonth(_ tokens: [String], _ index: inout Int) -> Int? {
        for (position, token) in tokens.enumerated() where token.first?.isLetter == true {
            let lower = token.lowercased().trimmingCharacters(in: ".")
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
    private static func tokenize(_ raw: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var currentIsDigit = false
        for character in raw {
            let isDigit = character.isASCII && character.isNumber
            let isLetter = character.isLetter || (character == "." && !current.isEmpty && !currentIsDigit)
            if isDigit || isLetter {
                if !current.isEmpty && currentIsDigit != isDigit {
                    tokens.append(current); current = ""
                }
                currentIsDigit = isDigit
                current.append(character)
            } else if !current.isEmpty {
                tokens.append(current); current = ""
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// The time zone an abbreviation such as "GMT" or "ET" stands for, if sitegen knows it.
    public static func timeZone(for abbreviation: String) -> TimeZone? {
        switch abbreviation.uppercased() {
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
