import Foundation
import TranscriptKit

/// A calendar day without a time or zone, e.g. 2012-11-07.
public struct EventDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, e.g. 2012.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, 1 to 31.
    public let day: Int

    /// A valid day; nil for dates such as February 30.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...EventDay.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads "2012-11-07".
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day a moment falls on in `zone`.
    public init(_ date: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        year = parts.year!
        month = parts.month!
        day = parts.day!
    }

    /// "2012-11-07".
    public var iso: String { Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2) }

    /// "20121107", the iCalendar DATE form.
    public var basic: String { Self.padded(year, 4) + Self.padded(month, 2) + Self.padded(day, 2) }

    /// `value` in decimal with zeros in front up to `width` digits, as `String(format: "%0<width>d")` writes it
    /// (Foundation's formatter is slow, and event lists and pages format thousands of dates).
    static func padded(_ value: Int, _ width: Int) -> String {
        guard value >= 0 else { return String(format: "%0\(width)d", value) }
        let digits = String(value)
        return digits.utf8.count >= width ? digits : String(repeating: "0", count: width - digits.utf8.count) + digits
    }

    public var description: String { iso }

    /// The number of days in a month.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for day arithmetic.
    public var ordinal: Int { CivilDays.since1970(year: year, month: month, day: day) }

    /// The day with a given `ordinal`.
    public init(ordinal: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> EventDay { EventDay(ordinal: ordinal + count) }

    /// The weekday, 1 = Monday … 7 = Sunday (ISO 8601).
    public var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 + 1 }

    /// The Monday of this day's week.
    public var monday: EventDay { adding(days: 1 - weekday) }

    /// The first day of the month `offset` months from this day's month.
    public func firstOfMonth(offset: Int = 0) -> EventDay {
        let index = year * 12 + (month - 1) + offset
        return EventDay(year: index / 12, month: index % 12 + 1, day: 1)!
    }

    /// The last day of this day's month.
    public var lastOfMonth: EventDay { EventDay(year: year, month: month, day: EventDay.daysIn(month: month, year: year))! }

    public static func < (lhs: EventDay, rhs: EventDay) -> Bool { (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day) }

    /// "January" … "December".
    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                    "September", "October", "November", "December"]
}

