import Cmark
import EventKit
import Foundation
import TranscriptKit
import TranscriptMarkdown
import Yams

/// What to build and how.
public struct BuildOptions: Sendable {
    /// The site folder holding `sitegen.yml`, `Content/` and `Themes/`.
    public var siteRoot: URL
    /// Where the site is written; replaced as a whole only when the build succeeds.
    public var output: URL
    /// Overrides `baseURL` from the config.
    public var baseURL: String?
    /// Fail (exit 1, nothing published) when any input had an error, instead of skipping it.
    public var strict: Bool
    /// HTML added to every page's head (the preview server's reload script); nil for `sitegen build`.
    public var headExtra: String?
    /// Test hook: stop with an error after writing this many pages, to prove a failed build publishes nothing.
    public var failAfterPages: Int?
    /// How many tasks parse and render at once.
    public var parallelism: Int
    /// The build cache folder (see `BuildCache`); nil builds without one, from scratch, keeping nothing.
    public var cacheDirectory: URL?
    /// Whether the build frees its index, events, page contexts and cache records before it returns. `sitegen build`,
    /// whose process ends right after, sets false and leaves that memory to the operating system: freeing a large
    /// archive's hundreds of thousands of small objects one by one takes a fifth of a second at 10,000 calls.
    /// `sitegen serve`, which builds again and again in one process, and library users keep the default.
    public var freesMemory = true
    /// `/events/` lists every event itself when the calendar has at most this many; above, only its years and months
    /// (each year's events are on `/events/<year>/` either way). A setting for tests; builds keep the default.
    public var calendarInlineLimit = EventCalendar.inlineLimit

    /// Options for the site in `siteRoot`, writing to `siteRoot/Public`, with the cache in `siteRoot/.sitegen-cache`.
    public init(siteRoot: URL, output: URL? = nil, baseURL: String? = nil, strict: Bool = false,
                headExtra: String? = nil, failAfterPages: Int? = nil, parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
                useCache: Bool = true) {
        self.siteRoot = siteRoot.standardizedFileURL
        self.output = (output ?? siteRoot.appendingPathComponent("Public", isDirectory: true)).standardizedFileURL
        self.baseURL = baseURL
        self.strict = strict
        self.headExtra = headExtra
        self.failAfterPages = failAfterPages
        self.parallelism = max(1, parallelism)
        cacheDirectory = useCache ? Self.defaultCacheDirectory(siteRoot: self.siteRoot) : nil
    }

    /// `.sitegen-cache/` in the site folder.
    public static func defaultCacheDirectory(siteRoot: URL) -> URL {
        siteRoot.appendingPathComponent(".sitegen-cache", isDirectory: true)
    }

    /// `Content/` under the site root.
    public var content: URL { siteRoot.appendingPathComponent("Content", isDirectory: true) }
    /// `Themes/` under the site root.
    public var themes: URL { siteRoot.appendingPathComponent("Themes", isDirectory: true) }
    /// `sitegen.yml` under the site root.
    public var configFile: URL { siteRoot.appendingPathComponent("sitegen.yml") }
}

/// What a build did: pages by kind, files copied, inputs skipped and why, warnings.
public struct BuildReport: Sendable, Codable {
    /// Pages written, by kind.
    public var pages: [PageKind: Int] = [:]
    /// Transcripts published.
    public var transcripts = 0
    /// Transcripts this build parsed (the others were unchanged since a build recorded them in the cache).
    public var transcriptsParsed = 0
    /// Files copied through from `Content/` and the theme.
    public var copiedFiles = 0
    /// Inputs left out, each with the error that excluded it.
    public var skipped: [Diagnostic] = []
    /// Problems that did not stop a file from being published.
    public var warnings: [Diagnostic] = []
    /// Whether the output folder was replaced or updated.
    public var published = false
    /// True when nothing had changed since the last build, so the output was left as it was (the figures are that build's).
    public var upToDate = false
    /// True when the build updated the output in place from the cache's record of the last build (not a full rewrite).
    public var incremental = false
    /// Output files written by this build (all of them in a full build; the changed ones in an incremental one).
    public var filesWritten = 0
    /// Output files an incremental build left as they were, because nothing they show had changed.
    public var filesKept = 0
    /// Pages of `filesKept` that were not even built, because nothing they are made from had changed (see
    /// `PageDependencies`); the other kept files were made again and found identical.
    public var pagesNotBuilt = 0
    /// Atom feeds written by the "feeds & data" step (the site's and one per company with dated calls).
    public var feeds = 0
    /// JSON files written under `data/` by the "feeds & data" step (`transcripts.json` and one per call).
    public var dataFiles = 0
    /// URLs listed in `sitemap.xml`; nil when no sitemap was written (the site has no base URL).
    public var sitemapURLs: Int?
    /// The search index written by the "search" step; nil when the theme has no search page.
    public var search: SearchIndexSummary?

