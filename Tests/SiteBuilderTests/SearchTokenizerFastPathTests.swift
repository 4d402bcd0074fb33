import Foundation
import Testing
import TranscriptKit
@testable import SiteBuilder

/// The byte scanner in ``SearchTokenizer``, the in-place ``SearchStemmer`` and the byte-keyed word table of
/// ``TokenizedCall`` against copies of the code they replaced (below): same words, terms, stems and calls.
@Suite("Search tokenizer fast path: identical to the previous implementation")
struct SearchTokenizerFastPathTests {
    /// The reference transcript's paragraphs, numbered and flagged as the search step does.
    private static func referenceParagraphs() throws -> [(flags: UInt8, text: String)] {
        let transcript = try TranscriptReader.standard.read(contentsOf: repositoryRoot.appendingPathComponent("Content/calx-q3-2012.txt"))
        return SearchStep.paragraphs(of: transcript).map { ($0.flags, $0.text) }
    }

    @Test func referenceTranscriptGivesTheSameWordsTermsAndCall() throws {
        let paragraphs = try Self.referenceParagraphs()
        #expect(paragraphs.count > 100)
        var tokenizer = SearchTokenizer()
        var oracle = OracleTokenizer()
        for paragraph in paragraphs {
            expectSameWords(paragraph.text, &tokenizer, &oracle)
        }
        expectSameCall(paragraphs)
    }

    @Test func randomTextGivesTheSameWordsTermsAndCalls() {
        var generator = SplitMix(state: 0x5EED_2012)
        let texts = (0..<5000).map { _ in randomText(&generator) }
        var tokenizer = SearchTokenizer()
        var oracle = OracleTokenizer()
        var words = 0
        for text in texts {
            words += expectSameWords(text, &tokenizer, &oracle)
        }
        #expect(words > 30_000)
        for start in stride(from: 0, to: texts.count, by: 40) {
            expectSameCall(texts[start..<min(start + 40, texts.count)].map { (UInt8(truncatingIfNeeded: $0.utf8.count), $0) })
        }
        expectSameCall(texts.map { (0, $0) })
    }

    @Test func edgeCasesGiveTheSameWords() {
        let texts = [
            "", " ", "s", "'s", "a's", "a'sb", "a's'", "a's.", "a'", "a''b", "a’’b", "a'’b", "1'a", "a'1", "1.", "1..2", "1.,2",
            "1,000,000.5", ".5", ",5", "5,", "5.a", "a.5", "a,b", "Calix's", "CALIX'S", "Calix’S", "don't", "rock'n'roll",
            "it's'", "x's's", "l'été", "É's", "ü'ü", "２,０００", "1\u{FE52}5", "don\u{FF07}t", "1\u{FF0C}000", "٣,٣", "٣.5",
            "ǅa", "İstanbul", "Straße", "½", "Ⅻ'S", "\u{1D2C}BC", "\u{212A}elvin", "가나다", "e\u{301}\u{301}'s", "'\u{301}s",
            "a'\u{301}s", "a'\u{301}", "1.\u{301}2", "\u{301}", "a\u{2028}b", "a\tb\nc", "😀's", "a😀b", "中's", "中'文",
            String(repeating: "a", count: 64), String(repeating: "a", count: 65), String(repeating: "a", count: 63) + "'s",
            String(repeating: "a", count: 64) + "'s", String(repeating: "a", count: 64) + "'sb", String(repeating: "1", count: 63) + ".5",
            String(repeating: "1", count: 63) + ",5", String(repeating: "é", count: 32), String(repeating: "é", count: 32) + "a",
            String(repeating: "中", count: 21) + "a", String(repeating: "中", count: 21) + "ab", String(repeating: "ﬁ", count: 33),
            String(repeating: "𝐀", count: 65), String(repeating: "a\u{301}", count: 64) + "b",
            "87m", "$87M", "1.2b", "1.2.3b", "1..2b", "1,200mw", "87m's", "87's", "2q12", "10-k", "87.m", "8٣m", "٣8m", "87ém",
            "87ßx", "87𝐀", "８７ｍ", "87²m", "²m", "87中", "87m中", "中87m", "q3", "1990s", "3.5x", "0.5'm",
            String(repeating: "1", count: 63) + "m", String(repeating: "1", count: 64) + "m", String(repeating: "1", count: 62) + "é",
            String(repeating: "1", count: 61) + "é", String(repeating: "1", count: 60) + "𝐀",
        ]
        var tokenizer = SearchTokenizer()
        var oracle = OracleTokenizer()
        for text in texts {
            expectSameWords(text, &tokenizer, &oracle)
        }
        expectSameCall(texts.map { (1, $0) })
    }

