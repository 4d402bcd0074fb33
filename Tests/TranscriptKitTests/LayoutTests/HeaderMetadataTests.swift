import Foundation
import Testing
@testable import TranscriptKit

/// Header lines as PDF-to-text tools and other exporters leave them: wrapped titles, unlabelled dates, titles
/// naming a full or half year, periods in file names.
@Suite struct HeaderMetadataTests {
    typealias S = LayoutTestSupport

    static let body = """
        CORPORATE PARTICIPANTS

        Carl Russo Calix, Inc. - President & CEO

        CONFERENCE CALL PARTICIPANTS

        George Notter Jefferies & Company - Analyst

        PRESENTATION

        Operator

        Greetings, and welcome to the Calix third quarter conference call.

        Carl Russo - Calix, Inc. - President & CEO

        Thank you. Revenue grew.

        QUESTIONS AND ANSWERS

        George Notter - Jefferies & Company - Analyst

        How are margins?

        """

    static let marker = "THOMSON REUTERS STREETEVENTS **EDITED TRANSCRIPT**"
    static let dateLine = "EVENT DATE/TIME: OCTOBER 25, 2012 / 8:30PM GMT"

    private func file(_ header: String, date: String = dateLine) -> String {
        header + "\n\n" + date + "\n\n" + Self.body
    }

