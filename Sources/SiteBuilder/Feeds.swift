import Foundation
import TranscriptKit

/// Which Atom feeds a site has and which calls each one lists.
///
/// A feed lists dated calls only, newest first: a call without a date has no place in a timeline, and Atom
/// requires an `updated` date for every entry. A company whose calls are all undated gets no feed (and no
/// feed link); a site without any dated call gets no site feed.
struct FeedPlan: Sendable {
    /// How many entries a feed holds at most.
    static let defaultLength = 50
    /// Where the site's feed is written.
    static let sitePath = OutputPath("feed.xml")!

    /// Calls of the site feed, newest first (indexes into `SiteIndex.calls`).
    let siteCalls: [Int]
    /// Calls of each company's feed by company index, newest first; companies without dated calls are absent.
    let companyCalls: [Int: [Int]]

    /// Plans the feeds of `index`, `length` entries each at most.
    init(index: SiteIndex, length: Int = FeedPlan.defaultLength) {
        let dated = index.calls.indices.filter { index.calls[$0].outline.date != nil }
        siteCalls = Array(dated.sorted { SiteIndex.chronological(index.calls[$1], index.calls[$0]) }.prefix(length))
        var companies: [Int: [Int]] = [:]
        for (position, company) in index.companies.enumerated() {
            let calls = company.calls.filter { index.calls[$0].outline.date != nil }
            if !calls.isEmpty { companies[position] = Array(calls.prefix(length)) }
        }
        companyCalls = companies
    }

    /// Whether the site has a feed at all.
    var hasSiteFeed: Bool { !siteCalls.isEmpty }

    /// Where a company's feed is written: beside its page.
    static func companyPath(_ company: Company) -> OutputPath {
        OutputPath("\(company.url)feed.xml")!
    }
}

