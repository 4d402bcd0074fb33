import Foundation

/// Digests template contexts, so a page is rendered again only when something it shows has changed.
enum ContextDigest {
    /// Adds a context value: strings, numbers, booleans, arrays and dictionaries (keys in sorted order), each with a
    /// type tag so that, say, `"1"` and `1` differ.
    static func add(_ value: Any, to hasher: inout DigestHasher) {
        switch value {
        case let string as String:
            hasher.combine(1)
            hasher.combine(string)
        case let flag as Bool:
            hasher.combine(flag ? 3 : 2)
        case let number as Int:
            hasher.combine(4)
            hasher.combine(number)
        case let number as Double:
            hasher.combine(5)
            hasher.combine(Int(bitPattern: UInt(number.bitPattern)))
        case let dictionary as [String: Any]:
            hasher.combine(6)
            hasher.combine(dictionary.count)
            for key in dictionary.keys.sorted() {
                hasher.combine(key)
                add(dictionary[key]!, to: &hasher)
            }
        case let array as [Any]:
            hasher.combine(7)
            hasher.combine(array.count)
            for item in array { add(item, to: &hasher) }
        default:
            hasher.combine(8)
            hasher.combine(String(describing: type(of: value)))
            hasher.combine(String(describing: value))
        }
    }
}

extension Theme {
    /// The key of a page: this theme's templates, the template used and the whole context.
    func key(_ template: String, _ context: [String: Any]) -> ContentDigest {
        var hasher = DigestHasher()
        hasher.combine(fingerprint.description)
        hasher.combine(template)
        ContextDigest.add(context, to: &hasher)
        return hasher.finalize()
    }

    /// Renders `template` with `context` into `tree` at `path`, unless the output already holds that very page;
    /// `dependencies` (see `PageDependencies`) is recorded with the page.
    func write(_ template: String, _ context: [String: Any], to path: OutputPath, in tree: OutputTree,
               dependencies: ContentDigest? = nil) throws {
        try tree.write(key: key(template, context), to: path, dependencies: dependencies) { render(template, context) }
    }
}
