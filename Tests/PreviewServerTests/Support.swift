import Foundation
import PreviewServer
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The tests that start servers, one at a time: each builds a site, and the reload test's two-second limit should not
/// be spent waiting for the other servers' builds.
@Suite("Preview server over HTTP", .serialized)
struct PreviewServerIntegrationTests {}

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The page of the reference transcript.
let transcriptPage = "/companies/calx/2012-q3/"

/// A throwaway site: the repository's Themes/ and reference transcript, plus any files given, in a sandbox folder.
struct PreviewTestSite {
    let root: URL

    /// Creates the site; `files` maps paths under the site root to their bytes.
    init(files: [String: Data] = [:]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("sitegen-serve-test-\(UUID().uuidString)", isDirectory: true)
            .appendingPathComponent("site", isDirectory: true)
        let content = root.appendingPathComponent("Content", isDirectory: true)
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Themes"), to: root.appendingPathComponent("Themes"))
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Content/calx-q3-2012.txt"),
                                         to: content.appendingPathComponent("calx-q3-2012.txt"))
        for (path, data) in files { try write(data, to: path) }
    }

    /// The folder holding the site and nothing else.
    var sandbox: URL { root.deletingLastPathComponent() }

    /// Writes bytes at a path under the site root, creating folders.
    func write(_ data: Data, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Writes text at a path under the site root.
    func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Reads a text file under the site root.
    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(at: sandbox)
    }
}

/// A preview server running in this process on a free loopback port.
struct RunningServer: Sendable {
    let server: PreviewServer
    let url: URL
    var port: Int { url.port ?? 0 }
    let messages: MessageLog
}

/// The server's terminal lines, kept for assertions.
final class MessageLog: @unchecked Sendable {
    private var lines: [PreviewMessage] = []
    private let lock = NSLock()

    func append(_ message: PreviewMessage) {
        lock.lock()
        lines.append(message)
        lock.unlock()
    }

    var all: [PreviewMessage] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }
}

struct ServerDidNotStart: Error {}

/// Starts a server for `site` on port 0, runs `body`, and always stops the server and waits for it to finish.
///
/// Returns what `run()` returned or threw, so a test can check that the server stopped cleanly.
@discardableResult
func withPreviewServer(_ site: PreviewTestSite, host: String = "127.0.0.1",
                       _ body: (RunningServer) async throws -> Void) async throws -> Result<Void, PreviewServerError> {
    let messages = MessageLog()
    let server = PreviewServer(.init(siteRoot: site.root, host: host, port: 0, previewParent: site.sandbox)) { messages.append($0) }
    let (ready, readyContinuation) = AsyncStream.makeStream(of: URL.self)
    let task = Task { () -> Result<Void, PreviewServerError> in
        defer { readyContinuation.finish() }
        do throws(PreviewServerError) {
            try await server.run { url in readyContinuation.yield(url) }
            return .success(())
        } catch {
            return .failure(error)
        }
    }
    var iterator = ready.makeAsyncIterator()
    guard let url = await iterator.next() else {
        let outcome = await task.value
        if case .failure(let error) = outcome { throw error }
        throw ServerDidNotStart()
    }
    let running = RunningServer(server: server, url: url, messages: messages)
    do {
        try await body(running)
    } catch {
        await server.stop()
        _ = await task.value
        throw error
    }
    await server.stop()
    return await task.value
}

/// A response read off the socket.
struct RawResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: Data

    /// The first value of a header, by case-insensitive name.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

struct SocketError: Error, CustomStringConvertible {
    let description: String
}

