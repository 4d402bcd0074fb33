import Foundation
import TranscriptKit
import TranscriptMarkdown

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a file under `Content/` is, by its name and, for Markdown, its front matter.
enum ContentItem: Sendable, Equatable {
    /// A raw transcript or a Markdown transcript (front matter with a key of a transcript's: `TranscriptMarker`).
    case transcript(URL, display: String)
    /// A Markdown page that is not a transcript, published at its path.
    case page(URL, display: String, relative: String)
    /// Any other file (images, PDFs), copied through at its path.
    case file(URL, display: String, relative: String)
}

/// Walks `Content/` in sorted order; hidden files and folders are skipped, symbolic links are not followed out of it.
enum ContentScanner {
    static let transcriptExtensions: Set<String> = ["txt", "text", ""]
    static let markdownExtensions: Set<String> = ["md", "markdown"]

    /// Every file under `content` (hidden ones and those in hidden folders left out; a symbolic link only when it leads
    /// to a regular file inside `content`; linked folders are not entered), sorted by relative path and classified.
    /// What is left out that is not hidden (a link out of `content` or to nothing, a linked folder, an unreadable
    /// folder) goes to `warn`, as a warning naming the path.
    static func scan(_ content: URL, displayPrefix: String, warn: (Diagnostic) -> Void = { _ in }) -> [ContentItem] {
        let root = content.standardizedFileURL.resolvingSymlinksInPath().path
        var files: [String] = []
        var notRead: [(String, String)] = []
        FileWalk.regularFiles(in: root, prefix: "", skipped: { notRead.append(($0, $1)) }) { relative, path, _, isLink in
            guard isLink else { return files.append(relative) }
            guard let resolved = realpath(path, nil) else { return }
            defer { free(resolved) }
            if String(cString: resolved).hasPrefix(root + "/") {
                files.append(relative)
            } else {
                notRead.append((relative, "a symbolic link out of the content folder, which is not followed (copy the file in instead)"))
            }
        }
        for (relative, why) in notRead.sorted(by: { $0.0 < $1.0 }) {
            warn(Diagnostic(.warning, file: displayPrefix + relative, "not read: \(why)"))
        }
        return files.sorted().compactMap { relative -> ContentItem? in
            // Content/events.yml is the events curation file (read by the events step), neither a page nor a copied file.
            if relative == "events.yml" { return nil }
            let url = URL(fileURLWithPath: root + "/" + relative, isDirectory: false)
            let display = displayPrefix + relative
            let ext = url.pathExtension.lowercased()
            // Content/robots.txt is the site's robots file, not a transcript: a file at a path the build writes, which
            // the build's own replaces with a warning.
            if transcriptExtensions.contains(ext), relative != "robots.txt" { return .transcript(url, display: display) }
            if markdownExtensions.contains(ext) {
                return isTranscriptMarkdown(url) ? .transcript(url, display: display) : .page(url, display: display, relative: relative)
            }
            return .file(url, display: display, relative: relative)
        }
    }

    /// How much of a Markdown file is read first to classify it; the rest only when its front matter runs on past it.
    static let headSize = 16_384

    /// Whether a Markdown file is a transcript rather than a page, by the rule the Markdown reader uses:
    /// `FrontMatterSource.isTranscript`, on the file's lines as the reader decodes them.
    static func isTranscriptMarkdown(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        guard var data = try? handle.read(upToCount: headSize) else { return false }
        if data.count == headSize {
            // The head up to its last line end, so that no line or character is cut in two.
            if let end = data.lastIndex(where: { $0 == 0x0A || $0 == 0x0D }),
               let text = try? SourceText.decode(Data(data[..<end]), path: url.path),
               let decided = FrontMatterSource.isTranscript(text, isWholeFile: false) {
                return decided
            }
            data.append((try? handle.readToEnd()) ?? Data())
        }
        guard let text = try? SourceText.decode(data, path: url.path) else { return false }
        return FrontMatterSource.isTranscript(text) ?? false
    }
}
