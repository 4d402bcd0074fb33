import Foundation
import Testing
import TranscriptKit
@testable import SiteBuilder

/// Theme mistakes found when the theme is loaded, with the messages the author reads: partials that include
/// themselves (directly, through others, or after a set-delimiter tag), partials missing behind a set-delimiter tag,
/// and template syntax errors told in terms of the tags written.
@Suite("Theme errors")
struct ThemeErrorTests {
    /// The error (`file:line: error: message`) loading theme `house` fails with, made of `templates` (paths under
    /// `templates/`) over the built-in default theme; nil if it loads.
    static func loadError(_ templates: [String: String]) throws -> String? {
        try withTheme(templates) { root -> String? in
            do throws(Diagnostic) {
                _ = try Theme.load(themesDirectory: root, name: "house")
                return nil
            } catch {
                return error.description
            }
        }
    }

    /// Calls `body` with a themes folder holding theme `house` made of `templates` (paths under `templates/`), removed after.
    static func withTheme<T>(_ templates: [String: String], _ body: (URL) throws -> T) throws -> T {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in templates {
            let url = root.appendingPathComponent("house/templates/\(path)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return try body(root)
    }

    static let why = "so rendering it never ends: sitegen's page data has no nesting for a recursive partial to end on "
        + "(inside a list, a key an item lacks is looked up on the outer items, so a test such as {{#children}} stays true); "
        + "write out each level the data has instead"

    @Test func aPartialThatIncludesItselfIsAnErrorAtTheInclude() throws {
        #expect(try Self.loadError(["partials/footer.mustache": "x\n{{>partials/footer}}\n"])
                == "Themes/house/templates/partials/footer.mustache:2: error: {{>partials/footer}} includes 'partials/footer' in itself "
                + "(partials/footer → partials/footer), \(Self.why)")
    }

    @Test func aRecursiveTableOfContentsPartialIsAnError() throws {
        let node = "<li><a href=\"{{anchor}}\">{{label}}</a>{{#hasChildren}}<ul>{{#children}}{{>partials/tocnode}}{{/children}}</ul>{{/hasChildren}}</li>\n"
        #expect(try Self.loadError(["partials/tocnode.mustache": node])
                == "Themes/house/templates/partials/tocnode.mustache:1: error: {{>partials/tocnode}} includes 'partials/tocnode' in itself "
                + "(partials/tocnode → partials/tocnode), \(Self.why)")
    }

