import Foundation
import Testing
@testable import TranscriptKit

/// Every diagnostic of the StreetEvents layouts names the line it is about: `file:line: severity: message`.
@Suite struct DiagnosticLineTests {
    typealias S = LayoutTestSupport
    typealias F = EventTranscriptFixtures

    static let companyFragment = "cannot tell the company from the title"

    /// A PDF-text call whose title names no company: the warning names the header's line, blank lines before it counted.
    @Test(arguments: [0, 2])
    func aTitleWithoutACompanyIsReportedAtTheHeaderLine(blankLinesBefore: Int) throws {
        let text = String(repeating: "\n", count: blankLinesBefore) + SpeakerLineTests.pdfCall(dash: "-")
            .replacingOccurrences(of: "CALX - Q3 2012 Calix, Inc. Earnings Conference Call", with: "CALX - Q3 2012 Earnings Conference Call")
        let transcript = try S.read(text, path: "nocompany.txt")
        let warning = try #require(S.warning(transcript, containing: Self.companyFragment))
        #expect(warning.line == blankLinesBefore + 1)
        #expect(warning.description.hasPrefix("nocompany.txt:\(blankLinesBefore + 1): warning: cannot tell the company"))
        // The company then comes from the corporate participants.
        #expect(transcript.company == "Calix, Inc.")
    }

    @Test func anEventTranscriptTitleWithoutACompanyIsReportedAtTheTitleLine() throws {
        let header = F.defaultHeader.replacingOccurrences(of: "Q4 2019 Acme Widgets Corp Earnings Call", with: "Q4 2019 Earnings Call")
        let body = F.heading("Presentation") + F.turn("Jane Roe,  Acme Widgets Corp - CEO    [1]", " Thank you.")
        let transcript = try S.read(F.file(header: header, body: body), path: "nocompany.txt")
        let warning = try #require(S.warning(transcript, containing: Self.companyFragment))
        #expect(warning.line == 4)
    }

    /// A file that stops after its participant lists: the error names the lists' last line, where the body was expected.
    @Test func aFileWithoutABodyIsAnErrorAfterTheParticipantLists() throws {
        let text = """
            THOMSON REUTERS STREETEVENTS **EDITED TRANSCRIPT** CALX - Q3 2012 Calix, Inc. Earnings Conference Call

            EVENT DATE/TIME: OCTOBER 25, 2012 / 8:30PM GMT

            CORPORATE PARTICIPANTS

            Carl Russo Calix, Inc. - President & CEO Michael Ashby Calix, Inc. - EVP & CFO

            CONFERENCE CALL PARTICIPANTS

            George Notter Jefferies & Company - Analyst


            """
        let error = try #require(S.readError { () throws(TranscriptReadError) in try S.read(text, path: "header-only.txt") })
        #expect(error.diagnostic.line == 11)
        #expect(error.description == "header-only.txt:11: error: found no transcript text; expected a PRESENTATION section with speaker turns")
    }

    @Test func aFileOfOnlyTheHeaderIsAnErrorAfterTheDateLine() throws {
        let text = "THOMSON REUTERS STREETEVENTS **EDITED TRANSCRIPT** CALX - Q3 2012 Calix, Inc. Earnings Conference Call\n\nEVENT DATE/TIME: OCTOBER 25, 2012 / 8:30PM GMT\n\n"
        let error = try #require(S.readError { () throws(TranscriptReadError) in try S.read(text, path: "header.txt") })
        #expect(error.diagnostic.line == 3)
    }

    /// A headerless file whose name names a full year: the period warning stands at line 1, as the layout's others.
    @Test func aHeaderlessFilesPeriodWarningHasALine() throws {
        let name = "FY2022 Equity Residential Earnings Call.txt"
        let transcript = try TranscriptReader.standard.read(
            data: Data(HeaderlessLayoutTests.equityResidential.utf8), path: name, hints: TranscriptHints.fromFileName(name))
        let warning = try #require(S.warning(transcript, containing: "which is not a quarter"))
        #expect(warning.line == 1)
    }

    /// Whatever the awkward case, a StreetEvents call's warnings all name a line.
    @Test func everyWarningOfTheAwkwardCallsNamesALine() throws {
        for (text, path) in [(PDFLayoutTests.calix, "calix.txt"), (F.micron, "micron.txt")] {
            let transcript = try S.read(text, path: path)
            #expect(!transcript.warnings.isEmpty)
            #expect(transcript.warnings.allSatisfy { $0.line != nil }, "\(transcript.warnings)")
        }
    }

    /// A diagnostic without a place (a file-level one) still writes every JSON key, `null` for the unknown line.
    @Test func aDiagnosticWithoutALineWritesNull() throws {
        let data = try TranscriptJSON.encoder().encode([Diagnostic(.warning, file: nil, line: nil, "the file is odd")])
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(object.count == 1)
        #expect(Set(object[0].keys) == ["severity", "file", "line", "message"])
        #expect(object[0]["line"] is NSNull)
        #expect(object[0]["file"] is NSNull)
    }
}
