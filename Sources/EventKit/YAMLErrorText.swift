import Yams

extension YamlError {
    /// The 1-based line a YAML syntax error points at (where the construct began, when Yams says), for diagnostics.
    public var sourceLine: Int? {
        switch self {
        case .scanner(let context, _, let mark, _), .parser(let context, _, let mark, _), .composer(let context, _, let mark, _):
            return context?.mark.line ?? mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        default: return nil
        }
    }

    /// The problem in plain words, with its context ("while parsing a flow sequence: did not find expected ',' or ']'").
    public var reason: String {
        switch self {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
        case .duplicatedKeysInMapping(let duplicates, _):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return "the mapping that starts on this line sets \(keys) more than once; expected each key once"
        default: return "\(self)"
        }
    }
}
