import CGMime
import Foundation

/// Parses e-mails with GMime 3 and flattens them into ``ParsedMessage``.
///
/// It never throws and never crashes on input. What makes a message dangerous (limits, nesting, NUL bytes, not an
/// e-mail) ends up in ``ParsedMessage/problems`` and the caller quarantines it; a part that cannot be read (cut short,
/// invalid base64) is left out and named in ``ParsedMessage/notes``, the other parts being kept.
public struct MIMEParser: Sendable {
    public var limits: MIMELimits

    public init(limits: MIMELimits = MIMELimits()) {
        MIMEParser.initialize
        self.limits = limits
    }

    static let initialize: Void = { g_mime_init() }()

    /// Parses a message held in memory.
    public func parse(_ data: Data) -> ParsedMessage {
        if let early = precheck(data) { return early }
        let stream: UnsafeMutablePointer<GMimeStream> = data.withUnsafeBytes { raw in
            g_mime_stream_mem_new_with_buffer(raw.bindMemory(to: CChar.self).baseAddress, raw.count)
        }
        defer { coop_unref(stream) }
        return parse(stream: stream)
    }

    /// Parses a message stored in a file, without loading the whole file in memory.
    public func parse(fileAt path: String) -> ParsedMessage {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            return ParsedMessage.broken("fichier illisible")
        }
        if let early = precheck(data) { return early }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0, let stream = g_mime_stream_fs_new(fd) else { return ParsedMessage.broken("fichier illisible") }
        defer { coop_unref(stream) }
        return parse(stream: stream)
    }

    func precheck(_ data: Data) -> ParsedMessage? {
        let (blank, hasNUL) = data.withUnsafeBytes { raw -> (Bool, Bool) in
            guard let base = raw.baseAddress, raw.count > 0 else { return (true, false) }
            let nul = memchr(base, 0, raw.count) != nil
            let bytes = raw.bindMemory(to: UInt8.self)
            let blank = !bytes.contains { $0 != 0x20 && $0 != 0x0a && $0 != 0x0d && $0 != 0x09 }
            return (blank, nul)
        }
        if blank { return ParsedMessage.broken("fichier vide") }
        if hasNUL { return ParsedMessage.broken("octet NUL dans le message (interdit dans un e-mail)") }
        return nil
    }

    func parse(stream: UnsafeMutablePointer<GMimeStream>) -> ParsedMessage {
        let warnings = WarningCollector()
        let options = g_mime_parser_options_new()
        defer { g_mime_parser_options_free(options) }
        let box = Unmanaged.passRetained(warnings)
        defer { box.release() }
        g_mime_parser_options_set_warning_callback(
            options,
            { _, code, item, user in
                guard let user else { return }
                let collector = Unmanaged<WarningCollector>.fromOpaque(user).takeUnretainedValue()
                collector.codes.append(code.rawValue)
                if let item { collector.items.append(String(cString: item)) }
            }, box.toOpaque())

        let parser = g_mime_parser_new_with_stream(stream)
        defer { coop_unref(parser) }
        guard let message = g_mime_parser_construct_message(parser, options) else {
            return ParsedMessage.broken("ce fichier n'est pas un e-mail lisible")
        }
        defer { coop_unref(message) }

        var result = ParsedMessage(headers: [], bodyText: "", attachments: [], problems: [])
        readHeaders(message, into: &result)
        if result.headers.isEmpty {
            result.problems.append("ce fichier n'est pas un e-mail (aucun en-tête)")
        }
        // Structural damage (a multipart cut before its final boundary, a part without headers) is not a reason to lose
        // the parts that arrived whole: they are kept, and what was lost is noted for staff.
        let damage = warnings.damage()
        var walker = TreeWalker(limits: limits, damaged: !damage.isEmpty)
        if let root = g_mime_message_get_mime_part(message) {
            walker.walk(root, depth: 1, forwarded: false)
        }
        walker.finish()
        result.bodyText = walker.bodyText()
        result.attachments = walker.attachments
        result.problems += walker.problems
        result.problems += warnings.problems()
        result.notes = damage + walker.notes
        result.lostParts = walker.lostParts
        return result
    }

    func readHeaders(_ message: UnsafeMutablePointer<GMimeMessage>, into r: inout ParsedMessage) {
        r.messageID = g_mime_message_get_message_id(message).map { "<" + String(cString: $0) + ">" }
        r.subject = g_mime_message_get_subject(message).map { String(cString: $0) }
        if let list = g_mime_message_get_from(message), internet_address_list_length(list) > 0,
            let address = internet_address_list_get_address(list, 0)
        {
            if let name = internet_address_get_name(address) { r.fromName = String(cString: name) }
            if coop_is_mailbox(address) != 0, let addr = internet_address_mailbox_get_addr(coop_as_mailbox(address)) {
                r.fromAddress = String(cString: addr).lowercased()
            }
        }
        if let date = g_mime_message_get_date(message) {
            r.date = Date(timeIntervalSince1970: TimeInterval(g_date_time_to_unix(date)))
        }
        let object = coop_message_as_object(message)
        if let list = g_mime_object_get_header_list(object) {
            let count = min(Int(g_mime_header_list_get_count(list)), limits.maxHeaders)
            for i in 0..<count {
                guard let header = g_mime_header_list_get_header_at(list, Int32(i)),
                    let name = g_mime_header_get_name(header)
                else { continue }
                let value = g_mime_header_get_value(header).map { String(cString: $0) } ?? ""
                r.headers.append(.init(name: String(cString: name), value: value))
            }
        }
        // GMime keeps the top part's Content-* fields on the part, not in the message's list: the top Content-Type
        // (multipart/report; report-type=…) tells bounces and read receipts, so it is recorded with the others.
        if r.header("Content-Type") == nil, let root = g_mime_message_get_mime_part(message),
            let value = g_mime_object_get_header(root, "Content-Type")
        {
            r.headers.append(.init(name: "Content-Type", value: String(cString: value)))
        }
        r.inReplyTo = r.header("In-Reply-To").map(Self.clean)
        r.references = r.header("References").map(Self.clean)
        r.returnPath = r.header("Return-Path").map(Self.clean)
    }

    /// Unfolds and trims a header value.
    static func clean(_ s: String) -> String {
        s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            .trimmingCharacters(in: .whitespaces)
    }
}

