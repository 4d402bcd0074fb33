import Foundation
import TranscriptKit

/// The on-disk format of the search index under `search/` (described in full in docs/SEARCH.md).
///
/// Documents are paragraphs, numbered from 0 in site order (the calls as `SiteIndex` orders them, then the
/// paragraphs of each call in file order). Terms are spread over `shards` binary files by ``hash(_:)``; a term's
/// postings (doc-id gaps and one flags byte each) sit in its shard, or, for a term whose postings are large, in
/// "tier" files of decreasing impact so that a one-word query reads only the best postings.
enum SearchIndexFormat {
    /// Bumped when the files change incompatibly; the search page checks it.
    static let version = 1
    /// BM25 term-frequency saturation.
    static let k1 = 1.2
    /// BM25 length normalisation.
    static let b = 0.75
    /// Impacts are quantised to this many levels (4 bits of the flags byte).
    static let impactLevels = 16
    /// Magic bytes at the start of each shard file.
    static let shardMagic: [UInt8] = Array("SGS1".utf8)

    /// FNV-1a (32-bit) of the term's UTF-8 bytes; the term lives in shard `hash % shards`.
    static func hash(_ term: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in term.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }

    /// The shard a term belongs in.
    static func shard(of term: String, shards: Int) -> Int {
        Int(hash(term) % UInt32(shards))
    }

    /// The quantised BM25 term weight `tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl))`, 0…15.
    static func impact(tf: Int, length: Int, averageLength: Double) -> UInt8 {
        let tf = Double(tf)
        let norm = k1 * (1 - b + b * Double(length) / max(averageLength, 1))
        let weight = tf * (k1 + 1) / (tf + norm)
        let level = Int(weight / (k1 + 1) * Double(impactLevels))
        return UInt8(min(max(level, 0), impactLevels - 1))
    }

    /// The speaker-group code kept in a posting's flags (bits 2–3).
    static func groupCode(_ group: ParticipantGroup) -> UInt8 {
        switch group {
        case .corporate: return 0
        case .analyst: return 1
        case .operator: return 2
        case .unidentified: return 3
        }
    }

    /// The section code kept in a posting's flags (bits 0–1).
    static func sectionCode(_ kind: SectionKind) -> UInt8 {
        switch kind {
        case .presentation: return 0
        case .questionsAndAnswers: return 1
        case .other: return 2
        }
    }

    /// Appends `value` as an unsigned LEB128 varint.
    @inline(__always)
    static func appendVarint(_ value: Int, to bytes: inout [UInt8]) {
        var value = UInt64(value)
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Reads a varint at `position`, advancing it (a truncated one ends at the end of the bytes).
    @inline(__always)
    static func readVarint<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ position: inout Int) -> Int where Bytes.Index == Int {
        var value = 0
        var shift = 0
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return value
    }

    /// The path of shard `number`.
    static func shardPath(_ number: Int) -> OutputPath { OutputPath("search/shards/\(number).bin")! }

    /// The path of tier `tier` of the term at `ordinal` (its position in the shard) in shard `shard`.
    static func tierPath(shard: Int, ordinal: Int, tier: Int) -> OutputPath {
        OutputPath("search/tiers/\(shard)/\(ordinal)-\(tier).bin")!
    }

    /// The path of the document chunk `chunk` (folders of 1,024 chunks).
    static func chunkPath(_ chunk: Int) -> OutputPath { OutputPath("search/docs/\(chunk >> 10)/\(chunk).json")! }

    /// The path of the document ranges of one filter value (`company`, `quarter` or `speaker`).
    static func filterPath(kind: String, slug: String) -> OutputPath? { OutputPath("search/filters/\(kind)/\(slug).json") }

    /// The manifest's path.
    static let manifestPath = OutputPath("search/manifest.json")!
    /// The speaker vocabulary's path.
    static let speakersPath = OutputPath("search/speakers.json")!
    /// The search page's path.
    static let pagePath = OutputPath("search/index.html")!
}

/// A JSON string literal, escaped by hand so the large per-chunk files are written quickly and byte-for-byte
/// deterministically.
enum SearchJSON {
    /// Appends `text` as a quoted JSON string (as ``string(_:)`` makes it) to `json`.
    static func append(_ text: String, to json: inout String) {
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }
        }
        if plain == true {
            json += "\""
            json += text
            json += "\""
        } else {
            json += string(text)
        }
    }

    /// `text` as a quoted JSON string: `"`, `\\`, control characters, U+2028 and U+2029 escaped; a byte scan, with the
    /// text copied as it is when none of them occur.
    static func string(_ text: String) -> String {
        let utf8 = text.utf8
        let needsEscape = utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }
        guard needsEscape else { return "\"" + text + "\"" }
        var bytes: [UInt8] = [0x22]
        bytes.reserveCapacity(utf8.count + 16)
        let hex = Array("0123456789abcdef".utf8)
        var iterator = utf8.makeIterator()
        var pending: [UInt8] = []
        while let byte = pending.isEmpty ? iterator.next() : pending.removeFirst() {
            switch byte {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x0D: bytes += [0x5C, 0x72]
            case 0x09: bytes += [0x5C, 0x74]
            case 0xE2:
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                guard let second = iterator.next() else { bytes.append(byte); continue }
                guard second == 0x80, let third = iterator.next() else { bytes.append(byte); pending.append(second); continue }
                if third == 0xA8 || third == 0xA9 {
                    bytes += Array("\\u202".utf8) + [third == 0xA8 ? 0x38 : 0x39]
                } else {
                    bytes += [byte, second]
                    pending.append(third)
                }
            default:
                if byte < 0x20 {
                    bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                } else {
                    bytes.append(byte)
                }
            }
        }
        bytes.append(0x22)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A JSON array of already-encoded values.
    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}
