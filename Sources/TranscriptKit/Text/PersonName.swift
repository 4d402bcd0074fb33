import Foundation

/// Rules about how people's names look and when two spellings name the same person.
public enum PersonName {
    private static let particles: Set<String> = [
        "de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "van", "von", "bin", "al", "dos", "das", "y", "st.",
    ]
    private static let suffixes: Set<String> = ["jr.", "jr", "sr.", "sr", "ii", "iii", "iv", "phd", "cfa"]

    /// Post-nominal suffixes a comma may set off ("George Notter, Jr.", "Jane Doe, Ph.D."), periods dropped.
    private static let commaSuffixes: Set<String> = [
        "jr", "sr", "ii", "iii", "iv", "phd", "cfa", "cpa", "md", "esq", "mba", "cfp", "jd", "dds",
    ]

    /// Whether `word` is a name suffix such as "Jr.", "III", "CFA" or "Ph.D." (a known one, periods ignored, or
    /// letters each closed by a period, "M.D."-style).
    public static func isNameSuffix(_ word: some StringProtocol) -> Bool {
        guard (1...8).contains(word.count), word.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == ".") }) else { return false }
        if commaSuffixes.contains(word.lowercased().filter { $0 != "." }) { return true }
        let pieces = word.split(separator: ".", omittingEmptySubsequences: false)
        return word.hasSuffix(".") && pieces.count >= 3 && pieces.dropLast().allSatisfy { (1...2).contains($0.count) }
    }

    /// Whether `text` could be a person's name: 1 to 6 words, each capitalised (or a particle, initial or bracketed),
    /// no digits or sentence punctuation; a comma only before suffixes ("George Notter, Jr.", "Jane Doe, Ph.D., CFA").
    public static func isPlausible(_ text: String) -> Bool {
        text.withPlainUTF8(isPlausiblePlain) ?? isPlausibleByCharacters(text)
    }

    /// `isPlausible` for plain text (see `PlainText`), by bytes.
    static func isPlausiblePlain(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let comma = text.firstIndex(of: UInt8(ascii: ",")) else { return isPlausibleWithoutCommaPlain(text) }
        return isPlausibleWithoutCommaPlain(UnsafeBufferPointer(rebasing: text[..<comma]))
            && suffixesAfterComma(String(decoding: text[comma...], as: UTF8.self))
    }

    /// Whether `text`, from its first comma on, is only suffixes each set off by a comma: ", Jr.", ", Ph.D., CFA".
    private static func suffixesAfterComma(_ text: some StringProtocol) -> Bool {
        let pieces = text.split(separator: ",", omittingEmptySubsequences: false).dropFirst()
        return (1...3).contains(pieces.count) && pieces.allSatisfy { piece in
            let word = piece.trimmed
            return !word.contains(" ") && isNameSuffix(word)
        }
    }

    /// `isPlausible` for plain text holding no comma, by bytes.
    private static func isPlausibleWithoutCommaPlain(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard (1...6).contains(PlainText.wordCount(text, limit: 6)), !PlainText.hasMoreCharacters(text, than: 60) else { return false }
        for byte in text where PlainText.isDigit(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "?")
            || byte == UInt8(ascii: "!") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\"") {
            return false
        }
        for word in text.split(separator: 0x20) {
            let word = UnsafeBufferPointer(rebasing: word)
            let core = UnsafeBufferPointer(rebasing: word[PlainText.trimmedBounds(word) {
                $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")")
            }])
            guard let first = core.first else { return false }
            // Particles and suffixes are at most five bytes long.
            if core.count <= 5 {
                let lower = String(decoding: core.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
                if particles.contains(lower) || suffixes.contains(lower) { continue }
            }
            guard first &- 0x41 < 26 else { return false }
            var index = 0
            while index < core.count {
                let byte = core[index]
                if byte | 0x20 &- 0x61 < 26 || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-") {
                    index += 1
                } else if byte == 0xE2, index + 2 < core.count, core[index + 1] == 0x80, core[index + 2] == 0x99 {
                    index += 3
                } else {
                    return false
                }
            }
        }
        return true
    }

    /// `isPlausible` by Characters, for text that is not plain.
    private static func isPlausibleByCharacters(_ text: String) -> Bool {
        if let comma = text.firstIndex(of: ",") {
            return isPlausibleByCharacters(String(text[..<comma])) && suffixesAfterComma(text[comma...])
        }
        let words = text.split(separator: " ")
        guard (1...6).contains(words.count), text.count <= 60 else { return false }
        if text.contains(where: { $0.isNumber || $0 == "," || $0 == "?" || $0 == "!" || $0 == ":" || $0 == ";" || $0 == "\"" }) { return false }
        for word in words {
            let core = word.trimmingCharacters(in: "[]()")
            guard let first = core.first else { return false }
            if particles.contains(core.lowercased()) || suffixes.contains(core.lowercased()) { continue }
            guard first.isUppercase else { return false }
            guard core.allSatisfy({ $0.isLetter || $0 == "." || $0 == "'" || $0 == "’" || $0 == "-" }) else { return false }
        }
        return true
    }

    /// The name a surname-first spelling stands for, given name first: "Russo, Carl" → "Carl Russo", "van der Berg,
    /// Jan P." → "Jan P. van der Berg", "Notter, George, Jr." → "George Notter, Jr."; nil unless `text` is one to three
    /// words, a comma, then one to three words opening with a capitalised one, each side a plausible name (see
    /// `isPlausible`), and what follows a second comma only suffixes. A comma before suffixes ("George Notter, Jr.")
    /// is no surname-first spelling.
    public static func givenNameFirst(_ text: String) -> String? {
        guard text.utf8.count <= 80, let comma = text.firstIndex(of: ",") else { return nil }
        let surname = text[..<comma].trimmed
        var given = text[text.index(after: comma)...].trimmed
        var suffixes = ""
        if let second = given.firstIndex(of: ",") {
            guard suffixesAfterComma(given[second...]) else { return nil }
            suffixes = String(given[second...])
            given = given[..<second].trimmed
        }
        let givenWords = given.split(separator: " ")
        guard (1...3).contains(surname.split(separator: " ").count), (1...3).contains(givenWords.count),
              let first = givenWords.first, first.first?.isUppercase == true, !isNameSuffix(first),
              !particles.contains(first.lowercased()), !isNameSuffix(given), !suffixesAfterComma(text[comma...]),
              isPlausible(surname), isPlausible(given) else { return nil }
        return given + " " + surname + suffixes
    }

    /// Whether `text` is one of the generic labels transcripts use for speakers they cannot name.
    public static func isUnidentified(_ text: String) -> Bool {
        if let plain = text.withPlainUTF8(isUnidentifiedPlain) { return plain }
        return text.lowercased().hasPrefix("unidentified") || text.lowercased().hasPrefix("unknown")
    }

    /// `isUnidentified` for plain text (see `PlainText`), by bytes.
    static func isUnidentifiedPlain(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        PlainText.hasPrefix(text, caseInsensitive: "UNIDENTIFIED") || PlainText.hasPrefix(text, caseInsensitive: "UNKNOWN")
    }

    /// Whether `text` names the call's operator: "Operator", or the "Moderator" or "Coordinator" of conference
    /// presentations and older calls, alone or after "The" or "Conference" (colons and spaces around ignored).
    public static func isOperator(_ text: String) -> Bool {
        if let plain = text.withPlainUTF8(isOperatorPlain) { return plain }
        var words = text.lowercased().trimmingCharacters(in: " :").split(separator: " ", omittingEmptySubsequences: false)
        if words.count == 2, words[0] == "the" || words[0] == "conference" { words.removeFirst() }
        return words.count == 1 && ["operator", "moderator", "coordinator"].contains(words[0])
    }

    /// `isOperator` for plain text (see `PlainText`), by bytes.
    static func isOperatorPlain(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var trimmed = UnsafeBufferPointer(rebasing: text[PlainText.trimmedBounds(text) { $0 == 0x20 || $0 == UInt8(ascii: ":") }])
        guard trimmed.count <= 24 else { return false }
        if PlainText.hasPrefix(trimmed, caseInsensitive: "THE ") {
            trimmed = UnsafeBufferPointer(rebasing: trimmed[4...])
        } else if PlainText.hasPrefix(trimmed, caseInsensitive: "CONFERENCE ") {
            trimmed = UnsafeBufferPointer(rebasing: trimmed[11...])
        }
        return PlainText.equals(trimmed, caseInsensitive: "OPERATOR") || PlainText.equals(trimmed, caseInsensitive: "MODERATOR")
            || PlainText.equals(trimmed, caseInsensitive: "COORDINATOR")
    }

    private static let nicknames: [String: String] = [
        "mike": "michael", "mick": "michael", "dave": "david", "bob": "robert", "rob": "robert", "bobby": "robert",
        "jim": "james", "jimmy": "james", "bill": "william", "will": "william", "tom": "thomas", "steve": "steven",
        "stephen": "steven", "chris": "christopher", "dan": "daniel", "danny": "daniel", "matt": "matthew",
        "rich": "richard", "rick": "richard", "dick": "richard", "tony": "anthony", "joe": "joseph", "ed": "edward",
        "eddie": "edward", "andy": "andrew", "drew": "andrew", "ken": "kenneth", "jeff": "jeffrey", "geoff": "jeffrey",
        "greg": "gregory", "nick": "nicholas", "pat": "patrick", "sam": "samuel", "alex": "alexander", "ben": "benjamin",
        "tim": "timothy", "ron": "ronald", "don": "donald", "doug": "douglas", "jon": "jonathan", "kate": "katherine",
        "kathy": "katherine", "liz": "elizabeth", "beth": "elizabeth", "sue": "susan", "jen": "jennifer",
        "jenny": "jennifer", "fred": "frederick", "charlie": "charles", "chuck": "charles", "larry": "lawrence",
        "phil": "philip", "ray": "raymond", "walt": "walter", "gene": "eugene", "vince": "vincent", "zach": "zachary",
    ]

    /// The words of a name that identify a person: lower-cased, brackets, initials and suffixes dropped.
    static func keyWords(_ name: String) -> [String] {
        name.withPlainUTF8(keyWordsPlain) ?? keyWordsByCharacters(name)
    }

    /// `keyWords` for plain text (see `PlainText`), by bytes.
    private static func keyWordsPlain(_ name: UnsafeBufferPointer<UInt8>) -> [String] {
        var words: [String] = []
        for word in name.split(separator: 0x20) {
            let word = UnsafeBufferPointer(rebasing: word)
            let core = word[PlainText.trimmedBounds(word) {
                $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") || $0 == UInt8(ascii: ",")
            }]
            let characters = PlainText.characterCount(UnsafeBufferPointer(rebasing: core))
            if core.isEmpty || characters == 1 || characters <= 2 && core.last == UInt8(ascii: ".") { continue }
            let lower = String(decoding: core.lazy.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
            if suffixes.contains(lower) || !words.isEmpty && isNameSuffix(lower) { continue }
            words.append(lower)
        }
        return words
    }

    /// `keyWords` by Characters, for text that is not plain.
    private static func keyWordsByCharacters(_ name: String) -> [String] {
        var words: [String] = []
        for word in name.lowercased().split(separator: " ") {
            let core = word.trimmingCharacters(in: "[](),")
            if core.isEmpty || suffixes.contains(core) || !words.isEmpty && isNameSuffix(core) { continue }
            if core.count <= 2 && core.hasSuffix(".") { continue }
            if core.count == 1 { continue }
            words.append(core)
        }
        return words
    }

    /// Whether two written names plausibly name the same person: same last name, and first names equal,
    /// one a nickname of the other, or one an initial of the other. Middle names and initials are ignored.
    public static func samePerson(_ a: String, _ b: String) -> Bool {
        let x = keyWords(a), y = keyWords(b)
        guard let lastX = x.last, let lastY = y.last, x.count >= 2, y.count >= 2, lastX == lastY else {
            return a.lowercased() == b.lowercased()
        }
        let firstX = nicknames[x[0]] ?? x[0], firstY = nicknames[y[0]] ?? y[0]
        return firstX == firstY || firstX.hasPrefix(firstY) || firstY.hasPrefix(firstX)
    }

    /// The first letter of the first name as `samePerson` compares first names (a nickname read as the name it stands
    /// for: "Bob" → "r"), or "=" for a name of one word. Names `samePerson` matches always share it, so callers can
    /// compare only names that do.
    public static func firstInitialKey(_ name: String) -> String {
        let words = keyWords(name)
        guard words.count >= 2, let first = (nicknames[words[0]] ?? words[0]).first else { return "=" }
        return String(first)
    }

    /// What `samePerson` requires two names to share: the last key word when a name has two or more, else the whole
    /// name lower-cased. Names with different match keys never name the same person.
    public static func matchKey(_ name: String) -> String {
        let words = keyWords(name)
        return words.count >= 2 ? words[words.count - 1] : "=" + name.lowercased()
    }

    /// A stable URL slug for a name: lower-case ASCII letters and digits joined by hyphens.
    public static func slug(_ text: String) -> String { Slug.make(text) }

    /// What makes two spellings of a name the same person's: case, diacritics, width and the punctuation and spacing
    /// between the parts don't count, letters of every script do ("José García" and "JOSE GARCIA" are one key; "王伟" and
    /// "汪伟", whose slugs are both "wang-wei", are two). For ASCII names it is their slug. Empty when the name has no
    /// letter or digit.
    public static func key(_ name: String) -> String {
        let name = suffixPeriodsDropped(name)
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            return name.utf8.contains { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) } ? Slug.make(name) : ""
        }
        let key = Slug.hyphenated(name) { CharacterSet.alphanumerics.contains($0) }
        return key.unicodeScalars.contains(where: { CharacterSet.alphanumerics.contains($0) }) ? key.lowercased() : ""
    }
}