    /// Seconds spent in each step, in order (not part of the output; `sitegen build --timings` prints them).
    public var timings: [StepTiming] = []

    /// Total pages written.
    public var pageCount: Int { pages.values.reduce(0, +) }

    /// One line per step: "  transcripts   1.234 s".
    public var timingLines: [String] {
        let total = timings.reduce(0) { $0 + $1.seconds }
        return timings.map { "  \($0.step.padding(toLength: 22, withPad: " ", startingAt: 0)) \(String(format: "%8.3f s", $0.seconds))" }
            + ["  \("total".padding(toLength: 22, withPad: " ", startingAt: 0)) \(String(format: "%8.3f s", total))"]
    }

    /// The closing summary printed by `sitegen build`.
    public func summary(output: String, warningsListed: Bool) -> String {
        var lines: [String] = []
        let kinds = PageKind.allCases.compactMap { kind in pages[kind].map { "\($0) \(kind.rawValue)" } }
        let verb = published ? "built" : "did not publish"
        let counts = "\(transcripts) transcript\(transcripts == 1 ? "" : "s")"
        if upToDate {
            lines.append("sitegen: nothing changed since the last build; \(output) is up to date (\(counts): \(pageCount) pages (\(kinds.joined(separator: ", "))), \(copiedFiles) files copied)")
        } else {
            lines.append("sitegen: \(verb) \(counts) into \(output): \(pageCount) pages (\(kinds.joined(separator: ", "))), \(copiedFiles) files copied")
        }
        if dataFiles > 0 {
            let sitemap = sitemapURLs.map { "sitemap.xml (\($0) URLs)" } ?? "no sitemap.xml (no base URL: set baseURL or pass --base-url)"
            lines.append("feeds & data: \(feeds) Atom feed\(feeds == 1 ? "" : "s"), \(dataFiles) JSON file\(dataFiles == 1 ? "" : "s") in data/, \(sitemap), robots.txt")
        }
        if let search { lines.append(search.line) }
        if incremental && !upToDate {
            lines.append("incremental: \(transcriptsParsed) transcript\(transcriptsParsed == 1 ? "" : "s") parsed, "
                + "\(filesWritten) file\(filesWritten == 1 ? "" : "s") written, \(filesKept) unchanged and kept "
                + "(\(pagesNotBuilt) page\(pagesNotBuilt == 1 ? "" : "s") not even built: nothing they are made from changed)")
        }
        if !skipped.isEmpty {
            lines.append("skipped \(skipped.count) input\(skipped.count == 1 ? "" : "s"):")
            lines += skipped.map { "  \($0)" }
        }
        if !warnings.isEmpty {
            let plural = warnings.count == 1 ? "" : "s"
            lines.append("\(warnings.count) warning\(plural)" + (warningsListed ? " (listed above)" : " (run with --verbose to list them)"))
        }
        return lines.joined(separator: "\n")
    }
}

/// How long one build step took.
public struct StepTiming: Sendable, Codable {
    /// The step's name.
    public var step: String
    /// Wall-clock seconds.
    public var seconds: Double
}

/// Times the build's steps one after another.
struct StepClock {
    private var start = DispatchTime.now().uptimeNanoseconds

    /// Ends the current step under `step` and starts the next.
    mutating func lap(_ step: String) -> StepTiming {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { start = now }
        return StepTiming(step: step, seconds: Double(now - start) / 1e9)
    }
}

/// A build that stopped: the step it stopped in and why. `Public/` is left as it was.
public struct BuildFailure: Error, CustomStringConvertible {
    /// The named step ("config", "theme", "pages", …).
    public var step: String
    /// What went wrong.
    public var diagnostics: [Diagnostic]
    /// What had been done when it stopped.
    public var report: BuildReport
    /// Whether the output folder may hold part of this build: an incremental build that failed while moving its files in.
    /// Every other failure leaves the output as it was.
    public var outputPartlyUpdated = false

    public var description: String {
        diagnostics.map { "\(step): \($0)" }.joined(separator: "\n")
    }
}

