import Foundation
import Testing
@testable import SiteBuilder

/// The build cache: a rebuild after a change writes only what changed, and its output is byte-identical to a full
/// build from scratch of the same inputs.
@Suite("Incremental builds")
struct IncrementalBuildTests {
    /// The reference call plus six calls of two companies over three quarters.
    static func corpus() -> [String: String] {
        var files: [String: String] = [:]
        for (number, period) in ["Q1 2013", "Q2 2013", "Q3 2013"].enumerated() {
            let month = ["FEBRUARY", "MAY", "AUGUST"][number]
            files["acme/acme-\(number + 1).txt"] = pdfTranscript(period: period, date: "\(month) 7, 2013 / 9:00PM GMT",
                                                                ceoSays: "Revenue grew \(number + 5)% to $\(number + 10) million.")
            files["zeta/zeta-\(number + 1).txt"] = pdfTranscript(ticker: "ZETA", company: "Zeta Networks Inc.", period: period,
                                                                date: "\(month) 8, 2013 / 1:00PM GMT", ceoSays: "Bookings rose in the quarter.")
        }
        return files
    }

    /// Builds `site` from scratch without the cache into a fresh folder and returns that folder's files.
    static func fullBuild(_ site: TestSite) async throws -> [String: Data] {
        let output = site.sandbox.appendingPathComponent("full-\(UUID().uuidString.prefix(8))", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: output) }
        let report = try await SiteBuilder.build(BuildOptions(siteRoot: site.root, output: output, useCache: false))
        #expect(!report.incremental)
        return snapshot(output)
    }

    /// Writes each of `configs` as sitegen.yml in turn and builds incrementally; checks each step is incremental, equals a
    /// full build and leaves the reference call's page alone, then gives `check` the step, the build's report, the output
    /// and the paths the step changed or removed.
    static func buildEachConfig(_ site: TestSite, _ configs: [String],
                                check: (Int, BuildReport, [String: Data], Set<String>) throws -> Void) async throws {
        var before = snapshot(site.output)
        for (step, config) in configs.enumerated() {
            try site.write(config, to: "sitegen.yml")
            let update = try await site.build()
            #expect(update.incremental, "step \(step)")
            let after = snapshot(site.output)
            #expect(after == (try await Self.fullBuild(site)), "step \(step)")
            let changed = Set(after.keys.filter { before[$0] != after[$0] }).union(before.keys.filter { after[$0] == nil })
            #expect(!changed.contains("companies/calx/2012-q3/index.html"), "step \(step)")
            try check(step, update, after, changed)
            before = after
        }
    }

    @Test func oneChangedTranscriptRewritesItsPagesAndMatchesAFullBuild() async throws {
        let site = try TestSite(files: Self.corpus(), includeReference: true)
        defer { site.remove() }
        let first = try await site.build()
        #expect(!first.incremental)
        let before = snapshot(site.output)

        try site.write(pdfTranscript(period: "Q2 2013", date: "MAY 7, 2013 / 9:00PM GMT", ceoSays: "Revenue grew 6% to $11 million, a record."),
                       to: "Content/acme/acme-2.txt")
        let update = try await site.build()
        #expect(update.incremental)
        let after = snapshot(site.output)
        #expect(after == (try await Self.fullBuild(site)))

        let changed = Set(after.keys.filter { before[$0] != after[$0] })
        #expect(changed.contains("companies/acme/2013-q2/index.html"))
        #expect(changed.contains("data/acme/2013-q2.json"))
        #expect(!changed.contains { $0.hasPrefix("companies/zeta/") })
        #expect(!changed.contains("companies/calx/2012-q3/index.html"))
        #expect(update.filesWritten < update.filesKept)
        #expect(update.filesWritten + update.filesKept == after.keys.filter { $0 != OutputTree.markerName }.count)
        // Pages that list neither the changed call nor a neighbour of it are not even built: the four calls of Zeta and
        // the reference call, Zeta's company page, the quarters Q1 and Q3 2013 and Q3 2012, and the reference call's speakers.
        #expect(update.pagesNotBuilt >= 5 + 1 + 3 + 3)
        #expect(update.summary(output: "Public/", warningsListed: false).contains("\(update.pagesNotBuilt) pages not even built"))
    }

    /// `cp -p`, `rsync -a` and `touch -r` put the old modification time back: an edit of the same size is still seen
    /// (by the status-change time, which no program can set), in the output and in a preview's fingerprint.
    @Test func anEditThatKeepsTheSizeAndTheModificationTimeIsSeen() async throws {
        let site = try TestSite(files: Self.corpus(), includeReference: true)
        defer { site.remove() }
        try await site.build()
        let path = site.root.appendingPathComponent("Content/acme/acme-1.txt").path
        var original = stat()
        #expect(stat(path, &original) == 0)
        let before = SourceFingerprint.scan(BuildOptions(siteRoot: site.root))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "Revenue grew 5% to $10 million.", with: "Revenue grew 7% to $10 million.")
        #expect(edited != text && edited.utf8.count == text.utf8.count)
        try site.write(edited, to: "Content/acme/acme-1.txt")
        var times = [original.st_atim, original.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        var now = stat()
        #expect(stat(path, &now) == 0)
        #expect(now.st_size == original.st_size && now.st_mtim.tv_sec == original.st_mtim.tv_sec
                && now.st_mtim.tv_nsec == original.st_mtim.tv_nsec && now.st_ino == original.st_ino)
        let after = SourceFingerprint.scan(BuildOptions(siteRoot: site.root))
        #expect(after.changedPaths(since: before) == ["Content/acme/acme-1.txt"])

        let update = try await site.build()
        #expect(update.incremental && !update.upToDate)
        #expect(try site.page("companies/acme/2013-q1/index.html").contains("Revenue grew 7% to $10 million."))
        #expect(snapshot(site.output) == (try await Self.fullBuild(site)))
    }

    @Test func anAnalystChangingFirmInOneCallMatchesAFullBuild() async throws {
        let site = try TestSite(files: Self.corpus(), includeReference: true)
        defer { site.remove() }
        try await site.build()
        let before = snapshot(site.output)
        // His latest call: the speakers page shows the firm of his latest appearance.
        let moved = pdfTranscript(ticker: "ZETA", company: "Zeta Networks Inc.", period: "Q3 2013", date: "AUGUST 8, 2013 / 1:00PM GMT",
                                  ceoSays: "Bookings rose in the quarter.").replacingOccurrences(of: "Big Bank", with: "Small Bank")
        try site.write(moved, to: "Content/zeta/zeta-3.txt")
        let update = try await site.build()
        #expect(update.incremental)
        let after = snapshot(site.output)
        #expect(after == (try await Self.fullBuild(site)))
        let speaker = String(decoding: after["speakers/john-doe/index.html"]!, as: UTF8.self)
        #expect(speaker.contains("Small Bank") && speaker.contains("Big Bank"))
        #expect(before["speakers/index.html"] != after["speakers/index.html"])
        #expect(String(decoding: after["speakers/index.html"]!, as: UTF8.self).contains("Small Bank"))
    }

    @Test func anEventMentionedInOneCallUpdatesThePagesOfOtherCallsThatListIt() async throws {
        var files = Self.corpus()
        files["acme/acme-1.txt"] = pdfTranscript(period: "Q1 2013", date: "FEBRUARY 7, 2013 / 9:00PM GMT",
                                                 ceoSays: "We will present at the UBS Global Technology Conference in New York on March 14th.")
        let site = try TestSite(files: files, includeReference: true)
        defer { site.remove() }
        try await site.build()
        let before = snapshot(site.output)
        try site.write(pdfTranscript(ticker: "ZETA", company: "Zeta Networks Inc.", period: "Q1 2013", date: "FEBRUARY 8, 2013 / 1:00PM GMT",
                                     ceoSays: "We will also present at the UBS Global Technology Conference next month."),
                       to: "Content/zeta/zeta-1.txt")
        let update = try await site.build()
        #expect(update.incremental)
        let after = snapshot(site.output)
        #expect(after == (try await Self.fullBuild(site)))
        // The calendar's entry names the calls that mention the event.
        #expect(before["events.ics"] != nil && before["events.ics"] != after["events.ics"])
        // Acme's page lists the event, whose list item now counts Zeta's call too.
        #expect(before["companies/acme/index.html"] != after["companies/acme/index.html"])
        #expect(String(decoding: after["companies/acme/index.html"]!, as: UTF8.self).contains(">1 other call</a>"))
    }

    @Test func theCalendarIsKeptWhenOnlyTheTextOfACallThatMentionsAnEventChanges() async throws {
        func acme(date: String, ceoSays: String) -> String {
            pdfTranscript(period: "Q1 2013", date: date, ceoSays: "We will present at the UBS Global Technology Conference in New York on March 14th. \(ceoSays)")
        }
        var files = Self.corpus()
        files["acme/acme-1.txt"] = acme(date: "FEBRUARY 7, 2013 / 9:00PM GMT", ceoSays: "Margins held.")
        let site = try TestSite(files: files, includeReference: true)
        defer { site.remove() }
        try await site.build()
        let calendar = site.output.appendingPathComponent("events.ics").path
        let before = try FileManager.default.attributesOfItem(atPath: calendar)

        try site.write(acme(date: "FEBRUARY 7, 2013 / 9:00PM GMT", ceoSays: "Margins improved a little."), to: "Content/acme/acme-1.txt")
        let textEdit = try await site.build()
        #expect(textEdit.incremental)
        let afterText = snapshot(site.output)
        #expect(afterText == (try await Self.fullBuild(site)))
        let kept = try FileManager.default.attributesOfItem(atPath: calendar)
        #expect(kept[.systemFileNumber] as? Int == before[.systemFileNumber] as? Int)
        #expect(kept[.modificationDate] as? Date == before[.modificationDate] as? Date)

        // The calendar stamps an event with the date of the newest call that mentions it.
        try site.write(acme(date: "FEBRUARY 9, 2013 / 9:00PM GMT", ceoSays: "Margins improved a little."), to: "Content/acme/acme-1.txt")
        let dateEdit = try await site.build()
        #expect(dateEdit.incremental)
        let afterDate = snapshot(site.output)
        #expect(afterDate == (try await Self.fullBuild(site)))
        #expect(String(decoding: afterText["events.ics"]!, as: UTF8.self).contains("DTSTAMP:20130207T210000Z"))
        #expect(String(decoding: afterDate["events.ics"]!, as: UTF8.self).contains("DTSTAMP:20130209T210000Z"))
    }

    @Test func previewsBuiltElsewhereShareTheRecordsAndKeepTheNextBuildIncremental() async throws {
        let site = try TestSite(files: Self.corpus(), includeReference: true)
        defer { site.remove() }
        #expect(try await site.build().transcriptsParsed == 7)
        // What `sitegen serve` does: the same site, with the reload script, each rebuild into a new folder, the
        // previous one removed once the new one is served.
        let previews = site.sandbox.appendingPathComponent("preview", isDirectory: true)
        func preview(_ number: Int) async throws -> BuildReport {
            var options = BuildOptions(siteRoot: site.root, output: previews.appendingPathComponent(String(number), isDirectory: true))
            options.headExtra = "<script>reload()</script>"
            let report = try await SiteBuilder.build(options)
            try? FileManager.default.removeItem(at: previews.appendingPathComponent(String(number - 1)))
            return report
        }
        #expect(try await preview(1).transcriptsParsed == 0)
        try site.write(pdfTranscript(period: "Q2 2013", date: "MAY 7, 2013 / 9:00PM GMT", ceoSays: "Revenue grew 6% to $11 million, a record."),
                       to: "Content/acme/acme-2.txt")
        for number in 2...(6) {
            let report = try await preview(number)
            #expect(report.published && report.transcriptsParsed == (number == 2 ? 1 : 0))
            #expect(String(decoding: snapshot(previews.appendingPathComponent(String(number)))["index.html"]!, as: UTF8.self)
                .contains("<script>reload()</script>"))
        }

        // The build into Public/ parses nothing more and still updates it in place, like a full build.
        let update = try await site.build()
        #expect(update.incremental && update.transcriptsParsed == 0 && update.pagesNotBuilt > 0)
        #expect(snapshot(site.output) == (try await Self.fullBuild(site)))
        #expect(update.summary(output: "Public/", warningsListed: false).contains("incremental: 0 transcripts parsed"))
        // Only the output folders that still exist keep their record: Public/ and the last preview.
        let cache = BuildOptions.defaultCacheDirectory(siteRoot: site.root)
        let generation = try #require(try FileManager.default.contentsOfDirectory(atPath: cache.path).first { $0.hasPrefix("v") })
        let kept = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent(generation).path).filter { $0.hasPrefix("outputs-") }
        #expect(Set(kept) == [BuildCache.outputsName(output: site.output), BuildCache.outputsName(output: previews.appendingPathComponent("6"))])
    }

    @Test func aConfigChangeRebuildsEveryPageThatShowsIt() async throws {
        let site = try TestSite(files: Self.corpus(), config: "title: First Title\n", includeReference: true)
        defer { site.remove() }
        try await site.build()
        try site.write("title: Second Title\ncompanies:\n  - name: Acme Corp.\n    ticker: ACME\n    sector: Widgets\n", to: "sitegen.yml")
        let update = try await site.build()
        #expect(update.incremental)
        #expect(update.pagesNotBuilt == 0)
        let after = snapshot(site.output)
        #expect(after == (try await Self.fullBuild(site)))
        #expect(String(decoding: after["speakers/john-doe/index.html"]!, as: UTF8.self).contains("Second Title"))
        #expect(String(decoding: after["companies/acme/index.html"]!, as: UTF8.self).contains("Widgets"))
    }

    @Test func editingThePeopleTableMatchesAFullBuild() async throws {
        var files = Self.corpus()
        files["zeta/zeta-2.txt"] = pdfTranscript(ticker: "ZETA", company: "Zeta Networks Inc.", period: "Q2 2013", date: "MAY 8, 2013 / 1:00PM GMT",
                                                 ceoSays: "Bookings rose in the quarter.").replacingOccurrences(of: "Jane Roe", with: "Janet Roe")
        let site = try TestSite(files: files, includeReference: true)
        defer { site.remove() }
        try await site.build()
        let tables = [
            // Acme's Jane Roe and Zeta's (who is also Janet Roe there) are two people.
            "people:\n  - name: Jane Roe\n    slug: jane-roe-acme\n    firms: [Acme Corp.]\n  - name: Jane Roe\n    aliases: [Janet Roe]\n    firms: [ZETA]\n",
            // Only the name Acme's Jane Roe's pages show changes (her calls' spelling becomes an alias).
            "people:\n  - name: Jane Q. Roe\n    aliases: [Jane Roe]\n    slug: jane-roe-acme\n    firms: [Acme Corp.]\n  - name: Jane Roe\n    aliases: [Janet Roe]\n    firms: [ZETA]\n",
            // Only a slug changes, and Janet Roe is someone else again.
            "people:\n  - name: Jane Q. Roe\n    aliases: [Jane Roe]\n    slug: jane-q-roe\n    firms: [Acme Corp.]\n  - name: Jane Roe\n    firms: [ZETA]\n",
            "title: Earnings Call Archive\n",
        ]
        try await Self.buildEachConfig(site, tables) { step, update, after, changed in
            #expect(update.pagesNotBuilt > 0, "step \(step)")
            switch step {
            case 0:
                #expect(Set(after.keys.filter { $0.hasPrefix("speakers/jane") }) == ["speakers/jane-roe/index.html", "speakers/jane-roe-acme/index.html"])
                #expect(String(decoding: after["companies/zeta/2013-q2/index.html"]!, as: UTF8.self).contains("data-speaker=\"jane-roe\""))
            case 1:
                #expect(String(decoding: after["speakers/jane-roe-acme/index.html"]!, as: UTF8.self).contains("<h1 class=\"page-header__title\">Jane Q. Roe</h1>"))
                #expect(String(decoding: after["companies/acme/index.html"]!, as: UTF8.self).contains(">Jane Q. Roe</a>"))
                #expect(changed.contains("companies/acme/index.html") && !changed.contains("companies/zeta/index.html"))
            case 2:
                #expect(Set(after.keys.filter { $0.hasPrefix("speakers/jane") })
                        == ["speakers/jane-q-roe/index.html", "speakers/jane-roe/index.html", "speakers/janet-roe/index.html"])
            default:
                #expect(Set(after.keys.filter { $0.hasPrefix("speakers/jane") }) == ["speakers/jane-roe/index.html"])
            }
        }
    }

    @Test func editingTheCompaniesTableMatchesAFullBuild() async throws {
        var files = Self.corpus()
        files["q/qwest.txt"] = pdfTranscript(ticker: "Q", company: "Qwest Communications International Inc.", period: "Q3 2006",
                                             date: "OCTOBER 31, 2006 / 8:30PM GMT")
        files["q/quintiles.txt"] = pdfTranscript(ticker: "Q", company: "Quintiles IMS Holdings, Inc.", period: "Q3 2016",
                                                 date: "OCTOBER 27, 2016 / 8:30PM GMT")
        let site = try TestSite(files: files, includeReference: true)
        defer { site.remove() }
        try await site.build()
        let qwest = "  - name: Qwest Communications International Inc.\n    ticker: Q\n    until: 2011\n"
        let quintiles = "  - name: Quintiles IMS Holdings, Inc.\n    ticker: Q\n    from: 2013\n"
        let tables = [
            // Two companies that used one ticker: two pages.
            "companies:\n" + qwest + "    slug: qwest\n" + quintiles,
            // Only Qwest's slug changes.
            "companies:\n" + qwest + "    slug: qwest-communications\n" + quintiles,
            // One company after all: one page, under the table's name.
            "companies:\n  - name: Quintiles IMS Holdings, Inc.\n    ticker: Q\n    aliases: [Qwest Communications International Inc.]\n",
            "title: Earnings Call Archive\n",
        ]
        try await Self.buildEachConfig(site, tables) { step, _, after, changed in
            let companyPages = Set(after.keys.filter { $0.hasPrefix("companies/") && $0.split(separator: "/").count == 3 && $0.hasSuffix("/index.html") })
            switch step {
            case 0:
                #expect(companyPages.isSuperset(of: ["companies/q/index.html", "companies/qwest/index.html"]))
                #expect(String(decoding: after["companies/qwest/index.html"]!, as: UTF8.self).contains("Qwest Communications International Inc.</h1>"))
                #expect(String(decoding: after["companies/q/index.html"]!, as: UTF8.self).contains("Quintiles IMS Holdings, Inc.</h1>"))
                #expect(after["companies/qwest/2006-q3/index.html"] != nil && after["companies/q/2006-q3/index.html"] == nil)
            case 1:
                #expect(after["companies/qwest-communications/2006-q3/index.html"] != nil && after["companies/qwest/index.html"] == nil)
                #expect(!changed.contains("companies/q/2016-q3/index.html"))
            case 2:
                #expect(after["companies/q/2006-q3/index.html"] != nil && after["companies/qwest-communications/index.html"] == nil)
                #expect(String(decoding: after["companies/q/index.html"]!, as: UTF8.self).contains("Quintiles IMS Holdings, Inc.</h1>"))
                #expect(String(decoding: after["companies/q/2006-q3/index.html"]!, as: UTF8.self).contains("<title>Qwest Communications International Inc. Q3 2006"))
            default:
                #expect(String(decoding: after["companies/q/index.html"]!, as: UTF8.self).contains("Qwest Communications International Inc.</h1>"))
            }
        }
    }

    @Test func nothingChangedMeansNothingIsWritten() async throws {
        let site = try TestSite(files: Self.corpus())
        defer { site.remove() }
        let first = try await site.build()
        let stampsBefore = SourceFingerprint.stamps(under: site.output)
        let second = try await site.build()
        #expect(second.upToDate)
        #expect(second.pageCount == first.pageCount)
        #expect(second.summary(output: "Public/", warningsListed: false).contains("nothing changed since the last build"))
        #expect(SourceFingerprint.stamps(under: site.output) == stampsBefore)
    }

    @Test func aTemplateChangeRewritesEveryTranscriptPage() async throws {
        let site = try TestSite(files: Self.corpus(), includeReference: true)
        defer { site.remove() }
        try await site.build()
        let template = site.root.appendingPathComponent("Themes/default/templates/transcript.mustache")
        let text = try String(contentsOf: template, encoding: .utf8)
        try site.write(text.replacingOccurrences(of: "{{/main}}", with: "<p class=\"edited\">edited</p>\n{{/main}}"),
                       to: "Themes/default/templates/transcript.mustache")
        let update = try await site.build()
        #expect(update.incremental)
        let after = snapshot(site.output)
        #expect(after == (try await Self.fullBuild(site)))
        let pages = after.keys.filter { $0.hasPrefix("companies/") && $0.split(separator: "/").count == 4 }
        #expect(pages.count == 7)
        #expect(pages.allSatisfy { String(decoding: after[$0]!, as: UTF8.self).contains("class=\"edited\"") })
    }

    @Test func removedAndAddedTranscriptsMatchAFullBuild() async throws {
        let site = try TestSite(files: Self.corpus(), includeReference: true)
        defer { site.remove() }
        try await site.build()
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/zeta/zeta-3.txt"))
        try site.write(pdfTranscript(ticker: "NOVA", company: "Nova Optics Corp.", period: "Q4 2013"), to: "Content/nova.txt")
        let update = try await site.build()
        #expect(update.incremental)
        let after = snapshot(site.output)
        #expect(after == (try await Self.fullBuild(site)))
        #expect(after["companies/zeta/2013-q3/index.html"] == nil)
        #expect(after["companies/nova/2013-q4/index.html"] != nil)
    }

    @Test func outputEditedByHandIsRepairedAndADamagedCacheIsIgnored() async throws {
        let site = try TestSite(files: Self.corpus(), includeReference: true)
        defer { site.remove() }
        try await site.build()
        let expected = snapshot(site.output)
        try site.write("defaced", to: "Public/companies/acme/2013-q1/index.html")
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("companies/zeta/index.html"))
        let cache = BuildOptions.defaultCacheDirectory(siteRoot: site.root)
        let stored = FileManager.default.enumerator(at: cache, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.deletingLastPathComponent().lastPathComponent == "transcripts" }
        #expect(stored.count >= 21)
        for url in stored { try Data("not a cache entry".utf8).write(to: url) }
        try site.write(pdfTranscript(period: "Q2 2013", date: "MAY 7, 2013 / 9:00PM GMT", ceoSays: "Revenue grew 6% to $11 million."),
                       to: "Content/acme/acme-2.txt")
        let update = try await site.build()
        #expect(update.incremental)
        #expect(snapshot(site.output) == (try await Self.fullBuild(site)))
        #expect(snapshot(site.output)["companies/acme/2013-q1/index.html"] == expected["companies/acme/2013-q1/index.html"])
    }
}