    /// The reference call's header as read: layout, title, ticker, company, kind and quarter.
    private func expectReferenceHeader(_ transcript: Transcript, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(transcript.layout == .streetEventsPDF, sourceLocation: sourceLocation)
        #expect(transcript.title == "CALX - Q3 2012 Calix, Inc. Earnings Conference Call", sourceLocation: sourceLocation)
        #expect(transcript.ticker == "CALX", sourceLocation: sourceLocation)
        #expect(transcript.company == "Calix, Inc.", sourceLocation: sourceLocation)
        #expect(transcript.kind == .earningsCall, sourceLocation: sourceLocation)
        #expect(transcript.fiscalPeriod == FiscalPeriod(year: 2012, quarter: 3), sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        marker + "\nCALX - Q3 2012 Calix, Inc. Earnings Conference Call",
        marker + " CALX - Q3 2012 Calix,\nInc. Earnings Conference Call",
        marker + " CALX - Q3 2012 Calix, Inc. Earnings Conference\nCall",
        marker + " CALX -\nQ3 2012 Calix, Inc.\nEarnings Conference Call",
        marker + "\n  CALX - Q3 2012 Calix, Inc. Earnings  \n  Conference Call  ",
        marker + "\n\nCALX - Q3 2012 Calix, Inc. Earnings Conference Call",
        "THOMSON REUTERS STREETEVENTS **EDITED\nTRANSCRIPT** CALX - Q3 2012 Calix, Inc. Earnings Conference Call",
    ])
    func aWrappedHeaderIsJoinedUpToTheDateLine(_ header: String) throws {
        let transcript = try S.read(file(header))
        expectReferenceHeader(transcript)
        #expect(transcript.date == Date(timeIntervalSince1970: 1_351_197_000))
        #expect(transcript.warnings.isEmpty, "\(transcript.warnings)")
        #expect(transcript.sections.map(\.kind) == [.presentation, .questionsAndAnswers])
        #expect(transcript.participants.map(\.name) == ["Carl Russo", "George Notter", "Operator"])
    }

    @Test(arguments: [
        ("CALX - Q3 2012 Calix, Inc. Earnings Call Transcript", "CALX - Q3 2012 Calix, Inc. Earnings Call Transcript"),
        ("Transcript of CALX - Q3 2012 Calix, Inc. Earnings Call", "Transcript of CALX - Q3 2012 Calix, Inc. Earnings Call"),
        ("CALX - Q3 2012 Calix, Inc. Earnings Call (Transcript)", "CALX - Q3 2012 Calix, Inc. Earnings Call (Transcript)"),
    ])
    func aTitleHoldingTheWordTranscriptIsKept(_ title: String, _ expected: String) throws {
        let transcript = try S.read(file(Self.marker + " " + title))
        #expect(transcript.title == expected)
        #expect(transcript.kind == .earningsCall)
        #expect(transcript.fiscalPeriod == FiscalPeriod(year: 2012, quarter: 3))
    }

    @Test(arguments: [
        "THOMSON REUTERS STREETEVENTS **EDITED BRIEF**", "THOMSON REUTERS STREETEVENTS EDITED BRIEF", "REFINITIV STREETEVENTS **EDITED SUMMARY**",
        "THOMSON REUTERS STREETEVENTS **CORRECTED TRANSCRIPT**", "LSEG STREETEVENTS **PRELIMINARY TRANSCRIPT**",
    ])
    func everyKindOfMarkerLeavesTheTitle(_ marker: String) throws {
        let transcript = try S.read(file(marker + " CALX - Q3 2012 Calix, Inc. Earnings Conference Call"))
        expectReferenceHeader(transcript)
        #expect(transcript.warnings.isEmpty, "\(transcript.warnings)")
    }

    @Test func theTitleEndingInTranscriptKeepsTickerAndCompany() throws {
        let transcript = try S.read(file(Self.marker + " CALX - Q3 2012 Calix, Inc. Earnings Call Transcript"))
        #expect(transcript.ticker == "CALX")
        #expect(transcript.company == "Calix, Inc.")
        #expect(transcript.warnings.isEmpty)
    }

    @Test func aHeadingEndsTheHeaderWhenThereIsNoDateLine() throws {
        let transcript = try S.read(Self.marker + " CALX - Q3 2012 Calix, Inc. Earnings Conference Call\n\n" + Self.body)
        #expect(transcript.title == "CALX - Q3 2012 Calix, Inc. Earnings Conference Call")
        #expect(transcript.date == nil)
        #expect(S.warning(transcript, containing: "no 'EVENT DATE/TIME:' line")?.line == 2)
        #expect(transcript.participants.map(\.name) == ["Carl Russo", "George Notter", "Operator"])
    }

    @Test(arguments: [
        ("OCTOBER 25, 2012 / 4:30PM ET", 1_351_197_000.0),
        ("Thursday, October 25, 2012 / 8:30 PM GMT", 1_351_197_000.0),
        ("2012-10-25 20:30 GMT", 1_351_197_000.0),
    ])
    func anUnlabelledDateLineIsRead(_ line: String, _ seconds: Double) throws {
        let transcript = try S.read(file(Self.marker + " CALX - Q3 2012 Calix, Inc. Earnings Conference Call", date: line))
        #expect(transcript.date == Date(timeIntervalSince1970: seconds))
        #expect(transcript.warnings.isEmpty, "\(transcript.warnings)")
        #expect(transcript.title == "CALX - Q3 2012 Calix, Inc. Earnings Conference Call")
        #expect(transcript.sections.count == 2)
    }

    @Test(arguments: [
        ("EVENT DATE/TIME: 10/25/2012 08:30 PM GMT", "GMT"),
        ("EVENT DATE/TIME: 25 OCTOBER 2012 / 8:30PM GMT", "GMT"),
        ("EVENT DATE/TIME: 2012-10-25 20:30 GMT", "GMT"),
        ("EVENT DATE/TIME: OCTOBER 25, 2012 / 9:30PM GMT+1", "GMT+1"),
    ])
    func otherDateFormsAreRead(_ line: String, _ zone: String) throws {
        let transcript = try S.read(file(Self.marker + " CALX - Q3 2012 Calix, Inc. Earnings Conference Call", date: line))
        #expect(transcript.date == Date(timeIntervalSince1970: 1_351_197_000))
        #expect(transcript.statedTimeZone == zone)
        #expect(transcript.warnings.isEmpty, "\(transcript.warnings)")
    }

    @Test func anUnreadableOffsetIsReportedAsAnUnknownZone() throws {
        let transcript = try S.read(file(Self.marker + " CALX - Q3 2012 Calix, Inc. Earnings Conference Call",
                                         date: "EVENT DATE/TIME: OCTOBER 25, 2012 / 8:30PM GMT+15"))
        #expect(transcript.statedTimeZone == "GMT+15")
        #expect(S.warning(transcript, containing: "unknown time zone 'GMT+15'")?.line == 3)
    }

    @Test(arguments: [
        ("FY2012", nil as FiscalPeriod?), ("Full Year 2012", nil), ("H1 2012", nil), ("Half Year 2012", nil),
        ("3Q 2012", FiscalPeriod(year: 2012, quarter: 3)), ("Q3 '12", FiscalPeriod(year: 2012, quarter: 3)),
        ("Preliminary Q3 2012", FiscalPeriod(year: 2012, quarter: 3)),
    ])
    func periodFormsInThePDFHeader(_ period: String, _ expected: FiscalPeriod?) throws {
        let title = "CALX - \(period) Calix, Inc. Earnings Conference Call"
        let transcript = try S.read(file(Self.marker + " " + title))
        #expect(transcript.company == "Calix, Inc.")
        #expect(transcript.title == title)
        #expect(transcript.fiscalPeriod == expected)
        let warning = S.warning(transcript, containing: "not a quarter")
        if expected == nil {
            #expect(warning?.line == 1)
            #expect(warning?.message == "the title names the period '\(period)', which is not a quarter; the call has no fiscal quarter (the period stays in the title)")
        } else {
            #expect(warning == nil)
        }
    }

    @Test func periodFormsInTheEventTranscriptTitle() throws {
        let header = """
            Thomson Reuters StreetEvents Event Transcript
            E D I T E D   V E R S I O N

            FY 2019 Acme Widgets Corp Earnings Call
            FEBRUARY 5, 2020 / 10:00PM GMT
            """
        let body = EventTranscriptFixtures.heading("Presentation") + EventTranscriptFixtures.turn("Jane Roe, Acme Widgets Corp - CEO [1]", "Hello.")
        let transcript = try S.read(EventTranscriptFixtures.file(header: header, body: body))
        #expect(transcript.layout == .streetEventsEventTranscript)
        #expect(transcript.company == "Acme Widgets Corp")
        #expect(transcript.fiscalPeriod == nil)
        #expect(S.warning(transcript, containing: "the title names the period 'FY 2019', which is not a quarter")?.line == 4)
        let quarterly = try S.read(EventTranscriptFixtures.file(header: header.replacingOccurrences(of: "FY 2019", with: "4Q19"), body: body))
        #expect(quarterly.company == "Acme Widgets Corp")
        #expect(quarterly.fiscalPeriod == FiscalPeriod(year: 2019, quarter: 4))
    }

    static let headerless = """
        CORPORATE PARTICIPANTS

        Carl Russo
        Calix, Inc. - President & CEO

        PRESENTATION

        Operator

        Welcome.

        Carl Russo
        Calix, Inc. - President & CEO

        Revenue grew.

        """

    @Test(arguments: [
        ("Calix Q3 2012 Earnings Call.txt", "Calix", nil as String?, FiscalPeriod(year: 2012, quarter: 3) as FiscalPeriod?),
        ("Calix, Inc. 3Q12 Earnings Call.txt", "Calix, Inc.", nil, FiscalPeriod(year: 2012, quarter: 3)),
        ("Q3 2012 Calix, Inc. Earnings Call.txt", "Calix, Inc.", nil, FiscalPeriod(year: 2012, quarter: 3)),
        ("CALX_Q3_2012_Earnings_Call.txt", "Calix, Inc.", "CALX", FiscalPeriod(year: 2012, quarter: 3)),
        ("Calix FY2012 Earnings Call.txt", "Calix", nil, nil),
    ])
    func thePeriodIsCutOutOfTheFileName(_ name: String, _ company: String, _ ticker: String?, _ period: FiscalPeriod?) throws {
        let path = "/archive/\(name)"
        let transcript = try S.read(Self.headerless, path: path, hints: .fromFileName(path))
        #expect(transcript.layout == .streetEventsPDFHeaderless)
        #expect(transcript.company == company)
        #expect(transcript.ticker == ticker)
        #expect(transcript.fiscalPeriod == period)
        #expect(transcript.kind == .earningsCall)
        #expect((S.warning(transcript, containing: "not a quarter") != nil) == (period == nil))
    }
}
