import CoopmailTestSupport
import Foundation

@testable import CoopmailOutcome

/// Independent decoders, written from the RFCs, to check the encoders by decoding back.
enum Decode {
    /// RFC 2045 quoted-printable to text (CRLF becomes LF).
    static func quotedPrintable(_ s: String) -> String? {
        let unfolded = s.replacingOccurrences(of: "=\r\n", with: "")
        var bytes: [UInt8] = []
        let u = Array(unfolded.utf8)
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "=") {
                guard i + 2 < u.count, let v = UInt8(String(bytes: u[(i + 1)...(i + 2)], encoding: .ascii)!, radix: 16)
                else { return nil }
                bytes.append(v)
                i += 3
            } else {
                bytes.append(u[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// RFC 2047 encoded words (UTF-8, B or Q) separated by folding white space, or plain text.
    static func encodedWords(_ s: String) -> String {
        let unfolded = s.replacingOccurrences(of: "\r\n ", with: " ")
        let tokens = unfolded.split(separator: " ", omittingEmptySubsequences: false)
        var out = ""
        var previousWasEncoded = false
        for (i, token) in tokens.enumerated() {
            let parts = token.split(separator: "?", omittingEmptySubsequences: false)
            if token.hasPrefix("=?") && token.hasSuffix("?=") && parts.count == 5, parts[1].uppercased() == "UTF-8",
                parts[2].uppercased() == "B", let data = Data(base64Encoded: String(parts[3]))
            {
                out += String(decoding: data, as: UTF8.self)
                previousWasEncoded = true
            } else {
                if i > 0 && !(previousWasEncoded && token.isEmpty) { out += " " }
                out += token
                previousWasEncoded = false
            }
        }
        return out
    }

    /// Splits a raw message into unfolded header fields and the raw body.
    static func message(_ raw: String) -> (
        headers: [(name: String, value: String)], rawHeaderLines: [String], body: String
    ) {
        let split = raw.components(separatedBy: "\r\n\r\n")
        let head = split[0]
        let body = split.dropFirst().joined(separator: "\r\n\r\n")
        let lines = head.components(separatedBy: "\r\n")
        var fields: [(name: String, value: String)] = []
        for line in lines {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !fields.isEmpty {
                fields[fields.count - 1].value += "\r\n" + line
            } else if let colon = line.firstIndex(of: ":") {
                fields.append(
                    (
                        String(line[..<colon]),
                        String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                    ))
            } else {
                fields.append((line, ""))
            }
        }
        return (fields, lines, body)
    }
}

enum Paths {
    /// The repository's Templates/ directory.
    static var templates: String {
        Repository.url("Templates").path
    }
}
