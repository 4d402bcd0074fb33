import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SiteBuilder

/// A line for the terminal from the preview server.
public struct PreviewMessage: Sendable, CustomStringConvertible {
    /// How the line should be shown.
    public enum Level: Sendable {
        /// Progress: builds, rebuilds, where the site is served.
        case info
        /// Something to look at that did not stop anything.
        case warning
        /// A build or rebuild failed.
        case error
    }

    /// How the line should be shown.
    public var level: Level
    /// The text, possibly several lines.
    public var text: String

    /// A message.
    public init(_ level: Level, _ text: String) {
        self.level = level
        self.text = text
    }

    /// The text.
    public var description: String { text }
}

/// Why the preview server could not run.
public enum PreviewServerError: Error, Equatable, CustomStringConvertible {
    /// The site folder does not exist.
    case siteNotFound(path: String)
    /// Another process is listening on the port.
    case portInUse(host: String, port: Int)
    /// The address could not be listened on for another reason.
    case cannotListen(host: String, port: Int, reason: String)
    /// The preview folder could not be created.
    case cannotCreatePreviewFolder(path: String, reason: String)
    /// Anything else that stopped the server.
    case failed(String)

    /// One line saying what went wrong.
    public var description: String {
        switch self {
        case .siteNotFound(let path):
            return "the site folder \(path) does not exist"
        case .portInUse(let host, let port):
            return "cannot listen on \(PreviewServer.bracketed(host)):\(port): the port is in use (choose another with --port, or --port 0 for a free one)"
        case .cannotListen(let host, let port, let reason):
            return "cannot listen on \(PreviewServer.bracketed(host)):\(port): \(reason)"
        case .cannotCreatePreviewFolder(let path, let reason):
            return "cannot create the preview folder \(path): \(reason)"
        case .failed(let reason):
            return "the preview server stopped: \(reason)"
        }
    }
}

/// `sitegen serve`: builds the site, serves it over HTTP, rebuilds when its inputs change and reloads open pages.
///
/// The server is a Hummingbird `Application` whose router sends every request through ``PreviewMiddleware`` (method and
/// path checks, the theme's 404 page) and Hummingbird's `FileMiddleware` (MIME types, `index.html`, ETag, HEAD,
/// ranges) reading through ``PreviewFileProvider`` (confined to the served build). Beside it, in one `ServiceGroup`,
/// runs ``SiteWatcher``, which builds once the server listens and then polls the inputs, debounces, rebuilds and tells
/// pages to reload over Server-Sent Events at `/__sitegen/events`.
///
/// Each build goes to a new numbered folder inside a preview folder (by default a new folder in the system's temporary
/// directory, removed when the server stops), never to `Public/`, so the reload script never ends up in a published site.
public struct PreviewServer: Sendable {
    /// Where to listen and what to watch.
    public struct Configuration: Sendable {
        /// The site folder holding `sitegen.yml`, `Content/` and `Themes/`.
        public var siteRoot: URL
        /// The address to listen on; loopback by default.
        public var host: String
        /// The port; 0 picks a free one.
        public var port: Int
        /// How often the inputs are looked at.
        public var pollInterval: Duration
        /// How long the inputs must be still after a change before the rebuild starts.
        public var quietPeriod: Duration
        /// The longest a change waits for the inputs to be still.
        public var maximumDelay: Duration
        /// The folder the preview folder is created in (default: the system's temporary directory).
        public var previewParent: URL?
        /// Whether SIGINT and SIGTERM stop the server gracefully (for the command line; tests call `stop()`).
        public var stopOnSignals: Bool

        /// A configuration for the site in `siteRoot`, listening on `host`:`port`.
        public init(siteRoot: URL, host: String = "127.0.0.1", port: Int = 8000, pollInterval: Duration = .milliseconds(250),
                    quietPeriod: Duration = .milliseconds(100), maximumDelay: Duration = .seconds(2),
                    previewParent: URL? = nil, stopOnSignals: Bool = false) {
            self.siteRoot = siteRoot
            self.host = host
            self.port = port
            self.pollInterval = pollInterval
            self.quietPeriod = quietPeriod
            self.maximumDelay = maximumDelay
            self.previewParent = previewParent
            self.stopOnSignals = stopOnSignals
        }
    }

    /// Where to listen and what to watch.
    public let configuration: Configuration
    private let log: @Sendable (PreviewMessage) -> Void
    private let site = ServedSite()
    private let events = ReloadBroadcaster()
    private let control = Locked(Control())

    private struct Control: Sendable {
        var group: ServiceGroup?
        var stopRequested = false
    }

    /// A server for `configuration`; `log` receives the lines for the terminal.
    public init(_ configuration: Configuration, log: @escaping @Sendable (PreviewMessage) -> Void = { _ in }) {
        self.configuration = configuration
        self.log = log
    }

    /// The folder of the build being served, once a build succeeded.
    public var servedFolder: URL? { site.snapshot.folder }

    /// Runs until `stop()`, a signal (with `stopOnSignals`) or cancellation; `onReady` gets the server's URL after the first build.
    ///
    /// Call it once per server.
    public func run(onReady: @escaping @Sendable (URL) async -> Void = { _ in }) async throws(PreviewServerError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: configuration.siteRoot.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .siteNotFound(path: configuration.siteRoot.path)
        }
        let parent = configuration.previewParent ?? FileManager.default.temporaryDirectory
        let folder = parent.appendingPathComponent("sitegen-preview-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreatePreviewFolder(path: folder.path, reason: error.localizedDescription)
        }
        defer { try? FileManager.default.removeItem(at: folder) }

