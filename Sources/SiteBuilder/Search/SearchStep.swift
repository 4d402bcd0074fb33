import Foundation
import Algorithms
import TranscriptKit

/// What the "search" step wrote: the figures the build summary prints.
public struct SearchIndexSummary: Sendable, Equatable, Codable {
    /// Paragraphs indexed (documents).
    public var paragraphs = 0
    /// Distinct index terms.
    public var terms = 0
    /// Shard files.
    public var shards = 0
    /// Bytes of all shard files.
    public var shardBytes = 0
    /// Bytes of the largest shard file.
    public var largestShardBytes = 0
    /// Tier files (postings of common terms, moved out of their shards).
    public var tierFiles = 0
    /// Bytes of all tier files.
    public var tierBytes = 0
    /// Bytes of the largest tier file.
    public var largestTierBytes = 0
    /// Document chunk files (paragraph text and where each paragraph is).
    public var chunks = 0
    /// Bytes of all chunk files.
    public var chunkBytes = 0
    /// Filter files (document ranges per company, quarter and speaker) plus the manifest and the speaker list.
    public var otherFiles = 0
    /// Bytes of the filter files, the manifest and the speaker list.
    public var otherBytes = 0

    /// Every byte of the index under `search/` (the search page not counted).
    public var totalBytes: Int { shardBytes + tierBytes + chunkBytes + otherBytes }

    /// The line `sitegen build` prints.
    public var line: String {
        let tiers = tierFiles == 0 ? "" : " + \(tierFiles) tier file\(tierFiles == 1 ? "" : "s") (largest \(Self.size(largestTierBytes)))"
        return "search: \(paragraphs) paragraph\(paragraphs == 1 ? "" : "s"), \(terms) term\(terms == 1 ? "" : "s"); index \(Self.size(totalBytes)): "
            + "postings \(Self.size(shardBytes + tierBytes)) in \(shards) shard\(shards == 1 ? "" : "s") (largest \(Self.size(largestShardBytes)))\(tiers), "
            + "text \(Self.size(chunkBytes)) in \(chunks) chunk\(chunks == 1 ? "" : "s"), filters and manifest \(Self.size(otherBytes))"
    }

    /// "812 B", "14.2 KB", "3.1 MB" (1 KB = 1,024 bytes).
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return String(format: "%.1f KB", Double(bytes) / 1024) }
        return String(format: "%.1f MB", Double(bytes) / 1024 / 1024)
    }
}

/// One paragraph as the index numbers it.
struct SearchParagraph {
    /// The 1-based turn number in the call (the `t<N>` anchor).
    var turn: Int
    /// The 1-based paragraph number in the turn (the `-p<M>` of the anchor).
    var paragraph: Int
    /// The speaker's name as written.
    var speaker: String
    /// Group and section codes (see ``SearchIndexFormat``).
    var flags: UInt8
    /// The paragraph's plain text.
    var text: String
}

/// The build step "search": the paragraph index under `search/` and the search page (`search/index.html`).
///
/// Runs after "feeds & data" (so the search page is not in the sitemap), from the parsed calls already in memory:
/// calls are tokenized on all cores in batches and merged in site order, so memory holds the postings being built
/// and one batch of tokenized calls, never every paragraph's terms at once. With a build cache, the step keeps the
/// merged postings and each call's facts (``SearchIndexCache``): a rebuild reads the tokens of new and changed calls
/// only, patches the postings, and when no call's tokens changed keeps the shard and tier files without encoding them.
enum SearchStep {
    /// What the step wrote, and warnings (a theme without a search template gets no search page and no index).
    struct Outcome {
        /// The index's figures; nil when the step was skipped.
        var summary: SearchIndexSummary?
        /// Problems that did not stop the build.
        var warnings: [Diagnostic] = []
    }

    /// Thrown by the render of a shard or tier file the fast path expected to keep as it was.
    private struct NotKept: Error {}

