import Foundation
import Testing
import TranscriptKit
@testable import SiteBuilder

@Suite("Build behaviour")
struct BuildBehaviourTests {
    @Test func hostileTranscriptTextIsInertAndNothingIsWrittenOutsidePublic() async throws {
        let hostile = pdfTranscript(
            ticker: "EVIL", company: "../../etc/passwd",
            ceoSays: "We said <script>alert(1)</script> and [x](javascript:alert(1)) and {{title}} and *stars*.",
            analystAsks: "Is <img src=x onerror=alert(2)> fine?")
        let site = try TestSite(files: ["evil.txt": hostile])
        defer { site.remove() }
        let report = try await site.build()
        #expect(report.transcripts == 1)
        let page = try site.page("companies/evil/2013-q1/index.html")
        #expect(page.contains("We said &lt;script&gt;alert(1)&lt;/script&gt; and [x](javascript:alert(1)) and {{title}} and *stars*."))
        #expect(page.contains("Is &lt;img src=x onerror=alert(2)&gt; fine?"))
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("href=\"javascript"))
        #expect(!page.contains("<img src=x"))
        #expect(page.contains("../../etc/passwd"))
        let companyPage = try site.page("companies/evil/index.html")
        #expect(companyPage.contains(">../../etc/passwd</h1>"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.sandbox.path) == ["site"])
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("etc").path))
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: site.root.path)) == ["Content", "Themes", "Public", ".sitegen-cache"])
    }

    @Test func companyNamedLikeAPathGetsASafeSlugWithoutATicker() async throws {
        let hostile = pdfTranscript(ticker: "", company: "../../etc/passwd").replacingOccurrences(of: "**  - ", with: "** ")
        let site = try TestSite(files: ["evil.txt": hostile])
        defer { site.remove() }
        try await site.build()
        let files = snapshot(site.output).keys
        #expect(files.contains("companies/etc-passwd/index.html"))
        #expect(files.allSatisfy { !$0.contains("..") })
    }

    @Test func aFailedBuildLeavesThePreviousOutputByteIdentical() async throws {
        let site = try TestSite(includeReference: true)
        defer { site.remove() }
        try await site.build()
        let before = snapshot(site.output)
        #expect(before.count > 15)
        try site.write(pdfTranscript(), to: "Content/acme.txt")
        await #expect(throws: BuildFailure.self) { try await site.build(failAfterPages: 5) }
        #expect(snapshot(site.output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".") }
        #expect(leftovers == [".sitegen-cache"])
    }

    @Test func aSecondBuildOfTheSameOutputWhileOneRunsStopsAndTouchesNothing() async throws {
        let site = try TestSite(includeReference: true)
        defer { site.remove() }
        try await site.build()
        let before = snapshot(site.output)
        try site.write(pdfTranscript(), to: "Content/acme.txt")
        // A build in progress holds the lock (as another process's would: flock locks conflict between open files).
        var running: BuildLock? = try BuildLock.acquire(for: site.output)
        let failure = try #require(await site.failure())
        #expect(failure.step == "output")
        #expect(failure.description.contains("another sitegen build is writing into \(site.root.path)"))
        #expect(snapshot(site.output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".") }
        #expect(leftovers == [".sitegen-cache"])
        // Once it has finished, the next build runs; a build into another folder never waited.
        let elsewhere = site.sandbox.appendingPathComponent("elsewhere/Public", isDirectory: true)
        #expect(try await site.build(output: elsewhere).published)
        running = nil
        #expect(try await site.build().published)
        #expect(snapshot(site.output)["companies/acme/2013-q1/index.html"] != nil)
        _ = running
    }

    @Test func twoBuildsAreByteIdentical() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript(), "more/acme-q2.txt": pdfTranscript(period: "Q2 2013", date: "MAY 7, 2013 / 9:00PM GMT")],
                                includeReference: true)
        defer { site.remove() }
        let first = site.root.appendingPathComponent("first", isDirectory: true)
        let second = site.root.appendingPathComponent("second", isDirectory: true)
        try await site.build(output: first)
        try await site.build(output: second)
        let a = snapshot(first), b = snapshot(second)
        #expect(a.count > 20)
        #expect(a == b)
    }

    @Test func aBrokenTranscriptIsSkippedAndReportedWithFileAndLine() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript(), "broken.txt": "CORPORATE PARTICIPANTS\n\nJane Roe\nAcme - CEO\n\nPRESENTATION\n\n"])
        defer { site.remove() }
        let report = try await site.build()
        #expect(report.published)
        #expect(report.transcripts == 1)
        #expect(report.skipped.count == 1)
        #expect(report.skipped.first?.file == "Content/broken.txt")
        #expect(report.skipped.first?.line != nil)
        #expect(report.summary(output: "Public/", warningsListed: false).contains("Content/broken.txt"))
    }

    @Test func strictModeFailsAndPublishesNothing() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript(), "broken.bin.txt": "\u{0}\u{1}\u{2}binary"])
        defer { site.remove() }
        await #expect(throws: BuildFailure.self) { try await site.build(strict: true) }
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test func otherContentFilesAreCopiedThrough() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript(), "media/chart.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
                                        "about.md": "---\ntitle: About this archive\n---\nWe keep **calls**.\n"])
        defer { site.remove() }
        let report = try await site.build()
        #expect(try site.page("media/chart.svg") == "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        let about = try site.page("about/index.html")
        #expect(about.contains("<strong>calls</strong>"))
        #expect(about.contains("About this archive"))
        #expect(report.pages[.page] == 1)
    }

    @Test func configCompanyTableMergesSpellingsAndGivesTickerlessCallsTheirTicker() async throws {
        let tickerless = pdfTranscript(ticker: "", company: "Acme Corporation", period: "Q2 2013", date: "MAY 7, 2013 / 9:00PM GMT")
            .replacingOccurrences(of: "**  - ", with: "** ")
        let site = try TestSite(files: ["a.txt": pdfTranscript(ticker: "ACME", company: "Acme Corp."), "b.txt": tickerless],
                                config: "title: Test Archive\ncompanies:\n  - name: Acme Corporation\n    ticker: ACME\n    aliases: [Acme Corp.]\n    sector: Widgets\n")
        defer { site.remove() }
        let report = try await site.build()
        #expect(report.pages[.company] == 1)
        let company = try site.page("companies/acme/index.html")
        #expect(company.contains("Widgets"))
        #expect(company.contains("href=\"../../companies/acme/2013-q1/\""))
        #expect(company.contains("href=\"../../companies/acme/2013-q2/\""))
        #expect(try site.page("index.html").contains("Test Archive"))
    }

    @Test func callsThatWouldCollideGetDistinctSlugs() async throws {
        let site = try TestSite(files: ["a.txt": pdfTranscript(ceoSays: "First version."),
                                        "b.txt": pdfTranscript(date: "FEBRUARY 8, 2013 / 9:00PM GMT", ceoSays: "Second version.")])
        defer { site.remove() }
        try await site.build()
        #expect(try site.page("companies/acme/2013-q1/index.html").contains("First version."))
        #expect(try site.page("companies/acme/2013-q1-2/index.html").contains("Second version."))
    }

    @Test func baseURLGivesCanonicalLinksAndLinksStayRelative() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript()])
        defer { site.remove() }
        try await site.build(baseURL: "https://example.org/calls")
        let page = try site.page("companies/acme/2013-q1/index.html")
        #expect(page.contains("<link rel=\"canonical\" href=\"https://example.org/calls/companies/acme/2013-q1/\">"))
        #expect(page.contains("href=\"../../../assets/style.css\""))
    }

    @Test func aSiteThemeOverridesOneTemplateAndKeepsTheRest() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript()], config: "theme: house\n")
        defer { site.remove() }
        try site.write("{{<base}}{{$main}}<h1>House quarter list</h1>{{/main}}{{/base}}\n", to: "Themes/house/templates/quarters.mustache")
        try await site.build()
        #expect(try site.page("quarters/index.html").contains("House quarter list"))
        #expect(try site.page("companies/index.html").contains("Acme Corp."))
    }

    @Test func aMissingThemeIsAClearError() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript()], config: "theme: nowhere\n")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Themes/default"))
        defer { site.remove() }
        let failure = await site.failure()
        #expect(failure?.step == "theme")
        #expect(failure?.description.contains("nowhere") == true)
    }

    @Test func anInvalidConfigNamesTheLine() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript()], config: "title: A\ncompanies:\n  - name: [unclosed\n")
        defer { site.remove() }
        let failure = await site.failure()
        #expect(failure?.step == "config")
        #expect(failure?.diagnostics.first?.file == "sitegen.yml")
        #expect(failure?.diagnostics.first?.line == 3)
    }

    @Test func refusesToWriteOverTheSiteOrItsContent() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript()])
        defer { site.remove() }
        for output in [site.root, site.root.appendingPathComponent("Content"), site.root.appendingPathComponent("Content/out")] {
            await #expect(throws: BuildFailure.self) { try await site.build(output: output) }
        }
        #expect(try String(contentsOf: site.root.appendingPathComponent("Content/acme.txt"), encoding: .utf8) == pdfTranscript())
    }

    @Test func pagesWhoseNamesSlugAlikeKeepTheFirstInPathOrderAndReportTheRest() async throws {
        let site = try TestSite(files: ["a b.md": "first a b", "a-b.md": "second a-b", "About.md": "capital About", "about.md": "small about",
                                        "notes/x.md": "kept"])
        defer { site.remove() }
        let other = site.root.appendingPathComponent("Other", isDirectory: true)
        for output in [site.output, other] {
            let report = try await site.build(output: output)
            #expect(report.pages[.page] == 3)
            #expect(report.skipped.map(\.file) == ["Content/a-b.md", "Content/about.md"])
            #expect(report.skipped.first?.message.contains("/a-b/, as Content/a b.md is") == true)
        }
        #expect(try site.page("a-b/index.html").contains("first a b"))
        #expect(try site.page("about/index.html").contains("capital About"))
        #expect(snapshot(site.output) == snapshot(other))
        await #expect(throws: BuildFailure.self) { try await site.build(strict: true) }
    }

    @Test func refusesToReplaceAFolderThatIsNotABuiltSite() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript()])
        defer { site.remove() }
        let folder = site.root.appendingPathComponent("Documents", isDirectory: true)
        try site.write("mine", to: "Documents/keep.txt")
        let failure = try #require(await #expect(throws: BuildFailure.self) { try await site.build(output: folder) })
        #expect(failure.description.contains("does not look like a site sitegen built"))
        #expect(try String(contentsOf: folder.appendingPathComponent("keep.txt"), encoding: .utf8) == "mine")
        // A hand-made site (a web server's default folder, say) has an index.html but is not a sitegen build.
        let www = site.root.appendingPathComponent("www", isDirectory: true)
        try site.write("<html>my own homepage</html>", to: "www/index.html")
        try site.write("precious", to: "www/photos/family.jpg")
        let handMade = try #require(await #expect(throws: BuildFailure.self) { try await site.build(output: www) })
        #expect(handMade.description.contains("has no .sitegen-output file"))
        #expect(try String(contentsOf: www.appendingPathComponent("photos/family.jpg"), encoding: .utf8) == "precious")
        #expect(try site.page("index.html", in: www) == "<html>my own homepage</html>")
        // An empty folder, and a site built before, are replaced; every build leaves its marker, full or incremental.
        let empty = site.root.appendingPathComponent("Empty", isDirectory: true)
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try await site.build(output: empty)
        #expect(try site.page(".sitegen-output", in: empty).contains("sitegen build"))
        try site.write(pdfTranscript(ceoSays: "Revenue was flat."), to: "Content/acme.txt")
        let update = try await site.build(output: empty)
        #expect(update.incremental)
        #expect(try site.page("index.html", in: empty).contains("Acme"))
        #expect(try site.page(".sitegen-output", in: empty).contains("sitegen build"))
        // A site built by a sitegen from before the marker (its index.html names sitegen as generator) is replaced too.
        try FileManager.default.removeItem(at: empty.appendingPathComponent(".sitegen-output"))
        _ = try await SiteBuilder.build(BuildOptions(siteRoot: site.root, output: empty, useCache: false))
        #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent(".sitegen-output").path))
    }

    @Test func refusesToReplaceAFileGivenAsTheOutput() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript()])
        defer { site.remove() }
        try site.write("my precious notes", to: "notes.txt")
        let notes = site.root.appendingPathComponent("notes.txt")
        let failure = try #require(await #expect(throws: BuildFailure.self) { try await site.build(output: notes) })
        #expect(failure.description.contains("notes.txt"))
        #expect(failure.description.contains("is a file, not a folder"))
        #expect(try String(contentsOf: notes, encoding: .utf8) == "my precious notes")
        // A link to a file is refused the same way, and the file it points at is kept.
        let link = site.root.appendingPathComponent("Latest")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: notes)
        await #expect(throws: BuildFailure.self) { try await site.build(output: link) }
        #expect(try String(contentsOf: notes, encoding: .utf8) == "my precious notes")
    }

    @Test func foldersLeftByAKilledBuildAreRemovedByTheNext() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript()])
        defer { site.remove() }
        for leftover in [".Public.staging-4242-ABCDEF12/companies/x.html", ".Public.previous-12345678/index.html", ".Other.staging-1-A/keep.html"] {
            try site.write("left", to: leftover)
        }
        try await site.build()
        let names = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".") }
        #expect(names == [".Other.staging-1-A"] || names.sorted() == [".Other.staging-1-A", ".sitegen-cache"])
    }

    @Test func speakersWhoseNamesTransliterateAlikeKeepTheirOwnPagesAndNamelessOnesGetNone() async throws {
        func call(_ ticker: String, _ executive: String, _ other: String) -> String {
            """
            ---
            company: \(ticker) Corp
            ticker: \(ticker)
            title: \(ticker) Q1 2013 Earnings Call
            kind: earnings-call
            fiscalPeriod:
              year: 2013
              quarter: 1
            date: 2013-02-07T21:00:00Z
            participants:
            - name: \(executive)
              affiliation: \(ticker) Corp
              title: CEO
              group: corporate
            - name: "\(other)"
              affiliation: \(ticker) Corp
              title: CFO
              group: corporate
            ---

            ## Presentation

            ### \(executive)

            Remarks by the chief executive of \(ticker).

            ### \(other)

            Remarks by the finance chief of \(ticker).

            """
        }
        let site = try TestSite(files: ["a.md": call("AAA", "王伟", "汪伟"), "b.md": call("BBB", "王伟", "Zoë Smith"), "c.md": call("CCC", "Zoe SMITH", "")])
        defer { site.remove() }
        let report = try await site.build()
        #expect(report.skipped.isEmpty)
        #expect(report.pages[.speaker] == 3)
        // Both names are "wang-wei" in Latin letters: the first in the order of the names themselves (汪 U+6C6A before
        // 王 U+738B) keeps the plain slug.
        let first = try site.page("speakers/wang-wei/index.html")
        #expect(first.contains("汪伟") && !first.contains("王伟") && !first.contains("companies/bbb/"))
        let second = try site.page("speakers/wang-wei-2/index.html")
        #expect(second.contains("王伟") && !second.contains("汪伟"))
        #expect(second.contains("companies/aaa/") && second.contains("companies/bbb/"))
        let zoe = try site.page("speakers/zoe-smith/index.html")
        #expect(zoe.contains("companies/bbb/") && zoe.contains("companies/ccc/"))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("speakers/untitled").path))
    }

    @Test func aNameWrittenTwoWaysOnCallsOfOneCompanyIsOnePersonButNotAcrossFirms() async throws {
        let site = try TestSite(files: [
            "a.txt": pdfTranscript(period: "Q1 2013", date: "FEBRUARY 7, 2013 / 9:00PM GMT"),
            "b.txt": pdfTranscript(period: "Q2 2013", date: "MAY 7, 2013 / 9:00PM GMT").replacingOccurrences(of: "Jane Roe", with: "Janet Roe"),
            "c.txt": pdfTranscript(period: "Q3 2013", date: "AUGUST 7, 2013 / 9:00PM GMT"),
            // Another company's call: its CEO Jan Roe and the analyst Johnny Doe of Small Bank are other people.
            "d.txt": pdfTranscript(ticker: "OTHR", company: "Other Corp.").replacingOccurrences(of: "Jane Roe", with: "Jan Roe")
                .replacingOccurrences(of: "John Doe Big Bank", with: "Johnny Doe Small Bank").replacingOccurrences(of: "John Doe - Big Bank", with: "Johnny Doe - Small Bank")
                .replacingOccurrences(of: "John Doe of Big Bank", with: "Johnny Doe of Small Bank"),
        ])
        defer { site.remove() }
        let report = try await site.build()
        #expect(report.skipped.isEmpty)
        let speakers = try FileManager.default.contentsOfDirectory(atPath: site.output.appendingPathComponent("speakers").path)
            .filter { !$0.hasSuffix(".html") }.sorted()
        #expect(speakers == ["jan-roe", "jane-roe", "john-doe", "johnny-doe"])
        let jane = try site.page("speakers/jane-roe/index.html")
        for quarter in ["2013-q1", "2013-q2", "2013-q3"] { #expect(jane.contains("companies/acme/\(quarter)/"), "\(quarter)") }
        #expect(jane.contains("<h1 class=\"page-header__title\">Jane Roe</h1>"))
        // The call that spells her Janet links her turns to the shared page.
        #expect(try site.page("companies/acme/2013-q2/index.html").contains("data-speaker=\"jane-roe\""))
    }

    @Test func aCacheFolderGivenByMistakeLosesNothing() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript(), "videos/keep.txt": pdfTranscript(ticker: "VID", company: "Video Corp."),
                                        "valuation.md": "# Valuation\n"])
        defer { site.remove() }
        let before = snapshot(site.root.appendingPathComponent("Content"))
        for folder in ["Content", "Content/cache", ".", "Themes", "Public/cache"] {
            var options = BuildOptions(siteRoot: site.root)
            options.cacheDirectory = site.root.appendingPathComponent(folder, isDirectory: true).standardizedFileURL
            do {
                _ = try await SiteBuilder.build(options)
                Issue.record("a cache in \(folder) should be refused")
            } catch {
                #expect(error.description.contains("refusing to keep the build cache here"), "\(folder)")
            }
        }
        #expect(snapshot(site.root.appendingPathComponent("Content")) == before)
        // A folder of its own keeps whatever else it holds; only older cache generations go.
        let shared = site.root.deletingLastPathComponent().appendingPathComponent("shared", isDirectory: true)
        try site.write("mine", to: "../shared/vendor/keep.txt")
        try site.write("old", to: "../shared/v2-0123456789abcdef/records.bin")
        var options = BuildOptions(siteRoot: site.root)
        options.cacheDirectory = shared
        _ = try await SiteBuilder.build(options)
        let names = try FileManager.default.contentsOfDirectory(atPath: shared.path).sorted()
        #expect(names.count == 2 && names.contains("vendor") && !names.contains("v2-0123456789abcdef"))
        #expect(names.contains { BuildCache.isGeneration($0) })
    }

    /// README: the output folder and the cache can never be or sit in the site folder's inputs, also when the folder does
    /// not exist yet and is reached through a symbolic link (`latest -> Content`), or a dangling one, or is `sitegen.yml`.
    @Test func anOutputOrCacheReachedThroughALinkIntoTheInputsIsRefused() async throws {
        let site = try TestSite(includeReference: true)
        defer { site.remove() }
        let fileManager = FileManager.default
        try fileManager.createSymbolicLink(atPath: site.root.appendingPathComponent("latest").path, withDestinationPath: "Content")
        try fileManager.createSymbolicLink(atPath: site.root.appendingPathComponent("looks").path, withDestinationPath: "Themes")
        try fileManager.createSymbolicLink(atPath: site.root.appendingPathComponent("dangling").path, withDestinationPath: "Content/new")
        try fileManager.createSymbolicLink(atPath: site.root.appendingPathComponent("chain").path, withDestinationPath: "dangling/deeper")
        let before = snapshot(site.root)
        let real = { (name: String) in site.root.appendingPathComponent(name).resolvingSymlinksInPath().path }
        let cases: [(folder: String, protected: String)] = [
            ("latest/out", real("Content")), ("latest/a/b", real("Content")), ("looks/out", real("Themes")),
            ("dangling", real("Content")), ("chain/x", real("Content")),
            ("sitegen.yml", real(".") + "/sitegen.yml"), ("sitegen.yml/out", real(".") + "/sitegen.yml"),
        ]
        for (folder, protected) in cases {
            let url = site.root.appendingPathComponent(folder, isDirectory: true)
            do throws(BuildFailure) {
                _ = try await SiteBuilder.build(BuildOptions(siteRoot: site.root, output: url))
                Issue.record("the output \(folder) was not refused")
            } catch {
                #expect(error.step == "config")
                #expect(error.diagnostics == [Diagnostic(.error, file: url.standardizedFileURL.path,
                                                         "refusing to write the site here: it would replace or sit inside \(protected)")], "\(folder)")
            }
            var options = BuildOptions(siteRoot: site.root)
            options.cacheDirectory = url.standardizedFileURL
            do throws(BuildFailure) {
                _ = try await SiteBuilder.build(options)
                Issue.record("the cache \(folder) was not refused")
            } catch {
                #expect(error.diagnostics == [Diagnostic(.error, file: url.standardizedFileURL.path,
                    "refusing to keep the build cache here: it would hold or sit inside \(protected); give the cache a folder of its own")], "\(folder)")
            }
        }
        #expect(snapshot(site.root) == before)
        #expect(!fileManager.fileExists(atPath: site.root.appendingPathComponent("sitegen.yml").path))
        // A link that leads out of the site is a place like any other.
        try fileManager.createDirectory(at: site.sandbox.appendingPathComponent("outside"), withIntermediateDirectories: true)
        try fileManager.createSymbolicLink(atPath: site.root.appendingPathComponent("elsewhere").path, withDestinationPath: "../outside")
        let report = try await site.build(output: site.root.appendingPathComponent("elsewhere/public", isDirectory: true))
        #expect(report.published && report.transcripts == 1)
        #expect(fileManager.fileExists(atPath: site.sandbox.appendingPathComponent("outside/public/index.html").path))
    }

    @Test func physicalPathsResolveTheNearestExistingFolderAndDanglingLinks() throws {
        let sandbox = FileManager.default.temporaryDirectory.appendingPathComponent("physical-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: sandbox) }
        try FileManager.default.createDirectory(at: sandbox.appendingPathComponent("real/inner"), withIntermediateDirectories: true)
        let base = sandbox.resolvingSymlinksInPath().path
        try FileManager.default.createSymbolicLink(atPath: base + "/link", withDestinationPath: "real/inner")
        try FileManager.default.createSymbolicLink(atPath: base + "/gone", withDestinationPath: base + "/real/missing")
        try FileManager.default.createSymbolicLink(atPath: base + "/loop", withDestinationPath: "loop")
        #expect(PhysicalPath.resolve(base + "/link") == base + "/real/inner")
        #expect(PhysicalPath.resolve(base + "/link/new/deeper/") == base + "/real/inner/new/deeper")
        #expect(PhysicalPath.resolve(base + "/link/../x") == base + "/x")
        #expect(PhysicalPath.resolve(base + "/gone/x") == base + "/real/missing/x")
        #expect(PhysicalPath.resolve(base + "/loop/x") == base + "/loop/x")
        #expect(PhysicalPath.resolve("/") == "/")
    }

    @Test func twoFilesWithTheSameBytesKeepTheirOwnParse() async throws {
        // A headerless transcript takes its title and quarter from its file name: the same bytes under two names are two
        // calls, and neither's parse may stand in for the other's (they did when parses were stored by bytes alone).
        let text = """
        CORPORATE PARTICIPANTS

        Jane Roe
        Acme Corp. - CEO

        CONFERENCE CALL PARTICIPANTS

        John Doe
        Big Bank - Analyst

        PRESENTATION

        Operator

        Welcome to the call.

        Jane Roe
        Acme Corp. - CEO

        Revenue grew 5% to $10 million.

        QUESTIONS AND ANSWERS

        John Doe
        Big Bank - Analyst

        How is demand?

        """
        let site = try TestSite(files: ["Q3 2022 Acme Corp. Earnings Call.txt": text, "Q4 2022 Acme Corp. Earnings Call.txt": text])
        defer { site.remove() }
        for _ in 0..<3 {
            let report = try await site.build(output: site.root.appendingPathComponent("Out-\(UUID().uuidString.prefix(4))"))
            #expect(report.pages[.transcript] == 2)
        }
        try await site.build()
        let data = site.output.appendingPathComponent("data")
        let files = try #require(FileManager.default.enumerator(atPath: data.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix("-q3.json") || $0.hasSuffix("-q4.json") }.sorted())
        #expect(files.count == 2)
        for file in files {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: data.appendingPathComponent(file))) as? [String: Any])
            let quarter = file.hasSuffix("-q3.json") ? 3 : 4
            #expect((json["fiscalPeriod"] as? [String: Any])?["quarter"] as? Int == quarter, "\(file)")
            let named = ((json["warnings"] as? [[String: Any]]) ?? []).compactMap { $0["file"] as? String }
            #expect(!named.isEmpty && named.allSatisfy { $0.hasPrefix("Content/Q\(quarter) 2022") }, "\(file): \(named)")
        }
        // Deleting one file leaves the other's export naming its own file, as a full build does.
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/Q3 2022 Acme Corp. Earnings Call.txt"))
        try await site.build()
        let full = site.root.appendingPathComponent("Full")
        var options = BuildOptions(siteRoot: site.root, output: full)
        options.cacheDirectory = nil
        _ = try await SiteBuilder.build(options)
        #expect(snapshot(site.output) == snapshot(full))
    }

    @Test func buildNeverModifiesContent() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript()], includeReference: true)
        defer { site.remove() }
        let before = snapshot(site.root.appendingPathComponent("Content"))
        try await site.build()
        #expect(snapshot(site.root.appendingPathComponent("Content")) == before)
    }

    @Test func aPageWithABlankOrNonTextTitleIsTitledFromItsFileWithAWarning() async throws {
        let site = try TestSite(files: ["annual-report.md": "---\ntitle: \"  \"\n---\nText.\n",
                                        "about.md": "---\ntitle: [a, b]\n---\nText.\n",
                                        "notes.md": "---\ntitle:\n---\nText.\n"])
        defer { site.remove() }
        let report = try await site.build(strict: true)
        #expect(report.published)
        #expect(report.warnings.map(\.description) == [
            "Content/about.md:2: warning: `title:` is not text; the page is titled 'About' from its file name",
            "Content/annual-report.md:2: warning: `title:` is blank; the page is titled 'Annual Report' from its file name",
        ], "\(report.warnings)")
        #expect(try site.page("annual-report/index.html").contains("<title>Annual Report · Earnings Call Archive</title>"))
        #expect(try site.page("about/index.html").contains("<title>About · Earnings Call Archive</title>"))
        #expect(try site.page("notes/index.html").contains("<title>Notes · Earnings Call Archive</title>"))
        #expect(LinkChecker.audit(site.output).problems.isEmpty)
    }

    @Test func aByteIdenticalCopyIsPublishedOnceAndASecondCallOfTheQuarterIsNamed() async throws {
        let reference = try String(contentsOf: repositoryRoot.appendingPathComponent("Content/calx-q3-2012.txt"), encoding: .utf8)
        let corrected = reference.replacingOccurrences(of: "broadband stimulus", with: "broadband stimulus (corrected)")
        #expect(corrected != reference)
        let site = try TestSite(files: ["calx-q3-2012.txt": reference, "2012/calx-q3-2012.txt": reference,
                                        "CALX Q3 2012 (1).txt": reference, "refiled/calx-q3-2012.txt": corrected])
        defer { site.remove() }
        let report = try await site.build(strict: true)
        #expect(report.transcripts == 2)
        #expect(report.warnings.map(\.description).filter { !$0.contains("not in the participant") } == [
            "Content/CALX Q3 2012 (1).txt: warning: the same bytes as Content/2012/calx-q3-2012.txt; the call is published once, from that file",
            "Content/calx-q3-2012.txt: warning: the same bytes as Content/2012/calx-q3-2012.txt; the call is published once, from that file",
            "Content/refiled/calx-q3-2012.txt: warning: a second call of Calix, Inc. that would be published at /companies/calx/2012-q3/, "
                + "as Content/2012/calx-q3-2012.txt is; this one is at /companies/calx/2012-q3-2/ (if one of them is a corrected copy of the other, remove the other)",
        ], "\(report.warnings)")
        #expect(try site.page("companies/calx/2012-q3/index.html").contains("broadband stimulus"))
        #expect(!(try site.page("companies/calx/2012-q3/index.html")).contains("(corrected)"))
        #expect(try site.page("companies/calx/2012-q3-2/index.html").contains("broadband stimulus (corrected)"))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("companies/calx/2012-q3-3").path))
        // The speaker page lists the published calls, each once.
        let russo = attributeValues("href", in: try site.page("speakers/carl-russo/index.html"))
        #expect(Set(russo.filter { $0.hasSuffix("/2012-q3/") || $0.hasSuffix("/2012-q3-2/") }).count == 2)
    }

    @Test func aCopyWithOtherLineEndsOrAByteOrderMarkIsPublishedOnce() async throws {
        let reference = try String(contentsOf: repositoryRoot.appendingPathComponent("Content/calx-q3-2012.txt"), encoding: .utf8)
        let crlf = reference.replacingOccurrences(of: "\n", with: "\r\n")
        let site = try TestSite(files: ["a/calx.txt": reference, "b/calx.txt": crlf, "c/calx.txt": "\u{FEFF}" + crlf,
                                        "d/calx.txt": reference.replacingOccurrences(of: "\n", with: "\r")])
        defer { site.remove() }
        let report = try await site.build()
        #expect(report.transcripts == 1)
        let text = "warning: the same text as Content/a/calx.txt (only line ends or a byte-order mark differ); the call is published once, from that file"
        #expect(report.warnings.map(\.description).filter { $0.contains("published once") || $0.contains("second call") }
                == ["Content/b/calx.txt: \(text)", "Content/c/calx.txt: \(text)", "Content/d/calx.txt: \(text)"], "\(report.warnings)")
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("companies/calx/2012-q3-2").path))
        #expect(SiteIndex.plainLines(Data("\u{FEFF}a\r\nb\rc\n\r\n".utf8)) == Data("a\nb\nc\n\n".utf8))
    }

    @Test func copiesStayIdenticalToAFullBuildWhenTheOriginalGoesAndALinkToACopyLeadsToThePage() async throws {
        let reference = try String(contentsOf: repositoryRoot.appendingPathComponent("Content/calx-q3-2012.txt"), encoding: .utf8)
        let site = try TestSite(files: ["a/calx.txt": reference, "b/calx.txt": reference, "c/calx.txt": reference,
                                        "about.md": "[the call](b/calx.txt#t12-p1) and [again](c/calx.txt)\n"])
        defer { site.remove() }
        let first = try await site.build(strict: true)
        #expect(first.transcripts == 1)
        let aboutLinks = attributeValues("href", in: try site.page("about/index.html"))
        #expect(aboutLinks.filter { $0.contains("2012-q3") || $0.contains("calx.txt") }
                == ["../companies/calx/2012-q3/#t12-p1", "../companies/calx/2012-q3/"], "\(aboutLinks)")
        // The original goes: the next copy in path order takes its place, and an incremental build equals a full one.
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/a/calx.txt"))
        let second = try await site.build(strict: true)
        #expect(second.incremental && second.transcripts == 1)
        #expect(second.warnings.map(\.description).filter { $0.contains("same bytes") }
                == ["Content/c/calx.txt: warning: the same bytes as Content/b/calx.txt; the call is published once, from that file"])
        #expect(snapshot(site.output) == (try await IncrementalBuildTests.fullBuild(site)))
        // A build with nothing changed replays the report, and only what the last build found.
        let third = try await site.build(strict: true)
        #expect(third.upToDate && third.warnings == second.warnings)
    }
}
