import Foundation
import Testing
@testable import PreviewServer

extension PreviewServerIntegrationTests {
    /// The file server over real HTTP on 127.0.0.1: types, folders, 404, conditional requests, HEAD and confinement.
    @Suite("Serving files")
    struct FileServingTests {
        /// Files of each type a site may publish, copied through from Content/files/.
        static let assets: [String: (bytes: Data, type: String)] = [
            "files/logo.png": (Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "image/png"),
            "files/photo.jpg": (Data([0xFF, 0xD8, 0xFF, 0xE0]), "image/jpeg"),
            "files/icon.svg": (Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8), "image/svg+xml; charset=utf-8"),
            "files/app.js": (Data("console.log(1);".utf8), "text/javascript; charset=utf-8"),
            "files/data.json": (Data("{\"a\":1}".utf8), "application/json; charset=utf-8"),
            "files/feed.xml": (Data("<feed/>".utf8), "application/xml; charset=utf-8"),
            "files/calls.ics": (Data("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8), "text/calendar; charset=utf-8"),
            "files/report.pdf": (Data("%PDF-1.4\n".utf8), "application/pdf"),
            "files/font.woff2": (Data("wOF2".utf8), "font/woff2"),
        ]

        static func site() throws -> PreviewTestSite {
            try PreviewTestSite(files: Dictionary(uniqueKeysWithValues: assets.map { ("Content/" + $0.key, $0.value.bytes) }))
        }

        @Test func pagesAndAssetsHaveTheirContentTypes() async throws {
            let site = try Self.site()
            defer { site.remove() }
            try await withPreviewServer(site) { server in
                for page in ["/", transcriptPage, "/companies/", "/speakers/carl-russo/", "/index.html"] {
                    let response = try await fetch(page, port: server.port)
                    #expect(response.status == 200, "\(page)")
                    #expect(response.header("Content-Type") == "text/html; charset=utf-8", "\(page)")
                    #expect(response.text.contains("/__sitegen/events"), "\(page) lacks the reload script")
                }
                let css = try await fetch("/assets/style.css", port: server.port)
                #expect(css.status == 200)
                #expect(css.header("Content-Type") == "text/css; charset=utf-8")
                let favicon = try await fetch("/assets/favicon.svg", port: server.port)
                #expect(favicon.header("Content-Type") == "image/svg+xml; charset=utf-8")
                for (path, asset) in Self.assets {
                    let response = try await fetch("/" + path, port: server.port)
                    #expect(response.status == 200, "\(path)")
                    #expect(response.header("Content-Type") == asset.type, "\(path)")
                    #expect(response.body == asset.bytes, "\(path)")
                }
                let folder = try #require(server.server.servedFolder)
                try Data("User-agent: *\n".utf8).write(to: folder.appendingPathComponent("robots.txt"))
                let robots = try await fetch("/robots.txt", port: server.port)
                #expect(robots.header("Content-Type") == "text/plain; charset=utf-8")
                #expect(robots.text == "User-agent: *\n")
            }
        }

        @Test func aFolderWithoutItsSlashRedirectsToIt() async throws {
            let site = try Self.site()
            defer { site.remove() }
            try await withPreviewServer(site) { server in
                let response = try await fetch("/companies/calx?x=1", port: server.port)
                #expect(response.status == 301)
                #expect(response.header("Location") == "/companies/calx/?x=1")
                let target = try await fetch("/companies/calx/", port: server.port)
                #expect(target.status == 200)
            }
        }

        @Test func missingPagesGetTheThemes404PageWithStatus404() async throws {
            let site = try Self.site()
            defer { site.remove() }
            try await withPreviewServer(site) { server in
                let notFound = try String(contentsOf: try #require(server.server.servedFolder).appendingPathComponent("404.html"), encoding: .utf8)
                for path in ["/nope", "/nope/", "/companies/nope/", "/assets/nope.css", "/files/", "/assets/", "/__sitegen/nope"] {
                    let response = try await fetch(path, port: server.port)
                    #expect(response.status == 404, "\(path)")
                    #expect(response.header("Content-Type") == "text/html; charset=utf-8", "\(path)")
                    #expect(response.text == notFound, "\(path)")
                    #expect(response.text.contains("Page not found"))
                }
                let head = try await fetch("/nope/", port: server.port, method: "HEAD")
                #expect(head.status == 404)
                #expect(head.header("Content-Length") == String(notFound.utf8.count))
                #expect(head.body.isEmpty)
            }
        }

        @Test func foldersAreNeverListed() async throws {
            let site = try Self.site()
            defer { site.remove() }
            try await withPreviewServer(site) { server in
                let folder = try #require(server.server.servedFolder)
                let notFound = try Data(contentsOf: folder.appendingPathComponent("404.html"))
                for path in ["/assets/", "/files/"] {
                    let response = try await fetch(path, port: server.port)
                    #expect(response.status == 404)
                    #expect(response.body == notFound, "\(path) is answered with the 404 page, not a listing")
                    #expect(!response.text.contains("logo.png") && !response.text.contains("photo.jpg"), "\(path) lists its files")
                }
            }
        }

        @Test func aRepeatedRequestWithItsETagGets304() async throws {
            let site = try Self.site()
            defer { site.remove() }
            try await withPreviewServer(site) { server in
                for path in [transcriptPage, "/assets/style.css", "/files/logo.png"] {
                    let first = try await fetch(path, port: server.port)
                    let etag = try #require(first.header("ETag"), "\(path) has no ETag")
                    #expect(first.header("Cache-Control") == "no-cache")
                    let again = try await fetch(path, port: server.port, headers: ["If-None-Match": etag])
                    #expect(again.status == 304, "\(path)")
                    #expect(again.body.isEmpty)
                    #expect(again.header("ETag") == etag)
                    let other = try await fetch(path, port: server.port, headers: ["If-None-Match": "W/\"something-else\""])
                    #expect(other.status == 200)
                    #expect(other.body == first.body)
                    let dated = try await fetch(path, port: server.port, headers: ["If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"])
                    #expect(dated.status == 200, "only the ETag decides a 304: a date has whole seconds and a rebuild is quicker")
                }
            }
        }

        @Test func headGivesTheHeadersOfGetWithoutABody() async throws {
            let site = try Self.site()
            defer { site.remove() }
            try await withPreviewServer(site) { server in
                for path in [transcriptPage, "/assets/style.css"] {
                    let get = try await fetch(path, port: server.port)
                    let head = try await fetch(path, port: server.port, method: "HEAD")
                    #expect(head.status == 200)
                    #expect(head.body.isEmpty)
                    #expect(head.header("Content-Length") == String(get.body.count))
                    #expect(head.header("Content-Type") == get.header("Content-Type"))
                    #expect(head.header("ETag") == get.header("ETag"))
                }
            }
        }

        /// Ranges as RFC 9110 has them: a suffix range is the file's end, a range past the end is 416, HEAD gives GET's status.
        @Test func rangeRequestsGetTheBytesTheyAskFor() async throws {
            let site = try Self.site()
            defer { site.remove() }
            try await withPreviewServer(site) { server in
                let whole = try await fetch("/robots.txt", port: server.port)
                let size = whole.body.count
                #expect(size > 10)
                let first = try await fetch("/robots.txt", port: server.port, headers: ["Range": "bytes=0-4"])
                #expect(first.status == 206)
                #expect(first.body == whole.body.prefix(5))
                #expect(first.header("Content-Range") == "bytes 0-4/\(size)")
                let suffix = try await fetch("/robots.txt", port: server.port, headers: ["Range": "bytes=-5"])
                #expect(suffix.status == 206)
                #expect(suffix.body == whole.body.suffix(5))
                #expect(suffix.header("Content-Range") == "bytes \(size - 5)-\(size - 1)/\(size)")
                #expect(suffix.header("Content-Length") == "5")
                let past = try await fetch("/robots.txt", port: server.port, headers: ["Range": "bytes=\(size + 400)-\(size + 500)"])
                #expect(past.status == 416)
                #expect(past.header("Content-Range") == "bytes */\(size)")
                let several = try await fetch("/robots.txt", port: server.port, headers: ["Range": "bytes=0-1,3-4"])
                #expect(several.status == 200)
                #expect(several.body == whole.body)
                let head = try await fetch("/robots.txt", port: server.port, method: "HEAD", headers: ["Range": "bytes=0-4"])
                #expect(head.status == 206)
                #expect(head.header("Content-Length") == "5")
                #expect(head.header("Content-Range") == "bytes 0-4/\(size)")
                #expect(head.body.isEmpty)
            }
        }

        /// DNS rebinding: a page elsewhere that points its own name at 127.0.0.1 gets nothing from a loopback preview.
        @Test func requestsForOtherHostNamesAreRefused() async throws {
            let site = try Self.site()
            defer { site.remove() }
            try await withPreviewServer(site) { server in
                for path in ["/", "/data/transcripts.json", transcriptPage] {
                    let foreign = try await fetch(path, port: server.port, headers: ["Host": "attacker.example:\(server.port)"])
                    #expect(foreign.status == 403, "\(path)")
                    #expect(!foreign.text.contains("<html"), "\(path)")
                    let local = try await fetch(path, port: server.port, headers: ["Host": "localhost:\(server.port)"])
                    #expect(local.status == 200, "\(path)")
                }
            }
        }

        @Test func otherMethodsAreRefused() async throws {
            let site = try Self.site()
            defer { site.remove() }
            try await withPreviewServer(site) { server in
                for method in ["POST", "PUT", "DELETE"] {
                    let response = try await fetch("/", port: server.port, method: method, headers: ["Content-Length": "0"])
                    #expect(response.status == 405, "\(method)")
                    #expect(response.header("Allow") == "GET, HEAD")
                }
            }
        }

        /// Every spelling of "outside the served folder" gets 400 or 404, and never the outside file.
        @Test func nothingOutsideTheServedFolderIsReachable() async throws {
            let site = try Self.site()
            defer { site.remove() }
            let secret = "TOP-SECRET-\(UUID().uuidString)"
            let outside = site.sandbox.appendingPathComponent("outside", isDirectory: true)
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            try Data(secret.utf8).write(to: outside.appendingPathComponent("secret.html"))
            try await withPreviewServer(site) { server in
                let folder = try #require(server.server.servedFolder)
                let fileManager = FileManager.default
                try fileManager.createSymbolicLink(at: folder.appendingPathComponent("leak.html"), withDestinationURL: outside.appendingPathComponent("secret.html"))
                try fileManager.createSymbolicLink(at: folder.appendingPathComponent("escape"), withDestinationURL: outside)
                try fileManager.createSymbolicLink(atPath: folder.appendingPathComponent("relative").path, withDestinationPath: "../outside")
                try fileManager.createSymbolicLink(atPath: folder.appendingPathComponent("inside.html").path, withDestinationPath: "index.html")
                let parentName = folder.deletingLastPathComponent().lastPathComponent
                let attempts = [
                    "/../outside/secret.html", "/../../outside/secret.html", "/companies/../../outside/secret.html",
                    "/%2e%2e/outside/secret.html", "/%2E%2E/%2E%2E/outside/secret.html", "/.%2e/outside/secret.html",
                    "/%2e%2e%2foutside%2fsecret.html", "/..%2f..%2foutside%2fsecret.html", "/companies%2f..%2f..%2foutside/secret.html",
                    "/%2fetc%2fpasswd", "/companies%2Fcalx/",
                    "/..\\outside\\secret.html", "/%5c..%5coutside%5csecret.html", "/companies\\..\\..\\index.html",
                    "/index.html%00.css", "/%00", "/leak.html%00",
                    "//etc/passwd", "/./index.html", "/companies/./calx/",
                    "/leak.html", "/escape/secret.html", "/escape/", "/relative/secret.html",
                    "/../\(parentName)/1/index.html", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                    "/%c0%ae%c0%ae/outside/secret.html",
                ]
                for target in attempts {
                    let response = try await fetch(target, port: server.port)
                    #expect([400, 404].contains(response.status), "\(target) answered \(response.status)")
                    #expect(!response.text.contains(secret), "\(target) leaked the file outside the served folder")
                    #expect(!response.text.contains("root:"), "\(target) leaked /etc/passwd")
                }
                let inside = try await fetch("/inside.html", port: server.port)
                #expect(inside.status == 200, "a link that stays inside the folder is served")
            }
        }
    }
}
