import Foundation
import Testing
@testable import SiteBuilder

/// Output paths never leave the output folder, whatever a transcript, a slug or a Content file name holds.
@Suite("Output paths")
struct OutputPathTests {
    @Test func acceptsRelativeFilePathsAndRejectsEverythingThatCouldEscapeOrMislead() {
        for good in ["index.html", "companies/calx/2012-q3/index.html", "data/calx/2012-q3.json", "...", "a/.../b", ".well-known/x",
                     "speakers/josé-garcía/index.html", String(repeating: "a", count: 255)] {
            #expect(OutputPath(good)?.description == good, "\(good)")
        }
        for bad in ["", "/etc/passwd", "../secret", "a/../../b", "a/./b", ".", "..", "a//b", "a/", "a\\b", "c:/x", "a/b:c",
                    "a\u{0}b", "a\nb", "a\tb", "x/\u{1F}", String(repeating: "a", count: 256), "ok/" + String(repeating: "é", count: 128)] {
            #expect(OutputPath(bad) == nil, "\(bad.debugDescription)")
        }
        #expect(OutputPath("companies/calx/index.html")?.components == ["companies", "calx", "index.html"])
    }

    /// The byte scan agrees with the rules written out plainly, on random paths over the characters that matter.
    @Test func agreesWithThePlainRulesOnRandomPaths() {
        func plain(_ path: String) -> Bool {
            guard !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
            for part in path.split(separator: "/", omittingEmptySubsequences: false) {
                if part.isEmpty || part == "." || part == ".." || part.utf8.count > 255 { return false }
                if part.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == ":" }) { return false }
            }
            return true
        }
        let alphabet: [String] = ["a", "b", ".", "/", ":", "\\", "\u{0}", "\n", "é", "-", " ", "\u{7F}"]
        var random = SplitMix(state: 7)
        for _ in 0..<5_000 {
            let length = Int(random.next() % 9)
            let path = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
            #expect((OutputPath(path) != nil) == plain(path), "\(path.debugDescription)")
        }
    }
}
