import Foundation
import Testing
@testable import PreviewServer

extension PreviewServerIntegrationTests {
    /// Watching, rebuilding and reloading over real HTTP, and starting and stopping the server.
    @Suite("Watch, rebuild, reload")
    struct LiveReloadTests {
        static let transcriptFile = "Content/calx-q3-2012.txt"
        static let original = "Actual revenue for the quarter was $81.3 million."

        @Test func aContentChangeSendsReloadWithinTwoSecondsAndThePageShowsIt() async throws {
            let site = try PreviewTestSite()
            defer { site.remove() }
            try await withPreviewServer(site) { server in
                let before = try await fetch(transcriptPage, port: server.port)
                #expect(before.text.contains(Self.original))
                let etag = try #require(before.header("ETag"))
                let events = try await EventStreamClient.connect(port: server.port)
                let hello = try await events.next(before: .now + .seconds(10))
                #expect(hello?.name == "hello")

                let text = try site.read(Self.transcriptFile)
                #expect(text.contains("Actual revenue for the quarter was"))
                try site.write(text.replacingOccurrences(of: "Actual revenue for the quarter was", with: "Actual revenue, edited while serving, for the quarter was"),
                               to: Self.transcriptFile)
                let edited = "Actual revenue, edited while serving, for the quarter was $81.3 million."
                let changed = ContinuousClock.now
                let reload = try await events.wait(for: "reload", before: changed + .seconds(2))
                #expect(reload != nil, "no reload event within two seconds of the change")

                let after = try await fetch(transcriptPage, port: server.port)
                #expect(after.status == 200)
                #expect(after.text.contains(edited))
                #expect(!after.text.contains(Self.original))
                let revalidated = try await fetch(transcriptPage, port: server.port, headers: ["If-None-Match": etag])
                #expect(revalidated.status == 200, "the old ETag must not match the rebuilt page")
                #expect(server.messages.all.contains { $0.level == .info && $0.text.contains("rebuilt") && $0.text.contains(Self.transcriptFile) })
            }
        }

        @Test func aBurstOfChangesGivesOneRebuild() async throws {
            let site = try PreviewTestSite()
            defer { site.remove() }
            try await withPreviewServer(site) { server in
                let events = try await EventStreamClient.connect(port: server.port)
                _ = try await events.next(before: .now + .seconds(10))
                for index in 1...5 {
                    try site.write("---\ntitle: Note \(index)\n---\nNote \(index).\n", to: "Content/notes/note-\(index).md")
                }
                let reload = try await events.wait(for: "reload", before: .now + .seconds(10))
                #expect(reload != nil)
                for index in 1...5 {
                    let page = try await fetch("/notes/note-\(index)/", port: server.port)
                    #expect(page.status == 200)
                    #expect(page.text.contains("Note \(index)."))
                }
                let rebuilds = server.messages.all.filter { $0.text.hasPrefix("sitegen: rebuilt") }
                #expect(rebuilds.count == 1, "expected one rebuild, got \(rebuilds.map(\.text))")
            }
        }

        @Test func aBrokenTranscriptIsReportedAndTheLastGoodPageStaysServed() async throws {
            let site = try PreviewTestSite()
            defer { site.remove() }
            try await withPreviewServer(site) { server in
                let good = try await fetch(transcriptPage, port: server.port)
                #expect(good.text.contains(Self.original))
                let events = try await EventStreamClient.connect(port: server.port)
                _ = try await events.next(before: .now + .seconds(10))
                let text = try site.read(Self.transcriptFile)

                try site.write("this is not a transcript\n\u{7}garbage\n", to: Self.transcriptFile)
                let error = try await events.wait(for: "error", before: .now + .seconds(10))
                let message = try #require(error?.data)
                #expect(message.contains(Self.transcriptFile))
                #expect(message.contains("error"))

                let served = try await fetch(transcriptPage, port: server.port)
                #expect(served.status == 200)
                #expect(served.body == good.body, "the last good page is still served")
                #expect(server.messages.all.contains { $0.level == .error && $0.text.contains(Self.transcriptFile) && $0.text.contains("still serving") })

                let late = try await EventStreamClient.connect(port: server.port)
                #expect(try await late.next(before: .now + .seconds(10))?.name == "hello")
                #expect(try await late.next(before: .now + .seconds(10)) == ReceivedEvent(name: "error", data: message), "a page opened later shows the error too")

                try site.write(text, to: Self.transcriptFile)
                #expect(try await events.wait(for: "reload", before: .now + .seconds(10)) != nil)
                #expect(try await fetch(transcriptPage, port: server.port).text.contains(Self.original))
            }
        }

