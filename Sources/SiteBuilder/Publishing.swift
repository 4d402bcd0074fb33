import Foundation
import TranscriptKit

/// The build step "feeds & data": what makes a built site publish-ready besides its pages.
///
/// Runs after the pages and copied files are in the staging folder and before it is published: writes the Atom
/// feeds (`feed.xml`, `companies/<slug>/feed.xml`), the JSON exports under `data/`, `sitemap.xml` (only with a
/// base URL) and `robots.txt`. A file copied from `Content/` at one of these paths is replaced, with a warning.
enum Publishing {
    /// What the step wrote.
    struct Outcome {
        /// Atom feeds written.
        var feeds = 0
        /// JSON files written under `data/`.
        var dataFiles = 0
        /// URLs in the sitemap; nil when no sitemap was written.
        var sitemapURLs: Int?
        /// Content files replaced by generated ones.
        var warnings: [Diagnostic] = []
    }

    /// Writes the step's files into `tree`; `sitemapLimit` is the most URLs one sitemap file holds.
    /// A company feed none of whose calls changed since the last build (`dependencies`) is kept without being made.
    static func write(contexts: PageContexts, tree: OutputTree, parallelism: Int, sitemapLimit: Int = Sitemap.maximumURLs,
                      dependencies: PageDependencies, log: @Sendable (Diagnostic) -> Void) async throws -> Outcome {
        var outcome = Outcome()
        let index = contexts.index
        let config = contexts.config

        func put(_ data: Data, at path: OutputPath) throws {
            if tree.contains(path) {
                let warning = Diagnostic(.warning, file: "Content/\(path)", "replaced by the generated \(path)")
                log(warning)
                outcome.warnings.append(warning)
            }
            do { try tree.write(data, to: path) } catch {
                throw Diagnostic(.error, file: path.description, "cannot write: \(error.localizedDescription)")
            }
        }

        let plan = contexts.feeds
        if plan.hasSiteFeed {
            let feed = AtomFeed.render(path: FeedPlan.sitePath, title: config.title, subtitle: config.description,
                                       alternate: "", calls: plan.siteCalls, contexts: contexts)
            try put(Data(feed.utf8), at: FeedPlan.sitePath)
            outcome.feeds += 1
        }
        for (position, company) in index.companies.enumerated() {
            guard let calls = plan.companyCalls[position] else { continue }
            let path = FeedPlan.companyPath(company)
            if tree.contains(path) {
                let warning = Diagnostic(.warning, file: "Content/\(path)", "replaced by the generated \(path)")
                log(warning)
                outcome.warnings.append(warning)
            }
            let key = dependencies.companyFeed(position, calls: calls, contexts: contexts)
            do {
                try tree.write(key: key, to: path) {
                    AtomFeed.render(path: path, title: "\(company.name) calls · \(config.title)", subtitle: nil,
                                    alternate: company.url, calls: calls, contexts: contexts)
                }
            } catch {
                throw Diagnostic(.error, file: path.description, "cannot write: \(error.localizedDescription)")
            }
            outcome.feeds += 1
        }

        let replaced = try await concurrentMap(Array(index.calls.indices), width: parallelism) { position, _ -> Diagnostic? in
            let path = DataExport.path(of: index.calls[position], in: index)
            let existed = tree.contains(path)
            var hasher = DigestHasher()
            hasher.combine("data")
            hasher.combine(index.calls[position].digest.description)
            do {
                try tree.write(key: hasher.finalize(), to: path) {
                    String(decoding: try DataExport.transcriptJSON(try contexts.transcript(of: position)), as: UTF8.self)
                }
            } catch let diagnostic as Diagnostic {
                throw diagnostic
            } catch {
                throw Diagnostic(.error, file: path.description, "cannot write: \(error.localizedDescription)")
            }
            return existed ? Diagnostic(.warning, file: "Content/\(path)", "replaced by the generated \(path)") : nil
        }
        for warning in replaced.compactMap({ $0 }) {
            log(warning)
            outcome.warnings.append(warning)
        }
        // transcripts.json changes only when a record does (not when a call's text does): its key digests the records.
        // The records are digested in groups on every core, then in order.
        let groupSize = 512
        let groups = try await concurrentMap(Array(stride(from: 0, to: index.calls.count, by: groupSize)), width: parallelism) { _, start in
            (start..<min(start + groupSize, index.calls.count)).map { position in
                DataExport.CallRecord(index: index, call: position, baseURL: config.baseURL).digest()
            }
        }
        var indexKey = DigestHasher()
        indexKey.combine(DataExport.indexPath.description)
        for digest in groups.joined() { indexKey.combine(digest) }
        if tree.contains(DataExport.indexPath) {
            let warning = Diagnostic(.warning, file: "Content/\(DataExport.indexPath)", "replaced by the generated \(DataExport.indexPath)")
            log(warning)
            outcome.warnings.append(warning)
        }
        if !tree.keep(DataExport.indexPath, key: indexKey.finalize()) {
            let data = try await DataExport.indexJSON(index, baseURL: config.baseURL, parallelism: parallelism)
            try tree.write(key: indexKey.finalize(), to: DataExport.indexPath) { String(decoding: data, as: UTF8.self) }
        }
        outcome.dataFiles = replaced.count + 1

        if let base = config.baseURL {
            let urls = Sitemap.pageURLs(paths: tree.keys.keys)
            for document in Sitemap.documents(urls: urls, base: base, limit: sitemapLimit) {
                try put(Data(document.text.utf8), at: document.path)
            }
            outcome.sitemapURLs = urls.count
        }
        try put(Data(Sitemap.robots(base: config.baseURL).utf8), at: OutputPath("robots.txt")!)
        return outcome
    }
}
