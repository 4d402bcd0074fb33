import Foundation
import Testing
@testable import TranscriptKit

/// Titles' tickers, fiscal periods and companies, in the shapes exchanges and exporters write them.
@Suite struct EventTitleTests {
    @Test(arguments: [
        ("7203.T - Q3 2012 Toyota Motor Corp Earnings Call", "7203.T", "Toyota Motor Corp"),
        ("0005.HK - Q3 2012 HSBC Holdings plc Earnings Conference Call", "0005.HK", "HSBC Holdings plc"),
        ("600519.SS - Q3 2012 Kweichow Moutai Co Ltd Earnings Call", "600519.SS", "Kweichow Moutai Co Ltd"),
        ("ERICb.ST - Q3 2012 Telefonaktiebolaget LM Ericsson Earnings Conference Call", "ERICb.ST", "Telefonaktiebolaget LM Ericsson"),
        ("VOLVb.ST - Q3 2012 AB Volvo Earnings Call", "VOLVb.ST", "AB Volvo"),
        ("BRK-B - Q3 2012 Berkshire Hathaway Inc. Earnings Conference Call", "BRK-B", "Berkshire Hathaway Inc."),
        ("BRK/B - Q3 2012 Berkshire Hathaway Inc. Earnings Conference Call", "BRK/B", "Berkshire Hathaway Inc."),
        ("BRK.B - Q3 2012 Berkshire Hathaway Inc. Earnings Conference Call", "BRK.B", "Berkshire Hathaway Inc."),
        ("RDS/A - Q3 2012 Royal Dutch Shell plc Earnings Call", "RDS/A", "Royal Dutch Shell plc"),
        ("BF-B.N - Q3 2012 Brown-Forman Corp Earnings Call", "BF-B.N", "Brown-Forman Corp"),
        ("F - Q3 2012 Ford Motor Co Earnings Call", "F", "Ford Motor Co"),
        ("CALX - Q3 2012 Calix, Inc. Earnings Conference Call", "CALX", "Calix, Inc."),
    ])
    func exchangeTickerShapes(_ title: String, _ ticker: String, _ company: String) {
        let parsed = EventTitle(parsing: title)
        #expect(parsed.ticker == ticker)
        #expect(parsed.company == company)
        #expect(parsed.fiscalPeriod == FiscalPeriod(year: 2012, quarter: 3))
        #expect(parsed.kind == .earningsCall)
        #expect(parsed.title == title)
    }

    @Test(arguments: ["Inc", "The", "Calix", "CEOs", "Mr", "2012", "7203", "3Q12", "7203.5", "ERICb", "Eb.ST", "b.ST",
                      "BRK-", "BRK--B", "BRK/BBBB", "A..B", "U.S.", "BRK.", ".B", "ABCDEFGHIJKLM", "Acme Corp", "AT&T", "Q3'12", "brk-b"])
    func wordsAreNotTickers(_ word: String) {
        #expect(!EventTitle.looksLikeTicker(Substring(word)))
    }
}
