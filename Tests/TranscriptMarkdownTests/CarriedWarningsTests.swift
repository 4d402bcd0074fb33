import Testing
import TranscriptKit
import TranscriptMarkdown

/// Warnings a converted transcript carries: stored by the original's file name, reported at the Markdown file.
@Suite("Carried warnings")
struct CarriedWarningsTests {
    @Test func convertStoresTheOriginalsFileNameAndLeavesCarriedWarningsAlone() {
        let warnings = [
            Diagnostic(.warning, file: "../work/raw-call.txt", line: 11, "participant entries match no speaker line"),
            Diagnostic(.error, file: "older.txt", line: 3, "carried from an earlier conversion"),
            Diagnostic(.warning, "no place"),
        ]
        #expect(CarriedWarnings.stored(warnings, readFrom: "../work/raw-call.txt") == [
            Diagnostic(.warning, file: "raw-call.txt", line: 11, "participant entries match no speaker line"),
            Diagnostic(.error, file: "older.txt", line: 3, "carried from an earlier conversion"),
            Diagnostic(.warning, "no place"),
        ])
    }

    @Test func reportsNameTheFileReadAndSayWhereInTheOriginalTheWarningWas() {
        let path = "Content/call.md"
        #expect(CarriedWarnings.reported(Diagnostic(.warning, file: "raw-call.txt", line: 11, "split them by word shapes"), readFrom: path).description
                == "Content/call.md: warning: (from the original transcript raw-call.txt, line 11) split them by word shapes")
        #expect(CarriedWarnings.reported(Diagnostic(.error, file: "work/raw-call.txt", "cut off"), readFrom: path).description
                == "Content/call.md: error: (from the original transcript work/raw-call.txt) cut off")
        let own = Diagnostic(.warning, file: path, line: 17, "a list is not part of the transcript layout")
        #expect(CarriedWarnings.reported(own, readFrom: path) == own)
        #expect(CarriedWarnings.reported(Diagnostic(.warning, line: 4, "no file"), readFrom: path) == Diagnostic(.warning, file: path, line: 4, "no file"))
    }
}
