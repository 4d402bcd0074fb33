import Foundation

/// The paragraphs of one call as terms: made on any core by ``tokenize(_:)``, merged in order by
/// ``SearchIndexBuilder/add(_:)``.
struct TokenizedCall: Sendable {
    /// The call's distinct terms, in order of first appearance; entries refer to them by position.
    var vocabulary: [String] = []
    /// Per paragraph: the flags byte (group and section codes, without the impact).
    var flags: [UInt8] = []
    /// Per paragraph: how many terms it has (its BM25 length).
    var lengths: [UInt32] = []
    /// Per paragraph: the end of its entries in `entryTerms` / `entryCounts`.
    var ends: [Int] = []
    /// Entries: a term (position in `vocabulary`) of a paragraph…
    var entryTerms: [Int32] = []
    /// …and how often it occurs there.
    var entryCounts: [UInt16] = []

    /// Tokenizes paragraphs given as (flags, text), in order.
    static func tokenize(_ paragraphs: [(flags: UInt8, text: String)]) -> TokenizedCall {
        var tokenizer = SearchTokenizer()
        var result = TokenizedCall()
        var known: [[UInt8]: Int32] = [:]
        var local: [String: Int32] = [:]
        var terms: [Int32] = []
        for paragraph in paragraphs {
            terms.removeAll(keepingCapacity: true)
            tokenizer.forEachWord(paragraph.text) { word in
                if let id = known[word] {
                    if id >= 0 { terms.append(id) }
                    return
                }
                let string = String(decoding: word, as: UTF8.self)
                var id: Int32 = -1
                if !SearchTokenizer.stopwords.contains(string) {
                    let term = SearchStemmer.stem(string)
                    if let existing = local[term] {
                        id = existing
                    } else {
                        id = Int32(result.vocabulary.count)
                        local[term] = id
                        result.vocabulary.append(term)
                    }
                    terms.append(id)
                }
                known[word] = id
            }
            terms.sort()
            var position = 0
            while position < terms.count {
                var next = position + 1
                while next < terms.count && terms[next] == terms[position] { next += 1 }
                result.entryTerms.append(terms[position])
                result.entryCounts.append(UInt16(min(next - position, Int(UInt16.max))))
                position = next
            }
            result.flags.append(paragraph.flags)
            result.lengths.append(UInt32(terms.count))
            result.ends.append(result.entryTerms.count)
        }
        return result
    }
}

/// Accumulates postings for the whole archive, one call at a time in document order.
///
/// Memory stays close to the size of the final index: each term's postings are kept as they will be stored
/// (a doc-id gap varint, then a term-frequency varint), and per paragraph only its length and flags are kept.
struct SearchIndexBuilder {
    /// Terms by id.
    private(set) var terms: [String] = []
    /// Term ids by term.
    private var ids: [String: Int32] = [:]
    /// Per term: (gap, tf) varint pairs in doc order.
    private(set) var postings: [[UInt8]] = []
    /// Per term: the last document added (for gaps).
    private var lastDocument: [Int32] = []
    /// Per term: how many paragraphs contain it.
    private(set) var documentFrequency: [Int32] = []
    /// Per paragraph: its length in terms.
    private(set) var lengths: [UInt32] = []
    /// Per paragraph: group and section codes.
    private(set) var flags: [UInt8] = []

    /// How many paragraphs have been added.
    var documentCount: Int { lengths.count }

    /// Appends a call's paragraphs as the next documents.
    mutating func add(_ call: TokenizedCall) {
        var global = [Int32](repeating: 0, count: call.vocabulary.count)
        for (position, term) in call.vocabulary.enumerated() {
            if let id = ids[term] {
                global[position] = id
            } else {
                let id = Int32(terms.count)
                ids[term] = id
                terms.append(term)
                postings.append([])
                lastDocument.append(-1)
                documentFrequency.append(0)
                global[position] = id
            }
        }
        var start = 0
        for (paragraph, end) in call.ends.enumerated() {
            let document = Int32(lengths.count)
            lengths.append(call.lengths[paragraph])
            flags.append(call.flags[paragraph])
            for entry in start..<end {
                let id = Int(global[Int(call.entryTerms[entry])])
                SearchIndexFormat.appendVarint(Int(document - lastDocument[id]), to: &postings[id])
                SearchIndexFormat.appendVarint(Int(call.entryCounts[entry]), to: &postings[id])
                lastDocument[id] = document
                documentFrequency[id] += 1
            }
            start = end
        }
    }

    /// The average paragraph length in terms (0 for an empty archive).
    var averageLength: Double {
        lengths.isEmpty ? 0 : Double(lengths.reduce(0) { $0 + Int($1) }) / Double(lengths.count)
    }

    /// A term's postings as (document, tf) pairs, in doc order.
    func decodedPostings(_ term: Int) -> [(document: Int, tf: Int)] {
        let bytes = postings[term]
        var result: [(Int, Int)] = []
        result.reserveCapacity(Int(documentFrequency[term]))
        var position = 0
        var document = -1
        while position < bytes.count {
            document += SearchIndexFormat.readVarint(bytes, &position)
            result.append((document, SearchIndexFormat.readVarint(bytes, &position)))
        }
        return result
    }

    /// The id of a term, if it occurs anywhere.
    func id(of term: String) -> Int? { ids[term].map(Int.init) }
}
