import Foundation
import Testing
@testable import SiteBuilder

/// Postings as the oracles below take them.
private typealias Posting = (document: Int, flags: UInt8)

/// The tier split as it was before the counting one: a stable sort by impact, then one sort per tier.
private func sortingSplit(_ postings: [Posting], layout: SearchIndexLayout) -> [SearchTier] {
    let ranked = postings.sorted { a, b in
        a.flags >> 4 != b.flags >> 4 ? a.flags >> 4 > b.flags >> 4 : a.document < b.document
    }
    var tiers: [SearchTier] = []
    var start = 0
    var size = max(1, layout.firstTierPostings)
    while start < ranked.count {
        let slice = ranked[start..<min(start + size, ranked.count)]
        let ordered = slice.sorted { $0.document < $1.document }
        tiers.append(SearchTier(maxImpact: slice.first!.flags >> 4, count: slice.count, bytes: plainEncoding(ordered)))
        start += slice.count
        size = min(size * 2, max(layout.maximumTierPostings, 1))
    }
    return tiers
}

/// Postings in doc order as gap varints and flags bytes, as the index always stored them.
private func plainEncoding(_ postings: [Posting]) -> [UInt8] {
    var bytes: [UInt8] = []
    var previous = -1
    for posting in postings {
        SearchIndexFormat.appendVarint(posting.document - previous, to: &bytes)
        bytes.append(posting.flags)
        previous = posting.document
    }
    return bytes
}

/// `count` postings in increasing document order with impacts skewed towards the low levels.
private func randomPostings(_ generator: inout SplitMix, count: Int) -> [Posting] {
    var document = -1
    return (0..<count).map { _ in
        document += 1 + Int(generator.next() % (generator.next() % 4 == 0 ? 300 : 3))
        let impact = UInt8(min(15, Int(16 * generator.unit() * generator.unit())))
        return (document, impact << 4 | UInt8(generator.next() % 16))
    }
}

/// One call of random paragraphs (flags, text) over a small vocabulary, so calls share most terms.
private func randomCall(_ generator: inout SplitMix, paragraphs: Int) -> [(flags: UInt8, text: String)] {
    let vocabulary = (0..<400).map { "word\($0)z" } + ["and", "the", "revenue", "margin", "growth"]
    return (0..<paragraphs).map { _ in
        let words = (0..<(3 + Int(generator.next() % 40))).map { _ in
            vocabulary[min(Int(Double(vocabulary.count) * pow(generator.unit(), 2)), vocabulary.count - 1)]
        }
        return (UInt8(generator.next() % 12), words.joined(separator: " "))
    }
}

/// Everything of an index that its files depend on, by term (term ids differ between a patched and a fresh index).
private func contents(_ builder: SearchIndexBuilder) -> (terms: [String: [UInt8]], frequencies: [String: Int32], lasts: [String: Int32],
                                                         lengths: [UInt32], flags: [UInt8]) {
    var terms: [String: [UInt8]] = [:], frequencies: [String: Int32] = [:], lasts: [String: Int32] = [:]
    for (id, term) in builder.terms.enumerated() {
        terms[term] = builder.postings[id]
        frequencies[term] = builder.documentFrequency[id]
        lasts[term] = builder.lastDocument[id]
    }
    return (terms, frequencies, lasts, builder.lengths, builder.flags)
}

/// The search files of an output folder.
private func searchFiles(_ folder: URL) -> [String: Data] {
    snapshot(folder).filter { $0.key.hasPrefix("search/") }
}

/// The search files of a full build from scratch (no cache) of `site`, in a folder of its own.
private func fullBuildSearchFiles(_ site: TestSite) async throws -> [String: Data] {
    try await IncrementalBuildTests.fullBuild(site).filter { $0.key.hasPrefix("search/") }
}

@Suite("Search index: tiers without sorting, patched postings, the search cache, incremental builds")
struct SearchIncrementalTests {
    // MARK: Encoding

