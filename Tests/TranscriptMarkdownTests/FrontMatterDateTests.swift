import Foundation
import Testing
import TranscriptKit
import TranscriptMarkdown

/// The front matter's `date:`: ISO 8601 read exactly, anything else the documented error, never another date.
@Suite("Front matter dates")
struct FrontMatterDateTests {
    private let base = "---\ncompany: Calix\ntitle: Q3 call\ndate: "
    private let end = "\n---\n\n## Presentation\n\n### Operator\n\nHello.\n"
    private let evening = Date(timeIntervalSince1970: 1_351_197_000) // 2012-10-25T20:30:00Z

    @Test(arguments: [
        "2012-10-25 20:30", "2012-10-25garbage", "2012-02-30", "2012-10-25T25:99:00Z", "2012-10-25T20:30:00Zjunk",
        "2012-10-25T20:30:61Z", "2012-10-25T24:00:00Z", "2012-13-01", "2012-00-10", "2013-02-29", "12-10-25",
        "2012-1-5", "2012-10-25T20:30:00+25:00", "2012-10-25T20:30:00+05", "2012-10-25T20Z", "2012-10-25T20:30:00.Z",
        "2012-10-25T", "2012/10/25", "20121025",
    ])
    func wrongValuesAreTheDocumentedError(_ value: String) throws {
        let accepted = value == "2012-10-25 20:30"
        let markdown = base + value + end
        if accepted {
            #expect(try parseMarkdown(markdown).date == evening)
            return
        }
        let diagnostic = try #require(failure(markdown))
        #expect(diagnostic.file == "call.md")
        #expect(diagnostic.line == 4)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains("expected an ISO 8601 date-time"), "\(diagnostic.message)")
    }

    @Test(arguments: [
        ("2012-10-25T20:30:00Z", 1_351_197_000.0), ("2012-10-25 20:30", 1_351_197_000.0), ("2012-10-25T20:30", 1_351_197_000.0),
        ("2012-10-25T20:30:00", 1_351_197_000.0), ("2012-10-25 20:30:00Z", 1_351_197_000.0), ("2012-10-25t20:30:00z", 1_351_197_000.0),
        ("2012-10-25T16:30:00-04:00", 1_351_197_000.0), ("2012-10-26T02:00:00+0530", 1_351_197_000.0),
        ("2012-10-25T20:30:00.250Z", 1_351_197_000.25), ("2012-10-25", 1_351_123_200.0),
        ("2012-02-29T12:00:00Z", 1_330_516_800.0), ("2000-02-29", 951_782_400.0), ("1999-12-31T23:59:59Z", 946_684_799.0),
        ("2038-01-19T03:14:08Z", 2_147_483_648.0),
    ])
    func validValuesAreReadExactly(_ value: String, _ seconds: Double) throws {
        #expect(try parseMarkdown(base + value + end).date == Date(timeIntervalSince1970: seconds))
    }
}
