import Foundation
import Testing
import TranscriptKit
import Yams
@testable import SiteBuilder

/// A site with four dated calls of three companies (one call's text needs XML escaping) and one undated call.
private func feedSite() throws -> TestSite {
    let undated = pdfTranscript(ticker: "GAMMA", company: "Gamma Ltd", period: "Q2 2013")
        .replacingOccurrences(of: "EVENT DATE/TIME: FEBRUARY 7, 2013 / 9:00PM GMT\n", with: "")
    return try TestSite(files: [
        "acme-q1.txt": pdfTranscript(),
        "acme-q2.txt": pdfTranscript(period: "Q2 2013", date: "MAY 7, 2013 / 9:00PM GMT",
                                     ceoSays: "Margins <widened> & \"held\"; R&D isn't 'cheap'."),
        "beta.txt": pdfTranscript(ticker: "BETA", company: "Beta Inc.", period: "Q4 2012", date: "JANUARY 30, 2013 / 2:00PM GMT"),
        "gamma.txt": undated,
    ], includeReference: true)
}

/// RFC 3339 date-time (the profile Atom requires).
private func isRFC3339(_ text: String) -> Bool {
    text.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/) != nil
}

private let atom = "http://www.w3.org/2005/Atom"
private let base = "https://example.org/calls/"

@Suite("Publishing: feeds, sitemap, robots.txt, data exports, head links")
struct PublishingTests {
    // MARK: Feeds

    /// Checks the elements RFC 4287 requires of a feed and its entries; returns the entries.
    private func checkAtom(_ feed: XMLNode, file: String) throws -> [XMLNode] {
        #expect(feed.name == "feed" && feed.namespace == atom, "\(file)")
        for name in ["id", "title", "updated", "author"] { #expect(feed.all(name).count == 1, "\(file): feed/\(name)") }
        #expect(isRFC3339(feed.first("updated")?.text ?? ""), "\(file)")
        #expect(feed.first("author")?.first("name")?.text.isEmpty == false)
        let links = feed.all("link")
        #expect(links.contains { $0.attributes["rel"] == "self" && $0.attributes["type"] == "application/atom+xml" })
        #expect(links.contains { $0.attributes["rel"] == "alternate" && $0.attributes["type"] == "text/html" })
        let entries = feed.all("entry")
        for entry in entries {
            for name in ["id", "title", "updated", "summary"] { #expect(entry.all(name).count == 1, "\(file): entry/\(name)") }
            #expect(isRFC3339(entry.first("updated")?.text ?? ""))
            #expect(entry.all("link").filter { $0.attributes["rel"] == "alternate" }.count == 1)
            #expect(entry.first("summary")?.text.isEmpty == false)
            let id = try #require(entry.first("id")?.text)
            #expect(URL(string: id)?.scheme != nil, "entry id must be an absolute IRI: \(id)")
        }
        let updated = entries.compactMap { $0.first("updated")?.text }
        #expect(updated == updated.sorted(by: >), "entries newest first")
        #expect(feed.first("updated")?.text == updated.first, "feed updated = newest entry")
        return entries
    }

    @Test func siteAndCompanyFeedsAreAtomWithAbsoluteLinksUnderABaseURL() async throws {
        let site = try feedSite()
        defer { site.remove() }
        let report = try await site.build(baseURL: "https://example.org/calls")
        #expect(report.feeds == 4)

        let feed = try XMLTree.parse(contentsOf: site.output.appendingPathComponent("feed.xml"))
        let entries = try checkAtom(feed, file: "feed.xml")
        #expect(feed.first("id")?.text == base + "feed.xml")
        #expect(feed.all("link").first { $0.attributes["rel"] == "self" }?.attributes["href"] == base + "feed.xml")
        let links = entries.compactMap { $0.first("link")?.attributes["href"] }
        #expect(links == [base + "companies/acme/2013-q2/", base + "companies/acme/2013-q1/",
                          base + "companies/beta/2012-q4/", base + "companies/calx/2012-q3/"])
        #expect(entries.map { $0.first("id")?.text } == links)
        #expect(entries.compactMap { $0.first("updated")?.text } ==
                ["2013-05-07T21:00:00Z", "2013-02-07T21:00:00Z", "2013-01-30T14:00:00Z", "2012-10-25T20:30:00Z"])
        #expect(entries.first?.first("title")?.text == "Acme Corp. Q2 2013 earnings call")
        for link in links {
            let page = String(link.dropFirst(base.count)) + "index.html"
            #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(page).path), "\(page)")
        }

