import Foundation
import Synchronization
import TranscriptKit

/// A relative output path that cannot leave the output folder: no empty, `.` or `..` components, no absolute path.
public struct OutputPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The path, components joined with "/".
    public let description: String

    /// Validates a relative path such as "companies/calx/2012-q3/index.html"; nil if it could escape or is malformed:
    /// an empty, `.` or `..` component, a leading `/`, a backslash, a colon or a control character, or a component
    /// longer than 255 bytes. One pass over the UTF-8 bytes (a large site makes ~100,000 paths).
    public init?(_ path: String) {
        guard path.utf8.withContiguousStorageIfAvailable(Self.isValid) ?? Self.isValid(Array(path.utf8)) else { return nil }
        description = path
    }

    /// The components, each a safe file name.
    public var components: [String] { description.split(separator: "/", omittingEmptySubsequences: false).map(String.init) }

    private static func isValid<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        var length = 0
        var dots = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "/"):
                guard length > 0, !(length == dots && dots <= 2) else { return false }
                length = 0
                dots = 0
            case 0..<0x20, UInt8(ascii: "\\"), UInt8(ascii: ":"):
                return false
            default:
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
                guard length <= 255 else { return false }
            }
        }
        return length > 0 && !(length == dots && dots <= 2)
    }

    public static func < (lhs: OutputPath, rhs: OutputPath) -> Bool { lhs.description < rhs.description }
}

/// Writes a site into a staging folder beside the destination and publishes it only when the whole build succeeded.
///
/// A full build stages every file and swaps the staging folder in by a rename. An update (the destination still holds
/// exactly what the last build wrote, see `BuildCache`) stages only the files whose key changed and, on commit, moves
/// them into the destination and removes the files the build no longer makes. Either way a failed or interrupted build
/// leaves the previous output untouched, and nothing is written outside the staging folder before `commit()`.
public final class OutputTree: Sendable {
    /// The final destination, e.g. `Public/`.
    public let destination: URL
    /// The folder pages are written to until `commit()`.
    public let staging: URL
    /// `staging` as a file path.
    private let stagingPath: String
    /// What an update starts from: the files the destination holds as the last build wrote them, and all it holds.
    struct Previous: Sendable {
        /// Key and stamp of each file still as the last build wrote it.
        var files: [String: (key: ContentDigest, stamp: SourceFingerprint.Stamp)]
        /// Every file in the destination, by relative path (those this build does not make are removed on commit).
        var present: [String]
        /// The dependency key each page of `files` was made from, when it had one (see `keep(_:dependencies:)`).
        var dependencies: [String: ContentDigest] = [:]
    }

    /// For an update, the destination's files; nil for a full build.
    let previous: Previous?
    /// Every file this build makes, with its key; the staged ones are marked.
    private let made = Mutex<[String: Made]>([:])

    /// A file this build makes: its key, whether it was staged (written), the dependency key it was made from and
    /// whether `keep(_:dependencies:)` kept it without building it.
    struct Made {
        var key: ContentDigest
        var staged: Bool
        var dependencies: ContentDigest?
        var unbuilt = false
    }

    /// Creates a fresh staging folder next to `destination` (same file system, so the swap is a rename).
    /// `previous` turns the build into an update of the files `destination` holds (path → key).
    public convenience init(destination: URL) throws {
        try self.init(destination: destination, previous: nil)
    }

    init(destination: URL, previous: Previous?) throws {
        self.destination = destination.standardizedFileURL
        self.previous = previous
        let parent = self.destination.deletingLastPathComponent()
        let name = ".\(self.destination.lastPathComponent).staging-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        staging = parent.appendingPathComponent(name, isDirectory: true)
        stagingPath = staging.path
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
    }

