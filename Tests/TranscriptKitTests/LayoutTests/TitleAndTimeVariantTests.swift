import Foundation
import Testing
@testable import TranscriptKit

/// The reference transcript with its title or date line written as other exporters write them: the ticker, quarter
/// and company still come out, and what cannot be read is a warning at its line, never another value.
@Suite struct TitleAndTimeVariantTests {
    typealias S = LayoutTestSupport

    /// The reference transcript with `line` (1-based) replaced.
    private func reference(replacingLine line: Int, with text: String) throws -> String {
        var lines = try String(contentsOf: referenceURL, encoding: .utf8).components(separatedBy: "\n")
        lines[line - 1] = text
        return lines.joined(separator: "\n")
    }

    private static let marker = "THOMSON REUTERS STREETEVENTS **EDITED TRANSCRIPT** "

    @Test(arguments: [
        "CALX \u{2013} Q3 2012 Calix, Inc. Earnings Conference Call",
        "CALX \u{2014} Q3 2012 Calix, Inc. Earnings Conference Call",
        "CALX -- Q3 2012 Calix, Inc. Earnings Conference Call",
        "CALX: Q3 2012 Calix, Inc. Earnings Conference Call",
    ])
    func aTickerBeforeAnyDashOrAColonIsTheTicker(_ title: String) throws {
        let transcript = try S.read(reference(replacingLine: 1, with: Self.marker + title), path: "calx.txt")
        #expect(transcript.ticker == "CALX")
        #expect(transcript.company == "Calix, Inc.")
        #expect(transcript.fiscalPeriod == FiscalPeriod(year: 2012, quarter: 3))
        #expect(transcript.title == title)
        #expect(transcript.warnings == [])
    }

    /// A Windows-1252 export writes its dashes as byte 0x96, read as an en dash.
    @Test func aWindows1252EnDashInTheTitleKeepsTheTicker() throws {
        let text = try reference(replacingLine: 1, with: Self.marker + "CALX \u{2013} Q3 2012 Calix, Inc. Earnings Conference Call")
        let data = try #require(text.data(using: .windowsCP1252))
        #expect(data.firstIndex(of: 0x96) != nil, "the en dash is byte 0x96")
        let transcript = try TranscriptReader.standard.read(data: data, path: "cp1252.txt")
        #expect(transcript.ticker == "CALX")
        #expect(transcript.company == "Calix, Inc.")
        #expect(S.messages(transcript.warnings) == ["the file is not valid UTF-8; read it as Windows-1252"])
    }

    @Test(arguments: [
        ("CALX - Fiscal Q1 2013 Calix, Inc. Earnings Conference Call", 2013, 1),
        ("CALX - FQ1 2013 Calix, Inc. Earnings Conference Call", 2013, 1),
        ("CALX - Q1-2013 Calix, Inc. Earnings Conference Call", 2013, 1),
        ("CALX - F1Q13 Calix, Inc. Earnings Conference Call", 2013, 1),
        ("CALX \u{2013} 1Q13 Calix, Inc. Earnings Conference Call", 2013, 1),
    ])
    func fiscalQuarterSpellingsAreRead(_ title: String, _ year: Int, _ quarter: Int) throws {
        let transcript = try S.read(reference(replacingLine: 1, with: Self.marker + title), path: "calx.txt")
        #expect(transcript.fiscalPeriod == FiscalPeriod(year: year, quarter: quarter))
        #expect(transcript.company == "Calix, Inc.")
        #expect(transcript.ticker == "CALX")
        #expect(transcript.warnings == [])
    }