    /// Writes the index and the search page into `tree`; `cacheFolder` is where ``SearchIndexCache`` keeps its files
    /// between builds (nil: no cache).
    /// `write`, with any error as the diagnostic the build reports (for running the step as a child task).
    static func outcome(contexts: PageContexts, theme: Theme, tree: OutputTree, headExtra: String?, parallelism: Int, cacheFolder: URL?,
                        output: URL, log: @Sendable (Diagnostic) -> Void) async -> Result<Outcome, Diagnostic> {
        do {
            return .success(try await write(contexts: contexts, theme: theme, tree: tree, headExtra: headExtra, parallelism: parallelism,
                                            cacheFolder: cacheFolder, log: log))
        } catch let diagnostic as Diagnostic {
            return .failure(diagnostic)
        } catch {
            return .failure(Diagnostic(.error, file: output.path, "\(error)"))
        }
    }

    static func write(contexts: PageContexts, theme: Theme, tree: OutputTree, headExtra: String?, parallelism: Int,
                      cacheFolder: URL? = nil, layout: SearchIndexLayout = SearchIndexLayout(),
                      log: @Sendable (Diagnostic) -> Void) async throws -> Outcome {
        var outcome = Outcome()
        let index = contexts.index
        let cache = cacheFolder.map { SearchIndexCache(folder: $0) }

        var inputs = SearchIndexInputs(contexts: contexts, cache: cache, parallelism: parallelism)
        try await inputs.gather()
        let facts = inputs.facts
        var firstDocument: [Int] = []
        firstDocument.reserveCapacity(facts.count)
        var documentTotal = 0, lengthSum = 0, textBytes = 0
        for call in facts {
            firstDocument.append(documentTotal)
            documentTotal += call.paragraphs
            lengthSum += call.lengthSum
            textBytes += call.textBytes
        }
        let documents = documentTotal
        let averageLength = documents == 0 ? 0 : Double(lengthSum) / Double(documents)
        let tokensKey = SearchIndexCache.tokensKey(facts)
        let key = shardKey(tokensKey: tokensKey, layout: layout)

        var written: SearchIndexCache.Written?
        var sizes: [(shard: Int, tiers: [Int])] = []
        if inputs.builder == nil, let previous = inputs.previous?.written, previous.key == key {
            do {
                sizes = try keep(previous, tree: tree)
                written = previous
            } catch is NotKept {}
        }
        if written == nil {
            let builder = try await inputs.loadBuilder()
            let shards = SearchIndexWriter.shardCount(builder, layout: layout)
            let assignment = SearchIndexWriter.assign(builder, shards: shards)
            let impacts = ImpactTable(averageLength: averageLength)
            let encoded = try await concurrentMap(Array(0..<shards), width: parallelism) { _, shard -> (sizes: (Int, [Int]), digest: ContentDigest, tiers: [SearchTierFile]) in
                let encoded = SearchIndexWriter.encodeShard(terms: assignment[shard], builder: builder, impacts: impacts, layout: layout)
                try tree.write(Data(encoded.bytes), to: SearchIndexFormat.shardPath(shard))
                var tiers: [SearchTierFile] = []
                for tier in encoded.tiers {
                    try tree.write(Data(tier.content.bytes), to: SearchIndexFormat.tierPath(shard: shard, ordinal: tier.ordinal, tier: tier.tier))
                    tiers.append(SearchTierFile(shard: shard, ordinal: tier.ordinal, tier: tier.tier,
                                                digest: tier.content.bytes.withUnsafeBytes { ContentDigest($0) }))
                }
                return ((encoded.bytes.count, encoded.tiers.map(\.content.bytes.count)), encoded.bytes.withUnsafeBytes { ContentDigest($0) }, tiers)
            }
            sizes = encoded.map(\.sizes)
            written = SearchIndexCache.Written(key: key, terms: builder.terms.count, shards: encoded.map(\.digest), tiers: encoded.flatMap(\.tiers))
        }
        let files = written!
        // The cache is written while the chunks are (the postings are dropped once it is).
        let saving = inputs
        inputs.release()
        async let saved: Void = saving.save(SearchIndexCache.Calls(calls: facts, written: files), tokensKey: tokensKey)

        var summary = SearchIndexSummary(paragraphs: documents, terms: files.terms)
        summary.shards = files.shards.count
        for (shardBytes, tierBytes) in sizes {
            summary.shardBytes += shardBytes
            summary.largestShardBytes = max(summary.largestShardBytes, shardBytes)
            summary.tierFiles += tierBytes.count
            summary.tierBytes += tierBytes.reduce(0, +)
            summary.largestTierBytes = max(summary.largestTierBytes, tierBytes.max() ?? 0)
        }

        let chunkSize = SearchIndexWriter.chunkSize(textBytes: textBytes, documents: documents, layout: layout)
        let chunkCount = (documents + chunkSize - 1) / chunkSize
        let starts = firstDocument
        let callStep = max(1, index.calls.count / max(parallelism * 8, 1))
        let callKeys = try await concurrentMap(Array(stride(from: 0, to: index.calls.count, by: callStep)), width: parallelism) { _, first in
            (first..<min(first + callStep, index.calls.count)).map { chunkKey(ofCall: $0, contexts: contexts) }
        }.flatMap { $0 }
        let groupSize = max(1, chunkCount / max(parallelism * 16, 1))
        let groups = Array(stride(from: 0, to: chunkCount, by: groupSize))
        let chunkBytes = try await concurrentMap(groups, width: parallelism) { _, first -> Int in
            var loaded: (position: Int, paragraphs: [SearchParagraph])?
            let paragraphsOf = { (position: Int) throws -> [SearchParagraph] in
                if let loaded, loaded.position == position { return loaded.paragraphs }
                let paragraphs = paragraphs(of: try contexts.transcript(of: position))
                loaded = (position, paragraphs)
                return paragraphs
            }
            var bytes = 0
            for chunk in first..<min(first + groupSize, chunkCount) {
                let key = chunkKey(chunk, size: chunkSize, documents: documents, firstDocument: starts, callKeys: callKeys)
                bytes += try tree.write(key: key, to: SearchIndexFormat.chunkPath(chunk)) {
                    try chunkJSON(chunk, size: chunkSize, documents: documents, firstDocument: starts, contexts: contexts, paragraphs: paragraphsOf)
                }
            }
            return bytes
        }
        summary.chunks = chunkCount
        summary.chunkBytes = chunkBytes.reduce(0, +)

        var others: [(OutputPath, String)] = []
        others.append((SearchIndexFormat.manifestPath, manifestJSON(documents: documents, averageLength: averageLength, shards: files.shards.count,
                                                                     chunkSize: chunkSize, calls: index.calls.count)))
        others += filterFiles(index: index, firstDocument: starts, documents: documents)
        others.append((SearchIndexFormat.speakersPath, speakersJSON(index)))
        for (path, text) in others {
            let data = Data(text.utf8)
            try tree.write(data, to: path)
            summary.otherBytes += data.count
        }
        summary.otherFiles = others.count

        var context = page(contexts: contexts, documents: documents)
        if let headExtra { context["head"] = ["extra": headExtra] }
        try theme.write("search", context, to: SearchIndexFormat.pagePath, in: tree)
        await saved
        outcome.summary = summary
        return outcome
    }

