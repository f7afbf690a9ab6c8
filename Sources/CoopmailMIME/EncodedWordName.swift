import Foundation

/// Decodes a file name written as several RFC 2047 encoded-words (`"=?ISO-8859-1?B?UXVpdHVz…LnA=?= =?ISO-8859-1?B?ZGY=?="`),
/// each word on its own.
///
/// GMime joins the payloads of adjacent words of one charset and encoding before decoding them, so that a character
/// split between two words survives; but a base64 word padded with `=` (as Outlook and webmails write each word) ends
/// the joined payload there, and the rest of the name was lost (« Quitus coopérative école.p »). Here each word's
/// payload is decoded alone, and the bytes of adjacent words of one charset are joined before the charset is applied
/// (a UTF-8 character split between two words still comes out whole).
enum EncodedWordName {
    /// The `filename` (else `name`) parameter of a raw Content-Disposition / Content-Type value, decoded, when it is
    /// made of two encoded-words or more; nil otherwise (GMime's reading stands).
    static func decode(rawHeader: String, parameter: String) -> String? {
        guard let value = parameterValue(rawHeader, parameter), value.contains("=?") else { return nil }
        var runs: [(charset: String, bytes: [UInt8])] = []
        var words = 0
        var pending = ""
        var rest = Substring(value)
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            guard let word = encodedWord(rest[start.lowerBound...]) else {
                pending += before + "=?"
                rest = rest[start.upperBound...]
                continue
            }
            let gap = pending + before
            pending = ""
            // White space between two encoded-words is not part of the text (RFC 2047, 6.2).
            if !gap.isEmpty && !(words > 0 && gap.allSatisfy(\.isWhitespace)) { runs.append(("", Array(gap.utf8))) }
            words += 1
            if let last = runs.last, last.charset.lowercased() == word.charset.lowercased() {
                runs[runs.count - 1].bytes += word.bytes
            } else {
                runs.append((word.charset, word.bytes))
            }
            rest = rest[word.end...]
        }
        guard words >= 2 else { return nil }
        let tail = pending + rest
        if !tail.isEmpty { runs.append(("", Array(tail.utf8))) }
        return runs.map { run in
            run.charset.isEmpty
                ? String(decoding: run.bytes, as: UTF8.self)
                : TextDecoding.decode(Data(run.bytes), charset: run.charset)
        }.joined()
    }

    /// `=?charset?B|Q?payload?=` at the start of `s`: the charset (language suffix dropped), the decoded bytes, and
    /// where the word ends.
    static func encodedWord(_ s: Substring) -> (charset: String, bytes: [UInt8], end: Substring.Index)? {
        let parts = s.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[3].hasPrefix("="), let mode = parts[1].first else { return nil }
        let charset = String(parts[0].split(separator: "*").first ?? "")
        let payload = parts[2]
        guard !charset.isEmpty, !payload.contains(where: \.isWhitespace) else { return nil }
        let end = s.index(parts[3].startIndex, offsetBy: 1)
        switch mode {
        case "B", "b":
            var text = String(payload).replacingOccurrences(of: "=", with: "")
            while text.count % 4 != 0 { text += "=" }
            guard let data = Data(base64Encoded: text) else { return nil }
            return (charset, [UInt8](data), end)
        case "Q", "q":
            var bytes: [UInt8] = []
            var i = payload.utf8.startIndex
            let utf8 = payload.utf8
            while i < utf8.endIndex {
                let c = utf8[i]
                if c == UInt8(ascii: "_") {
                    bytes.append(0x20)
                } else if c == UInt8(ascii: "="), let j = utf8.index(i, offsetBy: 2, limitedBy: utf8.endIndex),
                    j < utf8.endIndex,
                    let v = UInt8(String(decoding: utf8[utf8.index(after: i)...j], as: UTF8.self), radix: 16)
                {
                    bytes.append(v)
                    i = j
                } else {
                    bytes.append(c)
                }
                i = utf8.index(after: i)
            }
            return (charset, bytes, end)
        default: return nil
        }
    }

    /// The value of `parameter=` (not `parameter*=`) in a raw header value, unfolded and unquoted.
    static func parameterValue(_ raw: String, _ parameter: String) -> String? {
        let unfolded = raw.replacingOccurrences(of: "\r\n", with: "").replacingOccurrences(of: "\n", with: "")
        var search = unfolded[...]
        while let r = search.range(of: parameter, options: .caseInsensitive) {
            let before = search[..<r.lowerBound].last
            var after = search[r.upperBound...].drop(while: { $0 == " " || $0 == "\t" })
            search = search[r.upperBound...]
            guard before == nil || before == ";" || before == " " || before == "\t", after.first == "=" else {
                continue
            }
            after = after.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
            if after.first == "\"" {
                var out = ""
                var escaped = false
                for ch in after.dropFirst() {
                    if escaped {
                        out.append(ch)
                        escaped = false
                    } else if ch == "\\" {
                        escaped = true
                    } else if ch == "\"" {
                        return out
                    } else {
                        out.append(ch)
                    }
                }
                return out
            }
            return String(after.prefix(while: { $0 != ";" })).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
