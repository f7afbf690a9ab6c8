import Foundation

/// Reads, in a delivery failure notice (a bounce), which recipients failed and why: the RFC 3464 report
/// (`Final-Recipient` / `Original-Recipient`, `Action`, `Status`, `Diagnostic-Code`) that Postfix, Gmail, Exchange
/// and most servers attach, or, for servers that write only text (Exim, qmail, sendmail, Postfix without a report),
/// the address lines under their fixed phrases. Temporary failures (`4.x.x`, `Action: delayed`) are not failures.
public enum BounceReport {
    public struct Failure: Sendable, Equatable {
        /// Lowercased address.
        public var address: String
        /// `5.1.1` when given.
        public var status: String?
        /// What the remote server said, on one line (« 550 5.1.1 <x@y>: Recipient address rejected: User unknown »).
        public var diagnostic: String?

        public init(address: String, status: String?, diagnostic: String?) {
            self.address = address
            self.status = status
            self.diagnostic = diagnostic
        }

        /// The short reason staff and mails show: the well-known cause when one is named, else the diagnostic.
        public var reason: String {
            let text = (diagnostic ?? "").lowercased()
            let known: [(String, String)] = [
                ("user unknown", "User unknown"), ("unknown user", "User unknown"), ("no such user", "User unknown"),
                ("does not exist", "User unknown"), ("address couldn't be found", "User unknown"),
                ("recipient address rejected", "adresse refusée"), ("mailbox full", "boîte pleine"),
                ("quota exceeded", "boîte pleine"), ("over quota", "boîte pleine"),
                ("unrouteable", "domaine introuvable"),
                ("host not found", "domaine introuvable"), ("domain not found", "domaine introuvable"),
                ("mailbox unavailable", "boîte indisponible"), ("mailbox disabled", "boîte désactivée"),
            ]
            for (needle, label) in known where text.contains(needle) { return label }
            if status == "5.1.1" { return "User unknown" }
            if let d = diagnostic, !d.isEmpty { return d }
            return status.map { "échec définitif (\($0))" } ?? "échec définitif"
        }
    }

    /// The failed recipients named in `text` (the raw bounce, and/or its decoded text), in order, each once.
    public static func failures(in text: String) -> [Failure] {
        let lines = unfold(text)
        var out = reportFailures(lines)
        if out.isEmpty { out = textFailures(lines) }
        var seen = Set<String>()
        return out.filter { seen.insert($0.address).inserted }
    }

    // MARK: RFC 3464 report

