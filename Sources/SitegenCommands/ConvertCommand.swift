import ArgumentParser
import Foundation
import TranscriptKit
import TranscriptMarkdown

/// `sitegen convert`: writes each transcript as Markdown with YAML front matter, for hand correction.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert transcripts to Markdown with YAML front matter.",
        discussion: "Each FILE becomes OUTPUT/<file name>.md. An existing file with different content is never replaced without --force, so hand corrections are not lost, and an input is never replaced by its own conversion. FILEs of one name from different folders are not converted (an error names them): convert each folder into its own OUTPUT."
    )

    @Argument(help: "Transcript files to convert.")
    var files: [String]

    @Option(name: [.short, .long], help: "The folder to write the Markdown files to (created if missing).")
    var output: String

    @Flag(help: "Replace existing files whose content differs.")
    var force = false

    func run() throws {
        let folder = URL(fileURLWithPath: output, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            printError("\(output): error: cannot create the output folder: \(error.localizedDescription)")
            throw ExitCode(1)
        }
        var failed = false
        let collisions = Self.collisions(files)
        for file in files {
            if let others = collisions[file] {
                failed = true
                let target = folder.appendingPathComponent(Self.outputName(file)).path
                printError("\(file): error: not converted: \(others.joined(separator: ", ")) would be written to \(target) too "
                    + "(one file name, case aside); convert each folder into its own --output folder, or rename one of them")
                continue
            }
            let target = folder.appendingPathComponent(Self.outputName(file))
            if Self.isSameFile(file, target.path) {
                failed = true
                printError("\(file): error: not converted: its Markdown file \(target.path) is the input itself, which is never replaced "
                    + "(not even with --force); convert it into another --output folder")
                continue
            }
            var transcript: Transcript
            do {
                transcript = try TranscriptReader.withMarkdown.read(contentsOf: URL(fileURLWithPath: file), displayPath: file)
            } catch {
                failed = true
                for warning in error.warnings { printError(CarriedWarnings.reported(warning, readFrom: file).description) }
                printError(error.diagnostic.description)
                continue
            }
            for warning in transcript.warnings { printError(CarriedWarnings.reported(warning, readFrom: file).description) }
            // Stored by file name: the Markdown file is usually moved (into Content/), and reports then name it instead.
            transcript.warnings = CarriedWarnings.stored(transcript.warnings, readFrom: file)
            let markdown = Data(TranscriptMarkdownWriter.markdown(for: transcript).utf8)
            if let existing = try? Data(contentsOf: target) {
                if existing == markdown {
                    print("\(target.path): unchanged")
                    continue
                }
                if !force {
                    failed = true
                    printError("\(target.path): error: exists and differs (perhaps hand-edited); not replaced. Use --force to replace it")
                    continue
                }
            }
            do {
                try markdown.write(to: target, options: .atomic)
                print("\(target.path): written")
            } catch {
                failed = true
                printError("\(target.path): error: cannot write: \(error.localizedDescription)")
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// The name of the Markdown file `file` is converted to: its base name with `.md` for its extension.
    static func outputName(_ file: String) -> String {
        ((file as NSString).lastPathComponent as NSString).deletingPathExtension + ".md"
    }

    /// Whether `a` and `b` name one existing file (the same device and inode: through symbolic or hard links, or a
    /// case-insensitive disk, too).
    static func isSameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// The inputs that would be converted to one output file (names that differ only in case are one file on a
    /// case-insensitive disk), each with the other inputs of its output, as typed. One file typed twice is one input.
    static func collisions(_ files: [String]) -> [String: [String]] {
        let identity = { (file: String) in URL(fileURLWithPath: file).resolvingSymlinksInPath().standardizedFileURL.path }
        let byOutput = Dictionary(grouping: files) { outputName($0).lowercased() }
        var collisions: [String: [String]] = [:]
        for inputs in byOutput.values where Set(inputs.map(identity)).count > 1 {
            for input in inputs {
                let own = identity(input)
                collisions[input] = inputs.filter { identity($0) != own }
            }
        }
        return collisions
    }
}
