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
/// (where it stages and swaps), so a second `sitegen build`, a cron job or `sitegen serve` rebuilding the same site
/// stops with a clear error instead of interleaving its moves with the first one's.
///
/// The lock is on the directory itself, so no lock file is left behind, and the kernel releases it when the process
/// ends, however it ends: a crashed build never leaves a stale lock.
final class BuildLock {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Takes the lock for a build writing `output`, or fails at once, naming the folder, when another build holds it.
    static func acquire(for output: URL) throws(Diagnostic) -> BuildLock {
        var folder = output.standardizedFileURL.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.path), folder.path != "/" { folder.deleteLastPathComponent() }
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
            throw Diagnostic(.error, file: folder.path, "cannot lock the output's folder: \(String(cString: strerror(code)))")
        }
        return BuildLock(descriptor: descriptor)
    }
}
