import Hummingbird

/// The `Content-Type` of each file extension a site publishes; text types say they are UTF-8.
///
/// Hummingbird's own table knows these extensions but names no charset, and a browser guessing the encoding of a page
/// or a stylesheet can garble it. Extensions not listed here fall back to Hummingbird's table.
enum MediaTypes {
    /// Extension (lower case, without the dot) → media type.
    static let byExtension: [String: MediaType] = {
        func utf8(_ type: MediaType.Category, _ subType: String) -> MediaType {
            MediaType(type: type, subType: subType, parameter: ("charset", "utf-8"))
        }
        return [
            "html": utf8(.text, "html"),
            "htm": utf8(.text, "html"),
            "css": utf8(.text, "css"),
            "js": utf8(.text, "javascript"),
            "mjs": utf8(.text, "javascript"),
            "json": utf8(.application, "json"),
            "map": utf8(.application, "json"),
            "webmanifest": utf8(.application, "manifest+json"),
            "xml": utf8(.application, "xml"),
            "rss": utf8(.application, "rss+xml"),
            "atom": utf8(.application, "atom+xml"),
            "svg": utf8(.image, "svg+xml"),
            "txt": utf8(.text, "plain"),
            "md": utf8(.text, "markdown"),
            "csv": utf8(.text, "csv"),
            "ics": utf8(.text, "calendar"),
            "png": MediaType(type: .image, subType: "png"),
            "jpg": MediaType(type: .image, subType: "jpeg"),
            "jpeg": MediaType(type: .image, subType: "jpeg"),
            "gif": MediaType(type: .image, subType: "gif"),
            "webp": MediaType(type: .image, subType: "webp"),
            "avif": MediaType(type: .image, subType: "avif"),
            "ico": MediaType(type: .image, subType: "vnd.microsoft.icon"),
            "pdf": MediaType(type: .application, subType: "pdf"),
            "woff": MediaType(type: .font, subType: "woff"),
            "woff2": MediaType(type: .font, subType: "woff2"),
            "ttf": MediaType(type: .font, subType: "ttf"),
            "otf": MediaType(type: .font, subType: "otf"),
            "wasm": MediaType(type: .application, subType: "wasm"),
            "zip": MediaType(type: .application, subType: "zip"),
            "mp3": MediaType(type: .audio, subType: "mpeg"),
            "mp4": MediaType(type: .video, subType: "mp4"),
        ]
    }()
}
