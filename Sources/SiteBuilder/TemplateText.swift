import Mustache

/// A string value as the template engine sees it: the same text, rendered, tested and transformed as a `String` is,
/// but cheaper to look up. swift-mustache resolves every `{{name}}` through dynamic casts of the value to its
/// protocols; a `String` fails three of them before it is printed with `String(describing:)`, and a lookup made
/// inside a string's section (`{{#url}}<a href="{{root}}{{.}}">{{/url}}`) reflects the string with `Mirror` first.
/// This type is found by the first cast (`MustacheCustomRenderable`) and answers "no such child" to the second
/// (`MustacheParent`) without reflection. Each cast asks the Swift runtime's conformance cache, whose shared reader
/// count two rendering threads contend for, so fewer casts also means less contention.
struct TemplateText: MustacheCustomRenderable, MustacheTransformable, MustacheParent, Comparable {
    /// The string itself.
    let text: String

    var renderText: String { text }
    var isNull: Bool { false }

    /// The transforms a `String` has (`empty`, `uppercased`, …), with the same results.
    func transform(_ name: String) -> Any? { text.transform(name) }

    /// A string has no named children; a lookup inside its section goes on down the context stack.
    func child(named: String) -> Any? { nil }

    static func < (lhs: TemplateText, rhs: TemplateText) -> Bool { lhs.text < rhs.text }

    /// `value` with every `String` in it (in dictionaries and arrays, at any depth) made a `TemplateText`; every other
    /// value is kept as it is.
    static func adapt(_ value: Any) -> Any {
        if let string = value as? String { return TemplateText(text: string) }
        if let dictionary = value as? [String: Any] { return dictionary.mapValues(adapt) }
        if let rows = value as? [[String: Any]] { return rows.map { $0.mapValues(adapt) } }
        if let strings = value as? [String] { return strings.map(TemplateText.init(text:)) }
        if let values = value as? [Any] { return values.map(adapt) }
        return value
    }

    /// Whether a template's text may name a partial by a value (`{{>*name}}`): swift-mustache reads that name only from
    /// a `String`, so a theme with such a tag is rendered with its strings as they are. Any `>*` counts, whatever the
    /// delimiters.
    static func allowed(inTemplate text: String) -> Bool {
        !text.contains(">*")
    }
}
