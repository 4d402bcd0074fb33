import Foundation

/// Checks a request path before anything looks for a file.
///
/// The path is the raw one from the request line, still percent-encoded. It is refused when it could name something
/// other than a file under the served folder, or means different things to different readers: a backslash, an encoded
/// slash or backslash (`%2f`, `%5c`), a NUL or other control character, a `.` or `..` segment in any spelling
/// (`%2e%2e`), an empty segment (`//`), or broken percent-encoding.
enum RequestPath {
    /// Why a path was refused.
    struct Rejection: Error, Equatable {
        /// A short reason, sent in the 400 response.
        let reason: String
    }

    /// The decoded path, or why it is refused.
    static func validate(_ raw: String) -> Result<String, Rejection> {
        guard raw.hasPrefix("/") else { return .failure(Rejection(reason: "the path must start with /")) }
        guard !raw.contains("\\") else { return .failure(Rejection(reason: "backslashes are not allowed in paths")) }
        let lowered = raw.lowercased()
        for encoded in ["%2f", "%5c", "%00"] where lowered.contains(encoded) {
            return .failure(Rejection(reason: "encoded slashes, backslashes and NULs are not allowed in paths"))
        }
        guard let decoded = raw.removingPercentEncoding else {
            return .failure(Rejection(reason: "the path's percent-encoding is malformed"))
        }
        if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f || $0 == "\\" }) {
            return .failure(Rejection(reason: "control characters are not allowed in paths"))
        }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in segments.enumerated() {
            if segment == "." || segment == ".." {
                return .failure(Rejection(reason: "'.' and '..' segments are not allowed in paths"))
            }
            if segment.isEmpty && index != segments.count - 1 {
                return .failure(Rejection(reason: "empty path segments ('//') are not allowed"))
            }
        }
        return .success(decoded)
    }
}
