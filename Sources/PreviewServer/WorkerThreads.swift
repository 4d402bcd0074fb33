import Foundation

/// Threads of the preview server's own, on which site builds run through a task executor preference.
///
/// Swift's shared pool has one thread per core, and a long rebuild (which reads and writes files synchronously) could
/// hold all of them on a small machine. Rebuilds run on ``builds``, so that a rebuild never holds up a request. The
/// threads live as long as the process and sleep while there is nothing to do.
///
/// Request handling stays on the shared pool: under a task executor preference, swift-async-algorithms' `merge` (which
/// ServiceLifecycle's `ServiceGroup` uses) holds its lock across a hop to the preferred executor, and a cancellation
/// that arrives meanwhile (a port in use, a graceful shutdown) waits for that lock while holding the task's status lock
/// the hop needs: a deadlock seen in 1 of 5 runs of the preview server tests.
@available(macOS 15.0, *)
final class WorkerThreads: TaskExecutor, @unchecked Sendable {
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
    /// Site builds.
    case builds

    /// Runs `operation` with its tasks on these threads (on the shared pool where task executors are not available).
    func run<T, Failure: Error>(_ operation: () async throws(Failure) -> T) async throws(Failure) -> T {
        if #available(macOS 15.0, *) {
            return try await withTaskExecutorPreference(WorkerThreads.builds, operation: operation)
        }
        return try await operation()
    }
}
