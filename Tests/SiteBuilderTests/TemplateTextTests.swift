import Foundation
import Mustache
import Testing
@testable import SiteBuilder

/// `Theme.render` hands the templates `TemplateText` instead of `String`: every template must render exactly as
/// swift-mustache renders the plain context.
@Suite struct TemplateTextTests {
    /// Templates that use strings in every way Mustache can: printed, escaped, unescaped, as sections and inverted
    /// sections, looked through (a lookup inside a string's section), dotted, transformed, in lists, partials and blocks.
    static let templates: [String: String] = [
        "t-variables": "<p title=\"{{title}}\">{{name}} {{{html}}} {{html}} {{&html}} {{missing}}|{{count}}|{{flag}}</p>",
        "t-sections": "{{#url}}<a href=\"{{root}}{{.}}\">{{name}}</a>{{/url}}{{^url}}{{name}}{{/url}}|{{#empty}}[{{.}}]{{/empty}}{{^empty}}none{{/empty}}|{{#flag}}on{{/flag}}",
        "t-dotted": "{{person.name}} of {{person.firm.name}}; {{#person}}{{name}} ({{title}}, {{root}}){{/person}}",
        "t-transforms": "{{uppercased(name)}} {{lowercased(name)}} {{capitalized(lower)}} {{reversed(name)}} {{#empty(empty)}}E{{/empty(empty)}}{{^empty(name)}}N{{/empty(name)}} {{count(names)}} {{#sorted(names)}}{{.}},{{/sorted(names)}} {{#reversed(names)}}{{.}};{{/reversed(names)}} {{#first(names)}}{{.}}{{/first(names)}} {{#last(rows)}}{{label}}{{/last(rows)}}",
        "t-lists": "<ol>{{#rows}}{{#first()}}F{{/first()}}<li id=\"{{id}}\">{{label}}{{#note}}: {{.}}{{/note}}{{^note}} ({{root}}){{/note}}{{#tags}} #{{.}}{{/tags}}</li>{{^last()}},{{/last()}}{{/rows}}</ol>{{#names}}{{.}} {{/names}}",
        "t-partials": "<div>\n  {{>t-row}}\n</div>\n{{<t-base}}{{$body}}{{name}} in a block{{/body}}{{/t-base}}",
        "t-row": "{{name}} row\n{{#rows}}\n- {{label}}\n{{/rows}}",
        "t-base": "<main>{{$body}}default{{/body}}</main>",
        "t-printed": "{{names}} {{sorted(names)}} {{ints}} {{#sorted(ints)}}{{.}}{{/sorted(ints)}} {{sorted(ints)}} {{^sorted(ints)}}none{{/sorted(ints)}} {{sorted(noInts)}} {{sorted(noNames)}}|{{#opt}}<{{some}}>{{/opt}} {{opt.some}} {{#sorted(optNames)}}{{.}}{{/sorted(optNames)}} {{pairs.k}} {{count(pairs)}} {{mixed}}",
    ]

    static var context: [String: Any] { [
        "title": "Q3 \"2012\" <earnings> & 'more'", "name": "Carl Russo", "lower": "calix inc.", "html": "<b>bold</b> & co",
        "count": 3, "flag": true, "url": "speakers/carl-russo/", "root": "../../", "empty": "",
        "person": ["name": "Paul Whitehead", "title": "CFO", "firm": ["name": "Calix, Inc."]] as [String: Any],
        "names": ["Zoe", "adam", "Bob", "Émile"], "noNames": [String](), "ints": [3, 1, 2], "noInts": [Int](),
        "opt": Optional("x") as Any, "optNames": ["b", "a"] as [String?], "pairs": ["k": "v<"] as [String: String],
        "mixed": ["a", 1, ["b"]] as [Any],
        "rows": [
            ["id": "t1", "label": "First", "note": "said <this>", "tags": ["a", "b"]],
            ["id": "t2", "label": "Second", "tags": [String]()],
            ["id": "t3", "label": "Third", "note": ""],
        ] as [[String: Any]],
    ] }

    /// A site with the default theme plus `templates`.
    static func theme(_ templates: [String: String]) throws -> (Theme, TestSite) {
        let site = try TestSite()
        for (name, text) in templates { try site.write(text, to: "Themes/default/templates/\(name).mustache") }
        let theme = try Theme.load(themesDirectory: site.root.appendingPathComponent("Themes"), name: "default")
        return (theme, site)
    }

