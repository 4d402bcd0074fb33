import Foundation

/// Digests any `Encodable` value without encoding it to bytes first: every key, value and container start goes into
/// one `DigestHasher` with its depth, in the order the value's `encode(to:)` writes them (a pre-order walk with depths
/// names the tree unambiguously), so two values digest alike exactly when they encode alike. Used to skip encoding
/// an export whose records did not change.
struct DigestEncoder {
    /// The digest of `value`.
    static func digest<T: Encodable>(_ value: T) throws -> ContentDigest {
        let sink = Sink()
        try value.encode(to: Node(sink: sink, codingPath: []))
        return sink.hasher.finalize()
    }

    /// Where every part goes; a class so the containers of one encoding share it.
    private final class Sink {
        var hasher = DigestHasher()

        func tag(_ value: Int, _ depth: Int) { hasher.combine(value | depth << 8) }
        func text(_ value: String) { hasher.combine(value) }
    }

    private struct Node: Encoder {
        let sink: Sink
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            sink.tag(1, codingPath.count)
            return KeyedEncodingContainer(Keyed<Key>(sink: sink, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            sink.tag(2, codingPath.count)
            return Unkeyed(sink: sink, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Single(sink: sink, codingPath: codingPath)
        }
    }

    /// Values, tagged by kind so that, say, `"1"` and `1` differ.
    private struct Single: SingleValueEncodingContainer {
        let sink: Sink
        var codingPath: [any CodingKey]

        mutating func encodeNil() throws { sink.tag(10, codingPath.count) }
        mutating func encode(_ value: Bool) throws { sink.tag(value ? 11 : 12, codingPath.count) }
        mutating func encode(_ value: String) throws { sink.tag(13, codingPath.count); sink.text(value) }
        mutating func encode(_ value: Double) throws { sink.tag(14, codingPath.count); sink.hasher.combine(Int(bitPattern: UInt(value.bitPattern))) }
        mutating func encode(_ value: Float) throws { try encode(Double(value)) }
        mutating func encode(_ value: Int) throws { sink.tag(15, codingPath.count); sink.hasher.combine(value) }
        mutating func encode(_ value: Int8) throws { try encode(Int(value)) }
        mutating func encode(_ value: Int16) throws { try encode(Int(value)) }
        mutating func encode(_ value: Int32) throws { try encode(Int(value)) }
        mutating func encode(_ value: Int64) throws { try encode(Int(value)) }
        mutating func encode(_ value: UInt) throws { sink.tag(16, codingPath.count); sink.hasher.combine(Int(bitPattern: value)) }
        mutating func encode(_ value: UInt8) throws { try encode(UInt(value)) }
        mutating func encode(_ value: UInt16) throws { try encode(UInt(value)) }
        mutating func encode(_ value: UInt32) throws { try encode(UInt(value)) }
        mutating func encode(_ value: UInt64) throws { try encode(UInt(value)) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            if let date = value as? Date {
                sink.tag(17, codingPath.count)
                sink.hasher.combine(Int(bitPattern: UInt(date.timeIntervalSinceReferenceDate.bitPattern)))
                return
            }
            try value.encode(to: Node(sink: sink, codingPath: codingPath))
        }
    }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let sink: Sink
        var codingPath: [any CodingKey]

        private func single(_ key: Key) -> Single {
            sink.tag(3, codingPath.count)
            sink.text(key.stringValue)
            return Single(sink: sink, codingPath: codingPath + [key])
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
            Node(sink: single(key).sink, codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            Node(sink: single(key).sink, codingPath: codingPath + [key]).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { Node(sink: sink, codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { Node(sink: single(key).sink, codingPath: codingPath + [key]) }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let sink: Sink
        var codingPath: [any CodingKey]
        var count = 0

        private mutating func next() -> Single {
            sink.tag(4, codingPath.count)
            defer { count += 1 }
            return Single(sink: sink, codingPath: codingPath + [Index(intValue: count)])
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
            let element = next()
            return Node(sink: element.sink, codingPath: element.codingPath).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let element = next()
            return Node(sink: element.sink, codingPath: element.codingPath).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            let element = next()
            return Node(sink: element.sink, codingPath: element.codingPath)
        }
    }

    /// The coding key of an array element.
    private struct Index: CodingKey {
        var intValue: Int?
        var stringValue: String { String(intValue ?? 0) }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }
}
