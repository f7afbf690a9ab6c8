import CGMime
import Foundation

/// The pieces of an outgoing message that GMime writes for coopmail: quoted-printable bodies, base64 for RFC 2047
/// words, the folding of unstructured fields, plain display names and dates.
///
/// What stays coopmail's own, because GMime 3.2.13 gets it wrong for us (checked on this machine): the choice of
/// encoded words (`g_mime_utils_header_encode_text` picks windows-1251 or ISO-8859-1 for French text, leaves a literal
/// `=?…?=` unencoded, writes words longer than 75 characters, and pads words its own decoder then cannot read), and
/// the folding of address lists and References (`g_mime_utils_structured_header_fold` folds inside quoted display
/// names and between `<` and a message-id).
enum GMimeWriting {
    /// GMime is initialised once per process (the parser in CoopmailMIME does the same; `g_mime_init` is idempotent).
    static let initialize: Void = { g_mime_init() }()

    /// CRLF line endings, GMime's default 78-character folding.
    nonisolated(unsafe) static let options: OpaquePointer = {
        initialize
        let options = g_mime_format_options_new()!
        g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS)
        return options
    }()

    /// Takes a string GMime allocated and frees it.
    static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        defer { g_free(pointer) }
        return String(cString: pointer)
    }

    /// `Name: value` folded by GMime at white space (unstructured fields such as Subject), CRLF between lines, without
    /// the final line break. GMime 3.2 folds with LF whatever the format options say, so LF becomes CRLF here.
    static func foldUnstructured(_ field: String) -> String {
        initialize
        var folded = take(g_mime_utils_unstructured_header_fold(nil, options, field))
        while folded.hasSuffix("\n") || folded.hasSuffix("\r") { folded.removeLast() }
        return folded.replacingCRLF().replacingOccurrences(of: "\n", with: "\r\n")
    }

    /// One already validated mailbox with a printable ASCII display name, as GMime writes it: the name as atoms or a
    /// quoted string, then `<address>`.
    static func mailbox(name: String, address: String) -> String {
        initialize
        guard let list = internet_address_list_new() else { return address }
        defer { coop_unref(list) }
        guard let mailbox = internet_address_mailbox_new(name, address) else { return address }
        internet_address_list_add(list, mailbox)
        coop_unref(mailbox)
        return take(internet_address_list_to_string(list, options, 1)).replacingCRLF()
            .replacingOccurrences(of: "\n", with: "\r\n")
    }

    /// `bytes` in base64 on one line.
    static func base64(_ bytes: [UInt8]) -> String {
        initialize
        var out = [UInt8](repeating: 0, count: Int(bytes.count / 57 + 1) * 77 + 77)
        var state: Int32 = 0
        var save: guint32 = 0
        let count = g_mime_encoding_base64_encode_close(bytes, bytes.count, &out, &state, &save)
        return String(decoding: out.prefix(count).filter { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self)
    }
}

/// Quoted-printable encoding of a UTF-8 text body (RFC 2045 §6.7) by GMime: output lines of at most 76 characters,
/// CRLF line breaks, every byte outside printable ASCII written `=XX`, soft line breaks where needed, no trailing
/// white space.
public enum QuotedPrintable {
    public static let maxLineLength = 76