/// Builds a site: config → theme → content → transcripts → index → events → pages → files → event pages → feeds & data →
/// publish, with search running beside pages, files and event pages.
public enum SiteBuilder {
    /// Runs the whole build; `log` receives warnings and errors as they are found.
    public static func build(_ options: BuildOptions, log: @Sendable (Diagnostic) -> Void = { _ in }) async throws(BuildFailure) -> BuildReport {
        var report = BuildReport()
        var clock = StepClock()
        func fail(_ step: String, _ diagnostics: [Diagnostic]) -> BuildFailure {
            BuildFailure(step: step, diagnostics: diagnostics, report: report)
        }

        if let problem = checkOutputLocation(options) { throw fail("config", [problem]) }
        let lock: BuildLock
        do { lock = try BuildLock.acquire(for: options.output) } catch { throw fail("output", [error]) }
        defer { withExtendedLifetime(lock) {} }
        if let warning = lock.warning {
            log(warning)
            report.warnings.append(warning)
        } else {
            OutputTree.removeLeftovers(of: options.output)
        }

        // The inputs' stamps are taken on one core while the other reads the cache's records.
        async let scannedInputs = SourceFingerprint.scan(options)
        let cache: BuildCache
        do { cache = try BuildCache.open(root: options.cacheDirectory, siteRoot: options.siteRoot, output: options.output) } catch {
            throw fail("cache", [Diagnostic(.error, file: options.cacheDirectory?.path, "cannot open the build cache: \(error.localizedDescription)")])
        }
        defer { cache.close() }
        let fingerprint = await scannedInputs
        let inputs = BuildCache.inputsDigest(fingerprint, options)
        if var earlier = cache.unchangedBuild(inputs: inputs, output: options.output) {
            earlier.timings = [clock.lap("check (nothing changed)")]
            if !options.freesMemory { UnfreedMemory.keep(cache, fingerprint) }
            earlier.skipped.forEach(log)
            earlier.warnings.forEach(log)
            return earlier
        }

        // The output folder's stamps, to update it in place, are taken while the transcripts, the index and the events are made.
        async let previousOutputs = cache.reusableOutputs(in: options.output)

        var config: SiteConfig
        do { config = try SiteConfig.load(from: options.configFile) } catch { throw fail("config", [error]) }
        if let base = options.baseURL {
            do { config.baseURL = try SiteConfig.parse("baseURL: '\(base.replacingOccurrences(of: "'", with: "''"))'", path: "--base-url").baseURL } catch {
                var error = error
                error.line = nil
                throw fail("config", [error])
            }
        }

        let theme: Theme
        do { theme = try Theme.load(themesDirectory: options.themes, name: config.theme) } catch { throw fail("theme", [error]) }
        for warning in theme.warnings {
            log(warning)
            report.warnings.append(warning)
        }

        guard FileManager.default.fileExists(atPath: options.content.path) else {
            throw fail("content", [Diagnostic(.error, file: "Content", "the content folder does not exist; expected transcripts under \(options.content.path)")])
        }
        let items = ContentScanner.scan(options.content, displayPrefix: ContentLinks.contentPrefix) { warning in
            log(warning)
            report.warnings.append(warning)
        }

        let sources = items.compactMap { item -> (URL, String)? in
            if case .transcript(let url, let display) = item { return (url, display) }
            return nil
        }
        report.timings.append(clock.lap("config, theme, content"))
        let parsed: [Result<TranscriptsStep.Read, TranscriptReadError>]
        do {
            parsed = try await TranscriptsStep.read(sources, cache: cache, fingerprint: fingerprint, parallelism: options.parallelism)
        } catch {
            throw fail("transcripts", [Diagnostic(.error, "\(error)")])
        }
        var records: [CallRecord] = []
        var unchangedRecords: [String: CacheManifest.Source] = [:]
        for result in parsed {
            switch result {
            case .success(let read):
                let record = read.record
                let warnings = record.outline.warnings.map { CarriedWarnings.reported($0, readFrom: record.source) }
                warnings.forEach(log)
                report.warnings += warnings
                records.append(record)
                if let earlier = read.earlier { unchangedRecords[record.source] = earlier } else { report.transcriptsParsed += 1 }
            case .failure(let error):
                let warnings = error.warnings.map { CarriedWarnings.reported($0, readFrom: error.diagnostic.file ?? "") }
                warnings.forEach(log)
                log(error.diagnostic)
                report.warnings += warnings
                report.skipped.append(error.diagnostic)
            }
        }
        if options.strict && !report.skipped.isEmpty {
            throw fail("transcripts", report.skipped)
        }

        report.timings.append(clock.lap("transcripts"))
        var index = SiteIndex(records: records, config: config)
        // Copies of a call (a re-download, a second folder, a copy saved with Windows line ends) would be published
        // twice or more: each is left out, with a warning naming the file it copies, and the index is made again without them.
        let copies = SiteIndex.copies(index.urlCollisions, siteRoot: options.siteRoot)
        if !copies.isEmpty {
            for (copy, (original, sameBytes)) in copies.sorted(by: { $0.key < $1.key }) {
                let same = sameBytes ? "the same bytes as \(original)" : "the same text as \(original) (only line ends or a byte-order mark differ)"
                let warning = Diagnostic(.warning, file: copy, "\(same); the call is published once, from that file")
                log(warning)
                report.warnings.append(warning)
            }
            index = SiteIndex(records: records.filter { copies[$0.source] == nil }, config: config)
        }
        let store = cache.store
        report.transcripts = index.calls.count
        for warning in index.collisionWarnings + index.companyWarnings + index.unmatchedPeopleEntries(config.people) {
            log(warning)
            report.warnings.append(warning)
        }

        report.timings.append(clock.lap("index"))
        // Step "events" (Events.swift): Content/events.yml, then events extracted from every call once, and cross-links.
        var curation = EventCuration()
        do { curation = try EventsStep.curation(options) } catch {
            if options.strict { throw fail("events", [error]) }
            log(error)
            report.skipped.append(error)
        }
        let events: SiteEvents
        do {
            events = try await SiteEvents.build(index: index, curation: curation, parallelism: options.parallelism, store: store)
        } catch {
            throw fail("events", [Diagnostic(.error, "\(error)")])
        }
        report.timings.append(clock.lap("events"))
        let contexts = PageContexts(index: index, config: config, events: events, store: store,
                                    calendarInlineLimit: options.calendarInlineLimit)

        let tree: OutputTree
        let previous = await previousOutputs
        do { tree = try OutputTree(destination: options.output, previous: previous) } catch {
            throw fail("output", [Diagnostic(.error, file: options.output.path, "cannot create the staging folder: \(error.localizedDescription)")])
        }
        do {
            // Step "search" (Search/SearchStep.swift): the paragraph index under search/ and the search page. It needs
            // no page and no page needs it, so it runs beside the pages and event pages: while a core indexes, only one
            // renders templates, and two rendering threads slow each other down (see docs/BENCHMARK.md).
            async let searched = SearchStep.outcome(contexts: contexts, theme: theme, tree: tree, headExtra: options.headExtra,
                                                    parallelism: options.parallelism, cacheFolder: cache.isPersistent ? cache.folder : nil,
                                                    output: options.output, log: log)
            var specs: [PageSpec] = [.home, .companies, .quarters, .speakers, .notFound]
            specs += index.calls.indices.map(PageSpec.transcript)
            specs += index.companies.indices.map(PageSpec.company)
            specs += index.quarters.indices.map(PageSpec.quarter)
            specs += index.people.indices.map(PageSpec.speaker)
            var reserved = Set<String>()
            // Pages whose names slug alike ("a b.md", "A-B.md") would be written to one path: the first in path order wins.
            var pageFiles: [String: String] = [:]
            let links = ContentLinks(items, calls: index.calls, copies: copies.mapValues(\.original))
            for item in items {
                guard case .page(let url, let display, let relative) = item else { continue }
                let page: PageSpec
                do {
                    let read = try MarkdownPage.read(url: url, display: display, relative: relative, links: links)
                    page = read.page
                    read.warnings.forEach(log)
                    report.warnings += read.warnings
                } catch {
                    log(error)
                    report.skipped.append(error)
                    continue
                }
                if case .markdown(let path, _, _) = page {
                    if let first = pageFiles[path.description] {
                        let error = Diagnostic(.error, file: display, "the page would be published at /\(path.description.dropLast("index.html".count)), as \(first) is; rename one of them")
                        log(error)
                        report.skipped.append(error)
                        continue
                    }
                    pageFiles[path.description] = display
                }
                specs.append(page)
            }
            let headExtra = options.headExtra
            let failAfter = options.failAfterPages
            let dependencies = PageDependencies(contexts: contexts, theme: theme, headExtra: headExtra)
            let written = try await concurrentMap(specs, width: options.parallelism) { position, spec -> (PageKind, OutputPath) in
                if let failAfter, position >= failAfter {
                    throw Diagnostic(.error, "build stopped after \(failAfter) pages (failure injected for testing)")
                }
                let tracked = spec.dependencies(contexts, dependencies)
                if let tracked, tree.keep(tracked.path, dependencies: tracked.key) { return (tracked.kind, tracked.path) }
                if case .transcript(let call) = spec {
                    let (path, key, frame) = contexts.transcriptKey(call, theme: theme, headExtra: headExtra)
                    try tree.write(key: key, to: path, dependencies: tracked?.key) {
                        theme.render("transcript", try contexts.transcriptPage(call, frame: (path, frame)).context)
                    }
                    return (.transcript, path)
                }
                let job = try spec.job(contexts)
                var context = job.context
                if let headExtra { context["head"] = ["extra": headExtra] }
                try theme.write(job.template, context, to: job.path, in: tree, dependencies: tracked?.key)
                return (job.kind, job.path)
            }
            for (kind, path) in written {
                report.pages[kind, default: 0] += 1
                reserved.insert(path.description)
            }
            // Copied files must not differ only in case from another output path: the generated folders and top-level
            // files, the pages (Markdown pages by their source), and the files copied before them.
            var foldedPaths = CaseFoldedPaths()
            CaseFoldedPaths.generatedFolders.forEach { foldedPaths.claimGeneratedFolder($0) }
            for path in [FeedPlan.sitePath, SiteEvents.calendarPath, DataExport.indexPath, OutputPath("robots.txt")!, OutputPath("sitemap.xml")!] {
                _ = foldedPaths.claim(path, by: .generated)
            }
            for (_, path) in written where !CaseFoldedPaths.generatedFolders.contains(String(path.description.prefix { $0 != "/" })) {
                _ = foldedPaths.claim(path, by: pageFiles[path.description].map(CaseFoldedPaths.Owner.input) ?? .generated)
            }
            for item in items {
                guard case .file(let url, let display, let relative) = item else { continue }
                guard let path = OutputPath(relative) else {
                    let warning = Diagnostic(.warning, file: display, "not copied: a published file name cannot hold a control character, ':' or '\\', or a part longer than 255 bytes; rename it")
                    log(warning)
                    report.warnings.append(warning)
                    continue
                }
                guard !reserved.contains(path.description),
                      !CaseFoldedPaths.generatedFolders.contains(path.components[0]) else {
                    let warning = Diagnostic(.warning, file: display, "not copied: its path collides with a generated page or folder")
                    log(warning)
                    report.warnings.append(warning)
                    continue
                }
                if let conflict = foldedPaths.claim(path, by: .input(display)) {
                    let alike = "\(conflict.spelling) differs only in case from \(conflict.claimed)"
                    let onePath = "and a case-insensitive disk (macOS, Windows) takes them for one path"
                    switch conflict.owner {
                    case .generated:
                        let warning = Diagnostic(.warning, file: display, "not copied: \(alike), which the build generates, \(onePath); rename it")
                        log(warning)
                        report.warnings.append(warning)
                    case .input(let other):
                        let error = Diagnostic(.error, file: display, "not copied: \(alike), where \(other) is published, \(onePath); rename one of them")
                        log(error)
                        report.skipped.append(error)
                    }
                    continue
                }
                try tree.copy(from: url, to: path)
                report.copiedFiles += 1
            }
            for asset in theme.assets {
                switch asset.source {
                case .file(let url): try tree.copy(from: url, to: asset.path)
                case .builtIn(let bytes): try tree.write(bytes, to: asset.path)
                }
                report.copiedFiles += 1
            }
            if options.strict && !report.skipped.isEmpty {
                throw fail("pages", report.skipped)
            }

            report.timings.append(clock.lap("pages and files"))
            // Step "events" (EventsStep.swift): /events/, /events/<year>/, /events/<slug>/ and /events.ics, before the
            // sitemap is made.
            do {
                let outcome = try await EventsStep.write(contexts: contexts, theme: theme, tree: tree, headExtra: options.headExtra,
                                                         parallelism: options.parallelism, dependencies: dependencies, log: log)
                report.pages[.events, default: 0] += 1
                if outcome.yearPages > 0 { report.pages[.eventsYear, default: 0] += outcome.yearPages }
                if outcome.eventPages > 0 { report.pages[.event, default: 0] += outcome.eventPages }
                report.warnings += outcome.warnings
            } catch let diagnostic as Diagnostic {
                throw fail("events", [diagnostic])
            } catch {
                throw fail("events", [Diagnostic(.error, file: options.output.path, "\(error)")])
            }

            report.timings.append(clock.lap("event pages"))
            switch await searched {
            case .success(let outcome):
                report.search = outcome.summary
                if outcome.summary != nil { report.pages[.search, default: 0] += 1 }
                report.warnings += outcome.warnings
            case .failure(let diagnostic):
                throw fail("search", [diagnostic])
            }

            report.timings.append(clock.lap("search (the rest)"))
            // Step "feeds & data" (Publishing.swift): Atom feeds, JSON exports, sitemap.xml and robots.txt.
            do {
                let outcome = try await Publishing.write(contexts: contexts, tree: tree, parallelism: options.parallelism,
                                                         dependencies: dependencies, log: log)
                report.feeds = outcome.feeds
                report.dataFiles = outcome.dataFiles
                report.sitemapURLs = outcome.sitemapURLs
                report.warnings += outcome.warnings
            } catch let diagnostic as Diagnostic {
                throw fail("feeds & data", [diagnostic])
            } catch {
                throw fail("feeds & data", [Diagnostic(.error, file: options.output.path, "\(error)")])
            }

            report.timings.append(clock.lap("feeds & data"))
            let reparsed = store.reparsedSources().map {
                Diagnostic(.warning, file: $0, "its entry in the build cache was missing or damaged; the file was parsed again")
            }
            reparsed.forEach(log)
            report.warnings += reparsed
            report.transcriptsParsed += reparsed.count
            (report.filesWritten, report.filesKept, report.pagesNotBuilt) = tree.counts
            report.incremental = tree.isUpdate
            do { try tree.commit() } catch {
                var failure = fail("publish", [Diagnostic(.error, file: options.output.path, "publishing stopped part-way: \(error)")])
                failure.outputPartlyUpdated = tree.isUpdate
                throw failure
            }
            report.timings.append(clock.lap("publish"))
            report.published = true
            var manifest = CacheManifest()
            manifest.inputs = inputs
            manifest.outputFolder = options.output.path
            manifest.outputs = tree.publishedStamps()
            // The report a later "nothing changed" build shows again: what happened only in this run is left out.
            var replayed = report
            let notices = Set(reparsed.map(\.description))
            replayed.warnings.removeAll { notices.contains($0.description) }
            replayed.transcriptsParsed -= reparsed.count
            manifest.report = Array((try? JSONEncoder().encode(replayed)) ?? Data())
            manifest.sources.reserveCapacity(records.count)
            for record in records {
                guard let stamp = fingerprint.files[record.source] else { continue }
                if var earlier = unchangedRecords[record.source] {
                    earlier.stamp = stamp
                    manifest.sources[record.source] = earlier
                } else {
                    manifest.sources[record.source] = CacheManifest.Source(stamp: stamp, record: record)
                }
            }
            do { try cache.save(manifest) } catch {
                let warning = Diagnostic(.warning, file: options.cacheDirectory?.path, "the build cache was not updated: \(error.localizedDescription)")
                log(warning)
                report.warnings.append(warning)
            }
            report.timings.append(clock.lap("build cache"))
            if !options.freesMemory {
                UnfreedMemory.keep(parsed, records, unchangedRecords, index, events, contexts, tree, dependencies, manifest, cache, fingerprint,
                                   items, specs, written)
            }
        } catch let failure as BuildFailure {
            tree.discard()
            throw failure
        } catch let diagnostic as Diagnostic {
            tree.discard()
            throw fail("pages", [diagnostic])
        } catch {
            tree.discard()
            throw fail("pages", [Diagnostic(.error, file: options.output.path, "\(error.localizedDescription)")])
        }
        return report
    }

    /// Refuses outputs that would replace the site itself (the site root, an ancestor of it, `sitegen.yml`, anything inside
    /// `Content/` or `Themes/`) or a folder that is not a built site, and a cache folder that is or holds the site's inputs
    /// or output. Paths are compared as the file system resolves them (`PhysicalPath`), so neither a folder that does not
    /// exist yet nor a symbolic link on the way leads around the check.
    static func checkOutputLocation(_ options: BuildOptions) -> Diagnostic? {
        let output = PhysicalPath.resolve(options.output.path)
        let outputFolder = output.hasSuffix("/") ? output : output + "/"
        let site = PhysicalPath.resolve(options.siteRoot.path)
        let protected = [options.siteRoot, options.content, options.themes, options.configFile].map { PhysicalPath.resolve($0.path) }
        for path in protected where path == output || path.hasPrefix(outputFolder) || output.hasPrefix(path + "/") && path != site {
            return Diagnostic(.error, file: options.output.path, "refusing to write the site here: it would replace or sit inside \(path)")
        }
        if let cache = options.cacheDirectory.map({ PhysicalPath.resolve($0.path) }) {
            let cacheFolder = cache.hasSuffix("/") ? cache : cache + "/"
            // The cache may sit in the site's folder (it does by default), not in its inputs or output, nor hold them.
            for path in protected + [output] where path == cache || path.hasPrefix(cacheFolder) || path != site && cache.hasPrefix(path + "/") {
                return Diagnostic(.error, file: options.cacheDirectory?.path,
                                  "refusing to keep the build cache here: it would hold or sit inside \(path); give the cache a folder of its own")
            }
        }
        // A build replaces the whole output folder: a file (or a FIFO, a socket) in its place is never replaced.
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isFolder), !isFolder.boolValue {
            return Diagnostic(.error, file: options.output.path, "refusing to write the site here: it is a file, not a folder (a build replaces everything at its output); give a folder")
        }
        // A folder that holds files must be one sitegen built.
        let folder = URL(fileURLWithPath: output, isDirectory: true)
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: output), !entries.isEmpty,
           !OutputTree.hasMarker(folder), !builtBeforeMarkers(folder) {
            return Diagnostic(.error, file: options.output.path, "refusing to replace this folder: it is not empty and has no \(OutputTree.markerName) file, so it does not look like a site sitegen built (a build replaces everything in it); empty it, remove it or choose another output folder")
        }
        return nil
    }

    /// Whether `folder` looks like the output of a sitegen from before the marker file: its `index.html` names sitegen
    /// as its generator, as the default theme's pages do.
    static func builtBeforeMarkers(_ folder: URL) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: folder.appendingPathComponent("index.html").path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16_384)) ?? Data()
        return String(decoding: head, as: UTF8.self).contains("<meta name=\"generator\" content=\"sitegen\">")
    }
}

