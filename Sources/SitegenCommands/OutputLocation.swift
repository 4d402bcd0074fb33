import ArgumentParser
import Foundation

/// The `--site` and `--output` options that `build` and `check` share, and where they point.
struct OutputLocation: ParsableArguments {
    @Option(name: .customLong("site"), help: "The site folder holding sitegen.yml, Content/ and Themes/.")
    var site: String = "."

    @Option(help: "The output folder (default: <site>/Public).")
    var output: String?

    /// The site folder.
    var siteRoot: URL { URL(fileURLWithPath: site, isDirectory: true) }

    /// The output folder as given, or nil for the default `<site>/Public`.
    var outputOverride: URL? { output.map { URL(fileURLWithPath: $0, isDirectory: true) } }

    /// The output folder, resolved.
    var outputFolder: URL { outputOverride ?? siteRoot.appendingPathComponent("Public", isDirectory: true) }

    /// The output folder as the user would write it, for messages.
    var outputName: String { output ?? (site == "." ? "Public/" : "\(site)/Public/") }
}
