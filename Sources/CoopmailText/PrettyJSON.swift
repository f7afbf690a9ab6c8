/// Pretty JSON written by hand, byte for byte as Foundation's `JSONEncoder` writes it with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`: two spaces per level, `"key" : value`, members on their
/// own lines, an empty array or object as `[`, an empty line, then `]` at the container's indentation. The caller
/// writes the keys of an object in sorted order (by their UTF-8 bytes, as the encoder sorts them).
///
/// `JSONEncoder` costs about 20 µs per small object: the export of a national season (150,000 objects) and
/// `review --json` spent most of their time there. Tests compare this writer's text with the encoder's on random
/// values.
public struct PrettyJSON {
    public private(set) var bytes: [UInt8] = []
    /// Indentation level of the container being written.
    var level: Int
    /// Whether the container being written has no member yet (one entry per open container).
    var empty: [Bool] = []

    /// A writer whose first value sits at indentation `level` (2 for an element of a top-level object's array).
    public init(level: Int = 0, capacity: Int = 1024) {
        self.level = level
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Forgets the text written (keeps the storage).
    public mutating func clear() { bytes.removeAll(keepingCapacity: true) }

    /// Raw bytes, as they are (the caller's own separators).
    public mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func newline(_ level: Int) {
        bytes.append(0x0A)
        for _ in 0..<level { bytes.append(contentsOf: [0x20, 0x20]) }
    }

    // MARK: containers

    public mutating func beginObject() { open(0x7B) }
    public mutating func endObject() { close(0x7D) }
    public mutating func beginArray() { open(0x5B) }
    public mutating func endArray() { close(0x5D) }

    mutating func open(_ b: UInt8) {
        bytes.append(b)
        empty.append(true)
        level += 1
    }

    mutating func close(_ b: UInt8) {
        level -= 1
        if empty.popLast() == true { bytes.append(0x0A) }
        newline(level)
        bytes.append(b)
    }

    /// Before a member of the open container: the comma after the previous one, the line and its indentation.
    mutating func member() {
        if empty.last == true {
            empty[empty.count - 1] = false
        } else {
            bytes.append(0x2C)
        }
        newline(level)
    }

    /// Before the next element of the open array.
    public mutating func element() { member() }

    /// Before the value of `key` in the open object (keys hold no character to escape).
    public mutating func key(_ key: StaticString) {
        member()
        bytes.append(0x22)
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(contentsOf: [0x22, 0x20, 0x3A, 0x20])
    }

    // MARK: values

    public mutating func null() { raw("null") }

    public mutating func bool(_ b: Bool) { b ? raw("true") : raw("false") }

    public mutating func int<I: BinaryInteger>(_ v: I) { bytes.append(contentsOf: String(v).utf8) }

    public mutating func int<I: BinaryInteger>(_ v: I?) {
        guard let v else { return null() }
        int(v)
    }

    /// As `JSONEncoder` writes a finite `Double`: its shortest description, without a trailing `.0`.
    /// Non-finite values have no JSON text: the encoder throws, and so does this writer.
    public mutating func double(_ d: Double) throws {
        guard d.isFinite else { throw EncodingError.invalidValue(d, .init(codingPath: [], debugDescription: "\(d)")) }
        var s = d.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        bytes.append(contentsOf: s.utf8)
    }

    public mutating func double(_ d: Double?) throws {
        guard let d else { return null() }
        try double(d)
    }

    public mutating func string(_ s: String?) {
        guard let s else { return null() }
        string(s)
    }

    /// A string literal escaped as `JSONEncoder` escapes it: `"` and `\`, the C0 controls (`\b \f \n \r \t`, else
    /// `\u00xx` in lower case); slashes, DEL and every other character as they are.
    public mutating func string(_ s: String) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            var start = 0
            for (i, b) in utf8.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                start = i + 1
                switch b {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
                case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
                case 0x08: bytes.append(contentsOf: [0x5C, 0x62])
                case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0x0F)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(0x22)
    }

    /// `["a", "b"]` (or the empty array).
    public mutating func strings(_ list: [String]) {
        beginArray()
        for s in list {
            element()
            string(s)
        }
        endArray()
    }
}
