import Foundation
import Testing
@testable import SiteBuilder

/// What `Content/` holds as the build sees it: sorted, classified, hidden files and links out of the folder left out.
@Suite("Content scanner")
struct ContentScannerTests {
    @Test func classifiesSortsAndKeepsLinksInsideTheContentFolder() throws {
        let sandbox = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: sandbox) }
        let content = sandbox.appendingPathComponent("Content")
        let outside = sandbox.appendingPathComponent("outside")
        let manager = FileManager.default
        for folder in [content.appendingPathComponent("b/deep"), content.appendingPathComponent(".hidden"), outside] {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let files = [
            "Content/b/deep/z.txt": "transcript", "Content/a.md": "---\ncompany: Acme\n---\nbody", "Content/about.md": "# About",
            "Content/logo.png": "png", "Content/events.yml": "- name: X", "Content/.secret.txt": "hidden",
            "Content/.hidden/inside.txt": "hidden", "outside/secret.txt": "not in Content",
            "Content/about.md~": "# Draft", "Content/#about.md#": "# Autosave", "Content/b/deep/z.txt~": "old transcript",
            "Content/#": "a lone hash is a name like any other",
        ]
        for (path, text) in files { try Data(text.utf8).write(to: sandbox.appendingPathComponent(path)) }
        try manager.createSymbolicLink(atPath: content.appendingPathComponent("link-out.txt").path, withDestinationPath: outside.appendingPathComponent("secret.txt").path)
        try manager.createSymbolicLink(atPath: content.appendingPathComponent("link-in.txt").path, withDestinationPath: "b/deep/z.txt")
        try manager.createSymbolicLink(atPath: content.appendingPathComponent("folder-out").path, withDestinationPath: outside.path)
        try manager.createSymbolicLink(atPath: content.appendingPathComponent("dangling.txt").path, withDestinationPath: "missing.txt")

        try manager.createSymbolicLink(atPath: content.appendingPathComponent("loop.txt").path, withDestinationPath: "loop.txt")
        #expect(mkfifo(content.appendingPathComponent("pipe.txt").path, 0o644) == 0)
        var warnings: [String] = []
        let items = ContentScanner.scan(content, displayPrefix: "Content/") { warnings.append($0.description) }
        // What is left out, not being hidden, is named with the reason.
        #expect(warnings == [
            "Content/dangling.txt: warning: not read: a symbolic link to nothing (its target does not exist)",
            "Content/folder-out: warning: not read: a symbolic link to a folder, which is not entered",
            "Content/link-out.txt: warning: not read: a symbolic link out of the content folder, which is not followed (copy the file in instead)",
            "Content/loop.txt: warning: not read: a symbolic link that leads back to itself",
            "Content/pipe.txt: warning: not read: not a regular file (a FIFO, socket or device)",
        ], "\(warnings)")
        let described = items.map { item -> String in
            switch item {
            case .transcript(let url, let display): return "transcript \(display) \(url.lastPathComponent)"
            case .page(_, let display, let relative): return "page \(display) \(relative)"
            case .file(_, let display, let relative): return "file \(display) \(relative)"
            }
        }
        #expect(described == [
            "transcript Content/# #", "transcript Content/a.md a.md", "page Content/about.md about.md", "transcript Content/b/deep/z.txt z.txt",
            "transcript Content/link-in.txt link-in.txt", "file Content/logo.png logo.png",
        ])
        guard case .transcript(let url, _) = items[3] else { Issue.record("not a transcript"); return }
        #expect(try String(contentsOf: url, encoding: .utf8) == "transcript")
    }

    /// The scanner reads the first 16 KiB of a Markdown file, and the rest only when the front matter goes on past them
    /// without having shown a key of a transcript's.
    @Test func frontMatterLongerThanTheHeadIsReadToItsEnd() throws {
        let sandbox = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: sandbox) }
        try FileManager.default.createDirectory(at: sandbox, withIntermediateDirectories: true)
        let participants = (1...600).map { "- name: Person \($0)\n  group: analyst\n" }.joined()
        let tags = (1...800).map { "- tag \($0) of the page\n" }.joined()
        let files = [
            "company-first.md": "---\r\ncompany: Acme\r\nparticipants:\r\n" + participants.replacingOccurrences(of: "\n", with: "\r\n") + "---\r\nbody",
            "company-last.md": "---\ntitle: t\ntags:\n" + tags + "company: Acme\n---\nbody",
            "ticker-last.md": "---\ntitle: t\ntags:\n" + tags + "ticker: ACME\n---\nbody",
            "page.md": "---\ntitle: t\ntags:\n" + tags + "---\nbody",
            "company-in-body.md": "---\ntitle: t\ntags:\n" + tags + "---\ncompany: Acme\n",
        ]
        for (name, text) in files {
            #expect(text.utf8.count > ContentScanner.headSize)
            try Data(text.utf8).write(to: sandbox.appendingPathComponent(name))
        }
        let transcripts = files.keys.sorted().filter { ContentScanner.isTranscriptMarkdown(sandbox.appendingPathComponent($0)) }
        #expect(transcripts == ["company-first.md", "company-last.md", "ticker-last.md"])
    }
}