/// What a process that ends right after the build leaves to the operating system instead of freeing (see
/// `BuildOptions.freesMemory`): the values are retained once more and never released.
enum UnfreedMemory {
    private final class Kept {
        let values: [Any]
        init(_ values: [Any]) { self.values = values }
    }

    static func keep(_ values: Any...) {
        _ = Unmanaged.passRetained(Kept(values))
    }
}

/// A page to render, small and `Sendable` so pages can be rendered on any core.
enum PageSpec: Sendable {
    case home, companies, quarters, speakers, notFound
    case transcript(Int)
    case company(Int)
    case quarter(Int)
    case speaker(Int)
    case markdown(path: OutputPath, title: String, html: String)

    /// The page's path, kind and dependency key, for the kinds `PageDependencies` tracks (nil for the small pages that
    /// are always built: home, quarters, 404 and Markdown pages).
    func dependencies(_ contexts: PageContexts, _ dependencies: PageDependencies) -> (path: OutputPath, kind: PageKind, key: ContentDigest)? {
        let index = contexts.index
        switch self {
        case .transcript(let position):
            return (OutputPath("\(index.calls[position].url)index.html")!, .transcript, dependencies.transcript(position, contexts: contexts))
        case .company(let position):
            return (OutputPath("\(index.companies[position].url)index.html")!, .company, dependencies.company(position, contexts: contexts))
        case .quarter(let position):
            return (OutputPath("quarters/\(index.quarters[position].period.slug)/index.html")!, .quarter,
                    dependencies.quarter(position, contexts: contexts))
        case .speaker(let position):
            return (OutputPath("\(index.people[position].url)index.html")!, .speaker, dependencies.speaker(position, contexts: contexts))
        case .speakers:
            return (OutputPath("speakers/index.html")!, .speakers, dependencies.speakersPage(contexts: contexts))
        case .companies:
            return (OutputPath("companies/index.html")!, .companies, dependencies.companiesPage(contexts: contexts))
        case .home, .quarters, .notFound, .markdown:
            return nil
        }
    }

