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
        let outcome = data.withUnsafeBytes { raw in
            Result { () throws(TranscriptReadError) in try decode(raw.assumingMemoryBound(to: UInt8.self), path: path) }
        }
        return try outcome.get()
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws(TranscriptReadError) -> SourceText {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw TranscriptReadError(Diagnostic(.error, file: path, "the file is empty; expected a transcript"))
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            guard let decoded = String(data: Data(bytes.dropFirst(2)), encoding: encoding) else {
                throw TranscriptReadError(Diagnostic(.error, file: path, "the file starts with a UTF-16 byte-order mark but is not valid UTF-16"))
            }
            return SourceText(path: path, lines: splitLines(decoded))
        }
        var body = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { body = UnsafeBufferPointer(rebasing: bytes[3...]) }
        if let offset = binaryOffset(body) {
            let line = body.prefix(offset).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw TranscriptReadError(Diagnostic(.error, file: path, line: line, "the file is binary (control byte at offset \(offset)); expected transcript text"))
        }
        if let lines = splitLines(utf8: body) {
            return SourceText(path: path, lines: lines)
        }
        let data = Data(body)
        let line = firstInvalidUTF8Line(data)
        let text: String
        let warning: Diagnostic
        if let cp1252 = String(data: data, encoding: .windowsCP1252) {
            text = cp1252
            warning = Diagnostic(.warning, file: path, line: line, "the file is not valid UTF-8; read it as Windows-1252")
        } else {
            text = windows1252Lenient(body)
            warning = Diagnostic(.warning, file: path, line: line,
                "the file is neither UTF-8 nor Windows-1252; read it as Windows-1252, the bytes it leaves unassigned as spaces")
        }
        return SourceText(path: path, lines: splitLines(text), warnings: [warning])
    }

    /// Splits text on LF, CRLF, CR and form feeds; trims trailing white space; folds no-break spaces to spaces.
    public static func splitLines(_ text: String) -> [String] {
        var text = text
        // A String's bytes are valid UTF-8, so the split always succeeds.
        return text.withUTF8 { splitLines(utf8: $0) } ?? []
    }

    /// Splits UTF-8 bytes as `splitLines(_:)` splits text, scanning bytes: LF, CR, CRLF, form feed, U+2028 and U+2029
    /// end lines; tabs, U+00A0, DEL and the other C0 and C1 control characters (which HTML forbids, and which a page would
    /// otherwise carry) become spaces; trailing spaces are dropped. Nil if the bytes are not valid UTF-8.
    static func splitLines(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        var lines: [String] = []
        lines.reserveCapacity(bytes.count / 60 + 1)
        var folded: [UInt8] = []
        let count = bytes.count
        var lineStart = 0
        var needsFolding = false
        var index = 0

        /// Appends the line `lineStart..<end`; false if it is not valid UTF-8.
        func appendLine(upTo end: Int) -> Bool {
            defer { needsFolding = false }
            var last = end
            while last > lineStart {
                let byte = bytes[last - 1]
                if byte <= 0x20 || byte == 0x7F {
                    last -= 1
                } else if (0x80...0xA0).contains(byte), last - 1 > lineStart, bytes[last - 2] == 0xC2 {
                    last -= 2
                } else {
                    break
                }
            }
            let line: String?
            if lineStart == last {
                line = ""
            } else if needsFolding {
                folded.removeAll(keepingCapacity: true)
                var position = lineStart
                while position < last {
                    let byte = bytes[position]
                    if byte < 0x20 || byte == 0x7F {
                        folded.append(0x20)
                    } else if byte == 0xC2, position + 1 < last, bytes[position + 1] == 0xA0 || (0x80...0x9F).contains(bytes[position + 1]) {
                        folded.append(0x20)
                        position += 1
                    } else {
                        folded.append(byte)
                    }
                    position += 1
                }
                line = folded.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
            } else {
                line = String(validating: UnsafeBufferPointer(rebasing: bytes[lineStart..<last]), as: UTF8.self)
            }
            guard let line else { return false }
            lines.append(line)
            return true
        }

        while index < count {
            // Eight bytes at a time while all are printable ASCII, which need no look.
            while index + 8 <= count {
                let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                let below20 = (word &- 0x2020_2020_2020_2020) & ~word
                let delete = word ^ 0x7F7F_7F7F_7F7F_7F7F
                let deletes = (delete &- 0x0101_0101_0101_0101) & ~delete
                if (below20 | deletes | word) & 0x8080_8080_8080_8080 != 0 { break }
                index += 8
            }
            guard index < count else { break }
            let byte = bytes[index]
            if byte >= 0x20 && byte != 0xC2 && byte != 0xE2 && byte != 0x7F {
                index += 1
                continue
            }
            switch byte {
            case 0x0A, 0x0C:
                guard appendLine(upTo: index) else { return nil }
                lineStart = index + 1
            case 0x0D:
                guard appendLine(upTo: index) else { return nil }
                if index + 1 < count, bytes[index + 1] == 0x0A { index += 1 }
                lineStart = index + 1
            case 0xC2:
                if index + 1 < count, bytes[index + 1] == 0xA0 || (0x80...0x9F).contains(bytes[index + 1]) { needsFolding = true }
            case 0xE2:
                if index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                    guard appendLine(upTo: index) else { return nil }
                    index += 2
                    lineStart = index + 1
                }
            default:
                // A tab, another control character below 0x20, or DEL.
                needsFolding = true
            }
            index += 1
        }
        if lineStart < count {
            guard appendLine(upTo: count) else { return nil }
        }
        return lines
    }

    /// What Windows-1252 makes of the bytes 0x80-0x9F (0 where it assigns nothing).
    private static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// Windows-1252 text that also holds the five bytes it leaves unassigned (0x81, 0x8D, 0x8F, 0x90, 0x9D), which
    /// Foundation then refuses: those read as the C1 controls of the same value (which `splitLines` makes spaces), the
    /// others as Windows-1252 says, so its dashes (0x96, 0x97) and quotes stay dashes and quotes, not controls as under
    /// Latin-1.
    static func windows1252Lenient(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let mapped = (0x80...0x9F).contains(byte) ? windows1252High[Int(byte) - 0x80] : 0
            scalars.append(Unicode.Scalar(mapped == 0 ? UInt32(byte) : mapped)!)
        }
        return String(scalars)
    }

    /// The offset of a byte that marks binary content (NUL or most C0 controls), if any in the first 64 KiB.
    private static func binaryOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var controls = 0
        let end = min(bytes.count, 65_536)
        var index = 0
        while index < end {
            // Eight bytes at a time while none is a control byte.
            if index + 8 <= end {
                let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                if (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            index += 1
            if byte >= 0x20 { continue }
            if byte == 0 { return index - 1 }
            if byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C {
                controls += 1
                if controls > 8 { return index - 1 }
            }
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
