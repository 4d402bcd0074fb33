/// A template's tags as swift-mustache 2.1.1's parser reads them, set-delimiter tags (`{{=<% %>=}}`) included: the
/// partials it names, whether it names one by a value, and the first mistake that parser stops at, in an author's terms.
struct TemplateScan {
    /// A `{{>name}}` partial or `{{<name}}` parent named by a template, at the line of its tag.
    struct Reference: Equatable {
        let name: String
        let line: Int
        let isParent: Bool

        /// The tag as written with the standard delimiters.
        var tag: String { "{{\(isParent ? "<" : ">")\(name)}}" }
    }

    /// The swift-mustache parser error a problem stands for (`endOfFile` is its `Parser.Error.overflow`).
    enum Kind: Equatable {
        case sectionCloseNameIncorrect, unfinishedName, expectedSectionEnd, invalidSetDelimiter
        case transformAppliedToInheritanceSection, illegalTokenInsideInheritSection
        case invalidConfigVariableSyntax, unrecognisedConfigVariable, endOfFile
    }

    /// The first mistake in the template: the parser error it causes, its line (1-based) and a sentence for the author.
    struct Problem: Equatable {
        let kind: Kind
        let line: Int
        let message: String
    }

    /// The partials and parents named, in text order (dynamic ones, `{{>*name}}`, left out).
    private(set) var references: [Reference] = []
    /// Whether a partial is named by a value (`{{>*name}}` or `{{<*name}}`), whatever the delimiters.
    private(set) var namesPartialByValue = false
    /// The first mistake, or nil when the parser accepts the template.
    private(set) var problem: Problem?

    /// A section, block or parent being read, with the delimiters in force inside it (a set-delimiter tag lasts to
    /// the end of the section it is in).
    private struct Frame {
        var sigil: Character
        var name: String
        var line: Int
        var start: String
        var end: String
        var isParentTopLevel: Bool
        var illegal: (tag: String, line: Int)?

        /// The tag that opened the frame, with the delimiters in force where it was written.
        var openTag: String
    }

    private static let nameChars = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let nameCharsWithoutBrackets = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let partialNameChars = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")
    /// The content types a `{{% CONTENT_TYPE: … }}` pragma may name.
    static let contentTypes: Set<String> = ["HTML", "TEXT", HTMLContentType.name]

    private let chars: [Character]
    private var index = 0
    private var line = 1
    private var frames: [Frame]

    /// Scans `text`, stopping at the first mistake.
    init(_ text: String) {
        chars = Array(text)
        frames = [Frame(sigil: " ", name: "", line: 0, start: "{{", end: "}}", isParentTopLevel: false, openTag: "")]
        scan()
    }

    private var frame: Frame {
        get { frames[frames.count - 1] }
        set { frames[frames.count - 1] = newValue }
    }

    private mutating func scan() {
        while problem == nil {
            guard index < chars.count else {
                if frames.count > 1 {
                    let open = frame
                    fail(.expectedSectionEnd, line: open.line,
                         "the file ends inside \(open.openTag), opened at line \(open.line); close it with \(open.start)/\(open.name)\(open.end)")
                }
                return
            }
            let character = chars[index]
            if character.isNewline {
                line += 1
                index += 1
            } else if character == frame.start.first {
                guard chars.count - index >= frame.start.count else {
                    fail(.endOfFile, line: line, "the file ends in the middle of a tag")
                    return
                }
                if matches(frame.start) {
                    let tagStart = index
                    index += frame.start.count
                    if index < chars.count { tag(from: tagStart) }
                } else {
                    index += 1
                }
            } else {
                index += 1
            }
        }
    }

    private func matches(_ string: String) -> Bool {
        var cursor = index
        for character in string {
            guard cursor < chars.count, chars[cursor] == character else { return false }
            cursor += 1
        }
        return true
    }

    private mutating func fail(_ kind: Kind, line: Int, _ message: String) {
        if problem == nil { problem = Problem(kind: kind, line: line, message: message) }
    }

    private mutating func skipWhitespace() {
        while index < chars.count, chars[index].isWhitespace {
            if chars[index].isNewline { line += 1 }
            index += 1
        }
    }

    private mutating func read(while set: Set<Character>) -> String {
        let start = index
        while index < chars.count, set.contains(chars[index]) { index += 1 }
        return String(chars[start..<index])
    }

    /// The tag starting at `start`, as written (to its end delimiter or the end of its line, at most 80 characters).
    private func written(from start: Int) -> String {
        var cursor = start + frame.start.count
        while cursor < chars.count, !chars[cursor].isNewline, cursor - start < 80 {
            if chars[cursor...].starts(with: frame.end) { return String(chars[start..<cursor]) + frame.end }
            cursor += 1
        }
        return String(chars[start..<cursor])
    }

