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

    @Test func aWordBeforeTheDashIsPartOfTheCompany() {
        let parsed = EventTitle(parsing: "Calix - Q3 2012 Earnings Call")
        #expect(parsed.ticker == nil)
        #expect(parsed.fiscalPeriod == FiscalPeriod(year: 2012, quarter: 3))
        #expect(parsed.company == "Calix")
    }

    @Test(arguments: [
        ("CALX - Q3 2012 Calix, Inc. Earnings Conference Call", 2012, 3),
        ("CALX - Q3 FY 2012 Calix, Inc. Earnings Conference Call", 2012, 3),
        ("CALX - Q3 FY2012 Calix, Inc. Earnings Conference Call", 2012, 3),
        ("CALX - Q3 Fiscal 2012 Calix, Inc. Earnings Conference Call", 2012, 3),
        ("CALX - Q3 Fiscal Year 2012 Calix, Inc. Earnings Conference Call", 2012, 3),
        ("CALX - 3Q 2012 Calix, Inc. Earnings Conference Call", 2012, 3),
        ("CALX - 3Q12 Calix, Inc. Earnings Conference Call", 2012, 3),
        ("CALX - 4q2011 Calix, Inc. Earnings Conference Call", 2011, 4),
        ("CALX - Q3 '12 Calix, Inc. Earnings Conference Call", 2012, 3),
        ("CALX - Q3 ’12 Calix, Inc. Earnings Conference Call", 2012, 3),
        ("CALX - Q3'12 Calix, Inc. Earnings Conference Call", 2012, 3),
        ("CALX - Q1FY13 Calix, Inc. Earnings Conference Call", 2013, 1),
        ("CALX - Q2 98 Calix, Inc. Earnings Conference Call", 1998, 2),
        ("CALX - Third Quarter 2012 Calix, Inc. Earnings Conference Call", 2012, 3),
        ("CALX - 3rd Quarter Fiscal 2012 Calix, Inc. Earnings Conference Call", 2012, 3),
        ("CALX - Third-Quarter 2012 Calix, Inc. Earnings Conference Call", 2012, 3),
        ("CALX - 2012 Q3 Calix, Inc. Earnings Conference Call", 2012, 3),
        ("CALX - FY2012 Q3 Calix, Inc. Earnings Conference Call", 2012, 3),
        ("CALX - Preliminary Q3 2012 Calix, Inc. Earnings Conference Call", 2012, 3),
        ("CALX - Q4 and Full Year 2012 Calix, Inc. Earnings Conference Call", 2012, 4),
        ("CALX - Q4 & FY 2012 Calix, Inc. Earnings Conference Call", 2012, 4),
        ("CALX - Q4 2012 and Full Year Calix, Inc. Earnings Conference Call", 2012, 4),
        ("CALX - Q4 2012 and Full Year 2012 Calix, Inc. Earnings Conference Call", 2012, 4),
    ])
    func quarterForms(_ title: String, _ year: Int, _ quarter: Int) {
        let parsed = EventTitle(parsing: title)
        #expect(parsed.fiscalPeriod == FiscalPeriod(year: year, quarter: quarter))
        #expect(parsed.otherPeriod == nil)
        #expect(parsed.company == "Calix, Inc.")
        #expect(parsed.ticker == "CALX")
        #expect(parsed.title == title)
    }

    @Test(arguments: [
        ("CALX - FY2012 Calix, Inc. Earnings Conference Call", "FY2012"),
        ("CALX - FY 2012 Calix, Inc. Earnings Conference Call", "FY 2012"),
        ("CALX - FY'12 Calix, Inc. Earnings Conference Call", "FY'12"),
        ("CALX - Full Year 2012 Calix, Inc. Earnings Conference Call", "Full Year 2012"),
        ("CALX - Full-Year 2012 Calix, Inc. Earnings Conference Call", "Full-Year 2012"),
        ("CALX - Fiscal 2012 Calix, Inc. Earnings Conference Call", "Fiscal 2012"),
        ("CALX - Fiscal Year 2012 Calix, Inc. Earnings Conference Call", "Fiscal Year 2012"),
        ("CALX - Year End 2012 Calix, Inc. Earnings Conference Call", "Year End 2012"),
        ("CALX - H1 2012 Calix, Inc. Earnings Conference Call", "H1 2012"),
        ("CALX - 2H 2012 Calix, Inc. Earnings Conference Call", "2H 2012"),
        ("CALX - 1H12 Calix, Inc. Earnings Conference Call", "1H12"),
        ("CALX - Half Year 2012 Calix, Inc. Earnings Conference Call", "Half Year 2012"),
        ("CALX - Half-Year 2012 Calix, Inc. Earnings Conference Call", "Half-Year 2012"),
        ("CALX - First Half 2012 Calix, Inc. Earnings Conference Call", "First Half 2012"),
        ("CALX - Interim 2012 Calix, Inc. Results Call", "Interim 2012"),
        ("CALX - Preliminary Full Year 2012 Calix, Inc. Earnings Conference Call", "Preliminary Full Year 2012"),
    ])
    func spansThatAreNotQuarters(_ title: String, _ period: String) {
        let parsed = EventTitle(parsing: title)
        #expect(parsed.fiscalPeriod == nil)
        #expect(parsed.otherPeriod == period)
        #expect(parsed.company == "Calix, Inc.")
        #expect(parsed.title == title)
        #expect(parsed.kind == .earningsCall)
    }

    @Test(arguments: [
        ("Calix Q3 2012 Earnings Call", "Calix"),
        ("Calix, Inc. Q3 2012 Earnings Call", "Calix, Inc."),
        ("Calix, Inc. 3Q12 Earnings Call", "Calix, Inc."),
        ("Calix Earnings Call Q3 2012", "Calix"),
        ("Q2 Holdings Q3 2012 Earnings Call", "Q2 Holdings"),
        ("3M Co Q3 2012 Earnings Call", "3M Co"),
        ("Q2 2018 Micron Technology Inc Earnings Call", "Micron Technology Inc"),
    ])
    func thePeriodIsCutOutWhereverItStands(_ title: String, _ company: String) {
        let parsed = EventTitle(parsing: title)
        #expect(parsed.company == company)
        #expect(parsed.fiscalPeriod != nil)
        #expect(parsed.ticker == nil)
    }

    @Test func aTickerBeforeThePeriodWithoutADash() {
        let parsed = EventTitle(parsing: "CALX Q3 2012 Earnings Call")
        #expect(parsed.ticker == "CALX")
        #expect(parsed.company == nil)
        #expect(parsed.fiscalPeriod == FiscalPeriod(year: 2012, quarter: 3))
        let named = EventTitle(parsing: "CALX Q3 2012 Calix Inc Earnings Call")
        #expect(named.ticker == "CALX")
        #expect(named.company == "Calix Inc")
    }

    @Test func aTitleNamingNoCompanyHasNone() {
        let parsed = EventTitle(parsing: "CALX - Q3 2012 Earnings Call")
        #expect(parsed.company == nil)
        #expect(parsed.ticker == "CALX")
    }

    @Test(arguments: [
        ("CALX - Q5 2012 Calix Earnings Call", "Q5 2012 Calix"),
        ("CALX - Q3 Calix Earnings Call", "Q3 Calix"),
        ("CALX - H2O Calix Earnings Call", "H2O Calix"),
        ("CALX - Preliminary Calix Earnings Call", "Preliminary Calix"),
        ("CALX - FY Calix Earnings Call", "FY Calix"),
        ("CALX - Half Calix Earnings Call", "Half Calix"),
        ("CALX - 2012 Calix Earnings Call", "2012 Calix"),
    ])
    func wordsThatStateNoPeriodStayInTheCompany(_ title: String, _ company: String) {
        let parsed = EventTitle(parsing: title)
        #expect(parsed.fiscalPeriod == nil)
        #expect(parsed.otherPeriod == nil)
        #expect(parsed.company == company)
    }

    @Test func fileNameHintsCutThePeriodOut() {
        #expect(TranscriptHints.fromFileName("/a/Calix Q3 2012 Earnings Call.txt").title == "Calix Q3 2012 Earnings Call")
        let hinted = EventTitle(parsing: TranscriptHints.fromFileName("/a/CALX_3Q12_Earnings_Call.txt").title ?? "")
        #expect(hinted.ticker == "CALX")
        #expect(hinted.fiscalPeriod == FiscalPeriod(year: 2012, quarter: 3))
    }

    /// An event marker ("Call", "Earnings", "Merger") opening a word of the company's name does not end the name there.
    @Test(arguments: [
        ("CALL - Q1 2013 Callux Microsystems, Inc. Earnings Conference Call", "Callux Microsystems, Inc."),
        ("Q1 2015 Callux Microsystems Inc Earnings Call", "Callux Microsystems Inc"),
        ("Q3 2012 Earningsly Corp Earnings Call", "Earningsly Corp"),
        ("Q3 2012 Mergerson Holdings Financial Results Call", "Mergerson Holdings"),
        ("Q3 2012 Callaway Golf Co Call", "Callaway Golf Co"),
        ("Q3 2012 Calix, Inc. Earnings Call", "Calix, Inc."),
        ("Q3 2012 Bücher Callwerk AG Earnings Call", "Bücher Callwerk AG"),
        ("Q1 2013 Mergers Holdings Corp Earnings Call", "Mergers Holdings Corp"),
        ("Q1 2013 Acquisitions Trust Earnings Call", "Acquisitions Trust"),
        ("Q1 2013 Callé Systèmes SA Earnings Call", "Callé Systèmes SA"),
        ("Q1 2013 Calix Inc Call, Part 2", "Calix Inc"),
        ("Q1 2013 Télé Calix Call", "Télé Calix"),
    ])
    func aMarkerInsideAWordIsNoMarker(_ title: String, _ company: String) {
        #expect(EventTitle(parsing: title).company == company)
    }
}

