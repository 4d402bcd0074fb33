import EventKit
import Foundation
import Testing
import TranscriptKit
@testable import SiteBuilder

/// The events calendar: `/events/` lists the years and months (and every event while the calendar is small), and each
/// year's events are on `/events/<year>/`.
@Suite("Events calendar: years and months")
struct EventCalendarTests {
    /// Calls of 2012 and 2013 that mention a conference in November 2012, an undated call of 2012, and two conferences in
    /// March 2013.
    static let files: [String: String] = [
        "acme-2012.txt": pdfTranscript(period: "Q3 2012", date: "OCTOBER 25, 2012 / 9:00PM GMT",
                                       ceoSays: "Next month we will present at the UBS Global Technology Conference. When the deal closes, we will hold a separate conference call to discuss our adjusted forecast."),
        "acme-2013.txt": pdfTranscript(period: "Q1 2013", date: "FEBRUARY 7, 2013 / 9:00PM GMT",
                                       ceoSays: "We will present at the Morgan Stanley Technology, Media and Telecom Conference in San Francisco on March 5th."),
        "beta-2013.txt": pdfTranscript(ticker: "BETA", company: "Beta Inc.", period: "Q1 2013", date: "FEBRUARY 8, 2013 / 9:00PM GMT",
                                       ceoSays: "We will be at the Raymond James Institutional Investors Conference in Orlando on March 4th."),
    ]