    /// Reads a name and the end delimiter as `parseName` does; nil (after recording the problem) if that fails.
    private mutating func name(tagStart: Int, tagLine: Int, partial: Bool = false) -> String? {
        skipWhitespace()
        let text = read(while: partial ? Self.partialNameChars : Self.nameChars)
        skipWhitespace()
        guard matches(frame.end), partial || Self.transforms(of: text) != nil else {
            if index >= chars.count {
                fail(.endOfFile, line: tagLine, "the file ends inside the tag \(written(from: tagStart)) (line \(tagLine)), before its \(frame.end)")
            } else {
                fail(.unfinishedName, line: tagLine, "\(written(from: tagStart)) is not a tag swift-mustache can read: a name holds only letters, digits and . - _ ? *, "
                     + "with ( ) around a transform's value (empty(x)) and / only in a partial's name, and the tag ends with \(frame.end)")
            }
            return nil
        }
        index += frame.end.count
        return text
    }

    /// A name's transforms (`empty(x)` → `empty`), [] for a plain name, nil when the brackets are not as Mustache
    /// reads them.
    static func transforms(of text: String) -> [String]? {
        let chars = Array(text)
        var index = 0
        func word() -> String {
            let start = index
            while index < chars.count, nameCharsWithoutBrackets.contains(chars[index]) { index += 1 }
            return String(chars[start..<index])
        }
        var transforms = [word()]
        if index == chars.count { return [] }
        guard chars[index] == "(" else { return nil }
        index += 1
        while true {
            let name = word()
            guard index < chars.count else { return nil }
            if chars[index] == "(" {
                index += 1
                transforms.append(name)
                continue
            }
            guard chars[index] == ")" else { return nil }
            index += 1
            var closing = 1
            while index < chars.count, chars[index] == ")" {
                closing += 1
                index += 1
            }
            return closing == transforms.count && index == chars.count ? transforms : nil
        }
    }

    /// Notes a tag that makes a token: inside a parent (`{{<base}}`) but outside its blocks, the parser refuses it
    /// once the parent is read.
    private mutating func token(_ tag: String, line: Int) {
        if frame.isParentTopLevel, frame.illegal == nil { frame.illegal = (tag, line) }
    }

    private mutating func open(_ sigil: Character, _ name: String, line: Int, tag: String, parent: Bool = false) {
        var inner = frame
        inner.sigil = sigil
        inner.name = name
        inner.line = line
        inner.isParentTopLevel = parent
        inner.illegal = nil
        inner.openTag = tag
        frames.append(inner)
    }

    private mutating func tag(from tagStart: Int) {
        let tagLine = line
        let sigil = chars[index]
        switch sigil {
        case "#", "^":
            index += 1
            guard let name = name(tagStart: tagStart, tagLine: tagLine) else { return }
            let tag = "\(frame.start)\(sigil)\(name)\(frame.end)"
            token(tag, line: tagLine)
            open(sigil, name, line: tagLine, tag: tag)
        case "/":
            index += 1
            let open = frame
            guard let name = name(tagStart: tagStart, tagLine: tagLine) else {
                if open.sigil == "<", open.name.contains("/"), problem?.kind == .unfinishedName {
                    problem = Problem(kind: .unfinishedName, line: open.line,
                                      message: "\(open.openTag): a parent template's name cannot contain '/' in swift-mustache 2.1.1, because its closing tag cannot; "
                                      + "use {{<name}} only with templates at the top of templates/, such as base, and include partials/… with {{>…}}")
                }
                return
            }
            let close = "\(open.start)/\(name)\(open.end)"
            guard frames.count > 1, name == open.name else {
                if frames.count == 1 {
                    fail(.sectionCloseNameIncorrect, line: tagLine, "\(close) closes a section, but no section is open")
                } else if let outer = frames.dropFirst().dropLast().last(where: { $0.name == name }) {
                    fail(.sectionCloseNameIncorrect, line: tagLine,
                         "\(close) closes \(outer.openTag) (line \(outer.line)), but \(open.openTag) opened at line \(open.line) is still open; "
                         + "close it with \(open.start)/\(open.name)\(open.end) first")
                } else {
                    fail(.sectionCloseNameIncorrect, line: tagLine,
                         "\(close) closes a section, but the open section is \(open.openTag) opened at line \(open.line)")
                }
                return
            }
            frames.removeLast()
            if let illegal = open.illegal {
                fail(.illegalTokenInsideInheritSection, line: illegal.line,
                     "\(illegal.tag) is inside \(open.openTag) (line \(open.line)) but outside its blocks: between a parent's tags only "
                     + "blocks ({{$name}}…{{/name}}) may stand, which replace the parent's blocks; move it into one")
            }
        case "!":
            index += 1
            while index < chars.count, !matches(frame.end) {
                if chars[index].isNewline { line += 1 }
                index += 1
            }
            guard index < chars.count else {
                fail(.endOfFile, line: tagLine, "the comment opened at line \(tagLine) never ends: no \(frame.end) follows it")
                return
            }
            index += frame.end.count
        case "{", "&":
            index += 1
            guard let name = name(tagStart: tagStart, tagLine: tagLine) else { return }
            if sigil == "{" {
                guard index < chars.count else {
                    fail(.endOfFile, line: tagLine, "the file ends inside the tag \(frame.start){\(name)\(frame.end), before its closing }")
                    return
                }
                guard chars[index] == "}" else {
                    fail(.unfinishedName, line: tagLine,
                         "\(frame.start){\(name)\(frame.end) lacks its third closing brace: write \(frame.start){\(name)}\(frame.end)")
                    return
                }
                index += 1
            }
            token("\(frame.start)\(sigil)\(name)\(sigil == "{" ? "}" : "")\(frame.end)", line: tagLine)
        case ">":
            index += 1
            skipWhitespace()
            let dynamic = index < chars.count && chars[index] == "*"
            if dynamic { index += 1 }
            guard let name = name(tagStart: tagStart, tagLine: tagLine, partial: true) else { return }
            if dynamic {
                namesPartialByValue = true
            } else if !name.isEmpty {
                references.append(Reference(name: name, line: tagLine, isParent: false))
            }
            token("\(frame.start)>\(dynamic ? "*" : "")\(name)\(frame.end)", line: tagLine)
        case "<":
            index += 1
            skipWhitespace()
            guard let name = name(tagStart: tagStart, tagLine: tagLine, partial: true) else { return }
            if name.hasPrefix("*") {
                namesPartialByValue = true
            } else if !name.isEmpty {
                references.append(Reference(name: name, line: tagLine, isParent: true))
            }
            let tag = "\(frame.start)<\(name)\(frame.end)"
            token(tag, line: tagLine)
            open("<", name, line: tagLine, tag: tag, parent: true)
        case "$":
            index += 1
            guard let name = name(tagStart: tagStart, tagLine: tagLine) else { return }
            let tag = "\(frame.start)$\(name)\(frame.end)"
            guard Self.transforms(of: name) == [] else {
                fail(.transformAppliedToInheritanceSection, line: tagLine, "\(tag): a block's name cannot apply a transform; name the block plainly")
                return
            }
            if !frame.isParentTopLevel { token(tag, line: tagLine) }
            open("$", name, line: tagLine, tag: tag)
        case "=":
            index += 1
            setDelimiters(tagStart: tagStart, tagLine: tagLine)
        case "%":
            index += 1
            pragma(tagStart: tagStart, tagLine: tagLine)
        default:
            guard let name = name(tagStart: tagStart, tagLine: tagLine) else { return }
            token("\(frame.start)\(name)\(frame.end)", line: tagLine)
        }
    }

