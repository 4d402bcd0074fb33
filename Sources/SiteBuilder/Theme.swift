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

    /// How diagnostics name a file of the built-in default theme.
    static let builtInDisplay = "the built-in default theme"

    /// Loads `Themes/<name>/` over `Themes/default/` over the default theme built into sitegen, so any file a layer
    /// lacks comes from the one below. Errors name the template file and line. A theme named in `sitegen.yml` other
    /// than `default` must have its folder; every partial a template names must be one of the layered templates.
    public static func load(themesDirectory: URL, name: String) throws(Diagnostic) -> Theme {
        var files: [String: Source] = [:]
        var displays: [String: String] = [:]
        var assetFiles: [String: Source] = [:]
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
            for (relative, url) in Self.files(under: root.appendingPathComponent("templates")) where relative.hasSuffix(".mustache") {
                let templateName = String(relative.dropLast(".mustache".count))
                files[templateName] = .file(url)
                displays[templateName] = "Themes/\(layer)/templates/\(relative)"
            }
            for (relative, url) in Self.files(under: root.appendingPathComponent("assets")) {
                assetFiles[relative] = .file(url)
            }
        }
        HTMLContentType.register()
        var templates: [String: MustacheTemplate] = [:]
        var hasher = DigestHasher()
        var adaptsText = true
        var texts: [String: String] = [:]
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
            adaptsText = adaptsText && TemplateText.allowed(inTemplate: text)
            texts[templateName] = text
            do {
                templates[templateName] = try MustacheTemplate(string: HTMLContentType.pragma + text)
            } catch let error as MustacheTemplate.ParserError {
                throw Diagnostic(.error, file: display, line: max(1, error.context.lineNumber - 1),
                                 "template syntax error (\(error.error)) near '\(error.context.line.trimmingCharacters(in: .whitespaces))'")
            } catch {
                throw Diagnostic(.error, file: display, "template syntax error: \(error)")
            }
        }
        let folders = (name == "default" ? ["Themes/default/"] : ["Themes/\(name)/", "Themes/default/"]).joined(separator: ", ")
            + " or \(builtInDisplay)"
        for (templateName, text) in texts.sorted(by: { $0.key < $1.key }) {
            for reference in partialReferences(in: text) ?? [] where templates[reference.name] == nil {
                throw Diagnostic(.error, file: displays[templateName] ?? templateName, line: reference.line,
                                 "the partial '\(reference.name)' is not in the theme (no templates/\(reference.name).mustache in \(folders))")
            }
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
        return Theme(name: name, library: MustacheLibrary(templates: templates), assets: assets, templateFiles: displays,
                     fingerprint: hasher.finalize(), adaptsText: adaptsText)
    }

    /// Renders a page template with a context.
    public func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(adaptsText ? TemplateText.adapt(context) : context, withTemplate: template) ?? ""
    }

    /// The partials a template's text names (`{{> name}}`, and `{{< name}}` parents), with the line of each tag, as
    /// swift-mustache's parser reads tags: dynamic partials (`{{>*name}}`) and comments are left out, and nil means the
    /// template changes its delimiters (`{{=<% %>=}}`), so its tags cannot be found this way.
    static func partialReferences(in text: String) -> [(name: String, line: Int)]? {
        let bytes = Array(text.utf8)
        let newline = UInt8(ascii: "\n"), open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        let whitespace: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), newline]
        let nameBytes = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/".utf8)
        var references: [(name: String, line: Int)] = []
        var line = 1
        var index = 0
        while index < bytes.count {
            guard bytes[index] == open, index + 1 < bytes.count, bytes[index + 1] == open else {
                if bytes[index] == newline { line += 1 }
                index += 1
                continue
            }
            let tagLine = line
            var cursor = index + 2
            let kind = cursor < bytes.count ? bytes[cursor] : 0
            if kind == UInt8(ascii: "=") { return nil }
            if kind == UInt8(ascii: ">") || kind == UInt8(ascii: "<") {
                cursor += 1
                while cursor < bytes.count, whitespace.contains(bytes[cursor]) {
                    if bytes[cursor] == newline { line += 1 }
                    cursor += 1
                }
                let start = cursor
                while cursor < bytes.count, nameBytes.contains(bytes[cursor]) { cursor += 1 }
                let name = String(decoding: bytes[start..<cursor], as: UTF8.self)
                if !name.isEmpty, !name.hasPrefix("*") { references.append((name, tagLine)) }
            }
            while cursor < bytes.count, !(bytes[cursor] == close && cursor + 1 < bytes.count && bytes[cursor + 1] == close) {
                if bytes[cursor] == newline { line += 1 }
                cursor += 1
            }
            index = cursor + 2
        }
        return references
    }

    /// Regular files below `root` (hidden ones skipped), by relative path, sorted. Symbolic links are followed, to files
    /// and to folders (a theme may be shared between sites by a link), but never back into a folder already being read:
    /// the same walk as the input scan's of `Themes/` (`SourceFingerprint.scan`), so an edit under a link is seen.
    static func files(under root: URL) -> [(String, URL)] {
        var result: [(String, URL)] = []
        FileWalk.regularFiles(in: root.path, prefix: "", followingFolderLinks: true) { relative, path, _, _ in
            result.append((relative, URL(fileURLWithPath: path, isDirectory: false)))
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
