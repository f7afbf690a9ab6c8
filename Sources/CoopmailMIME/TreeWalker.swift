import CGMime
import Foundation

/// Walks a MIME tree depth-first, collecting body text and attachments within the limits.
struct TreeWalker {
    let limits: MIMELimits
    var parts = 0
    var plain: [String] = []
    var html: [String] = []
    var attachments: [ParsedAttachment] = []
    var problems: [String] = []
    /// Parts left out or renamed, in French (see ``ParsedMessage/notes``).
    var notes: [String] = []
    var lostParts = 0
    var stopped = false
    /// The message was cut short or its structure is broken: every attachment must show that it arrived whole.
    let damaged: Bool
    /// Index in `attachments` of the last leaf visited, when that leaf was an attachment.
    var lastLeafAttachment: Int? = nil

    init(limits: MIMELimits, damaged: Bool = false) {
        self.limits = limits
        self.damaged = damaged
    }

    /// In a damaged message, drops each attachment that cannot show it arrived whole (``Completeness``); one whose
    /// type has no end marker is kept unless it was the last part, the one a cut falls in.
    mutating func finish() {
        guard damaged else { return }
        var kept: [ParsedAttachment] = []
        for (i, a) in attachments.enumerated() {
            switch Completeness.of(a.data) {
            case .complete: kept.append(a)
            case .incomplete:
                notes.append("pièce jointe « \(a.filename) » incomplète (message tronqué) : à renvoyer")
                lostParts += 1
            case .unknown:
                if i == lastLeafAttachment {
                    notes.append(
                        "pièce jointe « \(a.filename) » peut-être incomplète (dernière partie d'un message tronqué) : à renvoyer"
                    )
                    lostParts += 1
                } else {
                    kept.append(a)
                }
            }
        }
        attachments = kept
    }

    mutating func walk(_ object: UnsafeMutablePointer<GMimeObject>, depth: Int, forwarded: Bool) {
        if stopped { return }
        parts += 1
        if parts > limits.maxParts {
            problems.append("trop de parties MIME (plus de \(limits.maxParts))")
            stopped = true
            return
        }
        if depth > limits.maxDepth {
            problems.append("imbrication MIME trop profonde (plus de \(limits.maxDepth) niveaux)")
            stopped = true
            return
        }
        if coop_is_multipart(object) != 0 {
            let multipart = coop_as_multipart(object)
            let count = Int(g_mime_multipart_get_count(multipart))
            for i in 0..<count {
                guard let child = g_mime_multipart_get_part(multipart, Int32(i)) else { continue }
                walk(child, depth: depth + 1, forwarded: forwarded)
                if stopped { return }
            }
        } else if coop_is_message_part(object) != 0 {
            if let inner = g_mime_message_part_get_message(coop_as_message_part(object)) {
                walkForwarded(inner, depth: depth)
            }
        } else if coop_is_part(object) != 0 {
            leaf(coop_as_part(object), object: object, depth: depth, forwarded: forwarded)
        }
    }

    /// A forwarded mail: its subject joins the body text, its parts are walked as forwarded.
    mutating func walkForwarded(_ inner: UnsafeMutablePointer<GMimeMessage>, depth: Int) {
        guard let root = g_mime_message_get_mime_part(inner) else { return }
        if let subject = g_mime_message_get_subject(inner) {
            plain.append("Objet du message transféré : " + String(cString: subject))
        }
        if let list = g_mime_message_get_from(inner), internet_address_list_length(list) > 0,
            let address = internet_address_list_get_address(list, 0), coop_is_mailbox(address) != 0,
            let addr = internet_address_mailbox_get_addr(coop_as_mailbox(address))
        {
            plain.append("Expéditeur du message transféré : " + String(cString: addr).lowercased())
        }
        walk(root, depth: depth + 1, forwarded: true)
    }