/// A blocking TCP connection to 127.0.0.1; its async calls run on a thread of their own so they never block Swift's concurrency pool.
final class Connection: @unchecked Sendable {
    private let descriptor: Int32
    private var buffer = Data()

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Connects to 127.0.0.1:`port`.
    static func open(port: Int) async throws -> Connection {
        try await offPool {
            #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
            #endif
            guard descriptor >= 0 else { throw SocketError(description: "socket: errno \(errno)") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard result == 0 else {
                let code = errno
                close(descriptor)
                throw SocketError(description: "connect: errno \(code)")
            }
            return Connection(descriptor: descriptor)
        }
    }

    /// Sends bytes.
    func send(_ text: String) async throws {
        let bytes = Array(text.utf8)
        try await Self.offPool {
            var sent = 0
            while sent < bytes.count {
                let count = bytes[sent...].withUnsafeBytes { write(self.descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { throw SocketError(description: "write: errno \(errno)") }
                sent += count
            }
        }
    }

    /// Reads until the peer closes the connection or `deadline` passes.
    func readToEnd(deadline: ContinuousClock.Instant) async throws -> Data {
        try await Self.offPool {
            while self.fill(until: deadline) {}
            let data = self.buffer
            self.buffer.removeAll()
            return data
        }
    }

    /// Reads until `delimiter` arrives and returns the bytes before it (the delimiter is consumed); nil at end or timeout.
    func read(upTo delimiter: Data, deadline: ContinuousClock.Instant) async throws -> Data? {
        try await Self.offPool { self.take(upTo: delimiter, deadline: deadline) }
    }

    /// Reads exactly `count` bytes, blocking the calling thread; nil at end or timeout.
    func take(count: Int, deadline: ContinuousClock.Instant) -> Data? {
        while buffer.count < count {
            guard fill(until: deadline) else { return nil }
        }
        let data = buffer.prefix(count)
        buffer.removeFirst(count)
        return Data(data)
    }

    /// Reads until `delimiter`, blocking the calling thread; the bytes before it, or nil at end or timeout.
    func take(upTo delimiter: Data, deadline: ContinuousClock.Instant) -> Data? {
        while true {
            if let range = buffer.range(of: delimiter) {
                let data = buffer[buffer.startIndex..<range.lowerBound]
                buffer.removeSubrange(buffer.startIndex..<range.upperBound)
                return Data(data)
            }
            guard fill(until: deadline) else { return nil }
        }
    }

    /// Reads what is available, waiting at most until `deadline`; false at end of stream or timeout.
    private func fill(until deadline: ContinuousClock.Instant) -> Bool {
        let remaining = deadline - .now
        guard remaining > .zero else { return false }
        let (seconds, attoseconds) = remaining.components
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        if timeout.tv_sec == 0 && timeout.tv_usec == 0 { timeout.tv_usec = 1000 }
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    /// Runs blocking work on a thread of its own, away from Swift's shared pool and from Dispatch's (both may be busy
    /// with other tests).
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}

/// Sends one request with the exact request target given (no normalisation), on a connection of its own, and reads the response;
/// `Host` is 127.0.0.1 unless `headers` name another.
func fetch(_ target: String, port: Int, method: String = "GET", headers: [String: String] = [:]) async throws -> RawResponse {
    let connection = try await Connection.open(port: port)
    let host = headers.keys.contains { $0.lowercased() == "host" } ? "" : "Host: 127.0.0.1:\(port)\r\n"
    var request = "\(method) \(target) HTTP/1.1\r\n\(host)Connection: close\r\n"
    for (name, value) in headers { request += "\(name): \(value)\r\n" }
    try await connection.send(request + "\r\n")
    let raw = try await connection.readToEnd(deadline: .now + .seconds(10))
    guard let split = raw.range(of: Data("\r\n\r\n".utf8)) else { throw SocketError(description: "no response head in \(raw.count) bytes") }
    var response = try parseHead(Data(raw[raw.startIndex..<split.lowerBound]))
    let body = Data(raw[split.upperBound...])
    response.body = response.header("Transfer-Encoding")?.lowercased() == "chunked" ? try dechunk(body) : body
    return response
}

/// Parses a status line and header lines.
func parseHead(_ head: Data) throws -> RawResponse {
    let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
    let statusParts = lines[0].split(separator: " ")
    guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw SocketError(description: "bad status line \(lines[0])") }
    let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
        guard let colon = line.firstIndex(of: ":") else { return nil }
        return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }
    return RawResponse(status: status, headers: headers, body: Data())
}

/// Decodes a complete chunked body.
func dechunk(_ data: Data) throws -> Data {
    var result = Data()
    var rest = data[...]
    while let lineEnd = rest.range(of: Data("\r\n".utf8)) {
        let sizeText = String(decoding: rest[rest.startIndex..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";")[0]
        guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { throw SocketError(description: "bad chunk size") }
        if size == 0 { break }
        let start = lineEnd.upperBound
        result.append(rest[start..<start + size])
        rest = rest[(start + size + 2)...]
    }
    return result
}

/// One Server-Sent Event as received.
struct ReceivedEvent: Sendable, Equatable {
    var name: String
    var data: String
}

/// A connection to the server's event stream, reading chunked `text/event-stream` data event by event.
///
/// Each wait runs start to end on one thread of its own, so a deadline is kept even when Swift's shared pool is busy
/// with other tests.
final class EventStreamClient: @unchecked Sendable {
    let connection: Connection
    private var text = ""

    private init(connection: Connection) {
        self.connection = connection
    }

    /// Connects and checks the response head.
    static func connect(port: Int) async throws -> EventStreamClient {
        let connection = try await Connection.open(port: port)
        try await connection.send("GET /__sitegen/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
        guard let head = try await connection.read(upTo: Data("\r\n\r\n".utf8), deadline: .now + .seconds(10)) else {
            throw SocketError(description: "no response head from the event stream")
        }
        let response = try parseHead(head)
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("text/event-stream") == true)
        return EventStreamClient(connection: connection)
    }

    /// The next event, or nil if none arrives before `deadline`.
    func next(before deadline: ContinuousClock.Instant) async throws -> ReceivedEvent? {
        try await Connection.offPool { self.nextEvent(named: nil, before: deadline) }
    }

    /// Waits for an event named `name`, skipping others; nil if none arrives before `deadline`.
    func wait(for name: String, before deadline: ContinuousClock.Instant) async throws -> ReceivedEvent? {
        try await Connection.offPool { self.nextEvent(named: name, before: deadline) }
    }

    private func nextEvent(named wanted: String?, before deadline: ContinuousClock.Instant) -> ReceivedEvent? {
        while true {
            if let range = text.range(of: "\n\n") {
                let block = String(text[text.startIndex..<range.lowerBound])
                text.removeSubrange(text.startIndex..<range.upperBound)
                var name = "message"
                var data: [String] = []
                for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                    if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                    if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
                }
                if data.isEmpty && name == "message" { continue }
                if let wanted, name != wanted { continue }
                return ReceivedEvent(name: name, data: data.joined(separator: "\n"))
            }
            guard let sizeLine = connection.take(upTo: Data("\r\n".utf8), deadline: deadline),
                  let size = Int(String(decoding: sizeLine, as: UTF8.self), radix: 16), size > 0,
                  let chunk = connection.take(count: size + 2, deadline: deadline) else { return nil }
            text += String(decoding: chunk.dropLast(2), as: UTF8.self)
        }
    }
}
