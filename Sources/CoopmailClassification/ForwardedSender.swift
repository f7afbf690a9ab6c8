import Foundation

/// The addresses of the mails a message forwards, read from the sender's own text (not what a reply quotes): the
/// « De : Nom <adresse> » / « From: » lines of an inline forward's header block (Gmail, Thunderbird, Outlook), and the
/// « Expéditeur du message transféré : » line the MIME stage writes for a forwarded message/rfc822 part.
///
/// A registered address there says whose mail is passed on: a supporting signal only (``CooperativeMatcher``), since
/// a forwarded mail's headers are whatever the forwarder's client wrote.
public enum ForwardedSender {
    static let prefixes = ["expéditeur du message transféré :", "de :", "de:", "from:"]
    /// At most this many lines are looked at.
    static let lineLimit = 2_000

    public static func addresses(in ownText: String) -> [String] {
        var out: [String] = []
        for line in ownText.split(whereSeparator: \.isNewline).prefix(lineLimit) {
            let t = line.trimmingCharacters(in: .whitespaces).lowercased()
            guard let prefix = prefixes.first(where: { t.hasPrefix($0) }) else { continue }
            let rest = t.dropFirst(prefix.count)
            let candidate: Substring
            if let open = rest.lastIndex(of: "<"), let close = rest.lastIndex(of: ">"), open < close {
                candidate = rest[rest.index(after: open)..<close]
            } else {
                candidate =
                    rest.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "[" || $0 == "]" }).first {
                        $0.contains("@")
                    }
                    ?? ""
            }
            let address = candidate.trimmingCharacters(in: .whitespaces)
            if address.contains("@"), !address.contains(" "), !out.contains(address) { out.append(address) }
        }
        return out
    }
}
