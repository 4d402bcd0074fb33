import ArgumentParser
import Foundation
import PreviewServer

/// `sitegen serve`: builds the site, serves it on a local web server, and rebuilds and reloads open pages on every change.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site: build it, serve it locally, rebuild and reload pages on every change.",
        discussion: """
        Watches Content/, Themes/ and sitegen.yml. Open pages reload after each good rebuild; a failed rebuild keeps \
        the last good site and shows the error over the page and here. The preview is built into a temporary folder \
        (with a reload script in every page), never into Public/: run `sitegen build` to publish. Ctrl-C stops.
        """
    )

    @Option(name: .customLong("site"), help: "The site folder holding sitegen.yml, Content/ and Themes/.")
    var site: String = "."

    @Option(help: "The address to listen on. Anything but loopback exposes the preview to other machines.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port: Int = 8000

    @Flag(help: "Open the site in the default browser once it is served.")
    var open = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        if !PreviewServer.isLoopback(host) {
            printError("sitegen: warning: listening on \(host), not on loopback: other machines on the network can see the preview")
        }
        let root = URL(fileURLWithPath: site, isDirectory: true)
        let server = PreviewServer(.init(siteRoot: root, host: host, port: port, stopOnSignals: true)) { message in
            switch message.level {
            case .info: printLine(message.text)
            case .warning, .error: printError(message.text)
            }
        }
        let open = self.open
        do {
            try await server.run { url in
                printLine("sitegen: serving \(url.absoluteString) (Ctrl-C to stop); watching Content/, Themes/ and sitegen.yml")
                if open { openInBrowser(url) }
            }
        } catch {
            printError("sitegen: \(error)")
            throw ExitCode(1)
        }
        printLine("sitegen: stopped")
    }
}

/// Writes a line to standard output at once (a pipe would otherwise hold it in a buffer).
private func printLine(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Opens `url` with the platform's opener; a missing opener is reported, not fatal.
private func openInBrowser(_ url: URL) {
    #if os(macOS)
    let opener = "open"
    #else
    let opener = "xdg-open"
    #endif
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [opener, url.absoluteString]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    process.terminationHandler = { process in
        if process.terminationStatus != 0 {
            printError("sitegen: could not open a browser (\(opener) exited with \(process.terminationStatus)): open \(url.absoluteString) by hand")
        }
    }
    do {
        try process.run()
    } catch {
        printError("sitegen: could not open a browser (\(opener)): open \(url.absoluteString) by hand")
    }
}