    @Test func stemmerGivesTheSameStems() throws {
        var tokenizer = SearchTokenizer()
        var words = Set(try Self.referenceParagraphs().flatMap { tokenizer.words($0.text) })
        var generator = SplitMix(state: 0x57E4)
        let letters = Array("aeiouybdfgmnprtsclzq").map(String.init)
        let suffixes = ["", "", "s", "es", "ies", "eies", "aies", "sses", "ss", "us", "is", "ing", "ed", "eed", "ization", "ation",
                        "ness", "ment", "ly", "y", "e", "ings", "ments", "izations", "bed", "tted", "nning", "ied"]
        for _ in 0..<30_000 {
            let stem = (0..<generator.below(9)).map { _ in letters[generator.below(letters.count)] }.joined()
            words.insert(stem + suffixes[generator.below(suffixes.count)] + suffixes[generator.below(suffixes.count)])
        }
        words.formUnion(["", "q3", "usf", "ørsted", "Reforms", "2012s", "ies", "sses", "ings", "eeds", "a-b-ing"])
        for word in words {
            #expect(SearchStemmer.stem(word) == OracleStemmer.stem(word), "\(word)")
        }
    }
}

/// Checks every way to get the words of `text` against the oracle; returns how many words there were.
@discardableResult
private func expectSameWords(_ text: String, _ tokenizer: inout SearchTokenizer, _ oracle: inout OracleTokenizer) -> Int {
    var expected: [[UInt8]] = []
    oracle.forEachWord(text) { expected.append($0) }
    var arrays: [[UInt8]] = []
    tokenizer.forEachWord(text) { arrays.append($0) }
    var buffers: [[UInt8]] = []
    tokenizer.forEachWordBytes(text) { buffers.append(Array($0)) }
    #expect(arrays == expected, "forEachWord: \(text.debugDescription)")
    #expect(buffers == expected, "forEachWordBytes: \(text.debugDescription)")
    #expect(tokenizer.words(text) == oracle.words(text), "words: \(text.debugDescription)")
    #expect(tokenizer.terms(text) == oracle.terms(text), "terms: \(text.debugDescription)")
    return expected.count
}

/// Checks every field of a tokenized call against the oracle's.
private func expectSameCall(_ paragraphs: [(flags: UInt8, text: String)]) {
    let call = TokenizedCall.tokenize(paragraphs)
    let expected = OracleTokenizedCall.tokenize(paragraphs)
    #expect(!expected.entryTerms.isEmpty)
    #expect(call.vocabulary == expected.vocabulary)
    #expect(call.flags == expected.flags)
    #expect(call.lengths == expected.lengths)
    #expect(call.ends == expected.ends)
    #expect(call.entryTerms == expected.entryTerms)
    #expect(call.entryCounts == expected.entryCounts)
}

/// Pieces of random text: everything the word rules treat specially, ASCII and not.
private let specialPieces: [String] = [
    ".", ",", "'", "\u{2019}", "s", "S", "'s", "\u{2019}s", "'S", " ", " ", " ", " ", "$", "%", "-", "/", "é", "É", "ü", "Ü",
    "ﬁ", "²", "\u{301}", "\u{308}", "\u{327}", "中", "文", "😀", "👍🏽", "\u{2028}", "\t", "\n", "２", "\u{FE52}", "\u{FF07}",
    "\u{FF0C}", "٣", "İ", "ß", "½", "©", "\u{212A}", "Ⅻ", "가", "\u{1D2C}", "ǅ", "Ø", "ł", "n't", "1,000", "4.5", "Q3", "the",
    "We're", "it's", "\u{00A0}", "\u{200B}", "_", "(", ")", "\"", ";", ":", "!", "?", "の", "カ", "ｶ", "が", "〇", "한", "ㄱ",
    "\u{3099}", "・", "，", "收入", "東京の", "$87M", "1.2B", "3.5x", "2Q12", "10k",
]

/// A random string from ``specialPieces``, ASCII letters and digits, sometimes with a word near 64 bytes long.
private func randomText(_ generator: inout SplitMix) -> String {
    var text = ""
    for _ in 0..<generator.below(60) {
        switch generator.below(20) {
        case 0..<9:
            let letter = Character(Unicode.Scalar(UInt8(0x61 + generator.below(26))))
            text.append(generator.below(5) == 0 ? Character(letter.uppercased()) : letter)
        case 9..<12:
            text.append(Character(Unicode.Scalar(UInt8(0x30 + generator.below(10)))))
        case 12:
            let pieces = ["a", "1", "é", "中", "ﬁ", "'s", ",0", ".0", "\u{301}"]
            let count = 20 + generator.below(50)
            text += (0..<count).map { _ in generator.below(4) == 0 ? pieces[generator.below(pieces.count)] : "x" }.joined()
        default:
            text += specialPieces[generator.below(specialPieces.count)]
        }
    }
    return text
}

