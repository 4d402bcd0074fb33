import Foundation

// ThemeEmbedder THEME_FOLDER OUTPUT_FILE: writes a Swift file declaring `EmbeddedDefaultTheme.files`, every regular file
// below THEME_FOLDER (hidden ones skipped) by relative path, sorted, as Base64 (any bytes, and a string literal compiles
// fast where a byte-array literal does not). Run by the EmbedDefaultTheme build plugin.

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: ThemeEmbedder THEME_FOLDER OUTPUT_FILE\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[1], isDirectory: true).standardizedFileURL
var files: [(path: String, bytes: Data)] = []
guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else {
    FileHandle.standardError.write(Data("ThemeEmbedder: cannot read \(root.path)\n".utf8))
    exit(1)
}
for case let url as URL in walk where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
    let path = url.standardizedFileURL.path
    guard path.hasPrefix(root.path + "/") else { continue }
    files.append((String(path.dropFirst(root.path.count + 1)), try Data(contentsOf: url)))
}
files.sort { $0.path < $1.path }
var source = "// Generated at build time by ThemeEmbedder from Themes/default/; edit the theme, not this file.\n\n"
source += "enum EmbeddedDefaultTheme {\n    static let files: [(path: String, base64: String)] = [\n"
for file in files {
    let path = file.path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    source += "        (\"\(path)\", \"\(file.bytes.base64EncodedString())\"),\n"
}
source += "    ]\n}\n"
let output = URL(fileURLWithPath: arguments[2])
if (try? Data(contentsOf: output)) != Data(source.utf8) {
    try Data(source.utf8).write(to: output, options: .atomic)
}
