/// HTML text escaping, the way cmark-gfm writes text, for HTML that sitegen writes itself.
public enum HTMLText {
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