/// Titles written with other separators and fiscal-period spellings, and periods that cannot be read.
@Suite struct EventTitleVariantTests {
    @Test(arguments: [" \u{2013} ", " \u{2014} ", " -- ", ": "], ["CALX", "BRK.B", "BRK-B", "7203.T", "ERICb.ST"])
    func aTickerBeforeAnySpacedDashOrAColon(_ separator: String, _ ticker: String) {
        let title = ticker + separator + "Q3 2012 AT&T Inc. Earnings Conference Call"
        let parsed = EventTitle(parsing: title)
        #expect(parsed.ticker == ticker)
        #expect(parsed.company == "AT&T Inc.")
        #expect(parsed.fiscalPeriod == FiscalPeriod(year: 2012, quarter: 3))
        #expect(parsed.title == title)
    }

    @Test(arguments: [
        ("AT&T Inc. \u{2013} Q3 2012 Earnings Call", "AT&T Inc."),
        ("AT&T Inc. \u{2014} Q3 2012 Earnings Call", "AT&T Inc."),
        ("Calix: Q3 2012 Earnings Call", "Calix"),
        ("Calix, Inc. -- Q3 2012 Earnings Call", "Calix, Inc."),
    ])
    func aCompanyBeforeTheDashKeepsNoDash(_ title: String, _ company: String) {
        let parsed = EventTitle(parsing: title)
        #expect(parsed.ticker == nil)
        #expect(parsed.company == company)
        #expect(parsed.fiscalPeriod == FiscalPeriod(year: 2012, quarter: 3))
    }

