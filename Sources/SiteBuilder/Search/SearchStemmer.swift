/// A small English stemmer: an S-stemmer with a few common suffixes, so `reform`, `reforms` and `reformed`, or
/// `price`, `prices`, `priced` and `pricing`, meet in one index term. The search page runs the same steps in
/// `search.js`; `Tests/browser/tokenizer_cases.json` holds the examples both are tested against.
///
/// Only words of 4 or more ASCII letters are stemmed; anything else (numbers, `q3`, short words, other scripts) is
/// kept as it is. The steps, each applied at most once, in this order:
///
/// 1. Plurals: `-ies` → `-y` (not after `a` or `e`), `-sses` → `-ss`, else a final `s` is dropped unless the word
///    ends in `ss`, `us` or `is`. (`companies` → `company`, `processes` → `process`, `reforms` → `reform`.)
/// 2. `-ing`, else `-ed` (but not `-eed`), when at least 3 letters with a vowel (a, e, i, o, u, y) are left; a doubled
///    final consonant (b, d, f, g, m, n, p, r, t) is then undoubled. (`reforming` → `reform`, `planned` → `plan`.)
/// 3. The first of `-ization` → `-ize`, `-ation` → `-ate`, `-ness`, `-ment`, `-ly` that leaves at least 4 letters.
///    (`investment` → `invest`, `quarterly` → `quarter`, `operation` → `operate`.)
/// 4. A final `y` after a consonant becomes `i` (`company` → `compani`, `applied` → `appli`).
/// 5. A final `e` is dropped when more than 3 letters are left (`price` → `pric`, `revenue` → `revenu`).
public enum SearchStemmer {
    /// The stem of one folded word.
    public static func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        guard isStemmable(bytes) else { return word }
        let count = bytes.withUnsafeMutableBufferPointer { stemInPlace($0.baseAddress!, count: $0.count) }
        return String(decoding: bytes[..<count], as: UTF8.self)
    }

    /// The stem of one folded word given as UTF-8 bytes.
    static func stem(_ word: UnsafeBufferPointer<UInt8>) -> String {
        guard isStemmable(word) else { return String(decoding: word, as: UTF8.self) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count) { buffer in
            let count = stem(word, into: buffer.baseAddress!)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
    }

    /// Writes the stem of one folded word into `buffer`, which has room for the word; returns the stem's length.
    static func stem(_ word: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutablePointer<UInt8>) -> Int {
        buffer.initialize(from: word.baseAddress!, count: word.count)
        return isStemmable(word) ? stemInPlace(buffer, count: word.count) : word.count
    }

    /// Whether the steps apply: 4 or more lower-case ASCII letters.
    private static func isStemmable<Bytes: Collection<UInt8>>(_ word: Bytes) -> Bool {
        word.count >= 4 && word.allSatisfy { $0 &- 0x61 < 26 }
    }

    /// Stems the lower-case ASCII word in `w[0..<count]` in place (stems are never longer); returns the stem's length.
    static func stemInPlace(_ w: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        var n = count

        if ends(w, n, "ies") && !ends(w, n, "eies") && !ends(w, n, "aies") {
            n -= 2
            w[n - 1] = UInt8(ascii: "y")
        } else if ends(w, n, "sses") {
            n -= 2
        } else if ends(w, n, "s") && !ends(w, n, "ss") && !ends(w, n, "us") && !ends(w, n, "is") {
            n -= 1
        }

        let ending = ends(w, n, "ing") ? 3 : ends(w, n, "ed") && !ends(w, n, "eed") ? 2 : 0
        if ending > 0 {
            let stem = n - ending
            if stem >= 3 && (0..<stem).contains(where: { isVowel(w[$0]) }) {
                n = stem
                if n >= 2, w[n - 2] == w[n - 1], isUndoubled(w[n - 1]) { n -= 1 }
            }
        }

        if ends(w, n, "ization") && n - 7 >= 4 {
            n -= 4
            w[n - 1] = UInt8(ascii: "e")
        } else if ends(w, n, "ation") && n - 5 >= 4 {
            n -= 2
            w[n - 1] = UInt8(ascii: "e")
        } else if (ends(w, n, "ness") || ends(w, n, "ment")) && n - 4 >= 4 {
            n -= 4
        } else if ends(w, n, "ly") && n - 2 >= 4 {
            n -= 2
        }

        if n > 2, w[n - 1] == UInt8(ascii: "y"), !isVowel(w[n - 2]) {
            w[n - 1] = UInt8(ascii: "i")
        }
        if n > 3, w[n - 1] == UInt8(ascii: "e") {
            n -= 1
        }
        return n
    }

    /// Whether `w[0..<n]` ends with `suffix`.
    @inline(__always)
    private static func ends(_ w: UnsafeMutablePointer<UInt8>, _ n: Int, _ suffix: StaticString) -> Bool {
        let length = suffix.utf8CodeUnitCount
        guard n >= length else { return false }
        let tail = w + (n - length)
        for index in 0..<length where tail[index] != suffix.utf8Start[index] { return false }
        return true
    }

    /// a, e, i, o, u or y.
    @inline(__always)
    private static func isVowel(_ c: UInt8) -> Bool {
        c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75 || c == 0x79
    }

    /// b, d, f, g, m, n, p, r or t: the consonants undoubled after `-ing` / `-ed`.
    @inline(__always)
    private static func isUndoubled(_ c: UInt8) -> Bool {
        switch c {
        case 0x62, 0x64, 0x66, 0x67, 0x6D, 0x6E, 0x70, 0x72, 0x74: return true
        default: return false
        }
    }
}
