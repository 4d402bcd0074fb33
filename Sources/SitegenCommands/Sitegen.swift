import ArgumentParser
import Foundation

/// The `sitegen` command: one subcommand per job.
public struct Sitegen: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "Turn archives of earnings-call transcripts into a fast, cross-linked static site.",
        version: "0.1.0",
        subcommands: [InitCommand.self, BuildCommand.self, ParseCommand.self, ConvertCommand.self, ServeCommand.self, CheckCommand.self]
    )

    public init() {}

    /// Runs the CLI with `arguments` and returns the process exit code: 0 ok, 1 some input had errors, 2 usage error.
    public static func run(_ arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                return 0
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            return code == .validationFailure ? 2 : code.rawValue
        }
    }
}
