/// The header StreetEvents PDFs repeat at the top of every page: the event's date and time, then the call's title
/// ("OCTOBER 25, 2012 / 8:30PM GMT, CALX - Q3 2012 Calix, Inc. Earnings Conference Call"; older files write
/// "Oct. 25. 2012 / 8:30PM, CALX - ...").
///
/// Told by its shape, not by one spelling: a date line (see `EventDate.isDateLine`) then the title, case, spacing and
/// dashes aside, or the title cut short after its ticker; or the title alone on its line. Speech that merely starts
/// with a date goes on with other words than the title, so it stays speech.
struct RunningHeader {
    /// The title, spaces folded, spaced dashes written " - ", upper-cased.
    private let title: String
    /// "<TICKER> - ", which opens a title that names a ticker.
    private let tickerOpening: String?
    /// Upper-cased ASCII bytes every running header holds: the ticker, else the title's last word.
    private let anchor: [UInt8]

    /// The header of a call with this title and ticker; nil without a title.
    init?(title: String, ticker: String?) {
        let normal = Self.normalized(title)
        guard let last = normal.split(separator: " ").last, !last.isEmpty else { return nil }
        self.title = normal
        let ticker = ticker.map { $0.uppercased() }.flatMap { normal.hasPrefix($0 + " - ") ? $0 : nil }
        tickerOpening = ticker.map { $0 + " - " }
        anchor = Array((ticker ?? String(last)).utf8)
    }

    /// Whether `line` is this call's running header.
    func matches(_ line: String) -> Bool {
        guard line.utf8.count <= 400 else { return false }
        let anchored = line.withPlainUTF8 { Self.contains($0, upperCased: anchor) }
            ?? line.uppercased().contains(String(decoding: anchor, as: UTF8.self))
        guard anchored else { return false }
        let upper = Self.normalized(line)
        let start: String.Index
        if upper.hasSuffix(title) {
            start = upper.index(upper.endIndex, offsetBy: -title.count)
        } else if let tickerOpening, let opening = upper.range(of: tickerOpening) {
            // Cut short: what follows the ticker is the start of the title ("... CALX - Q3 2012 Calix, Inc. Earn...").
            let rest = upper[opening.lowerBound...].trimmingCharacters(in: ".… ")
            guard rest.count > tickerOpening.count, title.hasPrefix(rest) else { return false }
            start = opening.lowerBound
        } else {
            return false
        }
        let date = upper[..<start].trimmingCharacters(in: " ,-|/")
        if date.isEmpty { return start == upper.startIndex && upper == title }
        return EventDate.isDateLine(date)
    }

    /// Spaces folded, spaced dashes written " - ", upper-cased: the form header and title are compared in.
    private static func normalized(_ text: String) -> String {
        EventTranscriptScan.folded(text).withHyphenSpacedDashes.uppercased()
    }

    /// Whether plain `bytes` hold `needle` (upper-cased ASCII), ASCII case ignored.
    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, upperCased needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, bytes.count >= needle.count else { return needle.isEmpty }
        for start in 0...(bytes.count - needle.count) where PlainText.upper(bytes[start]) == needle[0] {
            var offset = 1
            while offset < needle.count, PlainText.upper(bytes[start + offset]) == needle[offset] { offset += 1 }
            if offset == needle.count { return true }
        }
        return false
    }
}
