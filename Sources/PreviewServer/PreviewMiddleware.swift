import Foundation
import Hummingbird

/// The outer layer of the preview server, in front of Hummingbird's `FileMiddleware`.
///
/// It refuses requests for host names other than this machine's while the server listens on loopback (403, see
/// ``HostCheck``), methods other than GET and HEAD (405) and unsafe paths (400, see ``RequestPath``) before any file is
/// looked up, resolves `Range` headers against the file's size (416 past its end, see ``ByteRange``), answers with the theme's `404.html` and status 404 whatever was not found, shows the build's error (or a
/// "building" note) while there is no good build, points folder redirects at the path as the client sent it, leaves the
/// ETag as the only validator for 304s, and marks every response `Cache-Control: no-cache` so a browser revalidates
/// after each rebuild.
struct PreviewMiddleware<Context: RequestContext>: RouterMiddleware {
    let site: ServedSite
    let files: PreviewFileProvider
    let hosts: HostCheck

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await respond(to: request, context: context, next: next)
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-cache" }
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }

    private func respond(to request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard hosts.allows(request.head.authority) else {
            return text(.forbidden, "403 Forbidden: this preview server answers only requests for localhost or a loopback address, "
                + "not for '\(HostCheck.hostName(of: request.head.authority ?? ""))'\n", for: request)
        }
        guard request.method == .get || request.method == .head else {
            var response = text(.methodNotAllowed, "405 Method Not Allowed: the preview server only answers GET and HEAD\n", for: request)
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        let path: String
        switch RequestPath.validate(request.uri.path) {
        case .failure(let rejection):
            return text(.badRequest, "400 Bad Request: \(rejection.reason)\n", for: request)
        case .success(let decoded):
            path = decoded
        }
        let snapshot = site.snapshot
        if snapshot.root == nil && !path.hasPrefix("/__sitegen/") {
            var response = html(.serviceUnavailable, ReloadScript.placeholderPage(failure: snapshot.failure), for: request)
            response.headers[.retryAfter] = "1"
            return response
        }
        var range = request.headers[.range]
        if let header = range {
            switch await resolve(header, path: path) {
            case .bytes(let bytes):
                range = "bytes=\(bytes.lowerBound)-\(bytes.upperBound)"
            case .unsatisfiable(let size) where request.headers[.ifRange] == nil:
                var response = text(.rangeNotSatisfiable, "416 Range Not Satisfiable: the file has \(size) bytes\n", for: request)
                response.headers[.contentRange] = "bytes */\(size)"
                return response
            case .whole, .unsatisfiable:
                range = nil
            }
        }
        let forwarded = Self.forwarded(request, range: range)
        var response: Response
        do {
            response = try await next(forwarded, context)
        } catch let error as any HTTPResponseError where error.status == .notFound {
            return try await notFound(request, context: context)
        }
        switch response.status {
        case .notFound:
            response = try await notFound(request, context: context)
        case .movedPermanently:
            let query = request.uri.query.map { "?" + $0 } ?? ""
            response.headers[.location] = request.uri.path + "/" + query
        case .ok where request.method == .head && response.headers[.contentRange] != nil:
            response.status = .partialContent
        default:
            break
        }
        return response
    }

    /// What a `Range` header asks of the file at the decoded `path`: whole when there is no such file (a 404 or redirect
    /// follows) or the range is not one the server serves exactly (the RFC lets a server ignore a range). A range past
    /// the end under `If-Range` is served whole too; `FileMiddleware` decides `If-Range` for the ranges it is given.
    private func resolve(_ header: String, path: String) async -> RangeDecision {
        guard let root = site.snapshot.root else { return .whole }
        let target = path.hasSuffix("/") ? path + "index.html" : path
        guard let id = PreviewFileProvider.resolve(target, under: root),
              let attributes = try? await files.getAttributes(id: id), !attributes.isFolder else { return .whole }
        switch ByteRange.resolve(header, size: attributes.size) {
        case .whole: return .whole
        case .bytes(let bytes): return .bytes(bytes)
        case .unsatisfiable: return .unsatisfiable(size: attributes.size)
        }
    }

    /// ``ByteRange`` with the file's size for a 416.
    private enum RangeDecision {
        case whole
        case bytes(ClosedRange<Int>)
        case unsatisfiable(size: Int)
    }

    /// The request as `FileMiddleware` gets it: without `If-Modified-Since`, and with `range` as its `Range` header.
    ///
    /// Modification dates have whole seconds in HTTP, and a rebuild can rewrite a file within the second a browser fetched
    /// it: answering 304 to the date would show the old page, so only the ETag decides a 304. Browsers send
    /// `If-None-Match` along with it anyway.
    static func forwarded(_ request: Request, range: String?) -> Request {
        guard request.headers[.ifModifiedSince] != nil || request.headers[.range] != range else { return request }
        var head = request.head
        head.headerFields[.ifModifiedSince] = nil
        head.headerFields[.range] = range
        return Request(head: head, body: request.body)
    }

    /// The theme's 404 page from the served build, with status 404 (a short text if the build has none).
    private func notFound(_ request: Request, context: Context) async throws -> Response {
        guard let root = site.snapshot.root, let id = PreviewFileProvider.resolve("/404.html", under: root),
              let attributes = try await files.getAttributes(id: id), !attributes.isFolder else {
            return text(.notFound, "404 Not Found\n", for: request)
        }
        var headers = HTTPFields()
        headers[.contentType] = MediaTypes.byExtension["html"]?.description
        headers[.contentLength] = String(attributes.size)
        let body = request.method == .head ? ResponseBody() : try await files.loadFile(id: id, context: context)
        return Response(status: .notFound, headers: headers, body: body)
    }

    private func text(_ status: HTTPResponse.Status, _ message: String, for request: Request) -> Response {
        make(status, message, type: "text/plain; charset=utf-8", for: request)
    }

    private func html(_ status: HTTPResponse.Status, _ page: String, for request: Request) -> Response {
        make(status, page, type: "text/html; charset=utf-8", for: request)
    }

    private func make(_ status: HTTPResponse.Status, _ body: String, type: String, for request: Request) -> Response {
        let buffer = ByteBuffer(string: body)
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentLength] = String(buffer.readableBytes)
        return Response(status: status, headers: headers, body: request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: buffer))
    }
}