extension PersonName {
    /// `name` with the periods of the suffixes that end it dropped ("Jane Doe, Ph.D., CFA" → "Jane Doe, PhD, CFA",
    /// "Ann Lee M.D." → "Ann Lee MD"), so that a key does not tell "Ph.D." from "PhD". The first word is never a
    /// suffix, and an initial ("J.") is none.
    static func suffixPeriodsDropped(_ name: String) -> String {
        guard name.contains(".") else { return name }
        var words = name.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var index = words.count - 1
        while index > 0 {
            let core = words[index].trimmingCharacters(in: ",")
            guard !core.isEmpty, isNameSuffix(core) else { break }
            words[index] = words[index].replacingOccurrences(of: ".", with: "")
            index -= 1
        }
        return words.joined(separator: " ")
    }
}

/// URL slugs that are safe as one path component.
public enum Slug {
    /// Lower-case ASCII letters and digits, runs of anything else folded to one hyphen; "untitled" if nothing is left.
    public static func make(_ text: String) -> String {
        text.utf8.allSatisfy { $0 < 0x80 } ? ascii(text) : folded(text)
    }

    /// `make` for ASCII text, byte by byte: folding ASCII only lowers its case.
    static func ascii(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x61...0x7A:
                bytes.append(byte)
            case 0x41...0x5A:
                bytes.append(byte + 0x20)
            case 0x26:
                if let last = bytes.last, last != 0x2D { bytes.append(0x2D) }
                bytes.append(contentsOf: "and-".utf8)
            default:
                if let last = bytes.last, last != 0x2D { bytes.append(0x2D) }
            }
        }
        var slug = bytes.prefix(80)
        while slug.last == 0x2D { slug.removeLast() }
        return slug.isEmpty ? "untitled" : String(decoding: slug, as: UTF8.self)
    }

    /// `make` for any text: other scripts transliterated to Latin letters ("王伟" → "wang-wei", "Bjørn" → "bjorn"), then
    /// diacritics, case and width folded by Foundation.
    static func folded(_ text: String) -> String {
        let latin = text.applyingTransform(StringTransform(rawValue: "Any-Latin; Latin-ASCII"), reverse: false) ?? text
        let slug = hyphenated(latin) { $0.isASCII && CharacterSet.alphanumerics.contains($0) }
        return slug.isEmpty ? "untitled" : String(slug.lowercased().prefix(80)).trimmingCharacters(in: "-")
    }

    /// `text` with diacritics, case and width folded, the scalars `keep` accepts kept, "&" spelt "and", and each run of
    /// anything else one hyphen (none at either end): what slugs and person keys share.
    static func hyphenated(_ text: String, keep: (Unicode.Scalar) -> Bool) -> String {
        var result = ""
        for scalar in text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).unicodeScalars {
            if scalar != "&", keep(scalar) {
                result.unicodeScalars.append(scalar)
            } else if scalar == "&" {
                if !result.isEmpty && result.last != "-" { result.append("-") }
                result.append("and-")
            } else if !result.isEmpty && result.last != "-" {
                result.append("-")
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result
    }
}