    @Test(arguments: ["Q3", "3Q12", "FY2012", "H1"])
    func aPeriodBeforeTheColonIsNoTicker(_ word: String) {
        #expect(EventTitle(parsing: word + ": Calix Inc Earnings Call").ticker == nil)
    }

    @Test(arguments: [
        ("CALX - Fiscal Q1 2013 Calix, Inc. Earnings Conference Call", 2013, 1),
        ("CALX - FY Q1 2013 Calix, Inc. Earnings Conference Call", 2013, 1),
        ("CALX - FQ1 2013 Calix, Inc. Earnings Conference Call", 2013, 1),
        ("CALX - FQ1'13 Calix, Inc. Earnings Conference Call", 2013, 1),
        ("CALX - Q1-2013 Calix, Inc. Earnings Conference Call", 2013, 1),
        ("CALX - Q1/2013 Calix, Inc. Earnings Conference Call", 2013, 1),
        ("CALX - 4Q-12 Calix, Inc. Earnings Conference Call", 2012, 4),
        ("CALX - F1Q13 Calix, Inc. Earnings Conference Call", 2013, 1),
        ("CALX - F3Q2012 Calix, Inc. Earnings Conference Call", 2012, 3),
        ("CALX - 1Q13 Calix, Inc. Earnings Conference Call", 2013, 1),
        ("CALX - Preliminary Fiscal Q1 2013 Calix, Inc. Earnings Conference Call", 2013, 1),
    ])
    func fiscalQuarterSpellings(_ title: String, _ year: Int, _ quarter: Int) {
        let parsed = EventTitle(parsing: title)
        #expect(parsed.fiscalPeriod == FiscalPeriod(year: year, quarter: quarter))
        #expect(parsed.unreadPeriod == nil)
        #expect(parsed.company == "Calix, Inc.")
        #expect(parsed.ticker == "CALX")
    }

