import EventKit
import Foundation
import Testing
import TranscriptKit
@testable import SiteBuilder

/// The HTML of the element with `id` (its start tag to the matching close of a `<p>` or `<article>`), or nil.
private func paragraph(_ id: String, in html: String) -> String? {
    guard let start = html.range(of: "<p id=\"\(id)\">"), let end = html.range(of: "</p>", range: start.upperBound..<html.endIndex) else { return nil }
    return String(html[start.upperBound..<end.lowerBound])
}

/// A minimal RFC 5545 reader: checks the physical lines, unfolds them and returns the components as property maps.
private struct CalendarFile {
    struct Component {
        var name: String
        var properties: [(name: String, parameters: String, value: String)] = []
        func value(_ name: String) -> String? { properties.first { $0.name == name }?.value }
        func parameters(_ name: String) -> String? { properties.first { $0.name == name }?.parameters }
    }

    var events: [Component] = []
    var calendar = Component(name: "VCALENDAR")

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        // Every line ends with CRLF; no bare LF or CR; no physical line is longer than 75 octets.
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D {
                guard index + 1 < bytes.count, bytes[index + 1] == 0x0A else { throw Problem("bare CR at \(index)") }
                lines.append(current)
                current = []
                index += 2
                continue
            }
            guard bytes[index] != 0x0A else { throw Problem("bare LF at \(index)") }
            current.append(bytes[index])
            index += 1
        }
        guard current.isEmpty else { throw Problem("the file does not end with CRLF") }
        for line in lines where line.count > 75 { throw Problem("line of \(line.count) octets: \(String(decoding: line, as: UTF8.self))") }
        // Unfold: a line starting with a space or tab continues the previous one.
        var logical: [String] = []
        for line in lines {
            if let first = line.first, first == 0x20 || first == 0x09 {
                guard !logical.isEmpty else { throw Problem("continuation line first") }
                logical[logical.count - 1] += String(decoding: line.dropFirst(), as: UTF8.self)
            } else {
                logical.append(String(decoding: line, as: UTF8.self))
            }
        }
        // BEGIN/END nesting.
        var stack: [Component] = []
        for line in logical {
            guard let colon = line.firstIndex(of: ":") else { throw Problem("no colon in \(line)") }
            let head = line[..<colon], value = String(line[line.index(after: colon)...])
            let name = String(head.prefix { $0 != ";" })
            let parameters = String(head.dropFirst(name.count))
            if name == "BEGIN" {
                stack.append(Component(name: value))
            } else if name == "END" {
                guard let open = stack.popLast(), open.name == value else { throw Problem("END:\(value) does not close the open component") }
                if value == "VEVENT" {
                    guard stack.last?.name == "VCALENDAR" else { throw Problem("VEVENT outside VCALENDAR") }
                    events.append(open)
                } else if value == "VCALENDAR" {
                    guard stack.isEmpty else { throw Problem("VCALENDAR nested") }
                    calendar.properties = open.properties
                }
            } else {
                guard !stack.isEmpty else { throw Problem("property outside a component: \(line)") }
                stack[stack.count - 1].properties.append((name, parameters, value))
            }
        }
        guard stack.isEmpty else { throw Problem("unclosed \(stack.map(\.name))") }
    }

    /// A TEXT value with its escapes undone.
    static func text(_ value: String) -> String {
        var result = "", escaping = false
        for character in value {
            if escaping {
                result.append(character == "n" || character == "N" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    struct Problem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

@Suite("Events on the sample site (reference call)")
struct EventSampleSiteTests {
    let transcriptPath = "companies/calx/2012-q3/index.html"
    let slugs = [
        "telcotv-2012", "calix-annual-user-group-meeting-2012", "goldman-sachs-small-cap-technology-one-on-one-summit-2012",
        "ubs-global-technology-conference-2012", "credit-suisse-conference-2012", "calix-call-on-the-adjusted-forecast-2012",
    ]

    @Test func eventPagesForTheConferencesTelcoTVAndTheUserGroupMeeting() async throws {
        let (site, report) = try await SampleBuild.shared.get()
        #expect(report.pages[.events] == 1)
        #expect(report.pages[.event] == slugs.count)
        for slug in slugs { #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("events/\(slug)/index.html").path), "\(slug)") }

        let goldman = try site.page("events/goldman-sachs-small-cap-technology-one-on-one-summit-2012/index.html")
        #expect(goldman.contains("<time datetime=\"2012-11-07\">November 7, 2012</time>"))
        #expect(goldman.contains("<dd>San Francisco, California</dd>"))
        #expect(goldman.contains("<dt>Host</dt><dd>Goldman Sachs</dd>"))
        #expect(goldman.contains("Investor conference"))

        let ubs = try site.page("events/ubs-global-technology-conference-2012/index.html")
        #expect(ubs.contains("<time datetime=\"2012-11-14\">November 14, 2012</time>"))
        #expect(ubs.contains("<dd>New York</dd>"))
        #expect(ubs.contains("<dt>Host</dt><dd>UBS</dd>"))

        let suisse = try site.page("events/credit-suisse-conference-2012/index.html")
        #expect(suisse.contains("<time datetime=\"2012-11-28\">November 28, 2012</time>"))
        #expect(suisse.contains("<dd>Scottsdale, Arizona</dd>"))
        #expect(suisse.contains("<dt>Host</dt><dd>Credit Suisse</dd>"))

        let telco = try site.page("events/telcotv-2012/index.html")
        #expect(telco.contains("<time datetime=\"2012-10-25\">October 25, 2012</time>"))
        #expect(telco.contains("<dd>Las Vegas, Nevada</dd>"))
        #expect(telco.contains("<a href=\"../../speakers/carl-russo/\">Carl Russo</a></p>\n<p class=\"person__role\">Keynote speaker</p>"))
        #expect(telco.contains("<p class=\"person__name\">Jeff Gardner</p>"))
        #expect(telco.contains("CEO of Windstream; on stage just before Carl Russo"))

        let meeting = try site.page("events/calix-annual-user-group-meeting-2012/index.html")
        #expect(meeting.contains("<time datetime=\"2012-W44\">Week of October 29, 2012</time>"))
        #expect(meeting.contains("Company event"))
        #expect(meeting.contains("Also written <span class=\"alias\">Calix annual user-group conference</span>"))

        let calendar = try site.page("events/index.html")
        let order = slugs.dropLast().map { calendar.range(of: "events/\($0)/")?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order == order.sorted { $0! < $1! }, "by date")
        #expect(calendar.contains("<time datetime=\"2012-10\">October 2012</time>"))
        #expect(calendar.contains("<time datetime=\"2012-11\">November 2012</time>"))
        #expect(calendar.contains("Date not announced"))
        #expect(calendar.contains("href=\"../events.ics\""))
    }

    @Test func eachMentionLinksToItsEventAndEachEventLinksBackToTheExactParagraph() async throws {
        let site = try await SampleBuild.shared.get().site
        let transcript = try site.page(transcriptPath)
        var backLinks = 0
        for slug in slugs {
            let page = try site.page("events/\(slug)/index.html")
            let anchors = attributeValues("href", in: page).filter { $0.hasPrefix("../../companies/calx/2012-q3/#t") }
            #expect(!anchors.isEmpty, "\(slug) quotes no mention")
            for anchor in anchors {
                let id = String(anchor.split(separator: "#")[1])
                let html = try #require(paragraph(id, in: transcript), "no paragraph \(id)")
                #expect(html.contains("<a class=\"xref xref--event\" href=\"../../../events/\(slug)/\">"), "\(id) does not link \(slug)")
                backLinks += 1
            }
        }
        #expect(backLinks == 10)
        let eventLinks = attributeValues("href", in: transcript).filter { $0.hasPrefix("../../../events/") && $0 != "../../../events/" }
        #expect(eventLinks.count == 10, "every mention in the transcript is a link")
        #expect(transcript.contains("I was keynoting <a class=\"xref xref--event\" href=\"../../../events/telcotv-2012/\">TelcoTV</a> in Las Vegas"))
        #expect(transcript.contains("the <a class=\"xref xref--event\" href=\"../../../events/ubs-global-technology-conference-2012/\">UBS Global Technology Conference</a> in New York"))
        #expect(!transcript.contains("xref--event\" href=\"../../../events/telcotv-2012/\">conference call"))
    }

    @Test func theCalendarFileParsesBackPerRFC5545() async throws {
        let site = try await SampleBuild.shared.get().site
        let data = try Data(contentsOf: site.output.appendingPathComponent("events.ics"))
        let calendar = try CalendarFile(data)
        #expect(calendar.calendar.value("VERSION") == "2.0")
        #expect(calendar.calendar.value("PRODID") != nil)
        #expect(calendar.events.count == 5, "the five dated events; the undated call is left out")
        for event in calendar.events {
            for property in ["UID", "DTSTAMP", "DTSTART", "SUMMARY"] { #expect(event.value(property) != nil, "\(property) missing") }
            #expect(event.parameters("DTSTART") == ";VALUE=DATE")
            #expect(event.value("DTSTAMP") == "20121025T203000Z", "from the call's date, not the build time")
        }
        let bySummary = Dictionary(uniqueKeysWithValues: calendar.events.map { (CalendarFile.text($0.value("SUMMARY")!), $0) })
        let suisse = try #require(bySummary["Credit Suisse Conference"])
        #expect(suisse.value("DTSTART") == "20121128")
        #expect(suisse.value("DTEND") == "20121129")
        #expect(CalendarFile.text(suisse.value("LOCATION")!) == "Scottsdale, Arizona")
        #expect(suisse.value("LOCATION") == "Scottsdale\\, Arizona")
        let meeting = try #require(bySummary["Calix annual user group meeting"])
        #expect(meeting.value("DTSTART") == "20121029" && meeting.value("DTEND") == "20121105")
        #expect(CalendarFile.text(meeting.value("DESCRIPTION")!).contains("Exact days not announced: Week of October 29, 2012."))
        // UIDs are name-based UUIDs of the site title and the event page (no base URL here): Python's
        // uuid.uuid5(uuid.NAMESPACE_URL, "sitegen:Earnings Call Archive\x1fevents/telcotv-2012/").
        #expect(bySummary["TelcoTV"]?.value("UID") == "2cc897d8-2676-5c19-b85a-5abe2e57479d")
        #expect(Set(calendar.events.compactMap { $0.value("UID") }).count == 5)
    }

    @Test func calendarUIDsDifferBetweenArchivesAndStayAcrossBuilds() async throws {
        func uids(_ base: String) async throws -> [String] {
            let site = try TestSite(includeReference: true)
            defer { site.remove() }
            try await site.build(baseURL: base)
            let first = try CalendarFile(Data(contentsOf: site.output.appendingPathComponent("events.ics")))
            try FileManager.default.removeItem(at: site.output)
            try await site.build(baseURL: base)
            let second = try CalendarFile(Data(contentsOf: site.output.appendingPathComponent("events.ics")))
            #expect(first.events.map { $0.value("UID") } == second.events.map { $0.value("UID") })
            return first.events.compactMap { event in
                CalendarFile.text(event.value("SUMMARY")!) == "TelcoTV" ? event.value("UID") : nil
            }
        }
        // uuid.uuid5(uuid.NAMESPACE_URL, "<base>events/telcotv-2012/") in Python.
        #expect(try await uids("https://alice.example/calls/") == ["706db28c-bb54-5137-9d62-f2a40215716d"])
        #expect(try await uids("https://bob.example/archive/") == ["d8b7cc38-adaf-5512-9c40-68a473247ce2"])
    }

    @Test func companyQuarterAndSpeakerPagesListTheirEvents() async throws {
        let site = try await SampleBuild.shared.get().site
        let company = try site.page("companies/calx/index.html")
        let quarter = try site.page("quarters/2012-q3/index.html")
        for slug in slugs {
            #expect(company.contains("href=\"../../events/\(slug)/\""), "company page lacks \(slug)")
            #expect(quarter.contains("href=\"../../events/\(slug)/\""), "quarter page lacks \(slug)")
        }
        let russo = try site.page("speakers/carl-russo/index.html")
        #expect(russo.contains("href=\"../../events/telcotv-2012/\""))
        #expect(russo.contains("<span>Keynote speaker</span>"))
        #expect(russo.contains("href=\"../../events/calix-annual-user-group-meeting-2012/\""))
        let allen = try site.page("speakers/david-allen/index.html")
        #expect(allen.contains("href=\"../../events/credit-suisse-conference-2012/\""))
        #expect(!allen.contains("href=\"../../events/telcotv-2012/\""))
    }

    @Test func whoAskedForWhom() async throws {
        let site = try await SampleBuild.shared.get().site
        let jeremy = try site.page("speakers/jeremy-david/index.html")
        #expect(jeremy.contains("Stood in for Ehud Gelblum (Morgan Stanley) on the <a href=\"../../companies/calx/2012-q3/\">"))
        #expect(jeremy.contains("It&#39;s actually Jeremy David calling in for Ehud."))
        let doug = try site.page("speakers/doug-clark/index.html")
        #expect(doug.contains("Stood in for Simona Jankowski (Goldman Sachs)"))
        let company = try site.page("companies/calx/index.html")
        #expect(company.contains("<p class=\"person__note\">Stood in for Ehud Gelblum (Morgan Stanley)</p>"))
        #expect(company.contains("<p class=\"person__role\">Morgan Stanley</p>"), "the firm's coverage stays with Morgan Stanley")
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("speakers/ehud-gelblum/index.html").path),
                "the announced analyst did not speak and gets no page")
        let george = try site.page("speakers/george-notter/index.html")
        #expect(!george.contains("Stood in for"))
    }
}

@Suite("Events: curation, cross-links, calendar")
struct EventCurationSiteTests {
    @Test func curationMergesTwoSpellingsIntoOnePageAndOverridesTheDate() async throws {
        let site = try TestSite(files: [
            "acme.txt": pdfTranscript(period: "Q3 2012", date: "OCTOBER 25, 2012 / 9:00PM GMT",
                                      ceoSays: "We will present at the UBS Global Tech Conference in New York on November 14th."),
            "beta.txt": pdfTranscript(ticker: "BETA", company: "Beta Inc.", period: "Q3 2012", date: "OCTOBER 30, 2012 / 9:00PM GMT",
                                      ceoSays: "Next month we will be at the UBS Global Technology Conference, and TelcoTV was busy."),
            "events.yml": """
            # Curated events
            - name: UBS Global Technology Conference
              aliases: [UBS Global Tech Conference]
              kind: investor-conference
              date: 2012-11-15
              url: https://www.ubs.com/conference
              notes: Moved by a day; the bank's site has the agenda.
            - name: TelcoTV 2012
              aliases:
                - TelcoTV
              kind: industry-event
              start: 2012-10-24
              end: 2012-10-26
              place: Las Vegas, Nevada
            """,
        ])
        defer { site.remove() }
        let report = try await site.build()
        #expect(report.skipped.isEmpty)
        #expect(report.pages[.event] == 2)
        let events = try FileManager.default.contentsOfDirectory(atPath: site.output.appendingPathComponent("events").path).filter { !$0.hasSuffix(".html") }
        #expect(Set(events) == ["ubs-global-technology-conference-2012", "telcotv-2012", "2012"], "two event pages and their year's page")
        let ubs = try site.page("events/ubs-global-technology-conference-2012/index.html")
        #expect(ubs.contains("<time datetime=\"2012-11-15\">November 15, 2012</time>"), "the curated date wins over November 14th")
        #expect(ubs.contains("href=\"../../companies/acme/2012-q3/#t2-p1\""))
        #expect(ubs.contains("href=\"../../companies/beta/2012-q3/#t2-p1\""))
        #expect(ubs.contains("<dd>New York</dd>"), "extraction fills what curation leaves out")
        #expect(ubs.contains("<dt>Host</dt><dd>UBS</dd>"))
        #expect(ubs.contains("href=\"https://www.ubs.com/conference\""))
        #expect(ubs.contains("Moved by a day; the bank&#39;s site has the agenda."))
        #expect(ubs.contains("Also written <span class=\"alias\">UBS Global Tech Conference</span>"))
        let telco = try site.page("events/telcotv-2012/index.html")
        #expect(telco.contains("October 24–26, 2012"))
        #expect(telco.contains("href=\"../../companies/beta/2012-q3/#t2-p1\""), "a plain use of a curated alias is a mention")
        let beta = try site.page("companies/beta/2012-q3/index.html")
        #expect(beta.contains("<a class=\"xref xref--event\" href=\"../../../events/telcotv-2012/\">TelcoTV</a> was busy"))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("events.yml").path), "the curation file is not copied")
        let calendar = try CalendarFile(try Data(contentsOf: site.output.appendingPathComponent("events.ics")))
        #expect(calendar.events.map { $0.value("DTSTART") } == ["20121024", "20121115"])
        #expect(calendar.events.last?.value("URL") == "https://www.ubs.com/conference")
        #expect(LinkChecker.check(site.output).isEmpty)
    }

    @Test func listsOfEventsNameThePagesOwnCallsAndCountTheOthers() async throws {
        var files: [String: String] = [:]
        for (ticker, company) in [("ACME", "Acme Corp."), ("BETA", "Beta Inc."), ("GAMA", "Gamma Corp.")] {
            files["\(ticker.lowercased()).txt"] = pdfTranscript(ticker: ticker, company: company, period: "Q3 2012", date: "OCTOBER 25, 2012 / 9:00PM GMT",
                                                               ceoSays: "Next month we will present at the UBS Global Technology Conference.")
        }
        files["acme-q2.txt"] = pdfTranscript(period: "Q2 2012", date: "JULY 25, 2012 / 9:00PM GMT", ceoSays: "Margins held.")
        let site = try TestSite(files: files)
        defer { site.remove() }
        try await site.build()
        func calls(_ html: String) -> String {
            html.components(separatedBy: "<p class=\"event-item__calls\">").dropFirst().first?.components(separatedBy: "</p>").first ?? ""
        }
        let acme = calls(try site.page("companies/acme/index.html"))
        #expect(acme == "Mentioned in <a href=\"../../companies/acme/2012-q3/\">Acme Corp. Q3 2012 earnings call</a> and "
                + "<a href=\"../../events/ubs-global-technology-conference-2012/\">2 other calls</a>")
        let quarter = calls(try site.page("quarters/2012-q3/index.html"))
        #expect(quarter.components(separatedBy: "<a ").count - 1 == 3, "the quarter's three calls, nothing more")
        #expect(!quarter.contains("other call"))
        let speaker = try site.page("speakers/jane-roe/index.html")
        #expect(calls(speaker).contains("2012-q3/\">Acme Corp. Q3 2012 earnings call</a>") || !speaker.contains("event-item__calls"))
        let overview = calls(try site.page("events/index.html"))
        #expect(overview == "Mentioned in <a href=\"../events/ubs-global-technology-conference-2012/\">3 calls</a>")
        #expect(LinkChecker.check(site.output).isEmpty)
    }

    @Test func badCurationYAMLNamesTheFileAndLineAndTheRestIsBuilt() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript(), "events.yml": "- name: Good\n- name: [unclosed\n  kind: show\n"])
        defer { site.remove() }
        let report = try await site.build()
        #expect(report.published)
        let problem = try #require(report.skipped.first)
        #expect(problem.file == "Content/events.yml")
        #expect(problem.line == 2)
        let strict = try TestSite(files: ["acme.txt": pdfTranscript(), "events.yml": "- name: TelcoTV\n  kind: trade-show\n"])
        defer { strict.remove() }
        let failure = await strict.failure()
        #expect(failure == nil, "a bad kind is reported, not fatal without --strict")
        let again = try await strict.build()
        #expect(again.skipped.first?.line == 2)
        #expect(again.skipped.first?.message.contains("'kind' should be one of") == true)
        do {
            try await strict.build(strict: true)
            Issue.record("--strict should fail on a bad events file")
        } catch let failure as BuildFailure {
            #expect(failure.step == "events")
            #expect(failure.diagnostics.first?.file == "Content/events.yml")
        }
    }

    /// An extracted event keeps its name, page and calendar UID when a call spelling it worse is added, even one that
    /// sorts first (the most calls' spelling wins; on a tie the title-case one, then the first said).
    @Test func aMergedEventKeepsItsNameSlugAndUIDWhenACallIsAdded() async throws {
        let beta = pdfTranscript(ticker: "BETA", company: "Beta Inc.", period: "Q3 2012", date: "OCTOBER 25, 2012 / 9:00PM GMT",
                                 ceoSays: "We will present at the UBS Global Technology Conference in New York on November 14th.")
        let site = try TestSite(files: ["beta.txt": beta])
        defer { site.remove() }
        func state() async throws -> (slugs: [String], h1: String?, uid: String?) {
            try await site.build(baseURL: "https://example.org/")
            let slugs = try EventCalendarTests.eventSlugs(site.output).filter { $0.contains("ubs") }
            let page = try slugs.first.map { try site.page("events/\($0)/index.html") }
            let h1 = page?.components(separatedBy: "<h1").dropFirst().first?.components(separatedBy: "</h1>").first
            let calendar = try CalendarFile(Data(contentsOf: site.output.appendingPathComponent("events.ics")))
            return (slugs, h1, calendar.events.first { CalendarFile.text($0.value("SUMMARY")!).contains("UBS") }?.value("UID"))
        }
        let before = try await state()
        #expect(before.slugs == ["ubs-global-technology-conference-2012"])
        // Acme sorts before Beta, and its call is later and spells the name in lower case with the year in front.
        try site.write(pdfTranscript(period: "Q3 2012", date: "NOVEMBER 1, 2012 / 9:00PM GMT",
                                     ceoSays: "We will present at the 2012 UBS global technology conference in New York."), to: "Content/acme.txt")
        let after = try await state()
        #expect(after.slugs == before.slugs)
        #expect(after.h1 == before.h1)
        #expect(after.h1?.contains("UBS Global Technology Conference") == true)
        #expect(after.uid != nil && after.uid == before.uid)
        let page = try site.page("events/ubs-global-technology-conference-2012/index.html")
        #expect(page.contains("href=\"../../companies/acme/2012-q3/#t2-p1\""), "the new mention joins the event")
        #expect(SiteEvents.displayName([(0, 0), (1, 0), (2, 0)], perCall: [
            mentions(["2012 UBS global technology conference"]), mentions(["UBS Global Technology Conference"]),
            mentions(["2012 UBS global technology conference"]),
        ], chronology: [0, 1, 2]) == "2012 UBS global technology conference", "the spelling most calls use")
        #expect(SiteEvents.slugBase(name: "2013 Consumer Electronics Show", year: 2013) == "consumer-electronics-show-2013")
        #expect(SiteEvents.slugBase(name: "TelcoTV 2012", year: 2012) == "telcotv-2012")
    }

    /// Mentions named as `names`, for `SiteEvents.displayName`.
    private func mentions(_ names: [String]) -> [EventMention] {
        names.map { EventMention(name: $0, key: EventExtractor.key($0), category: .investorConference, dates: nil, year: 2012, places: [],
                                 host: nil, participants: [], turn: 1, paragraph: 0, sentence: $0, text: $0, occurrence: 0, offset: 0,
                                 rule: .namedEvent) }
    }

    /// "the 2013 Consumer Electronics Show" said in 2012 is a 2013 event: on /events/2013/, and one page with the same
    /// event mentioned by a 2013 call without the year.
    @Test func aYearInAnEventsNameFilesItUnderThatYear() async throws {
        let site = try TestSite(files: [
            "acme.txt": pdfTranscript(period: "Q3 2012", date: "OCTOBER 25, 2012 / 9:00PM GMT",
                                      ceoSays: "We also hope to see you at the 2013 Consumer Electronics Show. We will present at the Beta Technology Conference 2013 in New York."),
            "gama.txt": pdfTranscript(ticker: "GAMA", company: "Gamma Corp.", period: "Q4 2012", date: "FEBRUARY 7, 2013 / 9:00PM GMT",
                                      ceoSays: "We will present at the Beta Technology Conference in New York."),
        ])
        defer { site.remove() }
        try await site.build(calendarInlineLimit: 0)
        let slugs = try EventCalendarTests.eventSlugs(site.output)
        #expect(slugs.contains("consumer-electronics-show-2013"))
        #expect(slugs.filter { $0.hasPrefix("beta-technology-conference") } == ["beta-technology-conference-2013"])
        let year = try site.page("events/2013/index.html")
        #expect(year.contains("events/consumer-electronics-show-2013/") && year.contains("events/beta-technology-conference-2013/"))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("events/2012/index.html").path),
                "no event of 2012 remains")
        let beta = try site.page("events/beta-technology-conference-2013/index.html")
        #expect(beta.contains("companies/acme/2012-q3/#t2-p1") && beta.contains("companies/gama/2012-q4/#t2-p1"))
    }

    /// Two curated entries sharing a spelling are reported with the file and both lines; `--strict` fails on it.
    @Test func aSpellingOfTwoCuratedEventsIsReportedAndStrictFails() async throws {
        let yaml = "- name: Other Show\n  aliases: [UBS Global Technology Conference]\n- name: UBS Global Technology Conference\n  host: UBS\n"
        let site = try TestSite(files: [
            "acme.txt": pdfTranscript(period: "Q3 2012", date: "OCTOBER 25, 2012 / 9:00PM GMT",
                                      ceoSays: "We will present at the UBS Global Technology Conference in New York on November 14th."),
            "events.yml": yaml,
        ])
        defer { site.remove() }
        let report = try await site.build()
        let problem = try #require(report.skipped.first { $0.file == "Content/events.yml" })
        #expect(problem.line == 3)
        #expect(problem.message.contains("(lines 1 and 3)"))
        do {
            try await site.build(strict: true)
            Issue.record("--strict should fail on a spelling of two events")
        } catch let failure as BuildFailure {
            #expect(failure.step == "events")
            #expect(failure.diagnostics.first?.line == 3)
        }
    }

    @Test func aStandInWithoutAFirmIsCountedForTheAnnouncedFirm() async throws {
        let markdown = """
        ---
        company: Acme Corp.
        ticker: ACME
        title: ACME - Q1 2013 Acme Corp. Earnings Call
        kind: earnings-call
        fiscalPeriod:
          year: 2013
          quarter: 1
        date: 2013-02-07T21:00:00Z
        layout: markdown
        participants:
          - name: Jane Roe
            affiliation: Acme Corp.
            title: CEO
            group: corporate
          - name: Pat Lee
            group: analyst
          - name: Operator
            group: operator
        ---

        ## Questions and Answers

        ### Operator

        Our next question comes from the line of Sam Stone of Big Bank. Please go ahead.

        ### Pat Lee

        Hi, this is Pat Lee on for Sam. How is demand?

        ### Jane Roe

        Demand is steady.
        """
        let site = try TestSite(files: ["acme.md": markdown])
        defer { site.remove() }
        try await site.build()
        let company = try site.page("companies/acme/index.html")
        #expect(company.contains("<p class=\"person__role\">Big Bank</p>\n<p class=\"person__note\">Stood in for Sam Stone (Big Bank)</p>"))
        let pat = try site.page("speakers/pat-lee/index.html")
        #expect(pat.contains("Stood in for Sam Stone (Big Bank) on the"))
    }

    @Test func mentionsOfArchiveCompaniesAndSpeakersLinkToTheirPages() async throws {
        let site = try TestSite(files: [
            "acme.txt": pdfTranscript(ceoSays: "Calix and CALX both came up, as did Carl Russo; Acme Corp. itself is not linked."),
        ], includeReference: true)
        defer { site.remove() }
        try await site.build()
        let acme = try site.page("companies/acme/2013-q1/index.html")
        #expect(acme.contains("<a class=\"xref xref--company\" href=\"../../../companies/calx/\">Calix</a> and CALX"), "once per turn")
        #expect(acme.contains("<a class=\"xref xref--person\" href=\"../../../speakers/carl-russo/\">Carl Russo</a>"))
        #expect(!acme.contains("xref--company\" href=\"../../../companies/acme/\""))
        let calix = try site.page("companies/calx/2012-q3/index.html")
        #expect(!calix.contains("xref--company"), "a call's own company is not linked")
        #expect(LinkChecker.check(site.output).isEmpty)
    }

    @Test func eventPagesOfARicherSitePassTheHTML5ValidatorAndTheLinkChecker() async throws {
        let site = try TestSite(files: [
            "acme.txt": pdfTranscript(date: "OCTOBER 25, 2012 / 9:00PM GMT",
                                      ceoSays: "We will host our Analyst Day in New York City and in London early next month, and we will be at the <Needham> & \"Growth\" Conference."),
            "events.yml": "- name: Acme Analyst Day\n  url: https://example.com/a?b=1&c=2\n  notes: \"Quotes \\\" and <tags> stay text.\"\n",
        ], includeReference: true)
        defer { site.remove() }
        try await site.build(baseURL: "https://example.org/calls/")
        #expect(LinkChecker.check(site.output).isEmpty, "\(LinkChecker.check(site.output).prefix(5))")
        let result = try HTMLValidator.validate(site.output)
        #expect(result.errors.isEmpty, "\(result.errors.prefix(10).joined(separator: "\n"))")
        let calendar = try CalendarFile(try Data(contentsOf: site.output.appendingPathComponent("events.ics")))
        #expect(calendar.events.contains { $0.value("URL") == "https://example.org/calls/events/telcotv-2012/" })
    }

    @Test func twoBuildsGiveTheSameCalendar() async throws {
        let site = try TestSite(includeReference: true)
        defer { site.remove() }
        try await site.build()
        let first = try Data(contentsOf: site.output.appendingPathComponent("events.ics"))
        try await site.build()
        #expect(try Data(contentsOf: site.output.appendingPathComponent("events.ics")) == first)
    }
}

