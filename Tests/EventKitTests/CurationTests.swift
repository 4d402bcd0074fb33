import EventKit
import Testing
import TranscriptKit

/// The curation file's checks on values that are written into pages and the calendar as they are.
@Suite("Curation file values")
struct CurationTests {
    @Test func aKeySetTwiceNamesTheEntryLineInOneLine() {
        do {
            _ = try EventCuration.parse("- name: First\n- name: A\n  kind: investor-conference\n  name: B\n")
            Issue.record("a duplicated key should be an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.message == "the events file is not valid YAML: the mapping that starts on this line sets 'name' more than once; expected each key once")
        }
    }

    @Test func aURLMustBeAnAbsoluteHTTPURLWithNothingToEscape() throws {
        for good in ["https://www.telcotv.com", "http://example.org/events/2012?x=1&y=2#top", "HTTPS://EXAMPLE.ORG/%20a"] {
            let curation = try EventCuration.parse("- name: TelcoTV\n  url: \"\(good)\"\n")
            #expect(curation.events.first?.url == good)
        }
        for bad in ["https://example.com/x onmouseover=alert(1)", "https://example.com/\\\"quoted\\\"", "https://example.com/<b>",
                    "javascript:alert(1)", "/relative/path", "https://", "https://example.com/\\tx", "ftp://example.com/"] {
            #expect(throws: Diagnostic.self, "\(bad)") { try EventCuration.parse("- name: TelcoTV\n  url: \"\(bad)\"\n") }
            do {
                _ = try EventCuration.parse("- name: TelcoTV\n  url: \"\(bad)\"\n")
            } catch {
                #expect(error.line == 2)
                #expect(error.message.contains("'url' should be an absolute http(s) URL"))
            }
        }
    }
}