    @Test func rendersLikeMustacheWithPlainStrings() throws {
        let (theme, site) = try Self.theme(Self.templates)
        defer { site.remove() }
        #expect(theme.adaptsText)
        for name in Self.templates.keys.sorted() where name != "t-row" && name != "t-base" {
            let plain = theme.library.render(Self.context, withTemplate: name)
            #expect(plain != nil && plain != "", "\(name) renders something")
            #expect(theme.render(name, Self.context) == plain, "\(name)")
        }
        #expect(theme.render("t-sections", Self.context) ==
                "<a href=\"../../speakers/carl-russo/\">Carl Russo</a>|[]|on")
        #expect(theme.render("t-transforms", Self.context).hasPrefix("CARL RUSSO carl russo Calix Inc. ossuR lraC EN 4 Bob,Zoe,adam,Émile,"))
        #expect(theme.render("t-variables", Self.context).contains("title=\"Q3 &quot;2012&quot; &lt;earnings&gt; &amp; &#39;more&#39;\""))
        #expect(theme.render("t-printed", Self.context).hasPrefix("[&quot;Zoe&quot;, &quot;adam&quot;, &quot;Bob&quot;, &quot;Émile&quot;] "))
    }

    /// The default theme's own pages: the sample site built as usual equals, file for file, the site built with a theme
    /// that keeps plain strings (an unused template with a dynamic partial turns the adaptation off).
    @Test func defaultThemePagesAreUnchanged() async throws {
        let adapted = try TestSite(includeReference: true)
        let plain = try TestSite(includeReference: true)
        defer { adapted.remove(); plain.remove() }
        try plain.write("{{>*unused}}", to: "Themes/default/templates/partials/zz-unused.mustache")
        #expect(try Theme.load(themesDirectory: adapted.root.appendingPathComponent("Themes"), name: "default").adaptsText)
        #expect(try !Theme.load(themesDirectory: plain.root.appendingPathComponent("Themes"), name: "default").adaptsText)
        try await adapted.build()
        try await plain.build()
        let adaptedFiles = snapshot(adapted.output), plainFiles = snapshot(plain.output)
        #expect(adaptedFiles.count > 20)
        #expect(adaptedFiles.keys.sorted() == plainFiles.keys.sorted())
        for (path, data) in adaptedFiles where plainFiles[path] != data { Issue.record("\(path) differs") }
        let page = try adapted.page("companies/calx/2012-q3/index.html")
        #expect(page.contains("<a href=\"../../../speakers/carl-russo/\">Carl Russo</a>"))
    }

    @Test func adaptWrapsStringsAtAnyDepthAndKeepsOtherValues() throws {
        let adapted = try #require(TemplateText.adapt(Self.context) as? [String: Any])
        #expect((adapted["name"] as? TemplateText)?.text == "Carl Russo")
        #expect(adapted["count"] as? Int == 3)
        #expect(adapted["flag"] as? Bool == true)
        let person = try #require(adapted["person"] as? [String: Any])
        #expect(((person["firm"] as? [String: Any])?["name"] as? TemplateText)?.text == "Calix, Inc.")
        #expect((adapted["names"] as? [TemplateText])?.map(\.text) == ["Zoe", "adam", "Bob", "Émile"])
        let rows = try #require(adapted["rows"] as? [[String: Any]])
        #expect((rows[0]["tags"] as? [TemplateText])?.map(\.text) == ["a", "b"])
        #expect((rows[2]["note"] as? TemplateText)?.text == "")
        #expect(TemplateText(text: "x").child(named: "x") == nil)
        #expect(TemplateText(text: "").transform("empty") as? Bool == true)
        #expect(((adapted["pairs"] as? [String: Any])?["k"] as? TemplateText)?.text == "v<")
        #expect(type(of: adapted["ints"]!) == [Int].self && type(of: adapted["noInts"]!) == [Int].self)
        #expect(type(of: adapted["noNames"]!) == [String].self)
        #expect(type(of: adapted["opt"]!) == Optional<String>.self)
        #expect(type(of: adapted["optNames"]!) == [String?].self)
        let mixed = try #require(adapted["mixed"] as? [Any])
        #expect((mixed[0] as? TemplateText)?.text == "a" && mixed[1] as? Int == 1 && (mixed[2] as? [TemplateText])?.first?.text == "b")
        #expect(String(describing: [TemplateText(text: "a\"b")]) == String(describing: ["a\"b"]))
    }

    /// swift-mustache reads a dynamic partial's name only from a `String`: a theme with `{{>*name}}` (or `{{> *name}}`,
    /// `{{<*name}}`, with any delimiters) keeps its strings.
    @Test(arguments: ["[{{>*which}}]", "[{{> *which}}]", "[{{<*which}}{{/*which}}]", "[{{< *which}}{{$b}}B{{/b}}{{/*which}}]",
                      "{{=<% %>=}}[<%> *which%>]"])
    func dynamicPartialNamesKeepPlainStrings(_ template: String) throws {
        let (theme, site) = try Self.theme(["t-dynamic": template, "t-chosen": "chosen {{name}}"])
        defer { site.remove() }
        #expect(!theme.adaptsText)
        #expect(theme.render("t-dynamic", ["which": "t-chosen", "name": "<Carl>"]) == "[chosen &lt;Carl&gt;]")
    }

    @Test func dynamicPartialDetection() {
        #expect(TemplateText.allowed(inTemplate: "{{#a}}{{b}}{{/a}} a > b, b < c, 2 * 3"))
        #expect(!TemplateText.allowed(inTemplate: "{{>\t*name}}"))
        #expect(!TemplateText.allowed(inTemplate: "<p>* a list</p>"), "a false alarm only costs speed")
    }
}