    /// The key of the shard and tier files made from calls with these tokens (in order) and this layout, which is
    /// all their bytes depend on.
    static func shardKey(tokensKey: ContentDigest, layout: SearchIndexLayout) -> ContentDigest {
        var hasher = DigestHasher()
        hasher.combine("search shards \(SearchIndexFormat.version)")
        hasher.combine(Int(bitPattern: UInt(tokensKey.high)))
        hasher.combine(Int(bitPattern: UInt(tokensKey.low)))
        for value in [layout.shardTargetBytes, layout.inlineLimit, layout.firstTierPostings, layout.maximumTierPostings] {
            hasher.combine(value)
        }
        return hasher.finalize()
    }

    /// Keeps the shard and tier files the last build wrote from the same tokens, without encoding them: each is kept
    /// when the output still holds it as written (its key there is the digest of its bytes). Throws ``NotKept`` when
    /// one is not; returns the sizes per shard.
    private static func keep(_ written: SearchIndexCache.Written, tree: OutputTree) throws -> [(shard: Int, tiers: [Int])] {
        var sizes = [(shard: Int, tiers: [Int])](repeating: (0, []), count: written.shards.count)
        for (shard, digest) in written.shards.enumerated() {
            sizes[shard].shard = try tree.write(key: digest, to: SearchIndexFormat.shardPath(shard)) { throw NotKept() }
        }
        for file in written.tiers {
            let path = SearchIndexFormat.tierPath(shard: file.shard, ordinal: file.ordinal, tier: file.tier)
            sizes[file.shard].tiers.append(try tree.write(key: file.digest, to: path) { throw NotKept() })
        }
        return sizes
    }

