import EventKit
import Foundation
import TranscriptKit

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The reference call, parsed.
let referenceCall: Transcript = try! TranscriptReader.standard.read(contentsOf: repositoryRoot.appendingPathComponent("Content/calx-q3-2012.txt"))

/// A one-turn call of Acme Corp. on `date` (UTC noon), in which `speaker` (an Acme executive) says `text`.
func call(_ text: String, date: String = "2012-10-25", speaker: String = "Jane Roe", extraParticipants: [Participant] = [],
          more turns: [Turn] = []) -> Transcript {
    let day = EventDay(iso: date)!
    var components = DateComponents()
    components.year = day.year
    components.month = day.month
    components.day = day.day
    components.hour = 12
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return Transcript(
        company: "Acme Corp.", ticker: "ACME", title: "ACME - Q3 2012 Acme Corp. Earnings Call", kind: .earningsCall,
        fiscalPeriod: FiscalPeriod(year: 2012, quarter: 3), date: calendar.date(from: components)!, statedTimeZone: "GMT",
        participants: [Participant(name: "Jane Roe", affiliation: "Acme Corp.", title: "CEO", group: .corporate),
                       Participant(name: "John Doe", affiliation: "Big Bank", title: "Analyst", group: .analyst),
                       Participant(name: "Operator", group: .operator)] + extraParticipants,
        sections: [Section(kind: .presentation, turns: [Turn(speaker: speaker, paragraphs: [text])] + turns)],
        layout: .markdown)
}

/// The mentions the standard extractor finds in one sentence said by Acme's CEO on 2012-10-25.
func mentions(_ text: String, date: String = "2012-10-25", speaker: String = "Jane Roe") -> [EventMention] {
    EventExtractor().mentions(in: call(text, date: date, speaker: speaker))
}

/// A day from "YYYY-MM-DD".
func day(_ iso: String) -> EventDay { EventDay(iso: iso)! }