    /// A message/rfc822 part sent base64- or quoted-printable-encoded (RFC 2046 forbids it; Exchange and some
    /// webmails do it): GMime leaves it a leaf, and its documents were lost in one `piece-1.eml`. Its decoded bytes
    /// are parsed and walked as the forwarded mail they are. False when they are not a mail.
    mutating func walkEncodedMessage(_ data: Data, depth: Int) -> Bool {
        let stream: UnsafeMutablePointer<GMimeStream> = data.withUnsafeBytes { raw in
            g_mime_stream_mem_new_with_buffer(raw.bindMemory(to: CChar.self).baseAddress, raw.count)
        }
        defer { coop_unref(stream) }
        let parser = g_mime_parser_new_with_stream(stream)
        defer { coop_unref(parser) }
        guard let inner = g_mime_parser_construct_message(parser, nil) else { return false }
        defer { coop_unref(inner) }
        guard let list = g_mime_object_get_header_list(coop_message_as_object(inner)),
            g_mime_header_list_get_count(list) > 0, g_mime_message_get_mime_part(inner) != nil
        else { return false }
        walkForwarded(inner, depth: depth)
        return true
    }

    mutating func leaf(
        _ part: UnsafeMutablePointer<GMimePart>, object: UnsafeMutablePointer<GMimeObject>, depth: Int, forwarded: Bool
    ) {
        let type = mediaType(object)
        let rawName = splitEncodedWordsName(object) ?? g_mime_part_get_filename(part).map { String(cString: $0) }
        let disposition = g_mime_object_get_disposition(object).map { String(cString: $0).lowercased() }
        let isBody = rawName == nil && disposition != "attachment" && (type == "text/plain" || type == "text/html")

        lastLeafAttachment = nil
        if g_mime_part_get_content_encoding(part) == GMIME_CONTENT_ENCODING_BASE64, !base64IsValid(part) {
            if isBody {
                notes.append("une partie du texte du message est illisible (encodage base64 invalide)")
            } else {
                let label = FileName.safe(rawName, index: attachments.count + lostParts + 1, mediaType: type)
                notes.append("pièce jointe « \(label) » illisible (encodage base64 invalide) : à renvoyer")
                lostParts += 1
            }
            return
        }
        guard let data = decodedContent(part) else {
            if !isBody {
                problems.append("pièce jointe trop volumineuse (plus de \(limits.maxAttachmentBytes / 1_048_576) Mo)")
            }
            return
        }
        if type == "message/rfc822" || type == "message/global",
            g_mime_part_get_content_encoding(part) == GMIME_CONTENT_ENCODING_BASE64
                || g_mime_part_get_content_encoding(part) == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE,
            walkEncodedMessage(data, depth: depth)
        {
            return
        }
        if isBody {
            let charset = g_mime_object_get_content_type_parameter(object, "charset").map { String(cString: $0) }
            let text = TextDecoding.decode(data, charset: charset)
            if type == "text/plain" { plain.append(text) } else { html.append(HTMLText.strip(text)) }
            return
        }
        let label = FileName.safe(rawName, index: attachments.count + lostParts + 1, mediaType: type)
        if let rawName, FileName.isTraversal(rawName) || FileName.hasControlCharacters(rawName) {
            // Only a label: nothing is ever stored under a name taken from a mail. The content is still read.
            notes.append("nom de fichier dangereux « \(FileName.printable(rawName)) » remplacé par « \(label) »")
        }
        attachments.append(ParsedAttachment(filename: label, declaredType: type, data: data, forwarded: forwarded))
        lastLeafAttachment = attachments.count - 1
    }

    /// The file name when it is written as several RFC 2047 encoded-words, decoded word by word
    /// (``EncodedWordName``); nil for every other form (RFC 2231, plain, one word), which GMime reads right.
    func splitEncodedWordsName(_ object: UnsafeMutablePointer<GMimeObject>) -> String? {
        guard let list = g_mime_object_get_header_list(object) else { return nil }
        for (header, parameter) in [("Content-Disposition", "filename"), ("Content-Type", "name")] {
            guard let h = g_mime_header_list_get_header(list, header), let raw = g_mime_header_get_raw_value(h) else {
                continue
            }
            let value = String(cString: raw)
            if value.range(of: parameter + "*", options: .caseInsensitive) != nil { return nil }
            if let name = EncodedWordName.decode(rawHeader: value, parameter: parameter) { return name }
            if EncodedWordName.parameterValue(value, parameter) != nil { return nil }
        }
        return nil
    }

    func mediaType(_ object: UnsafeMutablePointer<GMimeObject>) -> String {
        guard let ct = g_mime_object_get_content_type(object), let s = g_mime_content_type_get_mime_type(ct) else {
            return "application/octet-stream"
        }
        defer { g_free(s) }
        return String(cString: s).lowercased()
    }

