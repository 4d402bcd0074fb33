/// HTML text escaping, the way cmark-gfm writes text, for HTML that sitegen writes itself.
public enum HTMLText {
    /// Escapes `<`, `>`, `&`, `"` and `'` as Mustache's HTML escaping does, scanning bytes; text without any of them is
    /// returned as it is.
    static func escapeForTemplate(_ text: String) -> String {
        let utf8 = text.utf8
        let special = { (byte: UInt8) in byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0x22 || byte == 0x27 }
        // Most values have nothing to escape: scan their bytes in place (a native string's are contiguous).
        guard utf8.withContiguousStorageIfAvailable({ $0.contains(where: special) }) ?? utf8.contains(where: special) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x3C: bytes.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])
            case 0x3E: bytes.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])
            case 0x26: bytes.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])
            case 0x22: bytes.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])
            case 0x27: bytes.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Escapes `&`, `<`, `>` and `"` so text is safe in element content and double-quoted attributes.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