        @Test func aBrokenTemplateIsReportedAndTheLastGoodSiteStaysServed() async throws {
            let site = try PreviewTestSite()
            defer { site.remove() }
            try await withPreviewServer(site) { server in
                let good = try await fetch("/", port: server.port)
                let events = try await EventStreamClient.connect(port: server.port)
                _ = try await events.next(before: .now + .seconds(10))
                let template = "Themes/default/templates/home.mustache"
                try site.write("{{#unclosed}}\n", to: template)
                let error = try await events.wait(for: "error", before: .now + .seconds(10))
                #expect(error?.data.contains(template) == true)
                let served = try await fetch("/", port: server.port)
                #expect(served.status == 200)
                #expect(served.body == good.body)
            }
        }

        @Test func aFirstBuildThatFailsShowsItsErrorUntilABuildSucceeds() async throws {
            let site = try PreviewTestSite()
            defer { site.remove() }
            try site.write("title: [not closed\n", to: "sitegen.yml")
            try await withPreviewServer(site) { server in
                #expect(server.server.servedFolder == nil)
                let page = try await fetch("/", port: server.port)
                #expect(page.status == 503)
                #expect(page.text.contains("sitegen.yml"))
                #expect(page.text.contains("/__sitegen/events"))
                let events = try await EventStreamClient.connect(port: server.port)
                #expect(try await events.next(before: .now + .seconds(10))?.name == "hello")
                #expect(try await events.next(before: .now + .seconds(10))?.name == "error")

                try site.write("title: Fixed\n", to: "sitegen.yml")
                #expect(try await events.wait(for: "reload", before: .now + .seconds(10)) != nil)
                let fixed = try await fetch("/", port: server.port)
                #expect(fixed.status == 200)
                #expect(fixed.text.contains("Fixed"))
            }
        }

        @Test func stopEndsEventStreamsAndFreesThePort() async throws {
            let site = try PreviewTestSite()
            defer { site.remove() }
            var port = 0
            var previewFolder: URL?
            let outcome = try await withPreviewServer(site) { server in
                port = server.port
                previewFolder = server.server.servedFolder?.deletingLastPathComponent()
                let events = try await EventStreamClient.connect(port: server.port)
                _ = try await events.next(before: .now + .seconds(10))
                let ended = Task { try await events.next(before: .now + .seconds(30)) }
                await server.server.stop()
                #expect(try await ended.value == nil, "the event stream ends when the server stops")
            }
            #expect(throws: Never.self) { try outcome.get() }
            await #expect(throws: SocketError.self) { _ = try await Connection.open(port: port) }
            let folder = try #require(previewFolder)
            #expect(!FileManager.default.fileExists(atPath: folder.path), "the preview folder is removed")
        }

        @Test func aBusyPortIsAOneLineError() async throws {
            let site = try PreviewTestSite()
            defer { site.remove() }
            try await withPreviewServer(site) { first in
                let second = PreviewServer(.init(siteRoot: site.root, port: first.port, previewParent: site.sandbox))
                await #expect(throws: PreviewServerError.portInUse(host: "127.0.0.1", port: first.port)) {
                    try await second.run()
                }
                let message = PreviewServerError.portInUse(host: "127.0.0.1", port: first.port).description
                #expect(!message.contains("\n"))
                #expect(message.contains("\(first.port)") && message.contains("in use"))
            }
        }

        @Test func aHostNameThatDoesNotResolveIsAOneLineError() async throws {
            let site = try PreviewTestSite()
            defer { site.remove() }
            let server = PreviewServer(.init(siteRoot: site.root, host: "no such host!", port: 0, previewParent: site.sandbox))
            do throws(PreviewServerError) {
                try await server.run()
                Issue.record("a server on an unresolvable host ran")
            } catch {
                guard case .cannotListen(let host, _, let reason) = error else {
                    Issue.record("expected cannotListen, got \(error)")
                    return
                }
                #expect(host == "no such host!")
                #expect(reason.contains("no address has that name"))
                #expect(!error.description.contains("SocketAddressError"))
            }
        }

        @Test func aMissingSiteFolderIsAnError() async throws {
            let server = PreviewServer(.init(siteRoot: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)"), port: 0))
            await #expect(throws: PreviewServerError.self) { try await server.run() }
        }
    }
}