/// When an event happens, as precisely as the source says: a day, a range of days, a week or (part of) a month.
public struct EventDates: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How precise the dates are.
    public enum Precision: Int, Sendable, Hashable, Comparable {
        /// One known day ("November 7th", "this morning").
        case day = 0
        /// Known first and last days ("November 7–9").
        case range = 1
        /// Some days within one week ("next week").
        case week = 2
        /// Some days within part of a month ("early next month").
        case partOfMonth = 3
        /// Some days within a month ("next month", "in December").
        case month = 4

        public static func < (lhs: Precision, rhs: Precision) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The first day it may fall on.
    public let start: EventDay
    /// The last day it may fall on (equal to `start` for one day).
    public let end: EventDay
    /// How precise `start` and `end` are.
    public let precision: Precision

    /// Dates from `start` to `end` (swapped if given backwards).
    public init(start: EventDay, end: EventDay? = nil, precision: Precision? = nil) {
        let last = end ?? start
        self.start = min(start, last)
        self.end = max(start, last)
        self.precision = precision ?? (self.start == self.end ? .day : .range)
    }

    /// One day.
    public static func day(_ day: EventDay) -> EventDates { EventDates(start: day, precision: .day) }

    /// The Monday-to-Sunday week holding `day`.
    public static func week(of day: EventDay) -> EventDates {
        EventDates(start: day.monday, end: day.monday.adding(days: 6), precision: .week)
    }

    /// The whole month holding `day`.
    public static func month(of day: EventDay) -> EventDates {
        let first = day.firstOfMonth()
        return EventDates(start: first, end: first.lastOfMonth, precision: .month)
    }

    /// Whether the dates name days exactly (one day or a range), so calendars can hold them.
    public var isExact: Bool { precision == .day || precision == .range }

    /// Whether a calendar file should carry it: exact dates and weeks, not vaguer spans.
    public var isCalendarReady: Bool { precision <= .week }

    /// A `<time datetime>` value when one exists: "2012-11-07", "2012-W44", "2012-11".
    public var machineReadable: String? {
        switch precision {
        case .day: return start.iso
        case .week: return isoWeek
        case .month: return EventDay.padded(start.year, 4) + "-" + EventDay.padded(start.month, 2)
        case .range, .partOfMonth: return nil
        }
    }

    /// "2012-W44": the ISO 8601 week of `start`.
    var isoWeek: String {
        let thursday = start.monday.adding(days: 3)
        let firstThursday = EventDay(year: thursday.year, month: 1, day: 1)!
        let offset = (4 - firstThursday.weekday + 7) % 7
        let week = (thursday.ordinal - firstThursday.adding(days: offset).ordinal) / 7 + 1
        return EventDay.padded(thursday.year, 4) + "-W" + EventDay.padded(week, 2)
    }

    /// How people read it: "November 7, 2012", "November 7–9, 2012", "Week of October 29, 2012", "Early November 2012".
    public var display: String {
        let names = EventDay.monthNames
        func full(_ day: EventDay) -> String { "\(names[day.month - 1]) \(day.day), \(day.year)" }
        switch precision {
        case .day:
            return full(start)
        case .range:
            if start.year != end.year { return "\(full(start)) – \(full(end))" }
            if start.month != end.month { return "\(names[start.month - 1]) \(start.day) – \(names[end.month - 1]) \(end.day), \(end.year)" }
            return "\(names[start.month - 1]) \(start.day)–\(end.day), \(start.year)"
        case .week:
            return "Week of \(full(start))"
        case .partOfMonth:
            let part = start.day == 1 ? "Early" : (end == end.lastOfMonth ? "Late" : "Mid-")
            return part == "Mid-" ? "Mid-\(names[start.month - 1]) \(start.year)" : "\(part) \(names[start.month - 1]) \(start.year)"
        case .month:
            return "\(names[start.month - 1]) \(start.year)"
        }
    }

    public var description: String { display }

    public static func < (lhs: EventDates, rhs: EventDates) -> Bool {
        (lhs.start, lhs.precision, lhs.end) < (rhs.start, rhs.precision, rhs.end)
    }
}

/// What sort of event a mention names.
public enum EventCategory: String, Sendable, Hashable, CaseIterable, Comparable {
    /// A broker's or bank's conference for investors ("the UBS Global Technology Conference").
    case investorConference = "investor-conference"
    /// A trade show, industry conference or keynote ("TelcoTV").
    case industryEvent = "industry-event"
    /// An event the company itself holds: a user-group meeting, an analyst or investor day, a shareholder meeting.
    case companyEvent = "company-event"
    /// An earnings call or another call the company announces.
    case call

    /// "Investor conference", "Industry event", "Company event", "Call".
    public var label: String {
        switch self {
        case .investorConference: return "Investor conference"
        case .industryEvent: return "Industry event"
        case .companyEvent: return "Company event"
        case .call: return "Call"
        }
    }

    public static func < (lhs: EventCategory, rhs: EventCategory) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A city, with its state or country when known.
public struct EventPlace: Sendable, Hashable, CustomStringConvertible {
    /// The city, e.g. "Scottsdale".
    public let city: String
    /// The state or country, e.g. "Arizona"; nil when unknown or the same as the city.
    public let region: String?

    /// Creates a place.
    public init(city: String, region: String? = nil) {
        self.city = city
        self.region = region == city ? nil : region
    }

    /// "Scottsdale, Arizona", or just "Las Vegas" when the region is not known.
    public var display: String { region.map { "\(city), \($0)" } ?? city }