@Suite("Events from hostile paragraphs")
struct HostileEventParagraphTests {
    /// The reference call with Carl Russo's first paragraph replaced by `paragraph`.
    static func call(with paragraph: String) throws -> String {
        var lines = try String(contentsOf: repositoryRoot.appendingPathComponent("Content/calx-q3-2012.txt"), encoding: .utf8)
            .components(separatedBy: "\n")
        var index = try #require(lines.firstIndex { $0.hasPrefix("Carl Russo - Calix") }) + 1
        while lines[index].trimmingCharacters(in: .whitespaces).isEmpty { index += 1 }
        lines[index] = paragraph
        return lines.joined(separator: "\n")
    }

    /// A paragraph in title case without a sentence end (700 KB of it made 4.3 GB of event pages and took 9 GB of
    /// memory): the text is all on the transcript page, and each event page quotes bounded excerpts.
    @Test func aTitleCaseParagraphKeepsItsTextAndSmallEventPages() async throws {
        let unit = "Alpha Beta Gamma Delta Conference "
        let site = try TestSite(files: ["calx.txt": try Self.call(with: String(repeating: unit, count: 1500) + "Summit.")])
        defer { site.remove() }
        try await site.build()
        let transcript = try site.page("companies/calx/2012-q3/index.html")
        #expect(transcript.components(separatedBy: "Alpha Beta Gamma Delta").count - 1 == 1500, "every word of the paragraph is on the page")
        let events = snapshot(site.output.appendingPathComponent("events"))
        #expect(!events.isEmpty)
        for (path, data) in events where path.hasSuffix(".html") {
            #expect(data.count < 4_000_000, "\(path): \(data.count) bytes")
        }
    }

