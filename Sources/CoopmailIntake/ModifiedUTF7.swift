/// IMAP mailbox name encoding (RFC 3501 §5.1.3): printable ASCII stands for itself, `&` is `&-`,
/// anything else is UTF-16BE in base64 with `,` for `/`, no padding, between `&` and `-`.
/// `Traités` → `Trait&AOk-s`.
public enum ModifiedUTF7 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)

    public static func encode(_ name: String) -> String {
        var out: [UInt8] = []
        var pending: [UInt16] = []

        func flush() {
            guard !pending.isEmpty else { return }
            var bytes: [UInt8] = []
            for unit in pending {
                bytes.append(UInt8(unit >> 8))
                bytes.append(UInt8(unit & 0xFF))
            }
            out.append(UInt8(ascii: "&"))
            var i = 0
            while i < bytes.count {
                let b0 = bytes[i]
                let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
                let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
                out.append(alphabet[Int(b0 >> 2)])
                out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
                if i + 1 < bytes.count { out.append(alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)]) }
                if i + 2 < bytes.count { out.append(alphabet[Int(b2 & 0x3F)]) }
                i += 3
            }
            out.append(UInt8(ascii: "-"))
            pending.removeAll()
        }

        for scalar in name.unicodeScalars {
            let v = scalar.value
            if v >= 0x20 && v <= 0x7E {
                flush()
                out.append(UInt8(v))
                if v == 0x26 { out.append(UInt8(ascii: "-")) }
            } else {
                pending.append(contentsOf: Array(String(scalar).utf16))
            }
        }
        flush()
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes a modified UTF-7 name; nil when it is malformed.
    public static func decode(_ encoded: String) -> String? {
        var result = ""
        var bytes = Array(encoded.utf8)[...]
        while let c = bytes.popFirst() {
            guard c >= 0x20 && c <= 0x7E else { return nil }
            guard c == UInt8(ascii: "&") else {
                result.unicodeScalars.append(Unicode.Scalar(c))
                continue
            }
            guard let end = bytes.firstIndex(of: UInt8(ascii: "-")) else { return nil }
            let chunk = bytes[bytes.startIndex..<end]
            bytes = bytes[(end + 1)...]
            if chunk.isEmpty {
                result.append("&")
                continue
            }
            var bits: UInt32 = 0
            var bitCount = 0
            var raw: [UInt8] = []
            for ch in chunk {
                guard let index = alphabet.firstIndex(of: ch) else { return nil }
                bits = (bits << 6) | UInt32(index)
                bitCount += 6
                if bitCount >= 8 {
                    bitCount -= 8
                    raw.append(UInt8((bits >> UInt32(bitCount)) & 0xFF))
                }
            }
            guard raw.count % 2 == 0 else { return nil }
            var units: [UInt16] = []
            for i in stride(from: 0, to: raw.count, by: 2) { units.append(UInt16(raw[i]) << 8 | UInt16(raw[i + 1])) }
            guard let text = String(validating: units, as: UTF16.self) else { return nil }
            result += text
        }
        return result
    }
}
