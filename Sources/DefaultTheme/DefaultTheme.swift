import Foundation

/// The default theme built into sitegen: the files of the repository's `Themes/default/`, embedded at build time, so a
/// site needs no `Themes/` folder of its own.
public enum DefaultTheme {
    /// One file of the theme.
    public struct File: Sendable {
        /// Its path inside the theme folder ("templates/base.mustache", "assets/style.css").
        public let path: String
        /// Its bytes.
        public let bytes: [UInt8]
    }

    /// Every file of the theme, sorted by path.
    public static let files: [File] = EmbeddedDefaultTheme.files.map { file in
        guard let bytes = Data(base64Encoded: file.base64) else { preconditionFailure("ThemeEmbedder wrote invalid Base64 for \(file.path)") }
        return File(path: file.path, bytes: Array(bytes))
    }
}
