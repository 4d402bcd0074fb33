import Foundation
import TranscriptKit

/// What a file under `Content/` is, by its name and, for Markdown, its front matter.
enum ContentItem: Sendable, Equatable {
    /// A raw transcript or a Markdown transcript (front matter with `company:`).
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

    static func scan(_ content: URL, displayPrefix: String) -> [ContentItem] {
        let root = content.standardizedFileURL.resolvingSymlinksInPath()
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey], options: [.skipsHiddenFiles]) else { return [] }
        var items: [(String, ContentItem)] = []
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            guard values?.isRegularFile == true else { continue }
            let resolved = url.resolvingSymlinksInPath().standardizedFileURL.path
            guard resolved.hasPrefix(root.path + "/") else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            let display = displayPrefix + relative
            // Content/events.yml is the events curation file (read by the events step), neither a page nor a copied file.
            if relative == "events.yml" { continue }
            let ext = url.pathExtension.lowercased()
            if transcriptExtensions.contains(ext) {
                items.append((relative, .transcript(url, display: display)))
            } else if markdownExtensions.contains(ext) {
                items.append((relative, isTranscriptMarkdown(url) ? .transcript(url, display: display) : .page(url, display: display, relative: relative)))
            } else {
                items.append((relative, .file(url, display: display, relative: relative)))
            }
        }
        return items.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Whether a Markdown file's front matter has a top-level `company:` key (a transcript, not a page).
    static func isTranscriptMarkdown(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 16_384)) ?? Data(), as: UTF8.self)
        let lines = head.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else { return false }
        for line in lines.dropFirst() {
            if line.trimmingCharacters(in: .whitespaces) == "---" { return false }
            if line.hasPrefix("company:") { return true }
        }
        return false
    }
}
