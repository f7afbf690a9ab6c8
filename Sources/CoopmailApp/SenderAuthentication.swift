import CoopmailStore
import Foundation

/// What the receiving server (OCCE's) wrote in `Authentication-Results` about the sender: a mail whose DMARC or SPF
/// check failed may come from anybody, whatever its `From:` says. Such a mail is flagged for staff, and its sender
/// earns no weight when matching it to a cooperative.
public enum SenderAuthentication {
    /// The failed methods (`dmarc=fail`, `spf=fail`) of the mail's `Authentication-Results` headers, as French text
    /// for staff; nil when none failed. `headers` is the stored JSON `[[name, value]]`.
    public static func failure(headersJSON: String) -> String? {
        let headers = (JSON.decode([[String]].self, headersJSON) ?? []).compactMap {
            $0.count == 2 ? ($0[0], $0[1]) : nil
        }
        return failure(headers: headers)
    }

    public static func failure(headers: [(String, String)]) -> String? {
        var failed: [String] = []
        for (name, value) in headers
        where name.trimmingCharacters(in: .whitespaces).lowercased() == "authentication-results" {
            for method in methods(value.lowercased()) where !failed.contains(method) { failed.append(method) }
        }
        guard !failed.isEmpty else { return nil }
        return "expéditeur non authentifié (" + failed.map { "\($0)=fail" }.joined(separator: ", ")
            + ") : le message peut venir de n'importe qui, l'adresse d'expéditeur n'a pas servi au rattachement"
    }

    /// `dmarc` and `spf` when the header says `dmarc=fail` / `spf=fail` (not `softfail`), outside comments.
    static func methods(_ value: String) -> [String] {
        var text = ""
        var depth = 0
        for c in value {
            if c == "(" {
                depth += 1
                continue
            }
            if c == ")" {
                depth = max(0, depth - 1)
                continue
            }
            if depth == 0 { text.append(c) }
        }
        let tokens = text.split(whereSeparator: { $0 == ";" || $0.isWhitespace })
        var out: [String] = []
        for (i, token) in tokens.enumerated() {
            // `dmarc=fail`, or split by blanks: `dmarc = fail`.
            var joined = String(token)
            if joined.hasSuffix("="), i + 1 < tokens.count { joined += tokens[i + 1] }
            if i + 2 < tokens.count, tokens[i + 1] == "=" { joined += "=" + tokens[i + 2] }
            for method in ["dmarc", "spf"] where joined == method + "=fail" { out.append(method) }
        }
        return out
    }
}
