import Algorithms
import EventKit
import Foundation

/// Adds links around words of a paragraph's rendered inline HTML, safely.
///
/// Only text between tags is touched: never a tag, an attribute, or text already inside an `<a>` or `<code>`.
/// Words are found by their HTML-escaped form (the way cmark-gfm escapes text: `&`, `<`, `>`, `"`), and each link
/// names which occurrence it wraps, counted in the plain paragraph, so the same words elsewhere stay plain.
enum InlineLinker {
    /// `html` with each of `links` wrapped in `<a class="xref xref--KIND" href="ROOT+URL">…</a>`; links that cannot be
    /// placed (occurrence not found, inside a link, overlapping another) are skipped.
    static func apply(_ links: [InlineLink], to html: String, root: String) -> String {
        guard !links.isEmpty else { return html }
        let bytes = Array(html.utf8)
        let segments = textSegments(bytes)
        // Each distinct text's occurrences (absolute offset, inside a link?) are found once: a paragraph with thousands
        // of links would otherwise be searched from its start for every one of them.
        var cache: [[UInt8]: [(offset: Int, isInsideLink: Bool)]] = [:]
        func occurrences(of needle: [UInt8]) -> [(offset: Int, isInsideLink: Bool)] {
            if let known = cache[needle] { return known }
            var found: [(offset: Int, isInsideLink: Bool)] = []
            for segment in segments {
                for offset in Occurrence.offsets(of: needle, in: Array(bytes[segment.range])) {
                    found.append((segment.range.lowerBound + offset, segment.isInsideLink))
                }
            }
            cache[needle] = found
            return found
        }
        // The placed links' ranges, by position (they never overlap), for a binary search per new link.
        var wraps: [(range: Range<Int>, link: InlineLink)] = []
        for link in links {
            let needle = Array(HTMLText.escape(link.text).utf8)
            guard !needle.isEmpty else { continue }
            let found = occurrences(of: needle)
            guard link.occurrence >= 0, link.occurrence < found.count, !found[link.occurrence].isInsideLink else { continue }
            let range = found[link.occurrence].offset..<(found[link.occurrence].offset + needle.count)
            let low = wraps.partitioningIndex { $0.range.lowerBound >= range.lowerBound }
            if low > 0 && wraps[low - 1].range.upperBound > range.lowerBound { continue }
            if low < wraps.count && wraps[low].range.lowerBound < range.upperBound { continue }
            wraps.insert((range, link), at: low)
        }
        return wrapped(bytes, wraps, root: root) ?? html
    }

    /// `bytes` with each range (in order, none overlapping) wrapped in its link's `<a>`; nil when there is none.
    static func wrapped(_ bytes: [UInt8], _ wraps: [(range: Range<Int>, link: InlineLink)], root: String) -> String? {
        guard !wraps.isEmpty else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + wraps.count * 64)
        var cursor = 0
        for wrap in wraps {
            output += bytes[cursor..<wrap.range.lowerBound]
            output += Array("<a class=\"xref xref--\(wrap.link.kind.rawValue)\" href=\"\(HTMLText.escape(root + wrap.link.url))\">".utf8)
            output += bytes[wrap.range]
            output += Array("</a>".utf8)
            cursor = wrap.range.upperBound
        }
        output += bytes[cursor...]
        return String(decoding: output, as: UTF8.self)
    }

    /// The runs of text between tags, and whether each is inside an `<a>` or `<code>` element.
    static func textSegments(_ bytes: [UInt8]) -> [(range: Range<Int>, isInsideLink: Bool)] {
        var segments: [(range: Range<Int>, isInsideLink: Bool)] = []
        var depth = 0
        var index = 0
        var textStart = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            if index > textStart { segments.append((textStart..<index, depth > 0)) }
            var end = index + 1
            while end < bytes.count, bytes[end] != UInt8(ascii: ">") { end += 1 }
            let tag = String(decoding: bytes[(index + 1)..<min(end, bytes.count)], as: UTF8.self).lowercased()
            let name = tag.prefix { $0.isLetter || $0 == "/" }
            if name == "a" || name == "code" { depth += 1 }
            if name == "/a" || name == "/code" { depth = max(0, depth - 1) }
            index = min(end + 1, bytes.count)
            textStart = index
        }
        if textStart < bytes.count { segments.append((textStart..<bytes.count, depth > 0)) }
        return segments
    }
}
