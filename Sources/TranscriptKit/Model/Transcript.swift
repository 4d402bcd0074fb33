import Foundation

/// One earnings call or other corporate event, parsed into typed parts.
public struct Transcript: Sendable, Equatable, Codable {
    /// The company whose event this is, as the source names it (e.g. "Calix, Inc.").
    public var company: String
    /// The exchange ticker, when the layout carries one.
    public var ticker: String?
    /// The event title as published, e.g. "CALX - Q3 2012 Calix, Inc. Earnings Conference Call".
    public var title: String
    /// What kind of event this is.
    public var kind: EventKind
    /// The fiscal period named in the title; independent of `date`.
    public var fiscalPeriod: FiscalPeriod?
    /// The event's date-time in UTC.
    public var date: Date?
    /// The time zone as the source stated it (e.g. "GMT", "ET"), kept for display.
    public var statedTimeZone: String?
    /// Everyone listed or heard on the call, in order of first appearance.
    public var participants: [Participant]
    /// The sections of the call, each a run of speaker turns.
    public var sections: [Section]
    /// The layout the transcript was read from.
    public var layout: SourceLayout
    /// Problems found while reading that did not stop the parse.
    public var warnings: [Diagnostic]

    /// Creates a transcript from its parts.
    public init(
        company: String, ticker: String? = nil, title: String, kind: EventKind = .other,
        fiscalPeriod: FiscalPeriod? = nil, date: Date? = nil, statedTimeZone: String? = nil,
        participants: [Participant] = [], sections: [Section] = [], layout: SourceLayout,
        warnings: [Diagnostic] = []
    ) {
        self.company = company
        self.ticker = ticker
        self.title = title
        self.kind = kind
        self.fiscalPeriod = fiscalPeriod
        self.date = date
        self.statedTimeZone = statedTimeZone
        self.participants = participants
        self.sections = sections
        self.layout = layout
        self.warnings = warnings
    }

    /// The participant a turn refers to.
    public func participant(named name: String) -> Participant? {
        participants.first { $0.name == name }
    }

    /// All turns in file order.
    public var turns: [Turn] { sections.flatMap(\.turns) }
}

/// The kind of event a transcript records.
public enum EventKind: String, Sendable, Equatable, Codable, CaseIterable {
    case earningsCall = "earnings-call"
    case conferencePresentation = "conference-presentation"
    case other
}

/// A fiscal quarter as stated in a title ("Q3 2012"), not the calendar date of the call.
public struct FiscalPeriod: Sendable, Hashable, Codable, Comparable {
    /// The fiscal year.
    public var year: Int
    /// The fiscal quarter, 1 to 4.
    public var quarter: Int

    /// Creates a fiscal period.
    public init(year: Int, quarter: Int) {
        self.year = year
        self.quarter = quarter
    }

    /// The URL slug form, e.g. "2012-q3".
    public var slug: String { "\(year)-q\(quarter)" }
    /// The display form, e.g. "Q3 2012".
    public var label: String { "Q\(quarter) \(year)" }

    public static func < (lhs: FiscalPeriod, rhs: FiscalPeriod) -> Bool {
        (lhs.year, lhs.quarter) < (rhs.year, rhs.quarter)
    }
}

/// Which side of the call a participant is on.
public enum ParticipantGroup: String, Sendable, Equatable, Codable, CaseIterable {
    case corporate
    case analyst
    case `operator`
    case unidentified
}

/// A person (or the operator) who is listed in or speaks on a call.
public struct Participant: Sendable, Hashable, Codable {
    /// The name as written in the transcript; turns refer to participants by this name.
    public var name: String
    /// The firm the person spoke for, if known.
    public var affiliation: String?
    /// The person's title at that firm, if known.
    public var title: String?
    /// Which side of the call they are on.
    public var group: ParticipantGroup

    /// Creates a participant.
    public init(name: String, affiliation: String? = nil, title: String? = nil, group: ParticipantGroup) {
        self.name = name
        self.affiliation = affiliation
        self.title = title
        self.group = group
    }
}

/// The part of a call a section holds.
public enum SectionKind: String, Sendable, Equatable, Codable, CaseIterable {
    case presentation
    case questionsAndAnswers = "questions-and-answers"
    case other
}

/// A section of a call: its kind, its heading as written, and its turns.
public struct Section: Sendable, Equatable, Codable {
    /// The kind of section.
    public var kind: SectionKind
    /// The heading as the source wrote it, for `other` sections.
    public var title: String?
    /// The speaker turns, in order.
    public var turns: [Turn]

    /// Creates a section.
    public init(kind: SectionKind, title: String? = nil, turns: [Turn] = []) {
        self.kind = kind
        self.title = title
        self.turns = turns
    }

    /// The heading shown for the section.
    public var displayTitle: String {
        switch kind {
        case .presentation: return "Presentation"
        case .questionsAndAnswers: return "Questions and Answers"
        case .other: return title ?? "Other"
        }
    }
}

/// One uninterrupted stretch of speech by one participant.
public struct Turn: Sendable, Equatable, Codable {
    /// The `name` of the participant speaking.
    public var speaker: String
    /// Paragraphs of plain text, editorial marks kept as written.
    public var paragraphs: [String]

    /// Creates a turn.
    public init(speaker: String, paragraphs: [String]) {
        self.speaker = speaker
        self.paragraphs = paragraphs
    }
}

/// The source layouts sitegen reads.
public enum SourceLayout: String, Sendable, Equatable, Codable, CaseIterable {
    /// Thomson Reuters StreetEvents "EDITED TRANSCRIPT" text extracted from the PDF.
    case streetEventsPDF = "streetevents-pdf"
    /// The same PDF text with its header cut off; starts at CORPORATE PARTICIPANTS.
    case streetEventsPDFHeaderless = "streetevents-pdf-headerless"
    /// StreetEvents "Event Transcript" plain text with `=====` rules and numbered turns.
    case streetEventsEventTranscript = "streetevents-event-transcript"
    /// Markdown with YAML front matter, as written by `sitegen convert` or by hand.
    case markdown
}

extension Transcript {
    enum CodingKeys: String, CodingKey {
        case company, ticker, title, kind, fiscalPeriod, date, statedTimeZone, participants, sections, layout, warnings
    }

    /// Encodes every documented key, writing `null` for absent values so the JSON shape never varies.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(company, forKey: .company)
        try container.encode(ticker, forKey: .ticker)
        try container.encode(title, forKey: .title)
        try container.encode(kind, forKey: .kind)
        try container.encode(fiscalPeriod, forKey: .fiscalPeriod)
        try container.encode(date, forKey: .date)
        try container.encode(statedTimeZone, forKey: .statedTimeZone)
        try container.encode(participants, forKey: .participants)
        try container.encode(sections, forKey: .sections)
        try container.encode(layout, forKey: .layout)
        try container.encode(warnings, forKey: .warnings)
    }
}

extension Participant {
    enum CodingKeys: String, CodingKey { case name, affiliation, title, group }

    /// Encodes every key, `null` for an unknown affiliation or title.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(affiliation, forKey: .affiliation)
        try container.encode(title, forKey: .title)
        try container.encode(group, forKey: .group)
    }
}

extension Section {
    enum CodingKeys: String, CodingKey { case kind, title, turns }

    /// Encodes every key, `null` for the title of a section that has none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(title, forKey: .title)
        try container.encode(turns, forKey: .turns)
    }
}
