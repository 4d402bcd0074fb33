import Foundation
import Testing
@testable import SiteBuilder

/// The transcript store's entries: a damaged one is never used, and superseded event scans do not pile up.
@Suite("Cache entries")
struct CacheEntryTests {
    /// The store folder of the site's cache generation.
    static func storeFolder(_ site: TestSite) throws -> URL {
        let cache = BuildOptions.defaultCacheDirectory(siteRoot: site.root)
        let generations = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter(BuildCache.isGeneration)
        try #require(generations.count == 1)
        return cache.appendingPathComponent(generations[0]).appendingPathComponent("transcripts")
    }

    /// Replaces `old` with `new` (same length) in every store entry whose name ends with `suffix`; returns how many changed.
    static func damage(_ folder: URL, suffix: (String) -> Bool, replacing old: String, with new: String) throws -> Int {
        var changed = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where suffix(name) {
            let url = folder.appendingPathComponent(name)
            var bytes = try Data(contentsOf: url)
            guard let range = bytes.range(of: Data(old.utf8)) else { continue }
            bytes.replaceSubrange(range, with: Data(new.utf8))
            try bytes.write(to: url)
            changed += 1
        }
        return changed
    }

    @Test func aSameLengthEditOfAStoredTranscriptOrAnEventScanIsIgnored() async throws {
        let site = try TestSite(files: IncrementalBuildTests.corpus(), config: "title: First Title\n", includeReference: true)
        defer { site.remove() }
        try await site.build()
        let folder = try Self.storeFolder(site)
        #expect(try Self.damage(folder, suffix: { $0.hasSuffix(".bin") }, replacing: "broadband stimulus", with: "broadband STIMULUS") == 1)
        #expect(try Self.damage(folder, suffix: { $0.contains(".scan-") }, replacing: "TelcoTV", with: "TelcoXX") == 1)
        try site.write("title: Second Title\n", to: "sitegen.yml")
        let update = try await site.build()
        #expect(update.incremental)
        // The damaged transcript was parsed again, and the report says so.
        #expect(update.transcriptsParsed == 1)
        #expect(update.warnings.map(\.description).contains(
            "Content/calx-q3-2012.txt: warning: its entry in the build cache was missing or damaged; the file was parsed again"), "\(update.warnings)")
        let after = snapshot(site.output)
        #expect(after == (try await IncrementalBuildTests.fullBuild(site)))
        let page = try site.page("companies/calx/2012-q3/index.html")
        #expect(page.contains("broadband stimulus") && !page.contains("STIMULUS"))
        #expect(page.contains("href=\"../../../events/telcotv-2012/\">TelcoTV</a>"))
        #expect(!page.contains("telcoxx"))
        // The damaged entries were made again: the next rebuild reads intact ones.
        #expect(try Self.damage(folder, suffix: { $0.hasSuffix(".bin") }, replacing: "broadband STIMULUS", with: "broadband stimulus") == 0)
    }

    @Test func aDamagedEntryIsAMissAndAnIntactOneReadsBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try TranscriptStore(folder: folder, siteRoot: folder)
        let digest = ContentDigest(high: 1, low: 2)
        let payload = Array("mentions TelcoTV".utf8)
        try store.write(payload, digest: digest, kind: "scan-0123456789abcdef")
        #expect(store.read(digest, kind: "scan-0123456789abcdef") == payload)
        let url = folder.appendingPathComponent(digest.description + ".scan-0123456789abcdef")
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count - 1] ^= 0x01
        try bytes.write(to: url)
        #expect(store.read(digest, kind: "scan-0123456789abcdef") == nil)
        try Data(bytes.prefix(10)).write(to: url)
        #expect(store.read(digest, kind: "scan-0123456789abcdef") == nil)
    }

    @Test func editingTheCompaniesTableLeavesOneEventScanPerCall() async throws {
        let site = try TestSite(files: IncrementalBuildTests.corpus(), includeReference: true)
        defer { site.remove() }
        func scans() throws -> [String: Int] {
            let names = try FileManager.default.contentsOfDirectory(atPath: try Self.storeFolder(site).path)
            return Dictionary(grouping: names.filter { $0.contains(".scan-") }, by: { String($0.prefix(32)) }).mapValues(\.count)
        }
        let calls = 7
        for alias in 1...4 {
            try site.write("companies:\n  - name: Calix, Inc.\n    ticker: CALX\n    aliases: [Calix, Calix Alias \(alias)]\n", to: "sitegen.yml")
            try await site.build()
            let perCall = try scans()
            #expect(perCall.count == calls, "build \(alias)")
            #expect(perCall.values.allSatisfy { $0 == 1 }, "build \(alias): \(perCall)")
        }
        // A build whose scans are all reused keeps them.
        try site.write("title: Other\ncompanies:\n  - name: Calix, Inc.\n    ticker: CALX\n    aliases: [Calix, Calix Alias 4]\n", to: "sitegen.yml")
        let before = try scans()
        try await site.build()
        #expect(try scans() == before)
        #expect(snapshot(site.output) == (try await IncrementalBuildTests.fullBuild(site)))
    }
}