    func job(_ contexts: PageContexts) throws -> PageJob {
        switch self {
        case .home: return contexts.home()
        case .companies: return contexts.companiesPage()
        case .quarters: return contexts.quartersPage()
        case .speakers: return contexts.speakersPage()
        case .notFound: return contexts.notFoundPage()
        case .transcript(let position): return try contexts.transcriptPage(position)
        case .company(let position): return contexts.companyPage(position)
        case .quarter(let position): return contexts.quarterPage(position)
        case .speaker(let position): return contexts.speakerPage(contexts.index.people[position])
        case .markdown(let path, let title, let html): return contexts.markdownPage(path: path, title: title, html: html)
        }
    }
}

/// A hand-written Markdown page under `Content/` (front matter `title:` optional), published at its path.
enum MarkdownPage {
    static let reservedRoots: Set<String> = ["companies", "quarters", "speakers", "assets", "index", "404", "search", "events"]

    /// The folder a page is published in: its path without the extension, each part slugged; a page named `index`
    /// below the top stands for its folder (`docs/index.md` → `docs/`). Nil when it would collide with a generated page.
    static func folder(of relative: String) -> [String]? {
        var components = (relative as NSString).deletingPathExtension.split(separator: "/").map { Slug.make(String($0)) }
        if components.count > 1, components.last == "index" { components.removeLast() }
        guard let first = components.first, !reservedRoots.contains(first) else { return nil }
        return components
    }