// MARK: - The oracle: the implementation before the fast path, copied unchanged but for the type names, CJK bigrams and
// the numbers of words such as 87m

/// The tokenizer as it was before the byte scanner: the oracle the fast path must agree with.
private struct OracleTokenizer {
    /// Folded forms of the non-ASCII scalars seen so far (folding through Foundation is slow; text repeats them).
    private var foldCache: [UInt32: [Unicode.Scalar]] = [:]

    /// A tokenizer with an empty cache; one per task, as it is a value type with mutable state.
    init() {}

    /// Words too common to index, as they are after folding (so `we're` → `were`, `it's` → `it`).
    ///
    /// `us` is not one of them: in transcripts it is as often the country as the pronoun.
    static let stopwords: Set<String> = [
        "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
        "being", "but", "by", "can", "could", "did", "do", "does", "doing", "for", "from", "had", "has", "have", "having",
        "he", "her", "here", "hers", "him", "his", "how", "i", "id", "if", "im", "in", "into", "is", "it", "its", "ive",
        "just", "me", "more", "my", "no", "nor", "not", "of", "on", "or", "other", "our", "ours", "out", "over", "she",
        "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these",
        "they", "theyre", "this", "those", "to", "too", "up", "very", "was", "we", "were", "weve", "what", "when",
        "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "youre", "yours",
    ]

    /// The longest word indexed, in UTF-8 bytes.
    static let maximumWordBytes = 64

    /// The index terms of `text`: folded, split, stop words left out, stemmed; in text order, repeats kept.
    mutating func terms(_ text: String) -> [String] {
        var result: [String] = []
        forEachWord(text) { word in
            let string = String(decoding: word, as: UTF8.self)
            guard !Self.stopwords.contains(string) else { return }
            result.append(OracleStemmer.stem(string))
        }
        return result
    }

    /// The folded words of `text` in order, before stop words are removed and before stemming.
    mutating func words(_ text: String) -> [String] {
        var result: [String] = []
        forEachWord(text) { result.append(String(decoding: $0, as: UTF8.self)) }
        return result
    }

    /// Calls `body` with the UTF-8 bytes of each folded word of `text`, in order.
    mutating func forEachWord(_ text: String, _ body: ([UInt8]) -> Void) {
        var word: [UInt8] = []
        word.reserveCapacity(32)
        /// The character waiting for the next one to decide whether it joins two parts of a word.
        var pending: Unicode.Scalar?
        /// After an apostrophe, an `s` that is dropped if the word ends right after it.
        var pendingS = false
        var lastIsDigit = false
        var lastIsLetter = false
        /// The CJK run being read, whose bigrams are handed on when it ends.
        var run: [Unicode.Scalar] = []
        /// Whether the word so far is ASCII digits and dots only.
        var onlyNumber = false
        /// The length of the number a word starts with when a letter follows it (0: none).
        var numberLength = 0

        func flush() {
            if !word.isEmpty && word.count <= Self.maximumWordBytes {
                body(word)
                if numberLength > 0 { body(Array(word[..<numberLength])) }
            }
            onlyNumber = false
            numberLength = 0
            if run.count == 1 { body(Array(String(run[0]).utf8)) }
            for (first, second) in zip(run, run.dropFirst()) { body(Array((String(first) + String(second)).utf8)) }
            run.removeAll()
            word.removeAll(keepingCapacity: true)
            pending = nil
            pendingS = false
            lastIsDigit = false
            lastIsLetter = false
        }
        func append(_ scalar: Unicode.Scalar) {
            let isDigit = scalar.value >= 0x30 && scalar.value <= 0x39
            if word.isEmpty {
                onlyNumber = isDigit
            } else if onlyNumber && !isDigit {
                onlyNumber = false
                if Self.isLetter(scalar) { numberLength = word.count }
            }
            if scalar.isASCII {
                word.append(UInt8(scalar.value))
            } else {
                word.append(contentsOf: String(scalar).utf8)
            }
            lastIsDigit = scalar.value >= 0x30 && scalar.value <= 0x39
            lastIsLetter = !lastIsDigit && Self.isLetter(scalar)
        }
        func consume(_ scalar: Unicode.Scalar) {
            if SearchTokenizer.isCJK(scalar.value) {
                if !word.isEmpty || pending != nil || pendingS { flush() }
                run.append(scalar)
                return
            }
            if !run.isEmpty { flush() }
            let isWord = Self.isWordScalar(scalar)
            if pendingS {
                pendingS = false
                if isWord {
                    append("s")
                    append(scalar)
                    return
                }
                flush()
                return consume(scalar)
            }
            if let joiner = pending {
                pending = nil
                let isDigit = scalar.value >= 0x30 && scalar.value <= 0x39
                if (joiner == "." || joiner == ",") && isDigit && lastIsDigit {
                    if joiner == "." { word.append(UInt8(ascii: ".")) }
                    append(scalar)
                    return
                }
                if (joiner == "'" || joiner == "\u{2019}") && lastIsLetter && isWord && Self.isLetter(scalar) {
                    if scalar == "s" { pendingS = true } else { append(scalar) }
                    return
                }
                flush()
            }
            if isWord {
                append(scalar)
            } else if !word.isEmpty && (scalar == "." || scalar == "," || scalar == "'" || scalar == "\u{2019}") {
                pending = scalar
            } else {
                flush()
            }
        }

        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                if value >= 0x41 && value <= 0x5A {
                    consume(Unicode.Scalar(UInt8(value + 0x20)))
                } else {
                    consume(scalar)
                }
                continue
            }
            for folded in fold(scalar) { consume(folded) }
        }
        flush()
    }

    /// The folded form of one non-ASCII scalar: NFKD, lower case, NFKD, combining marks dropped (may be empty).
    mutating func fold(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if let cached = foldCache[scalar.value] { return cached }
        let folded = Self.foldUncached(scalar)
        foldCache[scalar.value] = folded
        return folded
    }

    /// The character classes are the production ones: this oracle checks the scanning, not Unicode's tables.
    static func foldUncached(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] { SearchTokenizer.foldUncached(scalar) }
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool { SearchTokenizer.isLetter(scalar) }
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool { SearchTokenizer.isWordScalar(scalar) }
}

