import Foundation
import SiteBuilder
import Testing
@testable import PreviewServer

@Suite("Preview server: parts")
struct PartTests {
    @Test func safePathsAreDecoded() throws {
        #expect(try RequestPath.validate("/").get() == "/")
        #expect(try RequestPath.validate("/companies/calx/2012-q3/").get() == "/companies/calx/2012-q3/")
        #expect(try RequestPath.validate("/files/a%20b.pdf").get() == "/files/a b.pdf")
        #expect(try RequestPath.validate("/caf%C3%A9/").get() == "/café/")
        #expect(try RequestPath.validate("/a..b.html").get() == "/a..b.html")
    }

    @Test func unsafePathsAreRefused() {
        let unsafe = ["", "index.html", "/..", "/../x", "/a/../b", "/%2e%2e/x", "/%2E%2e/x", "/.%2E/x", "/./x", "/a/.",
                      "/a%2fb", "/a%2Fb", "/a%5cb", "/a\\b", "/a%00b", "/a%0ab", "/a%7f", "//x", "/a//b", "/%zz", "/%c0%ae%c0%ae/"]
        for path in unsafe {
            #expect(throws: RequestPath.Rejection.self, "\(path)") { try RequestPath.validate(path).get() }
        }
    }

    @Test func loopbackHosts() {
        for host in ["127.0.0.1", "127.4.5.6", "localhost", "LOCALHOST", "::1", "[::1]", "::ffff:127.0.0.1"] {
            #expect(PreviewServer.isLoopback(host), "\(host)")
        }
        for host in ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.org", "128.0.0.1"] {
            #expect(!PreviewServer.isLoopback(host), "\(host)")
        }
    }

    @Test func rangesAreResolvedAgainstTheFileSize() {
        let size = 91
        let cases: [(String, ByteRange)] = [
            ("bytes=0-4", .bytes(0...4)), ("bytes=86-", .bytes(86...90)), ("bytes=-5", .bytes(86...90)),
            ("bytes=-200", .bytes(0...90)), ("bytes=80-500", .bytes(80...90)), ("bytes=90-90", .bytes(90...90)),
            ("Bytes = 2-3", .bytes(2...3)), ("bytes=0-99999999999999999999999", .bytes(0...90)),
            ("bytes=91-", .unsatisfiable), ("bytes=500-600", .unsatisfiable), ("bytes=-0", .unsatisfiable),
            ("bytes=99999999999999999999999-", .unsatisfiable),
            ("bytes=5-2", .whole), ("bytes=0-1,3-4", .whole), ("items=0-4", .whole), ("bytes=", .whole), ("bytes=-", .whole),
            ("bytes=a-b", .whole), ("bytes=1", .whole), ("bytes=+1-2", .whole), ("0-4", .whole),
        ]
        for (header, expected) in cases {
            #expect(ByteRange.resolve(header, size: size) == expected, "\(header)")
        }
        #expect(ByteRange.resolve("bytes=0-", size: 0) == .unsatisfiable)
        #expect(ByteRange.resolve("bytes=-5", size: 0) == .unsatisfiable)
    }

    @Test func aLoopbackServerAnswersOnlyNamesOfThisMachine() {
        let loopback = HostCheck(allowsAnyHost: false)
        for authority in ["127.0.0.1:8000", "127.0.0.1", "localhost:8000", "LocalHost", "localhost.:8000", "app.localhost:8000",
                          "[::1]:8000", "[::1]", "127.9.9.9:1"] {
            #expect(loopback.allows(authority), "\(authority)")
        }
        #expect(loopback.allows(nil), "an HTTP/1.0 request without Host")
        for authority in ["attacker.example", "attacker.example:8000", "127.0.0.1.nip.io:8000", "localhost.attacker.example",
                          "192.168.1.10:8000", "[::2]:8000", "[fe80::1]", "", ":8000", "0.0.0.0:8000"] {
            #expect(!loopback.allows(authority), "\(authority)")
        }
        #expect(HostCheck(allowsAnyHost: true).allows("mybox.local:8000"))
        #expect(HostCheck.hostName(of: "[::1]:8000") == "::1")
        #expect(HostCheck.hostName(of: "::1") == "::1")
        #expect(HostCheck.hostName(of: "example.org:80") == "example.org")
    }

    @Test func eventsAreFramedForEventSource() {
        #expect(ServerSentEvent(name: "reload", data: "a-3").wireFormat == "event: reload\ndata: a-3\n\n")
        #expect(ServerSentEvent(name: "error", data: "one\r\ntwo\rthree\n").wireFormat == "event: error\ndata: one\ndata: two\ndata: three\ndata: \n\n")
    }

    @Test func aBurstOfChangesIsDebouncedIntoOneRebuild() {
        let start = ContinuousClock.now
        func at(_ milliseconds: Int) -> ContinuousClock.Instant { start + .milliseconds(milliseconds) }
        func stamps(_ files: [String: Int]) -> SourceFingerprint {
            SourceFingerprint(files: files.mapValues { SourceFingerprint.Stamp(size: $0, modified: 1) })
        }
        var debouncer = ChangeDebouncer(initial: stamps(["Content/a.txt": 1]), quietPeriod: .milliseconds(200), maximumDelay: .seconds(2))
        #expect(debouncer.observe(stamps(["Content/a.txt": 1]), at: at(0)) == .idle)
        #expect(debouncer.observe(stamps(["Content/a.txt": 2]), at: at(250)) == .waiting)
        #expect(debouncer.observe(stamps(["Content/a.txt": 2, "Content/b.txt": 1]), at: at(350)) == .waiting)
        #expect(debouncer.observe(stamps(["Content/a.txt": 3, "Content/b.txt": 1]), at: at(450)) == .waiting)
        #expect(debouncer.observe(stamps(["Content/a.txt": 3, "Content/b.txt": 1]), at: at(550)) == .waiting)
        #expect(debouncer.observe(stamps(["Content/a.txt": 3, "Content/b.txt": 1]), at: at(650)) == .rebuild(changed: ["Content/a.txt", "Content/b.txt"]))
        #expect(debouncer.observe(stamps(["Content/a.txt": 3, "Content/b.txt": 1]), at: at(900)) == .idle)
    }

    @Test func aChangeThatNeverSettlesIsBuiltAfterTheMaximumDelay() {
        let start = ContinuousClock.now
        var debouncer = ChangeDebouncer(initial: SourceFingerprint(files: [:]), quietPeriod: .milliseconds(200), maximumDelay: .seconds(1))
        var decisions: [ChangeDebouncer.Decision] = []
        for step in 1...12 {
            let print = SourceFingerprint(files: ["Content/log.txt": .init(size: step, modified: 1)])
            decisions.append(debouncer.observe(print, at: start + .milliseconds(100 * step)))
        }
        #expect(decisions.filter { $0 != .waiting && $0 != .idle }.count == 1)
    }

    @Test func anUndoneChangeNeedsNoRebuild() {
        let start = ContinuousClock.now
        let original = SourceFingerprint(files: ["sitegen.yml": .init(size: 10, modified: 1)])
        var debouncer = ChangeDebouncer(initial: original, quietPeriod: .milliseconds(200), maximumDelay: .seconds(2))
        #expect(debouncer.observe(SourceFingerprint(files: ["sitegen.yml": .init(size: 11, modified: 2)]), at: start) == .waiting)
        #expect(debouncer.observe(original, at: start + .milliseconds(100)) == .waiting)
        #expect(debouncer.observe(original, at: start + .milliseconds(300)) == .idle)
    }

    @Test func theFingerprintSeesAddedChangedAndRemovedInputsButNotHiddenFiles() throws {
        let site = try PreviewTestSite()
        defer { site.remove() }
        let options = BuildOptions(siteRoot: site.root)
        let first = SourceFingerprint.scan(options)
        #expect(first.files["Content/calx-q3-2012.txt"] != nil)
        #expect(first.files["Themes/default/templates/base.mustache"] != nil)
        #expect(first.files["sitegen.yml"] == nil)

        try site.write(".swap", to: "Content/.calx-q3-2012.txt.swp")
        #expect(SourceFingerprint.scan(options) == first)

        try site.write("title: T\n", to: "sitegen.yml")
        try site.write("more", to: "Content/calx-q3-2012.txt")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Themes/default/assets/favicon.svg"))
        try site.write("new", to: "Content/files/new.pdf")
        let second = SourceFingerprint.scan(options)
        #expect(second.changedPaths(since: first) == ["Content/calx-q3-2012.txt", "Content/files/new.pdf", "Themes/default/assets/favicon.svg", "sitegen.yml"])
    }

    @Test func theReloadScriptIsOnlyInServeBuilds() throws {
        #expect(BuildOptions(siteRoot: URL(fileURLWithPath: "/tmp")).headExtra == nil)
        #expect(ReloadScript.html.contains("new EventSource(\"/__sitegen/events\")"))
        #expect(ReloadScript.placeholderPage(failure: "a <b> & c").contains("a &lt;b&gt; &amp; c"))
    }
}