    /// The page at `url`, and warnings about its front matter (a blank or non-text `title:`, replaced by the title
    /// made from the file name).
    static func read(url: URL, display: String, relative: String, links: ContentLinks) throws(Diagnostic) -> (page: PageSpec, warnings: [Diagnostic]) {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw Diagnostic(.error, file: display, "cannot read the page as UTF-8 text")
        }
        guard let components = folder(of: relative), let path = OutputPath((components + ["index.html"]).joined(separator: "/")) else {
            throw Diagnostic(.error, file: display, "the page's path collides with a generated page; rename it")
        }
        let fileTitle = components.last.map { $0.replacingOccurrences(of: "-", with: " ").capitalized } ?? "Page"
        var title = fileTitle
        var warnings: [Diagnostic] = []
        var body = text
        let source = SourceText(path: display, text: text)
        if FrontMatterSource.opens(source) {
            let frontMatter: FrontMatterSource
            do { frontMatter = try FrontMatterSource(source) } catch { throw error.diagnostic }
            do {
                if let node = try Yams.compose(yaml: frontMatter.yaml)?.mapping?["title"] {
                    // `title:` alone (null) means no title, as without the key: the file name's title, without a word.
                    let problem: String?
                    if let scalar = node.scalar {
                        if node.tag == Tag(.null) {
                            problem = nil
                        } else if scalar.string.allSatisfy(\.isWhitespace) {
                            problem = "is blank"
                        } else {
                            title = scalar.string
                            problem = nil
                        }
                    } else {
                        problem = "is not text"
                    }
                    if let problem {
                        warnings.append(Diagnostic(.warning, file: display, line: (node.mark?.line ?? 1) + 1,
                                                   "`title:` \(problem); the page is titled '\(fileTitle)' from its file name"))
                    }
                }
            } catch {
                throw Diagnostic(.error, file: display, line: 2, "the front matter is not valid YAML: \(error)")
            }
            body = source.lines[(frontMatter.closingIndex + 1)...].joined(separator: "\n")
        }
        let html = Cmark.html(body) { links.destination($0, from: relative, publishedIn: components) }
        return (.markdown(path: path, title: title, html: html), warnings)
    }
}

