import DefaultTheme
import Foundation
import TranscriptKit

/// `sitegen init`: the files of a new site folder. Existing files are never replaced, so running it in an archive that
/// already has some of them adds only what is missing.
public enum SiteScaffold {
    /// What `create` did with one path.
    public enum Outcome: Sendable, Equatable {
        /// The file or folder was written.
        case created(String)
        /// It was there already and was left as it was.
        case kept(String)
    }

    /// The `sitegen.yml` of a new site, naming `theme`.
    public static func config(theme: String) -> String {
        """
        # sitegen site configuration. Every key is optional; the README documents them all.
        title: Earnings Call Archive
        description: ""
        # Where the site is published: canonical links, absolute feed ids and sitemap.xml (--base-url overrides it).
        # baseURL: https://example.org/calls/
        # A folder under Themes/; whatever it lacks comes from the default theme built into sitegen.
        theme: \(theme)
        # Optional: the names, tickers and other spellings of the archive's companies.
        # companies:
        #   - name: Calix, Inc.
        #     ticker: CALX
        #     aliases: [Calix, Calix Inc]
        #     sector: Communications equipment
        #     website: https://www.calix.com
        # Optional: who is who, where the calls write one person's name several ways or two people alike.
        # people:
        #   - name: Michael Ashby
        #     aliases: [Mike Ashby]

        """
    }

    /// Why `folder` cannot be made, told from its nearest existing ancestor: a file in the way, or what the system said
    /// when asked to make the next folder down ("Permission denied", "Read-only file system").
    static func creationProblem(_ folder: URL, _ error: any Error) -> String {
        var missing = folder.standardizedFileURL
        var existing = missing.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            missing = existing
            existing = existing.deletingLastPathComponent()
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: existing.path, isDirectory: &isFolder), !isFolder.boolValue {
            return "\(existing.path) is a file, not a folder"
        }
        if mkdir(missing.path, 0o755) == 0 {
            rmdir(missing.path)
            return error.localizedDescription
        }
        return "cannot make \(missing.lastPathComponent) in \(existing.path): \(String(cString: strerror(errno)))"
    }

    /// The lines of the `.gitignore` of a new site: the build's output and its cache.
    public static let ignored = ["Public/", ".sitegen-cache/"]

    /// Creates `folder` (if missing) with `sitegen.yml`, `Content/` and `.gitignore`, and with `theme` a copy of the
    /// built-in default theme in `Themes/<theme>/` to edit, named in the new `sitegen.yml`. A theme name is what
    /// `theme:` accepts (`SiteConfig.isThemeName`); a theme folder that exists and is not empty is an error, so no edited theme is overwritten.
    public static func create(at folder: URL, theme: String? = nil) throws(Diagnostic) -> [Outcome] {
        if let theme, !SiteConfig.isThemeName(theme) {
            throw Diagnostic(.error, file: "--theme", "'\(theme)' cannot be a theme name: use letters, digits and hyphens (a folder name under Themes/)")
        }
        let fileManager = FileManager.default
        var outcomes: [Outcome] = []
        func write(_ text: String, to relative: String) throws(Diagnostic) {
            let url = folder.appendingPathComponent(relative)
            guard !fileManager.fileExists(atPath: url.path) else { outcomes.append(.kept(relative)); return }
            do {
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                throw Diagnostic(.error, file: url.path, "cannot write the file: \(error.localizedDescription)")
            }
            outcomes.append(.created(relative))
        }
        if let theme {
            let themeFolder = folder.appendingPathComponent("Themes/\(theme)", isDirectory: true)
            if let entries = try? fileManager.contentsOfDirectory(atPath: themeFolder.path), !entries.isEmpty {
                throw Diagnostic(.error, file: themeFolder.path, "the theme folder exists and is not empty; nothing was written")
            }
        }
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: folder.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw Diagnostic(.error, file: folder.path, "is a file, not a folder")
        }
        if !fileManager.fileExists(atPath: folder.path) {
            do { try fileManager.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                throw Diagnostic(.error, file: folder.path, "cannot create the site folder: \(Self.creationProblem(folder, error))")
            }
        }
        try write(config(theme: theme ?? "default"), to: "sitegen.yml")
        let content = folder.appendingPathComponent("Content", isDirectory: true)
        if fileManager.fileExists(atPath: content.path) {
            outcomes.append(.kept("Content/"))
        } else {
            do { try fileManager.createDirectory(at: content, withIntermediateDirectories: true) } catch {
                throw Diagnostic(.error, file: content.path, "cannot create the folder: \(error.localizedDescription)")
            }
            outcomes.append(.created("Content/"))
        }
        try write(ignored.map { $0 + "\n" }.joined(), to: ".gitignore")
        if let theme {
            for file in DefaultTheme.files {
                let url = folder.appendingPathComponent("Themes/\(theme)/\(file.path)")
                do {
                    try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(file.bytes).write(to: url, options: .withoutOverwriting)
                } catch {
                    throw Diagnostic(.error, file: url.path, "cannot write the file: \(error.localizedDescription)")
                }
            }
            outcomes.append(.created("Themes/\(theme)/"))
        }
        return outcomes
    }
}