    static func reportFailures(_ lines: [String]) -> [Failure] {
        var out: [Failure] = []
        var current: (final: String?, original: String?, action: String?, status: String?, diagnostic: String?)?
        func flush() {
            guard let c = current, let address = c.final ?? c.original else {
                current = nil
                return
            }
            let action = c.action?.lowercased() ?? ""
            let permanent = c.status.map { $0.hasPrefix("5") } ?? action.hasPrefix("failed")
            if permanent && !action.hasPrefix("delayed") && !action.hasPrefix("delivered")
                && !action.hasPrefix("relayed")
                && !action.hasPrefix("expanded")
            {
                out.append(Failure(address: address, status: c.status, diagnostic: c.diagnostic))
            }
            current = nil
        }
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                flush()
                continue
            }
            guard let colon = trimmed.firstIndex(of: ":") else { continue }
            let name = trimmed[..<colon].lowercased()
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "final-recipient", "original-recipient":
                guard let address = typedAddress(value) else { continue }
                if current == nil { current = (nil, nil, nil, nil, nil) }
                if name == "final-recipient" {
                    if current?.final != nil {
                        flush()
                        current = (nil, nil, nil, nil, nil)
                    }
                    current?.final = address
                } else if current?.original == nil {
                    current?.original = address
                }
            case "action": if current != nil { current?.action = value }
            case "status":
                if current != nil, let s = value.split(separator: " ").first.map(String.init), isStatusCode(s) {
                    current?.status = s
                }
            case "diagnostic-code":
                if current != nil { current?.diagnostic = clean(diagnostic: value) }
            default: break
            }
        }
        flush()
        return out
    }

    /// `rfc822; x@y` (or `rfc822;<x@y>`) → `x@y`.
    static func typedAddress(_ value: String) -> String? {
        let raw = value.split(separator: ";", maxSplits: 1).last.map(String.init) ?? value
        return plainAddress(raw)
    }

    // MARK: text bounces

    static func textFailures(_ lines: [String]) -> [Failure] {
        var out: [Failure] = []
        let lowered = lines.map { $0.lowercased() }
        // Exim: « The following address(es) failed: » then indented addresses, each followed by its cause.
        // sendmail: « ----- The following addresses had permanent fatal errors ----- ».
        for (i, l) in lowered.enumerated()
        where l.contains("following address(es) failed") || l.contains("following addresses had permanent fatal errors")
            || l.contains("following recipients failed") || l.contains("could not be delivered to the following")
        {
            var j = i + 1
            var last: Int?
            while j < lines.count {
                let t = lines[j].trimmingCharacters(in: .whitespaces)
                if t.isEmpty {
                    if !out.isEmpty && last != nil && j + 1 < lines.count
                        && lines[j + 1].first.map({ !$0.isWhitespace }) ?? true
                        && lowered[j + 1].contains("---")
                    {
                        break
                    }
                    j += 1
                    if j - i > 400 { break }
                    continue
                }
                if t.hasPrefix("---") && j > i + 1 && last != nil { break }
                if let a = plainAddress(t),
                    t.count <= a.count + 2 || t.hasPrefix("<") && t.hasSuffix(">") || t.hasSuffix(":")
                {
                    out.append(Failure(address: a, status: nil, diagnostic: nil))
                    last = out.count - 1
                } else if let k = last, !t.lowercased().hasPrefix("host "), !t.lowercased().hasPrefix("smtp error from")
                {
                    let d = out[k].diagnostic.map { $0 + " " + t } ?? t
                    out[k].diagnostic = clean(diagnostic: d)
                    if out[k].status == nil { out[k].status = statusCode(in: t) }
                }
                j += 1
                if j - i > 400 { break }
            }
        }
        if !out.isEmpty { return out.filter { $0.status.map { !$0.hasPrefix("4") } ?? true } }
        // Postfix, qmail: « <x@y>: host mx said: 550 5.1.1 … User unknown ».
        for (i, l) in lines.enumerated() {
            let t = l.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("<"), let end = t.firstIndex(of: ">"), t[t.index(after: end)...].hasPrefix(":"),
                let a = plainAddress(String(t[...end]))
            else { continue }
            var d = String(t[t.index(end, offsetBy: 2)...]).trimmingCharacters(in: .whitespaces)
            var k = i + 1
            while k < lines.count, let first = lines[k].first, first.isWhitespace,
                !lines[k].trimmingCharacters(in: .whitespaces).isEmpty
            {
                d += " " + lines[k].trimmingCharacters(in: .whitespaces)
                k += 1
            }
            let status = statusCode(in: d)
            if status?.hasPrefix("4") == true { continue }
            out.append(Failure(address: a, status: status, diagnostic: d.isEmpty ? nil : clean(diagnostic: d)))
        }
        if !out.isEmpty { return out }
        // Gmail's text: « Your message wasn't delivered to x@y because the address couldn't be found ».
        for l in lines {
            let t = l.trimmingCharacters(in: .whitespaces)
            guard
                let r = t.range(of: "wasn't delivered to ", options: .caseInsensitive)
                    ?? t.range(of: "n'a pas été distribué à ", options: .caseInsensitive)
            else { continue }
            let rest = t[r.upperBound...]
            if let a = plainAddress(String(rest.split(separator: " ").first ?? "")) {
                out.append(Failure(address: a, status: nil, diagnostic: clean(diagnostic: t)))
            }
        }
        return out
    }

    // MARK: helpers

    /// Header-style continuation lines joined to the line they continue (only for report fields).
    static func unfold(_ text: String) -> [String] {
        var out: [String] = []
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if let first = line.first, first == " " || first == "\t", let last = out.last,
                let colon = last.firstIndex(of: ":"),
                ["diagnostic-code", "final-recipient", "original-recipient"].contains(
                    last[..<colon].trimmingCharacters(in: .whitespaces).lowercased())
            {
                out[out.count - 1] = last + " " + line.trimmingCharacters(in: .whitespaces)
            } else {
                out.append(line)
            }
        }
        return out
    }

    /// One plausible address, bare or in `<>`, lowercased; nil when the text is not only an address.
    static func plainAddress(_ text: String) -> String? {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix(":") { t = String(t.dropLast()).trimmingCharacters(in: .whitespaces) }
        if t.hasPrefix("<") && t.hasSuffix(">") { t = String(t.dropFirst().dropLast()) }
        guard t.count <= 254, let at = t.lastIndex(of: "@"), at != t.startIndex, t.index(after: at) != t.endIndex else {
            return nil
        }
        let domain = t[t.index(after: at)...]
        guard domain.contains("."), !t.contains(where: { $0.isWhitespace || "<>(),;\"[]".contains($0) }) else {
            return nil
        }
        return t.lowercased()
    }

    static func isStatusCode(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && ["2", "4", "5"].contains(parts[0])
            && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }
    }

    /// The first `x.y.z` status code in a server's reply.
    public static func statusCode(in text: String) -> String? {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "-" }).map(String.init).first { isStatusCode($0) }
    }

    /// `smtp; 550 …` → `550 …`, on one line, at most 300 characters, control characters out.
    static func clean(diagnostic: String) -> String {
        var d = diagnostic
        if let semi = d.firstIndex(of: ";"),
            d[..<semi].lowercased().trimmingCharacters(in: .whitespaces) == "smtp"
                || d[..<semi].lowercased().trimmingCharacters(in: .whitespaces) == "x-postfix"
        {
            d = String(d[d.index(after: semi)...])
        }
        d = String(String.UnicodeScalarView(d.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
        d = d.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return d.count > 300 ? String(d.prefix(300)) + "…" : d
    }
}
