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
    var stopped = false

    init(limits: MIMELimits) { self.limits = limits }

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
            if let inner = g_mime_message_part_get_message(coop_as_message_part(object)),
               let root = g_mime_message_get_mime_part(inner) {
                if let subject = g_mime_message_get_subject(inner) {
                    plain.append("Objet du message transféré : " + String(cString: subject))
                }
                walk(root, depth: depth + 1, forwarded: true)
            }
        } else if coop_is_part(object) != 0 {
            leaf(coop_as_part(object), object: object, forwarded: forwarded)
        }
    }

    mutating func leaf(_ part: UnsafeMutablePointer<GMimePart>, object: UnsafeMutablePointer<GMimeObject>, forwarded: Bool) {
        let type = mediaType(object)
        let rawName = g_mime_part_get_filename(part).map { String(cString: $0) }
        let disposition = g_mime_object_get_disposition(object).map { String(cString: $0).lowercased() }
        let isBody = rawName == nil && disposition != "attachment" && (type == "text/plain" || type == "text/html")

        if g_mime_part_get_content_encoding(part) == GMIME_CONTENT_ENCODING_BASE64, !base64IsValid(part) {
            problems.append("encodage base64 invalide" + (rawName.map { " dans « \(FileName.safe($0, index: attachments.count + 1)) »" } ?? ""))
            return
        }
        guard let data = decodedContent(part) else {
            if !isBody { problems.append("pièce jointe trop volumineuse (plus de \(limits.maxAttachmentBytes / 1_048_576) Mo)") }
            return
        }
        if isBody {
            let charset = g_mime_object_get_content_type_parameter(object, "charset").map { String(cString: $0) }
            let text = TextDecoding.decode(data, charset: charset)
            if type == "text/plain" { plain.append(text) } else { html.append(HTMLText.strip(text)) }
            return
        }
        if let rawName, FileName.isTraversal(rawName) {
            problems.append("nom de fichier dangereux (chemin) : « \(FileName.safe(rawName, index: attachments.count + 1)) »")
            return
        }
        attachments.append(ParsedAttachment(filename: FileName.safe(rawName, index: attachments.count + 1, mediaType: type),
                                            declaredType: type, data: data, forwarded: forwarded))
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
        guard let wrapper = g_mime_part_get_content(part), let raw = g_mime_data_wrapper_get_stream(wrapper) else { return true }
        _ = g_mime_stream_reset(raw)
        defer { _ = g_mime_stream_reset(raw) }
        var buffer = [UInt8](repeating: 0, count: 65536)
        var sawPadding = false
        var symbols = 0
        let classes = Base64Class.table
        while true {
            let n = buffer.withUnsafeMutableBytes { g_mime_stream_read(raw, $0.baseAddress!.assumingMemoryBound(to: CChar.self), 65536) }
            if n <= 0 { break }
            let ok = buffer.withUnsafeBufferPointer { b -> Bool in
                for i in 0..<n {
                    switch classes[Int(b[i])] {
                    case 1: if sawPadding { return false }; symbols += 1
                    case 2: sawPadding = true; symbols += 1
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

/// Byte classes for base64 validation: 1 alphabet, 2 padding, 3 white space, 0 invalid.
enum Base64Class {
    static let table: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(c)] = 1 }
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(c)] = 1 }
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(c)] = 1 }
        t[Int(UInt8(ascii: "+"))] = 1; t[Int(UInt8(ascii: "/"))] = 1
        t[Int(UInt8(ascii: "="))] = 2
        for c: UInt8 in [0x0d, 0x0a, 0x20, 0x09] { t[Int(c)] = 3 }
        return t
    }()
}
