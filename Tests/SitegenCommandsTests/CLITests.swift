import Foundation
import Testing
import TranscriptKit
@testable import SitegenCommands

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let referencePath = repositoryRoot.appendingPathComponent("Content/calx-q3-2012.txt").path

/// Runs the built `sitegen` executable (built next to the test bundle), in `folder` if given, and returns exit code, stdout and stderr.
func runSitegen(_ arguments: [String], in folder: URL? = nil) throws -> (code: Int32, out: String, err: String) {
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [here.appendingPathComponent("sitegen"), here.deletingLastPathComponent().appendingPathComponent("sitegen"),
                      repositoryRoot.appendingPathComponent(".build/debug/sitegen")]
    guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates[0].path])
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-cli-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("sitegen CLI")
struct CLITests {
    @Test func parseJSONHasTheDocumentedKeysAndValues() throws {
        let result = try runSitegen(["parse", "--format", "json", referencePath])
        #expect(result.code == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["company", "ticker", "title", "kind", "fiscalPeriod", "date", "statedTimeZone",
                                      "participants", "sections", "layout", "warnings"])
        #expect(object["company"] as? String == "Calix, Inc.")
        #expect(object["ticker"] as? String == "CALX")
        #expect(object["kind"] as? String == "earnings-call")
        #expect(object["date"] as? String == "2012-10-25T20:30:00Z")
        let period = try #require(object["fiscalPeriod"] as? [String: Int])
        #expect(period == ["year": 2012, "quarter": 3])
        let participants = try #require(object["participants"] as? [[String: Any]])
        #expect(participants.count == 11)
        #expect(participants.allSatisfy { Set($0.keys) == ["name", "affiliation", "title", "group"] })
        let notter = try #require(participants.first { $0["name"] as? String == "George Notter" })
        #expect(notter["affiliation"] as? String == "Jefferies & Company")
        #expect(notter["group"] as? String == "analyst")
        let sections = try #require(object["sections"] as? [[String: Any]])
        #expect(sections.map { $0["kind"] as? String } == ["presentation", "questions-and-answers"])
        let turns = sections.flatMap { ($0["turns"] as? [[String: Any]]) ?? [] }
        #expect(turns.count == 95)
        #expect(turns.allSatisfy { $0["speaker"] is String && $0["paragraphs"] is [String] })
        #expect((object["warnings"] as? [Any])?.isEmpty == true)
    }

    @Test func parseJSONDecodesBackToTheSameModel() throws {
        let result = try runSitegen(["parse", "--format", "json", referencePath])
        let decoded = try TranscriptJSON.decoder().decode(Transcript.self, from: Data(result.out.utf8))
        let direct = try TranscriptReader.standard.read(contentsOf: URL(fileURLWithPath: referencePath), displayPath: referencePath)
        #expect(decoded == direct)
    }

    @Test func parseWritesNullForAbsentValues() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("call.txt")
        try Data("CORPORATE PARTICIPANTS\n\nJane Roe\nAcme Corp. - CEO\n\nPRESENTATION\n\nOperator\n\nWelcome.\n\nJane Roe\nAcme Corp. - CEO\n\nHello.\n".utf8).write(to: file)
        let result = try runSitegen(["parse", "--format", "json", file.path])
        #expect(result.code == 0)
        #expect(result.out.contains("\"ticker\" : null"))
        #expect(result.out.contains("\"date\" : null"))
        #expect(result.err.contains("warning"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["company", "ticker", "title", "kind", "fiscalPeriod", "date", "statedTimeZone",
                                      "participants", "sections", "layout", "warnings"])
        for key in ["ticker", "fiscalPeriod", "date", "statedTimeZone"] { #expect(object[key] is NSNull, "\(key)") }
        let sections = try #require(object["sections"] as? [[String: Any]])
        #expect(!sections.isEmpty)
        #expect(sections.allSatisfy { Set($0.keys) == ["kind", "title", "turns"] })
        #expect(sections.allSatisfy { $0["title"] is NSNull })
        let warnings = try #require(object["warnings"] as? [[String: Any]])
        #expect(!warnings.isEmpty)
        #expect(warnings.allSatisfy { Set($0.keys) == ["severity", "file", "line", "message"] })
        let untitled = folder.appendingPathComponent("untitled.txt")
        try Data("THOMSON REUTERS STREETEVENTS **EDITED TRANSCRIPT** ACME - Q3 2012 Earnings Call\n\nPRESENTATION\n\nOperator\n\nWelcome.\n".utf8)
            .write(to: untitled)
        let lineless = try runSitegen(["parse", "--format", "json", untitled.path])
        let untitledObject = try #require(try JSONSerialization.jsonObject(with: Data(lineless.out.utf8)) as? [String: Any])
        let untitledWarnings = try #require(untitledObject["warnings"] as? [[String: Any]])
        #expect(untitledWarnings.allSatisfy { Set($0.keys) == ["severity", "file", "line", "message"] })
        #expect(untitledWarnings.contains { $0["line"] as? Int == 1 && ($0["message"] as? String)?.hasPrefix("cannot tell the company") == true },
                "the company warning names the title's line: \(untitledWarnings)")
        let participants = try #require(object["participants"] as? [[String: Any]])
        #expect(participants.allSatisfy { Set($0.keys) == ["name", "affiliation", "title", "group"] })
        #expect(participants.contains { $0["affiliation"] is NSNull && $0["title"] is NSNull }, "the operator")
    }

    @Test func sectionTitlesAndWarningLinesAreWrittenWhenKnown() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("call.md")
        try Data("""
            ---
            company: Acme Corp.
            title: Acme call
            warnings:
            - {severity: warning, file: call.txt, line: 7, message: checked by hand}
            ---

            ## Closing Remarks

            ### Jane Roe

            Goodbye.

            """.utf8).write(to: file)
        let result = try runSitegen(["parse", "--format", "json", file.path])
        #expect(result.code == 0, "\(result.err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let sections = try #require(object["sections"] as? [[String: Any]])
        #expect(sections.first?["kind"] as? String == "other")
        #expect(sections.first?["title"] as? String == "Closing Remarks")
        let warnings = try #require(object["warnings"] as? [[String: Any]])
        let written = try #require(warnings.first { $0["message"] as? String == "checked by hand" })
        #expect(written["line"] as? Int == 7)
        #expect(written["file"] as? String == "call.txt")
    }

    @Test func summaryFormatCountsTurnsPerSpeaker() throws {
        let result = try runSitegen(["parse", referencePath])
        #expect(result.code == 0)
        #expect(result.out.contains("Carl Russo [corporate] Calix, Inc. - President & CEO: 30 turns"))
        #expect(result.out.contains("sections: Presentation (5 turns), Questions and Answers (90 turns)"))
    }

    @Test func badInputExitsOneAndTheOtherFilesAreStillProcessed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        let result = try runSitegen(["parse", "--format", "json", empty.path, referencePath])
        #expect(result.code == 1)
        #expect(result.err.contains("\(empty.path): error: the file is empty"))
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: Any]])
        #expect(array.count == 1)
        #expect(array.first?["ticker"] as? String == "CALX")
    }

    @Test func aFolderOrAMissingFileIsNamedAsSuch() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("nowhere.txt").path
        let result = try runSitegen(["parse", folder.path, missing, referencePath])
        #expect(result.code == 1)
        #expect(result.err.contains("\(folder.path): error: is a folder; expected a transcript file"))
        #expect(result.err.contains("\(missing): error: no such file; expected a transcript file"))
        #expect(result.out.contains("CALX"))
    }

    @Test func usageErrorsExitTwo() async throws {
        #expect(await Sitegen.run(["parse", "--format", "xml", referencePath]) == 2)
        #expect(await Sitegen.run(["no-such-command"]) == 2)
        #expect(await Sitegen.run(["convert", referencePath]) == 2)
        #expect(try runSitegen(["parse", "--format", "yaml", referencePath]).code == 2)
    }

    /// An option value the command can never use is a usage error (exit 2) that names the option, before anything is done.
    @Test func rejectedOptionValuesAreUsageErrors() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let theme = try runSitegen(["init", folder.appendingPathComponent("site").path, "--theme", "../x"])
        #expect(theme.code == 2)
        #expect(theme.err.contains("Error: --theme '../x' cannot be a theme name: use letters, digits and hyphens (a folder name under Themes/)"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("site").path))
        for base in ["ftp://x y", "https://example.org/calls/?q=1", "example.org"] {
            let build = try runSitegen(["build", "--site", folder.path, "--base-url", base])
            #expect(build.code == 2, "\(base)")
            #expect(build.err.contains("Error: --base-url must be an absolute http(s) URL without a query, a fragment, spaces or quotes (the address of the site's folder, e.g. https://example.org/calls/), found '\(base)'"), "\(base)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Public").path))
    }

    /// Inputs of one file name from different folders (case aside) would be one Markdown file: neither is converted, each
    /// error names the other and the output, with or without --force; the other inputs are converted.
    @Test func convertRefusesInputsThatWouldShareAnOutputFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = try String(contentsOfFile: referencePath, encoding: .utf8)
        let inputs = ["calix/Q3 2012 Earnings Call.txt": reference,
                      "other/Q3 2012 Earnings Call.txt": reference.replacingOccurrences(of: "Carl Russo", with: "Karl Rousseau"),
                      "calix/CALX.txt": reference, "other/calx.txt": reference, "calix/single.txt": reference]
        for (path, text) in inputs {
            let url = folder.appendingPathComponent("in/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let out = folder.appendingPathComponent("out").path
        let files = ["in/calix/Q3 2012 Earnings Call.txt", "in/other/Q3 2012 Earnings Call.txt", "in/calix/CALX.txt", "in/other/calx.txt",
                     "in/calix/single.txt"]
        for force in [[], ["--force"]] {
            let result = try runSitegen(["convert"] + files + ["--output", out] + force, in: folder)
            #expect(result.code == 1)
            let advice = "(one file name, case aside); convert each folder into its own --output folder, or rename one of them"
            #expect(result.err.split(separator: "\n").map(String.init) == [
                "in/calix/Q3 2012 Earnings Call.txt: error: not converted: in/other/Q3 2012 Earnings Call.txt would be written to \(out)/Q3 2012 Earnings Call.md too \(advice)",
                "in/other/Q3 2012 Earnings Call.txt: error: not converted: in/calix/Q3 2012 Earnings Call.txt would be written to \(out)/Q3 2012 Earnings Call.md too \(advice)",
                "in/calix/CALX.txt: error: not converted: in/other/calx.txt would be written to \(out)/CALX.md too \(advice)",
                "in/other/calx.txt: error: not converted: in/calix/CALX.txt would be written to \(out)/calx.md too \(advice)",
            ], "\(force)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["single.md"])
        }
        // One file typed two ways is one input.
        let twice = try runSitegen(["convert", "in/calix/single.txt", "in/other/../calix/single.txt", "--output", out], in: folder)
        #expect(twice.code == 0)
        #expect(twice.err == "")
        #expect(twice.out == "\(out)/single.md: unchanged\n\(out)/single.md: unchanged\n")
    }

    @Test func convertWritesMarkdownAndNeverOverwritesAHandEditedFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try runSitegen(["convert", referencePath, "--output", folder.path])
        #expect(first.code == 0)
        let target = folder.appendingPathComponent("calx-q3-2012.md")
        let markdown = try String(contentsOf: target, encoding: .utf8)
        #expect(markdown.hasPrefix("---\n"))
        #expect(markdown.contains("ticker: CALX"))
        #expect(markdown.contains("### Carl Russo"))

        let again = try runSitegen(["convert", referencePath, "--output", folder.path])
        #expect(again.code == 0)
        #expect(again.out.contains("unchanged"))

        let edited = markdown.replacingOccurrences(of: "Alright, thanks very much, guys.", with: "All right, thanks very much, guys.")
        #expect(edited != markdown)
        try Data(edited.utf8).write(to: target)
        let refused = try runSitegen(["convert", referencePath, "--output", folder.path])
        #expect(refused.code == 1)
        #expect(refused.err.contains("--force"))
        #expect(try String(contentsOf: target, encoding: .utf8) == edited)

        let forced = try runSitegen(["convert", referencePath, "--output", folder.path, "--force"])
        #expect(forced.code == 0)
        #expect(try String(contentsOf: target, encoding: .utf8) == markdown)
    }

    /// A `.md` input converted into its own folder (directly or through a symbolic link to it) would be replaced by
    /// its conversion: it is an error, even with --force, the file keeps its bytes and the other inputs are converted.
    @Test func convertNeverReplacesItsOwnInput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Content"), withIntermediateDirectories: true)
        #expect(try runSitegen(["convert", referencePath, "--output", "Content"], in: folder).code == 0)
        let input = folder.appendingPathComponent("Content/calx-q3-2012.md")
        let handEdited = try String(contentsOf: input, encoding: .utf8) + "\nA note the archivist added by hand.\n"
        try Data(handEdited.utf8).write(to: input)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("alias").path, withDestinationPath: "Content")
        try FileManager.default.copyItem(atPath: referencePath, toPath: folder.appendingPathComponent("other-call.txt").path)
        for (output, outcome) in [("Content", "written"), ("alias", "unchanged")] {
            let written = folder.appendingPathComponent(output).path
            let result = try runSitegen(["convert", "Content/calx-q3-2012.md", "other-call.txt", "--output", output, "--force"], in: folder)
            #expect(result.code == 1)
            #expect(result.err == "Content/calx-q3-2012.md: error: not converted: its Markdown file \(written)/calx-q3-2012.md is the input "
                + "itself, which is never replaced (not even with --force); convert it into another --output folder\n")
            #expect(result.out == "\(written)/other-call.md: \(outcome)\n")
            try Data(handEdited.utf8).write(to: input)
        }
        let elsewhere = try runSitegen(["convert", "Content/calx-q3-2012.md", "--output", "checked"], in: folder)
        #expect(elsewhere.code == 0)
        #expect(try String(contentsOf: input, encoding: .utf8) == handEdited)
    }

    @Test func convertedMarkdownParsesBackToTheSameTranscript() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try runSitegen(["convert", referencePath, "--output", folder.path]).code == 0)
        let fromMarkdown = try runSitegen(["parse", "--format", "json", folder.appendingPathComponent("calx-q3-2012.md").path])
        let fromText = try runSitegen(["parse", "--format", "json", referencePath])
        #expect(fromMarkdown.code == 0)
        #expect(fromMarkdown.out == fromText.out)
    }

    @Test func convertedWarningsNameTheOriginalByFileNameAndReportsNameTheMarkdownFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("work"), withIntermediateDirectories: true)
        try Data("""
            THOMSON REUTERS STREETEVENTS **EDITED TRANSCRIPT** ACME - Q1 2013 Acme Corp. Earnings Conference Call

            EVENT DATE/TIME: FEBRUARY 7, 2013 / 9:00PM GMT

            CORPORATE PARTICIPANTS

            Jane Roe Acme Corp. - CEO

            PRESENTATION

            Operator

            Welcome to the call.

            Jane Roe - Acme Corp. - CEO

            Revenue grew.

            QUESTIONS AND ANSWERS

            John Doe - Big Bank - Analyst

            How is demand?

            """.utf8).write(to: folder.appendingPathComponent("work/raw-call.txt"))
        let converted = try runSitegen(["convert", "work/raw-call.txt", "--output", "out"], in: folder)
        #expect(converted.code == 0)
        #expect(converted.err == "work/raw-call.txt:21: warning: speaker 'John Doe' is not in the participant lists; added as analyst\n")
        let markdown = try String(contentsOf: folder.appendingPathComponent("out/raw-call.md"), encoding: .utf8)
        #expect(markdown.contains("""
            warnings:
            - severity: warning
              file: raw-call.txt
              line: 21
              message: speaker 'John Doe' is not in the participant lists; added as analyst
            """))

        // Moved into a site's Content/: the build and parse name the Markdown file and where in the original the warning was.
        let site = folder.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("Content"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Themes"), to: site.appendingPathComponent("Themes"))
        try FileManager.default.moveItem(at: folder.appendingPathComponent("out/raw-call.md"), to: site.appendingPathComponent("Content/call.md"))
        let expected = "Content/call.md: warning: (from the original transcript raw-call.txt, line 21) speaker 'John Doe' is not in the participant lists; added as analyst"
        let build = try runSitegen(["build", "--site", ".", "--verbose"], in: site)
        #expect(build.code == 0)
        #expect(build.err.split(separator: "\n").map(String.init) == [expected])
        let parsed = try runSitegen(["parse", "Content/call.md", "--format", "json"], in: site)
        #expect(parsed.err == expected + "\n")
        // The model keeps the warning as stored, so the JSON says where it came from.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(parsed.out.utf8)) as? [String: Any])
        let warnings = try #require(object["warnings"] as? [[String: Any]])
        #expect(warnings.map { $0["file"] as? String } == ["raw-call.txt"] && warnings.map { $0["line"] as? Int } == [21])
    }

    @Test func buildReportsSkippedFilesAndStrictFails() throws {
        let site = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: site) }
        try FileManager.default.createDirectory(at: site.appendingPathComponent("Content"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Themes"), to: site.appendingPathComponent("Themes"))
        try FileManager.default.copyItem(atPath: referencePath, toPath: site.appendingPathComponent("Content/calx.txt").path)
        try Data("just some notes, not a transcript\n".utf8).write(to: site.appendingPathComponent("Content/notes.txt"))

        try Data().write(to: site.appendingPathComponent("Content/empty.txt"))
        let strict = try runSitegen(["build", "--site", site.path, "--strict"])
        #expect(strict.code == 1)
        // Each error once, as it is found, then what --strict made of them; no summary of a build that published nothing.
        #expect(strict.err.split(separator: "\n").map(String.init) == [
            "Content/empty.txt: error: the file is empty; expected a transcript",
            "Content/notes.txt:1: error: not a transcript in any known layout; expected a StreetEvents header, a CORPORATE PARTICIPANTS heading, or Markdown front matter",
            "sitegen: --strict: 2 inputs had errors (Content/empty.txt, Content/notes.txt); nothing was published",
            "sitegen: build failed in step 'transcripts'; \(site.path)/Public/ was left as it was",
        ], "\(strict.err)")
        #expect(strict.out.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Public").path))
        try FileManager.default.removeItem(at: site.appendingPathComponent("Content/empty.txt"))

        let lenient = try runSitegen(["build", "--site", site.path])
        #expect(lenient.code == 0)
        #expect(lenient.out.contains("built 1 transcript"))
        #expect(lenient.out.contains("skipped 1 input"))
        #expect(lenient.out.contains("Content/notes.txt"))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("Public/companies/calx/2012-q3/index.html").path))
    }

    /// Broken front matter in a Markdown transcript is reported with the reader's message at the file's line, by
    /// `sitegen parse` and by `sitegen build` (skipped, or exit 1 with `--strict`).
    @Test func frontMatterErrorsNameTheFileLineInParseAndBuild() throws {
        let site = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: site) }
        let content = site.appendingPathComponent("Content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Themes"), to: site.appendingPathComponent("Themes"))
        try FileManager.default.copyItem(atPath: referencePath, toPath: content.appendingPathComponent("calx.txt").path)
        let body = "\n## Presentation\n\n### Operator\n\nWelcome.\n"
        let files = [
            ("dupkey.md", "\u{FEFF}---\r\ncompany: Acme\r\nticker: ACME\r\ntitle: Q1 call\r\nticker: OTHER\r\n---\r\n" + body, 5,
             "the front matter sets `ticker` twice; expected each key once"),
            ("unterminated.md", "---\ncompany: Acme\ntitle: Q1 call\n" + body, 1,
             "the front matter opened by `---` on line 1 is never closed; expected a `---` line after the metadata and before the transcript text"),
            ("badyaml.md", "---\ncompany: Foo: bar\ntitle: x\n---\n" + body, 2,
             "the front matter is not valid YAML: mapping values are not allowed in this context; expected `key: value` lines, with quotes around values that contain `: `, ` #` or start with punctuation"),
        ]
        for (name, text, _, _) in files { try Data(text.utf8).write(to: content.appendingPathComponent(name)) }
        try Data("---\ntitle: About\n---\nWe keep calls.\n".utf8).write(to: content.appendingPathComponent("about.md"))

        let parse = try runSitegen(["parse"] + files.map { content.appendingPathComponent($0.0).path })
        #expect(parse.code == 1)
        for (name, _, line, message) in files {
            #expect(parse.err.contains("\(content.appendingPathComponent(name).path):\(line): error: \(message)\n"))
        }

        let strict = try runSitegen(["build", "--site", site.path, "--strict"])
        #expect(strict.code == 1)
        let lenient = try runSitegen(["build", "--site", site.path])
        #expect(lenient.code == 0)
        #expect(lenient.out.contains("built 1 transcript"))
        #expect(lenient.out.contains("skipped 3 inputs"))
        for (name, _, line, message) in files {
            #expect(strict.err.contains("Content/\(name):\(line): error: \(message)"))
            #expect(lenient.out.contains("Content/\(name):\(line): error: \(message)"))
            #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Public/\((name as NSString).deletingPathExtension)").path))
        }
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("Public/about/index.html").path))
    }

    /// The command `init` prints as its next step works as printed, in a POSIX shell, whatever the folder's name.
    @Test(arguments: ["My Calls", "-calls", "it's here", "two\nlines"])
    func initsNextStepRunsAsPrinted(folder: String) throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let made = try runSitegen(["init", "--", folder], in: parent)
        #expect(made.code == 0)
        let command = try #require(made.out.firstMatch(of: /`sitegen (build --site [^`]+)`\n\z/)?.1)
        let sitegen = repositoryRoot.appendingPathComponent(".build/debug/sitegen").path
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "\"$0\" \(command) --strict", sitegen]
        shell.currentDirectoryURL = parent
        shell.standardOutput = FileHandle.nullDevice
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0, "\(command)")
        #expect(FileManager.default.fileExists(atPath: parent.appendingPathComponent(folder).appendingPathComponent("Public/index.html").path))
    }

    /// `sitegen init` then `sitegen build` in a folder outside the repository: the two commands a new archive needs.
    @Test func initMakesAFolderThatBuildsWithTheBuiltInTheme() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let first = try runSitegen(["init", "archive"], in: parent)
        #expect(first.code == 0)
        #expect(first.out == """
            created archive/sitegen.yml
            created archive/Content/
            created archive/.gitignore
            next: put transcripts in archive/Content/ and run `sitegen build --site archive`

            """)
        let site = parent.appendingPathComponent("archive")
        try FileManager.default.copyItem(atPath: referencePath, toPath: site.appendingPathComponent("Content/calx.txt").path)
        let build = try runSitegen(["build", "--site", "archive", "--strict"], in: parent)
        #expect(build.code == 0)
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("Public/companies/calx/2012-q3/index.html").path))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("Public/assets/search.js").path))

        let theme = try runSitegen(["init", "archive", "--theme", "house"], in: parent)
        #expect(theme.code == 0)
        #expect(theme.out.contains("created archive/Themes/house/\n"))
        #expect(theme.out.contains("note: archive/sitegen.yml was there already: set `theme: house` in it to use the new theme"))
        let again = try runSitegen(["init", "archive", "--theme", "house"], in: parent)
        #expect(again.code == 1)
        #expect(again.err.contains("Themes/house: error: the theme folder exists and is not empty; nothing was written"))
    }
}