/// The stemmer as it was before it worked in place: the oracle for ``SearchStemmer``.
private enum OracleStemmer {
    /// The stem of one folded word.
    static func stem(_ word: String) -> String {
        let bytes = Array(word.utf8)
        guard bytes.count >= 4, bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        return String(decoding: stem(bytes), as: UTF8.self)
    }

    /// The stem of a word of lower-case ASCII letters.
    static func stem(_ input: [UInt8]) -> [UInt8] {
        var w = input
        func ends(_ suffix: String) -> Bool {
            let s = Array(suffix.utf8)
            return w.count >= s.count && Array(w[(w.count - s.count)...]) == s
        }
        func isVowel(_ c: UInt8) -> Bool { "aeiouy".utf8.contains(c) }

        if ends("ies") && !ends("eies") && !ends("aies") {
            w.removeLast(3)
            w.append(UInt8(ascii: "y"))
        } else if ends("sses") {
            w.removeLast(2)
        } else if ends("s") && !ends("ss") && !ends("us") && !ends("is") {
            w.removeLast()
        }

        for suffix in ["ing", "ed"] where ends(suffix) {
            if suffix == "ed" && ends("eed") { break }
            let stem = Array(w.dropLast(suffix.utf8.count))
            if stem.count >= 3 && stem.contains(where: isVowel) {
                w = stem
                if let last = w.last, w.count >= 2, w[w.count - 2] == last, "bdfgmnprt".utf8.contains(last) {
                    w.removeLast()
                }
            }
            break
        }

        for (suffix, replacement) in [("ization", "ize"), ("ation", "ate"), ("ness", ""), ("ment", ""), ("ly", "")] where ends(suffix) {
            if w.count - suffix.utf8.count >= 4 {
                w.removeLast(suffix.utf8.count)
                w.append(contentsOf: replacement.utf8)
                break
            }
        }

        if w.count > 2, w.last == UInt8(ascii: "y"), !isVowel(w[w.count - 2]) {
            w[w.count - 1] = UInt8(ascii: "i")
        }
        if w.count > 3, w.last == UInt8(ascii: "e") {
            w.removeLast()
        }
        return w
    }
}

/// `TokenizedCall` as it was before the byte scanner and the byte-keyed word table: the oracle for its fields.
private struct OracleTokenizedCall {
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
    static func tokenize(_ paragraphs: [(flags: UInt8, text: String)]) -> OracleTokenizedCall {
        var tokenizer = OracleTokenizer()
        var result = OracleTokenizedCall()
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
                if !OracleTokenizer.stopwords.contains(string) {
                    let term = OracleStemmer.stem(string)
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
