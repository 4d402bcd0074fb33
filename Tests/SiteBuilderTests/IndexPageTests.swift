import Foundation
import Testing
import TranscriptKit
@testable import SiteBuilder

@Suite("Index pages")
struct IndexPageTests {
    /// Three Acme calls (Q1–Q3 2013) and one Beta call in Q2 2013 where John Doe asks from another firm.
    func archive() throws -> TestSite {
        let beta = pdfTranscript(ticker: "BETA", company: "Beta Inc.", period: "Q2 2013", date: "MAY 1, 2013 / 2:00PM GMT")
            .replacingOccurrences(of: "John Doe Big Bank - Analyst", with: "John Doe Small Bank - Analyst")
            .replacingOccurrences(of: "John Doe - Big Bank - Analyst", with: "John Doe - Small Bank - Analyst")
        return try TestSite(files: [
            "acme/q1.txt": pdfTranscript(period: "Q1 2013", date: "FEBRUARY 7, 2013 / 9:00PM GMT"),
            "acme/q3.txt": pdfTranscript(period: "Q3 2013", date: "NOVEMBER 6, 2013 / 9:00PM GMT"),
            "acme/q2.txt": pdfTranscript(period: "Q2 2013", date: "MAY 8, 2013 / 9:00PM GMT"),
            "beta.txt": beta,
        ])
    }

    @Test func companyPageListsCallsNewestFirst() async throws {
        let site = try archive()
        defer { site.remove() }
        try await site.build()
        let links = attributeValues("href", in: try site.page("companies/acme/index.html"))
            .filter { $0.hasPrefix("../../companies/acme/20") }
        #expect(distinct(links) == [
            "../../companies/acme/2013-q3/", "../../companies/acme/2013-q2/", "../../companies/acme/2013-q1/",
        ])
    }

    @Test func quarterPageListsThatQuartersCallsByDate() async throws {
        let site = try archive()
        defer { site.remove() }
        try await site.build()
        let html = try site.page("quarters/2013-q2/index.html")
        let calls = attributeValues("href", in: html).filter { $0.hasPrefix("../../companies/") && $0.hasSuffix("2013-q2/") }
        #expect(distinct(calls) == ["../../companies/beta/2013-q2/", "../../companies/acme/2013-q2/"])
        #expect(!html.contains("2013-q1/\""))
        let quarters = attributeValues("href", in: try site.page("quarters/index.html")).filter { $0.hasSuffix("-q1/") || $0.hasSuffix("-q2/") || $0.hasSuffix("-q3/") }
        #expect(distinct(quarters) == ["../quarters/2013-q3/", "../quarters/2013-q2/", "../quarters/2013-q1/"])
    }

    @Test func transcriptPagesLinkPreviousAndNextCallOfTheSameCompany() async throws {
        let site = try archive()
        defer { site.remove() }
        try await site.build()
        let middle = attributeValues("href", in: try site.page("companies/acme/2013-q2/index.html"))
        #expect(middle.contains("../../../companies/acme/2013-q1/"))
        #expect(middle.contains("../../../companies/acme/2013-q3/"))
        let first = attributeValues("href", in: try site.page("companies/acme/2013-q1/index.html"))
        #expect(first.contains("../../../companies/acme/2013-q2/"))
        #expect(!first.contains("../../../companies/beta/2013-q2/"))
    }

    @Test func onePersonOnePageAcrossCompaniesAndFirmChanges() async throws {
        let site = try archive()
        defer { site.remove() }
        let report = try await site.build()
        #expect(report.pages[.speaker] == 2)
        let html = try site.page("speakers/john-doe/index.html")
        let calls = attributeValues("href", in: html).filter { $0.hasSuffix("#t4") }
        #expect(calls == ["../../companies/acme/2013-q3/#t4", "../../companies/acme/2013-q2/#t4",
                          "../../companies/beta/2013-q2/#t4", "../../companies/acme/2013-q1/#t4"])
        #expect(html.contains("Small Bank"))
        #expect(html.contains("Big Bank"))
        let speakers = try site.page("speakers/index.html")
        #expect(speakers.contains("../speakers/john-doe/"))
        #expect(speakers.contains("../speakers/jane-roe/"))
    }

    @Test func homePageCountsTheArchive() async throws {
        let site = try archive()
        defer { site.remove() }
        try await site.build()
        let html = try site.page("index.html")
        #expect(html.contains("companies/acme/2013-q3/"))
        #expect(html.contains("companies/beta/"))
        #expect(html.contains("quarters/2013-q1/"))
    }
}

/// The values in first-seen order without repeats.
func distinct(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { seen.insert($0).inserted }
}