    @Test func aPeriodThatCannotBeReadIsAWarningAndStaysOutOfTheCompany() throws {
        let title = "CALX - Q3 FY2012-13 Calix, Inc. Earnings Conference Call"
        let transcript = try S.read(reference(replacingLine: 1, with: Self.marker + title), path: "calx.txt")
        #expect(transcript.company == "Calix, Inc.")
        #expect(transcript.fiscalPeriod == nil)
        #expect(transcript.title == title)
        #expect(transcript.warnings == [Diagnostic(.warning, file: "calx.txt", line: 1,
            "cannot read the fiscal period 'Q3 FY2012-13' in the title; expected e.g. 'Q3 2012', 'Q3 FY2012', '3Q12' or 'Fiscal Q3 2012'; the call has no fiscal quarter (the period stays in the title)")])
    }

    @Test func anEarningsCallNamingNoQuarterIsAWarning() throws {
        let title = "CALX - Calix, Inc. Earnings Conference Call"
        let transcript = try S.read(reference(replacingLine: 1, with: Self.marker + title), path: "calx.txt")
        #expect(transcript.company == "Calix, Inc.")
        #expect(transcript.fiscalPeriod == nil)
        #expect(transcript.warnings == [Diagnostic(.warning, file: "calx.txt", line: 1,
            "the earnings call's title 'CALX - Calix, Inc. Earnings Conference Call' names no fiscal quarter; expected e.g. 'Q3 2012' or 'Third Quarter 2012'; the call has no fiscal quarter")])
    }

    @Test(arguments: [
        ("OCTOBER 25, 2012 / 8:3OPM GMT", "8:3OPM GMT"),
        ("OCTOBER 25, 2012 / 8:75PM GMT", "8:75PM GMT"),
        ("OCTOBER 25, 2012 / 25:30PM GMT", "25:30PM GMT"),
        ("OCTOBER 25, 2012 / 99:99 GMT", "99:99 GMT"),
        ("2012-10-25 25:99", "25:99"),
    ])
    func aTimeThatCannotBeReadIsAWarningAndTheDateStandsAlone(_ value: String, _ time: String) throws {
        let transcript = try S.read(reference(replacingLine: 3, with: "EVENT DATE/TIME: " + value), path: "calx.txt")
        #expect(transcript.date.map { ISO8601DateFormatter().string(from: $0) } == "2012-10-25T00:00:00Z")
        #expect(transcript.statedTimeZone == nil)
        #expect(transcript.warnings == [Diagnostic(.warning, file: "calx.txt", line: 3,
            "cannot read the event time '\(time)'; expected 'H:MMPM ZONE' with hours 0-23 and minutes 00-59 (e.g. '8:30PM GMT'); the call keeps its date, 2012-10-25, and has no time")])
    }

    @Test func anEventTranscriptTitleAndTimeAreReadAlike() throws {
        typealias F = EventTranscriptFixtures
        let header = """
            Thomson Reuters StreetEvents Event Transcript
            E D I T E D   V E R S I O N

            ACME \u{2014} Fiscal Q4 2019 Acme Widgets Corp Earnings Call
            FEBRUARY 5, 2020 / 10:6OPM GMT
            """
        let body = F.heading("Presentation") + F.turn("Jane Roe,  Acme Widgets Corp - CEO    [1]", " Welcome.")
        let transcript = try S.read(F.file(header: header, body: body), path: "acme.txt")
        #expect(transcript.layout == .streetEventsEventTranscript)
        #expect(transcript.ticker == "ACME")
        #expect(transcript.company == "Acme Widgets Corp")
        #expect(transcript.fiscalPeriod == FiscalPeriod(year: 2019, quarter: 4))
        #expect(transcript.date.map { ISO8601DateFormatter().string(from: $0) } == "2020-02-05T00:00:00Z")
        #expect(transcript.statedTimeZone == nil)
        #expect(S.messages(transcript.warnings) == [
            "cannot read the event time '10:6OPM GMT'; expected 'H:MMPM ZONE' with hours 0-23 and minutes 00-59 (e.g. '8:30PM GMT'); the call keeps its date, 2020-02-05, and has no time",
        ])
    }

    @Test func aHeaderlessFileNamedWithAnUnreadablePeriodWarns() throws {
        let text = try String(contentsOf: referenceURL, encoding: .utf8)
        let start = try #require(text.range(of: "CORPORATE PARTICIPANTS"))
        let path = "Calix Q3 FY2012-13 Earnings Call.txt"
        let transcript = try S.read(String(text[start.lowerBound...]), path: path, hints: TranscriptHints.fromFileName(path))
        #expect(transcript.layout == .streetEventsPDFHeaderless)
        #expect(transcript.company == "Calix")
        #expect(transcript.fiscalPeriod == nil)
        #expect(S.warning(transcript, containing: "cannot read the fiscal period 'Q3 FY2012-13'")?.line == 1)
    }
}
