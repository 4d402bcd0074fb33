/// How the events calendar is split into pages: one page per year (`/events/<year>/`: the events that take place in it,
/// month by month, then the undated events mentioned for that year) and `/events/`, which lists the years and their months and,
/// for a small calendar, every event as well. A 10,000-call archive mentions ~6,000 events; listed on one page they made a
/// 3.8 MB `/events/`.
struct EventCalendar: Sendable {
    /// One year's page.
    struct Year: Sendable {
        /// The year, e.g. 2012.
        let year: Int
        /// Events that take place in the year, by date (indexes into `SiteEvents.events`); one that started the year before
        /// comes first, under January.
        var dated: [Int] = []
        /// Events without dates mentioned for the year, by name (one mentioned for several years is on each of their pages).
        var undated: [Int] = []
        /// The events of each month of the year (by the month they start in, or January for those that started the year
        /// before), months in order: (month 1–12, events).
        var months: [(month: Int, events: [Int])] = []

        /// How many events the page lists.
        var count: Int { dated.count + undated.count }
        /// The page's folder URL relative to the site root.
        var url: String { EventCalendar.url(year: year) }
        /// The page's output path.
        var path: OutputPath { OutputPath("events/\(year)/index.html")! }
    }

    /// `/events/`.
    static let path = OutputPath("events/index.html")!

    /// `/events/` lists every event itself when the calendar has at most this many.
    static let inlineLimit = 100

    /// The years that have events, oldest first.
    let years: [Year]
    /// Events with neither dates nor a year (curated ones no call mentions); `/events/` lists them.
    let yearless: [Int]
    /// Whether `/events/` lists every event (the calendar has at most `inlineLimit`).
    let isInline: Bool

    /// The pages of `events`, which must be in `SiteEvents` order (dated events by date, then undated ones by name).
    init(_ events: [SiteEvent], inlineLimit: Int = EventCalendar.inlineLimit) {
        var byYear: [Int: Year] = [:]
        var yearless: [Int] = []
        for (position, event) in events.enumerated() {
            if let dates = event.dates {
                // An event running into later years (December 28 – January 3) is in each of them, from its January on.
                for number in dates.start.year...max(dates.start.year, dates.end.year) {
                    let month = number == dates.start.year ? dates.start.month : 1
                    var year = byYear[number] ?? Year(year: number)
                    year.dated.append(position)
                    if let last = year.months.last?.month, last == month {
                        year.months[year.months.count - 1].events.append(position)
                    } else {
                        year.months.append((month, [position]))
                    }
                    byYear[number] = year
                }
            } else {
                let numbers = event.mentionYears.isEmpty ? event.year.map { [$0] } ?? [] : event.mentionYears
                if numbers.isEmpty { yearless.append(position) }
                for number in numbers { byYear[number, default: Year(year: number)].undated.append(position) }
            }
        }
        years = byYear.values.sorted { $0.year < $1.year }
        self.yearless = yearless
        isInline = events.count <= inlineLimit
    }

    /// A year page's folder URL relative to the site root, e.g. "events/2012/".
    static func url(year: Int) -> String { "events/\(year)/" }

    /// Whether an event page may not use `slug`: the year pages are `/events/<digits>/`.
    static func isReserved(_ slug: String) -> Bool {
        !slug.isEmpty && slug.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