/// Where the relative links of Markdown pages lead once published. An author links source files as an editor or a
/// repository browser previews them (`chart.png`, `../about.md`, `reports/`), while a page is published one folder
/// deeper, at a slugged path (`Annual Reports/overview.md` → `/annual-reports/overview/`): each link to another page or
/// to a copied file is rewritten to that file's published URL, relative to the page. Other links are left as written.
struct ContentLinks: Sendable {
    /// The `Content/`-relative paths of Markdown pages.
    private let pages: Set<String>
    /// The `Content/`-relative paths of files copied through.
    private let files: Set<String>
    /// The folders (slugged components) of the transcript pages, by the `Content/`-relative path of their source.
    private let transcripts: [String: [String]]

    /// The pages and copied files of a content scan, and the transcript pages of `calls` (a transcript that was
    /// skipped has none, so a link to it is left as written); a link to a copy left out (`copies`: copy → original)
    /// leads to its original's page.
    init(_ items: [ContentItem], calls: [Call] = [], copies: [String: String] = [:]) {
        var pages = Set<String>(), files = Set<String>()
        for item in items {
            switch item {
            case .page(_, _, let relative): pages.insert(relative)
            case .file(_, _, let relative): files.insert(relative)
            case .transcript: continue
            }
        }
        var transcripts: [String: [String]] = [:]
        for call in calls where call.source.hasPrefix(Self.contentPrefix) {
            transcripts[String(call.source.dropFirst(Self.contentPrefix.count))] = call.url.split(separator: "/").map(String.init)
        }
        for (copy, original) in copies where copy.hasPrefix(Self.contentPrefix) && original.hasPrefix(Self.contentPrefix) {
            transcripts[String(copy.dropFirst(Self.contentPrefix.count))] = transcripts[String(original.dropFirst(Self.contentPrefix.count))]
        }
        (self.pages, self.files, self.transcripts) = (pages, files, transcripts)
    }