    /// Thousands of mentions in one paragraph are all linked on the transcript page.
    @Test func aParagraphOfManyMentionsLinksEachOfThem() async throws {
        let sentence = "We will be at the UBS Global Technology Conference in New York on November 14th. "
        let site = try TestSite(files: ["calx.txt": try Self.call(with: String(repeating: sentence, count: 600))])
        defer { site.remove() }
        try await site.build()
        let transcript = try site.page("companies/calx/2012-q3/index.html")
        let links = transcript.components(separatedBy: "ubs-global-technology-conference-2012/\">UBS Global Technology Conference</a>").count - 1
        #expect(links == 600 + 1, "the 600 sentences and the call's own mention")
    }
}

@Suite("Inline links and calendar lines")
struct InlineLinkerTests {
    func link(_ text: String, _ occurrence: Int = 0, kind: InlineLink.Kind = .event) -> InlineLink {
        InlineLink(text: text, occurrence: occurrence, url: "events/x/", kind: kind, offset: 0)
    }

    @Test func linksOnlyTextNeverTagsAttributesOrExistingLinks() {
        let html = "See <a href=\"https://x.test/TelcoTV\">TelcoTV</a> and <code>TelcoTV</code>, then TelcoTV <em title=\"TelcoTV\">again</em>."
        #expect(InlineLinker.apply([link("TelcoTV", 0)], to: html, root: "../") == html, "the first occurrence is inside a link: skipped")
        let out = InlineLinker.apply([link("TelcoTV", 2)], to: html, root: "../")
        #expect(out == "See <a href=\"https://x.test/TelcoTV\">TelcoTV</a> and <code>TelcoTV</code>, then <a class=\"xref xref--event\" href=\"../events/x/\">TelcoTV</a> <em title=\"TelcoTV\">again</em>.")
    }

