#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CCmarkGFM

/// Process-wide cmark-gfm state: the registered GFM extensions and the lock for the inline pass.
final class Registry: @unchecked Sendable {
    /// The one registry, created (and the core extensions registered) on first use, thread-safely.
    static let shared = Registry()

    /// Names of the syntax extensions attached to every parser, in attachment order.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter"]

    /// The syntax extensions to attach; immutable entries of cmark-gfm's global registry.
    let extensions: [OpaquePointer]

    /// Serialises cmark_parser_finish, whose inline pass edits process-wide tables in cmark-gfm.
    let inlinePassLock = Lock()

    private init() {
        cmark_gfm_core_extensions_ensure_registered()
        extensions = Registry.extensionNames.map { name in
            guard let found = cmark_find_syntax_extension(name) else {
                preconditionFailure("cmark-gfm extension \(name) is not registered")
            }
            return found
        }
    }
}

/// A minimal mutex over pthread (Synchronization.Mutex needs macOS 15).
final class Lock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    /// Creates an unlocked mutex.
    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` while holding the mutex.
    func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
