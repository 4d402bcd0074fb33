import Foundation
import Mustache
import TranscriptKit

/// A theme: Mustache templates and assets, layered over the default theme so a site can override single files.
public struct Theme: Sendable {
    /// The templates every theme must provide (after layering).
    public static let requiredTemplates = [
        "base", "home", "companies", "company", "transcript", "quarters", "quarter", "speakers", "speaker", "page", "notfound",
        "events", "events-year", "event",
    ]

    /// The theme's name (its folder under `Themes/`).
    public let name: String
    /// The compiled templates, compiled once per build.
    public let library: MustacheLibrary
    /// Asset files by output path (`assets/...`), the theme's own winning over the default theme's.
    public let assets: [(path: OutputPath, source: URL)]
    /// Where each template came from, for diagnostics.
    public let templateFiles: [String: URL]
    /// The digest of every template's name and text: part of each page's key.
    let fingerprint: ContentDigest
    /// Whether contexts' strings are given to the templates as `TemplateText` (false when a template may name a
    /// partial by a value, see `TemplateText.allowed(inTemplate:)`).
    let adaptsText: Bool

    /// Loads `Themes/<name>/` over `Themes/default/`. Errors name the template file and line.
    public static func load(themesDirectory: URL, name: String) throws(Diagnostic) -> Theme {
        let layers = name == "default" ? ["default"] : ["default", name]
        var files: [String: URL] = [:]
        var assetFiles: [String: URL] = [:]
        var foundAny = false
        for layer in layers {
            let root = themesDirectory.appendingPathComponent(layer, isDirectory: true)
            guard FileManager.default.fileExists(atPath: root.path) else { continue }
            foundAny = true
            for (relative, url) in Self.files(under: root.appendingPathComponent("templates")) where relative.hasSuffix(".mustache") {
                files[String(relative.dropLast(".mustache".count))] = url
            }
            for (relative, url) in Self.files(under: root.appendingPathComponent("assets")) {
                assetFiles[relative] = url
            }
        }
        guard foundAny else {
            throw Diagnostic(.error, file: "Themes/\(name)", "the theme '\(name)' was not found; expected a folder Themes/\(name)/ with templates/ (or Themes/default/)")
        }
        HTMLContentType.register()
        var templates: [String: MustacheTemplate] = [:]
        var hasher = DigestHasher()
        var adaptsText = true
        for (templateName, url) in files.sorted(by: { $0.key < $1.key }) {
            let display = "Themes/" + url.pathComponents.suffix(3).joined(separator: "/")
            let text: String
            do {
                text = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw Diagnostic(.error, file: display, "cannot read the template as UTF-8 text")
            }
            hasher.combine(templateName)
            hasher.combine(text)
            adaptsText = adaptsText && TemplateText.allowed(inTemplate: text)
            do {
                templates[templateName] = try MustacheTemplate(string: HTMLContentType.pragma + text)
            } catch let error as MustacheTemplate.ParserError {
                throw Diagnostic(.error, file: display, line: max(1, error.context.lineNumber - 1),
                                 "template syntax error (\(error.error)) near '\(error.context.line.trimmingCharacters(in: .whitespaces))'")
            } catch {
                throw Diagnostic(.error, file: display, "template syntax error: \(error)")
            }
        }
        let missing = requiredTemplates.filter { templates[$0] == nil }
        guard missing.isEmpty else {
            throw Diagnostic(.error, file: "Themes/\(name)/templates", "missing templates: \(missing.joined(separator: ", ")) (expected .mustache files with these names here or in Themes/default/templates)")
        }
        var assets: [(OutputPath, URL)] = []
        for (relative, url) in assetFiles.sorted(by: { $0.key < $1.key }) {
            guard let path = OutputPath("assets/" + relative) else {
                throw Diagnostic(.error, file: "Themes/\(name)/assets/\(relative)", "asset file name cannot be published safely")
            }
            assets.append((path, url))
        }
        return Theme(name: name, library: MustacheLibrary(templates: templates), assets: assets, templateFiles: files,
                     fingerprint: hasher.finalize(), adaptsText: adaptsText)
    }

    /// Renders a page template with a context.
    public func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(adaptsText ? TemplateText.adapt(context) : context, withTemplate: template) ?? ""
    }

    /// Regular files below `root` (hidden ones skipped), by relative path, sorted.
    static func files(under root: URL) -> [(String, URL)] {
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        var result: [(String, URL)] = []
        let base = root.standardizedFileURL.path
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base + "/") else { continue }
            result.append((String(path.dropFirst(base.count + 1)), url))
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