    /// A call's paragraphs in document order, with the turn numbering of the transcript page.
    static func paragraphs(of transcript: Transcript) -> [SearchParagraph] {
        var result: [SearchParagraph] = []
        var number = 0
        for section in transcript.sections {
            let sectionCode = SearchIndexFormat.sectionCode(section.kind)
            for turn in section.turns {
                number += 1
                let group = transcript.participant(named: turn.speaker)?.group ?? .unidentified
                let flags = SearchIndexFormat.groupCode(group) << 2 | sectionCode
                for (offset, text) in turn.paragraphs.enumerated() {
                    result.append(SearchParagraph(turn: number, paragraph: offset + 1, speaker: turn.speaker, flags: flags, text: text))
                }
            }
        }
        return result
    }

    /// Chunk `chunk`: `{"calls":[[url,label,company,date]…],"speakers":[[name,slug]…],"docs":[[call,turn,paragraph,speaker,text]…]}`.
    ///
    /// `docs[i]` is document `chunk × size + i`; `call` and `speaker` are positions in this chunk's `calls` and
    /// `speakers`; a speaker's `slug` is empty when they have no speaker page.
    static func chunkJSON(_ chunk: Int, size: Int, documents: Int, firstDocument: [Int], contexts: PageContexts,
                          paragraphs paragraphsOf: (Int) throws -> [SearchParagraph]) throws -> String {
        let index = contexts.index
        let first = chunk * size
        let end = min(first + size, documents)
        var callPosition = firstCall(of: first, firstDocument: firstDocument)
        var calls = "", speakers = "", docs = ""
        var callCount = 0, speakerCount = 0
        var document = first
        while document < end && callPosition < index.calls.count {
            let call = index.calls[callPosition]
            let offset = document - firstDocument[callPosition]
            if offset < call.paragraphCounts.reduce(0, +) {
                let paragraphs = try paragraphsOf(callPosition)
                let date = call.outline.date.map { DateText.display($0, zone: call.outline.statedTimeZone) } ?? ""
                let callRef = callCount
                callCount += 1
                if callRef > 0 { calls += "," }
                calls += "["
                SearchJSON.append(call.url, to: &calls)
                calls += ","
                SearchJSON.append(contexts.label(of: call), to: &calls)
                calls += ","
                SearchJSON.append(call.companyName, to: &calls)
                calls += ","
                SearchJSON.append(date, to: &calls)
                calls += "]"
                // This call's speakers so far in the chunk (a speaker of two calls is listed once per call).
                var callSpeakers: [(name: String, ref: Int)] = []
                for paragraph in paragraphs[offset...] where document < end {
                    let speakerRef: Int
                    if let known = callSpeakers.first(where: { $0.name == paragraph.speaker }) {
                        speakerRef = known.ref
                    } else {
                        speakerRef = speakerCount
                        speakerCount += 1
                        callSpeakers.append((paragraph.speaker, speakerRef))
                        if speakerRef > 0 { speakers += "," }
                        speakers += "["
                        SearchJSON.append(paragraph.speaker, to: &speakers)
                        speakers += ","
                        SearchJSON.append(index.personSlug(call: callPosition, name: paragraph.speaker) ?? "", to: &speakers)
                        speakers += "]"
                    }
                    if document > first { docs += "," }
                    docs += "["
                    docs += String(callRef)
                    docs += ","
                    docs += String(paragraph.turn)
                    docs += ","
                    docs += String(paragraph.paragraph)
                    docs += ","
                    docs += String(speakerRef)
                    docs += ","
                    SearchJSON.append(paragraph.text, to: &docs)
                    docs += "]"
                    document += 1
                }
            }
            callPosition += 1
        }
        var json = "{\"calls\":["
        json.reserveCapacity(calls.utf8.count + speakers.utf8.count + docs.utf8.count + 40)
        json += calls
        json += "],\"speakers\":["
        json += speakers
        json += "],\"docs\":["
        json += docs
        json += "]}\n"
        return json
    }

