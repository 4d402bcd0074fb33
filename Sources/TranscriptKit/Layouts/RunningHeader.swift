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
    /// Bytes every running header holds, as the title writes them and upper-cased: the ticker, else the title's last word.
    private let anchors: [[UInt8]]

    /// The header of a call with this title and ticker; nil without a title.
    init?(title: String, ticker: String?) {
        let normal = Self.normalized(title)
        guard let last = EventTranscriptScan.folded(title).split(separator: " ").last, !last.isEmpty else { return nil }
        self.title = normal
        let ticker = ticker.flatMap { normal.hasPrefix($0.uppercased() + " - ") ? $0 : nil }
        tickerOpening = ticker.map { $0.uppercased() + " - " }
        let anchor = ticker ?? String(last)
        anchors = Array(Set([Array(anchor.utf8), Array(anchor.uppercased().utf8)]))
    }

    /// Whether `line` is this call's running header.
    func matches(_ line: String) -> Bool {
        if let plain = line.withPlainUTF8({ matches(plain: $0, line) }) { return plain }
        guard line.utf8.count <= 400, anchors.contains(where: { line.uppercased().contains(String(decoding: $0, as: UTF8.self).uppercased()) }) else {
            return false
        }
        return matchesAnchored(line)
    }

    /// `matches` for a plain line (see `PlainText`), given its bytes: the anchor is looked for by bytes.
    func matches(plain bytes: UnsafeBufferPointer<UInt8>, _ line: String) -> Bool {
        guard bytes.count <= 400,
              anchors.contains(where: { anchor in anchor.withUnsafeBufferPointer { PlainText.firstOffset(of: $0, in: bytes) != nil } }) else {
            return false
        }
        return matchesAnchored(line)
    }

    /// `matches` for a line known to hold an anchor.
    private func matchesAnchored(_ line: String) -> Bool {
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
}
