import Foundation

/// Mutates a whole mail: its headers (Date, From, Message-ID, Content-Type parameters, encodings), its MIME
/// structure, its attachments' bytes, and the figures of the statements it carries (amounts, dates, huge numbers).
/// Each mutation is what a careless mailer or a hostile sender could send.
struct MailMutator {
    /// Message-IDs already used in this campaign, reused on purpose to make collisions.
    var usedMessageIDs: [String] = []

    static let dates = [
        "Mon, 30 Jun 3609 10:00:00 +0000", "Fri, 01 Jan 3000 00:00:00 +0000", "Sat, 31 Dec 99999 23:59:59 +9999",
        "Thu, 01 Jan 1970 00:00:00 +0000", "Tue, 31 Aug 0000 25:61:61 -9999", "hier soir", "", "-1",
        "Mon, 13 Sep 2021 10:00:00 +0200 (CEST) trailing garbage", "Sun, 29 Feb 2021 10:00:00 +0200",
        String(repeating: "9", count: 400),
    ]
    static let senders = [
        "", "<>", "not an address", "\"=?utf-8?B?////?=\" <x@y>", "a@b@c", "<mandataire1@ecole.test>\u{0}x",
        String(repeating: "a", count: 5000) + "@ecole.test", "=?iso-8859-1?Q?=E9=E9?= <MANDATAIRE2@ECOLE.TEST>",
        "postmaster@ecole.test", "mandataire3@ecole.test, mandataire4@ecole.test", "\u{202E}evil@ecole.test",
    ]
    static let messageIDs = [
        "", "<>", "<@>", "no-brackets", "<a@b>\r\nBcc: victim@example.org", String(repeating: "<x", count: 3000),
    ]
    static let contentTypes = [
        "multipart/mixed", "multipart/mixed; boundary=", "multipart/mixed; boundary=\"\"",
        "multipart/alternative; boundary=\"x\"",
        "multipart/mixed; boundary=\"\(String(repeating: "b", count: 2000))\"", "text/plain; charset=x-unknown-charset",
        "text/plain; charset=\"utf-7\"", "application/pdf; name=\"../../etc/passwd.pdf\"", "message/rfc822",
        "multipart/report; report-type=delivery-status", "multipart/mixed; boundary*0=\"a\"; boundary*1=\"b\"",
    ]
    static let encodings = ["base64", "quoted-printable", "x-uuencode", "7bit", "binary", "BASE64 garbage", ""]
    static let hugeAmounts = [
        "99999999999999999999,99", "9 223 372 036 854 775 807,99", "-92233720368547758,08",
        "1e308", "0,000000001", "1.234.567.890.123.456,78", "--12,00", "12,00-",
    ]
    static let badDates = ["31/02/2021", "00/00/0000", "99/99/9999", "31/08/99999", "32/13/2021", "31/08/-2021"]

