import CoopmailMIME
import CoopmailStore
import Foundation

/// A queued answer shown to staff exactly as it will leave: its stored bytes decoded (encoded subject,
/// quoted-printable body) by the same MIME parser as incoming mail.
public struct OutboxPreview {
    public let store: Store

    public init(store: Store) { self.store = store }

    public func render(_ row: OutboxRecord) throws -> String {
        let raw = try store.blobs.get(row.rawSha256)
        let parsed = MIMEParser().parse(raw)
        let to = (JSON.decode([String].self, row.recipients) ?? []).joined(separator: ", ")
        var lines = [
            "De : \(parsed.fromName.map { "\($0) " } ?? "")<\(parsed.fromAddress ?? row.envelopeFrom)>",
            "À : \(to)", "Objet : \(parsed.subject ?? row.subject)", "",
        ]
        // The wire's CRLF line ends are the terminal's line ends (a bare CR would be shown as an escape).
        lines.append(parsed.bodyText.replacingOccurrences(of: "\r\n", with: "\n"))
        return lines.joined(separator: "\n")
    }
}