    /// How a call's `source` starts (`ContentScanner.scan`'s display prefix in a build).
    static let contentPrefix = "Content/"

    /// The destination to publish for `destination`, written in the page at `source` that is published in the folder
    /// `folder` (slugged components below the site root); nil to leave it as written: an absolute or root-relative URL,
    /// an anchor, or a path that leads outside `Content/` or to nothing the build publishes at a known path.
    func destination(_ destination: String, from source: String, publishedIn folder: [String]) -> String? {
        let bytes = Array(destination.utf8)
        guard let first = bytes.first, first != UInt8(ascii: "#"), first != UInt8(ascii: "/"), first != UInt8(ascii: "?"),
              !Self.hasScheme(bytes) else { return nil }
        let cut = destination.firstIndex { $0 == "#" || $0 == "?" } ?? destination.endIndex
        let written = String(destination[..<cut])
        let suffix = String(destination[cut...])
        let decoded = written.removingPercentEncoding ?? written
        var resolved = source.split(separator: "/").dropLast().map(String.init)
        for part in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !resolved.isEmpty else { return nil }
                resolved.removeLast()
            default: resolved.append(String(part))
            }
        }
        let target = resolved.joined(separator: "/")
        let published: [String]
        var isFolder = false
        if !decoded.hasSuffix("/"), files.contains(target) {
            published = resolved
        } else if !decoded.hasSuffix("/"), pages.contains(target), let pageFolder = MarkdownPage.folder(of: target) {
            (published, isFolder) = (pageFolder, true)
        } else if !decoded.hasSuffix("/"), let transcriptFolder = transcripts[target] {
            (published, isFolder) = (transcriptFolder, true)
        } else if !target.isEmpty, let index = ["index.md", "index.markdown"].first(where: { pages.contains(target + "/" + $0) }),
                  let pageFolder = MarkdownPage.folder(of: target + "/" + index) {
            (published, isFolder) = (pageFolder, true)
        } else {
            return nil
        }
        var common = 0
        while common < folder.count, common < published.count, folder[common] == published[common] { common += 1 }
        if isFolder, common == published.count, common == folder.count { return "./" + suffix }
        var parts = Array(repeating: "..", count: folder.count - common)
        parts += published[common...].map { $0.addingPercentEncoding(withAllowedCharacters: Self.segmentAllowed) ?? $0 }
        return parts.joined(separator: "/") + (isFolder ? "/" : "") + suffix
    }

    /// Characters a path segment keeps as they are: RFC 3986's unreserved and sub-delimiters, ':' and '@'.
    private static let segmentAllowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@")

    /// Whether a URL starts with a scheme (`https:`, `mailto:`): a letter, then letters, digits, '+', '-' or '.', then ':'.
    private static func hasScheme(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20) else { return false }
        for byte in bytes.dropFirst() {
            if byte == UInt8(ascii: ":") { return true }
            let letter = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
            guard letter || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "+")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") else { return false }
        }
        return false
    }
}
