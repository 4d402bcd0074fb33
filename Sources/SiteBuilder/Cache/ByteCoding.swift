import Foundation

/// Appends values to a compact little-endian byte buffer: the build cache's on-disk format.
struct ByteWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    /// An unsigned LEB128 varint.
    mutating func int(_ value: Int) {
        var rest = UInt64(bitPattern: Int64(value))
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Eight raw bytes.
    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// A length-prefixed UTF-8 string.
    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// A presence byte, then the string when there is one.
    mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    /// Raw bytes, as they are.
    mutating func raw(_ value: some Collection<UInt8>) {
        bytes.append(contentsOf: value)
    }

    /// A length-prefixed run of raw bytes.
    mutating func data(_ value: [UInt8]) {
        int(value.count)
        bytes.append(contentsOf: value)
    }
}

/// Reads what `ByteWriter` wrote; every read checks bounds and throws `CacheFormatError` on truncated or foreign bytes.
struct ByteReader {
    private let bytes: [UInt8]
    private var position: Int
    private let end: Int

    init(_ bytes: [UInt8]) { self.init(bytes, range: 0..<bytes.count) }

    /// Reads `range` of `bytes` only (shared, not copied).
    init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        position = range.lowerBound
        end = min(range.upperBound, bytes.count)
    }

    /// True when every byte has been read.
    var isAtEnd: Bool { position == end }

    /// Where the next read starts, as an index into the bytes.
    var offset: Int { position }

    /// Skips `count` bytes.
    mutating func skip(_ count: Int) throws(CacheFormatError) {
        guard count >= 0, count <= end - position else { throw CacheFormatError() }
        position += count
    }

    mutating func int() throws(CacheFormatError) -> Int {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end, shift < 64 else { throw CacheFormatError() }
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: result))
    }

    /// A varint that must be a count or index: 0 … `limit`.
    mutating func count(limit: Int = 1 << 30) throws(CacheFormatError) -> Int {
        let value = try int()
        guard value >= 0, value <= limit else { throw CacheFormatError() }
        return value
    }

    mutating func uint64() throws(CacheFormatError) -> UInt64 {
        guard position + 8 <= end else { throw CacheFormatError() }
        var value: UInt64 = 0
        for offset in 0..<8 { value |= UInt64(bytes[position + offset]) << (8 * UInt64(offset)) }
        position += 8
        return value
    }

    mutating func bool() throws(CacheFormatError) -> Bool {
        guard position < end, bytes[position] <= 1 else { throw CacheFormatError() }
        position += 1
        return bytes[position - 1] == 1
    }

    mutating func string() throws(CacheFormatError) -> String {
        let length = try count()
        guard length <= end - position else { throw CacheFormatError() }
        let value = bytes.withUnsafeBufferPointer { String(decoding: $0[position..<(position + length)], as: UTF8.self) }
        position += length
        return value
    }

    mutating func optionalString() throws(CacheFormatError) -> String? {
        try bool() ? try string() : nil
    }

    /// The next `count` raw bytes.
    mutating func raw(count: Int) throws(CacheFormatError) -> [UInt8] {
        guard count >= 0, count <= end - position else { throw CacheFormatError() }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    mutating func data() throws(CacheFormatError) -> [UInt8] {
        let length = try count()
        guard length <= end - position else { throw CacheFormatError() }
        defer { position += length }
        return Array(bytes[position..<(position + length)])
    }

    /// One of an enum's raw values, by its string.
    mutating func value<T: RawRepresentable>(_ type: T.Type) throws(CacheFormatError) -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw CacheFormatError() }
        return value
    }
}

/// Cached bytes that are not what this version of sitegen writes (truncated, corrupt or from another format); the entry is ignored.
struct CacheFormatError: Error {}

/// A 128-bit digest of bytes, for cache keys: fast, not cryptographic (a cache entry only ever names the site's own inputs).
struct ContentDigest: Hashable, Sendable, CustomStringConvertible {
    var high: UInt64
    var low: UInt64

    /// Digests `bytes`.
    init(_ bytes: UnsafeRawBufferPointer) {
        var hasher = DigestHasher()
        hasher.combine(bytes)
        self = hasher.finalize()
    }

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The digest that names a parsed transcript source: its bytes and its path relative to the site, since the parse
    /// depends on both (warnings name the file; a headerless transcript takes its title and quarter from the file name).
    /// Two files with the same bytes are two entries, so neither's parse can stand in for the other's.
    static func source(_ bytes: UnsafeRawBufferPointer, path: String) -> ContentDigest {
        var hasher = DigestHasher()
        hasher.combine(path)
        hasher.combine(bytes)
        return hasher.finalize()
    }

