import Foundation

/// The part of the WHATWG HTML tokenizer that `LinkChecker` needs: start and end tags with ASCII case-insensitive
/// names, attributes in their three value forms (double-quoted, single-quoted, unquoted) with character references
/// decoded, comments, doctypes and bogus comments skipped, and the text of raw-text elements (`script`, `style`,
/// `textarea`, `title`) never read as markup. Works on the UTF-8 bytes; text between tags is not decoded.
enum HTMLTokenizer {
    /// A tag as the tokenizer hands it over.
    struct Tag {
        /// The tag name, ASCII lower-cased.
        var name = ""
        /// Whether this is an end tag (`</name>`); its attributes are then dropped.
        var isEnd = false
        /// Attribute names ASCII lower-cased, first of each name only (as HTML keeps them); values decoded for the
        /// names asked for, empty for the others.
        var attributes: [(name: String, value: String)] = []
        /// The UTF-8 offset just past the tag's `>`.
        var end = 0
        /// For a raw-text element's start tag, the UTF-8 offsets of its text up to its end tag; nil when it has no end tag.
        var text: Range<Int>?

        /// The value of attribute `name` (lower case), nil when the tag has none.
        subscript(_ name: String) -> String? {
            for attribute in attributes where attribute.name == name { return attribute.value }
            return nil
        }
    }

    /// Elements whose content is text up to their own end tag (RAWTEXT, RCDATA and script data in the standard).
    static let rawTextElements: Set<String> = ["script", "style", "textarea", "title"]

    /// Calls `visit` with every start and end tag of `html` in document order, decoding the values of the attributes
    /// named in `values` (lower case); a tag cut off by the end of the text is not a tag. `visit` returns false to stop.
    static func tags(in html: String, values: [String], _ visit: (Tag) -> Bool) {
        var html = html
        html.withUTF8 { bytes in tags(in: bytes, values: values, visit) }
    }

    /// `tags(in:values:_:)` on UTF-8 bytes.
    static func tags(in bytes: UnsafeBufferPointer<UInt8>, values: [String], _ visit: (Tag) -> Bool) {
        let count = bytes.count
        var tag = Tag()
        var position = 0
        while position < count {
            guard let open = index(of: UInt8(ascii: "<"), in: bytes, from: position) else { return }
            position = open + 1
            guard position < count else { return }
            let next = bytes[position]
            if isAlpha(next) || (next == UInt8(ascii: "/") && position + 1 < count && isAlpha(bytes[position + 1])) {
                let isEnd = next == UInt8(ascii: "/")
                guard let end = readTag(bytes, from: isEnd ? position + 1 : position, isEnd: isEnd, values: values, into: &tag) else { return }
                position = end
                if !isEnd, rawTextElements.contains(tag.name) {
                    let close = endTag(tag.name, in: bytes, from: end)
                    tag.text = close.map { end..<$0 }
                    position = close ?? count
                }
                if !visit(tag) { return }
            } else if next == UInt8(ascii: "!") {
                position = skipDeclaration(bytes, from: position + 1)
            } else if next == UInt8(ascii: "?") || next == UInt8(ascii: "/") {
                // `<?…>` and `</` not followed by a letter are bogus comments up to the next `>` (`</>` is nothing).
                position = (index(of: UInt8(ascii: ">"), in: bytes, from: position + 1) ?? count - 1) + 1
            }
        }
    }

