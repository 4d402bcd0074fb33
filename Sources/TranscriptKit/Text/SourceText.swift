import Foundation

/// A decoded input file split into lines, with the line numbers kept for diagnostics.
public struct SourceText: Sendable {
    /// The path used in diagnostics.
    public let path: String
    /// The file's lines without line terminators or trailing white space; index + 1 is the line number.
    public let lines: [String]
    /// Warnings raised while decoding (e.g. a Windows-1252 fallback).
    public let warnings: [Diagnostic]

    /// Creates a source text from lines that are already decoded.
    public init(path: String, lines: [String], warnings: [Diagnostic] = []) {
        self.path = path
        self.lines = lines
        self.warnings = warnings
    }

    /// Creates a source text from a string, splitting it into lines.
    public init(path: String, text: String) {
        self.init(path: path, lines: SourceText.splitLines(text))
    }

    /// Decodes raw bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 or Latin-1 with a warning.
    /// Empty and binary files are errors.
    public static func decode(_ data: Data, path: String) throws(TranscriptReadError) -> SourceText {
        var bytes = data
        if bytes.isEmpty || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw TranscriptReadError(Diagnostic(.error, file: path, "the file is empty; expected a transcript"))
        }
        var warnings: [Diagnostic] = []
        let text: String
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = bytes.first == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            bytes = bytes.dropFirst(2)
            guard let decoded = String(data: bytes, encoding: encoding) else {
                throw TranscriptReadError(Diagnostic(.error, file: path, "the file starts with a UTF-16 byte-order mark but is not valid UTF-16"))
            }
            text = decoded
        } else {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            if let offset = binaryOffset(bytes) {
                let line = bytes.prefix(offset - bytes.startIndex).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
                throw TranscriptReadError(Diagnostic(.error, file: path, line: line, "the file is binary (control byte at offset \(offset - bytes.startIndex)); expected transcript text"))
            }
            if let utf8 = String(validating: bytes, as: UTF8.self) {
                text = utf8
            } else {
                let line = firstInvalidUTF8Line(bytes)
                if let cp1252 = String(data: bytes, encoding: .windowsCP1252) {
                    text = cp1252
                    warnings.append(Diagnostic(.warning, file: path, line: line, "the file is not valid UTF-8; read it as Windows-1252"))
                } else {
                    text = String(data: bytes, encoding: .isoLatin1) ?? String(decoding: bytes, as: UTF8.self)
                    warnings.append(Diagnostic(.warning, file: path, line: line, "the file is neither UTF-8 nor Windows-1252; read it as Latin-1"))
                }
            }
        }
        return SourceText(path: path, lines: splitLines(text), warnings: warnings)
    }

    /// Splits text on LF, CRLF, CR and form feeds; trims trailing white space; folds no-break spaces to spaces.
    public static func splitLines(_ text: String) -> [String] {
        var lines: [String] = []
        lines.reserveCapacity(text.utf8.count / 60 + 1)
        var current = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n":
                if previousWasCR { previousWasCR = false; continue }
                lines.append(finish(current)); current = .init()
            case "\r", "\u{0C}", "\u{2028}", "\u{2029}":
                lines.append(finish(current)); current = .init()
                previousWasCR = scalar == "\r"
                continue
            case "\u{00A0}", "\t":
                current.append(" ")
            default:
                current.append(scalar)
            }
            previousWasCR = false
        }
        if !current.isEmpty { lines.append(finish(current)) }
        return lines
    }

    private static func finish(_ scalars: String.UnicodeScalarView) -> String {
        var end = scalars.endIndex
        while end > scalars.startIndex {
            let before = scalars.index(before: end)
            if scalars[before] == " " { end = before } else { break }
        }
        return String(scalars[scalars.startIndex..<end])
    }

    /// The offset of a byte that marks binary content (NUL or most C0 controls), if any in the first 64 KiB.
    private static func binaryOffset(_ bytes: Data) -> Int? {
        var controls = 0
        var index = bytes.startIndex
        let end = min(bytes.endIndex, bytes.startIndex + 65_536)
        while index < end {
            let byte = bytes[index]
            if byte == 0 { return index }
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C {
                controls += 1
                if controls > 8 { return index }
            }
            index += 1
        }
        return nil
    }

    /// The 1-based line of the first byte sequence that is not valid UTF-8.
    private static func firstInvalidUTF8Line(_ bytes: Data) -> Int {
        var line = 1
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0A { line += 1 }
            let length: Int
            switch byte {
            case 0..<0x80: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return line
            }
            if length > 1 {
                let tail = bytes[(index + 1)..<min(bytes.endIndex, index + length)]
                if tail.count != length - 1 || !tail.allSatisfy({ $0 & 0xC0 == 0x80 }) { return line }
            }
            index += length
        }
        return line
    }
}