/// Collects GMime parser warnings through the C callback's user-data pointer.
final class WarningCollector {
    var codes: [UInt32] = []
    var items: [String] = []

    /// Warnings that mean the message is broken or hostile. Cosmetic ones (duplicated headers, unencoded 8-bit
    /// headers, invalid RFC 2047 words, bad address lists) are tolerated: phones and old clients produce them.
    /// Damage that leaves whole parts readable is in ``damage()``, not here.
    func problems() -> [String] {
        var out: [String] = []
        for code in Set(codes).sorted() {
            switch GMimeParserWarning(rawValue: code) {
            case GMIME_WARN_MALFORMED_MESSAGE: out.append("message mal formé")
            case GMIME_CRIT_INVALID_HEADER_NAME: out.append("nom d'en-tête invalide")
            case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY: out.append("partie multiple sans délimiteur")
            case GMIME_CRIT_NESTING_OVERFLOW: out.append("imbrication MIME trop profonde")
            default: break
            }
        }
        return out
    }

    /// Truncation and malformed multiparts: the parts that arrived whole can still be read (French notes).
    func damage() -> [String] {
        var out: [String] = []
        for code in Set(codes).sorted() {
            switch GMimeParserWarning(rawValue: code) {
            case GMIME_WARN_MALFORMED_MULTIPART: out.append("partie multiple mal formée (aucune sous-partie)")
            case GMIME_WARN_TRUNCATED_MESSAGE: out.append("message tronqué (délimiteur de fin manquant)")
            case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT: out.append("partie MIME sans en-tête ni contenu")
            default: break
            }
        }
        return out
    }
}