    /// The call that holds document `document` (the last call whose first document is at or before it).
    static func firstCall(of document: Int, firstDocument: [Int]) -> Int {
        max(0, firstDocument.partitioningIndex { $0 > document } - 1)
    }

    /// The key of chunk `chunk`: its document range and, for each call it takes paragraphs from, the call's key
    /// (``chunkKey(ofCall:contexts:)``) and where its documents start.
    static func chunkKey(_ chunk: Int, size: Int, documents: Int, firstDocument: [Int], callKeys: [ContentDigest]) -> ContentDigest {
        let first = chunk * size
        let end = min(first + size, documents)
        var hasher = DigestHasher()
        hasher.combine("chunk")
        hasher.combine(first)
        hasher.combine(end)
        var position = firstCall(of: first, firstDocument: firstDocument)
        while position < callKeys.count, firstDocument[position] < end {
            hasher.combine(Int(bitPattern: UInt(callKeys[position].high)))
            hasher.combine(Int(bitPattern: UInt(callKeys[position].low)))
            hasher.combine(firstDocument[position])
            position += 1
        }
        return hasher.finalize()
    }

    /// What a chunk shows of call `position` besides its paragraphs' text: the call's text digest, URL, label, company,
    /// date, and its speakers with their slugs; computed once per call, not once per chunk.
    static func chunkKey(ofCall position: Int, contexts: PageContexts) -> ContentDigest {
        let index = contexts.index
        let call = index.calls[position]
        var hasher = DigestHasher()
        for part in [call.digest.description, call.url, contexts.label(of: call), call.companyName,
                     call.outline.date.map { DateText.display($0, zone: call.outline.statedTimeZone) } ?? ""] {
            hasher.combine(part)
        }
        var speakers = Set<String>()
        for section in call.outline.sections {
            for turn in section.turns where speakers.insert(turn.speaker).inserted {
                hasher.combine(turn.speaker)
                hasher.combine(index.personSlug(call: position, name: turn.speaker) ?? "")
            }
        }
        return hasher.finalize()
    }

    /// The manifest the search page reads first.
    static func manifestJSON(documents: Int, averageLength: Double, shards: Int, chunkSize: Int, calls: Int) -> String {
        let stopwords = SearchTokenizer.stopwords.sorted().map(SearchJSON.string)
        let fields = [
            "\"version\":\(SearchIndexFormat.version)",
            "\"documents\":\(documents)",
            "\"calls\":\(calls)",
            "\"averageLength\":\(String(format: "%.4f", averageLength))",
            "\"k1\":\(SearchIndexFormat.k1)",
            "\"b\":\(SearchIndexFormat.b)",
            "\"impactLevels\":\(SearchIndexFormat.impactLevels)",
            "\"shards\":\(shards)",
            "\"chunkSize\":\(chunkSize)",
            "\"stopwords\":\(SearchJSON.array(stopwords))",
        ]
        return "{" + fields.joined(separator: ",") + "}\n"
    }