    /// Reads the tag whose name starts at `start` into `tag`; the offset past its `>`, nil if the text ends first.
    private static func readTag(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, isEnd: Bool, values: [String], into tag: inout Tag) -> Int? {
        let count = bytes.count
        var position = start
        while position < count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: "/"), bytes[position] != UInt8(ascii: ">") {
            position += 1
        }
        tag.name = lowercased(bytes, start..<position)
        tag.isEnd = isEnd
        tag.text = nil
        tag.attributes.removeAll(keepingCapacity: true)
        var seen = Set<String>()
        while true {
            while position < count, isSpace(bytes[position]) { position += 1 }
            guard position < count else { return nil }
            switch bytes[position] {
            case UInt8(ascii: ">"):
                tag.end = position + 1
                return position + 1
            case UInt8(ascii: "/"):
                // A self-closing `/` not followed by `>` is dropped and the tag read on.
                position += 1
                continue
            default: break
            }
            // An attribute name: its first character may be `=`, later ones end at space, `/`, `>` or `=`.
            let nameStart = position
            position += 1
            while position < count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: "/"),
                  bytes[position] != UInt8(ascii: ">"), bytes[position] != UInt8(ascii: "=") {
                position += 1
            }
            let nameRange = nameStart..<position
            while position < count, isSpace(bytes[position]) { position += 1 }
            var valueRange = position..<position
            if position < count, bytes[position] == UInt8(ascii: "=") {
                position += 1
                while position < count, isSpace(bytes[position]) { position += 1 }
                guard position < count else { return nil }
                let quote = bytes[position]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    guard let close = index(of: quote, in: bytes, from: position + 1) else { return nil }
                    valueRange = position + 1..<close
                    position = close + 1
                } else {
                    let valueStart = position
                    while position < count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">") { position += 1 }
                    valueRange = valueStart..<position
                }
            }
            if isEnd { continue }
            let name = lowercased(bytes, nameRange)
            // A repeated name keeps the first; past a few attributes a set keeps a hostile tag with thousands linear.
            if tag.attributes.count < 16 {
                guard !tag.attributes.contains(where: { $0.name == name }) else { continue }
                if tag.attributes.count == 15 { seen = Set(tag.attributes.map(\.name)); seen.insert(name) }
            } else {
                guard seen.insert(name).inserted else { continue }
            }
            tag.attributes.append((name, values.contains(name) ? decodeAttribute(bytes, valueRange) : ""))
        }
    }

    /// Skips what follows `<!`: a comment (`<!--…-->`, also ended by `--!>`, or at once by `<!-->` and `<!--->`), else a
    /// doctype or bogus comment up to the next `>`; the offset after it.
    private static func skipDeclaration(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let count = bytes.count
        let dash = UInt8(ascii: "-"), close = UInt8(ascii: ">")
        guard start + 1 < count, bytes[start] == dash, bytes[start + 1] == dash else {
            return (index(of: close, in: bytes, from: start) ?? count - 1) + 1
        }
        var position = start + 2
        if position < count, bytes[position] == close { return position + 1 }
        if position + 1 < count, bytes[position] == dash, bytes[position + 1] == close { return position + 2 }
        while let found = index(of: dash, in: bytes, from: position) {
            guard found + 2 < count else { return count }
            if bytes[found + 1] == dash {
                if bytes[found + 2] == close { return found + 3 }
                if bytes[found + 2] == UInt8(ascii: "!"), found + 3 < count, bytes[found + 3] == close { return found + 4 }
            }
            position = found + 1
        }
        return count
    }

    /// The offset of the end tag `</name` (followed by space, `/` or `>`, any case) at or after `start`, if any.
    private static func endTag(_ name: String, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let name = Array(name.utf8)
        let count = bytes.count
        var position = start
        while let open = index(of: UInt8(ascii: "<"), in: bytes, from: position) {
            position = open + 1
            let after = open + 2 + name.count
            guard after < count else { return nil }
            guard bytes[open + 1] == UInt8(ascii: "/") else { continue }
            var matched = true
            for offset in name.indices where lower(bytes[open + 2 + offset]) != name[offset] {
                matched = false
                break
            }
            if matched, isSpace(bytes[after]) || bytes[after] == UInt8(ascii: "/") || bytes[after] == UInt8(ascii: ">") { return open }
        }
        return nil
    }

    /// The first offset of `byte` at or after `start`.
    @inline(__always)
    private static func index(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var position = start
        while position < bytes.count {
            if bytes[position] == byte { return position }
            position += 1
        }
        return nil
    }

    @inline(__always) private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    @inline(__always) private static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    @inline(__always) private static func isAlphanumeric(_ byte: UInt8) -> Bool { isAlpha(byte) || (byte >= 0x30 && byte <= 0x39) }

    @inline(__always) private static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// The bytes in `range` as a string, ASCII letters lower-cased (HTML lower-cases no other letter in names).
    private static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { buffer in
            for (offset, index) in range.enumerated() { buffer[offset] = lower(bytes[index]) }
            return range.count
        }
    }

    /// An attribute value with its character references decoded as HTML decodes them in attributes.
    static func decodeAttribute(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(slice.count)
        var position = 0
        while position < slice.count {
            let byte = slice[position]
            guard byte == UInt8(ascii: "&"), let (scalar, length) = reference(slice, at: position) else {
                output.append(byte)
                position += 1
                continue
            }
            output.append(contentsOf: String(Character(scalar)).utf8)
            position += length
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The character reference starting with the `&` at `start` of an attribute value and its length in bytes; nil
    /// when the text is left as written (unknown name, or a name without `;` followed by `=` or a letter or digit).
    private static func reference(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Unicode.Scalar, Int)? {
        var position = start + 1
        guard position < bytes.count else { return nil }
        if bytes[position] == UInt8(ascii: "#") {
            position += 1
            let hex = position < bytes.count && (bytes[position] | 0x20) == UInt8(ascii: "x")
            if hex { position += 1 }
            let digitsStart = position
            var value: UInt32 = 0
            while position < bytes.count, let digit = digitValue(bytes[position], hex: hex) {
                value = min(value &* (hex ? 16 : 10) &+ digit, 0x110000)
                position += 1
            }
            guard position > digitsStart else { return nil }
            if position < bytes.count, bytes[position] == UInt8(ascii: ";") { position += 1 }
            return (numericScalar(value), position - start)
        }
        let nameStart = position
        while position < bytes.count, isAlphanumeric(bytes[position]), position - nameStart < 32 { position += 1 }
        guard position > nameStart else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<position]), as: UTF8.self)
        guard let value = namedReferences[name], let scalar = Unicode.Scalar(value) else { return nil }
        if position < bytes.count, bytes[position] == UInt8(ascii: ";") { return (scalar, position + 1 - start) }
        // Without `;`, only the legacy (HTML 3.2 Latin-1) names decode, and in an attribute not before `=`.
        guard value <= 0xFF, name != "apos", !(position < bytes.count && bytes[position] == UInt8(ascii: "=")) else { return nil }
        return (scalar, position - start)
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// The character a numeric reference stands for: U+FFFD for 0, surrogates and values past U+10FFFF, and
    /// Windows-1252's characters for 0x80–0x9F, as the standard says.
    private static func numericScalar(_ value: UInt32) -> Unicode.Scalar {
        if (0x80...0x9F).contains(value), let mapped = windows1252[value] { return Unicode.Scalar(mapped) ?? "\u{FFFD}" }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return scalar
    }

    private static let windows1252: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02C6,
        0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201C,
        0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC, 0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A,
        0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]

    /// The named references met in practice: markup characters, the Latin-1 set and common punctuation.
    static let namedReferences: [String: UInt32] = {
        var table: [String: UInt32] = [
            "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "AMP": 0x26, "LT": 0x3C, "GT": 0x3E, "QUOT": 0x22,
            "ndash": 0x2013, "mdash": 0x2014, "lsquo": 0x2018, "rsquo": 0x2019, "sbquo": 0x201A, "ldquo": 0x201C,
            "rdquo": 0x201D, "bdquo": 0x201E, "dagger": 0x2020, "Dagger": 0x2021, "bull": 0x2022, "hellip": 0x2026,
            "permil": 0x2030, "prime": 0x2032, "Prime": 0x2033, "lsaquo": 0x2039, "rsaquo": 0x203A, "euro": 0x20AC,
            "trade": 0x2122, "larr": 0x2190, "uarr": 0x2191, "rarr": 0x2192, "darr": 0x2193, "minus": 0x2212,
            "ensp": 0x2002, "emsp": 0x2003, "thinsp": 0x2009, "zwnj": 0x200C, "zwj": 0x200D, "OElig": 0x152,
            "oelig": 0x153, "Scaron": 0x160, "scaron": 0x161, "Yuml": 0x178, "fnof": 0x192, "circ": 0x2C6, "tilde": 0x2DC,
        ]
        // U+00A0–U+00FF in order, the HTML 3.2 Latin-1 names.
        let latin1 = """
            nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute \
            micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig \
            Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash \
            Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute \
            ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc \
            uuml yacute thorn yuml
            """
        for (offset, name) in latin1.split(separator: " ").enumerated() { table[String(name)] = 0xA0 + UInt32(offset) }
        return table
    }()
}

