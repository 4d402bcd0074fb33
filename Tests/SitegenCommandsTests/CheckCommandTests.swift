import Foundation
import Testing
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
        let page = built.appendingPathComponent("speakers/carl-russo/index.html")
        var html = try String(contentsOf: page, encoding: .utf8)
        html = html.replacingOccurrences(of: "</main>", with: """
            <a href="../../companies/nope/">broken</a> <a href="../../companies/calx/2012-q3/#t96">no turn 96</a>
            <img src="../../assets/favicon.svg">
            </main>
            """)
        try html.write(to: page, atomically: true, encoding: .utf8)
        try "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"></head><body></body></html>"
            .write(to: built.appendingPathComponent("bare.html"), atomically: true, encoding: .utf8)

        let result = try runSitegen(["check", "--output", built.path])
        #expect(result.code == 1)
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(result.out)")
        #expect(lines.contains("speakers/carl-russo/index.html: ../../companies/nope/: no such file companies/nope/index.html"))
        #expect(lines.contains("speakers/carl-russo/index.html: ../../companies/calx/2012-q3/#t96: no element with id \"t96\" in companies/calx/2012-q3/index.html"))
        #expect(lines.contains("speakers/carl-russo/index.html: <img src=\"../../assets/favicon.svg\">: the image has no alt text"))
        #expect(lines.contains("bare.html: <title>: the page has no <title>"))
        #expect(lines.last?.contains(": 4 problems: 1 broken link, 1 broken anchor, 1 missing title, 1 image without alt (") == true, "\(lines.last ?? "")")
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
