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

    /// A name or alias (compared as mentions are matched: case, "the", years and ordinals aside) that two entries share is
    /// an error naming both lines, unless the entries' dates put them in different years.
    @Test func aSpellingOfTwoEventsIsAnErrorNamingBothLines() throws {
        let cases: [(yaml: String, line: Int, message: String)] = [
            ("- name: Other Show\n  aliases: [UBS Global Technology Conference]\n- name: UBS Global Technology Conference\n  date: 2012-11-14\n",
             3, "'UBS Global Technology Conference' is the name or alias of two events (lines 1 and 3)"),
            ("- name: TelcoTV\n  start: 2012-10-24\n  end: 2012-10-26\n- name: Widget Summit\n- name: TelcoTV\n  place: Las Vegas, Nevada\n",
             5, "'TelcoTV' is the name or alias of two events (lines 1 and 5)"),
            ("- name: The 13th Annual Widget Summit\n- name: Gadget Show\n  aliases: [WIDGET SUMMIT 2012]\n",
             2, "'WIDGET SUMMIT 2012' is the name or alias of two events (lines 1 and 2) (written 'The 13th Annual Widget Summit' there)"),
        ]
        for item in cases {
            do {
                _ = try EventCuration.parse(item.yaml)
                Issue.record("a spelling of two events should be an error: \(item.yaml)")
            } catch {
                #expect(error.line == item.line)
                #expect(error.file == "Content/events.yml")
                #expect(error.message.hasPrefix(item.message), "\(error.message)")
            }
        }
        let years = try EventCuration.parse("- name: TelcoTV 2012\n  aliases: [TelcoTV]\n  date: 2012-10-25\n- name: TelcoTV 2013\n  aliases: [TelcoTV]\n  week: 2013-10-21\n")
        #expect(years.events.map(\.name) == ["TelcoTV 2012", "TelcoTV 2013"], "one spelling, two years: mentions go by year")
        #expect(try EventCuration.parse("- name: TelcoTV\n  aliases: [TelcoTV, Telcotv]\n").events.count == 1, "an entry may repeat its own spelling")
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
