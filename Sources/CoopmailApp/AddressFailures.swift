import CoopmailClassification
import CoopmailDomain
import CoopmailOutcome
import CoopmailStore
import Foundation

/// Registered addresses a bounce said are failing: recorded when the bounce is processed, shown to staff, avoided by
/// answers and reminders.
public enum AddressFailures {
    /// Marks the failed recipients of a bounce that were recipients of one of our mails (a bounce of someone else's
    /// mail, or naming an address we never wrote to, marks nothing). The bounce itself changes no dossier.
    static func record(_ tx: StoreTransaction, failures: [BounceReport.Failure], bounce: MessageRecord) throws {
        for f in failures where Mailbox.isValidAddress(f.address) {
            guard try !tx.outbox(addressedTo: f.address).isEmpty else { continue }
            try tx.mark(
                AddressFailureRecord(
                    address: f.address, status: f.status, reason: f.reason,
                    failedAt: bounce.receivedAt, message: bounce.id))
        }
    }

    /// The mark for a mail whose only recipient the SMTP server refused for good at RCPT time (a local server says
    /// « 550 5.1.1 User unknown » at once instead of sending a bounce later); nil otherwise.
    static func refusedRecipient(_ row: OutboxRecord, recipients: [String], at: String) -> AddressFailureRecord? {
        guard recipients.count == 1, let address = recipients.first, let error = row.lastError,
            error.contains("refusé un destinataire")
        else { return nil }
        let status = BounceReport.statusCode(in: error)
        let failure = BounceReport.Failure(address: address, status: status, diagnostic: error)
        return AddressFailureRecord(
            address: address, status: status, reason: failure.reason, failedAt: at, message: nil)
    }

    /// « x@y (User unknown, le 03/12/2026) ».
    public static func describe(_ f: AddressFailureRecord) -> String {
        var s = "\(f.address) (\(f.reason)"
        if let status = f.status, !f.reason.contains(status) { s += ", \(status)" }
        if let day = Timestamp.parse(f.failedAt).flatMap(CalendarDate.init(parisDayOf:)) {
            s += ", avis du \(String(format: "%02d/%02d/%04d", day.day, day.month, day.year))"
        }
        return s + ")"
    }

    /// The failing addresses among a cooperative's registered ones.
    public static func of(_ store: Store, cooperative: CooperativeNumber) throws -> [AddressFailureRecord] {
        guard let coop = try store.cooperative(number: cooperative.description)?.cooperative else { return [] }
        return try store.addressFailures(of: coop.mandataire.emails).values.sorted { $0.address < $1.address }
    }

    /// Every failing address with the cooperatives that register it, for `review`.
    public static func all(_ store: Store) throws -> [(failure: AddressFailureRecord, cooperatives: [String])] {
        try store.addressFailures().map { f in
            (f, try store.cooperativesRegistering(f.address).map(\.number))
        }
    }
}

extension Processor {
    /// The failed recipients a bounce names (its raw bytes hold the delivery report; its text the human part).
    func bounceFailures(_ m: MessageRecord) -> [BounceReport.Failure] {
        let raw =
            (try? store.blobs.get(m.rawSha256)).map { String(decoding: $0.prefix(2_000_000), as: UTF8.self) } ?? ""
        return BounceReport.failures(in: raw + "\n\n" + m.bodyText)
    }
}
