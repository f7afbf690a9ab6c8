import Foundation

/// Decodes the store's JSON columns without Foundation's `JSONDecoder`, which took half of a national export's CPU
/// time (tens of thousands of checks, statements and lists decoded one small text at a time).
///
/// It reads a strict part of JSON, the part `JSON.encode` writes: anything else (a number that is not a plain
/// integer where an integer is asked, `-0`, an exponent beyond `Double`, a duplicate key, a lone surrogate, a
/// `Date`, `Data`, `URL` or `Decimal`, nesting deeper than 64) makes it throw, and ``JSON/decode(_:_:)`` then asks
/// `JSONDecoder`. So when it gives a value, `JSONDecoder` gives the same one (`StoredJSONDecoderTests` checks it on
/// random values and on hostile texts); when in doubt, `JSONDecoder` decides.
struct StoredJSONDecoder {
    struct Refused: Error {}

    /// The value `text` holds, decoded as `T`; throws ``Refused`` (or the type's own error) when not sure.
    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        var text = text
        let value = try text.withUTF8 { bytes in
            var parser = Parser(bytes: bytes)
            return try parser.document()
        }
        return try T(from: ValueDecoder(value: value))
    }

    /// A parsed JSON value. Objects keep their members in text order (few members: a linear search is fastest).
    enum Value {
        case null
        case bool(Bool)
        /// The number's text, checked against JSON's grammar.
        case number(String)
        case string(String)
        case array([Value])
        case object([(key: String, value: Value)])
    }

    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        var depth = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func document() throws -> Value {
            let v = try value()
            skipSpace()
            guard i == bytes.count else { throw Refused() }
            return v
        }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 {
                i += 1
            }
        }

        mutating func literal(_ word: StaticString, _ v: Value) throws -> Value {
            let n = word.utf8CodeUnitCount
            guard i + n <= bytes.count else { throw Refused() }
            for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw Refused() }
            i += n
            return v
        }

        mutating func value() throws -> Value {
            skipSpace()
            guard i < bytes.count else { throw Refused() }
            switch bytes[i] {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            default: return .number(try number())
            }
        }

        mutating func enter() throws {
            depth += 1
            guard depth <= 64 else { throw Refused() }
            i += 1
            skipSpace()
        }

        mutating func array() throws -> Value {
            try enter()
            var items: [Value] = []
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
                i += 1
                depth -= 1
                return .array(items)
            }
            while true {
                items.append(try value())
                skipSpace()
                guard i < bytes.count else { throw Refused() }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                guard bytes[i] == UInt8(ascii: "]") else { throw Refused() }
                i += 1
                depth -= 1
                return .array(items)
            }
        }

        mutating func object() throws -> Value {
            try enter()
            var members: [(key: String, value: Value)] = []
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
                i += 1
                depth -= 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw Refused() }
                let key = try string()
                // A duplicate key: which one wins is JSONDecoder's business.
                guard !members.contains(where: { $0.key == key }) else { throw Refused() }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw Refused() }
                i += 1
                members.append((key, try value()))
                skipSpace()
                guard i < bytes.count else { throw Refused() }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                guard bytes[i] == UInt8(ascii: "}") else { throw Refused() }
                i += 1
                depth -= 1
                return .object(members)
            }
        }

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
        mutating func number() throws -> String {
            let start = i
            func digits(_ p: inout Parser) -> Int {
                let s = p.i
                while p.i < p.bytes.count, (0x30...0x39).contains(p.bytes[p.i]) { p.i += 1 }
                return p.i - s
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, (0x30...0x39).contains(bytes[i]) else { throw Refused() }
            if bytes[i] == 0x30 {
                i += 1
            } else {
                _ = digits(&self)
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard digits(&self) > 0 else { throw Refused() }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard digits(&self) > 0 else { throw Refused() }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        }

        func hex4(at k: Int) throws -> UInt32 {
            guard k + 4 <= bytes.count else { throw Refused() }
            var v: UInt32 = 0
            for b in bytes[k..<k + 4] {
                let d: UInt8
                switch b {
                case 0x30...0x39: d = b - 0x30
                case 0x41...0x46: d = b - 0x41 + 10
                case 0x61...0x66: d = b - 0x61 + 10
                default: throw Refused()
                }
                v = v << 4 | UInt32(d)
            }
            return v
        }

        /// A string literal at `i` (its opening quote), unescaped.
        mutating func string() throws -> String {
            i += 1
            let start = i
            // Most stored strings hold no escape: one copy of their bytes.
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") {
                guard bytes[i] >= 0x20 else { throw Refused() }
                i += 1
            }
            guard i < bytes.count else { throw Refused() }
            if bytes[i] == UInt8(ascii: "\"") {
                defer { i += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            }
            var out = Array(bytes[start..<i])
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                }
                guard b >= 0x20 else { throw Refused() }
                guard b == UInt8(ascii: "\\") else {
                    out.append(b)
                    i += 1
                    continue
                }
                guard i + 1 < bytes.count else { throw Refused() }
                i += 2
                switch bytes[i - 1] {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var v = try hex4(at: i)
                    i += 4
                    if (0xD800...0xDBFF).contains(v) {
                        // Only a high surrogate followed by a low one is a character; anything else is refused.
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u")
                        else { throw Refused() }
                        let low = try hex4(at: i + 2)
                        guard (0xDC00...0xDFFF).contains(low) else { throw Refused() }
                        i += 6
                        v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(v) else { throw Refused() }
                    var one = ""
                    one.unicodeScalars.append(scalar)
                    out.append(contentsOf: one.utf8)
                default: throw Refused()
                }
            }
            throw Refused()
        }
    }

    /// `Decoder` over a parsed value. Its coding path is always empty: an error only sends the text to `JSONDecoder`.
    struct ValueDecoder: Decoder {
        let value: Value
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            guard case .object(let members) = value else { throw Refused() }
            return KeyedDecodingContainer(Keyed<Key>(members: members))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            guard case .array(let items) = value else { throw Refused() }
            return Unkeyed(items: items)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(value: value) }
    }

    /// The value as `T` through its own `init(from:)`. JSONDecoder has strategies of its own for `Date`, `Data`, `URL`
    /// and `Decimal`: those are left to it.
    static func decode<T: Decodable>(_ type: T.Type, _ value: Value) throws -> T {
        if type == String.self, case .string(let s) = value, let v = s as? T { return v }
        guard type != Date.self, type != Data.self, type != URL.self, type != Decimal.self else { throw Refused() }
        return try T(from: ValueDecoder(value: value))
    }

    struct Single: SingleValueDecodingContainer {
        let value: Value
        var codingPath: [any CodingKey] { [] }

        func decodeNil() -> Bool {
            if case .null = value { return true }
            return false
        }
        func decode(_ type: Bool.Type) throws -> Bool {
            guard case .bool(let b) = value else { throw Refused() }
            return b
        }
        func decode(_ type: String.Type) throws -> String {
            guard case .string(let s) = value else { throw Refused() }
            return s
        }
        func decode(_ type: Double.Type) throws -> Double {
            guard case .number(let text) = value, let d = Double(text), d.isFinite else { throw Refused() }
            return d
        }
        func decode(_ type: Float.Type) throws -> Float { throw Refused() }
        /// Plain integers only (no fraction, no exponent, no `-0`), in range.
        func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
            guard case .number(let text) = value, text != "-0",
                !text.utf8.contains(where: {
                    $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E")
                }),
                let v = I(text, radix: 10)
            else { throw Refused() }
            return v
        }
        func decode(_ type: Int.Type) throws -> Int { try integer(type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try StoredJSONDecoder.decode(type, value) }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let members: [(key: String, value: Value)]
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

        func contains(_ key: Key) -> Bool { members.contains { $0.key == key.stringValue } }

        func member(_ key: Key) throws -> Value {
            let name = key.stringValue
            guard let m = members.first(where: { $0.key == name }) else { throw Refused() }
            return m.value
        }

        func decodeNil(forKey key: Key) throws -> Bool { Single(value: try member(key)).decodeNil() }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try Single(value: member(key)).decode(type) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            try Single(value: member(key)).decode(type)
        }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
            try Single(value: member(key)).decode(type)
        }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw Refused() }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try Single(value: member(key)).decode(type) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try Single(value: member(key)).decode(type) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 {
            try Single(value: member(key)).decode(type)
        }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
            try Single(value: member(key)).decode(type)
        }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
            try Single(value: member(key)).decode(type)
        }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try Single(value: member(key)).decode(type) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 {
            try Single(value: member(key)).decode(type)
        }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
            try Single(value: member(key)).decode(type)
        }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
            try Single(value: member(key)).decode(type)
        }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
            try Single(value: member(key)).decode(type)
        }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try StoredJSONDecoder.decode(type, member(key))
        }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try ValueDecoder(value: member(key)).container(keyedBy: type)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try ValueDecoder(value: member(key)).unkeyedContainer()
        }
        func superDecoder() throws -> any Decoder { throw Refused() }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw Refused() }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let items: [Value]
        var currentIndex = 0
        var codingPath: [any CodingKey] { [] }
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        mutating func next() throws -> Value {
            guard currentIndex < items.count else { throw Refused() }
            defer { currentIndex += 1 }
            return items[currentIndex]
        }

        mutating func decodeNil() throws -> Bool {
            guard currentIndex < items.count else { throw Refused() }
            guard case .null = items[currentIndex] else { return false }
            currentIndex += 1
            return true
        }
        mutating func decode(_ type: Bool.Type) throws -> Bool { try Single(value: next()).decode(type) }
        mutating func decode(_ type: String.Type) throws -> String { try Single(value: next()).decode(type) }
        mutating func decode(_ type: Double.Type) throws -> Double { try Single(value: next()).decode(type) }
        mutating func decode(_ type: Float.Type) throws -> Float { throw Refused() }
        mutating func decode(_ type: Int.Type) throws -> Int { try Single(value: next()).decode(type) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try Single(value: next()).decode(type) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try Single(value: next()).decode(type) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try Single(value: next()).decode(type) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try Single(value: next()).decode(type) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try Single(value: next()).decode(type) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try Single(value: next()).decode(type) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try Single(value: next()).decode(type) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try Single(value: next()).decode(type) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try Single(value: next()).decode(type) }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try StoredJSONDecoder.decode(type, next()) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try ValueDecoder(value: next()).container(keyedBy: type)
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try ValueDecoder(value: next()).unkeyedContainer()
        }
        mutating func superDecoder() throws -> any Decoder { throw Refused() }
    }
}
