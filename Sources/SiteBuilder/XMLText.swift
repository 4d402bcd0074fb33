import Foundation

/// Text helpers for the XML files the build writes (Atom feeds, sitemaps).
public enum XMLText {
    /// Escapes `&`, `<`, `>`, `"` and `'`, and drops the characters XML 1.0 cannot hold (most C0 controls, U+FFFE, U+FFFF, lone surrogates).
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// URLs of published files: site-relative paths made absolute against the base URL when there is one.
public enum SiteURL {
    /// Characters left as they are in a path component; everything else is percent-encoded (RFC 3986 `pchar` less `:` and `@`).
    private static let componentAllowed: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        set.insert(charactersIn: "!$&'()*+,;=")
        return set
    }()

    /// The URL of an output file, relative to the site root: "companies/calx/index.html" → "companies/calx/", "index.html" → "".
    public static func relative(for path: OutputPath) -> String {
        var components = path.components
        if components.last == "index.html" {
            components.removeLast()
            return components.map(encode).map { $0 + "/" }.joined()
        }
        return components.map(encode).joined(separator: "/")
    }

    /// `relative` against `base` ("https://example.org/calls/" + "companies/calx/"), or unchanged when `base` is nil.
    public static func absolute(_ relative: String, base: String?) -> String {
        guard let base else { return relative }
        return (base.hasSuffix("/") ? base : base + "/") + relative
    }

    /// Percent-encodes one path component.
    static func encode(_ component: String) -> String {
        component.addingPercentEncoding(withAllowedCharacters: componentAllowed) ?? component
    }
}