    public var description: String { display }
}

/// How a person took part in an event.
public enum EventRole: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Gave the keynote.
    case keynote
    /// Spoke or presented, e.g. was on stage.
    case speaker
    /// Hosted it (the company at its own event).
    case host
    /// Attended or will attend.
    case attendee

    /// "Keynote speaker", "Speaker", "Host", "Attendee".
    public var label: String {
        switch self {
        case .keynote: return "Keynote speaker"
        case .speaker: return "Speaker"
        case .host: return "Host"
        case .attendee: return "Attendee"
        }
    }

    /// Stronger roles sort first: a keynote speaker who also attended is listed as keynote speaker.
    public static func < (lhs: EventRole, rhs: EventRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A person a mention ties to an event.
public struct EventParticipant: Sendable, Hashable {
    /// The name as written (for a call participant, exactly the participant's name).
    public let name: String
    /// How they took part.
    public let role: EventRole
    /// What the sentence says about them, e.g. "CEO of Windstream; on stage just before Carl Russo".
    public let note: String?
    /// Whether `name` is a participant of the call (and so may have a speaker page).
    public let isCallParticipant: Bool

    /// Creates a participant.
    public init(name: String, role: EventRole, note: String? = nil, isCallParticipant: Bool) {
        self.name = name
        self.role = role
        self.note = note
        self.isCallParticipant = isCallParticipant
    }
}

/// One mention of an event in one sentence of a transcript, with everything the sentence says about it.
public struct EventMention: Sendable, Hashable {
    /// Which rule found it.
    public enum Rule: String, Sendable, Hashable {
        /// A named event phrase ending in conference, summit, forum, show, meeting, …
        case namedEvent = "named-event"
        /// A speaking or attending verb followed by an event name ("keynoting TelcoTV", "spoke at CES").
        case appearance
        /// A sentence about being on stage on a day the call already tied to one event.
        case stage
        /// A call the company says it will hold ("we will hold a separate conference call to discuss …").
        case announcedCall = "announced-call"
        /// A name already known (from this call or the curation file) used again.
        case knownName = "known-name"
    }

    /// The event's name as derived from the text, e.g. "UBS Global Technology Conference".
    public let name: String
    /// The name reduced for matching: lower case, no articles, years, ordinals or "annual".
    public let key: String
    /// What kind of event.
    public let category: EventCategory
    /// When, if the sentence says.
    public let dates: EventDates?
    /// The year the mention is about: the year of `dates`, else the year of the call; nil when neither is known.
    public let year: Int?
    /// Where, if the sentence says (one or more cities).
    public let places: [EventPlace]
    /// Who organises it, if the sentence says (a bank or broker, or the company for its own events).
    public let host: String?
    /// The people the sentence ties to it.
    public let participants: [EventParticipant]
    /// The index of the turn in `transcript.turns` (0-based).
    public let turn: Int
    /// The index of the paragraph in the turn (0-based).
    public let paragraph: Int
    /// The whole sentence, as written.
    public let sentence: String
    /// The words of the paragraph that name the event (the link text), exactly as written.
    public let text: String
    /// How many earlier occurrences of `text` the paragraph has (non-overlapping), so a link can find this one.
    public let occurrence: Int
    /// Where `text` starts in the paragraph, in UTF-8 bytes.
    public let offset: Int
    /// The rule that found it.
    public let rule: Rule

    /// Creates a mention.
    public init(name: String, key: String, category: EventCategory, dates: EventDates?, year: Int?, places: [EventPlace],
                host: String?, participants: [EventParticipant], turn: Int, paragraph: Int, sentence: String,
                text: String, occurrence: Int, offset: Int, rule: Rule) {
        self.name = name
        self.key = key
        self.category = category
        self.dates = dates
        self.year = year
        self.places = places
        self.host = host
        self.participants = participants
        self.turn = turn
        self.paragraph = paragraph
        self.sentence = sentence
        self.text = text
        self.occurrence = occurrence
        self.offset = offset
        self.rule = rule
    }
}
