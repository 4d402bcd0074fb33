import EventKit
import Foundation
import TranscriptKit

/// The build cache's binary form of what the events step finds in one call: event mentions, stand-ins and the
/// company and person references, so a rebuild scans only the calls whose text (or the archive's names) changed.
enum EventScanCodec {
    /// Bumped when the layout below or the extraction rules change.
    static let version = 1

    static func encode(mentions: [EventMention], standIns: [StandIn], references: [(ref: ParagraphRef, link: InlineLink)]) -> [UInt8] {
        var writer = ByteWriter(capacity: 4096)
        writer.int(version)
        writer.int(mentions.count)
        for mention in mentions {
            writer.string(mention.name)
            writer.string(mention.key)
            writer.string(mention.category.rawValue)
            writer.bool(mention.dates != nil)
            if let dates = mention.dates {
                for day in [dates.start, dates.end] {
                    writer.int(day.year)
                    writer.int(day.month)
                    writer.int(day.day)
                }
                writer.int(dates.precision.rawValue)
            }
            writer.bool(mention.year != nil)
            if let year = mention.year { writer.int(year) }
            writer.int(mention.places.count)
            for place in mention.places {
                writer.string(place.city)
                writer.optionalString(place.region)
            }
            writer.optionalString(mention.host)
            writer.int(mention.participants.count)
            for participant in mention.participants {
                writer.string(participant.name)
                writer.string(participant.role.rawValue)
                writer.optionalString(participant.note)
                writer.bool(participant.isCallParticipant)
            }
            for number in [mention.turn, mention.paragraph] { writer.int(number) }
            writer.string(mention.sentence)
            writer.string(mention.text)
            for number in [mention.occurrence, mention.offset] { writer.int(number) }
            writer.string(mention.rule.rawValue)
        }
        writer.int(standIns.count)
        for standIn in standIns {
            writer.int(standIn.turn)
            writer.string(standIn.analyst)
            writer.string(standIn.announced)
            writer.optionalString(standIn.announcedFirm)
            writer.string(standIn.sentence)
        }
        writer.int(references.count)
        for (ref, link) in references {
            writer.int(ref.turn)
            writer.int(ref.paragraph)
            writer.string(link.text)
            writer.int(link.occurrence)
            writer.string(link.url)
            writer.string(link.kind.rawValue)
            writer.int(link.offset)
        }
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8]) throws(CacheFormatError)
        -> (mentions: [EventMention], standIns: [StandIn], references: [(ref: ParagraphRef, link: InlineLink)]) {
        var reader = ByteReader(bytes)
        guard try reader.int() == version else { throw CacheFormatError() }
        func day(_ reader: inout ByteReader) throws(CacheFormatError) -> EventDay {
            guard let day = EventDay(year: try reader.int(), month: try reader.int(), day: try reader.int()) else { throw CacheFormatError() }
            return day
        }
        var mentions: [EventMention] = []
        for _ in 0..<(try reader.count()) {
            let name = try reader.string()
            let key = try reader.string()
            let category = try reader.value(EventCategory.self)
            var dates: EventDates?
            if try reader.bool() {
                let start = try day(&reader)
                let end = try day(&reader)
                guard let precision = EventDates.Precision(rawValue: try reader.int()) else { throw CacheFormatError() }
                dates = EventDates(start: start, end: end, precision: precision)
            }
            let year = try reader.bool() ? try reader.int() : nil
            var places: [EventPlace] = []
            for _ in 0..<(try reader.count()) { places.append(EventPlace(city: try reader.string(), region: try reader.optionalString())) }
            let host = try reader.optionalString()
            var participants: [EventParticipant] = []
            for _ in 0..<(try reader.count()) {
                participants.append(EventParticipant(name: try reader.string(), role: try reader.value(EventRole.self),
                                                     note: try reader.optionalString(), isCallParticipant: try reader.bool()))
            }
            let turn = try reader.int(), paragraph = try reader.int()
            let sentence = try reader.string(), text = try reader.string()
            let occurrence = try reader.int(), offset = try reader.int()
            mentions.append(EventMention(name: name, key: key, category: category, dates: dates, year: year, places: places, host: host,
                                         participants: participants, turn: turn, paragraph: paragraph, sentence: sentence, text: text,
                                         occurrence: occurrence, offset: offset, rule: try reader.value(EventMention.Rule.self)))
        }
        var standIns: [StandIn] = []
        for _ in 0..<(try reader.count()) {
            standIns.append(StandIn(turn: try reader.int(), analyst: try reader.string(), announced: try reader.string(),
                                    announcedFirm: try reader.optionalString(), sentence: try reader.string()))
        }
        var references: [(ref: ParagraphRef, link: InlineLink)] = []
        for _ in 0..<(try reader.count()) {
            let ref = ParagraphRef(turn: try reader.int(), paragraph: try reader.int())
            references.append((ref, InlineLink(text: try reader.string(), occurrence: try reader.int(), url: try reader.string(),
                                               kind: try reader.value(InlineLink.Kind.self), offset: try reader.int())))
        }
        guard reader.isAtEnd else { throw CacheFormatError() }
        return (mentions, standIns, references)
    }
}
