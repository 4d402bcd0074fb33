import ArgumentParser
import Foundation
import SiteBuilder
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

    func run() async throws {
        let options = BuildOptions(siteRoot: location.siteRoot, output: location.outputOverride, baseURL: baseURL, strict: strict)
        let verbose = self.verbose
        let outputName = location.outputName
        let outcome: Result<BuildReport, BuildFailure>
        do {
            outcome = .success(try await SiteBuilder.build(options) { diagnostic in
                if diagnostic.severity == .error || verbose { printError(diagnostic.description) }
            })
        } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success(let report):
            print(report.summary(output: outputName, warningsListed: verbose))
        case .failure(let failure):
            printError(failure.description)
            if failure.report.pageCount > 0 || !failure.report.skipped.isEmpty {
                printError(failure.report.summary(output: outputName, warningsListed: verbose))
            }
            printError("sitegen: build failed in step '\(failure.step)'; \(outputName) was left as it was")
            throw ExitCode(1)
        }
    }
}
