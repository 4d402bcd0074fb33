import Foundation

/// Threads of the preview server's own, on which it runs its tasks through a task executor preference.
///
/// Swift's shared pool has one thread per core, and one blocking call elsewhere in the process (or a long rebuild) can
/// hold all of them on a small machine. The server's request handling runs on ``server``, and rebuilds on ``builds``,
/// so that a rebuild never holds up a request, and neither waits for the shared pool. The threads live as long as the
/// process and sleep while there is nothing to do.
@available(macOS 15.0, *)
final class WorkerThreads: TaskExecutor, @unchecked Sendable {
    /// Request handling, the event streams and the watcher.
    static let server = WorkerThreads(count: 2)
    /// Site builds: one thread per core.
    static let builds = WorkerThreads(count: max(1, ProcessInfo.processInfo.activeProcessorCount))

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var next = 0

    private init(count: Int) {
        for _ in 0..<count {
            Thread { [unowned self] in self.work() }.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while next == jobs.count { condition.wait() }
            let job = jobs[next]
            next += 1
            if next == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                next = 0
            } else if next >= 4096 {
                jobs.removeFirst(next)
                next = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Which of the server's threads a piece of work runs on.
enum Workers {
    /// Request handling, the event streams and the watcher.
    case server
    /// Site builds.
    case builds

    /// Runs `operation` with its tasks on these threads (on the shared pool where task executors are not available).
    func run<T, Failure: Error>(_ operation: () async throws(Failure) -> T) async throws(Failure) -> T {
        if #available(macOS 15.0, *) {
            let executor = self == .server ? WorkerThreads.server : WorkerThreads.builds
            return try await withTaskExecutorPreference(executor, operation: operation)
        }
        return try await operation()
    }
}
