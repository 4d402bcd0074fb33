import Foundation
import Testing
@testable import TranscriptKit

/// The reference transcript with its date line written as other exporters write it: what cannot be read is a
/// warning at its line, never another value.
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

            Q4 2019 Acme Widgets Corp Earnings Call
            FEBRUARY 5, 2020 / 10:6OPM GMT
            """
        let body = F.heading("Presentation") + F.turn("Jane Roe,  Acme Widgets Corp - CEO    [1]", " Welcome.")
        let transcript = try S.read(F.file(header: header, body: body), path: "acme.txt")
        #expect(transcript.layout == .streetEventsEventTranscript)
        #expect(transcript.company == "Acme Widgets Corp")
        #expect(transcript.fiscalPeriod == FiscalPeriod(year: 2019, quarter: 4))
        #expect(transcript.date.map { ISO8601DateFormatter().string(from: $0) } == "2020-02-05T00:00:00Z")
        #expect(transcript.statedTimeZone == nil)
        #expect(S.messages(transcript.warnings) == [
            "cannot read the event time '10:6OPM GMT'; expected 'H:MMPM ZONE' with hours 0-23 and minutes 00-59 (e.g. '8:30PM GMT'); the call keeps its date, 2020-02-05, and has no time",
        ])
    }
}
