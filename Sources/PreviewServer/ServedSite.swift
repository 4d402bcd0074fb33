import Foundation

/// A value guarded by a lock, for state that synchronous code on any thread reads (the file provider runs on NIO threads).
final class Locked<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// Which build the server is showing: the folder of the last good build, swapped in one step when a rebuild succeeds.
///
/// Every build goes to a new folder, so a request never sees a half-written site and never falls in the gap of a rename.
final class ServedSite: Sendable {
    /// What a request needs to know about the served build.
    struct Snapshot: Sendable {
        /// The folder of the last good build; nil until one succeeded.
        var folder: URL?
        /// `folder` with symbolic links resolved and a trailing "/": every served file must resolve to a path under it.
        var root: String?
        /// The message of the build that failed, when there is no good build to show.
        var failure: String?
    }

    private let state = Locked(Snapshot())

    /// The current state.
    var snapshot: Snapshot { state.withLock { $0 } }

    /// Starts serving `folder`; returns the folder served before, if any.
    @discardableResult
    func publish(_ folder: URL) -> URL? {
        let resolved = folder.standardizedFileURL.resolvingSymlinksInPath().path
        let root = resolved.hasSuffix("/") ? resolved : resolved + "/"
        return state.withLock { snapshot in
            let previous = snapshot.folder
            snapshot = Snapshot(folder: folder, root: root, failure: nil)
            return previous
        }
    }

    /// Records why the first build failed; a site already being served stays as it is.
    func recordFailure(_ message: String) {
        state.withLock { snapshot in
            if snapshot.folder == nil { snapshot.failure = message }
        }
    }
}
