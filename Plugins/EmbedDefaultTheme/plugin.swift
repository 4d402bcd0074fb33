import Foundation
import PackagePlugin

/// Generates the `DefaultTheme` module's file table from the package's `Themes/default/` at build time, so the binary
/// carries the default theme and `Themes/default/` stays its one source.
@main
struct EmbedDefaultTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let theme = context.package.directoryURL.appending(path: "Themes/default", directoryHint: .isDirectory)
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedDefaultTheme.swift")
        var inputs: [URL] = []
        if let walk = FileManager.default.enumerator(at: theme, includingPropertiesForKeys: [.isRegularFileKey],
                                                     options: [.skipsHiddenFiles]) {
            for case let url as URL in walk where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                inputs.append(url)
            }
        }
        return [
            .buildCommand(displayName: "Embedding the default theme (Themes/default) into \(target.name)",
                          executable: try context.tool(named: "ThemeEmbedder").url,
                          arguments: [theme.path, output.path],
                          inputFiles: inputs.sorted { $0.path < $1.path },
                          outputFiles: [output]),
        ]
    }
}