    @Test func aCycleThroughAnotherPartialNamesEveryInclude() throws {
        let error = try Self.loadError([
            "partials/footer.mustache": "<footer>\n{{>partials/colophon}}\n</footer>\n",
            "partials/colophon.mustache": "<p>\n\n{{#site}}{{> partials/footer }}{{/site}}</p>\n",
        ])
        #expect(error == "Themes/house/templates/partials/footer.mustache:2: error: {{>partials/colophon}} leads back to 'partials/footer' "
                + "(partials/footer → partials/colophon → partials/footer: Themes/house/templates/partials/colophon.mustache:3 includes "
                + "{{>partials/footer}}), \(Self.why)")
    }

    @Test func aCycleThroughAParentTemplateIsAnError() throws {
        let base = try ThemeLoadingTests.defaultText("base")
        let line = try #require(ThemeLoadingTests.line(of: "{{>partials/footer}}", in: base))
        #expect(try Self.loadError(["partials/footer.mustache": "{{<base}}{{/base}}\n"])
                == "the built-in default theme (templates/base.mustache):\(line): error: {{>partials/footer}} leads back to 'base' "
                + "(base → partials/footer → base: Themes/house/templates/partials/footer.mustache:1 includes {{<base}}), \(Self.why)")
    }

    @Test func aCycleAfterASetDelimiterTagIsFound() throws {
        #expect(try Self.loadError(["partials/footer.mustache": "{{=<% %>=}}\n<p>\n<%> partials/footer %>\n"])
                == "Themes/house/templates/partials/footer.mustache:3: error: {{>partials/footer}} includes 'partials/footer' in itself "
                + "(partials/footer → partials/footer), \(Self.why)")
    }

    @Test func aMissingPartialAfterASetDelimiterTagIsAnError() throws {
        let quarters = "{{<base}}\n{{$main}}\n{{=<% %>=}}\n<h1>Quarters</h1>\n<%>partials/quarter-lsit%>\n<%={{ }}=%>\n{{/main}}\n{{/base}}\n"
        #expect(try Self.loadError(["quarters.mustache": quarters])
                == "Themes/house/templates/quarters.mustache:5: error: the partial 'partials/quarter-lsit' is not in the theme "
                + "(no templates/partials/quarter-lsit.mustache in Themes/house/, Themes/default/ or the built-in default theme)")
    }

    /// A build with a recursive partial stops at the theme step (it used to overflow the stack while rendering).
    @Test func aBuildWithARecursivePartialFailsInTheThemeStep() async throws {
        let site = try TestSite(files: ["acme.txt": pdfTranscript()], config: "theme: house\n")
        defer { site.remove() }
        try site.write("x\n{{>partials/footer}}\n", to: "Themes/house/templates/partials/footer.mustache")
        let failure = await site.failure()
        #expect(failure?.step == "theme")
        #expect(failure?.diagnostics.first?.file == "Themes/house/templates/partials/footer.mustache")
        #expect(failure?.diagnostics.first?.line == 2)
    }

    @Test func aSectionLeftOpenBeforeAnOuterCloseNamesTheOpenSection() throws {
        let quarters = "{{<base}}\n{{$main}}\n<h1>Quarters</h1>\n{{#quarters}}\n<li>{{label}}</li>\n{{/main}}\n{{/base}}\n"
        #expect(try Self.loadError(["quarters.mustache": quarters])
                == "Themes/house/templates/quarters.mustache:6: error: {{/main}} closes {{$main}} (line 2), but {{#quarters}} opened at line 4 "
                + "is still open; close it with {{/quarters}} first")
    }

    @Test func aMismatchedCloseNamesTheOpenSectionAndItsLine() throws {
        let quarters = "{{<base}}\n{{$main}}\n{{#quarters}}\n<li>{{label}}</li>\n{{/quarter}}\n{{/main}}\n{{/base}}\n"
        #expect(try Self.loadError(["quarters.mustache": quarters])
                == "Themes/house/templates/quarters.mustache:5: error: {{/quarter}} closes a section, but the open section is {{#quarters}} opened at line 3")
        #expect(try Self.loadError(["partials/footer.mustache": "{{=<% %>=}}\n<%^a%>\n<%/b%>\n"])
                == "Themes/house/templates/partials/footer.mustache:3: error: <%/b%> closes a section, but the open section is <%^a%> opened at line 2")
        #expect(try Self.loadError(["partials/footer.mustache": "<p>\n</p>{{/x}}\n"])
                == "Themes/house/templates/partials/footer.mustache:2: error: {{/x}} closes a section, but no section is open")
    }

    @Test func aFileThatEndsInsideASectionNamesWhereItOpened() throws {
        #expect(try Self.loadError(["partials/footer.mustache": "<footer>\n{{#site.description}}\n<p>{{.}}</p>\n</footer>\n"])
                == "Themes/house/templates/partials/footer.mustache:2: error: the file ends inside {{#site.description}}, opened at line 2; "
                + "close it with {{/site.description}}")
    }

    @Test func aParentWithASlashInItsNameSaysWhy() throws {
        let quarters = "{{<base}}{{$main}}{{<partials/call-item}}{{$callCompany}}{{/callCompany}}{{/partials/call-item}}{{/main}}{{/base}}\n"
        #expect(try Self.loadError(["quarters.mustache": quarters])
                == "Themes/house/templates/quarters.mustache:1: error: {{<partials/call-item}}: a parent template's name cannot contain '/' "
                + "in swift-mustache 2.1.1, because its closing tag cannot; use {{<name}} only with templates at the top of templates/, "
                + "such as base, and include partials/… with {{>…}}")
    }

    @Test func otherSyntaxErrorsSayWhatIsWrongWithTheTag() throws {
        #expect(try Self.loadError(["partials/footer.mustache": "<p>\n{{{body}}\n</p>\n"])
                == "Themes/house/templates/partials/footer.mustache:2: error: {{{body}} lacks its third closing brace: write {{{body}}}")
        #expect(try Self.loadError(["partials/footer.mustache": "<p>\n{{site title}}\n</p>\n"])
                == "Themes/house/templates/partials/footer.mustache:2: error: {{site title}} is not a tag swift-mustache can read: a name holds "
                + "only letters, digits and . - _ ? *, with ( ) around a transform's value (empty(x)) and / only in a partial's name, "
                + "and the tag ends with }}")
        #expect(try Self.loadError(["quarters.mustache": "{{<base}}\n{{page.title}}\n{{$main}}x{{/main}}\n{{/base}}\n"])
                == "Themes/house/templates/quarters.mustache:2: error: {{page.title}} is inside {{<base}} (line 1) but outside its blocks: "
                + "between a parent's tags only blocks ({{$name}}…{{/name}}) may stand, which replace the parent's blocks; move it into one")
    }

    @Test func partialReferencesFollowSetDelimiterTags() {
        let text = "{{>partials/one}}\n{{=<% %>=}}\n<%>partials/two%> {{>partials/not-a-tag}}\n<%#a%><%={{ }}=%>{{>partials/three}}{{/a}}"
            + "<%>partials/four%>\n<%={{ }}=%>{{>*dynamic}}"
        #expect(Theme.partialReferences(in: text).map(\.name) == ["partials/one", "partials/two", "partials/three", "partials/four"])
        #expect(Theme.partialReferences(in: text).map(\.line) == [1, 3, 4, 4])
        #expect(TemplateScan(text).namesPartialByValue)
        #expect(TemplateScan(text).problem == nil)
    }

    /// The warnings loading theme `house` made of `templates` gives, as `file: warning: message`.
    static func loadWarnings(_ templates: [String: String]) throws -> [String] {
        try withTheme(templates) { try Theme.load(themesDirectory: $0, name: "house").warnings.map(\.description) }
    }

    @Test func misnamedOverridesAreWarnedWithTheNameTheyWereMeantToHave() throws {
        let warnings = try Self.loadWarnings([
            "qaurters.mustache": "MINE", "Quarters.mustache": "MINE", "quarters.html": "MINE",
            "partial/footer.mustache": "MINE", "footer.mustache": "MINE", "colophon.mustache": "MINE",
            "home.mustache": "{{<base}}{{$main}}{{>partials/credits}}{{/main}}{{/base}}", "partials/credits.mustache": "MINE",
        ])
        let file = "Themes/house/templates/"
        let unused = "warning: not used: no page renders this template and no template includes it"
        #expect(warnings == [
            "\(file)Quarters.mustache: \(unused); did you mean quarters.mustache?",
            "\(file)colophon.mustache: \(unused)",
            "\(file)footer.mustache: \(unused); did you mean partials/footer.mustache?",
            "\(file)partial/footer.mustache: \(unused); did you mean partials/footer.mustache?",
            "\(file)qaurters.mustache: \(unused); did you mean quarters.mustache?",
            "\(file)quarters.html: warning: not used: templates are .mustache files; did you mean quarters.mustache?",
        ], "\(warnings)")
    }

    @Test func theDefaultThemeAndAThemeNamingPartialsByValueGiveNoUnusedWarnings() throws {
        #expect(try Theme.load(themesDirectory: repositoryRoot.appendingPathComponent("Themes"), name: "default").warnings == [])
        let byValue = try Self.loadWarnings(["home.mustache": "{{<base}}{{$main}}{{>*widget}}{{/main}}{{/base}}", "partials/clock.mustache": "x"])
        #expect(byValue == [])
    }

    @Test func aThemeFileLinkedToNothingIsAWarning() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("theme-links-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let assets = root.appendingPathComponent("house/assets", isDirectory: true)
        try FileManager.default.createDirectory(at: assets, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("house/templates"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: assets.appendingPathComponent("logo.svg").path, withDestinationPath: "/nonexistent/logo.svg")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("house/templates/home.mustache").path,
                                                   withDestinationPath: "../../shared/home.mustache")
        let theme = try Theme.load(themesDirectory: root, name: "house")
        #expect(theme.warnings.map(\.description) == [
            "Themes/house/templates/home.mustache: warning: not read: a symbolic link to nothing (its target does not exist)",
            "Themes/house/assets/logo.svg: warning: not read: a symbolic link to nothing (its target does not exist)",
        ])
    }

    @Test func theBuildReportsThemeWarnings() async throws {
        let site = try TestSite(config: "theme: house\n", includeReference: true)
        defer { site.remove() }
        try site.write("MINE", to: "Themes/house/templates/qaurters.mustache")
        let report = try await site.build(strict: true)
        #expect(report.published)
        #expect(report.warnings.map(\.description) == [
            "Themes/house/templates/qaurters.mustache: warning: not used: no page renders this template and no template includes it; did you mean quarters.mustache?",
        ])
    }
}
