import Foundation
@testable import EventKit
import Testing

/// The byte scans give exactly what the character-based code they replaced gave. Each oracle below is that code.
@Suite("Byte scans agree with the character-based code")
struct ByteScanTests {
    /// Random text of words, punctuation, spacing and non-ASCII traps, the same every run.
    static let texts: [String] = {
        let pieces = [
            "Conference", "conference", "CONFERENCE", "call", "Call", "hold", "HOST", "schedule", "conduct", "have", "day", "Day",
            "today", "days", "Investor", "Day", "stage", "on", "the", "Stage", "panel", "podium", "Onstage", "keynoting", "keynote",
            "spoke", "presenting", "present", "attended", "exhibit", "show", "Show", "summit", "Summit", "forum", "Expo", "Exposition",
            "meeting", "UBS", "TelcoTV", "TelcoTV-like", "Goldman", "Sachs", "small-cap", "one-on-one", "Mr.", "Inc.", "U.S.", "Nov.",
            "J.", "e.g.", "approx.", "vs.", "7th", "2012", "7-9", "22nd", "31st", "0", "123", "14th", "3rd", "we'll", "we’ll", "I’m",
            "New", "York", "City", "Las", "Vegas", "Zürich", "Société", "Générale", "São", "Paulo", "İstanbul", "\u{212A}eynote",
            "ΣΙΓΜΑ", "ß", "é", "e\u{301}", "A\u{301}", "\u{600}A", "😀", "1\u{FE0F}\u{20E3}", "Ω", "Ǆ", "ǅ", "ﬁ", "conf",
            ".", ". ", "? ", "! ", "!", "?", "\"", "'", "’", "”", "“", "‘", ")", "(", "[", "]", ",", ";", ":", "\u{037E}", "—", "–", "-",
            "--", "&", "/", "\u{00A0}", "\u{2003}", "\t", "\n", "\r\n", "  ", " ", " ", " ", " ", " ", "。", "R&D", "a.b", "x-", "-y",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let ascii = pieces.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        // Half the texts are ASCII only, for the fast paths; the rest mix in the traps.
        return (0..<800).map { number in
            let choices = number % 2 == 0 ? ascii : pieces
            var text = ""
            for _ in 0..<(1 + next(60)) {
                text += choices[next(choices.count)]
                if next(3) > 0 { text += " " }
            }
            return text
        }
    }()

    @Test func sentencesAreTheSame() {
        for text in Self.texts {
            #expect(SentenceSplitter.sentences(in: text) == Oracle.sentences(in: text), "\(text.debugDescription)")
        }
    }

    @Test func tokensAreTheSame() {
        let sets: [Set<String>] = [EventExtractor.eventNouns, Tense.futureWords, DateReader.relativeStarts, ["we’ll", "ß", "é", "k"]]
        let wordSets = sets.map(WordSet.init)
        for text in Self.texts {
            for range in Oracle.sentences(in: text) + [text.startIndex..<text.endIndex] {
                let tokens = Tokenizer.tokens(in: text, range: range)
                let expected = Oracle.tokens(in: text, range: range)
                #expect(tokens.count == expected.count, "\(text.debugDescription)")
                for (token, old) in zip(tokens, expected) {
                    #expect(token.text == old.text && token.range == old.range && token.isWord == old.isWord && token.lower == old.lower)
                    #expect(token.text.utf8.elementsEqual(old.text.utf8) && token.lower.utf8.elementsEqual(old.lower.utf8))
                    #expect(token.isCapitalized == Oracle.isCapitalized(old.text), "\(old.text.debugDescription)")
                    #expect(token.looksLikeName == Oracle.looksLikeName(old.text), "\(old.text.debugDescription)")
                    #expect(DateReader.day(token) == Oracle.day(old.lower, isWord: old.isWord))
                    #expect(DateReader.day(token, ordinalOnly: true) == Oracle.day(old.lower, isWord: old.isWord, ordinalOnly: true))
                    #expect(Tense.endsInWill(token) == (old.lower.hasSuffix("'ll") || old.lower.hasSuffix("’ll")))
                    for (set, wordSet) in zip(sets, wordSets) {
                        #expect(wordSet.contains(token) == set.contains(old.lower))
                    }
                }
            }
        }
    }

    @Test func triggerWordsPassTheSameSentences() {
        for text in Self.texts {
            let lower = ByteSearch.lowercased(text)
            let triggers = TriggerWords(in: text)
            #expect(triggers.mightMention == Oracle.mightMention(lower[...]), "\(text.debugDescription)")
            for range in SentenceSplitter.sentenceOffsets(in: text) {
                #expect(triggers.mightMention(in: range) == Oracle.mightMention(lower[range]), "\(text.debugDescription)")
            }
        }
    }

    @Test func phraseMatchesAreTheSame() {
        let phrases = ["Calix", "New York", "New York City", "TelcoTV", "Société Générale", "Zürich", "UBS", "Goldman Sachs", "R&D",
                       "Las Vegas", "e\u{301}", "’", "Conference", "J.", "a.b", "", "Investor Day"]
        let matcher = PhraseMatcher(phrases: phrases)
        for text in Self.texts + ["Calix’s show in New York City, a TelcoTV-like event, and Calixes."] {
            #expect(matcher.matches(in: text) == Oracle.matches(of: phrases, in: text), "\(text.debugDescription)")
        }
    }

    @Test func standInCluesAreTheSame() {
        let more = ["for Ehud", "It's actually Jeremy David calling in for Ehud.", "on behalf of", "behalf of", "for ehud", "xfor Ehud",
                    "for  Ehud", "for É", "for", "for ", "This is Doug for Simona", "for for For"]
        for text in Self.texts + more {
            #expect(StandInDetector.saysForSomeone(text) == Oracle.saysForSomeone(text), "\(text.debugDescription)")
        }
    }

    @Test func namesKeysAndOccurrencesAreTheSame() {
        for text in Self.texts {
            #expect(EventExtractor.key(text) == Oracle.key(text), "\(text.debugDescription)")
            #expect(EventExtractor.shortName(text + ", Inc.") == Oracle.shortName(text + ", Inc."))
            #expect(EventExtractor.shortName(text) == Oracle.shortName(text))
            for needle in ["Conference", "e", "’", "conference call", "Day"] {
                let bytes = Array(text.utf8)
                #expect(Occurrence.offsets(of: Array(needle.utf8), in: bytes) == Oracle.offsets(of: Array(needle.utf8), in: bytes))
                #expect(Occurrence.count(of: needle, in: text, before: text.endIndex) == Oracle.offsets(of: Array(needle.utf8), in: bytes).count)
                #expect(AnyOccurrence([needle, "Zürich"]).occurs(in: text) == (Oracle.contains(bytes, needle) || Oracle.contains(bytes, "Zürich")))
            }
        }
    }
}

/// The searches that replaced linear scans for paragraphs with many mentions agree with those scans.
@Suite("Searches agree with the scans they replaced")
struct IndexedSearchTests {
    @Test func occurrenceIndexCountsAsTheScanDoes() {
        for text in ByteScanTests.texts.prefix(300) {
            var index = Occurrence.Index(text)
            let utf8 = text.utf8
            for needle in ["Conference", "e", "’", "conference call", "Day", " "] {
                for offset in stride(from: 0, through: utf8.count, by: 3) {
                    let position = utf8.index(utf8.startIndex, offsetBy: offset)
                    #expect(index.count(of: needle, before: offset) == Occurrence.count(of: needle, in: text, before: position),
                            "\(needle) before \(offset) in \(text.debugDescription)")
                }
            }
        }
    }

