import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The size, modification time, inode and status-change time of every input a build reads: `sitegen.yml` and the files
/// under `Content/` and `Themes/`.
///
/// Two fingerprints differ when an input was added, removed or rewritten, also by a copy that keeps the size and puts
/// the old modification time back (`cp -p`, `rsync -a`, `touch -r`): that still gives the file a new inode or a new
/// status-change time, which no program can set. The preview server takes one every few hundred
/// milliseconds and rebuilds when it changes, so a scan is one `lstat` per file (plus a `stat` per symbolic link), read
/// straight from the directory entries. Hidden files and folders (editor swap files, `.DS_Store`) are left out, as the
/// content scanner leaves them out of the build. Links to folders are not followed under `Content/`, as the content scanner
/// does not follow them, and are followed under `Themes/`, as the theme loader follows them (`Theme.files(under:)`).
public struct SourceFingerprint: Sendable, Equatable {
    /// What is recorded for one file.
    public struct Stamp: Sendable, Hashable, Codable {
        /// The size in bytes.
        public var size: Int
        /// The last modification time, in seconds since 1970, with the file system's sub-second precision.
        public var modified: Double
        /// The inode number: a file replaced by another (a rename over it, an editor's save) has a new one.
        public var inode: UInt64
        /// The last status change (`st_ctime`), in the same unit: set by the kernel on every write, rename and `utimes`.
        public var changed: Double

        /// A stamp from its four values.
        public init(size: Int, modified: Double, inode: UInt64 = 0, changed: Double = 0) {
            self.size = size
            self.modified = modified
            self.inode = inode
            self.changed = changed
        }

        /// Writes the stamp as the build cache stores it.
        func write(into writer: inout ByteWriter) {
            writer.int(size)
            writer.uint64(modified.bitPattern)
            writer.uint64(inode)
            writer.uint64(changed.bitPattern)
        }

        /// Reads a stamp written by `write(into:)`.
        init(from reader: inout ByteReader) throws {
            self.init(size: try reader.int(), modified: Double(bitPattern: try reader.uint64()),
                      inode: try reader.uint64(), changed: Double(bitPattern: try reader.uint64()))
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
        var info = stat()
        if stat(options.configFile.path, &info) == 0, isRegularFile(info) {
            files[options.configFile.lastPathComponent] = stamp(info)
        }
        collect(options.content.path, prefix: options.content.lastPathComponent + "/", into: &files)
        collect(options.themes.path, prefix: options.themes.lastPathComponent + "/", followingFolderLinks: true, into: &files)
        return SourceFingerprint(files: files)
    }

    /// The stamps of the regular files below `folder` (hidden ones left out), keyed by path relative to it.
    static func stamps(under folder: URL) -> [String: Stamp] {
        var files: [String: Stamp] = [:]
        collect(folder.path, prefix: "", into: &files)
        return files
    }

    /// The stamp of the regular file at `path`, if there is one.
    static func stamp(of path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0, isRegularFile(info) else { return nil }
        return stamp(info)
    }

    /// A digest of every stamp, in path order.
    var digest: ContentDigest {
        var hasher = DigestHasher()
        for path in files.keys.sorted() {
            let stamp = files[path]!
            hasher.combine(path)
            hasher.combine(stamp.size)
            hasher.combine(Int(stamp.modified.bitPattern))
            hasher.combine(Int(truncatingIfNeeded: stamp.inode))
            hasher.combine(Int(stamp.changed.bitPattern))
        }
        return hasher.finalize()
    }

    /// The paths added, removed or changed since `earlier`, sorted.
    public func changedPaths(since earlier: SourceFingerprint) -> [String] {
        var changed = Set<String>()
        for (path, stamp) in files where earlier.files[path] != stamp { changed.insert(path) }
        for path in earlier.files.keys where files[path] == nil { changed.insert(path) }
        return changed.sorted()
    }

    private static func collect(_ folder: String, prefix: String, followingFolderLinks: Bool = false,
                                into files: inout [String: Stamp]) {
        FileWalk.regularFiles(in: folder, prefix: prefix, followingFolderLinks: followingFolderLinks) { relative, _, info, _ in
            files[relative] = stamp(info)
        }
    }

    private static func isRegularFile(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFREG }

    private static func stamp(_ info: stat) -> Stamp {
        #if canImport(Darwin)
        let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
        #else
        let (modified, changed) = (info.st_mtim, info.st_ctim)
        #endif
        return Stamp(size: Int(info.st_size), modified: seconds(modified), inode: UInt64(truncatingIfNeeded: info.st_ino),
                     changed: seconds(changed))
    }

    private static func seconds(_ time: timespec) -> Double { Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000 }
}

/// Walks a folder with `readdir` and `fstatat` (one call per entry: an archive holds tens of thousands of files).
enum FileWalk {
    /// A folder's identity (device and inode), to recognise a link back to a folder the walk is already in.
    private struct FolderID: Hashable {
        let device: UInt64
        let inode: UInt64

        init(_ info: stat) {
            device = UInt64(truncatingIfNeeded: info.st_dev)
            inode = UInt64(truncatingIfNeeded: info.st_ino)
        }
    }

    /// Whether `name` is an editor's backup or autosave (`about.md~`, `#about.md#`), left out like a hidden file, as
    /// Hugo leaves them out: published, a backup would put a draft on the site.
    static func isEditorLeftover(_ name: String) -> Bool {
        name.hasSuffix("~") || name.count > 1 && name.hasPrefix("#") && name.hasSuffix("#")
    }

    /// Calls `visit(relative path, full path, stat, reached by a symbolic link)` for every regular file below `folder`,
    /// in directory order: hidden files and folders and editors' backups (`isEditorLeftover`) are left out, and a symbolic link counts when it leads to a regular
    /// file (`stat` is then the target's). Linked folders are entered only when `followingFolderLinks` is set, and then
    /// never a link to a folder the walk is already inside (a link to an ancestor would never end). What it passes over
    /// that is not hidden (a link to nothing, a folder it cannot read, a link to a folder it does not enter, a FIFO or
    /// device) goes to `skipped(relative path, why)`.
    static func regularFiles(in folder: String, prefix: String, followingFolderLinks: Bool = false,
                             skipped: (String, String) -> Void = { _, _ in },
                             _ visit: (String, String, stat, Bool) -> Void) {
        var ancestors = Set<FolderID>()
        if followingFolderLinks {
            var info = stat()
            guard stat(folder, &info) == 0 else { return }
            ancestors.insert(FolderID(info))
        }
        walk(folder, prefix: prefix, followingFolderLinks: followingFolderLinks, throughLink: false, ancestors: &ancestors,
             skipped: skipped, visit)
    }

    private static func walk(_ folder: String, prefix: String, followingFolderLinks: Bool, throughLink: Bool,
                             ancestors: inout Set<FolderID>, skipped: (String, String) -> Void,
                             _ visit: (String, String, stat, Bool) -> Void) {
        guard let directory = opendir(folder) else {
            if !prefix.isEmpty, errno != ENOENT { skipped(String(prefix.dropLast()), "the folder cannot be read: \(String(cString: strerror(errno)))") }
            return
        }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.isEmpty, !name.hasPrefix("."), !isEditorLeftover(name) else { continue }
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            let isLinkEntry = info.st_mode & S_IFMT == S_IFLNK
            if isLinkEntry, fstatat(descriptor, name, &info, 0) != 0 {
                let code = errno
                skipped(prefix + name, code == ENOENT ? "a symbolic link to nothing (its target does not exist)"
                                        : code == ELOOP ? "a symbolic link that leads back to itself"
                                        : "a symbolic link that cannot be followed: \(String(cString: strerror(code)))")
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                guard followingFolderLinks else {
                    if isLinkEntry {
                        skipped(prefix + name, "a symbolic link to a folder, which is not entered")
                    } else {
                        walk(folder + "/" + name, prefix: prefix + name + "/", followingFolderLinks: false, throughLink: false,
                             ancestors: &ancestors, skipped: skipped, visit)
                    }
                    continue
                }
                let id = FolderID(info)
                guard ancestors.insert(id).inserted else {
                    skipped(prefix + name, "a symbolic link to a folder it is inside, which is not entered again")
                    continue
                }
                walk(folder + "/" + name, prefix: prefix + name + "/", followingFolderLinks: true, throughLink: throughLink || isLinkEntry,
                     ancestors: &ancestors, skipped: skipped, visit)
                ancestors.remove(id)
            case S_IFREG:
                visit(prefix + name, folder + "/" + name, info, throughLink || isLinkEntry)
            default:
                skipped(prefix + name, "not a regular file (a FIFO, socket or device)")
            }
        }
    }
}