    /// "Fiscal" or a quarter-shaped word in a company's name is part of the name.
    @Test(arguments: [
        ("Fiscal Holdings Q1 2013 Earnings Call", "Fiscal Holdings", 2013, 1),
        ("Q1 2013 Fiscal Holdings Earnings Call", "Fiscal Holdings", 2013, 1),
        ("Q2 Holdings Fiscal Q1 2013 Earnings Call", "Q2 Holdings", 2013, 1),
        ("FQ Systems FQ2 2013 Earnings Call", "FQ Systems", 2013, 2),
    ])
    func namesHoldingPeriodWords(_ title: String, _ company: String, _ year: Int, _ quarter: Int) {
        let parsed = EventTitle(parsing: title)
        #expect(parsed.company == company)
        #expect(parsed.fiscalPeriod == FiscalPeriod(year: year, quarter: quarter))
    }

    @Test(arguments: [
        ("CALX - Q3 FY2012-13 Calix, Inc. Earnings Conference Call", "Q3 FY2012-13"),
        ("CALX - Q3 Fiscal 2012-13 Calix, Inc. Earnings Conference Call", "Q3 Fiscal 2012-13"),
        ("CALX - Q1 2O13 Calix, Inc. Earnings Conference Call", "Q1 2O13"),
        ("CALX - Q1-2O13 Calix, Inc. Earnings Conference Call", "Q1-2O13"),
        ("CALX - FY2012-13 Calix, Inc. Results Call", "FY2012-13"),
        ("CALX - Fiscal Q3 2012/13 Calix, Inc. Earnings Conference Call", "Fiscal Q3 2012/13"),
    ])
    func periodsThatCannotBeReadAreCutFromTheCompany(_ title: String, _ period: String) {
        let parsed = EventTitle(parsing: title)
        #expect(parsed.fiscalPeriod == nil)
        #expect(parsed.otherPeriod == nil)
        #expect(parsed.unreadPeriod == period)
        #expect(parsed.company == "Calix, Inc.")
        #expect(parsed.ticker == "CALX")
        #expect(parsed.title == title)
    }

    @Test(arguments: [
        ("Q2 Holdings Investor Day", "Q2 Holdings"),
        ("CALX - Q3 Calix Earnings Call", "Q3 Calix"),
        ("Fiscal Holdings Earnings Call", "Fiscal Holdings"),
    ])
    func aQuarterWordWithoutAYearIsNoUnreadPeriod(_ title: String, _ company: String) {
        let parsed = EventTitle(parsing: title)
        #expect(parsed.unreadPeriod == nil)
        #expect(parsed.fiscalPeriod == nil)
        #expect(parsed.company == company)
    }
}
