import Foundation
import Testing
import TranscriptKit
@testable import SiteBuilder

/// One term of a decoded shard.
private struct ShardEntry {
    var df: Int
    var postings: [(document: Int, flags: UInt8)]?
    var tiers: [(maxImpact: Int, count: Int, bytes: Int)]
}

/// Reads a shard file the way search.js does.
private func decodeShard(_ bytes: [UInt8]) throws -> [String: ShardEntry] {
    #expect(Array(bytes.prefix(4)) == Array("SGS1".utf8))
    var position = 4
    var result: [String: ShardEntry] = [:]
    let count = SearchIndexFormat.readVarint(bytes, &position)
    for _ in 0..<count {
        let length = SearchIndexFormat.readVarint(bytes, &position)
        let term = String(decoding: bytes[position..<(position + length)], as: UTF8.self)
        position += length
        let df = SearchIndexFormat.readVarint(bytes, &position)
        let tierCount = SearchIndexFormat.readVarint(bytes, &position)
        var entry = ShardEntry(df: df, postings: nil, tiers: [])
        if tierCount == 0 {
            let size = SearchIndexFormat.readVarint(bytes, &position)
            entry.postings = decodePostings(Array(bytes[position..<(position + size)]))
            position += size
        } else {
            for _ in 0..<tierCount {
                let impact = SearchIndexFormat.readVarint(bytes, &position)
                let count = SearchIndexFormat.readVarint(bytes, &position)
                entry.tiers.append((impact, count, SearchIndexFormat.readVarint(bytes, &position)))
            }
        }
        result[term] = entry
    }
    #expect(position == bytes.count)
    return result
}

/// Doc-gap varints and flags bytes → (document, flags).
private func decodePostings(_ bytes: [UInt8]) -> [(document: Int, flags: UInt8)] {
    var result: [(Int, UInt8)] = []
    var position = 0
    var document = -1
    while position < bytes.count {
        document += SearchIndexFormat.readVarint(bytes, &position)
        result.append((document, bytes[position]))
        position += 1
    }
    return result
}

/// Builds an index from paragraphs (flags, text), one call per inner list.
private func index(_ calls: [[(flags: UInt8, text: String)]]) -> SearchIndexBuilder {
    var builder = SearchIndexBuilder()
    for call in calls { builder.add(TokenizedCall.tokenize(call)) }
    return builder
}

/// Encodes every shard of `builder`; returns the decoded entries of all shards and the encoded shards.
private func shards(_ builder: SearchIndexBuilder, layout: SearchIndexLayout) throws -> (entries: [String: ShardEntry], encoded: [EncodedShard]) {
    let count = SearchIndexWriter.shardCount(builder, layout: layout)
    let assignment = SearchIndexWriter.assign(builder, shards: count)
    var entries: [String: ShardEntry] = [:]
    var encoded: [EncodedShard] = []
    for terms in assignment {
        let shard = SearchIndexWriter.encodeShard(terms: terms, builder: builder, impacts: ImpactTable(averageLength: builder.averageLength), layout: layout)
        encoded.append(shard)
        for (term, entry) in try decodeShard(shard.bytes) { entries[term] = entry }
    }
    return (entries, encoded)
}

/// The examples shared with the browser tests (search.js must agree with them too).
private struct SharedCases: Decodable {
    struct Text: Decodable { var text: String; var terms: [String] }
    var texts: [Text]
    var stems: [[String]]
    var hashes: [[Hash]]

    enum Hash: Decodable {
        case word(String), value(UInt32)
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(UInt32.self) { self = .value(number) } else { self = .word(try container.decode(String.self)) }
        }
    }

    static func load() throws -> SharedCases {
        let url = repositoryRoot.appendingPathComponent("Tests/browser/tokenizer_cases.json")
        return try JSONDecoder().decode(SharedCases.self, from: Data(contentsOf: url))
    }
}

/// A pseudo-random paragraph of `count` words from `vocabulary`, with a Zipf-like skew (word k about 1/k as often).
private func paragraph(_ generator: inout SplitMix, vocabulary: [String], count: Int) -> String {
    (0..<count).map { _ in
        let rank = Int(Double(vocabulary.count) * pow(generator.unit(), 3))
        return vocabulary[min(rank, vocabulary.count - 1)]
    }.joined(separator: " ")
}

@Suite("Search index: tokenizer, stemmer, postings, shards, build step")
struct SearchIndexTests {
    // MARK: Words

