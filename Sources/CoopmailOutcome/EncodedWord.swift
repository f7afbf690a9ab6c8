/// RFC 2047 encoded words (`=?UTF-8?B?…?=`) for header text that is not plain ASCII.
public enum EncodedWord {
    /// At most this many bytes of text per encoded word, so a word is 64 characters and a folded header line stays
    /// under 78 characters.
    static let maxBytesPerWord = 39

    /// Whether `text` may go into a header as it is: printable ASCII and spaces, no `=?` that a reader would decode.
    public static func isPlain(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) } && !text.contains("=?")
    }

    /// The encoded words for `text` (never splitting a character), to be joined by folding white space (CRLF SP).
    public static func encode(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for ch in text {
            let bytes = Array(String(ch).utf8)
            if !chunk.isEmpty && chunk.count + bytes.count > maxBytesPerWord {
                words.append(word(chunk)); chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words
    }

    private static func word(_ bytes: [UInt8]) -> String { "=?UTF-8?B?" + base64(bytes) + "?=" }

    static func base64(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i]), b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0, b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let n = (b0 << 16) | (b1 << 8) | b2
            out.append(table[Int((n >> 18) & 63)]); out.append(table[Int((n >> 12) & 63)])
            out.append(i + 1 < bytes.count ? table[Int((n >> 6) & 63)] : "=")
            out.append(i + 2 < bytes.count ? table[Int(n & 63)] : "=")
            i += 3
        }
        return out
    }
}
