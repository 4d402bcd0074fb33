import Algorithms
import Foundation
import TranscriptKit

/// Finds the events a transcript mentions, sentence by sentence, with readable rules.
///
/// The rules, in the order they run over each sentence:
/// 1. **Named event** — a singular event noun (conference, summit, forum, symposium, expo, show, convention,
///    congress, showcase, seminar; "meeting" and "day" only for company events such as a user-group meeting or an
///    analyst day) with the words before it that belong to its name: capitalised words, descriptors ("small-cap",
///    "technology", "annual") and hyphenated compounds. It is an event when the name has a proper part ("UBS",
///    "Goldman Sachs", "Global Technology Conference" in title case) or when "our"/"your" precede a company-event
///    phrase ("our annual user group meeting"). Left out: "a"/"an"/"any" before it (no specific event), plurals
///    ("investor conferences"), nouns used as modifiers ("conference call", "the Southeastern Conference footprint") or
///    inside a longer name ("Summit Ridge"), "-like" compounds, and the call itself ("Third Quarter 2012 Earnings
///    Conference": earnings, results or a fiscal period in the name).
/// 2. **Appearance** — a keynoting, speaking, presenting, attending or exhibiting verb followed by "at" (a keynote
///    verb may also take the name directly; a few time words may come between) and by a name written like one: an acronym or inner capital ("TelcoTV", "CES") or two or more
///    capitalised words, and not a bank, city, company or call participant, nor followed by a noun it modifies
///    ("AT&T headquarters"), nor ending like a company's name ("Frontier Communications").
/// 3. **Announced call** — "we will hold a (separate) conference call to discuss …".
/// 4. **Stage** — a sentence about being on stage or on a panel, with a date, and no event of its own, refers to the
///    one event this call already placed on that day ("Jeff Gardner … was on stage just before me this morning").
/// 5. **Known name** — a name found by rules 1–2 in this call, or a curated name or alias, used again on its own.
///
/// Each event takes the first date phrase and the first place ("in <City>") after it in its clause (for the first
/// event of a sentence, also before it), a host (a bank from `Organisers` at the start of its name, or the company
/// for its own events), and the people the sentence ties to it.
public struct EventExtractor: Sendable {
    /// A name the archivist gave an event (curation file), so plain uses of it become mentions.
    public struct KnownName: Sendable, Hashable {
        /// The spelling to look for, e.g. "TelcoTV".
        public let spelling: String
        /// The event's name.
        public let name: String
        /// The event's kind.
        public let category: EventCategory
        /// The event's year; a mention in a call of another year is not linked. Nil for any year.
        public let year: Int?

        /// Creates a known name.
        public init(spelling: String, name: String, category: EventCategory, year: Int?) {
            self.spelling = spelling
            self.name = name
            self.category = category
            self.year = year
        }
    }

    /// Cities places are recognised from.
    public let cities: CityList
    /// Curated names and aliases.
    public let knownNames: [KnownName]
    /// Names that are not events (the archive's companies), so "presenting at Verizon" is not an event.
    public let otherNames: Set<String>

    /// An extractor with the standard city list.
    public init(cities: CityList = .standard, knownNames: [KnownName] = [], otherNames: Set<String> = []) {
        self.cities = cities
        self.knownNames = knownNames
        self.otherNames = otherNames
    }

    /// Every event mention in `transcript`, in transcript order.
    public func mentions(in transcript: Transcript) -> [EventMention] {
        var scan = TranscriptScan(transcript: transcript, extractor: self)
        return scan.run()
    }

    // MARK: Vocabulary

