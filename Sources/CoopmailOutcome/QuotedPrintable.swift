/// Quoted-printable encoding of a UTF-8 text body (RFC 2045 §6.7): output lines of at most 76 characters, CRLF line
/// breaks, every byte outside printable ASCII written `=XX`, soft line breaks (`=` at the end of a line) where needed.
public enum QuotedPrintable {
    public static let maxLineLength = 76

    /// Encodes `text`; line breaks (LF, CRLF or CR) become hard CRLF breaks. The result is ASCII and ends with CRLF.
    public static func encode(_ text: String) -> String {
        let lines = text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for (index, line) in lines.enumerated() {
            if index == lines.count - 1 && line.isEmpty { break }
            out.append(contentsOf: encodeLine(Array(line.utf8)))
        }
        return out.map { $0 + "\r\n" }.joined()
    }

    /// One logical line, split into physical lines of at most 76 characters with soft breaks.
    static func encodeLine(_ bytes: [UInt8]) -> [String] {
        var tokens: [String] = []
        for (i, b) in bytes.enumerated() {
            let last = i == bytes.count - 1
            let literal: Bool
            switch b {
            case 0x20, 0x09: literal = !last
            case 0x3D: literal = false
            case 0x2E: literal = i != 0                     // a leading dot never meets an SMTP dot-stuffing bug
            case 0x46: literal = !(i == 0 && bytes.starts(with: Array("From ".utf8)))  // nor an mbox "From "
            case 0x21...0x7E: literal = true
            default: literal = false
            }
            tokens.append(literal ? String(UnicodeScalar(b)) : hex(b))
        }
        // Keep each UTF-8 sequence's =XX tokens together so a decoder never sees half a character on a line.
        var groups: [String] = []
        var i = 0
        while i < bytes.count {
            var j = i + 1
            if bytes[i] >= 0xC0 { while j < bytes.count && bytes[j] & 0xC0 == 0x80 { j += 1 } }
            groups.append(tokens[i..<j].joined())
            i = j
        }
        var lines: [String] = []
        var current = ""
        for (k, group) in groups.enumerated() {
            let isLast = k == groups.count - 1
            let limit = isLast ? maxLineLength : maxLineLength - 1   // room for the soft break's "="
            if current.count + group.count > limit && !current.isEmpty {
                lines.append(current + "=")
                current = ""
            }
            current += group
        }
        lines.append(current)
        return lines
    }

    private static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 0x0F)])
    }
}