    @Test func sentenceContainingIsTheFirstThatHoldsTheIndex() {
        for text in ByteScanTests.texts.prefix(300) {
            let sentences = SentenceSplitter.sentences(in: text)
            for position in text.utf8.indices {
                #expect(SentenceSplitter.sentence(containing: position, in: sentences) == sentences.first { $0.contains(position) })
            }
        }
    }

    @Test func coveredRangesOverlapAsRangesDo() {
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<300 {
            let ranges = (0..<next(12)).map { _ -> Range<Int> in
                let start = next(200)
                return start..<(start + 1 + next(30))
            }
            let covered = CoveredRanges(ranges)
            for _ in 0..<50 {
                let start = next(240)
                let probe = start..<(start + 1 + next(20))
                #expect(covered.overlaps(probe) == ranges.contains { $0.overlaps(probe) }, "\(probe) against \(ranges)")
            }
        }
    }

    @Test func anyInsideIsAnyWordWithin() {
        let words = [0..<3, 5..<9, 12..<13, 20..<27]
        for lower in 0..<30 {
            for upper in lower...30 {
                let range = lower..<upper
                #expect(TriggerWords.anyInside(range, words) == words.contains { $0.lowerBound >= lower && $0.upperBound <= upper })
            }
        }
    }
}

/// The character-based code the byte scans replaced.
enum Oracle {
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "corp", "co", "ltd", "llc", "plc", "vs", "no",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "dept",
        "e.g", "i.e", "mt", "ft",
    ]

    static func sentences(in paragraph: String) -> [Range<String.Index>] {
        let utf8 = paragraph.utf8
        var result: [Range<String.Index>] = []
        var start = utf8.startIndex
        var index = utf8.startIndex
        let closers: Set<UInt8> = [0x22, 0x27, 0x29, 0x5D]
        while index < utf8.endIndex {
            let byte = utf8[index]
            guard byte == 0x2E || byte == 0x3F || byte == 0x21 else {
                index = utf8.index(after: index)
                continue
            }
            var end = utf8.index(after: index)
            while end < utf8.endIndex {
                if closers.contains(utf8[end]) {
                    end = utf8.index(after: end)
                } else if utf8[end] == 0xE2, let quote = curlyCloser(utf8, at: end) {
                    end = quote
                } else {
                    break
                }
            }
            if byte == 0x2E && endsInAbbreviation(paragraph, before: index) {
                index = end
                continue
            }
            var next = end
            while next < utf8.endIndex, utf8[next] == 0x20 { next = utf8.index(after: next) }
            if next > end, next < utf8.endIndex, startsSentence(paragraph, at: next) {
                append(start..<end, of: paragraph, to: &result)
                start = next
            }
            index = end
        }
        append(start..<paragraph.endIndex, of: paragraph, to: &result)
        return result
    }

    static func curlyCloser(_ utf8: String.UTF8View, at index: String.Index) -> String.Index? {
        let second = utf8.index(after: index)
        guard second < utf8.endIndex, utf8[second] == 0x80 else { return nil }
        let third = utf8.index(after: second)
        guard third < utf8.endIndex, utf8[third] == 0x99 || utf8[third] == 0x9D else { return nil }
        return utf8.index(after: third)
    }

    static func startsSentence(_ text: String, at index: String.Index) -> Bool {
        let byte = text.utf8[index]
        if byte < 0x80 {
            return (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x22 || byte == 0x28 || byte == 0x5B
        }
        let first = text[index]
        return first.isUppercase || "“‘".contains(first)
    }

    static func append(_ range: Range<String.Index>, of text: String, to result: inout [Range<String.Index>]) {
        let utf8 = text.utf8
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, utf8[lower] == 0x20 { lower = utf8.index(after: lower) }
        while upper > lower, utf8[utf8.index(before: upper)] == 0x20 { upper = utf8.index(before: upper) }
        if lower < upper { result.append(lower..<upper) }
    }

    static func endsInAbbreviation(_ text: String, before index: String.Index) -> Bool {
        let utf8 = text.utf8
        var start = index
        while start > utf8.startIndex {
            let previous = utf8.index(before: start)
            let byte = utf8[previous]
            guard (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2E else { break }
            start = previous
        }
        let word = text.utf8[start..<index]
        guard !word.isEmpty else { return false }
        if word.count == 1, let letter = word.first, letter >= 0x41 && letter <= 0x5A { return true }
        if word.contains(0x2E) { return true }
        return abbreviations.contains(String(decoding: word, as: UTF8.self).lowercased())
    }

    struct OldToken {
        let text: Substring
        let range: Range<String.Index>
        let isWord: Bool
        let lower: String
    }

    static func tokens(in text: String, range: Range<String.Index>) -> [OldToken] {
        func isJoiner(_ index: String.Index) -> Bool {
            let byte = text.utf8[index]
            if byte < 0x80 { return byte == 0x27 || byte == 0x2D || byte == 0x2E || byte == 0x26 || byte == 0x2F }
            return text[index] == "’"
        }
        func isWordCharacter(_ index: String.Index) -> Bool {
            let byte = text.utf8[index]
            if byte < 0x80 { return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) }
            let character = text[index]
            return character.isLetter || character.isNumber
        }
        func after(_ index: String.Index) -> String.Index {
            text.utf8[index] < 0x80 ? text.utf8.index(after: index) : text.index(after: index)
        }
        var tokens: [OldToken] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = text.utf8[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || (byte >= 0x80 && text[index].isWhitespace) {
                index = after(index)
                continue
            }
            if isWordCharacter(index) {
                var end = after(index)
                while end < range.upperBound {
                    if isWordCharacter(end) {
                        end = after(end)
                    } else if isJoiner(end) {
                        let next = after(end)
                        if next < range.upperBound, isWordCharacter(next) { end = next } else { break }
                    } else {
                        break
                    }
                }
                tokens.append(OldToken(text: text[index..<end], range: index..<end, isWord: true, lower: text[index..<end].lowercased()))
                index = end
            } else {
                var end = after(index)
                if byte == 0x2D, end < range.upperBound, text.utf8[end] == 0x2D { end = text.utf8.index(after: end) }
                tokens.append(OldToken(text: text[index..<end], range: index..<end, isWord: false, lower: text[index..<end].lowercased()))
                index = end
            }
        }
        return tokens
    }

    static func isCapitalized(_ text: Substring) -> Bool { text.first?.isUppercase == true }

    static func looksLikeName(_ text: Substring) -> Bool {
        let letters = text.filter(\.isLetter)
        guard letters.count >= 2 else { return false }
        if letters.allSatisfy(\.isUppercase) { return true }
        return letters.dropFirst().contains(where: \.isUppercase)
    }

    static func day(_ text: String, isWord: Bool, ordinalOnly: Bool = false) -> Int? {
        guard isWord else { return nil }
        let digits = text.prefix { $0.isNumber }
        let suffix = text.dropFirst(digits.count)
        guard (1...2).contains(digits.count), let value = Int(digits), (1...31).contains(value) else { return nil }
        if suffix.isEmpty { return ordinalOnly ? nil : value }
        return ["st", "nd", "rd", "th"].contains(String(suffix)) ? value : nil
    }

    static func prefix(_ bytes: [UInt8]) -> UInt32 {
        UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3])
    }

    static let triggerPrefixes: Set<UInt32> = Set(
        ["conference", "summit", "forum", "symposium", "expo", "show", "convention", "congress", "seminar", "meeting",
         "keynote", "spoke", "speak", "present", "attend", "exhibit", "stage", "panel", "podium", "onstage"].map { prefix(Array($0.utf8)) })
    static let callPrefix = prefix(Array("call".utf8))
    static let callVerbPrefixes: Set<UInt32> = Set(["hold", "host", "schedule", "conduct"].map { prefix(Array($0.utf8)) })

    static func mightMention(_ lower: ArraySlice<UInt8>) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
        var sawCall = false, sawCallVerb = false
        var index = lower.startIndex
        let end = lower.endIndex
        while index < end {
            guard isLetter(lower[index]), index == lower.startIndex || !isLetter(lower[index - 1]) else { index += 1; continue }
            if index + 3 < end {
                let key = UInt32(lower[index]) << 24 | UInt32(lower[index + 1]) << 16 | UInt32(lower[index + 2]) << 8 | UInt32(lower[index + 3])
                if triggerPrefixes.contains(key) { return true }
                if key == callPrefix { sawCall = true }
                if callVerbPrefixes.contains(key) { sawCallVerb = true }
                if sawCall && sawCallVerb { return true }
            }
            if index + 2 < end, lower[index] == 0x64, lower[index + 1] == 0x61, lower[index + 2] == 0x79, index + 3 == end || !isLetter(lower[index + 3]) {
                return true
            }
            index += 1
        }
        return false
    }

    static func words(in bytes: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var index = 0
        func isWordByte(at position: Int) -> Bool {
            let byte = bytes[position]
            if byte >= 0x80 {
                var start = position
                while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
                if bytes[start] == 0xE2, start + 1 < bytes.count, bytes[start + 1] == 0x80 || bytes[start + 1] == 0x81 { return false }
                return true
            }
            return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
        while index < bytes.count {
            guard isWordByte(at: index) else { index += 1; continue }
            var end = index + 1
            while end < bytes.count {
                if isWordByte(at: end) {
                    end += 1
                } else if [0x2D, 0x2E, 0x26, 0x2F].contains(bytes[end]), end + 1 < bytes.count, isWordByte(at: end + 1) {
                    end += 2
                } else {
                    break
                }
            }
            result.append(index..<end)
            index = end
        }
        return result
    }

    static func matches(of phrases: [String], in text: String) -> [PhraseMatcher.Match] {
        var table: [ArraySlice<UInt8>: [(words: [[UInt8]], phrase: Int)]] = [:]
        for (index, phrase) in phrases.enumerated() {
            let bytes = Array(phrase.utf8)
            let words = Self.words(in: bytes).map { Array(bytes[$0]) }
            guard let first = words.first else { continue }
            table[first[...], default: []].append((words, index))
        }
        for key in table.keys { table[key]!.sort { ($0.words.count, $1.phrase) > ($1.words.count, $0.phrase) } }
        let bytes = Array(text.utf8)
        let words = Self.words(in: bytes)
        var result: [PhraseMatcher.Match] = []
        var index = 0
        while index < words.count {
            var matched = false
            if let candidates = table[bytes[words[index]]] {
                for candidate in candidates where index + candidate.words.count <= words.count {
                    var same = true
                    for (offset, expected) in candidate.words.enumerated().dropFirst() where !bytes[words[index + offset]].elementsEqual(expected) {
                        same = false
                        break
                    }
                    guard same else { continue }
                    let last = words[index + candidate.words.count - 1]
                    result.append(PhraseMatcher.Match(phrase: candidate.phrase, range: words[index].lowerBound..<last.upperBound))
                    index += candidate.words.count
                    matched = true
                    break
                }
            }
            if !matched { index += 1 }
        }
        return result
    }

    static func key(_ name: String) -> String {
        let words = name.lowercased().replacingOccurrences(of: "&", with: " and ")
            .split { !$0.isLetter && !$0.isNumber }
            .map(String.init)
            .filter { word in
                if ["the", "annual", "s"].contains(word) { return false }
                if word.count == 4, let year = Int(word), (1990...2100).contains(year) { return false }
                if day(word, isWord: true, ordinalOnly: true) != nil { return false }
                if ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"].contains(word) { return false }
                return true
            }
        return words.joined(separator: " ")
    }

    static func shortName(_ company: String) -> String {
        let suffixes: Set<String> = ["inc", "inc.", "incorporated", "corp", "corp.", "corporation", "co", "co.", "company", "ltd", "ltd.", "limited", "llc", "plc", "lp", "l.p.", "s.a.", "ag", "n.v.", "se", "holdings", "group"]
        var words = company.split(separator: " ").map { String($0) }
        while words.count > 1, suffixes.contains(words.last!.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ","))) { words.removeLast() }
        var name = words.joined(separator: " ")
        while name.hasSuffix(",") { name.removeLast() }
        return name
    }

    static func offsets(of needle: [UInt8], in bytes: [UInt8]) -> [Int] {
        guard let first = needle.first, needle.count <= bytes.count else { return [] }
        var result: [Int] = []
        var index = 0
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var matched = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched {
                    result.append(index)
                    index += needle.count
                    continue
                }
            }
            index += 1
        }
        return result
    }

    static func saysForSomeone(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        if !offsets(of: Array("behalf of".utf8), in: bytes).isEmpty { return true }
        for offset in offsets(of: Array("for ".utf8), in: bytes) {
            let next = offset + 4
            if (offset == 0 || bytes[offset - 1] == 0x20), next < bytes.count, bytes[next] >= 0x41 && bytes[next] <= 0x5A { return true }
        }
        return false
    }

    static func contains(_ bytes: [UInt8], _ needle: String) -> Bool { !offsets(of: Array(needle.utf8), in: bytes).isEmpty }
}
