import Cmark
import TranscriptKit
import TranscriptMarkdown

extension PageContexts {
    /// Ids the theme's page chrome uses; a section slug never takes one of them.
    static let reservedIDs: Set<String> = [
        "main", "contents", "participants", "participants-title", "analysts-title", "appearances-title", "calls-title",
        "companies-title", "executives-title", "home-title", "latest-title", "notfound-title", "quarters-title",
    ]

    /// The transcript page: metadata, participants, table of contents and every turn with stable anchors. `frame` is
    /// the page's frame when the caller has it already (from `transcriptKey`).
    func transcriptPage(_ position: Int, frame: (path: OutputPath, context: [String: Any])? = nil) throws -> PageJob {
        var (path, context) = frame ?? transcriptFrame(position)
        let transcript = try self.transcript(of: position)
        addTurns(of: transcript, call: position, path: path, to: &context)
        return PageJob(path: path, template: "transcript", kind: .transcript, context: context)
    }

    /// The key of the transcript page: everything it shows. The frame from the index, the source's digest for the
    /// text, and what the turns take from the rest of the archive: speaker slugs and cross-links. Also returns the
    /// frame (with `head`), which `addTurns` completes when the page must be rendered.
    func transcriptKey(_ position: Int, theme: Theme, headExtra: String?) -> (path: OutputPath, key: ContentDigest, frame: [String: Any]) {
        let call = index.calls[position]
        var (path, context) = transcriptFrame(position)
        if let headExtra { context["head"] = ["extra": headExtra] }
        var hasher = DigestHasher()
        hasher.combine(theme.key("transcript", context).description)
        hasher.combine(call.digest.description)
        var speakers = Set<String>()
        for turn in call.outline.turns where speakers.insert(turn.speaker).inserted {
            hasher.combine(turn.speaker)
            hasher.combine(index.personSlug(call: position, name: turn.speaker) ?? "\u{0}")
            hasher.combine(index.speakerSlug(call: position, name: turn.speaker))
        }
        PageDependencies.addLinks(events.links[position] ?? [:], to: &hasher)
        return (path, hasher.finalize(), context)
    }

    /// The transcript page without its turns: what the index knows of the call.
    func transcriptFrame(_ position: Int) -> (path: OutputPath, context: [String: Any]) {
        let call = index.calls[position]
        let transcript = call.outline
        let company = index.companies[call.company]
        let path = OutputPath("\(call.url)index.html")!
        var description = "\(label(of: call).prefix(1).uppercased() + label(of: call).dropFirst()) of \(call.companyName)"
        if let date = transcript.date { description += ", \(DateText.display(date, zone: transcript.statedTimeZone))" }
        description += ": full transcript with \(Set(transcript.turns.map(\.speaker)).count) speakers."
        var context = common(path: path, kind: .transcript, title: "\(call.companyName) \(label(of: call))", description: description)
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
        return (path, context)
    }

    /// Adds `sections` (every turn, its paragraphs as cross-linked HTML) and `toc` from the full transcript.
    func addTurns(of transcript: Transcript, call position: Int, path: OutputPath, to context: inout [String: Any]) {
        let root = Self.root(for: path)
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
                                       call: position, turn: number, root: root)
                var entry: [String: Any] = [
                    "id": "t\(number)", "number": number, "speakerName": turn.speaker,
                    "speakerSlug": index.speakerSlug(call: position, name: turn.speaker),
                    "role": participant.map(Self.role) ?? "", "group": group.rawValue, "groupLabel": Self.groupLabel(group),
                    "body": Self.paragraphsHTML(html, turn: number),
                ]
                if let slug = index.personSlug(call: position, name: turn.speaker) { entry["speakerURL"] = "speakers/\(slug)/" }
                turns.append(entry)
            }
            sections.append(["id": id, "title": section.displayTitle, "turns": turns])
            toc.append(["label": section.displayTitle, "anchor": "#\(id)", "children": children, "hasChildren": !children.isEmpty])
        }
        context["sections"] = sections
        context["toc"] = toc
    }

    /// A turn's paragraphs as HTML, one `<p id="t<turn>-p<n>">` per line: sitegen writes this markup itself (search
    /// results link to the ids), which also spares the template engine a lookup per paragraph.
    static func paragraphsHTML(_ paragraphs: [String], turn: Int) -> String {
        var body = ""
        body.reserveCapacity(paragraphs.reduce(0) { $0 + $1.utf8.count + 24 })
        for (offset, html) in paragraphs.enumerated() {
            if offset > 0 { body += "\n" }
            body += "<p id=\"t\(turn)-p\(offset + 1)\">"
            body += html
            body += "</p>"
        }
        return body
    }
}