        for company in ["acme", "beta", "calx"] {
            let companyFeed = try XMLTree.parse(contentsOf: site.output.appendingPathComponent("companies/\(company)/feed.xml"))
            let companyEntries = try checkAtom(companyFeed, file: company)
            #expect(companyEntries.allSatisfy { $0.first("id")?.text.hasPrefix(base + "companies/\(company)/") == true })
            #expect(companyFeed.all("link").first { $0.attributes["rel"] == "alternate" }?.attributes["href"] == base + "companies/\(company)/")
        }
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("companies/gamma/feed.xml").path))
    }

    @Test func summariesComeFromThePreparedRemarksAndAreEscaped() async throws {
        let site = try feedSite()
        defer { site.remove() }
        try await site.build()
        let raw = try site.page("feed.xml")
        #expect(raw.contains("Margins &lt;widened&gt; &amp; &quot;held&quot;; R&amp;D isn&apos;t &apos;cheap&apos;."))
        let feed = try XMLTree.parse(contentsOf: site.output.appendingPathComponent("feed.xml"))
        let summaries = feed.all("entry").compactMap { $0.first("summary")?.text }
        #expect(summaries.first == "Margins <widened> & \"held\"; R&D isn't 'cheap'.")
        #expect(summaries.allSatisfy { !$0.contains("Welcome to the call") })
        let calix = try #require(summaries.last)
        #expect(calix.hasPrefix("Thank you, Dave. Good afternoon, everyone."), "the CEO's remarks, not the safe-harbour statement")
        #expect(!calix.contains("forward-looking statements"))
        #expect(calix.count <= FeedSummary.length + 201)
    }

    /// The summary's fallbacks, in order: the presentation without the operator and the safe-harbour turns; the
    /// presentation without the operator; any turn but the operator's; any turn.
    @Test func summaryFallbacks() {
        func call(_ sections: [Section]) -> Transcript {
            Transcript(company: "Acme Corp.", ticker: "ACME", title: "Acme Q3", kind: .earningsCall, fiscalPeriod: nil, date: nil,
                       statedTimeZone: nil,
                       participants: [Participant(name: "Operator", group: .operator),
                                      Participant(name: "Ann IR", affiliation: "Acme Corp.", title: "IR", group: .corporate),
                                      Participant(name: "Bob CEO", affiliation: "Acme Corp.", title: "CEO", group: .corporate)],
                       sections: sections, layout: .markdown)
        }
        let welcome = Turn(speaker: "Operator", paragraphs: ["Welcome to the call."])
        let harbour = Turn(speaker: "Ann IR", paragraphs: ["Thanks.", "We will make Forward-Looking Statements today."])
        let remarks = Turn(speaker: "Bob CEO", paragraphs: ["  ", "Revenue grew.", String(repeating: "Margins held. ", count: 60)])
        let question = Turn(speaker: "Bob CEO", paragraphs: ["A question answered."])
        let full = FeedSummary.text(for: call([Section(kind: .presentation, turns: [welcome, harbour, remarks, remarks]),
                                               Section(kind: .questionsAndAnswers, turns: [question])]))
        #expect(full.hasPrefix("Revenue grew. Margins held."))
        #expect(full.count <= FeedSummary.length + 201 && !full.contains("Forward"))
        #expect(FeedSummary.text(for: call([Section(kind: .presentation, turns: [welcome, harbour])])) ==
                "Thanks. We will make Forward-Looking Statements today.")
        #expect(FeedSummary.text(for: call([Section(kind: .presentation, turns: [welcome]),
                                            Section(kind: .questionsAndAnswers, turns: [question])])) == "A question answered.")
        #expect(FeedSummary.text(for: call([Section(kind: .presentation, turns: [welcome])])) == "Welcome to the call.")
        #expect(FeedSummary.text(for: call([])) == "")
    }

    /// The one-pass phrase search agrees with Foundation's case-insensitive search on random text made of the phrases'
    /// letters, case mixed, with prefixes of the phrases and a non-ASCII letter thrown in.
    @Test func boilerplateSearchMatchesFoundation() {
        let phrases = ["safe harbor", "401(k) plan", "safe harbour", "forward-looking statement", "sa"]
        let pieces = ["safe", " ", "harb", "our", "or", "SAFE", "Harbo", "forward", "-looking", " statement", "é", "s", "x", "Sa",
                      "401", "(k)", "(K)", " Plan", "40"]
        var random = SplitMix(state: 7)
        for round in 0..<3_000 {
            let count = Int(random.next() % 8)
            let text = (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            let used = Array(phrases.prefix(1 + round % phrases.count))
            let expected = used.contains { text.range(of: $0, options: .caseInsensitive) != nil }
            #expect(FeedSummary.containsIgnoringASCIICase(text, anyOf: used.map { Array($0.utf8) }) == expected, "\(text) / \(used)")
        }
        #expect(FeedSummary.containsIgnoringASCIICase("anything", anyOf: [[]]), "an empty phrase is in every text")
        #expect(!FeedSummary.containsIgnoringASCIICase("anything", anyOf: []))
    }

    @Test func withoutABaseURLFeedIdsAreStableURNsAndLinksAreRelativeToTheFeed() async throws {
        let site = try feedSite()
        defer { site.remove() }
        try await site.build()
        let feed = try XMLTree.parse(contentsOf: site.output.appendingPathComponent("feed.xml"))
        let entries = try checkAtom(feed, file: "feed.xml")
        #expect(feed.first("id")?.text.hasPrefix("urn:uuid:") == true)
        #expect(entries.allSatisfy { $0.first("id")?.text.hasPrefix("urn:uuid:") == true })
        #expect(entries.first?.first("link")?.attributes["href"] == "companies/acme/2013-q2/")

        let companyFeed = try XMLTree.parse(contentsOf: site.output.appendingPathComponent("companies/acme/feed.xml"))
        let companyEntries = try checkAtom(companyFeed, file: "acme")
        let folder = site.output.appendingPathComponent("companies/acme", isDirectory: true)
        for entry in companyEntries {
            let href = try #require(entry.first("link")?.attributes["href"])
            #expect(href.hasPrefix("../../"))
            let target = URL(fileURLWithPath: href, relativeTo: folder).appendingPathComponent("index.html").standardizedFileURL
            #expect(FileManager.default.fileExists(atPath: target.path), "\(href)")
        }
        let ids = Set(entries.compactMap { $0.first("id")?.text })
        #expect(companyEntries.allSatisfy { ids.contains($0.first("id")!.text) }, "an entry has the same id in both feeds")

        let again = site.root.appendingPathComponent("again", isDirectory: true)
        try await site.build(output: again)
        #expect(try site.page("feed.xml", in: again) == site.page("feed.xml"))
    }

    @Test func feedsListTheNewestCallsUpToTheirLengthAndLeaveOutUndatedCalls() throws {
        let calls = (1...5).map { month in
            (source: "Content/\(month).txt", transcript: Transcript(
                company: "Acme Corp.", ticker: "ACME", title: "Call \(month)", kind: .earningsCall,
                fiscalPeriod: FiscalPeriod(year: 2013, quarter: 1 + month % 4),
                date: month == 5 ? nil : Calendar.utc.date(from: DateComponents(year: 2013, month: month, day: 1)),
                layout: .markdown))
        }
        let index = SiteIndex(calls: calls, config: .defaults)
        let plan = FeedPlan(index: index, length: 3)
        #expect(plan.siteCalls.map { index.calls[$0].outline.title } == ["Call 4", "Call 3", "Call 2"])
        #expect(plan.companyCalls[0]?.map { index.calls[$0].outline.title } == ["Call 4", "Call 3", "Call 2"])
    }

    @Test func nameBasedUUIDsFollowRFC4122() {
        #expect(SHA1.digest(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined() == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(SHA1.digest(Array(repeating: UInt8(ascii: "a"), count: 1000)).map { String(format: "%02x", $0) }.joined()
                == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
        #expect(NameUUID.urn("https://example.org/") == "urn:uuid:527dda32-a0de-5105-a042-cb475b5f7d11")
    }

    // MARK: Sitemap and robots.txt

    @Test func sitemapListsEveryHTMLPageExactlyOnceWithAbsoluteURLs() async throws {
        let site = try feedSite()
        defer { site.remove() }
        try site.write("# About\n\nWho we are.\n", to: "Content/about.md")
        try site.write("<!DOCTYPE html><title>Old page</title>\n", to: "Content/legacy/old page.html")
        let report = try await site.build(baseURL: "https://example.org/calls")

        let sitemap = try XMLTree.parse(contentsOf: site.output.appendingPathComponent("sitemap.xml"))
        #expect(sitemap.name == "urlset" && sitemap.namespace == "http://www.sitemaps.org/schemas/sitemap/0.9")
        let locs = sitemap.all("url").compactMap { $0.first("loc")?.text }
        #expect(locs.count == Set(locs).count, "no URL twice")
        #expect(locs.allSatisfy { $0.hasPrefix(base) })
        #expect(report.sitemapURLs == locs.count)

        let pages = snapshot(site.output).keys.filter { $0.hasSuffix(".html") && $0 != "404.html" }
        let expected = Set(pages.map { path in
            base + (path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path)
                .replacingOccurrences(of: " ", with: "%20")
        })
        #expect(Set(locs) == expected)
        #expect(locs.contains(base))
        #expect(locs.contains(base + "about/"))
        #expect(locs.contains(base + "legacy/old%20page.html"))
        #expect(locs.contains(base + "companies/acme/2013-q2/"))
        #expect(locs.contains(base + "speakers/carl-russo/"))
        #expect(!locs.contains(base + "404.html"))

        let robots = try site.page("robots.txt")
        #expect(robots.contains("User-agent: *"))
        #expect(robots.contains("\nSitemap: https://example.org/calls/sitemap.xml\n"))
    }

    /// The 404 page links from the site's root (it is served at any depth); under a base URL whose path holds
    /// percent-escapes the links keep them as written, as every other page's absolute URLs do, and the site checks clean.
    @Test(arguments: ["https://example.org/c%23/", "https://example.org/my%20archive", "https://example.org/100%25/a%2Fb/"])
    func notFoundPageKeepsTheBaseURLsEscapes(baseURL: String) async throws {
        let site = try TestSite(includeReference: true)
        defer { site.remove() }
        try await site.build(baseURL: baseURL)
        let slashed = { (text: String) in text.hasSuffix("/") ? text : text + "/" }
        let root = slashed(try #require(URLComponents(string: baseURL)?.percentEncodedPath))
        let page = try site.page("404.html")
        #expect(page.contains("href=\"\(root)assets/style.css\""))
        #expect(page.contains("<link rel=\"canonical\" href=\"\(slashed(baseURL))404.html\">"))
        let audit = LinkChecker.audit(site.output)
        #expect(audit.problems.isEmpty, "\(audit.problems.prefix(5))")
    }

    @Test func withoutABaseURLThereIsNoSitemapAndTheSummarySaysSo() async throws {
        let site = try TestSite(includeReference: true)
        defer { site.remove() }
        let report = try await site.build()
        #expect(report.sitemapURLs == nil)
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("sitemap.xml").path))
        let robots = try site.page("robots.txt")
        #expect(robots.contains("User-agent: *"))
        #expect(!robots.contains("Sitemap:"))
        #expect(report.summary(output: "Public/", warningsListed: false).contains("no sitemap.xml (no base URL"))
    }

    @Test func sitemapBecomesAnIndexPastTheLimit() throws {
        let urls = (1...7).map { "page-\($0)/" }
        let documents = Sitemap.documents(urls: urls, base: base, limit: 3)
        #expect(documents.map(\.path.description) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"])
        let index = try XMLTree.parse(Data(documents[0].text.utf8))
        #expect(index.name == "sitemapindex" && index.namespace == "http://www.sitemaps.org/schemas/sitemap/0.9")
        #expect(index.all("sitemap").compactMap { $0.first("loc")?.text } == (1...3).map { base + "sitemap-\($0).xml" })
        var listed: [String] = []
        for (document, count) in zip(documents.dropFirst(), [3, 3, 1]) {
            let set = try XMLTree.parse(Data(document.text.utf8))
            #expect(set.name == "urlset")
            let locs = set.all("url").compactMap { $0.first("loc")?.text }
            #expect(locs.count == count)
            listed += locs
        }
        #expect(listed == urls.map { base + $0 })

        let single = Sitemap.documents(urls: Array(urls.prefix(3)), base: base, limit: 3)
        #expect(single.map(\.path.description) == ["sitemap.xml"])
        #expect(try XMLTree.parse(Data(single[0].text.utf8)).all("url").count == 3)
        #expect(Sitemap.documents(urls: urls, base: base).count == 1, "the default limit is 50,000")
    }

    @Test func aContentFileAtAGeneratedPathIsReplacedWithAWarning() async throws {
        let site = try TestSite(files: ["feed.xml": "<rss/>\n", "data/transcripts.json": "[]\n", "robots.txt": "User-agent: *\nDisallow: /\n"],
                                includeReference: true)
        defer { site.remove() }
        let report = try await site.build()
        #expect(report.skipped.isEmpty, "Content/robots.txt is not read as a transcript")
        #expect(try site.page("robots.txt").contains("# Written by sitegen."))
        #expect(report.warnings.contains { $0.file == "Content/robots.txt" && $0.message.contains("replaced") })
        #expect(try site.page("feed.xml").contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
        #expect(try site.page("data/transcripts.json").contains("Calix"))
        #expect(report.warnings.contains { $0.file == "Content/feed.xml" && $0.message.contains("replaced") })
        #expect(report.warnings.contains { $0.file == "Content/data/transcripts.json" && $0.message.contains("replaced") })
    }

    // MARK: Head

    @Test func pagesLinkTheirFeedsAndCarryDescriptionCanonicalAndOpenGraph() async throws {
        let site = try feedSite()
        defer { site.remove() }
        try await site.build(baseURL: "https://example.org/calls")
        let transcript = try site.page("companies/acme/2013-q2/index.html")
        #expect(transcript.contains("<meta name=\"description\" content=\"Q2 2013 earnings call of Acme Corp."))
        #expect(transcript.contains("<link rel=\"canonical\" href=\"https://example.org/calls/companies/acme/2013-q2/\">"))
        #expect(transcript.contains("<meta property=\"og:type\" content=\"article\">"))
        #expect(transcript.contains("<meta property=\"og:title\" content=\"Acme Corp. Q2 2013 earnings call\">"))
        #expect(transcript.contains("<meta property=\"og:description\" content=\"Q2 2013 earnings call of Acme Corp."))
        #expect(transcript.contains("<meta property=\"og:url\" content=\"https://example.org/calls/companies/acme/2013-q2/\">"))
        #expect(transcript.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Earnings Call Archive\" href=\"../../../feed.xml\">"))
        #expect(transcript.contains("type=\"application/atom+xml\" title=\"Acme Corp. calls · Earnings Call Archive\" href=\"../../../companies/acme/feed.xml\">"))
        #expect(transcript.contains("<link rel=\"alternate\" type=\"application/json\" title=\"This call as JSON\" href=\"../../../data/acme/2013-q2.json\">"))

        let company = try site.page("companies/acme/index.html")
        #expect(company.contains("href=\"../../companies/acme/feed.xml\""))
        #expect(company.contains("<meta property=\"og:type\" content=\"website\">"))
        let home = try site.page("index.html")
        #expect(home.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Earnings Call Archive\" href=\"feed.xml\">"))
        #expect(!home.contains("companies/acme/feed.xml"))
        #expect(!(try site.page("companies/gamma/index.html")).contains("companies/gamma/feed.xml"), "no link to a feed that does not exist")
        #expect(LinkChecker.check(site.output).isEmpty, "\(LinkChecker.check(site.output))")

        let local = site.root.appendingPathComponent("local", isDirectory: true)
        try await site.build(output: local)
        let unpublished = try site.page("companies/acme/2013-q2/index.html", in: local)
        #expect(!unpublished.contains("rel=\"canonical\""))
        #expect(!unpublished.contains("og:url"))
        #expect(unpublished.contains("og:title"))
    }

    @Test func publishingPagesPassTheHTML5Validator() async throws {
        let site = try feedSite()
        defer { site.remove() }
        try await site.build(baseURL: "https://example.org/calls")
        let result = try HTMLValidator.validate(site.output)
        #expect(result.errors.isEmpty, "\(result.errors.prefix(20).joined(separator: "\n"))")
    }

    // MARK: Data exports

    @Test func transcriptsJSONHasOneRecordPerCallThatAgreesWithThePages() async throws {
        let (site, report) = try await SampleBuild.shared.get()
        let data = try Data(contentsOf: site.output.appendingPathComponent("data/transcripts.json"))
        let records = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(records.count == report.transcripts)
        let record = try #require(records.first)
        #expect(Set(record.keys) == ["company", "ticker", "title", "kind", "fiscalPeriod", "quarter", "date", "url", "data", "participants"])
        #expect(record["company"] as? String == "Calix, Inc.")
        #expect(record["ticker"] as? String == "CALX")
        #expect(record["quarter"] as? String == "Q3 2012")
        #expect(record["fiscalPeriod"] as? [String: Int] == ["year": 2012, "quarter": 3])
        #expect(record["date"] as? String == "2012-10-25T20:30:00Z")
        #expect(record["url"] as? String == "companies/calx/2012-q3/")
        #expect(record["data"] as? String == "data/calx/2012-q3.json")

        let html = try site.page("companies/calx/2012-q3/index.html")
        let participants = try #require(record["participants"] as? [[String: Any]])
        let listed = participants.filter { $0["group"] as? String != "operator" }
        let table = html.components(separatedBy: "<th scope=\"row\">").dropFirst().map { cell in
            cell.components(separatedBy: "</th>")[0]
                .replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        #expect(listed.compactMap { $0["name"] as? String } == table, "participants table of the page")
        #expect(table.count == 10)

        let spoke = Set(attributeValues("data-speaker", in: html))
        let linked = participants.compactMap { $0["url"] as? String }
        #expect(Set(linked.map { String($0.dropFirst("speakers/".count).dropLast()) }) == spoke.subtracting(["operator"]))
        for url in linked {
            #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(url + "index.html").path), "\(url)")
        }
        for participant in participants {
            #expect(Set(participant.keys) == ["name", "affiliation", "title", "group", "url"])
        }
    }

    @Test func transcriptsJSONEncodedInGroupsOnBothCoresIsTheSameFile() async throws {
        var calls: [(source: String, transcript: Transcript)] = []
        for (number, period) in ["Q1 2013", "Q2 2013", "Q3 2013", "Q4 2013", "Q1 2014"].enumerated() {
            for (ticker, company) in [("ACME", "Acme Corp."), ("ZETA", "Zeta \"Networks\" Inc.")] {
                let text = pdfTranscript(ticker: ticker, company: company, period: period, ceoSays: "Revenue grew \(number)% — “a record”.")
                let source = "Content/\(ticker.lowercased())-\(number).txt"
                calls.append((source, try TranscriptReader.standard.read(data: Data(text.utf8), path: source)))
            }
        }
        let index = SiteIndex(calls: calls, config: .defaults)
        let whole = try DataExport.indexJSON(index, baseURL: nil)
        for group in [1, 2, 3, 7] {
            let spliced = try await DataExport.indexJSON(index, baseURL: nil, parallelism: 2, minimumGroup: group)
            #expect(spliced == whole, "groups of \(group)")
        }
        let absolute = try await DataExport.indexJSON(index, baseURL: "https://example.org/", parallelism: 2, minimumGroup: 3)
        #expect(absolute == (try DataExport.indexJSON(index, baseURL: "https://example.org/")))
        #expect(String(decoding: whole, as: UTF8.self).hasPrefix("[\n  {\n"))
    }

    @Test func exportURLsAreAbsoluteUnderABaseURL() async throws {
        let site = try feedSite()
        defer { site.remove() }
        try await site.build(baseURL: "https://example.org/calls")
        let data = try Data(contentsOf: site.output.appendingPathComponent("data/transcripts.json"))
        let records = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(records.count == 5)
        for record in records {
            let url = try #require(record["url"] as? String)
            let export = try #require(record["data"] as? String)
            #expect(url.hasPrefix(base) && export.hasPrefix(base + "data/"))
            #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(String(export.dropFirst(base.count))).path))
        }
        let gamma = try #require(records.first { $0["company"] as? String == "Gamma Ltd" })
        #expect(gamma["date"] is NSNull)
    }

    @Test func perCallExportIsTheParsedModel() async throws {
        let (site, _) = try await SampleBuild.shared.get()
        let data = try Data(contentsOf: site.output.appendingPathComponent("data/calx/2012-q3.json"))
        let decoded = try TranscriptJSON.decoder().decode(Transcript.self, from: data)
        let direct = try TranscriptReader.withMarkdown.read(contentsOf: referenceURL, displayPath: "Content/calx-q3-2012.txt")
        #expect(decoded == direct)
        #expect(data == (try TranscriptJSON.encoder().encode(direct)) + Data("\n".utf8))
    }

    // MARK: Check

    @Test func auditPassesOnTheSampleBuild() async throws {
        let (site, _) = try await SampleBuild.shared.get()
        let audit = LinkChecker.audit(site.output)
        #expect(audit.problems.isEmpty, "\(audit.problems.prefix(20))")
        #expect(audit.pages >= 18)
        #expect(audit.links > 400)
        #expect(audit.images > 0)
    }

    @Test func auditFindsPlantedBrokenLinkAnchorUntitledPageAndImageWithoutAlt() async throws {
        let site = try TestSite(includeReference: true)
        defer { site.remove() }
        try await site.build()
        let page = site.output.appendingPathComponent("companies/calx/index.html")
        var html = try String(contentsOf: page, encoding: .utf8)
        html = html.replacingOccurrences(of: "</main>", with: """
            <p><a href="../../quarters/2099-q1/">gone</a> <a href="2012-q3/#t999">no such turn</a>
            <img src="../../assets/favicon.svg" width="1" height="1"> <IMG SRC="../../assets/favicon.svg" ALT="fine"> <img src="../../assets/favicon.svg" alt=""></p>
            </main>
            """)
        try html.write(to: page, atomically: true, encoding: .utf8)
        try "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title> </title></head><body></body></html>"
            .write(to: site.output.appendingPathComponent("empty-title.html"), atomically: true, encoding: .utf8)
        try "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"></head><body><a href=\"index.html#main\">home</a></body></html>"
            .write(to: site.output.appendingPathComponent("untitled.html"), atomically: true, encoding: .utf8)

        let audit = LinkChecker.audit(site.output)
        #expect(audit.count(.brokenLink) == 1)
        #expect(audit.count(.brokenAnchor) == 1)
        #expect(audit.count(.missingTitle) == 2)
        #expect(audit.count(.missingAlt) == 1)
        #expect(audit.problems.count == 5)
        #expect(audit.problems.contains { $0.kind == .brokenLink && $0.page == "companies/calx/index.html" && $0.link == "../../quarters/2099-q1/" })
        #expect(audit.problems.contains { $0.kind == .brokenAnchor && $0.link == "2012-q3/#t999" && $0.reason.contains("\"t999\"") })
        #expect(audit.problems.contains { $0.kind == .missingTitle && $0.page == "untitled.html" })
        #expect(audit.problems.contains { $0.kind == .missingTitle && $0.page == "empty-title.html" })
        #expect(audit.problems.contains { $0.kind == .missingAlt && $0.link == "<img src=\"../../assets/favicon.svg\">" })
        #expect(LinkChecker.check(site.output).count == 2, "check still reports links and anchors only")
    }

    // MARK: Workflow

    @Test func publishWorkflowParsesAndRunsTheREADMEsBuildScript() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(".github/workflows/publish.yml"), encoding: .utf8)
        let root = try #require(try Yams.compose(yaml: text)?.mapping)
        func value(_ mapping: Node.Mapping?, _ key: String) -> Node? {
            mapping?.first { $0.key.string == key }?.value
        }
        let trigger = try #require(root.first { $0.key.string == "on" || $0.key.bool == true }?.value.mapping)
        #expect(value(value(trigger, "push")?.mapping, "branches")?.sequence?.compactMap(\.string).contains("main") == true)
        let permissions = value(root, "permissions")?.mapping
        #expect(value(permissions, "pages")?.string == "write")
        #expect(value(permissions, "id-token")?.string == "write")

        let jobs = try #require(value(root, "jobs")?.mapping)
        let steps = jobs.flatMap { value($0.value.mapping, "steps")?.sequence?.compactMap(\.mapping) ?? [] }
        let runs = steps.compactMap { value($0, "run")?.string }
        let uses = steps.compactMap { value($0, "uses")?.string }
        let build = try #require(runs.first { $0.contains("scripts/build-site.sh") })
        #expect(build.contains("--base-url"))
        #expect(build.contains("steps.pages.outputs.base_url"))
        #expect(uses.contains { $0.hasPrefix("actions/checkout@") })
        #expect(uses.contains { $0.hasPrefix("actions/configure-pages@") })
        #expect(uses.contains { $0.hasPrefix("actions/deploy-pages@") })
        let upload = try #require(steps.first { value($0, "uses")?.string?.hasPrefix("actions/upload-pages-artifact@") == true })
        #expect(value(value(upload, "with")?.mapping, "path")?.string == "Public")
        #expect(runs.contains { $0.contains("sitegen check") })

        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("scripts/build-site.sh"), "the workflow runs the README's build command")
        let script = try String(contentsOf: repositoryRoot.appendingPathComponent("scripts/build-site.sh"), encoding: .utf8)
        #expect(script.contains("ensure_build_dependencies"), "the script installs libcmark-gfm-dev")
    }
}