/// Writes Atom 1.0 (RFC 4287) feeds.
///
/// Ids: with a base URL, the feed's id is its absolute URL and an entry's id the absolute URL of the transcript
/// page. Without one, ids are name-based `urn:uuid:` URNs (UUID version 5) of the site title and the page's
/// site-relative path, so they are absolute, stable from build to build, and the same entry has the same id in the
/// site feed and its company's feed. Links are absolute with a base URL, else relative to the feed file (Atom
/// resolves them against the feed's own URL). Every `updated` is a call's date, never the build time.
enum AtomFeed {
    /// The feed at `path`: `title`, a link to the HTML page `alternate` (site-relative), and one entry per call.
    static func render(path: OutputPath, title: String, subtitle: String?, alternate: String, calls: [Int],
                       contexts: PageContexts) -> String {
        let index = contexts.index, config = contexts.config
        let base = config.baseURL
        let prefix = PageContexts.root(for: path)
        func link(_ relative: String) -> String {
            if base != nil { return SiteURL.absolute(relative, base: base) }
            let joined = prefix + relative
            return joined.isEmpty ? "./" : joined
        }
        func id(_ relative: String) -> String {
            base != nil ? SiteURL.absolute(relative, base: base) : NameUUID.urn("sitegen:\(config.title)\u{1F}\(relative)")
        }
        let feedURL = SiteURL.relative(for: path)
        let updated = calls.first.flatMap { index.calls[$0].outline.date }.map(DateText.iso) ?? "1970-01-01T00:00:00Z"
        var lines = [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
            "  <id>\(XMLText.escape(id(feedURL)))</id>",
            "  <title type=\"text\">\(XMLText.escape(title))</title>",
        ]
        if let subtitle, !subtitle.isEmpty { lines.append("  <subtitle type=\"text\">\(XMLText.escape(subtitle))</subtitle>") }
        lines += [
            "  <updated>\(updated)</updated>",
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(XMLText.escape(base != nil ? link(feedURL) : path.components.last!))\"/>",
            "  <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escape(link(alternate)))\"/>",
            "  <author><name>\(XMLText.escape(config.title))</name></author>",
            "  <generator>sitegen</generator>",
        ]
        for position in calls {
            let call = index.calls[position]
            guard let date = call.outline.date else { continue }
            let title = "\(call.companyName) \(contexts.label(of: call))"
            let summary = call.feedSummary
            lines += [
                "  <entry>",
                "    <id>\(XMLText.escape(id(call.url)))</id>",
                "    <title type=\"text\">\(XMLText.escape(title))</title>",
                "    <updated>\(DateText.iso(date))</updated>",
                "    <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escape(link(call.url)))\"/>",
                "    <summary type=\"text\">\(XMLText.escape(summary.isEmpty ? title : summary))</summary>",
                "  </entry>",
            ]
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The summary of a call in a feed: the opening of the prepared remarks.
enum FeedSummary {
    /// Roughly how many characters a summary holds; whole paragraphs are taken until this is reached, then it is cut at a word.
    static let length = 500

    /// Words that mark the safe-harbour boilerplate investor relations reads before the remarks.
    static let boilerplate = ["forward-looking statement", "forward looking statement", "safe harbor", "safe harbour",
                              "private securities litigation"]
    /// `boilerplate` as UTF-8.
    private static let boilerplateBytes = boilerplate.map { Array($0.utf8) }

    /// The first paragraphs of the presentation spoken by someone other than the operator, skipping turns that read the
    /// safe-harbour statement; falls back to any non-operator turn, then to any turn; empty for a call without turns.
    static func text(for transcript: Transcript) -> String {
        let presentation = transcript.sections.filter { $0.kind == .presentation }.flatMap(\.turns)
        let isOperator = { (turn: Turn) in
            transcript.participant(named: turn.speaker)?.group == .operator || turn.speaker.lowercased() == "operator"
        }
        let phrases = boilerplateBytes
        let isBoilerplate = { (turn: Turn) in
            turn.paragraphs.contains { containsIgnoringASCIICase($0, anyOf: phrases) }
        }
        // The first non-empty candidate, filtered lazily: only the turns the summary reads are tested for boilerplate.
        let candidates = [
            AnySequence(presentation.lazy.filter { !isOperator($0) && !isBoilerplate($0) }),
            AnySequence(presentation.lazy.filter { !isOperator($0) }),
            AnySequence(transcript.turns.lazy.filter { !isOperator($0) }),
            AnySequence(transcript.turns),
        ]
        let turns = candidates.first { $0.makeIterator().next() != nil } ?? AnySequence([])
        var paragraphs: [String] = []
        var count = 0
        reading: for turn in turns {
            for paragraph in turn.paragraphs {
                guard count < length else { break reading }
                let text = paragraph.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty else { continue }
                paragraphs.append(text)
                count += text.count + 1
            }
        }
        return PageContexts.excerpt(paragraphs.joined(separator: " "), limit: length + 200)
    }

    /// Whether `text` contains any of `phrases` (lower-case ASCII bytes), ASCII letters compared without case: one pass
    /// over the text, whatever the number of phrases.
    static func containsIgnoringASCIICase(_ text: String, anyOf phrases: [[UInt8]]) -> Bool {
        // The phrases' first bytes, as a bit set over ASCII.
        var low: UInt64 = 0, high: UInt64 = 0
        for phrase in phrases {
            guard let first = phrase.first else { return true }
            precondition(first < 0x80, "phrases are ASCII")
            if first < 64 { low |= 1 << UInt64(first) } else { high |= 1 << UInt64(first - 64) }
        }
        var text = text
        return text.withUTF8 { bytes in
            func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
            for start in bytes.indices {
                let byte = lower(bytes[start])
                guard byte < 64 ? (low >> UInt64(byte)) & 1 != 0 : byte < 0x80 && (high >> UInt64(byte - 64)) & 1 != 0 else { continue }
                for phrase in phrases where phrase[0] == byte && start + phrase.count <= bytes.count {
                    var offset = 1
                    while offset < phrase.count && lower(bytes[start + offset]) == phrase[offset] { offset += 1 }
                    if offset == phrase.count { return true }
                }
            }
            return false
        }
    }
}
