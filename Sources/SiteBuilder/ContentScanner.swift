import Foundation
import TranscriptKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Every file under `content` (hidden ones and those in hidden folders left out; a symbolic link only when it leads
    /// to a regular file inside `content`; linked folders are not entered), sorted by relative path and classified.
    static func scan(_ content: URL, displayPrefix: String) -> [ContentItem] {
        let root = content.standardizedFileURL.resolvingSymlinksInPath().path
        var files: [String] = []
        collect(root, relative: "", root: root, into: &files)
        return files.sorted().compactMap { relative -> ContentItem? in
            // Content/events.yml is the events curation file (read by the events step), neither a page nor a copied file.
            if relative == "events.yml" { return nil }
            let url = URL(fileURLWithPath: root + "/" + relative, isDirectory: false)
            let display = displayPrefix + relative
            let ext = url.pathExtension.lowercased()
            if transcriptExtensions.contains(ext) { return .transcript(url, display: display) }
            if markdownExtensions.contains(ext) {
                return isTranscriptMarkdown(url) ? .transcript(url, display: display) : .page(url, display: display, relative: relative)
            }
            return .file(url, display: display, relative: relative)
        }
    }

    /// Adds the relative paths of the files below `folder` (one `readdir` and `fstatat` per entry: an archive holds
    /// tens of thousands of files).
    private static func collect(_ folder: String, relative: String, root: String, into files: inout [String]) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.isEmpty, !name.hasPrefix(".") else { continue }
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            let path = folder + "/" + name
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                collect(path, relative: relative + name + "/", root: root, into: &files)
            case S_IFREG:
                files.append(relative + name)
            case S_IFLNK:
                guard fstatat(descriptor, name, &info, 0) == 0, info.st_mode & S_IFMT == S_IFREG,
                      let resolved = realpath(path, nil) else { continue }
                defer { free(resolved) }
                if String(cString: resolved).hasPrefix(root + "/") { files.append(relative + name) }
            default:
                continue
            }
        }
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
