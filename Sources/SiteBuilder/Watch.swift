import Foundation

/// The size and modification time of every input a build reads: `sitegen.yml` and the files under `Content/` and `Themes/`.
///
/// Two fingerprints differ when an input was added, removed or rewritten. The preview server takes one every few hundred
/// milliseconds and rebuilds when it changes. Hidden files and folders (editor swap files, `.DS_Store`) are left out, as the
/// content scanner leaves them out of the build.
public struct SourceFingerprint: Sendable, Equatable {
    /// What is recorded for one file.
    public struct Stamp: Sendable, Hashable {
        /// The size in bytes.
        public var size: Int
        /// The last modification time, in seconds since 1970 (sub-second precision where the file system has it).
        public var modified: Double

        /// A stamp from a size and a modification time.
        public init(size: Int, modified: Double) {
            self.size = size
            self.modified = modified
        }
    }

    /// The stamp of each input file, keyed by its path relative to the site root ("Content/a.txt", "sitegen.yml").
    public var files: [String: Stamp]

    /// A fingerprint of the given files.
    public init(files: [String: Stamp]) {
        self.files = files
    }

    /// Stamps the inputs of the site described by `options`: its config file, `Content/` and `Themes/`.
    public static func scan(_ options: BuildOptions) -> SourceFingerprint {
        var files: [String: Stamp] = [:]
        if let stamp = stamp(options.configFile) { files[options.configFile.lastPathComponent] = stamp }
        for folder in [options.content, options.themes] {
            collect(folder, prefix: folder.lastPathComponent + "/", into: &files)
        }
        return SourceFingerprint(files: files)
    }

    /// The paths added, removed or changed since `earlier`, sorted.
    public func changedPaths(since earlier: SourceFingerprint) -> [String] {
        var changed = Set<String>()
        for (path, stamp) in files where earlier.files[path] != stamp { changed.insert(path) }
        for path in earlier.files.keys where files[path] == nil { changed.insert(path) }
        return changed.sorted()
    }

    private static let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]

    private static func stamp(_ url: URL) -> Stamp? {
        guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { return nil }
        return Stamp(size: values.fileSize ?? 0, modified: values.contentModificationDate?.timeIntervalSince1970 ?? 0)
    }

    private static func collect(_ folder: URL, prefix: String, into files: inout [String: Stamp]) {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]) else { return }
        let base = root.path.count + 1
        for case let url as URL in enumerator {
            guard let stamp = stamp(url) else { continue }
            let path = url.standardizedFileURL.path
            guard path.count > base else { continue }
            files[prefix + String(path.dropFirst(base))] = stamp
        }
    }
}
