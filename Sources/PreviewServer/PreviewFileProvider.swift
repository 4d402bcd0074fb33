import Foundation
import Hummingbird

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Hummingbird's `FileMiddleware` reads files through this provider, which confines it to the served build.
///
/// A request path is resolved against the current build folder with every symbolic link followed; a path that does not
/// exist, or that resolves outside the folder, has no identifier, so the middleware answers 404. Only regular files and
/// folders are served. Modification times keep their nanoseconds, so the middleware's ETag changes whenever a rebuild
/// rewrites a file, even within the same second and at the same size.
struct PreviewFileProvider: FileProvider {
    /// The attributes `FileMiddleware` needs.
    struct FileAttributes: FileMiddlewareFileAttributes, Sendable {
        let isFolder: Bool
        let size: Int
        let modificationDate: Date
    }

    /// The resolved absolute path of the file.
    typealias FileIdentifier = String

    let site: ServedSite
    let fileIO: FileIO

    init(site: ServedSite, fileIO: FileIO = FileIO()) {
        self.site = site
        self.fileIO = fileIO
    }

    func getFileIdentifier(_ path: String) -> String? {
        guard let root = site.snapshot.root else { return nil }
        return Self.resolve(path, under: root)
    }

    /// The real path of the decoded request `path` under `root` (which ends in "/"), or nil if it is missing or escapes.
    static func resolve(_ path: String, under root: String) -> String? {
        guard !path.contains("\0") else { return nil }
        let candidate = root + path.drop(while: { $0 == "/" })
        guard let pointer = realpath(candidate, nil) else { return nil }
        defer { free(pointer) }
        let resolved = String(cString: pointer)
        guard resolved + "/" == root || resolved.hasPrefix(root) else { return nil }
        return resolved
    }

    func getAttributes(id path: String) async throws -> FileAttributes? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFDIR else { return nil }
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        let modified = Date(timeIntervalSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000)
        return FileAttributes(isFolder: type == S_IFDIR, size: Int(info.st_size), modificationDate: modified)
    }

    func loadFile(id path: String, context: some RequestContext) async throws -> ResponseBody {
        try await fileIO.loadFile(path: path, context: context)
    }

    func loadFile(id path: String, range: ClosedRange<Int>, context: some RequestContext) async throws -> ResponseBody {
        try await fileIO.loadFile(path: path, range: range, context: context)
    }
}
