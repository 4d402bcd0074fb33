import Foundation
import Testing
import TranscriptKit
@testable import SiteBuilder

/// Tickers of every exchange shape become one safe path component in company URLs and data file paths.
@Suite("Ticker slugs")
struct TickerSlugTests {
    private func call(_ ticker: String, _ company: String) throws -> (source: String, transcript: Transcript) {
        let text = """
            THOMSON REUTERS STREETEVENTS **EDITED TRANSCRIPT** \(ticker) - Q3 2012 \(company) Earnings Conference Call

            EVENT DATE/TIME: OCTOBER 25, 2012 / 8:30PM GMT

            PRESENTATION

            Operator

            Welcome.

            """
        let source = "Content/\(ticker.replacingOccurrences(of: "/", with: "_")).txt"
        return (source, try TranscriptReader.standard.read(data: Data(text.utf8), path: source))
    }

    @Test func exchangeTickersGiveSafeCompanySlugs() throws {
        let calls = try [
            call("BRK/B", "Berkshire Hathaway Inc."), call("7203.T", "Toyota Motor Corp"), call("0005.HK", "HSBC Holdings plc"),
            call("ERICb.ST", "Telefonaktiebolaget LM Ericsson"), call("RDS/A", "Royal Dutch Shell plc"),
        ]
        #expect(calls.map(\.transcript.ticker) == ["BRK/B", "7203.T", "0005.HK", "ERICb.ST", "RDS/A"])
        let index = SiteIndex(calls: calls, config: .defaults)
        let slugs = Dictionary(uniqueKeysWithValues: index.companies.map { ($0.name, $0.slug) })
        #expect(slugs == ["Berkshire Hathaway Inc.": "brk-b", "Toyota Motor Corp": "7203-t", "HSBC Holdings plc": "0005-hk",
                          "Telefonaktiebolaget LM Ericsson": "ericb-st", "Royal Dutch Shell plc": "rds-a"])
        for company in index.companies {
            #expect(company.url == "companies/\(company.slug)/")
            #expect(!company.slug.contains("/") && !company.slug.contains("."))
        }
        for call in index.calls {
            let path = DataExport.path(of: call, in: index).description
            #expect(path.split(separator: "/").count == 3, "\(path)")
            #expect(call.url.split(separator: "/").count == 3, "\(call.url)")
            #expect(call.url.hasSuffix("/2012-q3/"))
        }
    }

    @Test func aSlashedAndAHyphenatedClassTickerOfOneCompanyShareItsPage() throws {
        let index = SiteIndex(calls: try [call("BRK/B", "Berkshire Hathaway Inc."), call("BRK-B", "Berkshire Hathaway Inc.")],
                              config: .defaults)
        #expect(index.companies.map(\.slug) == ["brk-b"])
        #expect(index.calls.map(\.url).sorted() == ["companies/brk-b/2012-q3-2/", "companies/brk-b/2012-q3/"])
    }

    /// A ticker with no letter or digit slugs to nothing: the company's name gives the slug, not "untitled".
    @Test func aTickerOfPunctuationOnlyGivesTheNamesSlug() throws {
        var dot = try call("DOT", "Dot Matrix Inc.")
        dot.transcript.ticker = "."
        var dash = try call("DASH", "Dash Holdings plc")
        dash.source = "Content/dash.txt"
        dash.transcript.ticker = "-"
        let index = SiteIndex(calls: [dot, dash], config: .defaults)
        #expect(index.companies.map(\.slug).sorted() == ["dash-holdings-plc", "dot-matrix-inc"])
        #expect(index.calls.map(\.url).sorted() == ["companies/dash-holdings-plc/2012-q3/", "companies/dot-matrix-inc/2012-q3/"])
        #expect(CompanyGrouping.tickerSlug("7203.T") == "7203-t")
        #expect(CompanyGrouping.tickerSlug("./-") == nil)
    }
}
