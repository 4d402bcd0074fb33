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

/// Date lines in the forms other exporters write, and zones with a UTC offset.
@Suite("Event date forms")
struct EventDateFormTests {
    private func iso(_ text: String) -> String? {
        EventDate.parse(text).map { ISO8601DateFormatter().string(from: $0.date) }
    }

    @Test(arguments: [
        ("10/25/2012 08:30 PM GMT", "2012-10-25T20:30:00Z"), ("1/5/2013 1:00PM GMT", "2013-01-05T13:00:00Z"),
        ("25/10/2012 20:30 GMT", "2012-10-25T20:30:00Z"), ("05/06/2012 9:00AM GMT", "2012-05-06T09:00:00Z"),
        ("10-25-2012 4:30PM ET", "2012-10-25T20:30:00Z"), ("25.10.2012 20:30 GMT", "2012-10-25T20:30:00Z"),
        ("2012-10-25 20:30 GMT", "2012-10-25T20:30:00Z"), ("2012-10-25 20:30:15 UTC", "2012-10-25T20:30:15Z"),
        ("2012/01/05 13:00 GMT", "2012-01-05T13:00:00Z"), ("2012-10-25", "2012-10-25T00:00:00Z"),
        ("25 OCTOBER 2012 / 8:30PM GMT", "2012-10-25T20:30:00Z"), ("5 Jan 2013 / 1:00 PM GMT", "2013-01-05T13:00:00Z"),
        ("October 25th, 2012 / 4:30PM ET", "2012-10-25T20:30:00Z"), ("Thursday, October 25, 2012 / 4:30PM ET", "2012-10-25T20:30:00Z"),
    ])
    func numericDayFirstAndISOForms(_ line: String, _ expected: String) {
        #expect(iso(line) == expected)
    }

    @Test(arguments: [
        ("OCTOBER 25, 2012 / 9:30PM GMT+1", "2012-10-25T20:30:00Z", "GMT+1"),
        ("OCTOBER 25, 2012 / 9:30PM GMT +1", "2012-10-25T20:30:00Z", "GMT+1"),
        ("OCTOBER 25, 2012 / 3:30PM GMT-05:00", "2012-10-25T20:30:00Z", "GMT-05:00"),
        ("OCTOBER 25, 2012 / 3:30PM UTC−5", "2012-10-25T20:30:00Z", "UTC-5"),
        ("OCTOBER 26, 2012 / 2:00AM UTC+0530", "2012-10-25T20:30:00Z", "UTC+0530"),
        ("2012-10-25 21:30 GMT+01:00", "2012-10-25T20:30:00Z", "GMT+01:00"),
        ("OCTOBER 25, 2012 / 8:30PM GMT", "2012-10-25T20:30:00Z", "GMT"),
    ])
    func offsetsAfterGMTAreApplied(_ line: String, _ expected: String, _ zone: String) {
        #expect(iso(line) == expected)
        #expect(EventDate.parse(line)?.zone == zone)
        #expect(EventDate.isKnownZone(zone))
    }

    @Test func anOffsetThatCannotBeReadMakesTheZoneUnknown() {
        let parsed = EventDate.parse("OCTOBER 25, 2012 / 9:30PM GMT+15")
        #expect(parsed?.zone == "GMT+15")
        #expect(!EventDate.isKnownZone("GMT+15"))
        #expect(!EventDate.isKnownZone("ET+1"))
        #expect(EventDate.timeZone(for: "GMT+1")?.secondsFromGMT() == 3600)
        #expect(EventDate.timeZone(for: "utc-05:30")?.secondsFromGMT() == -19800)
    }

    @Test(arguments: ["13/13/2012 08:30 PM GMT", "2012-13-01 20:30 GMT", "2012-02-30 20:30 GMT", "31/02/2012", "10/25/12 8:30PM GMT",
                      "32 OCTOBER 2012", "OCTOBER 2012", "1234-10-25"])
    func impossibleDatesAreNotRead(_ line: String) {
        #expect(EventDate.parse(line) == nil)
    }

    @Test func dateLinesStandAlone() {
        #expect(EventDate.isDateLine("OCTOBER 25, 2012 / 4:30PM ET"))
        #expect(EventDate.isDateLine("Thursday, October 25, 2012 / 4:30 PM ET"))
        #expect(EventDate.isDateLine("2012-10-25 20:30 GMT"))
        #expect(EventDate.isDateLine("25 OCTOBER 2012"))
        #expect(!EventDate.isDateLine("CALX - Q3 2012 Calix, Inc. Earnings Conference Call"))
        #expect(!EventDate.isDateLine("25 October 2012 Investor Day"))
        #expect(!EventDate.isDateLine("Calix, Inc. Earnings Call, October 25, 2012"))
    }
}

