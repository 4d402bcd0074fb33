import TranscriptKit

/// Warnings that a Markdown transcript carries in its front matter from the transcript it was converted from.
///
/// `sitegen convert` stores each warning with `file:` the original's file name (not its path: the Markdown file is
/// usually moved, into `Content/`) and `line:` its line there. They stay in the model as stored, so that
/// `parse(markdown(t)) == t`; reports name the Markdown file, which is where the archivist can act on them.
public enum CarriedWarnings {
    /// `warning` of a transcript read from `path`, as a report should show it: unchanged if it is about `path` itself,
    /// placed at `path` if it names no file, else about `path`, saying where in the original transcript it was found
    /// (`Content/call.md: warning: (from the original transcript raw-call.txt, line 11) …`).
    public static func reported(_ warning: Diagnostic, readFrom path: String) -> Diagnostic {
        guard warning.file != path else { return warning }
        guard warning.file != nil else { return Diagnostic(warning.severity, file: path, line: warning.line, warning.message) }
        var origin = "from the original transcript \(warning.file!)"
        if let line = warning.line { origin += ", line \(line)" }
        return Diagnostic(warning.severity, file: path, "(\(origin)) \(warning.message)")
    }

    /// The warnings of a transcript read from `path` as `convert` stores them: those about `path` name only its file
    /// name (the last path component), with their lines there; those it carried from an earlier conversion stay as they are.
    public static func stored(_ warnings: [Diagnostic], readFrom path: String) -> [Diagnostic] {
        let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        return warnings.map { warning in
            guard warning.file == path else { return warning }
            var stored = warning
            stored.file = name
            return stored
        }
    }
}