    @Test func tokenizerAndStemmerMatchTheCasesSharedWithSearchJS() throws {
        let cases = try SharedCases.load()
        var tokenizer = SearchTokenizer()
        for example in cases.texts {
            #expect(tokenizer.terms(example.text) == example.terms, "\(example.text)")
        }
        for pair in cases.stems {
            #expect(SearchStemmer.stem(pair[0]) == pair[1], "\(pair[0])")
        }
        for pair in cases.hashes {
            guard case .word(let word) = pair[0], case .value(let value) = pair[1] else {
                Issue.record("malformed hash case")
                continue
            }
            #expect(SearchIndexFormat.hash(word) == value, "\(word)")
        }
    }

    @Test func numbersAreKeptSoAmountsAndPercentagesAreFindable() {
        var tokenizer = SearchTokenizer()
        #expect(tokenizer.terms("$87 million") == ["87", "million"])
        #expect(tokenizer.terms("44.2%") == ["44.2"])
        #expect(tokenizer.terms("1,250,000 lines; 3, 4 or 5.") == ["1250000", "lin", "3", "4", "5"])
        #expect(tokenizer.terms("in 2012. Then Q3.") == ["2012", "q3"])
        #expect(tokenizer.terms("$0.15 per share") == ["0.15", "per", "shar"])
    }

