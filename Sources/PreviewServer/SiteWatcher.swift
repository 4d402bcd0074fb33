import Foundation
import ServiceLifecycle
import SiteBuilder
import TranscriptKit

/// Builds the site into a new folder per generation and, when the build is good, swaps it in and reloads the pages.
///
/// A build is good when it published and skipped no input that the last good build did not skip: a transcript broken
/// by an edit fails the rebuild (the pages keep showing the last good build, with the error over them), while one that
/// was already broken when the server started does not block every other change.
struct SiteRebuilder {
    /// The build options; `output` and `baseURL` are set for each build.
    let options: BuildOptions
    /// Where the generations are written, one numbered folder each.
    let folder: URL
    let site: ServedSite
    let events: ReloadBroadcaster
    let log: @Sendable (PreviewMessage) -> Void
    /// The number of the last build started.
    private(set) var generation = 0
    /// The inputs the last good build skipped; nil before the first good build.
    private var knownSkipped: Set<String>?
    /// Folders of earlier builds, removed once no request can still be reading them.
    private var retired: [URL] = []

    init(options: BuildOptions, folder: URL, site: ServedSite, events: ReloadBroadcaster, log: @escaping @Sendable (PreviewMessage) -> Void) {
        self.options = options
        self.folder = folder
        self.site = site
        self.events = events
        self.log = log
    }

    /// Builds for `baseURL`; `changed` names the inputs that changed (empty for the first build).
    mutating func build(baseURL: String, changed: [String]) async {
        generation += 1
        let output = folder.appendingPathComponent(String(generation), isDirectory: true)
        var options = self.options
        options.output = output
        options.baseURL = baseURL
        let cause = Self.describe(changed)
        let started = ContinuousClock.now
        let report: BuildReport
        do {
            report = try await Workers.builds.run { () async throws(BuildFailure) -> BuildReport in try await SiteBuilder.build(options) }
        } catch {
            try? FileManager.default.removeItem(at: output)
            await fail(error.description, cause: cause)
            return
        }
        let skipped = Dictionary(report.skipped.map { (Self.key($0), $0) }, uniquingKeysWith: { first, _ in first })
        if let knownSkipped {
            let fresh = skipped.filter { !knownSkipped.contains($0.key) }.sorted { $0.key < $1.key }.map(\.value)
            if !fresh.isEmpty {
                try? FileManager.default.removeItem(at: output)
                await fail(fresh.map(\.description).joined(separator: "\n"), cause: cause)
                return
            }
        }
        knownSkipped = Set(skipped.keys)
        if let previous = site.publish(output) { retired.append(previous) }
        while retired.count > 1 { try? FileManager.default.removeItem(at: retired.removeFirst()) }
        await events.reload(generation: generation)
        let elapsed = Self.milliseconds(ContinuousClock.now - started)
        if changed.isEmpty {
            log(PreviewMessage(.info, report.summary(output: output.path, warningsListed: false)))
        } else {
            log(PreviewMessage(.info, "sitegen: rebuilt in \(elapsed) ms (\(cause)): \(report.pageCount) pages, \(report.transcripts) transcript\(report.transcripts == 1 ? "" : "s")"))
            if !report.skipped.isEmpty {
                log(PreviewMessage(.warning, "still skipped:\n" + report.skipped.map { "  \($0)" }.joined(separator: "\n")))
            }
        }
    }

    private func fail(_ message: String, cause: String) async {
        site.recordFailure(message)
        await events.fail(message)
        let what = cause.isEmpty ? "the build failed" : "the rebuild failed (\(cause))"
        let serving = site.snapshot.folder == nil ? "nothing to serve until a build succeeds" : "still serving the last good build"
        log(PreviewMessage(.error, "sitegen: \(what); \(serving):\n\(message)"))
    }

    private static func key(_ diagnostic: Diagnostic) -> String {
        diagnostic.file ?? diagnostic.message
    }

    private static func describe(_ changed: [String]) -> String {
        guard let first = changed.first else { return "" }
        return changed.count == 1 ? "\(first) changed" : "\(first) and \(changed.count - 1) more changed"
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}

/// The service that builds the site once the server is listening, then watches its inputs and rebuilds on changes.
///
/// It polls the inputs' sizes and modification times (``SourceFingerprint``), which works the same on every platform and
/// file system, backing off when a scan is slow, and debounces bursts of changes (``ChangeDebouncer``). On graceful shutdown it ends the pages' event
/// streams so that the HTTP server can close their connections.
struct SiteWatcher: Service {
    /// The pause between scans is at least this many times the last scan's duration, so that watching a very large
    /// site takes at most about a tenth of a core.
    static let idleShare = 9

    let options: BuildOptions
    let pollInterval: Duration
    let quietPeriod: Duration
    let maximumDelay: Duration
    let folder: URL
    let site: ServedSite
    let events: ReloadBroadcaster
    /// Yields the server's base URL once it is listening.
    let listening: AsyncStream<URL>
    let onReady: @Sendable (URL) async -> Void
    let log: @Sendable (PreviewMessage) -> Void

    func run() async throws {
        var addresses = listening.makeAsyncIterator()
        guard let baseURL = await addresses.next() else { return }
        var rebuilder = SiteRebuilder(options: options, folder: folder, site: site, events: events, log: log)
        var debouncer = ChangeDebouncer(initial: SourceFingerprint.scan(options), quietPeriod: quietPeriod, maximumDelay: maximumDelay)
        await rebuilder.build(baseURL: baseURL.absoluteString, changed: [])
        if !Task.isCancelled { await onReady(baseURL) }
        var scanCost = Duration.zero
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let wanted = debouncer.isWaiting ? min(pollInterval, quietPeriod / 2) : pollInterval
            let interval = max(wanted, scanCost * Self.idleShare)
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break
            }
            let started = ContinuousClock.now
            let fingerprint = SourceFingerprint.scan(options)
            scanCost = ContinuousClock.now - started
            if case .rebuild(let changed) = debouncer.observe(fingerprint, at: .now) {
                await rebuilder.build(baseURL: baseURL.absoluteString, changed: changed)
            }
        }
        await events.close()
    }
}
