import Foundation

/// One Server-Sent Event as the browser's `EventSource` reads it.
struct ServerSentEvent: Sendable, Equatable {
    /// The event name (`hello`, `reload`, `error`).
    var name: String
    /// The data; each line becomes one `data:` field, and the browser joins them with newlines.
    var data: String

    /// The event in the `text/event-stream` format, ending with the blank line that dispatches it.
    var wireFormat: String {
        var text = "event: \(name)\n"
        let lines = data.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines { text += "data: \(line)\n" }
        return text + "\n"
    }
}

/// Tells every open page what the watcher did: `reload` after a good rebuild, `error` with the message after a failed one.
///
/// A page that connects gets `hello` with the version of the site it should be showing (so a page that missed a rebuild
/// while disconnected reloads), and the current error if the last rebuild failed.
actor ReloadBroadcaster {
    private var clients: [UUID: AsyncStream<ServerSentEvent>.Continuation] = [:]
    private let instance: String
    private var generation = 0
    private var failure: String?
    private var closed = false

    /// A broadcaster for one run of the server; `instance` tells runs apart, so a page reloads after a server restart.
    init(instance: String = String(UUID().uuidString.prefix(8)).lowercased()) {
        self.instance = instance
    }

    /// The version of the site pages should show: the server run and the generation of its build.
    var version: String { "\(instance)-\(generation)" }

    /// The number of connected pages.
    var clientCount: Int { clients.count }

    /// Registers a page; the stream first yields `hello` and, if the last rebuild failed, its `error`.
    func subscribe(_ continuation: AsyncStream<ServerSentEvent>.Continuation) {
        guard !closed else {
            continuation.finish()
            return
        }
        let id = UUID()
        continuation.yield(ServerSentEvent(name: "hello", data: version))
        if let failure { continuation.yield(ServerSentEvent(name: "error", data: failure)) }
        continuation.onTermination = { [weak self] _ in
            Task { await self?.remove(id) }
        }
        clients[id] = continuation
    }

    /// A good build of `generation` is being served: every page reloads.
    func reload(generation: Int) {
        failure = nil
        self.generation = generation
        send(ServerSentEvent(name: "reload", data: version))
    }

    /// A rebuild failed: every page shows `message` over the last good build.
    func fail(_ message: String) {
        failure = message
        send(ServerSentEvent(name: "error", data: message))
    }

    /// Ends every stream (the server is stopping) and refuses new ones.
    func close() {
        closed = true
        for continuation in clients.values { continuation.finish() }
        clients.removeAll()
    }

    private func send(_ event: ServerSentEvent) {
        for continuation in clients.values { continuation.yield(event) }
    }

    private func remove(_ id: UUID) {
        clients[id] = nil
    }
}
