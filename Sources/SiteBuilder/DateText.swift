import Foundation
import TranscriptKit

/// Date formatting for pages: fixed locale and zones, so output never depends on the machine.
enum DateText {
    private static let utc = TimeZone(identifier: "UTC")!

    /// "2012-10-25" in UTC.
    static func day(_ date: Date) -> String {
        let parts = Calendar.utc.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// "2012-10-25T20:30:00Z".
    static func iso(_ date: Date) -> String {
        let parts = Calendar.utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
    }

    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                                 "September", "October", "November", "December"]

    /// "October 25, 2012", in the stated zone when sitegen knows it, else UTC.
    static func display(_ date: Date, zone: String?) -> String {
        var calendar = Calendar.utc
        calendar.timeZone = zone.flatMap(EventDate.timeZone(for:)) ?? utc
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(months[parts.month! - 1]) \(parts.day!), \(parts.year!)"
    }

    /// "8:30 PM GMT", in the stated zone (UTC when none was stated); nil at midnight UTC with no zone (a date-only source).
    static func time(_ date: Date, zone: String?) -> String? {
        var calendar = Calendar.utc
        calendar.timeZone = zone.flatMap(EventDate.timeZone(for:)) ?? utc
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        if zone == nil && parts.hour == 0 && parts.minute == 0 { return nil }
        let hour = parts.hour! % 12 == 0 ? 12 : parts.hour! % 12
        return "\(hour):" + String(format: "%02d", parts.minute!) + (parts.hour! < 12 ? " AM " : " PM ") + (zone ?? "UTC")
    }
}

extension Calendar {
    /// A Gregorian calendar in UTC.
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