    /// Nouns that end an event's name.
    static let eventNouns: Set<String> = [
        "conference", "summit", "forum", "symposium", "expo", "exposition", "show", "convention", "congress",
        "showcase", "seminar", "meeting", "day",
    ]
    /// Words after an event noun that make it a modifier: "conference call", "conference room".
    static let compoundFollowers: Set<String> = [
        "call", "calls", "room", "rooms", "line", "lines", "bridge", "center", "centre", "hall", "table", "facility",
        "facilities", "operator", "id", "number", "host", "organizer", "organizers", "circuit", "season", "attendance",
    ]
    /// Words after an event's name that let it stand as a name: function words, time words and common verb forms
    /// ("the UBS Conference in New York", "TelcoTV this morning", "the Summit went well"). Any other lower-case word
    /// after the name is a noun it modifies ("the Southeastern Conference footprint", "AT&T headquarters").
    static let nameFollowers: Set<String> = [
        "in", "on", "at", "to", "for", "from", "with", "without", "by", "of", "about", "into", "onto", "over", "under", "near",
        "around", "across", "against", "toward", "towards", "within", "beyond", "along", "behind", "between", "among", "via",
        "per", "like", "including", "after", "before", "during", "until", "till", "through", "throughout", "since", "versus",
        "vs", "vs.", "plus", "off", "out", "up", "down", "back", "ago", "and", "or", "but", "nor", "so", "yet", "as", "than",
        "that", "which", "who", "whom", "whose", "where", "when", "while", "whether", "if", "because", "though", "although",
        "the", "a", "an", "our", "your", "their", "its", "his", "her", "my", "this", "these", "those", "any", "some", "each",
        "every", "both", "all", "i", "we", "you", "they", "he", "she", "it", "us", "them", "me", "itself", "there", "here",
        "next", "last", "today", "tomorrow", "yesterday", "tonight", "now", "then", "soon", "again", "also", "too", "later",
        "earlier", "not", "never", "always", "only", "even", "just", "still", "already", "once", "twice", "well", "alone",
        "late", "early", "right", "ahead", "together", "abroad", "overseas", "afterwards", "afterward", "instead", "first",
        "is", "was", "were", "are", "be", "been", "being", "am", "will", "would", "could", "should", "can", "may", "might",
        "must", "shall", "has", "have", "had", "does", "did", "do", "went", "came", "come", "saw", "took", "gave", "made",
        "ran", "began", "drew", "brought", "held", "met", "left", "got", "felt", "kept", "sold", "grew", "became", "brings",
        "i'm", "we're", "we'll", "we've", "i'll", "i've", "it's", "i’m", "we’re", "we’ll", "we’ve", "i’ll", "i’ve", "it’s",
    ]
    /// Words that name the earnings call itself, or its fiscal period, inside a name ("the Calix Third Quarter 2012
    /// Earnings Conference"): such a phrase is the call, not an event it mentions.
    static let callNameWords: Set<String> = ["earnings", "results", "quarter", "quarterly", "fiscal"]
    /// Last words of a company's name: a run of capitalised words ending in one after "presented at" is a company
    /// ("Frontier Communications"), not an event.
    static let companyHeads: Set<String> = legalSuffixes.union([
        "communications", "networks", "systems", "technologies", "telecom", "wireless", "labs", "laboratories", "bank",
        "partners", "solutions", "industries", "electronics", "semiconductor", "semiconductors", "software", "brands",
        "enterprises", "telephone", "cable", "broadband", "mobile", "mobility", "telecommunications",
    ])
    /// Words that may stand in an event's name in lower case.
    static let descriptors: Set<String> = [
        "annual", "global", "international", "national", "regional", "technology", "tech", "telecom", "telecommunications",
        "communications", "media", "internet", "software", "semiconductor", "healthcare", "energy", "industrial",
        "industrials", "consumer", "financial", "growth", "investor", "investors", "investment", "analyst", "analysts",
        "user", "users", "group", "customer", "customers", "partner", "partners", "developer", "developers",
        "shareholder", "shareholders", "stockholder", "stockholders", "trade", "industry", "leadership", "innovation",
        "capital", "markets", "one-on-one", "small-cap", "mid-cap", "smid-cap", "large-cap", "small", "cap", "spring",
        "summer", "fall", "autumn", "winter", "virtual", "fireside", "broadband", "wireless", "cable", "video", "cloud",
        "networking", "infrastructure", "emerging", "midwest", "west", "east", "coast", "and", "&",
    ]
    /// Phrases that make "our …" a company event.
    static let companyEventTypes = [
        "user group", "users group", "user conference", "users conference", "customer conference", "customer summit",
        "customer forum", "customer event", "partner conference", "partner summit", "developer conference",
        "analyst day", "analysts day", "investor day", "investors day", "analyst meeting", "investor meeting",
        "shareholder meeting", "shareholders meeting", "stockholder meeting", "stockholders meeting", "annual meeting",
        "capital markets day", "technology day", "innovation day",
    ]
    /// Capitalised words that do not make an event's name proper ("the TV show", "a CEO forum").
    static let genericCapitalized: Set<String> = [
        "tv", "it", "ai", "us", "u.s", "uk", "eu", "ceo", "cfo", "coo", "cto", "ir", "pc", "lte", "4g", "5g", "ip", "hr", "r&d",
    ]
    /// The most tokens an event's name has before its noun ("Bank of America Merrill Lynch Global Technology, Media and
    /// Telecom Conference" has 12).
    public static let longestName = 16
    /// Words before an event noun that stop its name.
    static let determiners: Set<String> = [
        "the", "a", "an", "our", "your", "their", "its", "his", "her", "my", "this", "that", "these", "those", "any",
        "another", "some", "every", "each", "no", "which", "what",
    ]
    /// Determiners that mean no one specific event.
    static let indefinite: Set<String> = ["a", "an", "any", "another", "some", "every", "each", "no", "which", "what"]
    /// Capitalised words that are not names.
    static let notNames: Set<String> = [
        "i", "we", "our", "you", "your", "they", "he", "she", "it", "and", "so", "but", "also", "as", "in", "at", "on",
        "q1", "q2", "q3", "q4", "okay", "ok", "yes", "no", "thanks", "thank", "well",
    ]
    /// Verbs of taking part, by the role they give.
    static let appearanceVerbs: [String: EventRole] = [
        "keynoting": .keynote, "keynoted": .keynote, "keynote": .keynote, "keynotes": .keynote,
        "speaking": .speaker, "spoke": .speaker, "speak": .speaker, "speaks": .speaker,
        "presenting": .speaker, "presented": .speaker, "present": .speaker, "presents": .speaker,
        "attending": .attendee, "attended": .attendee, "attend": .attendee, "attends": .attendee,
        "exhibiting": .attendee, "exhibited": .attendee, "exhibit": .attendee,
    ]
    /// Words that may stand between an appearance verb and "at" or the event's name.
    static let appearanceFillers: Set<String> = [
        "this", "morning", "afternoon", "evening", "today", "tomorrow", "yesterday", "next", "last", "week", "month",
        "again", "also", "later", "earlier", "there", "both", "just", "the", "address", "keynote", "a", "on", "stage",
    ]
    /// First-person words: the speaker is among those taking part.
    static let firstPerson: Set<String> = ["i", "we", "us", "our", "me", "my", "i'm", "we're", "we'll", "i'll", "i've", "we've", "i’m", "we’re", "we’ll", "i’ll"]
    /// Phrases saying someone was on stage.
    static let stagePhrases: [[String]] = [["up", "on", "stage"], ["on", "stage"], ["on", "the", "stage"], ["on", "the", "panel"], ["at", "the", "podium"], ["onstage"]]
    /// Job titles, for "Jeff Gardner, who is the CEO of Windstream".
    static let titleWords: Set<String> = [
        "ceo", "cfo", "coo", "cto", "cmo", "cio", "president", "chairman", "chairwoman", "chair", "founder", "co-founder",
        "head", "chief", "executive", "officer", "operating", "financial", "technology", "marketing", "vice", "senior",
        "general", "manager", "director", "svp", "evp", "vp", "managing", "partner", "principal", "analyst",
    ]

    /// The name reduced for matching: "The 13th Annual UBS Global Technology Conference 2012" → "ubs global technology conference".
    public static func key(_ name: String) -> String {
        let words = keyWords(name).filter { word in
            if ["the", "annual", "s"].contains(word) { return false }
            if word.count == 4, let year = Int(word), (1990...2100).contains(year) { return false }
            if DateReader.day(Token(text: Substring(word), range: word.startIndex..<word.endIndex, isWord: true), ordinalOnly: true) != nil { return false }
            if ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"].contains(word) { return false }
            return true
        }
        return words.joined(separator: " ")
    }

    /// Legal suffixes of company names, lower case.
    static let legalSuffixes: Set<String> = [
        "inc", "inc.", "incorporated", "corp", "corp.", "corporation", "co", "co.", "company", "ltd", "ltd.", "limited", "llc", "plc",
        "lp", "l.p.", "s.a.", "ag", "n.v.", "se", "holdings", "group",
    ]
    /// The comma, as Foundation trims it from a word.
    static let commas = CharacterSet(charactersIn: ",")

