import Foundation
import TranscriptKit

/// A relative output path that cannot leave the output folder: no empty, `.` or `..` components, no absolute path.
public struct OutputPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The components, each a safe file name.
    public let components: [String]

    /// Validates a relative path such as "companies/calx/2012-q3/index.html"; nil if it could escape or is malformed.
    public init?(_ path: String) {
        guard !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty else { return nil }
        for part in parts {
            if part.isEmpty || part == "." || part == ".." || part.utf8.count > 255 { return nil }
            if part.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == ":" }) { return nil }
        }
        components = parts
    }

    /// The path joined with "/".
    public var description: String { components.joined(separator: "/") }

    public static func < (lhs: OutputPath, rhs: OutputPath) -> Bool { lhs.description < rhs.description }
}

/// Writes a site into a staging folder beside the destination and swaps it in only when the whole build succeeded.
///
/// A failed or interrupted build leaves the previous output untouched; nothing is written outside the staging folder.
public final class OutputTree: Sendable {
    /// The final destination, e.g. `Public/`.
    public let destination: URL
    /// The folder pages are written to until `commit()`.
    public let staging: URL

    /// Creates a fresh staging folder next to `destination` (same file system, so the swap is a rename).
    public init(destination: URL) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        let name = ".\(self.destination.lastPathComponent).staging-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        staging = parent.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
    }

    /// The staging URL for a validated path.
    public func url(for path: OutputPath) -> URL {
        path.components.reduce(staging) { $0.appendingPathComponent($1) }
    }

    /// Writes bytes at `path`, creating folders as needed.
    public func write(_ data: Data, to path: OutputPath) throws {
        let url = url(for: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Writes UTF-8 text at `path`.
    public func write(_ text: String, to path: OutputPath) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Copies a file into the tree (the source is only read).
    public func copy(from source: URL, to path: OutputPath) throws {
        let url = url(for: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
        try FileManager.default.copyItem(at: source, to: url)
    }

    /// Replaces the destination with the staging folder: the old output is moved aside, the new one renamed in, the old one removed.
    public func commit() throws {
        let fileManager = FileManager.default
        var backup: URL?
        if fileManager.fileExists(atPath: destination.path) {
            let aside = staging.deletingLastPathComponent()
                .appendingPathComponent(".\(destination.lastPathComponent).previous-\(UUID().uuidString.prefix(8))")
            try fileManager.moveItem(at: destination, to: aside)
            backup = aside
        }
        do {
            try fileManager.moveItem(at: staging, to: destination)
        } catch {
            if let backup { try? fileManager.moveItem(at: backup, to: destination) }
            throw error
        }
        if let backup { try? fileManager.removeItem(at: backup) }
    }

    /// Removes the staging folder; the destination is left as it was.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
