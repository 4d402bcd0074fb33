import Foundation

/// Whether a sentence talks about the past or the future, which decides how "on the 14th" or "November 7th" resolve.
public enum Tense: Sendable, Hashable {
    /// "I was keynoting", "we attended".
    case past
    /// "we will present", "upcoming".
    case future
    /// Nothing tells.
    case neutral

    static let futureWords: Set<String> = ["will", "shall", "going", "upcoming", "next", "plan", "plans", "hope", "expect", "coming", "forward", "scheduled", "planning"]
    static let pastWords: Set<String> = ["was", "were", "attended", "spoke", "presented", "keynoted", "held", "last", "had", "did", "went", "earlier", "hosted", "ago"]

    /// `futureWords` and `pastWords`, quick to test.
    static let futureSet = WordSet(futureWords)
    static let pastSet = WordSet(pastWords)

    /// The tense of a run of tokens: past or future words, not both.
    static func of(_ tokens: ArraySlice<Token>) -> Tense {
        var past = false, future = false
        let futureSet = Self.futureSet, pastSet = Self.pastSet
        for token in tokens where token.isWord {
            if futureSet.contains(token) || endsInWill(token) { future = true }
            if pastSet.contains(token) { past = true }
        }
        if past == future { return .neutral }
        return past ? .past : .future
    }

    /// Whether the token ends in "'ll" or "’ll" ("we'll", "I’ll").
    static func endsInWill(_ token: Token) -> Bool {
        if token.isASCII {
            // Each byte is a character, and "’" is not ASCII.
            let utf8 = token.lower.utf8
            guard utf8.count >= 3 else { return false }
            var bytes = utf8.reversed().makeIterator()
            return bytes.next() == 0x6C && bytes.next() == 0x6C && bytes.next() == 0x27
        }
        return token.lower.hasSuffix("'ll") || token.lower.hasSuffix("’ll")
    }
}

/// A date phrase found in a sentence: the dates it resolves to and the tokens it spans.
struct DateMatch {
    let dates: EventDates
    let tokens: Range<Int>
}

/// Reads date phrases and resolves them against the day of the call.
///
/// Understood: "November 7th", "Nov. 7", "November 7, 2012", "7 November", "the 14th of November", ranges
/// ("November 7-9", "November 7th to 9th", "November 30 – December 2", "November 7th and 8th"), "in November",
/// "in early December", "mid-November", "on the 14th", "today", "this morning", "tonight", "yesterday",
/// "tomorrow", "this week", "next week", "last week", "this month", "next month", "early next month",
/// "late next month", "later this month", "on Tuesday", "next Tuesday". A month and day without a year take the
/// year that puts them nearest the call (the next one for future sentences, the last one for past ones).
struct DateReader {
    /// The day of the call in its stated zone; nil when the transcript has no date (then only dates with a year resolve).
    let callDay: EventDay?
    /// The sentence's tense.
    let tense: Tense
    /// The year the event's name states ("Beta Technology Conference 2013"): a month and day, or a month, without a
    /// year of their own are in it.
    var yearHint: Int? = nil

    static let months: [String: Int] = {
        var table: [String: Int] = [:]
        for (index, name) in EventDay.monthNames.enumerated() {
            table[name.lowercased()] = index + 1
            table[String(name.lowercased().prefix(3))] = index + 1
        }
        table["sept"] = 9
        return table
    }()