    /// 1 to 4 mutations of `mail`.
    mutating func mutate(_ mail: Data, _ rng: inout SplitMix) -> Data {
        var bytes = [UInt8](mail)
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            switch Int.random(in: 0..<12, using: &rng) {
            case 0: bytes = replaceHeader("Date", Self.dates.randomElement(using: &rng) ?? "", bytes)
            case 1: bytes = replaceHeader("From", Self.senders.randomElement(using: &rng) ?? "", bytes)
            case 2:
                let reuse = !usedMessageIDs.isEmpty && Bool.random(using: &rng)
                let id =
                    reuse
                    ? (usedMessageIDs.randomElement(using: &rng) ?? "")
                    : (Self.messageIDs.randomElement(using: &rng) ?? "")
                bytes = replaceHeader("Message-ID", id, bytes)
            case 3:
                bytes = replaceHeader(
                    "Content-Type", Self.contentTypes.randomElement(using: &rng) ?? "", bytes,
                    everywhere: Bool.random(using: &rng))
            case 4:
                bytes = replaceHeader(
                    "Content-Transfer-Encoding", Self.encodings.randomElement(using: &rng) ?? "", bytes,
                    everywhere: true)
            case 5: bytes = truncate(bytes, &rng)
            case 6: bytes = flip(bytes, &rng)
            case 7: bytes = dropClosingBoundary(bytes)
            case 8: bytes = nest(bytes, depth: Int.random(in: 1...80, using: &rng))
            case 9:
                bytes = Array(
                    String(decoding: bytes, as: UTF8.self).replacingOccurrences(
                        of: "\n", with: Bool.random(using: &rng) ? "\r\n" : "\r"
                    ).utf8)
            case 10: bytes = insertHeaders(bytes, &rng)
            default: bytes = statementFigures(bytes, &rng)
            }
        }
        if let id = header("Message-ID", in: bytes) {
            usedMessageIDs.append(id)
            if usedMessageIDs.count > 50 { usedMessageIDs.removeFirst() }
        }
        return Data(bytes)
    }

    /// The end of the header block (index of the blank line), or the end of the mail.
    func headerEnd(_ bytes: [UInt8]) -> Int {
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 10
                && (bytes[i + 1] == 10 || (bytes[i + 1] == 13 && i + 2 < bytes.count && bytes[i + 2] == 10))
            {
                return i + 1
            }
            i += 1
        }
        return bytes.count
    }

    func header(_ name: String, in bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes[0..<headerEnd(bytes)], as: UTF8.self)
        for line in head.split(separator: "\n") where line.lowercased().hasPrefix(name.lowercased() + ":") {
            return String(line.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return nil
    }

    /// Replaces the value of every `name:` line (the top header only, or every part's too).
    func replaceHeader(_ name: String, _ value: String, _ bytes: [UInt8], everywhere: Bool = false) -> [UInt8] {
        let end = everywhere ? bytes.count : headerEnd(bytes)
        let text = String(decoding: bytes[0..<end], as: UTF8.self)
        var lines = text.components(separatedBy: "\n")
        var found = false
        for i in lines.indices where lines[i].lowercased().hasPrefix(name.lowercased() + ":") {
            lines[i] = "\(name): \(value)"
            found = true
        }
        if !found { lines.insert("\(name): \(value)", at: 0) }
        return Array(lines.joined(separator: "\n").utf8) + bytes[end...]
    }

    func truncate(_ bytes: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
        guard bytes.count > 1 else { return bytes }
        return Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
    }

    func flip(_ bytes: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        var b = bytes
        for _ in 0..<Int.random(in: 1...32, using: &rng) {
            b[Int.random(in: 0..<b.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
        }
        return b
    }

    func dropClosingBoundary(_ bytes: [UInt8]) -> [UInt8] {
        var text = String(decoding: bytes, as: UTF8.self)
        if let r = text.range(of: "--\n", options: .backwards) ?? text.range(of: "--\r\n", options: .backwards) {
            text.removeSubrange(r)
        }
        return Array(text.utf8)
    }

    /// The mail wrapped in `depth` message/rfc822 forwards.
    func nest(_ bytes: [UInt8], depth: Int) -> [UInt8] {
        var inner = bytes
        for level in 0..<depth {
            inner =
                Array(
                    """
                    From: fwd\(level)@ecole.test
                    Subject: Fwd: niveau \(level)
                    MIME-Version: 1.0
                    Content-Type: multipart/mixed; boundary="n\(level)"

                    --n\(level)
                    Content-Type: message/rfc822


                    """.utf8) + inner + Array("\n--n\(level)--\n".utf8)
        }
        return inner
    }

    func insertHeaders(_ bytes: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
        let extra = [
            "Auto-Submitted: auto-replied", "X-Autoreply: yes", "Precedence: bulk", "List-Id: <parents.ecole.test>",
            "Authentication-Results: mx.occe.test; spf=fail; dmarc=fail header.from=ecole.test",
            "Subject: =?utf-8?B?\(String(repeating: "/", count: 300))?=",
            "Subject: \u{1B}]0;titre\u{07}\u{202E}fdp.exe",
            "Content-Disposition: attachment; filename*=utf-8''..%2F..%2Fetc%2Fpasswd",
            "X-Long: " + String(repeating: "x", count: 100_000),
            "In-Reply-To: <" + String(repeating: "r", count: 10_000) + ">",
            "References: " + String(repeating: "<a@b> ", count: 2000),
        ]
        let line = Array((extra.randomElement(using: &rng) ?? "").utf8) + [10]
        return line + bytes
    }

    /// Amounts and dates of a statement or quitus turned huge, negative or impossible; or thousands of movements.
    func statementFigures(_ bytes: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
        // Figures sit in base64 parts: decode each, mutate, encode again.
        var text = String(decoding: bytes, as: UTF8.self)
        guard let range = text.range(of: "Content-Transfer-Encoding: base64\n\n") else { return bytes }
        let bodyStart = range.upperBound
        let bodyEnd = text[bodyStart...].range(of: "\n--")?.lowerBound ?? text.endIndex
        let b64 = text[bodyStart..<bodyEnd].replacingOccurrences(of: "\n", with: "")
        guard let decoded = Data(base64Encoded: b64), var doc = String(data: decoded, encoding: .utf8) else {
            return bytes
        }
        switch Int.random(in: 0..<4, using: &rng) {
        case 0:
            if let r = doc.range(of: #"[0-9 ]+,[0-9]{2}"#, options: .regularExpression) {
                doc.replaceSubrange(r, with: Self.hugeAmounts.randomElement(using: &rng) ?? "")
            }
        case 1:
            if let r = doc.range(of: #"[0-9]{2}/[0-9]{2}/[0-9]{4}"#, options: .regularExpression) {
                doc.replaceSubrange(r, with: Self.badDates.randomElement(using: &rng) ?? "")
            }
        case 2:
            let movement = "16/08/2021 16/08/2021 CHEQUE 1234 9 999 999 999 999,99\n"
            doc += "\n" + String(repeating: movement, count: Int.random(in: 100...6000, using: &rng))
        default:
            doc = doc.replacingOccurrences(of: "SOLDE", with: "SOLDE SOLDE AU 31/08/2021 99999999999999999,99 SOLDE")
        }
        let encoded = Data(doc.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
        text.replaceSubrange(bodyStart..<bodyEnd, with: encoded)
        return Array(text.utf8)
    }
}
