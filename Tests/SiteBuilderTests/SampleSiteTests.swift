import Foundation
import Testing
import TranscriptKit
@testable import SiteBuilder

/// Builds the sample archive once per test run and checks the pages it writes.
@Suite("Sample site (Content/ of the repository)")
struct SampleSiteTests {
    var site: TestSite {
        get async throws { try await SampleBuild.shared.get().site }
    }

    let transcriptPath = "companies/calx/2012-q3/index.html"

    @Test func writesEveryPageKind() async throws {
        let (site, report) = try await SampleBuild.shared.get()
        #expect(report.published)
        #expect(report.transcripts == 1)
        #expect(report.skipped.isEmpty)
        #expect(report.pages[.home] == 1)
        #expect(report.pages[.companies] == 1)
        #expect(report.pages[.company] == 1)
        #expect(report.pages[.transcript] == 1)
        #expect(report.pages[.quarters] == 1)
        #expect(report.pages[.quarter] == 1)
        #expect(report.pages[.speakers] == 1)
        #expect(report.pages[.speaker] == 10)
        #expect(report.pages[.notfound] == 1)
        for path in ["index.html", "companies/index.html", "companies/calx/index.html", transcriptPath,
                     "quarters/index.html", "quarters/2012-q3/index.html", "speakers/index.html",
                     "speakers/carl-russo/index.html", "speakers/george-notter/index.html", "404.html", "assets/style.css"] {
            #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(path).path), "missing \(path)")
        }
    }

    @Test func transcriptPageHasNinetyFiveTurnsInFileOrderWithTheirSpeakers() async throws {
        let site = try await site
        let html = try site.page(transcriptPath)
        let transcript = try TranscriptReader.standard.read(contentsOf: referenceURL)
        let expected = transcript.turns.map { $0.speaker == "Operator" ? "operator" : Slug.make($0.speaker) }
        let speakers = attributeValues("data-speaker", in: html)
        #expect(speakers.count == 95)
        #expect(speakers == expected)
        let turnIDs = attributeValues("id", in: html).filter { $0.first == "t" && $0.dropFirst().allSatisfy(\.isNumber) }
        #expect(turnIDs == (1...95).map { "t\($0)" })
    }

    @Test func transcriptPageMetadata() async throws {
        let site = try await site
        let html = try site.page(transcriptPath)
        #expect(html.contains("<time datetime=\"2012-10-25T20:30:00Z\""))
        #expect(html.contains("href=\"../../../companies/calx/\""))
        #expect(html.contains("href=\"../../../quarters/2012-q3/\""))
        #expect(html.contains("href=\"../../../speakers/carl-russo/\""))
        #expect(html.contains("Actual revenue for the quarter was $81.3 million."))
        #expect(!html.contains("\\$"))
        #expect(html.contains("id=\"t2-p5\""))
    }

    @Test func everySpeakerPageLinksBackToEachOfTheirTurns() async throws {
        let site = try await site
        let transcript = try TranscriptReader.standard.read(contentsOf: referenceURL)
        var turnsBySpeaker: [String: [Int]] = [:]
        for (offset, turn) in transcript.turns.enumerated() where turn.speaker != "Operator" {
            turnsBySpeaker[Slug.make(turn.speaker), default: []].append(offset + 1)
        }
        #expect(turnsBySpeaker.count == 10)
        for (slug, numbers) in turnsBySpeaker {
            let html = try site.page("speakers/\(slug)/index.html")
            let links = attributeValues("href", in: html).filter { $0.hasPrefix("../../companies/calx/2012-q3/#t") }
            #expect(links == numbers.map { "../../companies/calx/2012-q3/#t\($0)" }, "speaker \(slug)")
        }
    }

    @Test func everyInternalLinkAndAnchorResolves() async throws {
        let site = try await site
        let problems = LinkChecker.check(site.output)
        #expect(problems.isEmpty, "\(problems.prefix(20))")
        #expect(LinkChecker.linkCount(site.output) > 400)
    }

    @Test func linksAreRelativeSoTheSiteWorksUnderASubPath() async throws {
        let site = try await site
        for (path, data) in snapshot(site.output) where path.hasSuffix(".html") && path != "404.html" {
            let html = String(decoding: data, as: UTF8.self)
            let rooted = (attributeValues("href", in: html) + attributeValues("src", in: html)).filter { $0.hasPrefix("/") }
            #expect(rooted.isEmpty, "\(path): \(rooted)")
        }
    }

    @Test func pagesPassTheHTML5Validator() async throws {
        let site = try await site
        let result = try HTMLValidator.validate(site.output)
        #expect(result.errors.isEmpty, "\(result.errors.prefix(20).joined(separator: "\n"))")
        #expect(result.filesChecked >= 17)
    }
}