    @Test func aNumberWithAUnitIsAlsoIndexedAsTheNumber() {
        var tokenizer = SearchTokenizer()
        #expect(tokenizer.terms("Revenue was $87M") == ["revenu", "87m", "87"])
        #expect(tokenizer.terms("$1.2B, 3.5x, 1,200MW, 2Q12, 10k, the 1990s") ==
            ["1.2b", "1.2", "3.5x", "3.5", "1200mw", "1200", "2q12", "2", "10k", "10", "1990s", "1990"])
        #expect(tokenizer.terms("1.2.3b 87m's 87's 87.m") == ["1.2.3b", "1.2.3", "87m", "87", "87", "s", "87", "m"])
        #expect(tokenizer.terms("Q3 q3x a1 10-K 44.2% 87 million") == ["q3", "q3x", "a1", "10", "k", "44.2", "87", "million"])
        #expect(tokenizer.terms("８７Ｍ 87ém 87ŋx 8٣m 87亿元 87m中") ==
            ["87m", "87", "87em", "87", "87ŋx", "87", "8٣m", "87", "亿元", "87m", "87", "中"])
        #expect(tokenizer.terms("2000mbps 87meetings") == ["2000mbps", "2000", "87meetings", "87"], "no stemming")
        let long = String(repeating: "1", count: 63)
        #expect(tokenizer.terms(long + "m") == [long + "m", long])
        #expect(tokenizer.terms(long + "1m") == [], "a word over 64 bytes is dropped with its number")
    }

    @Test func aNumberWithAUnitCountsInItsParagraph() {
        let call = TokenizedCall.tokenize([(0, "Revenue was $87M, or 87 million"), (0, "Revenue was 87 million")])
        #expect(call.vocabulary == ["revenu", "87m", "87", "million"])
        #expect(call.lengths == [5, 3])
        let entries = zip(call.entryTerms, call.entryCounts).map { (call.vocabulary[Int($0)], $1) }
        #expect(entries.map(\.0) == ["revenu", "87m", "87", "million", "revenu", "87", "million"])
        #expect(entries.map(\.1) == [1, 1, 2, 1, 1, 1, 1])
    }

    @Test func diacriticsCaseAndCompatibilityFormsAreFolded() {
        var tokenizer = SearchTokenizer()
        #expect(tokenizer.words("MÜLLER Muller mu\u{308}ller") == ["muller", "muller", "muller"])
        #expect(tokenizer.words("Café CAFE\u{301} ﬁnance ２０１２") == ["cafe", "cafe", "finance", "2012"])
        #expect(tokenizer.words("Zoë São Paulo Ørsted Łódź") == ["zoe", "sao", "paulo", "orsted", "lodz"])
    }

    @Test func lettersNFKDLeavesWholeAreSpeltAsTheSlugsSpellThem() {
        var tokenizer = SearchTokenizer()
        #expect(tokenizer.words("Ørsted Łódź Færøerne Œuvre Đakovo Diyarbakır Straße STRASSE ẞ Ħal Þór Ðorđe") ==
            ["orsted", "lodz", "faeroerne", "oeuvre", "dakovo", "diyarbakir", "strasse", "strasse", "ss", "hal", "thor", "dorde"])
        #expect(tokenizer.terms("the Færøerne operators") == ["faeroern", "operator"])
    }

    @Test func formatCharactersInsideAWordDoNotSplitIt() {
        var tokenizer = SearchTokenizer()
        #expect(tokenizer.words("reve\u{AD}nue broad\u{AD}band tele\u{2060}communications zero\u{200B}width\u{FEFF}split") ==
            ["revenue", "broadband", "telecommunications", "zerowidthsplit"])
        #expect(tokenizer.words("\u{FEFF}Revenue \u{AD} grew") == ["revenue", "grew"])
        #expect(tokenizer.words("44\u{AD}.2% don\u{200B}'t") == ["44.2", "dont"])
    }

    @Test func stemmingConflatesCommonForms() {
        let groups = [
            ["reform", "reforms", "reformed", "reforming"],
            ["impact", "impacts", "impacted", "impacting"],
            ["price", "prices", "priced", "pricing"],
            ["customer", "customers", "customer's"],
            ["company", "companies"],
            ["invest", "investment", "investments"],
        ]
        var tokenizer = SearchTokenizer()
        for group in groups {
            let stems = Set(group.flatMap { tokenizer.terms($0) })
            #expect(stems.count == 1, "\(group) → \(stems)")
        }
        #expect(SearchStemmer.stem("q3") == "q3")
        #expect(SearchStemmer.stem("usf") == "usf")
        #expect(SearchStemmer.stem("ørsted") == "ørsted")
    }

    @Test func stopWordsAreLeftOutButUSIsKept() {
        var tokenizer = SearchTokenizer()
        #expect(tokenizer.terms("the US and the rest of it") == ["us", "rest"])
        #expect(tokenizer.terms("We're what it's") == [])
    }

    // MARK: Postings and shards

    @Test func postingsOfATinyCorpusHaveTheRightDocumentsFrequenciesAndFlags() throws {
        let executive = SearchIndexFormat.groupCode(.corporate) << 2 | SearchIndexFormat.sectionCode(.presentation)
        let analyst = SearchIndexFormat.groupCode(.analyst) << 2 | SearchIndexFormat.sectionCode(.questionsAndAnswers)
        let builder = index([
            [(executive, "USF reform matters. Reform, reform!"), (executive, "Revenue grew.")],
            [(analyst, "What about USF?"), (analyst, "Nothing relevant here at all, nothing.")],
        ])
        #expect(builder.documentCount == 4)
        #expect(builder.lengths == [5, 2, 1, 3])
        let (entries, encoded) = try shards(builder, layout: SearchIndexLayout())
        #expect(encoded.count == 1)
        #expect(encoded[0].tiers.isEmpty)
        let reform = try #require(entries["reform"])
        #expect(reform.df == 1)
        #expect(reform.postings?.map(\.document) == [0])
        let usf = try #require(entries["usf"])
        #expect(usf.df == 2)
        #expect(usf.postings?.map(\.document) == [0, 2])
        #expect(usf.postings?.map { $0.flags & 0x0F } == [executive, analyst])
        #expect(entries["relevant"]?.postings?.map(\.document) == [3])
        #expect(entries["the"] == nil && entries["what"] == nil)
        let average = builder.averageLength
        let reformImpact = Int(reform.postings![0].flags >> 4)
        #expect(reformImpact == Int(SearchIndexFormat.impact(tf: 3, length: 5, averageLength: average)))
        #expect(reformImpact > Int(usf.postings![0].flags >> 4), "three occurrences weigh more than one in the same paragraph")
        #expect(Int(usf.postings![1].flags >> 4) > Int(usf.postings![0].flags >> 4), "a shorter paragraph weighs more")
    }

    @Test func shardAssignmentIsDeterministicAndFollowsTheHash() throws {
        #expect(SearchIndexFormat.hash("") == 2_166_136_261)
        #expect(SearchIndexFormat.hash("a") == 0xE40C_292C)
        var generator = SplitMix(state: 7)
        let vocabulary = (0..<3000).map { "word\($0)x" }
        let calls = (0..<40).map { _ in (0..<25).map { _ in (UInt8(0), paragraph(&generator, vocabulary: vocabulary, count: 60)) } }
        let layout = SearchIndexLayout(shardTargetBytes: 4096)
        let first = try shards(index(calls), layout: layout)
        let second = try shards(index(calls), layout: layout)
        #expect(first.encoded.count > 1)
        #expect(first.encoded.map(\.bytes) == second.encoded.map(\.bytes))
        for (number, shard) in first.encoded.enumerated() {
            for term in try decodeShard(shard.bytes).keys {
                #expect(SearchIndexFormat.shard(of: term, shards: first.encoded.count) == number)
            }
        }
    }

    @Test func aOneWordQueryReadsOneSmallShardAndOneSmallTierEvenForTheCommonestWord() throws {
        var generator = SplitMix(state: 42)
        let vocabulary = (0..<5000).map { "term\($0)q" }
        let calls = (0..<100).map { _ in (0..<100).map { _ in (UInt8(0), paragraph(&generator, vocabulary: vocabulary, count: 30)) } }
        let layout = SearchIndexLayout()
        let builder = index(calls)
        let (entries, encoded) = try shards(builder, layout: layout)
        let total = encoded.reduce(0) { $0 + $1.bytes.count + $1.tiers.reduce(0) { $0 + $1.content.bytes.count } }
        let largestShard = encoded.map(\.bytes.count).max() ?? 0
        #expect(encoded.count >= 4)
        #expect(largestShard <= 2 * layout.shardTargetBytes, "largest shard \(largestShard) bytes")
        #expect(largestShard * 10 < total, "a shard is a small part of the index (\(largestShard) of \(total) bytes)")
        let commonest = try #require(entries.max { $0.value.df < $1.value.df })
        #expect(commonest.value.df > 5000)
        #expect(!commonest.value.tiers.isEmpty, "the commonest word's postings left its shard")
        let firstTier = commonest.value.tiers[0]
        #expect(firstTier.count == layout.firstTierPostings)
        #expect(firstTier.bytes < 3 * layout.firstTierPostings)
    }

    @Test func tiersHoldTheBestPostingsFirstEachInDocumentOrder() throws {
        let builder = index([(0..<12).map { number in (UInt8(0), String(repeating: "alpha ", count: 1 + number % 4) + String(repeating: "filler ", count: number)) }])
        let layout = SearchIndexLayout(inlineLimit: 4, firstTierPostings: 3, maximumTierPostings: 4)
        let (entries, encoded) = try shards(builder, layout: layout)
        let alpha = try #require(entries["alpha"])
        #expect(alpha.df == 12)
        #expect(alpha.tiers.map(\.count) == [3, 4, 4, 1])
        let tierFiles = encoded[0].tiers.filter { $0.ordinal == 0 }
        #expect(tierFiles.count == 4)
        var all: [(document: Int, flags: UInt8)] = []
        var previousMinimum = Int.max
        for (number, tier) in tierFiles.enumerated() {
            let postings = decodePostings(tier.content.bytes)
            #expect(postings.map(\.document) == postings.map(\.document).sorted())
            let impacts = postings.map { Int($0.flags >> 4) }
            #expect(impacts.max() == alpha.tiers[number].maxImpact)
            #expect(impacts.max()! <= previousMinimum)
            previousMinimum = impacts.min()!
            all += postings
        }
        #expect(all.map(\.document).sorted() == Array(0..<12))
    }

    // MARK: The build step

    @Test func theSampleBuildWritesTheIndexAndASearchPage() async throws {
        let (site, report) = try await SampleBuild.shared.get()
        let summary = try #require(report.search)
        #expect(report.pages[.search] == 1)
        let transcript = try TranscriptReader.standard.read(contentsOf: referenceURL)
        #expect(summary.paragraphs == transcript.turns.reduce(0) { $0 + $1.paragraphs.count })
        #expect(summary.totalBytes > 0 && summary.shards >= 1)
        #expect(report.summary(output: "Public/", warningsListed: false).contains("search: \(summary.paragraphs) paragraphs"))

        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: site.output.appendingPathComponent("search/manifest.json"))) as? [String: Any]
        #expect(manifest?["documents"] as? Int == summary.paragraphs)
        #expect(manifest?["shards"] as? Int == summary.shards)

        let term = "telcotv"
        let shard = SearchIndexFormat.shard(of: term, shards: summary.shards)
        let bytes = try [UInt8](Data(contentsOf: site.output.appendingPathComponent("search/shards/\(shard).bin")))
        let entry = try #require(try decodeShard(bytes)[term])
        #expect(entry.df == 3)
        let chunkSize = try #require(manifest?["chunkSize"] as? Int)
        for posting in entry.postings ?? [] {
            let chunk = posting.document / chunkSize
            let url = site.output.appendingPathComponent("search/docs/\(chunk >> 10)/\(chunk).json")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            let row = try #require((json["docs"] as? [[Any]])?[posting.document - chunk * chunkSize])
            #expect((row[4] as? String)?.contains("TelcoTV") == true)
            let callRef = try #require(row[0] as? Int)
            let call = try #require((json["calls"] as? [[String]])?[callRef])
            #expect(call[0] == "companies/calx/2012-q3/")
            let html = try site.page("companies/calx/2012-q3/index.html")
            #expect(html.contains("id=\"t\(row[1])-p\(row[2])\""))
        }

        let ranges = try String(contentsOf: site.output.appendingPathComponent("search/filters/speaker/carl-russo.json"), encoding: .utf8)
        #expect(ranges.hasPrefix("[["))
        let page = try site.page("search/index.html")
        #expect(page.contains("<script src=\"../assets/search.js\" defer></script>"))
        #expect(page.contains("<noscript>"))
        #expect(page.contains("<option value=\"calx\">Calix, Inc.</option>"))
        #expect(page.contains("<option value=\"2012-q3\">Q3 2012</option>"))
        #expect(page.contains("data-root=\"../\""))
        #expect(page.contains("every paragraph of 1 call."))
        #expect(SearchStep.grouped(1_234_567) == "1,234,567" && SearchStep.grouped(999) == "999")
        let home = try site.page("index.html")
        #expect(home.contains("<form class=\"site-search\" action=\"search/\" method=\"get\" role=\"search\">"))
        let transcriptPage = try site.page("companies/calx/2012-q3/index.html")
        #expect(transcriptPage.contains("action=\"../../../search/\""))
    }

    /// A spelling merged into a person, by the automatic rule (Mike for Michael) or the people table (an alias), is in
    /// their row of speakers.json, so that search.js resolves `speaker=Mike Smith` to `michael-smith`.
    @Test func speakersListEverySpellingMergedIntoAPerson() async throws {
        func call(_ period: String, _ date: String, ceo: String, analyst: String = "John Doe") -> String {
            pdfTranscript(period: period, date: date).replacingOccurrences(of: "Jane Roe", with: ceo)
                .replacingOccurrences(of: "John Doe", with: analyst)
        }
        let site = try TestSite(files: [
            "q1.txt": call("Q1 2013", "FEBRUARY 7, 2013 / 9:00PM GMT", ceo: "Michael Smith"),
            "q2.txt": call("Q2 2013", "MAY 7, 2013 / 9:00PM GMT", ceo: "Mike Smith", analyst: "Jack Dough"),
            "q3.txt": call("Q3 2013", "AUGUST 7, 2013 / 9:00PM GMT", ceo: "Michael Smith"),
        ], config: "people:\n  - name: John Doe\n    aliases: [Jack Dough]\n")
        defer { site.remove() }
        try await site.build()
        let rows = try #require(JSONSerialization.jsonObject(with: Data(try site.page("search/speakers.json").utf8)) as? [[Any]])
        #expect(rows.map { $0[0] as? String } == ["john-doe", "michael-smith"])
        #expect(rows.map { $0[1] as? String } == ["John Doe", "Michael Smith"])
        #expect(rows.map { $0.count > 3 ? $0[3] as? [String] : nil } == [["Jack Dough"], ["Mike Smith"]])
    }

    @Test func contentCannotTakeTheSearchFolder() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript(), "search.md": "# Mine\n", "search/manifest.json": "{}"])
        defer { site.remove() }
        let report = try await site.build()
        #expect(report.skipped.contains { $0.file == "Content/search.md" })
        #expect(report.warnings.contains { $0.file == "Content/search/manifest.json" })
        #expect(try site.page("search/manifest.json").contains("\"version\":1"))
    }

    /// A site's copy of the default theme from before search existed: the built-in theme's search page fills the gap.
    @Test func aThemeCopyWithoutASearchTemplateGetsTheBuiltInOne() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript()])
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Themes/default/templates/search.mustache"))
        let report = try await site.build()
        #expect(report.published)
        #expect(report.search?.paragraphs ?? 0 > 0)
        #expect(report.warnings.isEmpty)
        #expect(try site.page("search/index.html").contains("assets/search.js"))
    }

    @Test func anEmptyArchiveStillGetsAnIndexThatSearchJSCanRead() async throws {
        let site = try TestSite()
        defer { site.remove() }
        let report = try await site.build()
        #expect(report.search?.paragraphs == 0)
        #expect(try site.page("search/manifest.json").contains("\"documents\":0"))
        let bytes = try [UInt8](Data(contentsOf: site.output.appendingPathComponent("search/shards/0.bin")))
        #expect(try decodeShard(bytes).isEmpty)
    }
}