    /// One file per company, quarter and speaker with the document ranges that belong to it.
    static func filterFiles(index: SiteIndex, firstDocument: [Int], documents: Int) -> [(OutputPath, String)] {
        func range(ofCall call: Int) -> Range<Int> {
            firstDocument[call]..<(call + 1 < firstDocument.count ? firstDocument[call + 1] : documents)
        }
        var files: [(OutputPath, String)] = []
        for company in index.companies {
            guard let path = SearchIndexFormat.filterPath(kind: "company", slug: company.slug) else { continue }
            files.append((path, SearchIndexWriter.rangesJSON(company.calls.map(range(ofCall:))) + "\n"))
        }
        for quarter in index.quarters {
            guard let path = SearchIndexFormat.filterPath(kind: "quarter", slug: quarter.period.slug) else { continue }
            files.append((path, SearchIndexWriter.rangesJSON(quarter.calls.map(range(ofCall:))) + "\n"))
        }
        var turnRanges: [Int: [Range<Int>]] = [:]
        func turns(ofCall call: Int) -> [Range<Int>] {
            if let known = turnRanges[call] { return known }
            var result: [Range<Int>] = []
            var document = firstDocument[call]
            for count in index.calls[call].paragraphCounts {
                result.append(document..<(document + count))
                document += count
            }
            turnRanges[call] = result
            return result
        }
        for person in index.people {
            guard let path = SearchIndexFormat.filterPath(kind: "speaker", slug: person.slug) else { continue }
            var ranges: [Range<Int>] = []
            for appearance in person.appearances {
                let all = turns(ofCall: appearance.call)
                ranges += appearance.turns.map { all[$0 - 1] }
            }
            files.append((path, SearchIndexWriter.rangesJSON(ranges) + "\n"))
        }
        return files
    }

    /// `[[slug,name,role(,[other spellings])]…]` for the speaker filter, ordered like the speakers page (by surname);
    /// the other spellings are the names the calls print that the build merged into the person, sorted.
    static func speakersJSON(_ index: SiteIndex) -> String {
        let rows = index.peopleBySurname.map { index.people[$0] }.map { person in
            var fields = [SearchJSON.string(person.slug), SearchJSON.string(person.name),
                          SearchJSON.string(PageContexts.role(person.appearances[0].participant))]
            let others = Set(person.appearances.map(\.participant.name)).subtracting([person.name]).sorted()
            if !others.isEmpty { fields.append(SearchJSON.array(others.map(SearchJSON.string))) }
            return SearchJSON.array(fields)
        }
        return "[" + rows.joined(separator: ",\n") + "]\n"
    }

    /// `12345` as "12,345".
    static func grouped(_ number: Int) -> String {
        var digits = String(number)
        var position = digits.count - 3
        while position > 0 && digits[digits.index(digits.startIndex, offsetBy: position - 1)].isNumber {
            digits.insert(",", at: digits.index(digits.startIndex, offsetBy: position))
            position -= 3
        }
        return digits
    }

    /// The search page's context: the common keys plus `search` (see docs/THEME.md).
    static func page(contexts: PageContexts, documents: Int) -> [String: Any] {
        let index = contexts.index
        var context = contexts.common(path: SearchIndexFormat.pagePath, kind: .search, title: "Search",
                                      description: "Search every paragraph of \(index.calls.count) earnings-call transcripts by word, phrase, company, quarter and speaker.")
        context["search"] = [
            "callCount": index.calls.count,
            "callsLabel": "\(grouped(index.calls.count)) call\(index.calls.count == 1 ? "" : "s")",
            "paragraphCount": documents,
            "speakerCount": index.people.count,
            "companies": index.companies.map { ["slug": $0.slug, "name": $0.name] },
            "quarters": index.quarters.map { ["slug": $0.period.slug, "label": $0.period.label] },
        ]
        return context
    }
}