    @Test func matchesEscapedTextAndPicksTheOccurrence() {
        let html = "AT&amp;T met AT&amp;T &quot;here&quot;."
        let out = InlineLinker.apply([link("AT&T", 1, kind: .company), link("\"here\"")], to: html, root: "")
        #expect(out == "AT&amp;T met <a class=\"xref xref--company\" href=\"events/x/\">AT&amp;T</a> <a class=\"xref xref--event\" href=\"events/x/\">&quot;here&quot;</a>.")
        #expect(InlineLinker.apply([link("AT&T", 5)], to: html, root: "") == html)
    }

    /// The linker finds each text's occurrences once and places links by binary search; it places exactly what the
    /// scan per link it replaced placed (the oracle below), on random paragraphs with links in every order.
    @Test func placesWhatTheScanPerLinkPlaced() {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces = ["UBS", "UBS Conference", "Conference", "AT&amp;T", "TelcoTV", "<a href=\"x\">UBS</a>", "<code>TelcoTV</code>",
                      "<em>UBS</em>", " ", " and ", "é", "Conf"]
        let texts = ["UBS", "UBS Conference", "Conference", "AT&T", "TelcoTV", "Conf", "é"]
        var linked = 0
        for _ in 0..<400 {
            let html = (0..<(1 + next(25))).map { _ in pieces[next(pieces.count)] }.joined()
            let links = (0..<next(12)).map { _ in link(texts[next(texts.count)], next(5), kind: next(2) == 0 ? .event : .company) }
            let out = InlineLinker.apply(links, to: html, root: "../")
            #expect(out == Self.oracle(links, to: html, root: "../"), "\(html)")
            if out != html { linked += 1 }
        }
        #expect(linked > 200, "most paragraphs get a link")
    }