        var logger = Logger(label: "sitegen.serve")
        logger.logLevel = .warning
        let (listening, listener) = AsyncStream.makeStream(of: URL.self)
        let host = configuration.host
        let app = Application(
            router: makeRouter(),
            configuration: ApplicationConfiguration(address: .hostname(Self.unbracketed(host), port: configuration.port)),
            onServerRunning: { channel in
                if let url = Self.url(for: channel.localAddress, host: host) { listener.yield(url) }
                listener.finish()
            },
            logger: logger
        )
        var options = BuildOptions(siteRoot: configuration.siteRoot)
        options.headExtra = ReloadScript.html
        let watcher = SiteWatcher(options: options, pollInterval: configuration.pollInterval, quietPeriod: configuration.quietPeriod,
                                  maximumDelay: configuration.maximumDelay, folder: folder, site: site, events: events,
                                  listening: listening, onReady: onReady, log: log)
        var groupConfiguration = ServiceGroupConfiguration(
            services: [.init(service: app, serviceName: "http"), .init(service: watcher, serviceName: "watcher")], logger: logger)
        if configuration.stopOnSignals { groupConfiguration.gracefulShutdownSignals = [.sigint, .sigterm] }
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(5)
        let group = ServiceGroup(configuration: groupConfiguration)
        let stopped = control.withLock { control in
            control.group = group
            return control.stopRequested
        }
        if stopped { return }
        do {
            try await group.run()
        } catch is CancellationError {
            return
        } catch {
            throw Self.describe(error, host: host, port: configuration.port)
        }
    }

    /// Stops the server gracefully: open event streams end, connections close, the preview folder is removed.
    public func stop() async {
        let group = control.withLock { control in
            control.stopRequested = true
            return control.group
        }
        await group?.triggerGracefulShutdown()
    }

    /// Whether `host` is a loopback address or `localhost` (anything else exposes the preview to other machines).
    public static func isLoopback(_ host: String) -> Bool {
        let bare = unbracketed(host)
        if bare.lowercased() == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, bare, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, bare, &v6) == 1 {
            let bytes = withUnsafeBytes(of: v6) { Array($0) }
            if bytes == [UInt8](repeating: 0, count: 15) + [1] { return true }
            return bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff && bytes[12] == 127
        }
        return false
    }

    /// `host` as written in a URL: IPv6 addresses in brackets, the wildcard addresses as the matching loopback address.
    static func hostForURL(_ host: String) -> String {
        switch host {
        case "0.0.0.0", "": return "127.0.0.1"
        case "::", "[::]": return "[::1]"
        default: return bracketed(host)
        }
    }

    /// `host` without the brackets of a URL-style IPv6 address ("[::1]" → "::1").
    static func unbracketed(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    /// `host` with an IPv6 address in brackets, as it is written before a port.
    static func bracketed(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }

    private static func url(for address: SocketAddress?, host: String) -> URL? {
        guard let address, let port = address.port else { return nil }
        let shown = isLoopback(host) || host == "0.0.0.0" || host == "::" ? (address.ipAddress ?? host) : host
        return URL(string: "http://\(hostForURL(shown)):\(port)/")
    }

    private static func describe(_ error: any Error, host: String, port: Int) -> PreviewServerError {
        if let error = error as? PreviewServerError { return error }
        if let error = error as? IOError {
            switch error.errnoCode {
            case EADDRINUSE: return .portInUse(host: host, port: port)
            case EADDRNOTAVAIL: return .cannotListen(host: host, port: port, reason: "the address is not one of this machine's")
            case EACCES: return .cannotListen(host: host, port: port, reason: "permission denied (ports below 1024 need privileges)")
            default: return .cannotListen(host: host, port: port, reason: String(cString: strerror(error.errnoCode)))
            }
        }
        if error is SocketAddressError.UnknownHost {
            return .cannotListen(host: host, port: port, reason: "no address has that name (give an IP address, or a name this machine resolves)")
        }
        if let error = error as? SocketAddressError {
            return .cannotListen(host: host, port: port, reason: "cannot resolve the host (\(error))")
        }
        return .failed("\(error)")
    }

    private func makeRouter() -> Router<BasicRequestContext> {
        let files = PreviewFileProvider(site: site)
        let router = Router(context: BasicRequestContext.self)
        router.middlewares.add(PreviewMiddleware(site: site, files: files, hosts: HostCheck(allowsAnyHost: !Self.isLoopback(configuration.host))))
        router.middlewares.add(
            FileMiddleware(fileProvider: files, searchForIndexHtml: true)
                .withAdditionalMediaTypes(forFileExtensions: MediaTypes.byExtension))
        let events = self.events
        router.get("/__sitegen/events") { request, _ -> Response in
            let (stream, continuation) = AsyncStream.makeStream(of: ServerSentEvent.self, bufferingPolicy: .bufferingNewest(64))
            await events.subscribe(continuation)
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream; charset=utf-8"
            headers[.cacheControl] = "no-cache"
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                defer { continuation.finish() }
                try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
                try await request.body.consumeWithCancellationOnInboundClose { _ in
                    try await withGracefulShutdownHandler {
                        for await event in stream {
                            try await writer.write(ByteBuffer(string: event.wireFormat))
                        }
                    } onGracefulShutdown: {
                        continuation.finish()
                    }
                }
                try await writer.finish(nil)
            })
        }
        return router
    }
}
