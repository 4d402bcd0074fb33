import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a path leads on disk, for comparing folders: every symbolic link resolved, also for a path that does not exist
/// (yet), which `URL.resolvingSymlinksInPath()` leaves as it is.
enum PhysicalPath {
    /// The absolute `path` with its nearest existing ancestor resolved by `realpath` and the rest appended as written; a
    /// dangling link on the way is followed to where it points. `..` is taken off as written first, as the build's
    /// standardized paths are before it writes to them. Without a trailing slash (except for `/`).
    static func resolve(_ path: String) -> String {
        var current = URL(fileURLWithPath: path).standardizedFileURL.path
        var missing: [String] = []
        // A bound on links followed, as the kernel's (ELOOP), so that a cycle of dangling links ends.
        var linksLeft = 40
        while true {
            if let resolved = realpath(current, nil) {
                defer { free(resolved) }
                return join(String(cString: resolved), missing)
            }
            if linksLeft > 0, let target = linkTarget(current) {
                linksLeft -= 1
                let parent = (current as NSString).deletingLastPathComponent
                current = URL(fileURLWithPath: target.hasPrefix("/") ? target : parent + "/" + target).standardizedFileURL.path
                continue
            }
            guard current != "/", !current.isEmpty else { return join("/", missing) }
            missing.insert((current as NSString).lastPathComponent, at: 0)
            current = (current as NSString).deletingLastPathComponent
        }
    }

    /// The target of the symbolic link at `path`, or nil when it is not one.
    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func join(_ base: String, _ rest: [String]) -> String {
        guard !rest.isEmpty else { return base }
        return (base == "/" ? "" : base) + "/" + rest.joined(separator: "/")
    }
}
