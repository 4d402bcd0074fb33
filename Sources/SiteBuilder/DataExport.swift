import Foundation
import TranscriptKit

/// The JSON files under `data/` for researchers.
///
/// - `data/<company-slug>/<call-slug>.json`: one call's whole parsed model, byte for byte what
///   `sitegen parse --format json Content/<file>` prints for it from the site folder (the same encoder, and the
///   trailing newline `print` adds).
/// - `data/transcripts.json`: an array with one `CallRecord` per call, in site order (company A–Z, then oldest first).
public enum DataExport {
    /// Where the archive's list of calls is written.
    public static let indexPath = OutputPath("data/transcripts.json")!

    /// Where one call's model is written: `data/<company-slug>/<call-slug>.json`, the slugs of its page URL.
    public static func path(of call: Call, in index: SiteIndex) -> OutputPath {
        let slug = call.url.split(separator: "/").last.map(String.init) ?? "call"
        return OutputPath("data/\(index.companies[call.company].slug)/\(slug).json")!
    }

    /// The per-call export: the transcript as `sitegen parse --format json` prints it.
    public static func transcriptJSON(_ transcript: Transcript) throws -> Data {
        var data = try TranscriptJSON.encoder().encode(transcript)
        data.append(0x0A)
        return data
    }

    /// `data/transcripts.json`: one record per call; URLs absolute when the site has a base URL, else site-relative.
    public static func indexJSON(_ index: SiteIndex, baseURL: String?) throws -> Data {
        let records = index.calls.indices.map { CallRecord(index: index, call: $0, baseURL: baseURL) }
        var data = try TranscriptJSON.encoder().encode(records)
        data.append(0x0A)
        return data
    }

    /// `indexJSON` encoded in groups of records on `parallelism` cores and spliced, byte for byte the same file: the
    /// pretty-printed array is its elements at one indentation level joined by ",\n" between "[\n" and "\n]".
    /// `minimumGroup` is the fewest records a group holds (tests split small archives).
    static func indexJSON(_ index: SiteIndex, baseURL: String?, parallelism: Int, minimumGroup: Int = 256) async throws -> Data {
        let count = index.calls.count
        let groupSize = max(minimumGroup, (count + parallelism * 4 - 1) / max(parallelism * 4, 1))
        guard count > groupSize else { return try indexJSON(index, baseURL: baseURL) }
        let starts = Array(stride(from: 0, to: count, by: groupSize))
        let parts = try await concurrentMap(starts, width: parallelism) { _, start -> Data in
            let records = (start..<min(start + groupSize, count)).map { CallRecord(index: index, call: $0, baseURL: baseURL) }
            let encoded = try TranscriptJSON.encoder().encode(records)
            return encoded.dropFirst(2).dropLast(2)
        }
        var data = Data("[\n".utf8)
        for (position, part) in parts.enumerated() {
            if position > 0 { data.append(contentsOf: ",\n".utf8) }
            data.append(part)
        }
        data.append(contentsOf: "\n]\n".utf8)
        return data
    }

    /// One call in `data/transcripts.json`. Every key is always present; unknown values are `null`.
    public struct CallRecord: Encodable, Sendable {
        /// The company's name as the call shows it (`Call.companyName`): the company page's, or the other name it was published under.
        public var company: String
        /// The company's ticker.
        public var ticker: String?
        /// The call's title as published.
        public var title: String
        /// `earnings-call`, `conference-presentation` or `other`.
        public var kind: EventKind
        /// The fiscal quarter the title names, `{year, quarter}`.
        public var fiscalPeriod: FiscalPeriod?
        /// The fiscal quarter as shown, e.g. "Q3 2012".
        public var quarter: String?
        /// When the call happened (ISO 8601, UTC).
        public var date: Date?
        /// The transcript page.
        public var url: String
        /// The call's full JSON export.
        public var data: String
        /// Everyone listed or heard on the call, as in the model, with their speaker page when they have one.
        public var participants: [ParticipantRecord]

        /// The record of call `position` of `index`.
        public init(index: SiteIndex, call position: Int, baseURL: String?) {
            let call = index.calls[position]
            let transcript = call.outline
            self.company = call.companyName
            ticker = index.companies[call.company].ticker
            title = transcript.title
            kind = transcript.kind
            fiscalPeriod = transcript.fiscalPeriod
            quarter = transcript.fiscalPeriod?.label
            date = transcript.date
            url = SiteURL.absolute(call.url, base: baseURL)
            data = SiteURL.absolute(DataExport.path(of: call, in: index).description, base: baseURL)
            participants = transcript.participants.map { participant in
                ParticipantRecord(participant: participant,
                                  url: index.personSlug(call: position, name: participant.name).map { SiteURL.absolute("speakers/\($0)/", base: baseURL) })
            }
        }

        enum CodingKeys: String, CodingKey { case company, ticker, title, kind, fiscalPeriod, quarter, date, url, data, participants }

        /// Encodes every key, `null` for absent values.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(company, forKey: .company)
            try container.encode(ticker, forKey: .ticker)
            try container.encode(title, forKey: .title)
            try container.encode(kind, forKey: .kind)
            try container.encode(fiscalPeriod, forKey: .fiscalPeriod)
            try container.encode(quarter, forKey: .quarter)
            try container.encode(date, forKey: .date)
            try container.encode(url, forKey: .url)
            try container.encode(data, forKey: .data)
            try container.encode(participants, forKey: .participants)
        }

        /// A digest of every field `encode(to:)` writes (the date by its bit pattern), so records with equal digests encode
        /// alike: `transcripts.json` is kept when no record's digest changed. Keep it in step with `encode(to:)`.
        func digest() -> ContentDigest {
            var hasher = DigestHasher()
            func add(_ text: String?) {
                guard let text else { return hasher.combine(0) }
                hasher.combine(1)
                hasher.combine(text)
            }
            for text in [company, ticker, title, kind.rawValue, quarter, url, data] { add(text) }
            hasher.combine(fiscalPeriod.map { $0.year } ?? Int.min)
            hasher.combine(fiscalPeriod.map { $0.quarter } ?? Int.min)
            hasher.combine(date.map { Int(bitPattern: UInt($0.timeIntervalSinceReferenceDate.bitPattern)) } ?? Int.min)
            hasher.combine(participants.count)
            for record in participants {
                for text in [record.participant.name, record.participant.affiliation, record.participant.title,
                             record.participant.group.rawValue, record.url] {
                    add(text)
                }
            }
            return hasher.finalize()
        }
    }

    /// A participant in `data/transcripts.json`: the model's `name`, `affiliation`, `title`, `group`, plus `url`.
    public struct ParticipantRecord: Encodable, Sendable {
        /// The participant as the transcript lists them.
        public var participant: Participant
        /// Their speaker page; `null` for the operator, unidentified voices and people who did not speak.
        public var url: String?

        enum CodingKeys: String, CodingKey { case name, affiliation, title, group, url }

        /// Encodes the participant's keys and `url`, `null` for absent values.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(participant.name, forKey: .name)
            try container.encode(participant.affiliation, forKey: .affiliation)
            try container.encode(participant.title, forKey: .title)
            try container.encode(participant.group, forKey: .group)
            try container.encode(url, forKey: .url)
        }
    }
}
