import Cmark
import TranscriptKit
import TranscriptMarkdown

extension PageContexts {
    /// Ids the theme's page chrome uses; a section slug never takes one of them.
    static let reservedIDs: Set<String> = [
        "main", "contents", "participants", "participants-title", "analysts-title", "appearances-title", "calls-title",
        "companies-title", "executives-title", "home-title", "latest-title", "notfound-title", "quarters-title",
    ]

    /// The transcript page: metadata, participants, table of contents and every turn with stable anchors.
    func transcriptPage(_ position: Int) -> PageJob {
        let call = index.calls[position]
        let transcript = call.transcript
        let company = index.companies[call.company]
        let path = OutputPath("\(call.url)index.html")!
        var description = "\(label(of: call).prefix(1).uppercased() + label(of: call).dropFirst()) of \(company.name)"
        if let date = transcript.date { description += ", \(DateText.display(date, zone: transcript.statedTimeZone))" }
        description += ": full transcript with \(Set(transcript.turns.map(\.speaker)).count) speakers."
        var context = common(path: path, kind: .transcript, title: "\(company.name) \(label(of: call))", description: description)
        addCompanyFeed(call.company, to: &context)
        if var page = context["page"] as? [String: Any] {
            page["data"] = DataExport.path(of: call, in: index).description
            context["page"] = page
        }

        var item = callItem(position)
        if let date = transcript.date, let time = DateText.time(date, zone: transcript.statedTimeZone) { item["timeDisplay"] = time }
        context["call"] = item

        var groups: [ParticipantGroup: [[String: Any]]] = [:]
        for participant in transcript.participants where participant.group != .operator {
            var row: [String: Any] = [
                "name": participant.name, "affiliation": participant.affiliation ?? "", "title": participant.title ?? "",
                "groupLabel": Self.groupLabel(participant.group),
            ]
            if let slug = index.personSlug(call: position, name: participant.name) { row["url"] = "speakers/\(slug)/" }
            groups[participant.group, default: []].append(row)
        }
        context["participants"] = [
            "corporate": groups[.corporate] ?? [], "analysts": groups[.analyst] ?? [], "others": groups[.unidentified] ?? [],
            "hasCorporate": groups[.corporate] != nil, "hasAnalysts": groups[.analyst] != nil, "hasOthers": groups[.unidentified] != nil,
        ]

        var number = 0
        var sectionIDs: Set<String> = []
        var sections: [[String: Any]] = []
        var toc: [[String: Any]] = []
        for section in transcript.sections {
            var id = section.kind == .other ? Slug.make(section.displayTitle) : section.kind.rawValue
            if sectionIDs.contains(id) || Self.reservedIDs.contains(id) || id.first == "t" && id.dropFirst().allSatisfy(\.isNumber) {
                id = "section-\(sections.count + 1)-\(id)"
            }
            sectionIDs.insert(id)
            var turns: [[String: Any]] = []
            var children: [[String: Any]] = []
            var currentAnalyst: String?
            for turn in section.turns {
                number += 1
                let participant = transcript.participant(named: turn.speaker)
                let group = participant?.group ?? .unidentified
                if section.kind == .questionsAndAnswers, group == .analyst, turn.speaker != currentAnalyst {
                    currentAnalyst = turn.speaker
                    let firm = participant?.affiliation.map { ", \($0)" } ?? ""
                    children.append(["label": "\(turn.speaker)\(firm)", "anchor": "#t\(number)"])
                }
                let html = crossLinked(Cmark.inlineHTML(paragraphs: turn.paragraphs.map(MarkdownEscaping.escape)),
                                       call: position, turn: number, root: Self.root(for: path))
                var entry: [String: Any] = [
                    "id": "t\(number)", "number": number, "speakerName": turn.speaker,
                    "speakerSlug": index.speakerSlug(call: position, name: turn.speaker),
                    "role": participant.map(Self.role) ?? "", "group": group.rawValue, "groupLabel": Self.groupLabel(group),
                    "paragraphs": html.enumerated().map { ["id": "t\(number)-p\($0.offset + 1)", "html": $0.element] },
                ]
                if let slug = index.personSlug(call: position, name: turn.speaker) { entry["speakerURL"] = "speakers/\(slug)/" }
                turns.append(entry)
            }
            sections.append(["id": id, "title": section.displayTitle, "turns": turns])
            toc.append(["label": section.displayTitle, "anchor": "#\(id)", "children": children, "hasChildren": !children.isEmpty])
        }
        context["sections"] = sections
        context["toc"] = toc

        let siblings = company.calls
        if let place = siblings.firstIndex(of: position) {
            if place + 1 < siblings.count {
                let older = index.calls[siblings[place + 1]]
                context["previous"] = ["url": older.url, "label": label(of: older)]
            }
            if place > 0 {
                let newer = index.calls[siblings[place - 1]]
                context["next"] = ["url": newer.url, "label": label(of: newer)]
            }
        }
        return PageJob(path: path, template: "transcript", kind: .transcript, context: context)
    }
}