    /// `word` without commas at either end.
    static func withoutCommas(_ word: String) -> String {
        guard word.utf8.allSatisfy({ $0 < 0x80 }) else { return word.trimmingCharacters(in: commas) }
        // ASCII: a comma is one byte and one character.
        let utf8 = word.utf8
        guard let first = utf8.firstIndex(where: { $0 != 0x2C }), let last = utf8.lastIndex(where: { $0 != 0x2C }) else { return "" }
        return String(word[first...last])
    }

    /// The lower-cased runs of letters and digits of `name`, "&" read as "and".
    static func keyWords(_ name: String) -> [String] {
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else {
            return name.lowercased().replacingOccurrences(of: "&", with: " and ")
                .split { !$0.isLetter && !$0.isNumber }
                .map(String.init)
        }
        // ASCII: every byte is a character, and the letters and digits are the ASCII ones.
        var words: [String] = []
        var word: [UInt8] = []
        for byte in name.utf8 {
            if isASCIIAlphanumeric(byte) {
                word.append(ByteSearch.folded(byte))
                continue
            }
            if !word.isEmpty {
                words.append(String(decoding: word, as: UTF8.self))
                word.removeAll(keepingCapacity: true)
            }
            if byte == 0x26 { words.append("and") }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// A company's name without legal suffixes: "Calix, Inc." → "Calix".
    public static func shortName(_ company: String) -> String {
        var words = company.split(separator: " ").map { String($0) }
        while words.count > 1, legalSuffixes.contains(withoutCommas(words.last!.lowercased())) { words.removeLast() }
        var name = words.joined(separator: " ")
        while name.hasSuffix(",") { name.removeLast() }
        return name
    }
}

/// The work of extracting events from one transcript.
private struct TranscriptScan {
    let transcript: Transcript
    let extractor: EventExtractor
    let turns: [Turn]
    let callDay: EventDay?
    let company: String
    let shortCompany: String
    let participantNames: [String]
    let participantBytes: [[UInt8]]
    let organisers: PhraseMatcher
    let organiserNames: [String]
    var found: [EventMention] = []
    /// The occurrence index of the paragraph `record` last recorded a mention in (turn, paragraph).
    var occurrences: (turn: Int, paragraph: Int, index: Occurrence.Index)?

    init(transcript: Transcript, extractor: EventExtractor) {
        self.transcript = transcript
        self.extractor = extractor
        turns = transcript.turns
        let zone = transcript.statedTimeZone.flatMap(EventDate.timeZone(for:)) ?? TimeZone(identifier: "UTC")!
        callDay = transcript.date.map { EventDay($0, in: zone) }
        company = transcript.company
        shortCompany = EventExtractor.shortName(transcript.company)
        participantNames = transcript.participants
            .filter { $0.group != .operator && $0.group != .unidentified && $0.name.split(separator: " ").count >= 2 }
            .map(\.name)
        participantBytes = participantNames.map { Array($0.utf8) }
        organisers = Self.standardOrganisers.matcher
        organiserNames = Self.standardOrganisers.names
    }

    /// A matcher for every spelling of the standard organisers, and the display name of each spelling.
    static let standardOrganisers: (matcher: PhraseMatcher, names: [String]) = {
        var spellings: [String] = []
        var names: [String] = []
        for organiser in Organisers.standard {
            for spelling in organiser.spellings {
                spellings.append(spelling)
                names.append(organiser.name)
            }
        }
        return (PhraseMatcher(phrases: spellings), names)
    }()

    /// The organiser spellings with a lower-case word inside ("Bank of America", "Cowen and Company"), as lower-cased
    /// words, with the index of that word: the name of an event they host is read back across it.
    static let bridgedOrganisers: [(words: [String], bridge: Int)] = Organisers.standard.flatMap(\.spellings).compactMap { spelling in
        let words = spelling.split(separator: " ").map(String.init)
        guard let bridge = words.indices.dropFirst().dropLast().first(where: { words[$0].first?.isLowercase == true }) else { return nil }
        return (words.map { $0.lowercased() }, bridge)
    }

    /// Where an organiser spelling that has a lower-case word at `cursor` starts, when the tokens around `cursor` spell
    /// it ("Bank | of | America" with `cursor` at "of"); nil otherwise.
    static func organiserStart(bridgedAt cursor: Int, in tokens: [Token]) -> Int? {
        for (words, bridge) in bridgedOrganisers where words[bridge] == tokens[cursor].lower {
            let start = cursor - bridge
            guard start >= 0, start + words.count <= tokens.count else { continue }
            if words.indices.allSatisfy({ tokens[start + $0].isWord && tokens[start + $0].lower == words[$0] }) { return start }
        }
        return nil
    }

    /// One anchor in a sentence: the tokens naming an event and what the rule knows about it.
    struct Anchor {
        var tokens: Range<Int>
        var name: String
        var key: String
        var category: EventCategory
        var host: String?
        var role: EventRole
        var rule: EventMention.Rule
        var isProperName: Bool
    }

    mutating func run() -> [EventMention] {
        var stageSentences: [(turn: Int, paragraph: Int, range: Range<String.Index>)] = []
        for (turnIndex, turn) in turns.enumerated() {
            for (paragraphIndex, paragraph) in turn.paragraphs.enumerated() {
                let triggers = TriggerWords(in: paragraph)
                guard triggers.mightMention else { continue }
                let utf8 = paragraph.utf8
                for offsets in SentenceSplitter.sentenceOffsets(in: paragraph) where triggers.mightMention(in: offsets) {
                    let sentence = utf8.index(utf8.startIndex, offsetBy: offsets.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: offsets.upperBound)
                    let tokens = Tokenizer.tokens(in: paragraph, range: sentence)
                    let added = scan(tokens, sentence: sentence, paragraph: paragraph, turn: turnIndex, paragraphIndex: paragraphIndex)
                    if added == 0, Self.hasStageWord(paragraph, in: offsets), Self.stagePhrase(in: tokens) != nil {
                        stageSentences.append((turnIndex, paragraphIndex, sentence))
                    }
                }
            }
        }
        for item in stageSentences { stage(item.turn, item.paragraph, item.range) }
        knownNames()
        return found.sorted { ($0.turn, $0.paragraph, $0.offset) < ($1.turn, $1.paragraph, $1.offset) }
    }

    /// Whether the bytes of `paragraph` in `range` hold "stage", "panel" or "podium" (ASCII letters in any case), in one pass.
    static func hasStageWord(_ paragraph: String, in range: Range<Int>) -> Bool {
        withUTF8Bytes(paragraph) { bytes in
            func holds(_ word: StaticString, at offset: Int) -> Bool {
                guard offset + word.utf8CodeUnitCount <= range.upperBound else { return false }
                for position in 1..<word.utf8CodeUnitCount where ByteSearch.folded(bytes[offset + position]) != word.utf8Start[position] { return false }
                return true
            }
            for offset in range {
                switch ByteSearch.folded(bytes[offset]) {
                case 0x73: if holds("stage", at: offset) { return true }
                case 0x70: if holds("panel", at: offset) || holds("podium", at: offset) { return true }
                default: continue
                }
            }
            return false
        }
    }

    // MARK: One sentence

    /// Runs rules 1–3 over one sentence; returns how many mentions it added.
    mutating func scan(_ tokens: [Token], sentence: Range<String.Index>, paragraph: String, turn: Int, paragraphIndex: Int) -> Int {
        guard !tokens.isEmpty else { return 0 }
        var anchors: [Anchor] = []
        let ruleWords = Self.ruleWords
        for index in tokens.indices where tokens[index].isWord && ruleWords.contains(tokens[index]) {
            if let anchor = namedEvent(tokens, at: index) { anchors.append(anchor) }
            if let anchor = appearance(tokens, at: index) { anchors.append(anchor) }
            if let anchor = announcedCall(tokens, at: index) { anchors.append(anchor) }
        }
        anchors.sort { ($0.tokens.lowerBound, -$0.tokens.count) < ($1.tokens.lowerBound, -$1.tokens.count) }
        var kept: [Anchor] = []
        for anchor in anchors where !kept.contains(where: { $0.tokens.overlaps(anchor.tokens) }) { kept.append(anchor) }
        guard !kept.isEmpty else { return 0 }

        let tense = Tense.of(tokens[...])
        let sentenceDates = DateReader(callDay: callDay, tense: tense)
        let places = PlaceReader(cities: extractor.cities)
        let investorContext = Self.saysInvestorConferences(tokens)
        let people = namedPeople(tokens, paragraph: paragraph)
        let speaksForSelf = tokens.contains { $0.isWord && EventExtractor.firstPerson.contains($0.lower) }
        let speaker = turns[turn].speaker
        let speakerIsPerson = transcript.participant(named: speaker).map { $0.group == .corporate || $0.group == .analyst } ?? false

        for (position, anchor) in kept.enumerated() {
            let clauseEnd = Self.clauseEnd(tokens, after: anchor.tokens.upperBound)
            let segmentEnd = min(position + 1 < kept.count ? kept[position + 1].tokens.lowerBound : tokens.count, clauseEnd)
            let segment = anchor.tokens.upperBound..<max(anchor.tokens.upperBound, segmentEnd)
            let prefix = position == 0 ? Self.clauseStart(tokens, before: anchor.tokens.lowerBound)..<anchor.tokens.lowerBound : 0..<0
            var dates = sentenceDates
            dates.yearHint = Self.statedYear(tokens[anchor.tokens])
            let date = dates.first(in: tokens, range: segment) ?? dates.all(in: tokens, range: prefix).last
            let place = places.places(in: tokens, range: segment) ?? places.places(in: tokens, range: prefix)
            var category = anchor.category
            if category == .industryEvent && investorContext { category = .investorConference }
            let role = anchor.rule == .namedEvent && anchor.role == .attendee
                ? Self.roleFromVerbs(tokens, in: Self.clauseStart(tokens, before: anchor.tokens.lowerBound)..<anchor.tokens.lowerBound) ?? .attendee
                : anchor.role
            var participants: [EventParticipant] = []
            if speakerIsPerson && (speaksForSelf || anchor.rule == .announcedCall) {
                participants.append(EventParticipant(name: speaker, role: role, isCallParticipant: true))
            }
            for person in people where !participants.contains(where: { $0.name == person.name }) {
                participants.append(EventParticipant(name: person.name, role: role == .host && person.name != speaker ? .attendee : role,
                                                     note: person.note, isCallParticipant: person.isCallParticipant))
            }
            record(anchor: anchor, category: category, dates: date?.dates, places: place?.places ?? [], participants: participants,
                   tokens: tokens, sentence: sentence, paragraph: paragraph, turn: turn, paragraphIndex: paragraphIndex)
        }
        return kept.count
    }

    /// The words rules 1–3 start from: event nouns, appearance verbs and the verbs of an announced call.
    static let ruleWords = WordSet(EventExtractor.eventNouns.union(EventExtractor.appearanceVerbs.keys).union(callVerbs))
    /// Verbs that announce a call ("we will hold a … call").
    static let callVerbs = ["hold", "host", "have", "schedule", "conduct"]

    mutating func record(anchor: Anchor, category: EventCategory, dates: EventDates?, places: [EventPlace], participants: [EventParticipant],
                         tokens: [Token], sentence: Range<String.Index>, paragraph: String, turn: Int, paragraphIndex: Int) {
        let range = tokens[anchor.tokens.lowerBound].range.lowerBound..<tokens[anchor.tokens.upperBound - 1].range.upperBound
        let text = String(paragraph[range])
        let offset = paragraph.utf8.distance(from: paragraph.startIndex, to: range.lowerBound)
        if occurrences?.turn != turn || occurrences?.paragraph != paragraphIndex {
            occurrences = (turn, paragraphIndex, Occurrence.Index(paragraph))
        }
        let occurrence = occurrences!.index.count(of: text, before: offset)
        found.append(EventMention(
            name: anchor.name, key: anchor.key, category: category, dates: dates,
            year: dates?.start.year ?? Self.statedYear(tokens[anchor.tokens]) ?? callDay?.year,
            places: places, host: anchor.host, participants: participants, turn: turn, paragraph: paragraphIndex,
            sentence: SentenceSplitter.quote(sentence, around: range, in: paragraph), text: text, occurrence: occurrence,
            offset: offset, rule: anchor.rule))
    }

    /// The role the verbs before a named event give ("I gave the keynote at …", "we are presenting at …"), if any.
    static func roleFromVerbs(_ tokens: [Token], in range: Range<Int>) -> EventRole? {
        let roles = tokens[range].compactMap { $0.isWord ? EventExtractor.appearanceVerbs[$0.lower] : nil }
        return roles.min()
    }

    /// Whether the sentence speaks of investor or investment conferences in general (then its named events are investor conferences).
    static func saysInvestorConferences(_ tokens: [Token]) -> Bool {
        for index in tokens.indices.dropLast() where ["investor", "investors", "investment"].contains(tokens[index].lower) {
            if ["conference", "conferences", "forum", "forums", "summit", "summits"].contains(tokens[index + 1].lower) { return true }
        }
        return false
    }

    static let pronouns: Set<String> = ["we", "i", "they", "he", "she", "it", "you", "we'll", "we're", "we've", "i'll", "i'm", "i've", "they're", "it's", "we’ll", "we’re", "i’m", "it’s"]

    /// Where the clause holding an anchor ends: at ";", or at "and"/"but"/"so" followed by a new subject.
    static func clauseEnd(_ tokens: [Token], after index: Int) -> Int {
        var cursor = index
        while cursor < tokens.count {
            let token = tokens[cursor]
            if token.text == ";" || token.text == ":" { return cursor }
            if ["and", "but", "so", "which", "while"].contains(token.lower), cursor + 1 < tokens.count, pronouns.contains(tokens[cursor + 1].lower) { return cursor }
            cursor += 1
        }
        return tokens.count
    }

    /// Where the clause before an anchor starts: after the last ";" or ":" before it.
    static func clauseStart(_ tokens: [Token], before index: Int) -> Int {
        var cursor = index
        while cursor > 0 {
            if tokens[cursor - 1].text == ";" || tokens[cursor - 1].text == ":" { return cursor }
            cursor -= 1
        }
        return 0
    }

    // MARK: Rule 1: named events

    func namedEvent(_ tokens: [Token], at index: Int) -> Anchor? {
        let noun = tokens[index]
        guard noun.isWord, EventExtractor.eventNouns.contains(noun.lower) else { return nil }
        if index + 1 < tokens.count, tokens[index + 1].isWord, EventExtractor.compoundFollowers.contains(tokens[index + 1].lower) { return nil }
        var start = index
        var determiner: String?
        var cursor = index - 1
        // Whether the walk has crossed "and" or "&": then a comma between capitalised words is part of a list in the
        // name ("Technology, Media and Telecom Conference").
        var inList = false
        while cursor >= 0 {
            // A run of name-like words longer than any event's name (a paragraph in title case or capitals) is no name;
            // stopping here also keeps the walk from each noun short.
            if index - cursor > EventExtractor.longestName { return nil }
            let token = tokens[cursor]
            let lower = token.lower
            if !token.isWord {
                if token.text == "&", cursor > 0, tokens[cursor - 1].isCapitalized, tokens[cursor + 1].isCapitalized {
                    start = cursor
                    cursor -= 1
                    inList = true
                    continue
                }
                if token.text == ",", inList, cursor > 0, tokens[cursor - 1].isWord, tokens[cursor - 1].isCapitalized,
                   !EventExtractor.notNames.contains(tokens[cursor - 1].lower), tokens[cursor + 1].isCapitalized {
                    start = cursor
                    cursor -= 1
                    continue
                }
                break
            }
            if lower == "and" { inList = true }
            if EventExtractor.determiners.contains(lower) { determiner = lower; break }
            if !token.isCapitalized, let organiser = Self.organiserStart(bridgedAt: cursor, in: tokens) {
                start = organiser
                cursor = organiser - 1
                continue
            }
            if lower.hasSuffix("-like") || lower.hasSuffix("-style") || lower.hasSuffix("-type") || lower.hasSuffix("-esque") { break }
            if DateReader.months[lower] != nil || DateReader.weekdays[lower] != nil { break }
            if token.isCapitalized && !EventExtractor.notNames.contains(lower) || Self.isYearOrOrdinal(token) || EventExtractor.descriptors.contains(lower) {
                start = cursor
                cursor -= 1
                continue
            }
            if lower.contains("-") && lower.split(separator: "-").allSatisfy({ EventExtractor.descriptors.contains(String($0)) || ["one", "on", "1x1"].contains(String($0)) }) {
                start = cursor
                cursor -= 1
                continue
            }
            break
        }
        if let determiner, EventExtractor.indefinite.contains(determiner) { return nil }
        var end = index + 1
        if end < tokens.count, tokens[end].isWord, tokens[end].text.count == 4, let year = Int(tokens[end].text), (1990...2100).contains(year) { end += 1 }
        let modifiers = tokens[start..<index]
        guard !modifiers.isEmpty else { return nil }
        let words = tokens[start..<end].map { String($0.text) }
        let phrase = Self.joined(tokens[start..<end])
        let flat = FlatWords(tokens[start...index])
        let companyType = EventExtractor.companyEventTypes.first { flat.contains(" \($0) ") }
        let isPossessive = determiner == "our" || determiner == "your"
        let properModifiers = modifiers.filter { token in
            token.isCapitalized && !EventExtractor.descriptors.contains(token.lower) && !EventExtractor.genericCapitalized.contains(token.lower)
                && token.range.lowerBound != tokens[0].range.lowerBound
        }
        let titleCase = noun.isCapitalized && index > 0 && modifiers.allSatisfy { $0.isCapitalized || !$0.isWord || Self.isYearOrOrdinal($0) }
        let isProper = !properModifiers.isEmpty || titleCase
        let nounWord = noun.lower
        if let companyType, isPossessive || words.first.map({ EventExtractor.key($0) == EventExtractor.key(shortCompany) }) == true {
            let name = phrase.lowercased().hasPrefix(shortCompany.lowercased()) ? phrase : "\(shortCompany) \(phrase)"
            return Anchor(tokens: start..<end, name: Self.capitalizeFirst(name), key: EventExtractor.key("\(shortCompany) \(companyType)"),
                          category: .companyEvent, host: company, role: .host, rule: .namedEvent, isProperName: false)
        }
        guard isProper, nounWord != "meeting", nounWord != "day" else { return nil }
        // The name goes on past the noun ("Summit Ridge office") or the noun modifies the next word ("Conference footprint").
        if Self.isModified(tokens, at: end) { return nil }
        // "the Calix Third Quarter 2012 Earnings Conference" is the call itself; the walk may have stopped at "Q3".
        if modifiers.contains(where: { EventExtractor.callNameWords.contains($0.lower) || EventTitle.isPeriodWord(Substring($0.lower)) })
            || start > 0 && EventTitle.isPeriodWord(Substring(tokens[start - 1].lower)) {
            return nil
        }
        // "show" is also a verb ("the Asia Pacific numbers show"): only "the … show" or a title-case "Show" is an event.
        if nounWord == "show" && determiner != "the" && !titleCase { return nil }
        let host = organiser(at: start, in: tokens, before: index)
        let category: EventCategory = host != nil || flat.contains(" investor ") || flat.contains(" investment ") || flat.contains(" one on one ") || flat.contains(" small cap ") || flat.contains(" mid cap ")
            ? .investorConference : .industryEvent
        return Anchor(tokens: start..<end, name: phrase, key: EventExtractor.key(phrase), category: category, host: host,
                      role: .attendee, rule: .namedEvent, isProperName: true)
    }

    /// The lower-cased words of a name with hyphens read as spaces, between single spaces and with one at each end
    /// (" goldman sachs small cap technology one on one summit "), for finding phrases in it.
    struct FlatWords {
        /// The text, when a token is not ASCII (then phrases are found by Foundation's search, as ever).
        private let text: String?
        /// The bytes, when every token is ASCII (then phrases are found byte for byte, which gives the same answers).
        private let bytes: [UInt8]

        init(_ tokens: ArraySlice<Token>) {
            if tokens.allSatisfy(\.isASCII) {
                var bytes: [UInt8] = [0x20]
                for token in tokens {
                    for byte in token.lower.utf8 { bytes.append(byte == 0x2D ? 0x20 : byte) }
                    bytes.append(0x20)
                }
                self.bytes = bytes
                text = nil
            } else {
                text = " " + tokens.map { $0.lower.replacingOccurrences(of: "-", with: " ") }.joined(separator: " ") + " "
                bytes = []
            }
        }

        /// Whether `phrase` occurs in the words.
        func contains(_ phrase: String) -> Bool {
            if let text { return text.contains(phrase) }
            return bytes.withUnsafeBufferPointer { bytes in withUTF8Bytes(phrase) { ByteSearch.contains(bytes, $0) } }
        }
    }

    /// Whether the word at `index`, right after a name, shows the name is not one: a capitalised word that continues it
    /// ("Summit Ridge"), or a lower-case word the name modifies ("Conference footprint", "AT&T headquarters"). With
    /// `allowsVerbs`, a word ending like a verb ("featured", "starts") may follow, as after a subject.
    static func isModified(_ tokens: [Token], at index: Int, allowsVerbs: Bool = true) -> Bool {
        guard index < tokens.count, tokens[index].isWord else { return false }
        let token = tokens[index]
        let lower = token.lower
        if token.text.first?.isNumber == true { return false }
        if token.isCapitalized {
            return !EventExtractor.notNames.contains(lower) && DateReader.months[lower] == nil && DateReader.weekdays[lower] == nil
                && !EventExtractor.nameFollowers.contains(lower)
        }
        if EventExtractor.compoundFollowers.contains(lower) { return true }
        if EventExtractor.nameFollowers.contains(lower) { return false }
        // Adverbs and verb forms: "the Summit recently", "the Forum featured", "the Conference starts".
        if lower.hasSuffix("ly") { return false }
        return !(allowsVerbs && (lower.hasSuffix("ed") || lower.hasSuffix("s") && !lower.hasSuffix("ss")))
    }

    /// The year a name states ("2013 Consumer Electronics Show", "Beta Technology Conference 2013"), if any.
    static func statedYear(_ tokens: ArraySlice<Token>) -> Int? {
        for token in tokens where token.isWord && token.text.count == 4 {
            if let year = Int(token.text), (1990...2100).contains(year) { return year }
        }
        return nil
    }

    static func isYearOrOrdinal(_ token: Token) -> Bool {
        guard token.isWord, token.text.first?.isNumber == true else { return false }
        if token.text.count == 4, let year = Int(token.text), (1990...2100).contains(year) { return true }
        return DateReader.day(token, ordinalOnly: true) != nil || token.lower.hasSuffix("th") && Int(token.text.dropLast(2)) != nil
    }

    /// The tokens of a name as written: single spaces between words, none before a comma.
    static func joined(_ tokens: ArraySlice<Token>) -> String {
        var text = ""
        for token in tokens {
            if !text.isEmpty && token.text != "," { text += " " }
            text += token.text
        }
        return text
    }

    static func capitalizeFirst(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    /// The bank or broker whose name starts the tokens at `start` (before `limit`), by its display name.
    func organiser(at start: Int, in tokens: [Token], before limit: Int) -> String? {
        let text = tokens[start..<limit].map { String($0.text) }.joined(separator: " ")
        guard let match = organisers.matches(in: text).first, match.range.lowerBound == 0 else { return nil }
        return organiserNames[match.phrase]
    }

    // MARK: Rule 2: appearances

    func appearance(_ tokens: [Token], at index: Int) -> Anchor? {
        guard tokens[index].isWord, let role = EventExtractor.appearanceVerbs[tokens[index].lower] else { return nil }
        var cursor = index + 1
        var skipped = 0
        while cursor < tokens.count, tokens[cursor].isWord, EventExtractor.appearanceFillers.contains(tokens[cursor].lower), skipped < 5 {
            cursor += 1
            skipped += 1
        }
        var sawAt = false
        if cursor < tokens.count, tokens[cursor].lower == "at" { sawAt = true; cursor += 1 }
        guard sawAt || role == .keynote else { return nil }
        if cursor < tokens.count, tokens[cursor].lower == "the" { cursor += 1 }
        let start = cursor
        while cursor < tokens.count, tokens[cursor].isWord, tokens[cursor].isCapitalized || Self.isYearOrOrdinal(tokens[cursor]) && cursor > start, cursor - start < 6 {
            let lower = tokens[cursor].lower
            if lower.hasSuffix("-like") || lower.hasSuffix("-style") || lower.hasSuffix("-type") { return nil }
            if EventExtractor.notNames.contains(lower) || DateReader.months[lower] != nil || DateReader.weekdays[lower] != nil { break }
            cursor += 1
        }
        guard cursor > start else { return nil }
        if cursor < tokens.count, tokens[cursor].isWord, tokens[cursor].lower.hasSuffix("-like") { return nil }
        let run = tokens[start..<cursor]
        if EventExtractor.eventNouns.contains(run.last!.lower) { return nil }
        // "at AT&T headquarters", "at Frontier Communications": a place or a company, not an event.
        if Self.isModified(tokens, at: cursor, allowsVerbs: false) { return nil }
        if run.count >= 2, EventExtractor.companyHeads.contains(run.last!.lower) { return nil }
        let capitalised = run.filter { $0.isCapitalized }
        guard capitalised.count >= 2 || run.count == capitalised.count && capitalised.count == 1 && capitalised[0].looksLikeName else { return nil }
        let name = run.map { String($0.text) }.joined(separator: " ")
        if let host = organiser(at: start, in: tokens, before: cursor), EventExtractor.key(host) == EventExtractor.key(name) || organisers.matches(in: name).first?.range.count == name.utf8.count { return nil }
        if extractor.cities.byFirstWord[String(run.first!.text)]?.contains(where: { $0.0 == run.map { String($0.text) } }) == true { return nil }
        if CompanyName.same(name, company) || CompanyName.same(name, shortCompany) || extractor.otherNames.contains(name) { return nil }
        if participantNames.contains(where: { PersonName.samePerson($0, name) }) || PersonName.isPlausible(name) && run.count >= 2 && run.allSatisfy({ !$0.looksLikeName }) && !Self.hasEventWord(run) {
            return nil
        }
        let host = organiser(at: start, in: tokens, before: cursor)
        return Anchor(tokens: start..<cursor, name: name, key: EventExtractor.key(name), category: host == nil ? .industryEvent : .investorConference,
                      host: host, role: role, rule: .appearance, isProperName: true)
    }

    /// Whether a run of capitalised words reads like an event rather than a person ("Mobile World", "Cable Expo").
    static func hasEventWord(_ run: ArraySlice<Token>) -> Bool {
        run.contains { EventExtractor.descriptors.contains($0.lower) || EventExtractor.eventNouns.contains($0.lower) }
    }

    // MARK: Rule 3: announced calls

    func announcedCall(_ tokens: [Token], at index: Int) -> Anchor? {
        guard tokens[index].isWord, Self.callVerbs.contains(tokens[index].lower) else { return nil }
        let before = tokens[max(0, index - 3)..<index].map(\.lower)
        guard before.contains(where: { ["will", "plan", "intend", "expect", "going"].contains($0) || $0.hasSuffix("'ll") || $0.hasSuffix("’ll") }) else { return nil }
        guard before.contains(where: { ["we", "we'll", "we’ll"].contains($0) }) else { return nil }
        var cursor = index + 1
        guard cursor < tokens.count, ["a", "an"].contains(tokens[cursor].lower) else { return nil }
        cursor += 1
        let start = cursor
        while cursor < tokens.count, ["separate", "special", "dedicated", "follow-up", "additional", "brief", "short", "conference"].contains(tokens[cursor].lower) { cursor += 1 }
        guard cursor < tokens.count, tokens[cursor].lower == "call" || tokens[cursor].lower == "webcast" else { return nil }
        let end = cursor + 1
        var topicStart = end
        if topicStart + 1 < tokens.count, tokens[topicStart].lower == "to", ["discuss", "review", "present", "cover"].contains(tokens[topicStart + 1].lower) {
            topicStart += 2
        } else if topicStart < tokens.count, ["on", "about"].contains(tokens[topicStart].lower) {
            topicStart += 1
        } else {
            return nil
        }
        while topicStart < tokens.count, ["our", "the", "its", "this", "that"].contains(tokens[topicStart].lower) { topicStart += 1 }
        var topicEnd = topicStart
        while topicEnd < tokens.count, tokens[topicEnd].isWord, topicEnd - topicStart < 6, !["and", "when", "once", "after", "at", "in", "on"].contains(tokens[topicEnd].lower) { topicEnd += 1 }
        guard topicEnd > topicStart else { return nil }
        let topic = tokens[topicStart..<topicEnd].map { String($0.text) }.joined(separator: " ")
        let name = "\(shortCompany) call on the \(topic)"
        return Anchor(tokens: start..<end, name: name, key: EventExtractor.key("\(shortCompany) call \(topic)"), category: .call,
                      host: company, role: .host, rule: .announcedCall, isProperName: false)
    }

    // MARK: Rule 4: stage sentences

    static func stagePhrase(in tokens: [Token]) -> Range<Int>? {
        for index in tokens.indices where ["up", "on", "at", "onstage"].contains(tokens[index].lower) {
            for phrase in EventExtractor.stagePhrases where index + phrase.count <= tokens.count {
                if tokens[index..<(index + phrase.count)].map(\.lower) == phrase { return index..<(index + phrase.count) }
            }
        }
        return nil
    }

    mutating func stage(_ turn: Int, _ paragraphIndex: Int, _ sentence: Range<String.Index>) {
        let paragraph = turns[turn].paragraphs[paragraphIndex]
        let tokens = Tokenizer.tokens(in: paragraph, range: sentence)
        guard let phrase = Self.stagePhrase(in: tokens) else { return }
        let reader = DateReader(callDay: callDay, tense: Tense.of(tokens[...]))
        guard let date = reader.first(in: tokens, range: 0..<tokens.count), date.dates.precision == .day else { return }
        let sameDay = found.filter { $0.dates?.precision == .day && $0.dates?.start == date.dates.start && $0.rule != .knownName }
        guard let event = sameDay.first, Set(sameDay.map(\.key)).count == 1 else { return }
        let speaker = turns[turn].speaker
        var participants: [EventParticipant] = []
        let speaksForSelf = tokens.contains { $0.isWord && EventExtractor.firstPerson.contains($0.lower) }
        if speaksForSelf, transcript.participant(named: speaker).map({ $0.group == .corporate || $0.group == .analyst }) == true {
            participants.append(EventParticipant(name: speaker, role: .speaker, isCallParticipant: true))
        }
        let order = Self.orderNote(tokens, speaker: speaker)
        for person in namedPeople(tokens, paragraph: paragraph) where person.name != speaker {
            let note = [person.note, order].compactMap { $0 }.joined(separator: "; ")
            participants.append(EventParticipant(name: person.name, role: .speaker, note: note.isEmpty ? nil : note, isCallParticipant: person.isCallParticipant))
        }
        let anchor = Anchor(tokens: phrase, name: event.name, key: event.key, category: event.category, host: event.host,
                            role: .speaker, rule: .stage, isProperName: false)
        record(anchor: anchor, category: event.category, dates: event.dates, places: event.places, participants: participants,
               tokens: tokens, sentence: sentence, paragraph: paragraph, turn: turn, paragraphIndex: paragraphIndex)
    }

    /// "on stage just before Carl Russo" from "… on stage just before me …".
    static func orderNote(_ tokens: [Token], speaker: String) -> String? {
        for index in tokens.indices.dropFirst() where ["before", "after"].contains(tokens[index].lower) {
            guard index + 1 < tokens.count, tokens[index + 1].lower == "me" else { continue }
            let just = tokens[index - 1].lower == "just" ? "just " : ""
            return "on stage \(just)\(tokens[index].lower) \(speaker)"
        }
        return nil
    }

    // MARK: Rule 5: known names

    mutating func knownNames() {
        var spellings: [String] = []
        var targets: [(name: String, key: String, category: EventCategory, year: Int?)] = []
        var seen = Set<String>()
        for mention in found where mention.rule == .namedEvent || mention.rule == .appearance {
            guard mention.text.contains(where: \.isUppercase), mention.category != .companyEvent, seen.insert(mention.text).inserted else { continue }
            spellings.append(mention.text)
            targets.append((mention.name, mention.key, mention.category, mention.year))
        }
        for known in extractor.knownNames where known.year == nil || callDay == nil || known.year == callDay?.year {
            guard seen.insert(known.spelling).inserted else { continue }
            spellings.append(known.spelling)
            targets.append((known.name, EventExtractor.key(known.name), known.category, known.year))
        }
        guard !spellings.isEmpty else { return }
        let matcher = PhraseMatcher(phrases: spellings)
        let anySpelling = AnyOccurrence(spellings)
        var mentioned: [Int: [Int: [Range<Int>]]] = [:]
        for mention in found {
            mentioned[mention.turn, default: [:]][mention.paragraph, default: []].append(mention.offset..<(mention.offset + mention.text.utf8.count))
        }
        let covered = mentioned.mapValues { $0.mapValues(CoveredRanges.init) }
        for (turnIndex, turn) in turns.enumerated() {
            for (paragraphIndex, paragraph) in turn.paragraphs.enumerated() {
                // Only a paragraph holding a spelling byte for byte is read; matching first is cheaper and adds nothing
                // to a paragraph without matches.
                let matches = matcher.matches(in: paragraph)
                guard !matches.isEmpty, anySpelling.occurs(in: paragraph) else { continue }
                let sentences = SentenceSplitter.sentences(in: paragraph)
                var occurrences = Occurrence.Index(paragraph)
                for match in matches {
                    if covered[turnIndex]?[paragraphIndex]?.overlaps(match.range) == true { continue }
                    let utf8 = paragraph.utf8
                    let lower = utf8.index(utf8.startIndex, offsetBy: match.range.lowerBound)
                    let upper = utf8.index(utf8.startIndex, offsetBy: match.range.upperBound)
                    let text = String(paragraph[lower..<upper])
                    let sentence = SentenceSplitter.sentence(containing: lower, in: sentences) ?? paragraph.startIndex..<paragraph.endIndex
                    let target = targets[match.phrase]
                    found.append(EventMention(
                        name: target.name, key: target.key, category: target.category, dates: nil, year: target.year ?? callDay?.year,
                        places: [], host: nil, participants: [], turn: turnIndex, paragraph: paragraphIndex,
                        sentence: SentenceSplitter.quote(sentence, around: lower..<upper, in: paragraph), text: text,
                        occurrence: occurrences.count(of: text, before: match.range.lowerBound), offset: match.range.lowerBound,
                        rule: .knownName))
                }
            }
        }
    }

    // MARK: People

    /// Someone a sentence names: a call participant by full name, or "Jeff Gardner, who is the CEO of Windstream".
    struct NamedPerson {
        let name: String
        let note: String?
        let isCallParticipant: Bool
    }

    func namedPeople(_ tokens: [Token], paragraph: String) -> [NamedPerson] {
        guard let first = tokens.first, let last = tokens.last else { return [] }
        let sentence = Array(paragraph[first.range.lowerBound..<last.range.upperBound].utf8)
        var people: [NamedPerson] = []
        for (name, bytes) in zip(participantNames, participantBytes) where ByteSearch.contains(sentence[...], bytes) {
            people.append(NamedPerson(name: name, note: nil, isCallParticipant: true))
        }
        // "<First Last>, (who is|who's)? (the)? <title words> (of|at) <Org>"
        var index = 0
        while index < tokens.count {
            var end = index
            while end < tokens.count, end - index < 3, tokens[end].isWord, tokens[end].isCapitalized, !EventExtractor.notNames.contains(tokens[end].lower) { end += 1 }
            guard end - index >= 2, end < tokens.count, tokens[end].text == "," else { index = max(end, index + 1); continue }
            let name = tokens[index..<end].map { String($0.text) }.joined(separator: " ")
            var cursor = end + 1
            if cursor + 1 < tokens.count, tokens[cursor].lower == "who", ["is", "was"].contains(tokens[cursor + 1].lower) { cursor += 2 }
            if cursor < tokens.count, tokens[cursor].lower == "the" { cursor += 1 }
            let titleStart = cursor
            while cursor < tokens.count, tokens[cursor].isWord, EventExtractor.titleWords.contains(tokens[cursor].lower) || tokens[cursor].lower == "&" { cursor += 1 }
            guard cursor > titleStart, cursor + 1 < tokens.count, ["of", "at"].contains(tokens[cursor].lower) else { index = end; continue }
            let orgStart = cursor + 1
            var orgEnd = orgStart
            while orgEnd < tokens.count, tokens[orgEnd].isWord, tokens[orgEnd].isCapitalized { orgEnd += 1 }
            guard orgEnd > orgStart, PersonName.isPlausible(name), !people.contains(where: { PersonName.samePerson($0.name, name) }) else { index = end; continue }
            let title = tokens[titleStart..<cursor].map { String($0.text) }.joined(separator: " ")
            let org = tokens[orgStart..<orgEnd].map { String($0.text) }.joined(separator: " ")
            people.append(NamedPerson(name: name, note: "\(title) of \(org)", isCallParticipant: false))
            index = orgEnd
        }
        return people
    }
}

/// Byte ranges of a paragraph already taken by mentions, for asking whether a range overlaps any of them in log time.
struct CoveredRanges {
    /// The ranges by lower bound.
    private let ranges: [Range<Int>]
    /// For each position, the largest upper bound of the ranges up to it.
    private let reach: [Int]

    init(_ ranges: [Range<Int>]) {
        self.ranges = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var reach: [Int] = []
        reach.reserveCapacity(self.ranges.count)
        for range in self.ranges { reach.append(max(reach.last ?? range.upperBound, range.upperBound)) }
        self.reach = reach
    }

    /// Whether `range` (not empty) overlaps one of the ranges.
    func overlaps(_ range: Range<Int>) -> Bool {
        // The ranges starting before `range` ends; one of them overlaps exactly when the farthest of them reaches past its start.
        let starting = ranges.partitioningIndex { $0.lowerBound >= range.upperBound }
        return starting > 0 && reach[starting - 1] > range.lowerBound
    }
}
