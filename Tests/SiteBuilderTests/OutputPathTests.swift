import Foundation
import Testing
import TranscriptKit
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

    /// Copied files whose paths differ from another output path only in case are one file on a case-insensitive disk:
    /// one beside a page or an earlier copied file is a skipped input naming the other, one beside a generated folder or
    /// file is not copied, with a warning; the rest of the site is built, and --strict fails.
    @Test func copiedFilesThatDifferOnlyInCaseFromAnotherOutputAreNotCopied() async throws {
        let site = try TestSite(files: [
            "Pic.png": "A", "pic.png": "B", "Docs/a.png": "C", "docs/index.md": "# Docs\n", "Companies/x.png": "D",
            "Data/x.csv": "E", "Feed.xml": "F", "about.md": "# About\n", "About/chart.png": "G", "about/keep.png": "H",
            "data/notes.csv": "I",
        ])
        defer { site.remove() }
        let alike = "and a case-insensitive disk (macOS, Windows) takes them for one path"
        let errors = [
            Diagnostic(.error, file: "Content/About/chart.png", "not copied: About/ differs only in case from about/, where Content/about.md is published, \(alike); rename one of them"),
            Diagnostic(.error, file: "Content/Docs/a.png", "not copied: Docs/ differs only in case from docs/, where Content/docs/index.md is published, \(alike); rename one of them"),
            Diagnostic(.error, file: "Content/pic.png", "not copied: pic.png differs only in case from Pic.png, where Content/Pic.png is published, \(alike); rename one of them"),
        ]
        let report = try await site.build()
        #expect(report.skipped == errors)
        #expect(report.warnings.filter { $0.message.contains("differs only in case") } == [
            Diagnostic(.warning, file: "Content/Companies/x.png", "not copied: Companies/ differs only in case from companies/, which the build generates, \(alike); rename it"),
            Diagnostic(.warning, file: "Content/Data/x.csv", "not copied: Data/ differs only in case from data/, which the build generates, \(alike); rename it"),
            Diagnostic(.warning, file: "Content/Feed.xml", "not copied: Feed.xml differs only in case from feed.xml, which the build generates, \(alike); rename it"),
        ])
        let published = snapshot(site.output).keys.filter { !$0.hasPrefix("assets/") && !$0.hasPrefix("search/") }.sorted()
        #expect(published == [".sitegen-output", "404.html", "Pic.png", "about/index.html", "about/keep.png", "companies/index.html", "data/notes.csv",
                              "data/transcripts.json", "docs/index.html", "events/index.html", "index.html", "quarters/index.html",
                              "robots.txt", "speakers/index.html"])
        #expect(try site.page("Pic.png") == "A")

        do throws(BuildFailure) {
            _ = try await SiteBuilder.build(BuildOptions(siteRoot: site.root, strict: true))
            Issue.record("the strict build succeeded")
        } catch {
            #expect(error.step == "pages")
            #expect(error.diagnostics == errors)
        }
    }

    @Test func caseFoldedPathsTellSpellingsApartByTheirBytes() throws {
        var paths = CaseFoldedPaths()
        paths.claimGeneratedFolder("companies")
        #expect(paths.claim(OutputPath("a/B/c.png")!, by: .input("Content/a/B/c.png")) == nil)
        #expect(paths.claim(OutputPath("a/B/d.png")!, by: .input("Content/a/B/d.png")) == nil)
        #expect(paths.claim(OutputPath("A/x.png")!, by: .input("Content/A/x.png"))
                == .init(spelling: "A/", claimed: "a/", owner: .input("Content/a/B/c.png")))
        #expect(paths.claim(OutputPath("a/b/e.png")!, by: .input("Content/a/b/e.png"))
                == .init(spelling: "a/b/", claimed: "a/B/", owner: .input("Content/a/B/c.png")))
        #expect(paths.claim(OutputPath("a/B/C.PNG")!, by: .input("Content/a/B/C.PNG"))
                == .init(spelling: "a/B/C.PNG", claimed: "a/B/c.png", owner: .input("Content/a/B/c.png")))
        #expect(paths.claim(OutputPath("COMPANIES")!, by: .input("Content/COMPANIES"))
                == .init(spelling: "COMPANIES", claimed: "companies/", owner: .generated))
        // A composed é and a decomposed one are one name to a file system that ignores normalisation (APFS).
        #expect(paths.claim(OutputPath("caf\u{E9}.png")!, by: .input("Content/caf\u{E9}.png")) == nil)
        #expect(paths.claim(OutputPath("cafe\u{301}.png")!, by: .input("Content/cafe\u{301}.png"))
                == .init(spelling: "cafe\u{301}.png", claimed: "caf\u{E9}.png", owner: .input("Content/caf\u{E9}.png")))
        // A refused path claims nothing: the folder it named stays free for its first spelling only.
        #expect(paths.claim(OutputPath("A/y.png")!, by: .input("Content/A/y.png")) != nil)
        #expect(paths.claim(OutputPath("a/y.png")!, by: .input("Content/a/y.png")) == nil)
    }
}
