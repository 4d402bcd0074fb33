import Foundation
import TranscriptKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One build at a time per output folder: the build holds an exclusive `flock` on the folder that holds the output
/// (where it stages and swaps), so a second `sitegen build` of the same output, or a cron job's, stops with a clear
/// error instead of interleaving its moves with the first one's. (Two outputs in the same folder, `site/Public` and
/// `site/Other`, also wait for each other; `sitegen serve` builds its previews in a folder of its own.)
///
/// The lock is on the directory itself, so no lock file is left behind, and the kernel releases it when the process
/// ends, however it ends: a crashed build never leaves a stale lock. On a file system without `flock` (some network
/// mounts) the build runs unguarded, with a warning.
final class BuildLock {
    private let descriptor: Int32
    /// Why the build runs without the lock, when it does.
    let warning: Diagnostic?

    private init(descriptor: Int32, warning: Diagnostic? = nil) {
        self.descriptor = descriptor
        self.warning = warning
    }

    deinit {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Takes the lock for a build writing `output` (creating the folder that holds it if needed), or fails at once,
    /// naming the folder, when another build holds it.
    static func acquire(for output: URL) throws(Diagnostic) -> BuildLock {
        let folder = output.standardizedFileURL.deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw Diagnostic(.error, file: folder.path, "cannot create the folder that holds the output: \(error.localizedDescription)")
        }
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Diagnostic(.error, file: folder.path, "cannot open the output's folder to lock it: \(String(cString: strerror(errno)))")
        }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            close(descriptor)
            if code == EWOULDBLOCK {
                throw Diagnostic(.error, file: output.path, "another sitegen build is writing into \(folder.path) right now; run this one when it has finished")
            }
            if code == ENOLCK || code == EOPNOTSUPP || code == ENOSYS || code == EINVAL {
                return BuildLock(descriptor: -1, warning: Diagnostic(.warning, file: folder.path,
                    "this file system cannot lock the output's folder (\(String(cString: strerror(code)))); nothing stops two builds into it at once"))
            }
            throw Diagnostic(.error, file: folder.path, "cannot lock the output's folder: \(String(cString: strerror(code)))")
        }
        return BuildLock(descriptor: descriptor)
    }
}
