import Foundation
import Testing
import DefaultTheme
import TranscriptKit
@testable import SiteBuilder

/// Loading a theme: the built-in default theme, a missing named theme, partials no template provides, where syntax errors point, and theme folders
/// reached by symbolic links.
@Suite("Theme loading")
struct ThemeLoadingTests {
    /// The default theme's text of `template`.
    static func defaultText(_ template: String) throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent("Themes/default/templates/\(template).mustache"), encoding: .utf8)
    }

    /// The 1-based line of the first line of `text` containing `needle`.
    static func line(of needle: String, in text: String) -> Int? {
        text.components(separatedBy: "\n").firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }

    /// The files of the built-in theme are the repository's `Themes/default/`, byte for byte and none missing.
    @Test func theBuiltInThemeIsTheRepositorysDefaultTheme() throws {
        let folder = repositoryRoot.appendingPathComponent("Themes/default", isDirectory: true)
        let onDisk = Theme.files(under: folder).map { relative, url in (relative, try? [UInt8](Data(contentsOf: url))) }
        #expect(onDisk.count >= 30)
        #expect(DefaultTheme.files.map(\.path) == onDisk.map(\.0))
        for (file, disk) in zip(DefaultTheme.files, onDisk) { #expect(file.bytes == disk.1, "\(file.path)") }
    }

    /// A site folder with nothing but `Content/` builds with the built-in theme, the same bytes as with a copy of it.
    @Test func aSiteWithoutAThemesFolderBuildsWithTheBuiltInTheme() async throws {
        let site = try TestSite(files: IncrementalBuildTests.corpus(), includeReference: true)
        defer { site.remove() }
        try await site.build()
        let withCopy = snapshot(site.output)
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Themes"))
        try FileManager.default.removeItem(at: site.output)
        let report = try await site.build()
        #expect(report.published && report.warnings.isEmpty)
        #expect(withCopy.count > 40)
        #expect(snapshot(site.output) == withCopy)
    }

    /// A theme that overrides one template takes everything else from the built-in theme when there is no
    /// `Themes/default/`; an error in a built-in template's partial reference would name the built-in theme.
    @Test func aNamedThemeOverridesTheBuiltInOneFileByFile() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript()], config: "theme: house\n")
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Themes/default"))
        let home = try Self.defaultText("home").replacingOccurrences(of: "{{/main}}", with: "<p class=\"house\">house</p>\n{{/main}}")
        try site.write(home, to: "Themes/house/templates/home.mustache")
        try site.write("body { color: red; }\n", to: "Themes/house/assets/house.css")
        try await site.build()
        #expect(try site.page("index.html").contains("<p class=\"house\">house</p>"))
        #expect(try site.page("assets/house.css") == "body { color: red; }\n")
        #expect(try site.page("assets/style.css") == String(contentsOf: repositoryRoot.appendingPathComponent("Themes/default/assets/style.css"), encoding: .utf8))
        #expect(try !site.page("companies/acme/2013-q1/index.html").contains("class=\"house\""))

        try site.write("{{< base}}{{$main}}{{> nosuchpartial}}{{/main}}{{/base}}\n", to: "Themes/house/templates/home.mustache")
        let failure = await site.failure()
        #expect(failure?.step == "theme")
        #expect(failure?.diagnostics.first?.file == "Themes/house/templates/home.mustache")
        #expect(failure?.diagnostics.first?.message.contains("Themes/house/, Themes/default/ or the built-in default theme") == true)
    }

    @Test func aNamedThemeWithoutAFolderFailsTheBuild() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript()], config: "theme: nosuchtheme\n")
        defer { site.remove() }
        let failure = await site.failure()
        #expect(failure?.step == "theme")
        let diagnostic = failure?.diagnostics.first
        #expect(diagnostic?.file == "sitegen.yml")
        #expect(diagnostic?.message.contains("'nosuchtheme'") == true)
        #expect(diagnostic?.message.contains("Themes/nosuchtheme/") == true)
    }

    @Test func aMisspeltPartialNamesTheTemplateTheLineAndThePartial() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript()], config: "theme: house\n")
        defer { site.remove() }
        let base = try Self.defaultText("base")
        let misspelt = base.replacingOccurrences(of: "{{>partials/header}}", with: "{{>partials/headr}}")
        #expect(misspelt != base)
        try site.write(misspelt, to: "Themes/house/templates/base.mustache")
        for strict in [false, true] {
            await #expect(throws: BuildFailure.self) { try await site.build(strict: strict) }
        }
        let failure = await site.failure()
        #expect(failure?.step == "theme")
        let diagnostic = failure?.diagnostics.first
        #expect(diagnostic?.file == "Themes/house/templates/base.mustache")
        #expect(diagnostic?.line != nil && diagnostic?.line == Self.line(of: "{{>partials/headr}}", in: misspelt))
        #expect(diagnostic?.message.contains("'partials/headr'") == true)
    }

    @Test func aMissingParentTemplateIsAnErrorToo() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript()], config: "theme: house\n")
        defer { site.remove() }
        try site.write("<!-- list -->\n{{<bsae}}{{$main}}<h1>Quarters</h1>{{/main}}{{/bsae}}\n", to: "Themes/house/templates/quarters.mustache")
        let failure = await site.failure()
        #expect(failure?.step == "theme")
        #expect(failure?.diagnostics.first?.file == "Themes/house/templates/quarters.mustache")
        #expect(failure?.diagnostics.first?.line == 2)
        #expect(failure?.diagnostics.first?.message.contains("'bsae'") == true)
    }

    @Test func aValidPartialOverrideWithItsOwnPartialStillBuilds() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript()], config: "theme: house\n")
        defer { site.remove() }
        let turn = try Self.defaultText("partials/turn")
        try site.write(turn.replacingOccurrences(of: "{{{body}}}", with: "{{{body}}}\n{{>partials/house-mark}}"),
                       to: "Themes/house/templates/partials/turn.mustache")
        try site.write("<p class=\"house-mark\">house</p>\n", to: "Themes/house/templates/partials/house-mark.mustache")
        try await site.build(strict: true)
        #expect(try site.page("companies/acme/2013-q1/index.html").contains("class=\"house-mark\""))
    }

    @Test func partialReferencesAreReadAsMustacheReadsTags() {
        let text = "a {{> partials/one }}\n{{! {{>partials/commented}} }}\n{{{raw}}} {{<base}}{{$main}}x{{/main}}{{/base}}\n"
            + "{{>*dynamic}} {{< *alsoDynamic}}{{/*alsoDynamic}}\n{{>\n  partials/two}}"
        let references = Theme.partialReferences(in: text)
        #expect(references.map(\.name) == ["partials/one", "base", "partials/two"])
        #expect(references.map(\.line) == [1, 3, 5])
    }

    @Test func aSyntaxErrorInAPartialNamesItsPathInTheSite() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript()], config: "theme: house\n")
        defer { site.remove() }
        try site.write("<article>\n{{name}}\n<p>\n{{#open}}\n</article>\n", to: "Themes/house/templates/partials/turn.mustache")
        let failure = await site.failure()
        #expect(failure?.step == "theme")
        #expect(failure?.diagnostics.first?.file == "Themes/house/templates/partials/turn.mustache")
        #expect(failure?.description.contains("Themes/house/templates/partials/turn.mustache") == true)
    }

    @Test func anEditUnderALinkedThemeFolderIsSeenByTheNextBuild() async throws {
        let site = try TestSite(files: IncrementalBuildTests.corpus(), config: "theme: shared\n")
        defer { site.remove() }
        let elsewhere = site.sandbox.appendingPathComponent("elsewhere/mytheme", isDirectory: true)
        let template = elsewhere.appendingPathComponent("templates/partials/turn.mustache")
        try FileManager.default.createDirectory(at: template.deletingLastPathComponent(), withIntermediateDirectories: true)
        let turn = try Self.defaultText("partials/turn")
        try Data(turn.utf8).write(to: template)
        // A link back to a folder the walk is inside must not make it loop.
        try FileManager.default.createSymbolicLink(atPath: elsewhere.appendingPathComponent("templates/loop").path,
                                                   withDestinationPath: elsewhere.path)
        try FileManager.default.createSymbolicLink(at: site.root.appendingPathComponent("Themes/shared"), withDestinationURL: elsewhere)
        try await site.build()
        let before = SourceFingerprint.scan(BuildOptions(siteRoot: site.root))
        #expect(before.files["Themes/shared/templates/partials/turn.mustache"] != nil)

        try Data(turn.replacingOccurrences(of: "{{{body}}}", with: "{{{body}}}<p class=\"linked-edit\">edited</p>").utf8).write(to: template)
        #expect(SourceFingerprint.scan(BuildOptions(siteRoot: site.root)).changedPaths(since: before)
                == ["Themes/shared/templates/partials/turn.mustache"])
        let update = try await site.build()
        #expect(!update.upToDate)
        let after = snapshot(site.output)
        #expect(after == (try await IncrementalBuildTests.fullBuild(site)))
        #expect(String(decoding: after["companies/acme/2013-q1/index.html"] ?? Data(), as: UTF8.self).contains("class=\"linked-edit\""))
    }
}