    /// Removes the staging and set-aside folders that builds of `destination` killed before they finished left beside it
    /// (`.Public.staging-…`, `.Public.previous-…`). Only a build holding the lock on that folder may call this: no other
    /// build can be using them.
    static func removeLeftovers(of destination: URL) {
        let destination = destination.standardizedFileURL
        let parent = destination.deletingLastPathComponent()
        let prefixes = [".\(destination.lastPathComponent).staging-", ".\(destination.lastPathComponent).previous-"]
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where prefixes.contains(where: name.hasPrefix) {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name, isDirectory: true))
        }
    }

    /// The staging URL for a validated path.
    public func url(for path: OutputPath) -> URL {
        URL(fileURLWithPath: file(for: path))
    }

    /// The staging file path for a validated path (a string: cheaper than a URL for ~100,000 files).
    func file(for path: OutputPath) -> String {
        stagingPath + "/" + path.description
    }

    /// Makes the file at `path` from `key`: when the destination already holds the file of the same key it is kept,
    /// otherwise `render` is called and its bytes are staged. Keys must name everything the bytes depend on.
    /// Returns the file's size.
    /// `dependencies`, when given, is recorded with the file for `keep(_:dependencies:)` in the next build.
    @discardableResult
    func write(key: ContentDigest, to path: OutputPath, dependencies: ContentDigest? = nil, _ render: () throws -> String) throws -> Int {
        let name = path.description
        if let kept = previous?.files[name], kept.key == key {
            made.withLock { $0[name] = Made(key: key, staged: false, dependencies: dependencies) }
            return kept.stamp.size
        }
        var text = try render()
        try text.withUTF8 { bytes in try Self.writeFile(file(for: path), UnsafeRawBufferPointer(bytes)) }
        made.withLock { $0[name] = Made(key: key, staged: true, dependencies: dependencies) }
        return text.utf8.count
    }

    /// Keeps the file at `path` when the destination still holds it as the last build made it from `key`; returns false
    /// when it must be written (for files whose bytes are made asynchronously; otherwise use `write(key:to:_:)`).
    func keep(_ path: OutputPath, key: ContentDigest) -> Bool {
        let name = path.description
        guard let kept = previous?.files[name], kept.key == key else { return false }
        made.withLock { $0[name] = Made(key: key, staged: false) }
        return true
    }

    /// Keeps the page at `path` without building it when the last build made it from the same `dependencies` (a digest
    /// of everything its context is computed from) and the destination still holds it as written. Returns false when
    /// the page must be made, with `write(key:to:dependencies:_:)`.
    func keep(_ path: OutputPath, dependencies: ContentDigest) -> Bool {
        let name = path.description
        guard let previous, previous.dependencies[name] == dependencies, let kept = previous.files[name] else { return false }
        made.withLock { $0[name] = Made(key: kept.key, staged: false, dependencies: dependencies, unbuilt: true) }
        return true
    }

    /// Writes bytes at `path` (kept as they are in an update when they did not change).
    public func write(_ data: Data, to path: OutputPath) throws {
        try data.withUnsafeBytes { bytes in try put(bytes, at: path) }
    }

    /// Writes UTF-8 text at `path`.
    public func write(_ text: String, to path: OutputPath) throws {
        var text = text
        try text.withUTF8 { bytes in try put(UnsafeRawBufferPointer(bytes), at: path) }
    }

    /// Writes bytes at `path`.
    public func write(_ bytes: [UInt8], to path: OutputPath) throws {
        try bytes.withUnsafeBytes { try put($0, at: path) }
    }

    /// Copies a file into the tree (the source is only read), in chunks of `copyChunk` bytes, so memory does not grow
    /// with the file; in an update the file is first only digested, and kept when the destination holds the same bytes.
    public func copy(from source: URL, to path: OutputPath) throws {
        let name = path.description
        if let kept = previous?.files[name], try Self.stream(source.path, { _ in }) == kept.key {
            made.withLock { $0[name] = Made(key: kept.key, staged: false) }
            return
        }
        let target = file(for: path)
        let descriptor = try Self.create(target)
        defer { close(descriptor) }
        let key = try Self.stream(source.path) { try Self.writeAll(descriptor, $0, path: target) }
        made.withLock { $0[name] = Made(key: key, staged: true) }
    }

    /// The size of the chunks `copy(from:to:)` reads (a multiple of 8, as `DigestHasher.combinePart` needs).
    static let copyChunk = 1 << 20

    /// Reads the file at `path` in chunks, giving each to `body`; returns the digest of its bytes (`ContentDigest`).
    private static func stream(_ path: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> ContentDigest {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystemError(action: "read", path: path, code: errno) }
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: copyChunk, alignment: 8)
        defer { buffer.deallocate() }
        var hasher = DigestHasher()
        var total = 0
        while true {
            var filled = 0
            while filled < copyChunk {
                let got = Foundation.read(descriptor, buffer.baseAddress! + filled, copyChunk - filled)
                if got < 0 {
                    if errno == EINTR { continue }
                    throw FileSystemError(action: "read", path: path, code: errno)
                }
                if got == 0 { break }
                filled += got
            }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<filled])
            try body(chunk)
            total += filled
            guard filled == copyChunk else {
                hasher.endRun(chunk, total: total)
                return hasher.finalize()
            }
            hasher.combinePart(chunk)
        }
    }

    private func put(_ bytes: UnsafeRawBufferPointer, at path: OutputPath) throws {
        let key = ContentDigest(bytes)
        let name = path.description
        if let kept = previous?.files[name], kept.key == key {
            made.withLock { $0[name] = Made(key: key, staged: false) }
            return
        }
        try Self.writeFile(file(for: path), bytes)
        made.withLock { $0[name] = Made(key: key, staged: true) }
    }

    /// How many files were staged (written), how many were kept from the destination as they were, and how many of
    /// those were pages kept without being built.
    var counts: (written: Int, kept: Int, unbuilt: Int) {
        made.withLock { files in
            let written = files.values.filter(\.staged).count
            return (written, files.count - written, files.values.filter(\.unbuilt).count)
        }
    }

    /// Whether this build updates the destination in place rather than replacing it.
    var isUpdate: Bool { previous != nil }

    /// Whether this build has made `path` already.
    public func contains(_ path: OutputPath) -> Bool {
        made.withLock { $0[path.description] != nil }
    }

    /// Every file this build made, by path, with its key.
    var keys: [String: ContentDigest] {
        made.withLock { $0.mapValues(\.key) }
    }

    /// Creates or truncates `url` and writes `bytes` with plain POSIX calls, creating the parent folder when it is missing.
    ///
    /// No fsync per file: the staged files reach the destination only by renames after every page is written, and a
    /// crash before that leaves only a staging folder behind, never a half-written `Public/`.
    static func writeFile(_ url: URL, _ bytes: UnsafeRawBufferPointer) throws {
        try writeFile(url.path, bytes)
    }

    /// `writeFile(_:_:)` for a file path.
    static func writeFile(_ path: String, _ bytes: UnsafeRawBufferPointer) throws {
        let descriptor = try create(path)
        defer { close(descriptor) }
        try writeAll(descriptor, bytes, path: path)
    }

    /// Creates or truncates the file at `path` for writing, creating its parent folder when it is missing.
    private static func create(_ path: String) throws -> Int32 {
        var descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 && errno == ENOENT {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw FileSystemError(action: "write", path: path, code: errno) }
        return descriptor
    }

    /// Writes all of `bytes` to `descriptor` (the file at `path`).
    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(action: "write", path: path, code: errno)
            }
            offset += written
        }
    }

    /// The hidden file every build leaves in its output folder, so a later build knows the folder is one it may replace
    /// (`SiteBuilder.checkOutputLocation`). Hidden files are neither stamped nor removed as outputs.
    public static let markerName = ".sitegen-output"

    /// What the marker file says.
    static let markerText = "This folder was written by `sitegen build`; the next build into it replaces everything in it.\n"

    /// Whether `folder` holds the marker of a sitegen build.
    static func hasMarker(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(markerName).path)
    }

    private static func writeMarker(in folder: URL) throws {
        var text = markerText
        try text.withUTF8 { try writeFile(folder.appendingPathComponent(markerName).path, UnsafeRawBufferPointer($0)) }
    }

    /// Publishes the build. A full build replaces the destination with the staging folder (the old output is moved
    /// aside, the new one renamed in, the old one removed); an update moves the staged files into the destination and
    /// removes every file there that this build did not make. Either way the destination ends with the marker file.
    public func commit() throws {
        let fileManager = FileManager.default
        guard let previous else {
            try Self.writeMarker(in: staging)
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
            return
        }
        let files = made.withLock { $0 }
        for name in files.compactMap({ $0.value.staged ? $0.key : nil }).sorted() {
            let target = destination.appendingPathComponent(name)
            if rename(staging.appendingPathComponent(name).path, target.path) != 0 {
                try fileManager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if (try? fileManager.attributesOfItem(atPath: target.path)[.type] as? FileAttributeType) == .typeDirectory {
                    try fileManager.removeItem(at: target)
                }
                guard rename(staging.appendingPathComponent(name).path, target.path) == 0 else {
                    throw FileSystemError(action: "write", path: target.path, code: errno)
                }
            }
        }
        var emptied = Set<String>()
        for name in previous.present where files[name] == nil {
            unlink(destination.appendingPathComponent(name).path)
            emptied.insert((name as NSString).deletingLastPathComponent)
        }
        for folder in emptied.sorted(by: >) where !folder.isEmpty {
            var relative = folder
            while !relative.isEmpty, rmdir(destination.appendingPathComponent(relative).path) == 0 {
                relative = (relative as NSString).deletingLastPathComponent
            }
        }
        if !Self.hasMarker(destination) { try Self.writeMarker(in: destination) }
        try? fileManager.removeItem(at: staging)
    }

    /// After `commit()`: every file this build made, with its key, its stamp in the destination and its dependency key.
    /// An update takes the stamps of kept files from the last build and reads only those of the files it moved in.
    func publishedStamps() -> [String: CacheManifest.Output] {
        let files = made.withLock { $0 }
        var result: [String: CacheManifest.Output] = [:]
        result.reserveCapacity(files.count)
        guard let previous else {
            for (path, stamp) in SourceFingerprint.stamps(under: destination) {
                if let file = files[path] { result[path] = CacheManifest.Output(key: file.key, stamp: stamp, dependencies: file.dependencies) }
            }
            return result
        }
        for (name, file) in files {
            if !file.staged, let kept = previous.files[name] {
                result[name] = CacheManifest.Output(key: file.key, stamp: kept.stamp, dependencies: file.dependencies)
            } else if let stamp = SourceFingerprint.stamp(of: destination.appendingPathComponent(name).path) {
                result[name] = CacheManifest.Output(key: file.key, stamp: stamp, dependencies: file.dependencies)
            }
        }
        return result
    }

    /// Removes the staging folder; the destination is left as it was.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}

/// A file could not be read or written.
struct FileSystemError: LocalizedError, CustomStringConvertible {
    /// "read" or "write".
    var action: String
    /// The file's path.
    var path: String
    /// The `errno` value.
    var code: Int32

    var description: String { "cannot \(action) \(path): \(String(cString: strerror(code)))" }
    var errorDescription: String? { description }
}