    @Test func tiersMatchTheSortingSplitTheyReplaced() {
        var generator = SplitMix(state: 11)
        let layouts = [SearchIndexLayout(), SearchIndexLayout(firstTierPostings: 3, maximumTierPostings: 4),
                       SearchIndexLayout(firstTierPostings: 1, maximumTierPostings: 1), SearchIndexLayout(firstTierPostings: 5, maximumTierPostings: 3),
                       SearchIndexLayout(firstTierPostings: 100, maximumTierPostings: 1000)]
        for count in [1, 2, 7, 100, 4097, 20_000] {
            let postings = randomPostings(&generator, count: count)
            let documents = postings.map { Int32($0.document) }, flags = postings.map(\.flags)
            for layout in layouts {
                let split = documents.withUnsafeBufferPointer { documents in
                    flags.withUnsafeBufferPointer { SearchIndexWriter.split(documents: documents, flags: $0, layout: layout) }
                }
                #expect(split == sortingSplit(postings, layout: layout), "\(count) postings, \(layout)")
            }
            for limit in [0, 5, 8 * 1024, 1 << 30] {
                var bytes: [UInt8] = [9]
                let fits = documents.withUnsafeBufferPointer { documents in
                    flags.withUnsafeBufferPointer { SearchIndexWriter.encodePostings(documents: documents, flags: $0, limit: limit, into: &bytes) }
                }
                let plain = plainEncoding(postings)
                #expect(fits == (plain.count <= limit))
                if fits { #expect(bytes == [9] + plain) }
            }
        }
    }

    @Test func theImpactTableAgreesWithTheFormula() {
        for average in [0.0, 1.0, 7.25, 24.9, 180.0] {
            let table = ImpactTable(averageLength: average)
            for length in 0..<(ImpactTable.lengthLimit + 40) {
                for tf in 0..<(ImpactTable.frequencyLimit + 8) {
                    #expect(table.impact(tf: tf, length: length) == SearchIndexFormat.impact(tf: tf, length: length, averageLength: average))
                }
            }
        }
    }

    @Test func jsonStringsAreAppendedAsTheyAreQuoted() {
        for text in ["", "plain words", "a \"quote\" and a \\", "tab\there\nnew line", "\u{1}\u{1F}", "line\u{2028}separator\u{2029}",
                     "é and ’ and — dashes", "\u{E000}private", "–"] {
            var json = "["
            SearchJSON.append(text, to: &json)
            #expect(json == "[" + SearchJSON.string(text), "\(text)")
        }
    }

    // MARK: Patching

    @Test func aPatchedIndexHoldsWhatAFreshOneWould() async throws {
        var generator = SplitMix(state: 5)
        let calls = (0..<30).map { _ in TokenizedCall.tokenize(randomCall(&generator, paragraphs: 1 + Int(generator.next() % 25))) }
        var old = SearchIndexBuilder()
        var firsts: [Int] = []
        for call in calls {
            firsts.append(old.documentCount)
            old.add(call)
        }
        // Calls kept, changed (new text, other paragraph counts), removed, added before, between and after the others.
        var edits: [Int] = [0, 1, 2, 4, 5, 6, 7, 9]
        edits += Array(10..<29)
        let before = TokenizedCall.tokenize(randomCall(&generator, paragraphs: 4))
        var segments: [SearchIndexBuilder.Segment] = [.added(before)]
        var expected = [before]
        for position in edits {
            if position % 7 == 3 || position == 5 {
                let changed = TokenizedCall.tokenize(randomCall(&generator, paragraphs: 1 + Int(generator.next() % 30)))
                segments.append(.added(changed))
                expected.append(changed)
            } else {
                segments.append(.reused(first: firsts[position], count: calls[position].lengths.count))
                expected.append(calls[position])
            }
            if position == 12 {
                let inserted = TokenizedCall.tokenize([(0, "zebra quokka and the okapi"), (5, "")])
                segments.append(.added(inserted))
                expected.append(inserted)
            }
        }
        let last = TokenizedCall.tokenize(randomCall(&generator, paragraphs: 3))
        segments.append(.added(last))
        expected.append(last)

        var fresh = SearchIndexBuilder()
        for call in expected { fresh.add(call) }
        var patched = old
        #expect(try await patched.patch(segments, parallelism: 2))
        let (a, b) = (contents(patched), contents(fresh))
        #expect(a.terms == b.terms)
        #expect(a.frequencies == b.frequencies)
        #expect(a.lasts == b.lasts)
        #expect(a.lengths == b.lengths && a.flags == b.flags)
        #expect(patched.isConsistent())
        #expect(Set(old.terms).subtracting(patched.terms).allSatisfy { term in !expected.contains { $0.vocabulary.contains(term) } })

        var reordered = old
        #expect(try await !reordered.patch([.reused(first: firsts[3], count: calls[3].lengths.count), .reused(first: firsts[1], count: calls[1].lengths.count)],
                                           parallelism: 2))
        var outside = old
        #expect(try await !outside.patch([.reused(first: old.documentCount, count: 1)], parallelism: 2))
    }

    // MARK: The cache's files

    @Test func theSearchCacheReadsBackWhatItWroteAndIgnoresDamage() throws {
        var generator = SplitMix(state: 9)
        var builder = SearchIndexBuilder()
        var facts: [SearchIndexCache.CallFacts] = []
        for number in 0..<12 {
            let call = TokenizedCall.tokenize(randomCall(&generator, paragraphs: 8))
            builder.add(call)
            facts.append(SearchIndexCache.CallFacts(source: ContentDigest(high: UInt64(number), low: 7), call: call, textBytes: 100 * number))
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-search-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = SearchIndexCache(folder: folder)
        let calls = SearchIndexCache.Calls(calls: facts, written: .init(key: ContentDigest(high: 1, low: 2), terms: builder.terms.count,
                                                                        shards: [ContentDigest(high: 3, low: 4), ContentDigest(high: 5, low: 6)],
                                                                        tiers: [SearchTierFile(shard: 1, ordinal: 0, tier: 2, digest: ContentDigest(high: 8, low: 9))]))
        try cache.writeCalls(calls)
        try cache.writePostings(builder, tokensKey: calls.tokensKey)
        #expect(cache.readCalls() == calls)
        let read = try #require(cache.readPostings(tokensKey: calls.tokensKey))
        #expect(read.terms == builder.terms && read.postings == builder.postings && read.lengths == builder.lengths && read.flags == builder.flags)
        #expect(read.documentFrequency == builder.documentFrequency && read.lastDocument == builder.lastDocument && read.isConsistent())
        #expect(cache.readPostings(tokensKey: ContentDigest(high: 0, low: 0)) == nil, "postings of other tokens")

        for url in [cache.callsURL, cache.postingsURL] {
            let original = try Data(contentsOf: url)
            var flipped = original
            flipped[flipped.count / 2] ^= 0x20
            for damaged in [flipped, original.prefix(original.count - 3), Data()] {
                try damaged.write(to: url)
                #expect(url == cache.callsURL ? cache.readCalls() == nil : cache.readPostings(tokensKey: calls.tokensKey) == nil)
            }
            try original.write(to: url)
        }
        #expect(cache.readCalls() == calls)
    }

    // MARK: Builds

    /// Twelve calls of 400 paragraphs that all say "widget", so that word's postings leave its shard for tier files.
    static func corpus() -> [String: String] {
        var files: [String: String] = [:]
        for number in 0..<12 {
            let paragraphs = (0..<400).map { "The widget line \(number)-\($0) grew and the margin \($0 % 7 == 0 ? "widened" : "held")." }
            let month = ["FEBRUARY", "MAY", "AUGUST", "NOVEMBER"][number % 4]
            files["acme/acme-\(number).txt"] = pdfTranscript(period: "Q\(number % 4 + 1) \(2010 + number / 4)",
                                                              date: "\(month) 7, \(2010 + number / 4) / 9:00PM GMT",
                                                              ceoSays: paragraphs.joined(separator: "\n\n"))
        }
        return files
    }

    @Test func incrementalBuildsWriteTheSearchFilesOfAFullBuild() async throws {
        let site = try TestSite(files: Self.corpus(), includeReference: true)
        defer { site.remove() }
        let first = try await site.build()
        #expect(try #require(first.search).tierFiles > 0)
        #expect(searchFiles(site.output) == (try await fullBuildSearchFiles(site)))
        let folder = try #require(FileManager.default.contentsOfDirectory(at: site.root.appendingPathComponent(".sitegen-cache"),
                                                                           includingPropertiesForKeys: nil).first { $0.lastPathComponent.hasPrefix("v") })
        let postingsFile = folder.appendingPathComponent("search-postings.bin")
        let transcript = "Content/acme/acme-4.txt"
        var text = try String(contentsOf: site.root.appendingPathComponent(transcript), encoding: .utf8)

        func rebuild(_ change: String) async throws {
            let report = try await site.build()
            #expect(report.incremental, "\(change)")
            #expect(searchFiles(site.output) == (try await fullBuildSearchFiles(site)), "\(change)")
        }
        func edit(_ from: String, _ to: String) throws {
            let range = try #require(text.range(of: from))
            text.replaceSubrange(range, with: to)
            try site.write(text, to: transcript)
        }

        // Only a stop word added: the same tokens, the stored postings are not even read or written again.
        let postings = try Data(contentsOf: postingsFile)
        try edit("line 4-17 grew and", "line 4-17 grew and also")
        try await rebuild("a stop word added")
        #expect(try Data(contentsOf: postingsFile) == postings)

        try edit("line 4-18 grew", "line 4-18 quietly grew")
        try await rebuild("a word added")
        #expect(try Data(contentsOf: postingsFile) != postings)
        #expect(try Data(contentsOf: postingsFile).range(of: Data("quiet".utf8)) != nil)

        try edit("line 4-30 grew and the margin", "line 4-30 grew.\n\nAnd the margin")
        try await rebuild("a paragraph split in two")

        try site.write(pdfTranscript(period: "Q2 2011", date: "MAY 9, 2011 / 9:00PM GMT", ceoSays: "A second call in May.\n\nWidget sales rose."),
                       to: "Content/acme/acme-extra.txt")
        try await rebuild("a call added")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/acme/acme-7.txt"))
        try await rebuild("a call removed")

        var damaged = try Data(contentsOf: postingsFile)
        damaged[damaged.count / 3] ^= 0x01
        try damaged.write(to: postingsFile)
        try edit("line 4-40 grew", "line 4-40 rapidly grew")
        try await rebuild("a damaged postings file and a word added")

        let tier = try #require(FileManager.default.enumerator(at: site.output.appendingPathComponent("search/tiers"), includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.first { $0.pathExtension == "bin" })
        try Data([1, 2, 3]).write(to: tier)
        try edit("line 4-41 grew and", "line 4-41 grew and also")
        try await rebuild("a tier file changed by hand and a stop word added")

        try FileManager.default.removeItem(at: site.output)
        try edit("line 4-42 grew and", "line 4-42 grew and also")
        let report = try await site.build()
        #expect(searchFiles(site.output) == (try await fullBuildSearchFiles(site)), "the output folder removed")
        #expect(!report.incremental)
    }
}
