import Foundation

/// Turns the bytes of a text part into a String, whatever charset was declared (or not).
enum TextDecoding {
    static func decode(_ data: Data, charset: String?) -> String {
        let cs = charset?.lowercased().trimmingCharacters(in: .whitespaces)
        switch cs {
        case "utf-8", "utf8", "us-ascii", "ascii", nil, "":
            if let s = String(data: data, encoding: .utf8) { return s }
            return windows1252(data)
        case "iso-8859-1", "latin1", "iso8859-1", "iso_8859-1":
            return String(data: data, encoding: .isoLatin1) ?? windows1252(data)
        case "windows-1252", "cp1252":
            return windows1252(data)
        case "iso-8859-15", "latin-9":
            return String(data: data, encoding: .isoLatin1)?.replacingOccurrences(of: "¤", with: "€")
                ?? windows1252(data)
        default:
            // Unknown or lying charset: UTF-8 when valid, else Windows-1252, which maps every byte.
            return String(data: data, encoding: .utf8) ?? windows1252(data)
        }
    }

    static func windows1252(_ data: Data) -> String {
        String(data: data, encoding: .windowsCP1252) ?? String(decoding: data, as: UTF8.self)
    }
}

/// A crude HTML-to-text reduction for mails without a plain-text part: enough to find numbers and names.
enum HTMLText {
    static func strip(_ html: String) -> String {
        var out = ""
        var inTag = false
        var tag = ""
        for ch in html {
            if inTag {
                if ch == ">" {
                    inTag = false
                    let t = tag.lowercased()
                    if t.hasPrefix("br") || t.hasPrefix("/p") || t.hasPrefix("/div") || t.hasPrefix("/tr") {
                        out.append("\n")
                    }
                    tag = ""
                } else {
                    tag.append(ch)
                }
            } else if ch == "<" {
                inTag = true
            } else {
                out.append(ch)
            }
        }
        return out.replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&eacute;", with: "é").replacingOccurrences(of: "&egrave;", with: "è")
    }
}
