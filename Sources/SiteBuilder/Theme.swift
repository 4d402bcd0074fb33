import DefaultTheme
import Foundation
import Mustache
import TranscriptKit

/// A theme: Mustache templates and assets, layered over the default theme so a site can override single files.
public struct Theme: Sendable {
    /// The templates every theme must provide (after layering).
    public static let requiredTemplates = [
        "base", "home", "companies", "company", "transcript", "quarters", "quarter", "speakers", "speaker", "page", "notfound",
        "events", "events-year", "event", "search",
    ]

    /// Where a theme file comes from: a file under `Themes/`, or the default theme built into sitegen.
    public enum Source: Sendable {
        /// A file on disk.
        case file(URL)
        /// A file of the built-in default theme (`DefaultTheme`).
        case builtIn([UInt8])
    }

    /// The theme's name (its folder under `Themes/`).
    public let name: String
    /// The compiled templates, compiled once per build.
    public let library: MustacheLibrary
    /// Asset files by output path (`assets/...`), the theme's own winning over the default theme's.
    public let assets: [(path: OutputPath, source: Source)]
    /// Where each template came from, as diagnostics name it ("Themes/house/templates/home.mustache").
    public let templateFiles: [String: String]
    /// The digest of every template's name and text: part of each page's key.
    let fingerprint: ContentDigest
    /// Whether contexts' strings are given to the templates as `TemplateText` (false when a template may name a
    /// partial by a value, see `TemplateText.allowed(inTemplate:)`).
    let adaptsText: Bool
    /// What loading noticed but could go on with: theme files that no page uses (``unusedFileWarnings``).
    public let warnings: [Diagnostic]

    /// How diagnostics name a file of the built-in default theme.
    static let builtInDisplay = "the built-in default theme"

