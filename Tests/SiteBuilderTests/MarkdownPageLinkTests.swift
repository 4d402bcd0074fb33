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
}
