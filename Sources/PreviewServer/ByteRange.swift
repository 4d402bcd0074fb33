import Foundation

/// What to do with a request's `Range` header (RFC 9110 §14), decided before Hummingbird's `FileMiddleware` sees it.
///
/// `FileMiddleware` clamps ranges itself but mishandles three cases: a range starting past the end of the file gets 206
/// with a negative `Content-Length`, a suffix range (`bytes=-5`, the last five bytes) is read as `bytes=0-5`, and
/// several ranges are not parsed at all. So the preview server resolves the header against the file's size first and
/// hands `FileMiddleware` only a plain `bytes=FIRST-LAST` within the file, or no `Range` at all.
enum ByteRange: Equatable {
    /// Serve the whole file with 200: there was no usable range (no header, another unit, a malformed or multiple range).
    case whole
    /// Serve these bytes with 206; both ends lie inside the file.
    case bytes(ClosedRange<Int>)
    /// Answer 416: the range starts at or past the end of the file (or asks for the last zero bytes).
    case unsatisfiable

    /// The range `header` asks for in a file of `size` bytes.
    ///
    /// The RFC lets a server ignore a `Range` header, so what cannot be served exactly as asked (several ranges, which
    /// would need a multipart body; anything malformed) is served whole.
    static func resolve(_ header: String, size: Int) -> ByteRange {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard let equals = trimmed.firstIndex(of: "="),
              trimmed[..<equals].trimmingCharacters(in: .whitespaces).lowercased() == "bytes" else { return .whole }
        let specs = trimmed[trimmed.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
        guard specs.count == 1, let dash = specs[0].firstIndex(of: "-") else { return .whole }
        let spec = specs[0]
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        guard first.allSatisfy(\.isASCIIDigit), last.allSatisfy(\.isASCIIDigit), !(first.isEmpty && last.isEmpty) else { return .whole }
        if first.isEmpty {
            guard let length = Int(last) else { return size > 0 ? .bytes(0...(size - 1)) : .unsatisfiable }
            guard length > 0, size > 0 else { return .unsatisfiable }
            return .bytes(max(0, size - length)...(size - 1))
        }
        guard let start = Int(first) else { return .unsatisfiable }
        let end = last.isEmpty ? Int.max : (Int(last) ?? Int.max)
        guard start <= end else { return .whole }
        guard start < size else { return .unsatisfiable }
        return .bytes(start...min(end, size - 1))
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
