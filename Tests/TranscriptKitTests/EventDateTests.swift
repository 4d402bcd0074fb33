import Foundation
import Testing
@testable import TranscriptKit

@Suite("Event date lines")
struct EventDateTests {
    private func iso(_ text: String) -> String? {
        EventDate.parse(text).map { ISO8601DateFormatter().string(from: $0.date) }
    }

    @Test(arguments: [
        ("JANUARY 5, 2013 / 1:00PM GMT", "2013-01-05T13:00:00Z"), ("FEBRUARY 7, 2013 / 9:00PM GMT", "2013-02-07T21:00:00Z"),
        ("MARCH 22, 2018 / 8:30PM GMT", "2018-03-22T20:30:00Z"), ("APRIL 30, 2014 / 12:00PM GMT", "2014-04-30T12:00:00Z"),
        ("MAY 1, 2013 / 2:00PM GMT", "2013-05-01T14:00:00Z"), ("JUNE 12, 2015 / 3:15PM GMT", "2015-06-12T15:15:00Z"),
        ("JULY 24, 2012 / 8:30PM GMT", "2012-07-24T20:30:00Z"), ("AUGUST 2, 2016 / 12:30AM GMT", "2016-08-02T00:30:00Z"),
        ("SEPTEMBER 9, 2019 / 4:00PM GMT", "2019-09-09T16:00:00Z"), ("OCTOBER 25, 2012 / 8:30PM GMT", "2012-10-25T20:30:00Z"),
        ("NOVEMBER 6, 2013 / 9:00PM GMT", "2013-11-06T21:00:00Z"), ("DECEMBER 31, 2020 / 11:59PM GMT", "2020-12-31T23:59:00Z"),
        ("Jun 12, 2015", "2015-06-12T00:00:00Z"), ("Sept. 9, 2019 / 4:00 PM UTC", "2019-09-09T16:00:00Z"),
        ("July 24, 2012 / 4:30PM EDT", "2012-07-24T20:30:00Z"),
    ])
    func everyMonthNameAndAbbreviation(_ line: String, _ expected: String) {
        #expect(iso(line) == expected)
    }

    @Test func zonesAreKeptAsWritten() {
        #expect(EventDate.parse("JULY 24, 2012 / 4:30PM ET")?.zone == "ET")
        #expect(iso("JULY 24, 2012 / 4:30PM ET") == "2012-07-24T20:30:00Z")
        #expect(iso("JANUARY 24, 2013 / 4:30PM ET") == "2013-01-24T21:30:00Z")
    }

    @Test func notADate() {
        #expect(EventDate.parse("Junebug 12, 2015") == nil)
        #expect(EventDate.parse("FEBRUARY 30, 2013 / 9:00PM GMT") == nil)
        #expect(EventDate.parse("the quarter") == nil)
    }
}