    private mutating func setDelimiters(tagStart: Int, tagLine: Int) {
        let invalid = { (scan: inout TemplateScan) in
            scan.fail(.invalidSetDelimiter, line: tagLine, "\(scan.written(from: tagStart)) is not a set-delimiter tag: write the two new delimiters, "
                      + "a space between them, then = and the current closing delimiter, as in {{=<% %>=}}")
        }
        skipWhitespace()
        let start = read(while: { !$0.isWhitespace })
        skipWhitespace()
        let end = read(while: { $0 != "=" && !$0.isWhitespace })
        skipWhitespace()
        guard index < chars.count else {
            if start.isEmpty || end.isEmpty { invalid(&self) } else {
                fail(.endOfFile, line: tagLine, "the file ends inside the set-delimiter tag \(written(from: tagStart)) (line \(tagLine))")
            }
            return
        }
        guard chars[index] == "=" else { return invalid(&self) }
        index += 1
        guard matches(frame.end), !start.isEmpty, !end.isEmpty else {
            if chars.count - index < frame.end.count {
                fail(.endOfFile, line: tagLine, "the file ends inside the set-delimiter tag \(written(from: tagStart)) (line \(tagLine))")
            } else {
                invalid(&self)
            }
            return
        }
        index += frame.end.count
        frame.start = start
        frame.end = end
        frame.isParentTopLevel = false
    }

    private mutating func read(while condition: (Character) -> Bool) -> String {
        let start = index
        while index < chars.count, condition(chars[index]) { index += 1 }
        return String(chars[start..<index])
    }

    private mutating func pragma(tagStart: Int, tagLine: Int) {
        skipWhitespace()
        let variable = read(while: Self.nameCharsWithoutBrackets)
        skipWhitespace()
        var value = ""
        if index < chars.count, chars[index] == ":" {
            index += 1
            skipWhitespace()
            value = read(while: Self.nameCharsWithoutBrackets)
            skipWhitespace()
        }
        guard !variable.isEmpty, !value.isEmpty, matches(frame.end) else {
            fail(.invalidConfigVariableSyntax, line: tagLine,
                 "\(written(from: tagStart)) is not a pragma swift-mustache can read: write \(frame.start)% CONTENT_TYPE: TEXT \(frame.end)")
            return
        }
        index += frame.end.count
        guard variable == "CONTENT_TYPE", Self.contentTypes.contains(value) else {
            fail(.unrecognisedConfigVariable, line: tagLine,
                 "\(written(from: tagStart)): swift-mustache knows only the pragma CONTENT_TYPE, with HTML or TEXT; sitegen sets its own HTML escaping")
            return
        }
        token(written(from: tagStart), line: tagLine)
    }
}