    static let weekdays = ["monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7]

    /// The first date phrase in `tokens[range]`.
    func first(in tokens: [Token], range: Range<Int>) -> DateMatch? {
        var index = range.lowerBound
        while index < range.upperBound {
            if let match = match(tokens, at: index, limit: range.upperBound) { return match }
            index += 1
        }
        return nil
    }

    /// Every date phrase in `tokens[range]`, left to right, not overlapping.
    func all(in tokens: [Token], range: Range<Int>) -> [DateMatch] {
        var result: [DateMatch] = []
        var index = range.lowerBound
        while index < range.upperBound {
            if let match = match(tokens, at: index, limit: range.upperBound) {
                result.append(match)
                index = match.tokens.upperBound
            } else {
                index += 1
            }
        }
        return result
    }

    // MARK: Matching

    private func match(_ tokens: [Token], at index: Int, limit: Int) -> DateMatch? {
        weekOf(tokens, at: index, limit: limit)
            ?? relative(tokens, at: index, limit: limit)
            ?? monthFirst(tokens, at: index, limit: limit)
            ?? dayFirst(tokens, at: index, limit: limit)
            ?? dayOfMonth(tokens, at: index, limit: limit)
            ?? weekday(tokens, at: index, limit: limit)
    }

    /// Words a relative date phrase starts with.
    static let relativeStarts: Set<String> = [
        "earlier", "later", "this", "last", "yesterday", "today", "tonight", "tomorrow", "the", "next", "early", "late", "mid",
    ]

    /// `relativeStarts`, quick to test.
    static let relativeStartSet = WordSet(relativeStarts)
    /// Words after "this" that mean the day of the call.
    static let sameDay: Set<String> = ["morning", "afternoon", "evening"]
    /// Weeks and months from the call's.
    static let offsets = ["this": 0, "next": 1, "last": -1]
    /// The words before "this/next/last month" that name a part of it: 0 early, 1 middle, 2 late, 3 the rest of it.
    static let monthParts: [([String], Int)] = [
        (["early"], 0), (["the", "beginning", "of"], 0), (["the", "start", "of"], 0), (["the", "first", "part", "of"], 0),
        (["mid"], 1), (["the", "middle", "of"], 1), (["late"], 2), (["the", "end", "of"], 2), (["later"], 3),
    ]

    /// "today", "this morning", "next week", "early next month", …
    private func relative(_ tokens: [Token], at index: Int, limit: Int) -> DateMatch? {
        guard let day = callDay, Self.relativeStartSet.contains(tokens[index]) else { return nil }
        func found(_ dates: EventDates, _ count: Int) -> DateMatch { DateMatch(dates: dates, tokens: index..<(index + count)) }
        let available = limit - index
        /// The lower-cased word `offset` tokens on (callers check `available`).
        func word(_ offset: Int) -> String { tokens[index + offset].lower }
        /// Whether the words from `index` on are `first`, `second`, … (as many as given).
        func words(_ first: String, _ second: String? = nil, _ third: String? = nil, _ fourth: String? = nil) -> Bool {
            let count = 1 + (second == nil ? 0 : 1) + (third == nil ? 0 : 1) + (fourth == nil ? 0 : 1)
            guard count <= available, word(0) == first else { return false }
            if let second, word(1) != second { return false }
            if let third, word(2) != third { return false }
            if let fourth, word(3) != fourth { return false }
            return true
        }
        let sameDay = Self.sameDay, offsets = Self.offsets
        if available >= 3, word(0) == "earlier" || word(0) == "later", word(1) == "this", sameDay.contains(word(2)) { return found(.day(day), 3) }
        if available >= 2, word(0) == "this", sameDay.contains(word(1)) { return found(.day(day), 2) }
        if words("last", "night") || words("yesterday", "morning") || words("yesterday", "afternoon") { return found(.day(day.adding(days: -1)), 2) }
        if words("today") || words("tonight") { return found(.day(day), 1) }
        if words("yesterday") { return found(.day(day.adding(days: -1)), 1) }
        if words("tomorrow") { return found(.day(day.adding(days: 1)), 1) }
        if words("the", "week", "after", "next") { return found(.week(of: day.adding(days: 14)), 4) }
        if words("the", "following", "week") { return found(.week(of: day.adding(days: 7)), 3) }
        if available >= 3, word(0) == "later" || word(0) == "early" || word(0) == "late", let offset = offsets[word(1)], word(2) == "week" {
            return found(.week(of: day.adding(days: 7 * offset)), 3)
        }
        if available >= 2, let offset = offsets[word(0)], word(1) == "week" { return found(.week(of: day.adding(days: 7 * offset)), 2) }
        // Parts of a month: "early next month", "the end of next month", "later this month".
        for (prefix, part) in Self.monthParts {
            guard prefix.count + 2 <= available, prefix.indices.allSatisfy({ word($0) == prefix[$0] }),
                  let offset = offsets[word(prefix.count)], word(prefix.count + 1) == "month" else { continue }
            if part == 3 {
                guard offset == 0 else { continue }
                let end = day.lastOfMonth
                return found(EventDates(start: day, end: end, precision: .partOfMonth), prefix.count + 2)
            }
            return found(Self.partOfMonth(day.firstOfMonth(offset: offset), part: part), prefix.count + 2)
        }
        if available >= 2, let offset = offsets[word(0)], word(1) == "month" { return found(.month(of: day.firstOfMonth(offset: offset)), 2) }
        return nil
    }

    /// "the week of November 12th", "week of 12 November": the Monday-to-Sunday week holding that day.
    private func weekOf(_ tokens: [Token], at index: Int, limit: Int) -> DateMatch? {
        let start = tokens[index].lower == "the" ? index + 1 : index
        guard start + 2 < limit, tokens[start].lower == "week", tokens[start + 1].lower == "of" else { return nil }
        guard let date = monthFirst(tokens, at: start + 2, limit: limit) ?? dayFirst(tokens, at: start + 2, limit: limit),
              date.dates.precision == .day else { return nil }
        return DateMatch(dates: .week(of: date.dates.start), tokens: index..<date.tokens.upperBound)
    }

    /// Days 1–10, 11–20 or 21–end of the month starting at `first`.
    static func partOfMonth(_ first: EventDay, part: Int) -> EventDates {
        switch part {
        case 0: return EventDates(start: first, end: first.adding(days: 9), precision: .partOfMonth)
        case 1: return EventDates(start: first.adding(days: 10), end: first.adding(days: 19), precision: .partOfMonth)
        default: return EventDates(start: first.adding(days: 20), end: first.lastOfMonth, precision: .partOfMonth)
        }
    }

    /// A month name written as a month: capitalised, full or abbreviated ("Nov", "Nov.").
    private func month(_ token: Token) -> Int? {
        guard token.isWord, token.isCapitalized else { return nil }
        return Self.months[token.lower]
    }

    /// "7", "7th", "22nd": a day of the month; `ordinalOnly` requires the suffix.
    static func day(_ token: Token, ordinalOnly: Bool = false) -> Int? {
        guard token.isWord else { return nil }
        if token.isASCII {
            // Each byte is a character; the digits are 0–9.
            var value = 0, digits = 0, suffixLength = 0
            var suffix: (UInt8, UInt8) = (0, 0)
            for byte in token.lower.utf8 {
                if suffixLength == 0 && byte &- 0x30 < 10 {
                    digits += 1
                    if digits <= 2 { value = value * 10 + Int(byte &- 0x30) }
                    continue
                }
                suffixLength += 1
                if suffixLength == 1 { suffix.0 = byte } else if suffixLength == 2 { suffix.1 = byte }
            }
            guard (1...2).contains(digits), (1...31).contains(value) else { return nil }
            if suffixLength == 0 { return ordinalOnly ? nil : value }
            guard suffixLength == 2 else { return nil }
            switch suffix {
            case (0x73, 0x74), (0x6E, 0x64), (0x72, 0x64), (0x74, 0x68): return value  // st, nd, rd, th
            default: return nil
            }
        }
        let text = token.lower
        let digits = text.prefix { $0.isNumber }
        let suffix = text.dropFirst(digits.count)
        guard (1...2).contains(digits.count), let value = Int(digits), (1...31).contains(value) else { return nil }
        if suffix.isEmpty { return ordinalOnly ? nil : value }
        return ["st", "nd", "rd", "th"].contains(String(suffix)) ? value : nil
    }

    /// "7-9", "7th-9th": two days in one token.
    private static func dayRange(_ token: Token) -> (Int, Int)? {
        // The first day's digits start the token, and only ASCII digits make a number.
        guard token.isWord, let lead = token.text.utf8.first, lead &- 0x30 < 10 else { return nil }
        let parts = token.text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let first = Token(text: parts[0], range: token.range, isWord: true)
        let second = Token(text: parts[1], range: token.range, isWord: true)
        guard let a = day(first), let b = day(second), a < b else { return nil }
        return (a, b)
    }

    private static func year(_ token: Token) -> Int? {
        // Only four ASCII digits make a number from 1990 to 2100.
        guard token.isWord, let lead = token.text.utf8.first, lead &- 0x30 < 10, token.text.count == 4, let value = Int(token.text), (1990...2100).contains(value) else { return nil }
        return value
    }

    private static let rangeWords: Set<String> = ["-", "–", "—", "to", "through", "thru", "until", "and", "--"]

    /// "November 7th", "November 7-9, 2012", "November 30 – December 2", "in November", "in early December".
    private func monthFirst(_ tokens: [Token], at index: Int, limit: Int) -> DateMatch? {
        var monthIndex = index
        var part: Int?
        let lower = tokens[index].lower
        if tokens[index].isWord, lower.hasPrefix("mid-"), let month = Self.months[String(lower.dropFirst(4))] {
            return monthOnly(month: month, part: 1, explicitYear: year(after: index + 1, tokens, limit), tokens: index..<(index + 1 + (year(after: index + 1, tokens, limit) == nil ? 0 : 1)))
        }
        if ["early", "late", "mid"].contains(lower), index + 1 < limit { part = ["early": 0, "mid": 1, "late": 2][lower]; monthIndex = index + 1 }
        guard let month = month(tokens[monthIndex]) else { return nil }
        var cursor = monthIndex + 1
        if cursor < limit, tokens[cursor].text == ".", tokens[monthIndex].text.count <= 4 { cursor += 1 }
        var firstDay: Int?, lastDay: Int?, lastMonth = month
        if part == nil, cursor < limit {
            if let (a, b) = Self.dayRange(tokens[cursor]) {
                firstDay = a; lastDay = b; cursor += 1
            } else if let a = Self.day(tokens[cursor]) {
                firstDay = a; cursor += 1
                if cursor + 1 < limit, Self.rangeWords.contains(tokens[cursor].lower) {
                    var next = cursor + 1
                    var secondMonth = month
                    // "and" joins days of one month ("November 7th and 8th"); "November 7 and December 5" are two dates.
                    if tokens[cursor].lower != "and", let other = self.month(tokens[next]), next + 1 < limit { secondMonth = other; next += 1 }
                    if let b = Self.day(tokens[next]), secondMonth != month || b > a {
                        lastDay = b; lastMonth = secondMonth; cursor = next + 1
                    }
                }
            }
        }
        guard let first = firstDay else {
            // A month alone is a date only after "in", "during", "early", "late" or "mid", or with a year.
            let before = monthIndex > 0 ? tokens[monthIndex - 1].lower : ""
            let explicitYear = year(after: monthIndex + 1, tokens, limit)
            guard part != nil || ["in", "during", "until", "since"].contains(before) || explicitYear != nil else { return nil }
            if month == 5 && part == nil && explicitYear == nil && before != "in" { return nil }
            let end = monthIndex + 1 + (explicitYear == nil ? 0 : 1)
            return monthOnly(month: month, part: part, explicitYear: explicitYear, tokens: index..<end)
        }
        var explicitYear: Int?
        if cursor < limit, let value = Self.year(tokens[cursor]) {
            explicitYear = value; cursor += 1
        } else if cursor + 1 < limit, tokens[cursor].text == ",", let value = Self.year(tokens[cursor + 1]) {
            explicitYear = value; cursor += 2
        }
        return resolve(month: month, day: first, lastMonth: lastMonth, lastDay: lastDay, explicitYear: explicitYear, tokens: index..<cursor)
    }

    private func year(after index: Int, _ tokens: [Token], _ limit: Int) -> Int? {
        guard index < limit else { return nil }
        return Self.year(tokens[index])
    }

    /// "7 November", "the 14th of November", "7-9 November 2012".
    private func dayFirst(_ tokens: [Token], at index: Int, limit: Int) -> DateMatch? {
        var first: Int?, last: Int?
        if let (a, b) = Self.dayRange(tokens[index]) { first = a; last = b } else { first = Self.day(tokens[index]) }
        guard let firstDay = first else { return nil }
        var cursor = index + 1
        if cursor < limit, tokens[cursor].lower == "of" { cursor += 1 }
        guard cursor < limit, let month = month(tokens[cursor]) else { return nil }
        cursor += 1
        var explicitYear: Int?
        if cursor < limit, let value = Self.year(tokens[cursor]) { explicitYear = value; cursor += 1 }
        let start = index > 0 && tokens[index - 1].lower == "the" ? index - 1 : index
        return resolve(month: month, day: firstDay, lastMonth: month, lastDay: last, explicitYear: explicitYear, tokens: start..<cursor)
    }

    /// "on the 14th", "on the 14th and 15th": a day of the call's month or the next (or the last, in the past tense).
    private func dayOfMonth(_ tokens: [Token], at index: Int, limit: Int) -> DateMatch? {
        guard let callDay, index + 2 < limit, tokens[index].lower == "on", tokens[index + 1].lower == "the",
              let dayNumber = Self.day(tokens[index + 2], ordinalOnly: true) else { return nil }
        var cursor = index + 3
        var last: Int?
        if cursor + 1 < limit, Self.rangeWords.contains(tokens[cursor].lower), let b = Self.day(tokens[cursor + 1], ordinalOnly: true), b > dayNumber {
            last = b
            cursor += 2
        }
        if cursor < limit, tokens[cursor].isWord, tokens[cursor].lower != "and" { return nil }
        var candidates: [EventDay] = []
        for offset in -1...1 {
            let first = callDay.firstOfMonth(offset: offset)
            if let day = EventDay(year: first.year, month: first.month, day: dayNumber) { candidates.append(day) }
        }
        // A day of the month has next month's (or last month's) to fall back on, so no slack around the call.
        guard let day = pick(candidates, near: callDay, slack: 0) else { return nil }
        let end = last.flatMap { EventDay(year: day.year, month: day.month, day: $0) }
        return DateMatch(dates: EventDates(start: day, end: end), tokens: index..<cursor)
    }

    /// "on Tuesday", "next Tuesday", "last Tuesday"; "on Wednesday, November 7" and "on Tuesday the 13th" are the dates
    /// they spell out.
    private func weekday(_ tokens: [Token], at index: Int, limit: Int) -> DateMatch? {
        guard index + 1 < limit, ["on", "next", "this", "last"].contains(tokens[index].lower),
              tokens[index + 1].isCapitalized, let weekday = Self.weekdays[tokens[index + 1].lower] else { return nil }
        if let written = dateAfterWeekday(weekday, tokens, at: index + 2, limit: limit) {
            return DateMatch(dates: written.dates, tokens: index..<written.tokens.upperBound)
        }
        guard let callDay else { return nil }
        let ahead = (weekday - callDay.weekday + 7) % 7
        let behind = (callDay.weekday - weekday + 7) % 7
        let day: EventDay
        switch tokens[index].lower {
        case "last": day = callDay.adding(days: -(behind == 0 ? 7 : behind))
        case "next": day = callDay.adding(days: ahead == 0 ? 7 : ahead)
        default: day = tense == .past ? callDay.adding(days: -behind) : callDay.adding(days: ahead)
        }
        return DateMatch(dates: .day(day), tokens: index..<(index + 2))
    }

    /// The date written right after a weekday (after a comma, perhaps): a month and day, or "the 13th" resolved to the
    /// nearest such day that falls on `weekday`.
    private func dateAfterWeekday(_ weekday: Int, _ tokens: [Token], at index: Int, limit: Int) -> DateMatch? {
        let cursor = index < limit && tokens[index].text == "," ? index + 1 : index
        guard cursor < limit else { return nil }
        if let date = monthFirst(tokens, at: cursor, limit: limit) ?? dayFirst(tokens, at: cursor, limit: limit) { return date }
        guard cursor + 1 < limit, tokens[cursor].lower == "the" else { return nil }
        if let date = dayFirst(tokens, at: cursor + 1, limit: limit) { return date }
        guard let callDay, let number = Self.day(tokens[cursor + 1], ordinalOnly: true) else { return nil }
        let candidates = (-2...2).compactMap { offset -> EventDay? in
            let first = callDay.firstOfMonth(offset: offset)
            return EventDay(year: first.year, month: first.month, day: number)
        }
        let matching = candidates.filter { $0.weekday == weekday }
        guard let day = pick(matching.isEmpty ? candidates : matching, near: callDay, slack: 0) else { return nil }
        return DateMatch(dates: .day(day), tokens: cursor..<(cursor + 2))
    }

    // MARK: Resolving

    /// A month and day (and perhaps an end) in the year the tense and the call date point to.
    private func resolve(month: Int, day: Int, lastMonth: Int, lastDay: Int?, explicitYear: Int?, tokens: Range<Int>) -> DateMatch? {
        let year: Int
        if let explicitYear = explicitYear ?? yearHint {
            year = explicitYear
        } else {
            guard let callDay else { return nil }
            let candidates = (callDay.year - 1...callDay.year + 1).compactMap { EventDay(year: $0, month: month, day: day) }
            guard let chosen = pick(candidates, near: callDay) else { return nil }
            year = chosen.year
        }
        guard let start = EventDay(year: year, month: month, day: day) else { return nil }
        var end: EventDay?
        if let lastDay {
            end = EventDay(year: lastMonth < month ? year + 1 : year, month: lastMonth, day: lastDay)
            guard end != nil else { return nil }
        }
        return DateMatch(dates: EventDates(start: start, end: end), tokens: tokens)
    }

    /// A month without a day, or part of one.
    private func monthOnly(month: Int, part: Int?, explicitYear: Int?, tokens: Range<Int>) -> DateMatch? {
        let year: Int
        if let explicitYear = explicitYear ?? yearHint {
            year = explicitYear
        } else {
            guard let callDay else { return nil }
            let candidates = (callDay.year - 1...callDay.year + 1).compactMap { EventDay(year: $0, month: month, day: 1) }
            guard let chosen = pick(candidates, near: callDay.firstOfMonth()) else { return nil }
            year = chosen.year
        }
        let first = EventDay(year: year, month: month, day: 1)!
        return DateMatch(dates: part.map { Self.partOfMonth(first, part: $0) } ?? .month(of: first), tokens: tokens)
    }

    /// The candidate the tense points to: the first from `slack` days before the call on (future), the last up to
    /// `slack` days after it (past), else the nearest. A year away is the alternative for a month and day, so those
    /// keep a week's slack for a tense read wrongly.
    private func pick(_ candidates: [EventDay], near reference: EventDay, slack: Int = 7) -> EventDay? {
        switch tense {
        case .future: return candidates.filter { $0.ordinal >= reference.ordinal - slack }.min()
        case .past: return candidates.filter { $0.ordinal <= reference.ordinal + slack }.max()
        case .neutral: return candidates.min { abs($0.ordinal - reference.ordinal) < abs($1.ordinal - reference.ordinal) }
        }
    }
}
