import Mustache

/// A string value as the template engine sees it: the same text, rendered, tested and transformed as a `String` is,
/// but cheaper to look up. swift-mustache resolves every `{{name}}` through dynamic casts of the value to its
/// protocols; a `String` fails three of them before it is printed with `String(describing:)`, and a lookup made
/// inside a string's section (`{{#url}}<a href="{{root}}{{.}}">{{/url}}`) reflects the string with `Mirror` first.
/// This type is found by the first cast (`MustacheCustomRenderable`) and answers "no such child" to the second
/// (`MustacheParent`) without reflection. Each cast asks the Swift runtime's conformance cache, whose shared reader
/// count two rendering threads contend for, so fewer casts also means less contention.
struct TemplateText: MustacheCustomRenderable, MustacheTransformable, MustacheParent, Comparable, CustomStringConvertible,
    CustomDebugStringConvertible {
    /// The string itself.
    let text: String

    var renderText: String { text }
    var isNull: Bool { false }

    /// The transforms a `String` has (`empty`, `uppercased`, …), with the same results.
    func transform(_ name: String) -> Any? { text.transform(name) }

    /// A string has no named children; a lookup inside its section goes on down the context stack.
    func child(named: String) -> Any? { nil }

    static func < (lhs: TemplateText, rhs: TemplateText) -> Bool { lhs.text < rhs.text }

    /// The string, as a string prints (a list of strings printed with `{{list}}` shows the same text). Only a list printed
    /// through the `reversed` transform differs: Swift prints that wrapper with its element type's name.
    var description: String { text }
    var debugDescription: String { text.debugDescription }

    /// `value` with every `String` in it (in dictionaries and arrays, at any depth) made a `TemplateText`; every other
    /// value is kept as it is. Only these exact types are rewritten: `String`, `[String: Any]`, `[String: String]`
    /// (made a `[String: Any]`), `[String]`, `[[String: Any]]` and `[Any]`, so an optional, an `NSString`, a `[String?]` or
    /// an `[Int]` keeps its type (and the transforms and printing that go with it).
    static func adapt(_ value: Any) -> Any {
        adapted(value) ?? value
    }

    /// `adapt`'s work: nil when nothing in `value` changes.
    private static func adapted(_ value: Any) -> Any? {
        let type = Swift.type(of: value)
        if type == String.self, let string = value as? String { return TemplateText(text: string) }
        // For the containers of `Any`: each child adapted, and whether any changed.
        var changed = false
        func child(_ value: Any) -> Any {
            guard let new = adapted(value) else { return value }
            changed = true
            return new
        }
        if type == [String: Any].self, let dictionary = value as? [String: Any] {
            let result = dictionary.mapValues(child)
            return changed ? result : nil
        }
        if type == [String: String].self, let dictionary = value as? [String: String], !dictionary.isEmpty {
            return dictionary.mapValues { TemplateText(text: $0) as Any }
        }
        if type == [String].self, let strings = value as? [String], !strings.isEmpty { return strings.map(TemplateText.init(text:)) }
        if type == [[String: Any]].self, let rows = value as? [[String: Any]], !rows.isEmpty {
            return rows.map { row in (adapted(row) as? [String: Any]) ?? row }
        }
        if type == [Any].self, let values = value as? [Any], !values.isEmpty {
            let result = values.map(child)
            return changed ? result : nil
        }
        return nil
    }

    /// Whether a template's text may name a partial by a value (`{{>*name}}`, `{{> *name}}`, `{{<*name}}`):
    /// swift-mustache reads that name only from a `String`, so a theme with such a tag is rendered with its strings as
    /// they are. Any `>` or `<` followed by `*` (spaces between allowed) counts, whatever the delimiters: a false alarm
    /// costs only speed.
    static func allowed(inTemplate text: String) -> Bool {
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: ">") || byte == UInt8(ascii: "<") {
            var next = index + 1
            while next < bytes.count, bytes[next] == UInt8(ascii: " ") || bytes[next] == UInt8(ascii: "\t") || bytes[next] == UInt8(ascii: "\n") || bytes[next] == UInt8(ascii: "\r") {
                next += 1
            }
            if next < bytes.count, bytes[next] == UInt8(ascii: "*") { return false }
        }
        return true
    }
}
