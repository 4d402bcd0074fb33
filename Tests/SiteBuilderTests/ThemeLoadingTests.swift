import Foundation
import Testing
import TranscriptKit
@testable import SiteBuilder

/// Loading a theme: a missing named theme, partials no template provides, where syntax errors point, and theme folders
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
        #expect(references?.map(\.name) == ["partials/one", "base", "partials/two"])
        #expect(references?.map(\.line) == [1, 3, 5])
        #expect(Theme.partialReferences(in: "{{>partials/one}}\n{{=<% %>=}}\n<%>partials/two%>") == nil)
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
