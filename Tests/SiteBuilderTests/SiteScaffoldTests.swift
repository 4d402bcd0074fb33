import DefaultTheme
import Foundation
import Testing
import TranscriptKit
@testable import SiteBuilder

/// `sitegen init`: a new site folder builds as it is, a theme copy is the built-in theme, nothing existing is replaced.
@Suite("Site scaffold")
struct SiteScaffoldTests {
    /// A fresh folder in the temporary directory (not created).
    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-init-\(UUID().uuidString)", isDirectory: true)
    }

    @Test func aNewSiteHasItsFilesAndBuildsTheReferenceCall() async throws {
        let root = Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let outcomes = try SiteScaffold.create(at: root)
        #expect(outcomes == [.created("sitegen.yml"), .created("Content/"), .created(".gitignore")])
        #expect(try String(contentsOf: root.appendingPathComponent(".gitignore"), encoding: .utf8) == "Public/\n.sitegen-cache/\n")
        let config = try SiteConfig.load(from: root.appendingPathComponent("sitegen.yml"))
        #expect(config.theme == "default" && config.title == "Earnings Call Archive" && config.baseURL == nil && config.companies.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("Themes").path))

        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Content/calx-q3-2012.txt"),
                                         to: root.appendingPathComponent("Content/calx-q3-2012.txt"))
        let report = try await SiteBuilder.build(BuildOptions(siteRoot: root, strict: true))
        #expect(report.published && report.transcripts == 1)
        let page = try String(contentsOf: root.appendingPathComponent("Public/companies/calx/2012-q3/index.html"), encoding: .utf8)
        #expect(page.contains("Calix"))
    }

    @Test func aThemeCopyIsTheBuiltInThemeAndBuildsTheSameSite() async throws {
        let root = Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try SiteScaffold.create(at: root, theme: "house").last == .created("Themes/house/"))
        #expect(try SiteConfig.load(from: root.appendingPathComponent("sitegen.yml")).theme == "house")
        let copied = Theme.files(under: root.appendingPathComponent("Themes/house"))
        #expect(copied.map(\.0) == DefaultTheme.files.map(\.path))
        for ((_, url), file) in zip(copied, DefaultTheme.files) { #expect(try [UInt8](Data(contentsOf: url)) == file.bytes) }

        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Content/calx-q3-2012.txt"),
                                         to: root.appendingPathComponent("Content/calx-q3-2012.txt"))
        let withCopy = root.appendingPathComponent("with-copy", isDirectory: true)
        let builtIn = root.appendingPathComponent("built-in", isDirectory: true)
        _ = try await SiteBuilder.build(BuildOptions(siteRoot: root, output: withCopy, useCache: false))
        try Data("theme: default\n".utf8).write(to: root.appendingPathComponent("sitegen.yml"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("Themes"))
        _ = try await SiteBuilder.build(BuildOptions(siteRoot: root, output: builtIn, useCache: false))
        let a = snapshot(withCopy), b = snapshot(builtIn)
        #expect(a.count > 20)
        #expect(a == b)
    }

    @Test func existingFilesAreKeptAndAnEditedThemeIsNeverOverwritten() throws {
        let root = Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content"), withIntermediateDirectories: true)
        try Data("title: Mine\n".utf8).write(to: root.appendingPathComponent("sitegen.yml"))
        #expect(try SiteScaffold.create(at: root) == [.kept("sitegen.yml"), .kept("Content/"), .created(".gitignore")])
        #expect(try String(contentsOf: root.appendingPathComponent("sitegen.yml"), encoding: .utf8) == "title: Mine\n")

        let edited = root.appendingPathComponent("Themes/house/templates/home.mustache")
        try FileManager.default.createDirectory(at: edited.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: edited)
        try FileManager.default.removeItem(at: root.appendingPathComponent(".gitignore"))
        #expect(throws: Diagnostic.self) { try SiteScaffold.create(at: root, theme: "house") }
        #expect(try String(contentsOf: edited, encoding: .utf8) == "mine")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".gitignore").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Themes/house/templates").path) == ["home.mustache"])
    }

    /// A theme name is one `theme:` in sitegen.yml accepts, so the new site builds with it.
    @Test func aSiteFolderThatCannotBeMadeSaysWhy() throws {
        let root = Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let file = root.appendingPathComponent("notes.txt")
        try Data("notes".utf8).write(to: file)
        let underFile = try #require(throws: Diagnostic.self) { try SiteScaffold.create(at: file.appendingPathComponent("site/deeper")) }
        #expect(underFile.message == "cannot create the site folder: \(file.path) is a file, not a folder")
        #expect(underFile.file == file.appendingPathComponent("site/deeper").path)
        #expect(try String(contentsOf: file, encoding: .utf8) == "notes")
        // /proc takes no new folders: the system's reason is given, not Foundation's "The file doesn't exist".
        let proc = try #require(throws: Diagnostic.self) { try SiteScaffold.create(at: URL(fileURLWithPath: "/proc/sitegen-site")) }
        #expect(proc.message.hasPrefix("cannot create the site folder: cannot make sitegen-site in /proc: "))
    }

    @Test func aThemeNameIsOnePlainFolderName() throws {
        let root = Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        for name in ["../evil", "a/b", ".hidden", "", "with space", "tab\there", "..", "back\\slash", "my_theme", "x.y"] {
            do {
                _ = try SiteScaffold.create(at: root, theme: name)
                Issue.record("'\(name)' was accepted")
            } catch {
                #expect(error.file == "--theme" && error.message.contains("cannot be a theme name"))
            }
        }
        #expect(!FileManager.default.fileExists(atPath: root.path))
        #expect(!FileManager.default.fileExists(atPath: root.deletingLastPathComponent().appendingPathComponent("evil").path))
    }
}
