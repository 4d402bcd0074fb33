/// A problem found in an input file, located by file and line.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible, Error {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable, Codable {
        case warning
        case error
    }

    /// Whether the file was still usable.
    public var severity: Severity
    /// The file path as given to the reader, if known.
    public var file: String?
    /// The 1-based line number, if the problem has a place.
    public var line: Int?
    /// A plain sentence: what was expected and what was found.
    public var message: String

    /// Creates a diagnostic.
    public init(_ severity: Severity, file: String? = nil, line: Int? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: severity: message`, the form compilers use, so editors can jump to it.
    public var description: String {
        var place = file ?? "<input>"
        if let line { place += ":\(line)" }
        return "\(place): \(severity.rawValue): \(message)"
    }
}

extension Diagnostic {
    enum CodingKeys: String, CodingKey { case severity, file, line, message }

    /// Encodes every key, `null` for an unknown file or line, so the JSON shape never varies.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(severity, forKey: .severity)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(message, forKey: .message)
    }
}

/// The error thrown when a file cannot be read as a transcript at all.
public struct TranscriptReadError: Error, Sendable, CustomStringConvertible {
    /// The diagnostic that stopped the read (severity `.error`).
    public var diagnostic: Diagnostic
    /// Warnings gathered before the failure.
    public var warnings: [Diagnostic]

    /// Creates a read error.
    public init(_ diagnostic: Diagnostic, warnings: [Diagnostic] = []) {
        self.diagnostic = diagnostic
        self.warnings = warnings
    }

    public var description: String { diagnostic.description }
}