    /// Encodes `text`; line breaks (LF, CRLF or CR) become hard CRLF breaks. The result is ASCII and ends with CRLF.
    public static func encode(_ text: String) -> String {
        GMimeWriting.initialize
        var source = text.replacingCRLF()
        if source.isEmpty { return "" }
        if !source.hasSuffix("\n") { source += "\n" }
        let input = Array(source.utf8)
        var out = [UInt8](repeating: 0, count: (input.count / 24 + 1) * 74 + 74)
        var state: Int32 = -1  // GMime's quoted-printable encoder starts at -1 (nothing pending)
        var save: guint32 = 0
        let count = g_mime_encoding_quoted_encode_close(input, input.count, &out, &state, &save)
        let lines = String(decoding: out.prefix(count), as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        var physical: [String] = []
        for line in lines.dropLast() { physical.append(contentsOf: armored(String(line))) }
        return physical.map { $0 + "\r\n" }.joined()
    }

    /// GMime leaves a line's first `.` and `From ` as they are; coopmail writes them `=2E` and `=46` so that neither a
    /// faulty SMTP dot-stuffing nor an mbox "From " quoting ever meets them. A line made too long is split again with a
    /// soft break, never inside an `=XX` token.
    static func armored(_ line: String) -> [String] {
        var rest = line
        var result: [String] = []
        while true {
            if rest.hasPrefix(".") {
                rest = "=2E" + rest.dropFirst()
            } else if rest.hasPrefix("From ") {
                rest = "=46" + rest.dropFirst()
            }
            if rest.count <= maxLineLength {
                result.append(rest)
                return result
            }
            // Cut at most 75 characters (room for the soft break's "="), not inside an "=XX" token.
            let chars = Array(rest)
            var cut = maxLineLength - 1
            if cut >= 1 && chars[cut - 1] == "=" { cut -= 1 } else if cut >= 2 && chars[cut - 2] == "=" { cut -= 2 }
            result.append(String(chars[..<cut]) + "=")
            rest = String(chars[cut...])
        }
    }
}

/// RFC 2047 encoded words (`=?UTF-8?B?…?=`) for header text that is not plain ASCII; the base64 is GMime's.
public enum EncodedWord {
    /// At most this many bytes of text per encoded word, so a word is 64 characters and a folded header line stays
    /// under 78 characters.
    static let maxBytesPerWord = 39

    /// Whether `text` may go into a header as it is: printable ASCII and spaces, no `=?` that a reader would decode.
    public static func isPlain(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) } && !text.contains("=?")
    }

    /// The encoded words for `text` (never splitting a character), to be joined by folding white space.
    ///
    /// Every word but the last holds a multiple of 3 bytes whenever the characters allow it, so its base64 has no `=`
    /// padding: GMime (3.2) decodes adjacent UTF-8 B-words as one base64 stream and loses whatever follows a padded
    /// word.
    public static func encode(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        var lastWhole = 0  // the chunk's longest prefix, ending on a character, whose length is a multiple of 3
        for ch in text {
            let bytes = Array(String(ch).utf8)
            if !chunk.isEmpty && chunk.count + bytes.count > maxBytesPerWord {
                let cut = lastWhole > 0 ? lastWhole : chunk.count
                words.append(word(Array(chunk[..<cut])))
                chunk = Array(chunk[cut...])
                lastWhole = chunk.count % 3 == 0 ? chunk.count : 0
            }
            chunk += bytes
            if chunk.count % 3 == 0 { lastWhole = chunk.count }
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words
    }

    private static func word(_ bytes: [UInt8]) -> String { "=?UTF-8?B?" + GMimeWriting.base64(bytes) + "?=" }
}

/// The `Date:` header's format (RFC 5322 §3.3), written by GMime: `Fri, 27 Nov 2026 09:05:00 +0100`.
public enum RFC5322Date {
    /// Formats `date` at the given offset from UTC, without relying on locale settings.
    public static func format(_ date: Date, timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!) -> String {
        GMimeWriting.initialize
        let offset = Int32(clamping: timeZone.secondsFromGMT(for: date))
        let seconds = gint64(date.timeIntervalSince1970.rounded(.down))
        guard let zone = g_time_zone_new_offset(offset) else { return "" }
        defer { g_time_zone_unref(zone) }
        guard let utc = g_date_time_new_from_unix_utc(seconds) else { return "" }
        defer { g_date_time_unref(utc) }
        guard let local = g_date_time_to_timezone(utc, zone) else { return "" }
        defer { g_date_time_unref(local) }
        return GMimeWriting.take(g_mime_utils_header_format_date(local))
    }
}
