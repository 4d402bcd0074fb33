import ArgumentParser
import Foundation
import SiteBuilder
import Synchronization
import TranscriptKit

/// `sitegen build`: writes the site from `Content/` into `Public/`.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site from Content/ into Public/.",
        discussion: "The site is written to a staging folder and swapped into place only when the build succeeds; a failed build leaves the previous output untouched. Transcripts that fail to parse are reported and left out (exit 1 with --strict)."
    )

    @OptionGroup var location: OutputLocation

    @Option(name: .customLong("base-url"), help: "The absolute URL the site will be published at (overrides baseURL in sitegen.yml).")
    var baseURL: String?

    @Flag(help: "Fail, publishing nothing, if any input has an error.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print warnings as well as errors.")
    var verbose = false

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("Where the build cache lives (default: .sitegen-cache in the site folder).", valueName: "folder"))
    var cacheDirectory: String?

    @Flag(name: .customLong("no-cache"), help: "Build everything from scratch, without reading or writing the build cache.")
    var noCache = false

    @Flag(help: "Print how long each build step took.")
    var timings = false

    /// A base URL that could never be published is a usage error (exit 2), like any other malformed option.
    func validate() throws {
        if let baseURL, !SiteConfig.isBaseURL(baseURL) {
            throw ValidationError("--base-url must be \(SiteConfig.baseURLRule), found '\(baseURL)'")
        }
    }

    func run() async throws {
        var options = BuildOptions(siteRoot: location.siteRoot, output: location.outputOverride, baseURL: baseURL, strict: strict,
                                   useCache: !noCache)
        // The process ends right after the build: its memory goes back to the system without being freed piece by piece.
        options.freesMemory = false
        if let cacheDirectory, !noCache {
            options.cacheDirectory = URL(fileURLWithPath: cacheDirectory, isDirectory: true).standardizedFileURL
        }
        let verbose = self.verbose
        let outputName = location.outputName
        let outcome: Result<BuildReport, BuildFailure>
        let printed = Mutex<Set<String>>([])
        do {
            outcome = .success(try await SiteBuilder.build(options) { diagnostic in
                guard diagnostic.severity == .error || verbose else { return }
                printError(diagnostic.description)
                printed.withLock { _ = $0.insert(diagnostic.description) }
            })
        } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success(let report):
            print(report.summary(output: outputName, warningsListed: verbose))
            if timings { print((["timings:"] + report.timingLines).joined(separator: "\n")) }
        case .failure(let failure):
            for line in Self.failureLines(failure, printed: printed.withLock { $0 }, strict: strict, verbose: verbose) { printError(line) }
            if failure.outputPartlyUpdated {
                printError("sitegen: build failed in step '\(failure.step)'; \(outputName) holds part of this build's files: build again to complete it")
            } else {
                printError("sitegen: build failed in step '\(failure.step)'; \(outputName) was left as it was")
            }
            throw ExitCode(1)
        }
    }

    /// What a failed build prints before its last line: the failure's errors not already printed as they were found
    /// (`printed`), then one line naming the inputs it skipped (with `--strict`, the reason it stopped), and the
    /// warnings' count.
    static func failureLines(_ failure: BuildFailure, printed: Set<String>, strict: Bool, verbose: Bool) -> [String] {
        var lines = failure.diagnostics.map(\.description).filter { !printed.contains($0) }.map { "\(failure.step): \($0)" }
        let skipped = failure.report.skipped
        if !skipped.isEmpty {
            var seen: Set<String> = []
            let named = skipped.compactMap(\.file).filter { !$0.isEmpty && seen.insert($0).inserted }
            let list = named.prefix(5).joined(separator: ", ") + (named.count > 5 ? " and \(named.count - 5) more" : "")
            let count = "\(skipped.count) input\(skipped.count == 1 ? "" : "s") had errors"
            let which = list.isEmpty ? "" : " (\(list))"
            lines.append(strict ? "sitegen: --strict: \(count)\(which); nothing was published" : "sitegen: \(count)\(which) and would have been skipped")
        }
        let warnings = failure.report.warnings.count
        if warnings > 0 {
            let plural = warnings == 1 ? "" : "s"
            lines.append("\(warnings) warning\(plural)" + (verbose ? " (listed above)" : " (run with --verbose to list them)"))
        }
        return lines
    }
}
