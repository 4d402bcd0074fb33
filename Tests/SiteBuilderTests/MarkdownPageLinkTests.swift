import Foundation
import Testing
@testable import SiteBuilder

/// Markdown pages link other pages and copied files as source files (`chart.png`, `../about.md`), as an editor previews
/// them; the build rewrites each such link to where the file is published, relative to the page.
@Suite("Markdown page links")
struct MarkdownPageLinkTests {
    @Test func linksBetweenSourceFilesLeadToThePublishedFiles() async throws {
        let site = try TestSite(files: [
            "about.md": "# About\n\nSee [the overview](Annual%20Reports/overview.md#totals), [the docs](docs/) and [us](about.md).\n",
            "Annual Reports/overview.md": """
                # Overview

                ![Revenue chart](chart.png "Revenue") and [the 2012 report](2012%20report.pdf?download=1).
                Back to [about](../about.md), [the docs index](../docs/index.md), [a section](#totals), [home](/),
                [elsewhere](https://example.org/x.md), [mail](mailto:ir@example.org), [nothing](missing.png) and
                [outside](../../etc/passwd).
                """,
            "Annual Reports/chart.png": "png",
            "Annual Reports/2012 report.pdf": "pdf",
            "docs/index.md": "# Docs\n\n[Up](../about.md) and [the chart](<../Annual Reports/chart.png>).\n",
        ])
        defer { site.remove() }
        let report = try await site.build(strict: true)
        #expect(report.published)

        let overview = try site.page("annual-reports/overview/index.html")
        #expect(attributeValues("src", in: overview).contains("../../Annual%20Reports/chart.png"))
        let links = attributeValues("href", in: overview)
        for expected in ["../../Annual%20Reports/2012%20report.pdf?download=1", "../../about/", "../../docs/", "#totals", "/",
                         "https://example.org/x.md", "mailto:ir@example.org", "missing.png", "../../etc/passwd"] {
            #expect(links.contains(expected), "\(expected) in \(links)")
        }
        #expect(attributeValues("href", in: try site.page("about/index.html")).contains("../annual-reports/overview/#totals"))
        #expect(attributeValues("href", in: try site.page("about/index.html")).contains("../docs/"))
        #expect(attributeValues("href", in: try site.page("about/index.html")).contains("./"))
        // docs/index.md is the docs folder's page.
        let docs = try site.page("docs/index.html")
        #expect(attributeValues("href", in: docs).contains("../about/"))
        #expect(attributeValues("href", in: docs).contains("../Annual%20Reports/chart.png"))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("docs/index/index.html").path))
        #expect(try site.page("Annual Reports/chart.png") == "png")
    }

    @Test func rewrittenLinksPassTheLinkChecker() async throws {
        let site = try TestSite(files: [
            "guide/start.md": "[Next](next.md), [image](img/a.png), [up](../readme.md), [self](start.md)\n",
            "guide/next.md": "[Back](start.md)\n",
            "guide/img/a.png": "png",
            "readme.md": "[Guide](guide/start.md)\n",
        ])
        defer { site.remove() }
        try await site.build(strict: true)
        let problems = LinkChecker.audit(site.output).problems
        #expect(problems.isEmpty, "\(problems)")
        let start = attributeValues("href", in: try site.page("guide/start/index.html"))
        #expect(["../next/", "../../readme/", "./"].allSatisfy(start.contains))
        #expect(start.contains("../img/a.png"))
    }

    @Test func linksToTranscriptSourcesLeadToTheirTranscriptPages() async throws {
        let reference = try String(contentsOf: repositoryRoot.appendingPathComponent("Content/calx-q3-2012.txt"), encoding: .utf8)
        let site = try TestSite(files: [
            "calls/calx-q3-2012.txt": reference,
            "calls/flow.md": markdownTranscript(company: "Flow Corp", ticker: "FLOW"),
            "calls/broken.txt": "Not a transcript at all.\n",
            "guide/about.md": """
                [The call](../calls/calx-q3-2012.txt#t12-p1), [the Markdown one](../calls/flow.md),
                [a cut-off one](../calls/broken.txt) and [as a folder](../calls/calx-q3-2012.txt/).
                """,
        ])
        defer { site.remove() }
        let report = try await site.build()
        #expect(report.transcripts == 2)
        #expect(report.skipped.map(\.file) == ["Content/calls/broken.txt"])
        let links = attributeValues("href", in: try site.page("guide/about/index.html"))
        #expect(links.contains("../../companies/calx/2012-q3/#t12-p1"), "\(links)")
        #expect(links.contains("../../companies/flow/2013-q1/"), "\(links)")
        // A skipped transcript has no page, and a source path is no folder: both are left as written.
        #expect(links.contains("../calls/broken.txt") && links.contains("../calls/calx-q3-2012.txt/"), "\(links)")
        let problems = LinkChecker.audit(site.output).problems.map(\.link)
        #expect(problems == ["../calls/broken.txt", "../calls/calx-q3-2012.txt/"], "\(problems)")
    }
}