    /// Loads `Themes/<name>/` over `Themes/default/` over the default theme built into sitegen, so any file a layer
    /// lacks comes from the one below. Errors name the template file and line. A theme named in `sitegen.yml` other
    /// than `default` must have its folder; every partial a template names must be one of the layered templates.
    public static func load(themesDirectory: URL, name: String) throws(Diagnostic) -> Theme {
        var files: [String: Source] = [:]
        var displays: [String: String] = [:]
        var assetFiles: [String: Source] = [:]
        var strays: [String] = []
        var notRead: [Diagnostic] = []
        for file in DefaultTheme.files {
            if file.path.hasPrefix("templates/"), file.path.hasSuffix(".mustache") {
                let templateName = String(file.path.dropFirst("templates/".count).dropLast(".mustache".count))
                files[templateName] = .builtIn(file.bytes)
                displays[templateName] = "\(builtInDisplay) (\(file.path))"
            } else if file.path.hasPrefix("assets/") {
                assetFiles[String(file.path.dropFirst("assets/".count))] = .builtIn(file.bytes)
            }
        }
        for layer in name == "default" ? ["default"] : ["default", name] {
            let root = themesDirectory.appendingPathComponent(layer, isDirectory: true)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                if layer == name && name != "default" {
                    throw Diagnostic(.error, file: "sitegen.yml", "the theme '\(name)' (theme: in sitegen.yml) was not found; expected a folder Themes/\(name)/ with templates/")
                }
                continue
            }
            for (relative, url) in Self.files(under: root.appendingPathComponent("templates"), display: "Themes/\(layer)/templates/", warnings: &notRead) {
                guard relative.hasSuffix(".mustache") else {
                    strays.append("Themes/\(layer)/templates/\(relative)")
                    continue
                }
                let templateName = String(relative.dropLast(".mustache".count))
                files[templateName] = .file(url)
                displays[templateName] = "Themes/\(layer)/templates/\(relative)"
            }
            for (relative, url) in Self.files(under: root.appendingPathComponent("assets"), display: "Themes/\(layer)/assets/", warnings: &notRead) {
                assetFiles[relative] = .file(url)
            }
        }
        HTMLContentType.register()
        var templates: [String: MustacheTemplate] = [:]
        var hasher = DigestHasher()
        var adaptsText = true
        var scans: [String: TemplateScan] = [:]
        for (templateName, source) in files.sorted(by: { $0.key < $1.key }) {
            let display = displays[templateName] ?? "Themes/\(name)/templates/\(templateName).mustache"
            let text: String
            switch source {
            case .builtIn(let bytes):
                text = String(decoding: bytes, as: UTF8.self)
            case .file(let url):
                do {
                    text = try String(contentsOf: url, encoding: .utf8)
                } catch {
                    throw Diagnostic(.error, file: display, "cannot read the template as UTF-8 text")
                }
            }
            hasher.combine(templateName)
            hasher.combine(text)
            let scan = TemplateScan(text)
            adaptsText = adaptsText && TemplateText.allowed(inTemplate: text) && !scan.namesPartialByValue
            scans[templateName] = scan
            do {
                templates[templateName] = try MustacheTemplate(string: HTMLContentType.pragma + text)
            } catch let error as MustacheTemplate.ParserError {
                throw syntaxError(error, scan: scan, text: text, file: display)
            } catch {
                throw Diagnostic(.error, file: display, "template syntax error: \(error)")
            }
        }
        let folders = (name == "default" ? ["Themes/default/"] : ["Themes/\(name)/", "Themes/default/"]).joined(separator: ", ")
            + " or \(builtInDisplay)"
        for (templateName, scan) in scans.sorted(by: { $0.key < $1.key }) {
            for reference in scan.references where templates[reference.name] == nil {
                throw Diagnostic(.error, file: displays[templateName] ?? templateName, line: reference.line,
                                 "the partial '\(reference.name)' is not in the theme (no templates/\(reference.name).mustache in \(folders))")
            }
        }
        if let cycle = partialCycle(scans.mapValues(\.references)) {
            throw cycleError(cycle, displays: displays)
        }
        let missing = requiredTemplates.filter { templates[$0] == nil }
        guard missing.isEmpty else {
            throw Diagnostic(.error, file: "Themes/\(name)/templates", "missing templates: \(missing.joined(separator: ", ")) (expected .mustache files with these names here or in Themes/default/templates)")
        }
        var assets: [(OutputPath, Source)] = []
        for (relative, source) in assetFiles.sorted(by: { $0.key < $1.key }) {
            guard let path = OutputPath("assets/" + relative) else {
                throw Diagnostic(.error, file: "Themes/\(name)/assets/\(relative)", "asset file name cannot be published safely")
            }
            assets.append((path, source))
        }
        let onDisk = files.compactMap { entry -> (String, String)? in
            guard case .file = entry.value, let display = displays[entry.key] else { return nil }
            return (entry.key, display)
        }
        let warnings = notRead + unusedFileWarnings(templates: Dictionary(uniqueKeysWithValues: onDisk), strays: strays, scans: scans)
        return Theme(name: name, library: MustacheLibrary(templates: templates), assets: assets, templateFiles: displays,
                     fingerprint: hasher.finalize(), adaptsText: adaptsText, warnings: warnings)
    }

    /// Warnings for the theme's files on disk that no page uses: a template that is neither a page template
    /// (``requiredTemplates``) nor named by any template's `{{>…}}` or `{{<…}}` (`templates`, name → display), and a
    /// file under `templates/` that is not a `.mustache` file (`strays`, displays); each with the used name it was
    /// probably meant to be, if one is near (misspelt, in the wrong case or folder). When a template names a partial by
    /// a value (`{{>*name}}`), any template may be used, so only the strays are reported.
    static func unusedFileWarnings(templates: [String: String], strays: [String], scans: [String: TemplateScan]) -> [Diagnostic] {
        let used = Set(requiredTemplates).union(scans.values.flatMap { $0.references.map(\.name) })
        let byValue = scans.values.contains { $0.namesPartialByValue }
        var warnings: [Diagnostic] = []
        for (templateName, display) in templates.sorted(by: { $0.value < $1.value }) where !byValue && !used.contains(templateName) {
            let hint = nearestName(to: templateName, in: used).map { "; did you mean \($0).mustache?" } ?? ""
            warnings.append(Diagnostic(.warning, file: display, "not used: no page renders this template and no template includes it\(hint)"))
        }
        for display in strays.sorted() {
            let file = String(display.split(separator: "/", maxSplits: 3).last ?? "")
            let stem = (file as NSString).deletingPathExtension
            let hint = nearestName(to: stem, in: used.union(templates.keys)).map { "; did you mean \($0).mustache?" } ?? ""
            warnings.append(Diagnostic(.warning, file: display, "not used: templates are .mustache files\(hint)"))
        }
        return warnings
    }

    /// The name in `names` that `name` was most likely meant to be: the same but for case, the same file in another
    /// folder (`footer`, `partial/footer` → `partials/footer`), or at most two edits away; nil when none is near.
    static func nearestName(to name: String, in names: Set<String>) -> String? {
        let sorted = names.sorted()
        if names.contains(name) { return name }
        if let same = sorted.first(where: { $0.lowercased() == name.lowercased() }) { return same }
        let last = name.split(separator: "/").last.map(String.init) ?? name
        if let moved = sorted.first(where: { ($0.split(separator: "/").last.map(String.init) ?? $0) == last }) { return moved }
        let scored = sorted.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// The Levenshtein distance between two short strings (by Unicode scalar).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }

    /// Renders a page template with a context.
    public func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(adaptsText ? TemplateText.adapt(context) : context, withTemplate: template) ?? ""
    }

    /// The partials a template's text names (`{{> name}}`, and `{{< name}}` parents), with the line of each tag, as
    /// swift-mustache's parser reads tags, following set-delimiter tags: dynamic partials (`{{>*name}}`) and comments are
    /// left out.
    static func partialReferences(in text: String) -> [(name: String, line: Int)] {
        TemplateScan(text).references.map { ($0.name, $0.line) }
    }

    /// A template syntax error in the author's terms: the scan's account when it stops where swift-mustache did, else
    /// the parser's error case in a sentence, at a line of the file.
    static func syntaxError(_ error: MustacheTemplate.ParserError, scan: TemplateScan, text: String, file: String) -> Diagnostic {
        let kind: TemplateScan.Kind
        switch error.error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: kind = .sectionCloseNameIncorrect
        case .unfinishedName: kind = .unfinishedName
        case .expectedSectionEnd: kind = .expectedSectionEnd
        case .invalidSetDelimiter: kind = .invalidSetDelimiter
        case .transformAppliedToInheritanceSection: kind = .transformAppliedToInheritanceSection
        case .illegalTokenInsideInheritSection, .textInsideInheritSection: kind = .illegalTokenInsideInheritSection
        case .invalidConfigVariableSyntax: kind = .invalidConfigVariableSyntax
        case .unrecognisedConfigVariable: kind = .unrecognisedConfigVariable
        case nil: kind = .endOfFile
        }
        if let problem = scan.problem, problem.kind == kind {
            return Diagnostic(.error, file: file, line: problem.line, problem.message)
        }
        let lineCount = max(1, text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count - (text.last?.isNewline == true ? 1 : 0))
        let line = min(lineCount, max(1, error.context.lineNumber - 1))
        let near = error.context.line.trimmingCharacters(in: .whitespaces)
        let what = switch kind {
        case .sectionCloseNameIncorrect: "a closing tag does not match the section that is open"
        case .unfinishedName: "a tag is not one swift-mustache can read (a name holds only letters, digits and . - _ ? *, with ( ) around a transform's value)"
        case .expectedSectionEnd: "the file ends inside a section that is never closed"
        case .invalidSetDelimiter: "a set-delimiter tag is not written as {{=<% %>=}}"
        case .transformAppliedToInheritanceSection: "a block's name cannot apply a transform"
        case .illegalTokenInsideInheritSection: "between a parent's tags ({{<base}}…{{/base}}) only blocks ({{$name}}…{{/name}}) may stand"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: "a pragma other than {{% CONTENT_TYPE: TEXT }}"
        case .endOfFile: "the file ends in the middle of a tag"
        }
        return Diagnostic(.error, file: file, line: line, near.isEmpty ? "template syntax error: \(what)" : "template syntax error: \(what), near '\(near)'")
    }

    /// The first cycle of partial references (`["partials/a", "partials/b", "partials/a"]`, each template with the
    /// reference that leads to the next), searched from each template in name order; nil when there is none.
    static func partialCycle(_ references: [String: [TemplateScan.Reference]]) -> [(name: String, next: TemplateScan.Reference?)]? {
        var finished: Set<String> = []
        var path: [(name: String, next: TemplateScan.Reference?)] = []
        func visit(_ name: String) -> [(name: String, next: TemplateScan.Reference?)]? {
            if let start = path.firstIndex(where: { $0.name == name }) { return Array(path[start...]) + [(name, nil)] }
            guard !finished.contains(name), let edges = references[name] else { return nil }
            path.append((name, nil))
            for edge in edges {
                path[path.count - 1].next = edge
                if let cycle = visit(edge.name) { return cycle }
            }
            path.removeLast()
            finished.insert(name)
            return nil
        }
        for name in references.keys.sorted() {
            if let cycle = visit(name) { return cycle }
        }
        return nil
    }

    /// The error for a cycle of partials: at the include that starts it, with the chain and why it cannot end.
    static func cycleError(_ cycle: [(name: String, next: TemplateScan.Reference?)], displays: [String: String]) -> Diagnostic {
        let chain = cycle.map(\.name).joined(separator: " → ")
        let first = cycle[0]
        let tag = first.next?.tag ?? first.name
        let why = "so rendering it never ends: sitegen's page data has no nesting for a recursive partial to end on "
            + "(inside a list, a key an item lacks is looked up on the outer items, so a test such as {{#children}} stays true); "
            + "write out each level the data has instead"
        let message: String
        if cycle.count == 2 {
            message = "\(tag) includes '\(first.name)' in itself (\(chain)), \(why)"
        } else {
            let rest = cycle.dropFirst().dropLast().compactMap { step in
                step.next.map { "\(displays[step.name] ?? step.name):\($0.line) includes \($0.tag)" }
            }
            message = "\(tag) leads back to '\(first.name)' (\(chain): \(rest.joined(separator: ", "))), \(why)"
        }
        return Diagnostic(.error, file: displays[first.name] ?? first.name, line: first.next?.line, message)
    }

    /// Regular files below `root` (hidden ones skipped), by relative path, sorted. Symbolic links are followed, to files
    /// and to folders (a theme may be shared between sites by a link), but never back into a folder already being read:
    /// the same walk as the input scan's of `Themes/` (`SourceFingerprint.scan`), so an edit under a link is seen.
    /// What the walk passes over (a link to nothing, an unreadable folder) becomes a warning named `display` + its path.
    static func files(under root: URL) -> [(String, URL)] {
        var ignored: [Diagnostic] = []
        return files(under: root, display: "", warnings: &ignored)
    }

    /// `files(under:)`, with warnings for what it passes over.
    static func files(under root: URL, display: String, warnings: inout [Diagnostic]) -> [(String, URL)] {
        var result: [(String, URL)] = []
        var notRead: [(String, String)] = []
        FileWalk.regularFiles(in: root.path, prefix: "", followingFolderLinks: true, skipped: { notRead.append(($0, $1)) }) { relative, path, _, _ in
            result.append((relative, URL(fileURLWithPath: path, isDirectory: false)))
        }
        for (relative, why) in notRead.sorted(by: { $0.0 < $1.0 }) {
            warnings.append(Diagnostic(.warning, file: display + relative, "not read: \(why)"))
        }
        return result.sorted { $0.0 < $1.0 }
    }
}

/// How templates escape `{{variables}}`: the same five characters as Mustache's own HTML escaping (`<`, `>`, `&`, `"`,
/// `'`), found by a byte scan instead of a dictionary lookup per character (the escaping is a large share of rendering).
/// Every template starts with the pragma that selects it, prepended when the theme is loaded.
struct HTMLContentType: MustacheContentType {
    /// The content type's registered name.
    static let name = "SITEGEN_HTML"
    /// The Mustache pragma put before each template's text, on a line of its own (a standalone tag: no output; error
    /// line numbers are one less than Mustache reports).
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"

    /// Registers the content type with Mustache (idempotent).
    static func register() {
        MustacheContentTypes.register(HTMLContentType(), named: name)
    }

    func escapeText(_ text: String) -> String {
        HTMLText.escapeForTemplate(text)
    }
}