    /// `InlineLinker.apply` as it was: each link searched from the paragraph's start, overlaps checked one by one (the
    /// HTML is written by the same `InlineLinker.wrapped`).
    static func oracle(_ links: [InlineLink], to html: String, root: String) -> String {
        guard !links.isEmpty else { return html }
        let bytes = Array(html.utf8)
        let segments = InlineLinker.textSegments(bytes)
        var wraps: [(range: Range<Int>, link: InlineLink)] = []
        for link in links {
            let needle = Array(HTMLText.escape(link.text).utf8)
            guard !needle.isEmpty else { continue }
            var seen = 0
            var placed: Range<Int>?
            search: for segment in segments {
                for offset in Occurrence.offsets(of: needle, in: Array(bytes[segment.range])) {
                    if seen == link.occurrence {
                        if !segment.isInsideLink { placed = (segment.range.lowerBound + offset)..<(segment.range.lowerBound + offset + needle.count) }
                        break search
                    }
                    seen += 1
                }
            }
            guard let range = placed, !wraps.contains(where: { $0.range.overlaps(range) }) else { continue }
            wraps.append((range, link))
        }
        return InlineLinker.wrapped(bytes, wraps.sorted { $0.range.lowerBound < $1.range.lowerBound }, root: root) ?? html
    }

    @Test func calendarLinesFoldAt75OctetsWithoutSplittingCharacters() {
        let long = "DESCRIPTION:" + ICalendar.text(String(repeating: "Zürich, ", count: 20))
        let folded = ICalendar.fold(long)
        let lines = folded.components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(lines.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined() == long)
        #expect(ICalendar.text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
    }
}