/// Date lines whose time has the shape of one but cannot be read: the date stands alone and the time is reported.
@Suite("Event times that cannot be read")
struct EventTimeUnreadTests {
    @Test(arguments: [
        ("OCTOBER 25, 2012 / 8:3OPM GMT", "8:3OPM GMT"), ("OCTOBER 25, 2012 / 8:75PM GMT", "8:75PM GMT"),
        ("OCTOBER 25, 2012 / 25:30PM GMT", "25:30PM GMT"), ("OCTOBER 25, 2012 / 99:99 GMT", "99:99 GMT"),
        ("2012-10-25 25:99", "25:99"), ("10/25/2012 8:30:75 PM ET", "8:30:75 PM ET"), ("25 OCTOBER 2012 / 8:5 PM", "8:5 PM"),
    ])
    func theDateIsKeptWithoutTheTime(_ line: String, _ time: String) throws {
        let reading = try #require(EventDate.reading(line))
        #expect(ISO8601DateFormatter().string(from: reading.date) == "2012-10-25T00:00:00Z")
        #expect(reading.zone == nil)
        #expect(reading.unreadTime == time)
        #expect(!EventDate.isDateLine(line))
    }

    @Test(arguments: [
        ("OCTOBER 25, 2012 / 8:30PM GMT", "2012-10-25T20:30:00Z"), ("OCTOBER 25, 2012 / 8PM GMT", "2012-10-25T20:00:00Z"),
        ("OCTOBER 25, 2012 / 23:59:59 GMT", "2012-10-25T23:59:59Z"), ("OCTOBER 25, 2012", "2012-10-25T00:00:00Z"),
        ("OCTOBER 25, 2012 / 0:00 GMT", "2012-10-25T00:00:00Z"),
    ])
    func aTimeThatCanBeReadIsNoUnreadTime(_ line: String, _ expected: String) throws {
        let reading = try #require(EventDate.reading(line))
        #expect(ISO8601DateFormatter().string(from: reading.date) == expected)
        #expect(reading.unreadTime == nil)
        #expect(EventDate.isDateLine(line))
    }

    @Test func aNumericZoneAfterTheTimeIsAnOffsetFromUTC() throws {
        // A numeric zone after the time is not taken for seconds (which would make the time unreadable), and applies.
        let reading = try #require(EventDate.reading("2012-10-25 20:30 +0100"))
        #expect(ISO8601DateFormatter().string(from: reading.date) == "2012-10-25T19:30:00Z")
        #expect(reading.zone == "+0100")
        #expect(EventDate.isKnownZone("+0100"))
        #expect(reading.unreadTime == nil)
        #expect(EventDate.isDateLine("2012-10-25 20:30 +0100"))
        #expect(try #require(EventDate.reading("2012-10-25 16:30 -04:00")).zone == "-04:00")
        #expect(iso("2012-10-25 16:30 -04:00") == "2012-10-25T20:30:00Z")
        // A second time after a dash is no offset: the first time stands, in no zone.
        let span = try #require(EventDate.reading("OCTOBER 25, 2012 / 8:30PM - 9:30PM"))
        #expect(ISO8601DateFormatter().string(from: span.date) == "2012-10-25T20:30:00Z")
        #expect(span.zone == nil)
    }

    @Test(arguments: [
        ("2012-10-25T20:30:00Z", "2012-10-25T20:30:00Z", "Z"), ("2012-10-25T16:30:00-04:00", "2012-10-25T20:30:00Z", "-04:00"),
        ("2012-10-25T21:30+0100", "2012-10-25T20:30:00Z", "+0100"), ("2012-10-25T20:30Z", "2012-10-25T20:30:00Z", "Z"),
    ])
    func isoDateAndTimeJoinedByT(_ line: String, _ expected: String, _ zone: String) throws {
        let reading = try #require(EventDate.reading(line))
        #expect(ISO8601DateFormatter().string(from: reading.date) == expected)
        #expect(reading.zone == zone)
        #expect(EventDate.isDateLine(line))
    }

    @Test(arguments: [
        ("25-Oct-12", "2012-10-25T00:00:00Z"), ("25-Oct-12 / 8:30PM GMT", "2012-10-25T20:30:00Z"),
        ("05-Jan-13 1:00PM ET", "2013-01-05T18:00:00Z"), ("31/Dec/99", "1999-12-31T00:00:00Z"), ("1.Mar.07", "2007-03-01T00:00:00Z"),
    ])
    func dayMonthAndTwoDigitYear(_ line: String, _ expected: String) {
        #expect(iso(line) == expected)
    }

    @Test func twoDigitsAfterAMonthAreNoYearWhereTheyCouldBeAnHourOrStandApart() {
        // "12:30" is a time, and "25 Oct 12" has no joined year; neither date has a year to read.
        #expect(EventDate.parse("25 Oct 12:30PM GMT") == nil)
        #expect(EventDate.parse("25-Oct-12:30PM GMT") == nil)
        #expect(EventDate.parse("25 Oct 12") == nil)
        #expect(EventDate.parse("10/25/12") == nil)
    }

    private func iso(_ text: String) -> String? {
        EventDate.parse(text).map { ISO8601DateFormatter().string(from: $0.date) }
    }
}