/// What `LinkChecker` reads of one page, in a single pass of `HTMLTokenizer`.
struct PageHTML {
    /// An `<img>`: its `src` as written (decoded), and whether it has an `alt` attribute.
    struct Image: Equatable {
        var source: String?
        var hasAlt: Bool
    }

    /// Every `href` value, then every `src` value, in document order within each, stripped as URLs are (leading
    /// and trailing spaces and controls, tabs and newlines inside).
    var links: [String] { hrefs + sources }
    /// The values of `href` attributes.
    var hrefs: [String] = []
    /// The values of `src` attributes.
    var sources: [String] = []
    /// The targets of `#fragment`s: every `id`, and every `name` of an `<a>`.
    var ids: [String] = []
    /// The page's images.
    var images: [Image] = []
    /// The text of the first `<title>` before `</head>` or `<body>` (entities as written, whitespace trimmed); nil
    /// when there is none or it is never closed.
    var title: String?
    /// The `href`s of `<link rel="canonical">` tags.
    var canonical: [String] = []

    init(_ html: String) {
        var html = html
        html.withUTF8 { bytes in
            var inHead = true, sawTitle = false
            HTMLTokenizer.tags(in: bytes, values: ["href", "src", "id", "name", "rel"]) { tag in
                if tag.isEnd {
                    if tag.name == "head" { inHead = false }
                    return true
                }
                let href = tag["href"].map(Self.stripped)
                if let href { hrefs.append(href) }
                if let source = tag["src"] { sources.append(Self.stripped(source)) }
                if let id = tag["id"], !id.isEmpty { ids.append(id) }
                switch tag.name {
                case "a": if let name = tag["name"], !name.isEmpty { ids.append(name) }
                case "img": images.append(Image(source: tag["src"], hasAlt: tag["alt"] != nil))
                case "body": inHead = false
                case "title" where inHead && !sawTitle:
                    sawTitle = true
                    title = tag.text.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
                case "link":
                    if let href, let rel = tag["rel"], rel.split(whereSeparator: { $0.isWhitespace }).contains(where: { $0.lowercased() == "canonical" }) {
                        canonical.append(href)
                    }
                default: break
                }
                return true
            }
        }
    }

    /// A URL attribute as a browser reads it: leading and trailing C0 controls and spaces dropped, and tabs and
    /// newlines anywhere.
    static func stripped(_ value: String) -> String {
        let utf8 = value.utf8
        guard let first = utf8.first, let last = utf8.last else { return value }
        if first > 0x20, last > 0x20, !utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return value }
        let kept = utf8.drop(while: { $0 <= 0x20 }).reversed().drop(while: { $0 <= 0x20 }).reversed()
            .filter { $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        return String(decoding: kept, as: UTF8.self)
    }
}