    /// The slugs of the event pages in `output`.
    static func eventSlugs(_ output: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("events").path)
            .filter { !EventCalendar.isReserved($0) && $0 != "index.html" }.sorted()
    }

    @Test func aLargeCalendarListsItsYearsAndEachYearHasAPage() async throws {
        let site = try TestSite(files: Self.files)
        defer { site.remove() }
        let report = try await site.build(calendarInlineLimit: 0)
        #expect(report.pages[.eventsYear] == 2)
        let slugs = try Self.eventSlugs(site.output)
        let ubs = "ubs-global-technology-conference-2012"
        let morgan = "morgan-stanley-technology-media-and-telecom-conference-2013"
        let raymond = "raymond-james-institutional-investors-conference-2013"
        let call = try #require(slugs.first { $0.contains("adjusted-forecast") }, "\(slugs)")
        #expect(Set(slugs) == [ubs, morgan, raymond, call])

        let overview = try site.page("events/index.html")
        #expect(!overview.contains("class=\"event-item"), "the overview lists years and months, not events")
        let years = attributeValues("href", in: overview).filter { $0.hasPrefix("../events/20") && !$0.contains("#") }
        #expect(years == ["../events/2013/", "../events/2012/"], "newest year first")
        #expect(overview.contains("<a class=\"chip\" href=\"../events/2012/#month-2012-11\" id=\"month-2012-11\" title=\"November 2012: 1 event\">"
                                  + "<span aria-hidden=\"true\">Nov</span><span class=\"visually-hidden\">November 2012: 1 event</span></a>"),
                "a month's chip keeps the id its section had on the single-page calendar, so old links still land on it; its name read aloud is the whole month, not 'Nov'")
        #expect(overview.contains("<a class=\"chip\" href=\"../events/2012/#undated\">Date not announced: 1<span class=\"visually-hidden\"> (2012)</span></a>"))
        #expect(overview.contains("<span class=\"visually-hidden\">March 2013: 2 events</span>"))

        let y2012 = try site.page("events/2012/index.html")
        let y2013 = try site.page("events/2013/index.html")
        /// The event pages a year page links, in order.
        func listed(_ page: String) -> [String] {
            var slugs: [String] = []
            for href in attributeValues("href", in: page) where href.hasPrefix("../../events/") {
                let slug = href.dropFirst("../../events/".count).split(separator: "/").first.map(String.init) ?? ""
                guard !slug.isEmpty, !EventCalendar.isReserved(slug), slugs.last != slug else { continue }
                slugs.append(slug)
            }
            return slugs
        }
        #expect(listed(y2012) == [ubs, call], "the dated event, then the undated one the year's calls mention")
        #expect(listed(y2013) == [raymond, morgan], "by date: March 4th before March 5th")
        #expect(y2012.contains("<section class=\"page-section event-month\" id=\"month-2012-11\""))
        #expect(y2012.contains("id=\"undated\""))
        #expect(!y2013.contains("id=\"undated\""))
        #expect(y2013.contains("<a class=\"pager__link pager__link--prev\" href=\"../../events/2012/\" rel=\"prev\">"))
        #expect(!y2013.contains("rel=\"next\""))
        #expect(y2012.contains("href=\"../../events/2013/\" rel=\"next\">"))
        #expect(y2012.contains("<title>Events in 2012 · "))

        let event = try site.page("events/\(ubs)/index.html")
        #expect(event.contains("<li><a href=\"../../events/\">Events</a></li>\n<li><a href=\"../../events/2012/\">2012</a></li>"),
                "an event's breadcrumb goes through its year")
        #expect(LinkChecker.check(site.output).isEmpty, "\(LinkChecker.check(site.output).prefix(5))")
        let validation = try HTMLValidator.validate(site.output)
        #expect(validation.errors.isEmpty, "\(validation.errors.prefix(10).joined(separator: "\n"))")
    }

    @Test func aSmallCalendarListsEveryEventOnTheOverviewToo() async throws {
        let site = try TestSite(files: Self.files)
        defer { site.remove() }
        try await site.build()
        let overview = try site.page("events/index.html")
        let slugs = try Self.eventSlugs(site.output)
        #expect(overview.components(separatedBy: "<li class=\"event-item").count - 1 == slugs.count)
        #expect(overview.components(separatedBy: "id=\"month-2012-11\"").count - 1 == 1, "the month's section has the id, not its chip")
        #expect(overview.contains("<a class=\"chip\" href=\"../events/2012/#month-2012-11\" title=\"November 2012: 1 event\"><span aria-hidden=\"true\">Nov</span>"))
        for year in ["2012", "2013"] {
            #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("events/\(year)/index.html").path),
                    "year pages exist at every size, so their URLs stay put as the archive grows")
        }
        #expect(LinkChecker.check(site.output).isEmpty)
    }

    @Test func aChangedCallRewritesOnlyItsYearsPageAndMatchesAFullBuild() async throws {
        let site = try TestSite(files: Self.files)
        defer { site.remove() }
        try await site.build(calendarInlineLimit: 0)
        let before = snapshot(site.output)
        let page2012 = site.output.appendingPathComponent("events/2012/index.html").path
        let written2012 = try FileManager.default.attributesOfItem(atPath: page2012)[.modificationDate] as? Date
        try site.write(pdfTranscript(ticker: "BETA", company: "Beta Inc.", period: "Q1 2013", date: "FEBRUARY 8, 2013 / 9:00PM GMT",
                                     ceoSays: "We will be at the Raymond James Institutional Investors Conference in Orlando on April 6th."),
                       to: "Content/beta-2013.txt")
        let update = try await site.build(calendarInlineLimit: 0)
        #expect(update.incremental)
        let after = snapshot(site.output)
        let full = site.sandbox.appendingPathComponent("full", isDirectory: true)
        var options = BuildOptions(siteRoot: site.root, output: full, useCache: false)
        options.calendarInlineLimit = 0
        _ = try await SiteBuilder.build(options)
        #expect(after == snapshot(full))
        let y2013 = String(decoding: after["events/2013/index.html"]!, as: UTF8.self)
        #expect(y2013.contains("April 6, 2013") && y2013.contains("id=\"month-2013-04\""))
        #expect(before["events/2012/index.html"] == after["events/2012/index.html"])
        #expect(try FileManager.default.attributesOfItem(atPath: page2012)[.modificationDate] as? Date == written2012,
                "2012's page is not written again")
        let overview = String(decoding: after["events/index.html"]!, as: UTF8.self)
        #expect(before["events/index.html"] != after["events/index.html"])
        #expect(overview.contains("title=\"April 2013: 1 event\"") && overview.contains("title=\"March 2013: 1 event\""))
    }

    @Test func anUndatedEventMentionedForTwoYearsIsOnBothYearsPages() async throws {
        var files = Self.files
        files["acme-2012.txt"] = pdfTranscript(period: "Q3 2012", date: "OCTOBER 25, 2012 / 9:00PM GMT",
                                               ceoSays: "Next month we will present at the UBS Global Technology Conference, and we will be at the Widget Summit.")
        files["beta-2013.txt"] = pdfTranscript(ticker: "BETA", company: "Beta Inc.", period: "Q1 2013", date: "FEBRUARY 8, 2013 / 9:00PM GMT",
                                               ceoSays: "We will be at the Widget Summit again.")
        files["events.yml"] = "- name: Widget Summit\n  kind: industry-event\n- name: \"2013\"\n  kind: industry-event\n"
        let site = try TestSite(files: files)
        defer { site.remove() }
        try await site.build(calendarInlineLimit: 0)
        let summit = try #require(try Self.eventSlugs(site.output).first { $0.hasPrefix("widget-summit") })
        for year in ["2012", "2013"] {
            let page = try site.page("events/\(year)/index.html")
            let undated = page.components(separatedBy: "id=\"undated\"").dropFirst().first ?? ""
            #expect(undated.contains("events/\(summit)/"), "\(year): the summit is mentioned for this year")
        }
        let overview = try site.page("events/index.html")
        #expect(overview.components(separatedBy: "Date not announced: 1<span class=\"visually-hidden\">").count - 1 == 2)
        // A curated event that no call mentions has no year; it is listed on /events/ itself, under a slug that is
        // not a year page's.
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("events/2013-2/index.html").path))
        let listed = overview.components(separatedBy: "id=\"undated\"").dropFirst().first ?? ""
        #expect(listed.contains("href=\"../events/2013-2/\""))
        #expect(!listed.contains(summit))
        #expect(LinkChecker.check(site.output).isEmpty, "\(LinkChecker.check(site.output).prefix(5))")
    }

    /// An event running past New Year is on each year's page it takes place in: under its first month, then under
    /// January of each later year, before the events that start there.
    @Test func anEventRunningIntoTheNextYearIsOnEachYearsPage() throws {
        func event(_ name: String, _ start: String, _ end: String) -> SiteEvent {
            SiteEvent(slug: Slug.make(name), name: name, aliases: [], category: .industryEvent,
                      dates: EventDates(start: EventDay(iso: start)!, end: EventDay(iso: end)!), year: Int(start.prefix(4)), isCurated: false)
        }
        let calendar = EventCalendar([
            event("Delta Conference", "2012-12-28", "2013-01-03"), event("Long Fair", "2012-12-30", "2014-01-02"),
            event("Lambda Conference", "2013-01-02", "2013-01-02"), event("May Show", "2013-05-07", "2013-05-09"),
        ])
        #expect(calendar.years.map(\.year) == [2012, 2013, 2014])
        #expect(calendar.years[0].dated == [0, 1])
        #expect(calendar.years[0].months.map(\.month) == [12])
        #expect(calendar.years[1].dated == [0, 1, 2, 3])
        #expect(calendar.years[1].months.map(\.month) == [1, 5])
        #expect(calendar.years[1].months.first?.events == [0, 1, 2])
        #expect(calendar.years[2].dated == [1])
        #expect(calendar.years[2].months.map(\.month) == [1])
    }

    @Test func anEventSlugNeverTakesAYearPagesURL() {
        #expect(EventCalendar.isReserved("2013"))
        #expect(EventCalendar.isReserved("0"))
        #expect(!EventCalendar.isReserved("2013-2"))
        #expect(!EventCalendar.isReserved("telcotv-2012"))
        #expect(!EventCalendar.isReserved(""))
    }
}