    /// 32 hex digits.
    var description: String { Self.hex(high) + Self.hex(low) }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension ContentDigest {
    /// The length of the digest that leads a sealed cache entry.
    static let sealLength = 16

    /// `payload` led by its digest: how the transcript store's entries are kept, so a damaged one is noticed
    /// (`unsealed(_:)`); the layout of `search-*.bin` after their magic line.
    static func sealed(_ payload: [UInt8]) -> [UInt8] {
        let digest = payload.withUnsafeBytes { ContentDigest($0) }
        var writer = ByteWriter(capacity: sealLength + payload.count)
        writer.uint64(digest.high)
        writer.uint64(digest.low)
        writer.raw(payload)
        return writer.bytes
    }

    /// The range of the payload of `sealed(_:)` bytes when its digest matches it; nil for damaged or foreign bytes.
    static func unsealed(_ bytes: [UInt8]) -> Range<Int>? {
        var reader = ByteReader(bytes)
        guard let high = try? reader.uint64(), let low = try? reader.uint64() else { return nil }
        let digest = bytes.withUnsafeBytes { ContentDigest(UnsafeRawBufferPointer(rebasing: $0[sealLength...])) }
        return digest == ContentDigest(high: high, low: low) ? sealLength..<bytes.count : nil
    }
}

/// Streams bytes into a `ContentDigest`: two independent 64-bit multiply–rotate lanes over 8-byte words, then a final avalanche.
struct DigestHasher {
    private var a: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private var length: UInt64 = 0

    private mutating func word(_ w: UInt64) {
        a = ((a ^ w) &* 0xFF51_AFD7_ED55_8CCD)
        a = (a << 31) | (a >> 33)
        b = ((b ^ (w &+ 0x1656_67B1_9E37_79F9)) &* 0xC4CE_B9FE_1A85_EC53)
        b = (b << 27) | (b >> 37)
        b = b &+ a
    }

    /// Adds raw bytes.
    mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        endRun(bytes, total: bytes.count)
    }

    /// Adds a part of a run of bytes streamed in parts, a multiple of 8 bytes long; `endRun(_:total:)` adds the last part.
    mutating func combinePart(_ bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count % 8 == 0, "a streamed part must be a multiple of 8 bytes")
        words(of: bytes)
    }

    /// Adds the last part of a run of `total` bytes (its other parts given to `combinePart`): the same digest as one
    /// `combine` of the whole run, so a large file is digested in bounded memory.
    mutating func endRun(_ bytes: UnsafeRawBufferPointer, total: Int) {
        length &+= UInt64(total)
        let offset = words(of: bytes)
        let count = bytes.count
        if offset < count {
            var tail: UInt64 = 0
            for index in offset..<count { tail |= UInt64(bytes[index]) << (8 * UInt64(index - offset)) }
            word(tail ^ 0x80)
        }
        word(0xA5A5_A5A5_0000_0000 | UInt64(total))
    }

    /// Adds the whole 8-byte words of `bytes`; returns where the rest starts.
    @discardableResult
    private mutating func words(of bytes: UnsafeRawBufferPointer) -> Int {
        var offset = 0
        let count = bytes.count
        while offset + 8 <= count {
            word(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        return offset
    }

    /// Adds a string's UTF-8 bytes (length-delimited, so "ab"+"c" differs from "a"+"bc").
    mutating func combine(_ string: String) {
        var string = string
        string.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
    }

    /// Adds an integer.
    mutating func combine(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { combine($0) }
    }

    /// Adds another digest.
    mutating func combine(_ digest: ContentDigest) {
        word(digest.high)
        word(digest.low)
    }

    func finalize() -> ContentDigest {
        func mix(_ value: UInt64) -> UInt64 {
            var x = value
            x ^= x >> 33
            x = x &* 0xFF51_AFD7_ED55_8CCD
            x ^= x >> 33
            x = x &* 0xC4CE_B9FE_1A85_EC53
            x ^= x >> 33
            return x
        }
        return ContentDigest(high: mix(a ^ length), low: mix(b &+ a &+ length))
    }
}