    /// The decoded bytes, or nil when they exceed the attachment limit.
    func decodedContent(_ part: UnsafeMutablePointer<GMimePart>) -> Data? {
        guard let wrapper = g_mime_part_get_content(part) else { return Data() }
        let limit = limits.maxAttachmentBytes
        if let raw = g_mime_data_wrapper_get_stream(wrapper) {
            let length = g_mime_stream_length(raw)
            // Base64 shrinks by a quarter; any other encoding at most keeps the size.
            if length > 0 && Int(length) / 4 * 3 > limit + 4096 { return nil }
        }
        guard let out = coop_stream_mem() else { return nil }
        defer { coop_unref(out) }
        _ = g_mime_data_wrapper_write_to_stream(wrapper, out)
        var length = 0
        guard let bytes = coop_stream_mem_bytes(out, &length) else { return Data() }
        if length > limit { return nil }
        return Data(bytes: bytes, count: length)
    }

    /// Checks that a base64 body holds only the base64 alphabet, with padding only at its end.
    func base64IsValid(_ part: UnsafeMutablePointer<GMimePart>) -> Bool {
        guard let wrapper = g_mime_part_get_content(part), let raw = g_mime_data_wrapper_get_stream(wrapper) else {
            return true
        }
        _ = g_mime_stream_reset(raw)
        defer { _ = g_mime_stream_reset(raw) }
        var buffer = [UInt8](repeating: 0, count: 65536)
        var sawPadding = false
        var symbols = 0
        let classes = Base64Class.table
        while true {
            let n = buffer.withUnsafeMutableBytes {
                g_mime_stream_read(raw, $0.baseAddress!.assumingMemoryBound(to: CChar.self), 65536)
            }
            if n <= 0 { break }
            let ok = buffer.withUnsafeBufferPointer { b -> Bool in
                for i in 0..<n {
                    switch classes[Int(b[i])] {
                    case 1:
                        if sawPadding { return false }
                        symbols += 1
                    case 2:
                        sawPadding = true
                        symbols += 1
                    case 3: continue
                    default: return false
                    }
                }
                return true
            }
            if !ok { return false }
        }
        return symbols % 4 == 0 || !sawPadding && symbols % 4 != 1
    }

    func bodyText() -> String {
        let parts = plain.isEmpty ? html : plain
        return parts.joined(separator: "\n\n")
    }
}

/// Whether a file's bytes show that it arrived whole: a PDF ends with `%%EOF`, a JPEG with its end-of-image marker
/// `FF D9`, a PNG with its `IEND` chunk, a zip with its end-of-central-directory record. Trailing blank bytes aside.
public enum Completeness: Equatable, Sendable {
    case complete, incomplete, unknown

    public static func of(_ data: Data) -> Completeness {
        let bytes = [UInt8](data.prefix(1024))
        var end = data.count
        while end > 0, [0x00, 0x09, 0x0a, 0x0d, 0x20].contains(data[data.startIndex + end - 1]) { end -= 1 }
        func tail(_ n: Int) -> [UInt8] { [UInt8](data[(data.startIndex + max(0, end - n))..<(data.startIndex + end)]) }
        func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool { Data(hay).range(of: Data(needle)) != nil }
        if contains(bytes, Array("%PDF-".utf8)) {
            return contains(tail(1024), Array("%%EOF".utf8)) ? .complete : .incomplete
        }
        if bytes.starts(with: [0xff, 0xd8, 0xff]) {
            return contains(tail(64), [0xff, 0xd9]) ? .complete : .incomplete
        }
        if bytes.starts(with: [0x89, 0x50, 0x4e, 0x47]) {
            return contains(tail(32), Array("IEND".utf8)) ? .complete : .incomplete
        }
        if bytes.starts(with: [0x50, 0x4b, 0x03, 0x04]) {
            return contains(tail(66_000), [0x50, 0x4b, 0x05, 0x06]) ? .complete : .incomplete
        }
        return .unknown
    }
}

/// Byte classes for base64 validation: 1 alphabet, 2 padding, 3 white space, 0 invalid.
enum Base64Class {
    static let table: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(c)] = 1 }
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(c)] = 1 }
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(c)] = 1 }
        t[Int(UInt8(ascii: "+"))] = 1
        t[Int(UInt8(ascii: "/"))] = 1
        t[Int(UInt8(ascii: "="))] = 2
        for c: UInt8 in [0x0d, 0x0a, 0x20, 0x09] { t[Int(c)] = 3 }
        return t
    }()
}
