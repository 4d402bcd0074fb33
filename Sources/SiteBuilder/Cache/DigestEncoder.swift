import Foundation

/// Digests any `Encodable` value without encoding it to bytes first: every key, value and container start goes into
/// one `DigestHasher` with its depth, in the order the value's `encode(to:)` writes them (a pre-order walk with depths
/// names the tree unambiguously), so two values digest alike exactly when they encode alike. Used to skip encoding
/// an export whose records did not change.
struct DigestEncoder {
    /// The digest of `value`.
    static func digest<T: Encodable>(_ value: T) throws -> ContentDigest {
        let sink = Sink()
        try value.encode(to: Node(sink: sink, depth: 0))
        return sink.hasher.finalize()
    }

    /// Where every part goes; a class so the containers of one encoding share it.
    private final class Sink {
        var hasher = DigestHasher()

        func tag(_ value: Int, _ depth: Int) { hasher.combine(value | depth << 8) }
        func text(_ value: String) { hasher.combine(value) }
    }

    /// Containers know their depth, not their coding path (building a path per value would allocate).
    private struct Node: Encoder {
        let sink: Sink
        let depth: Int
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            sink.tag(1, depth)
            return KeyedEncodingContainer(Keyed<Key>(sink: sink, depth: depth))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            sink.tag(2, depth)
            return Unkeyed(sink: sink, depth: depth)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Single(sink: sink, depth: depth)
        }
    }

    /// Values, tagged by kind so that, say, `"1"` and `1` differ.
    private struct Single: SingleValueEncodingContainer {
        let sink: Sink
        let depth: Int
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws { sink.tag(10, depth) }
        mutating func encode(_ value: Bool) throws { sink.tag(value ? 11 : 12, depth) }
        mutating func encode(_ value: String) throws { sink.tag(13, depth); sink.text(value) }
        mutating func encode(_ value: Double) throws { sink.tag(14, depth); sink.hasher.combine(Int(bitPattern: UInt(value.bitPattern))) }
        mutating func encode(_ value: Float) throws { try encode(Double(value)) }
        mutating func encode(_ value: Int) throws { sink.tag(15, depth); sink.hasher.combine(value) }
        mutating func encode(_ value: Int8) throws { try encode(Int(value)) }
        mutating func encode(_ value: Int16) throws { try encode(Int(value)) }
        mutating func encode(_ value: Int32) throws { try encode(Int(value)) }
        mutating func encode(_ value: Int64) throws { try encode(Int(value)) }
        mutating func encode(_ value: UInt) throws { sink.tag(16, depth); sink.hasher.combine(Int(bitPattern: value)) }
        mutating func encode(_ value: UInt8) throws { try encode(UInt(value)) }
        mutating func encode(_ value: UInt16) throws { try encode(UInt(value)) }
        mutating func encode(_ value: UInt32) throws { try encode(UInt(value)) }
        mutating func encode(_ value: UInt64) throws { try encode(UInt(value)) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            if let date = value as? Date {
                sink.tag(17, depth)
                sink.hasher.combine(Int(bitPattern: UInt(date.timeIntervalSinceReferenceDate.bitPattern)))
                return
            }
            try value.encode(to: Node(sink: sink, depth: depth))
        }
    }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let sink: Sink
        let depth: Int
        var codingPath: [any CodingKey] { [] }

        private func single(_ key: Key) -> Single {
            sink.tag(3, depth)
            sink.text(key.stringValue)
            return Single(sink: sink, depth: depth + 1)
        }

        mutating func encodeNil(forKey key: Key) throws { var value = single(key); try value.encodeNil() }
        mutating func encode(_ value: Bool, forKey key: Key) throws { var single = single(key); try single.encode(value) }
        mutating func encode(_ value: String, forKey key: Key) throws { var single = single(key); try single.encode(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { var single = single(key); try single.encode(value) }
        mutating func encode(_ value: Float, forKey key: Key) throws { var single = single(key); try single.encode(value) }
        mutating func encode(_ value: Int, forKey key: Key) throws { var single = single(key); try single.encode(value) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { var single = single(key); try single.encode(value) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { var single = single(key); try single.encode(value) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { var single = single(key); try single.encode(value) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { var single = single(key); try single.encode(value) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { var single = single(key); try single.encode(value) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { var single = single(key); try single.encode(value) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { var single = single(key); try single.encode(value) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { var single = single(key); try single.encode(value) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { var single = single(key); try single.encode(value) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { var single = single(key); try single.encode(value) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            Node(sink: single(key).sink, depth: depth + 1).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            Node(sink: single(key).sink, depth: depth + 1).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { Node(sink: sink, depth: depth) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { Node(sink: single(key).sink, depth: depth + 1) }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let sink: Sink
        let depth: Int
        var codingPath: [any CodingKey] { [] }
        var count = 0

        private mutating func next() -> Single {
            sink.tag(4, depth)
            count += 1
            return Single(sink: sink, depth: depth + 1)
        }

        mutating func encodeNil() throws { var single = next(); try single.encodeNil() }
        mutating func encode(_ value: Bool) throws { var single = next(); try single.encode(value) }
        mutating func encode(_ value: String) throws { var single = next(); try single.encode(value) }
        mutating func encode(_ value: Double) throws { var single = next(); try single.encode(value) }
        mutating func encode(_ value: Float) throws { var single = next(); try single.encode(value) }
        mutating func encode(_ value: Int) throws { var single = next(); try single.encode(value) }
        mutating func encode(_ value: Int8) throws { var single = next(); try single.encode(value) }
        mutating func encode(_ value: Int16) throws { var single = next(); try single.encode(value) }
        mutating func encode(_ value: Int32) throws { var single = next(); try single.encode(value) }
        mutating func encode(_ value: Int64) throws { var single = next(); try single.encode(value) }
        mutating func encode(_ value: UInt) throws { var single = next(); try single.encode(value) }
        mutating func encode(_ value: UInt8) throws { var single = next(); try single.encode(value) }
        mutating func encode(_ value: UInt16) throws { var single = next(); try single.encode(value) }
        mutating func encode(_ value: UInt32) throws { var single = next(); try single.encode(value) }
        mutating func encode(_ value: UInt64) throws { var single = next(); try single.encode(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { var single = next(); try single.encode(value) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            Node(sink: next().sink, depth: depth + 1).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            Node(sink: next().sink, depth: depth + 1).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { Node(sink: next().sink, depth: depth + 1) }
    }
}
