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
