/// A speaker as a speaker line names them: `Name - Firm - Title`.
struct SpeakerLine: Equatable {
    var name: String
    var firm: String?
    var title: String?

    init(name: String, firm: String? = nil, title: String? = nil) {
        self.name = name
        self.firm = firm
        self.title = title
    }
}

/// The participants of one call, and the rules that map speaker lines onto them.
struct Roster {
    private(set) var participants: [Participant] = []
    private(set) var warnings: [Diagnostic] = []
    private var index: [String: Int] = [:]
    private var aliases: [String: String] = [:]
    /// Participant positions by `personKey`, so fuzzy matching looks only at names that can match.
    private var byPersonKey: [String: [Int]] = [:]
    /// `CompanyName.normalized` of the firms compared so far: every turn compares the same few.
    private var normalizedFirms: [String: String] = [:]
    let company: String?

    init(company: String?) {
        self.company = company
    }

    /// Adds a listed participant; a repeated name keeps the first entry and fills its blanks.
    mutating func add(_ participant: Participant) {
        if let existing = index[participant.name] {
            participants[existing].affiliation = participants[existing].affiliation ?? participant.affiliation
            participants[existing].title = participants[existing].title ?? participant.title
            return
        }
        index[participant.name] = participants.count
        byPersonKey[Self.personKey(participant.name), default: []].append(participants.count)
        participants.append(participant)
    }

    /// What `PersonName.samePerson` requires two names to share (see `PersonName.matchKey`).
    static func personKey(_ name: String) -> String { PersonName.matchKey(name) }

    /// The listed participant a written name refers to: the same name, or the same person written another way,
    /// surname first too ("Russo, Carl" for "Carl Russo").
    func participant(matching name: String) -> Participant? {
        if let found = participant(matchingGivenFirst: name) { return found }
        guard let reordered = PersonName.givenNameFirst(name) else { return nil }
        return participant(matchingGivenFirst: reordered)
    }

    /// `participant(matching:)` for a name written as it is, without reading it surname first.
    private func participant(matchingGivenFirst name: String) -> Participant? {
        if let position = index[name] { return participants[position] }
        if let alias = aliases[name], let position = index[alias] { return participants[position] }
        // Only participants sharing the name's key can match; scanning everyone made reading quadratic in speakers.
        guard let candidates = byPersonKey[Self.personKey(name)] else { return nil }
        return candidates.lazy.map { participants[$0] }
            .first { $0.group != .operator && !PersonName.isUnidentified($0.name) && PersonName.samePerson($0.name, name) }
    }

    /// The participant name a turn opened by `speaker` belongs to; adds speakers missing from the lists, with a warning.
    mutating func resolve(_ speaker: SpeakerLine, line: Int, file: String, section: SectionKind) -> String {
        if PersonName.isOperator(speaker.name) {
            if index["Operator"] == nil { add(Participant(name: "Operator", group: .operator)) }
            return "Operator"
        }
        if let match = participant(matching: speaker.name), firmsAgree(match.affiliation, speaker.firm) {
            if match.name != speaker.name, aliases[speaker.name] == nil {
                aliases[speaker.name] = match.name
                warnings.append(Diagnostic(.warning, file: file, line: line,
                    "speaker '\(speaker.name)' is listed as '\(match.name)'; the turn is attributed to '\(match.name)'"))
            }
            if let position = index[match.name] {
                participants[position].affiliation = participants[position].affiliation ?? speaker.firm
                participants[position].title = participants[position].title ?? speaker.title
            }
            return match.name
        }
        let group: ParticipantGroup
        if PersonName.isUnidentified(speaker.name) {
            group = .unidentified
        } else if let firm = speaker.firm, let company, CompanyName.same(firm, company) {
            group = .corporate
        } else if speaker.title?.lowercased().contains("analyst") == true || (speaker.firm != nil && section == .questionsAndAnswers) {
            group = .analyst
        } else if speaker.firm != nil {
            group = .analyst
        } else {
            group = .unidentified
        }
        // A name written surname first ("Doe, Jane") is added given name first, as lists name people.
        let reordered = PersonName.givenNameFirst(speaker.name)
        var name = reordered ?? speaker.name
        if index[name] != nil {
            name = "\(name) (\(speaker.firm ?? "unlisted"))"
        }
        add(Participant(name: name, affiliation: speaker.firm, title: speaker.title, group: group))
        if !PersonName.isUnidentified(speaker.name) {
            let written = reordered.map { "'\(speaker.name)' (read as '\($0)')" } ?? "'\(speaker.name)'"
            warnings.append(Diagnostic(.warning, file: file, line: line,
                "speaker \(written) is not in the participant lists; added as \(group.rawValue)"))
        }
        return name
    }

    private mutating func firmsAgree(_ listed: String?, _ spoken: String?) -> Bool {
        guard let listed, let spoken else { return true }
        return CompanyName.same(normalized: normalizedFirm(listed), normalizedFirm(spoken))
    }

    /// `CompanyName.normalized`, remembered for plain names: a plain key equals only byte-identical text (see `PlainText`).
    private mutating func normalizedFirm(_ firm: String) -> String {
        guard firm.isPlain else { return CompanyName.normalized(firm) }
        if let known = normalizedFirms[firm] { return known }
        let normalized = CompanyName.normalized(firm)
        normalizedFirms[firm] = normalized
        return normalized
    }
}
