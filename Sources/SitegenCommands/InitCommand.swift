import ArgumentParser
import Foundation
import SiteBuilder
import TranscriptKit

/// `sitegen init`: a new site folder, or the missing files of an existing one.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a site folder: sitegen.yml, Content/ and .gitignore.",
        discussion: """
            Existing files are left as they are. Put transcripts in Content/ and run `sitegen build --site DIR`: the \
            default theme is built into sitegen, so a site needs no Themes/ folder. With --theme NAME, a copy of the \
            default theme is written to Themes/NAME/ to edit, and a new sitegen.yml names it.
            """
    )

    @Argument(help: "The site folder (created if missing).")
    var folder: String = "."

    @Option(help: "Also write a copy of the default theme to Themes/<name>/, to edit.")
    var theme: String?

    /// A theme name that cannot name a folder under Themes/ is a usage error (exit 2).
    func validate() throws {
        if let theme, !SiteConfig.isThemeName(theme) {
            throw ValidationError("--theme '\(theme)' cannot be a theme name: use letters, digits and hyphens (a folder name under Themes/)")
        }
    }

    func run() throws {
        let root = URL(fileURLWithPath: folder, isDirectory: true)
        let outcomes: [SiteScaffold.Outcome]
        do { outcomes = try SiteScaffold.create(at: root, theme: theme) } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        let prefix = folder == "." ? "" : (folder.hasSuffix("/") ? folder : folder + "/")
        for outcome in outcomes {
            switch outcome {
            case .created(let path): print("created \(prefix)\(path)")
            case .kept(let path): print("kept \(prefix)\(path) (it exists)")
            }
        }
        if let theme, outcomes.contains(.kept("sitegen.yml")) {
            print("note: \(prefix)sitegen.yml was there already: set `theme: \(theme)` in it to use the new theme")
        }
        print("next: put transcripts in \(prefix)Content/ and run `sitegen build\(folder == "." ? "" : " --site \(Self.shellQuoted(folder))")`")
    }

    /// `path` as a POSIX shell reads it back as one word: as typed if it holds only safe characters, `./` before a
    /// leading dash (so it is not read as an option), else in single quotes.
    static func shellQuoted(_ path: String) -> String {
        let safe = path.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "_./:@%+=,-".unicodeScalars.contains($0) }
        let word = path.hasPrefix("-") ? "./" + path : path
        guard !safe || path.isEmpty else { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
