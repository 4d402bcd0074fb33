import Foundation
import Testing
import SiteBuilder
import TranscriptKit
@testable import SitegenCommands

/// A site folder with the reference transcript, the repository's themes and, optionally, more content files.
private func makeSite(_ files: [String: String] = [:]) throws -> URL {
    let site = try temporaryFolder()
    let content = site.appendingPathComponent("Content", isDirectory: true)
    try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Themes"), to: site.appendingPathComponent("Themes"))
    try FileManager.default.copyItem(atPath: referencePath, toPath: content.appendingPathComponent("calx-q3-2012.txt").path)
    for (name, text) in files { try Data(text.utf8).write(to: content.appendingPathComponent(name)) }
    return site
}

@Suite("sitegen check and the data exports through the CLI")
struct CheckCommandTests {
    @Test func checkPassesOnTheRealBuild() throws {
        let site = try makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try runSitegen(["build", "--site", site.path, "--base-url", "https://example.org/calls/"]).code == 0)
        let result = try runSitegen(["check", "--site", site.path])
        #expect(result.code == 0, "\(result.out)\(result.err)")
        let lines = result.out.split(separator: "\n")
        #expect(lines.count == 1)
        let pages = FileManager.default.enumerator(atPath: site.appendingPathComponent("Public").path)?
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".html") }.count ?? 0
        #expect(pages >= 18)
        #expect(lines.first?.hasPrefix("sitegen check: \(site.path)/Public/: no problems (\(pages) pages, ") == true, "\(result.out)")

        let byOutput = try runSitegen(["check", "--output", site.appendingPathComponent("Public").path])
        #expect(byOutput.code == 0)
    }

    @Test func checkReportsPlantedProblemsAndExitsOne() throws {
        let site = try makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try runSitegen(["build", "--site", site.path]).code == 0)
        let built = site.appendingPathComponent("Public", isDirectory: true)
        func plant(_ path: String, _ markup: String) throws {
            let page = built.appendingPathComponent(path)
            let html = try String(contentsOf: page, encoding: .utf8)
            try html.replacingOccurrences(of: "</main>", with: markup + "</main>").write(to: page, atomically: true, encoding: .utf8)
        }
        try plant("speakers/carl-russo/index.html", """
            <a href="../../companies/nope/">broken</a> <a href="../../companies/calx/2012-q3/#t96">no turn 96</a>
            <img src="../../assets/favicon.svg"> <a href="../../companies/nope/">again</a> <img src="../../assets/favicon.svg">
            <a href="../../companies/calx/2012-q3/#t96">again</a> <a href="../../companies/nope/">and again</a>
            """)
        try plant("companies/index.html", "<a href=\"nope/\">elsewhere</a> <a href=\"gone/\">once</a>")
        try "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"></head><body></body></html>"
            .write(to: built.appendingPathComponent("bare.html"), atomically: true, encoding: .utf8)

        let result = try runSitegen(["check", "--output", built.path])
        #expect(result.code == 1)
        let lines = result.out.split(separator: "\n").map(String.init)
        // One line per missing target (or per identical problem on a page), in the order of their first problem.
        #expect(Array(lines.dropLast()) == [
            "bare.html: <title>: the page has no <title>",
            "no such file companies/nope/index.html: 4 links on 2 pages: companies/index.html, speakers/carl-russo/index.html",
            "companies/index.html: gone/: no such file companies/gone/index.html",
            "speakers/carl-russo/index.html: <img src=\"../../assets/favicon.svg\">: the image has no alt text (2 times)",
            "speakers/carl-russo/index.html: ../../companies/calx/2012-q3/#t96: no element with id \"t96\" in companies/calx/2012-q3/index.html (2 times)",
        ], "\(result.out)")
        #expect(lines.last?.contains(": 10 problems: 5 broken links, 2 broken anchors, 1 missing title, 2 images without alt (") == true, "\(lines.last ?? "")")
    }

    @Test func linesGroupProblemsByTargetAndNameTheFirstPages() {
        func missing(_ page: String, _ link: String) -> LinkChecker.Problem {
            .init(page: page, link: link, reason: "no such file speakers/gone/index.html")
        }
        let problems = ["a.html", "b.html", "b.html", "c.html", "d.html", "e.html"].map { missing($0, "x") }
            + [LinkChecker.Problem(page: "e.html", link: "/out/", reason: "leads outside the site (published at /calls/)")]
        #expect(CheckCommand.lines(problems) == [
            "no such file speakers/gone/index.html: 6 links on 5 pages: a.html, b.html, c.html and 2 more",
            "e.html: /out/: leads outside the site (published at /calls/)",
        ])
        #expect(CheckCommand.lines([missing("a.html", "x"), missing("a.html", "../x")])
                    == ["no such file speakers/gone/index.html: 2 links on 1 page: a.html"])
    }

    @Test func checkWithoutABuiltSiteExitsOne() throws {
        let site = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: site) }
        let result = try runSitegen(["check", "--site", site.path])
        #expect(result.code == 1)
        #expect(result.err.contains("does not exist; run sitegen build first"))
        // A folder that exists but holds no page is not a site that passed.
        try Data("notes".utf8).write(to: site.appendingPathComponent("notes.txt"))
        let empty = try runSitegen(["check", "--output", site.path])
        #expect(empty.code == 1)
        #expect(empty.err.contains("holds no HTML pages; expected a site built by sitegen build"))
        // A regular file is not a folder that is missing.
        let file = site.appendingPathComponent("notes.txt")
        let notFolder = try runSitegen(["check", "--output", file.path])
        #expect(notFolder.code == 1)
        #expect(notFolder.err == "sitegen check: \(file.path) is a file, not a folder; give the folder sitegen build wrote (--output)\n", "\(notFolder.err)")
    }

    @Test func perCallExportIsByteIdenticalToParseJSON() throws {
        let headerless = "CORPORATE PARTICIPANTS\n\nJane Roe\nAcme Corp. - CEO\n\nPRESENTATION\n\nOperator\n\nWelcome.\n\nJane Roe\nAcme Corp. - CEO\n\nHello.\n"
        let site = try makeSite(["Q1 2013 Acme Corp Earnings Call.txt": headerless])
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(try runSitegen(["build", "--site", site.path]).code == 0)
        let records = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: site.appendingPathComponent("Public/data/transcripts.json"))) as? [[String: Any]])
        #expect(records.count == 2)
        let sources = ["Acme": "Content/Q1 2013 Acme Corp Earnings Call.txt", "Calix": "Content/calx-q3-2012.txt"]
        for record in records {
            let company = try #require(record["company"] as? String)
            let source = try #require(sources.first { company.hasPrefix($0.key) }?.value)
            let export = try Data(contentsOf: site.appendingPathComponent("Public").appendingPathComponent(try #require(record["data"] as? String)))
            let parsed = try runSitegen(["parse", "--format", "json", source], in: site)
            #expect(parsed.code == 0)
            #expect(export == Data(parsed.out.utf8), "\(source)")
            if company.hasPrefix("Acme") {
                #expect(parsed.out.contains("\"file\" : \"\(source)\""), "the warnings name the file as the build read it")
            }
        }
    }
}
