import CoopmailDomain
import CoopmailIntake
import Foundation
import Logging

/// The poller's batches as ``BatchPipeline`` drives them: fetched from the IMAP server, prepared and committed by the
/// ingestor, then moved to `processed_mailbox` and recorded as seen.
final class PollBatches: BatchStages {
    typealias Fetched = [(uid: UInt32, data: Data)]

    let poller: Poller
    let client: IMAPClient
    let batches: [[IMAPMessageSummary]]
    let status: IMAPMailboxStatus
    let account: String
    let processedMailbox: String?

    /// What happened, added to the poll's summary at the end.
    private(set) var fetched = 0
    private(set) var vanished = 0
    private(set) var moved = 0
    private(set) var outcomes: [Ingestor.Outcome] = []

    private var pendingFetch: IMAPClient.PendingFetch?
    /// Times of the batch in progress, for the log.
    private var started = ContinuousClock.now
    private var preparedAt = ContinuousClock.now
    private var storedAt = ContinuousClock.now

    init(
        poller: Poller, client: IMAPClient, batches: [[IMAPMessageSummary]], status: IMAPMailboxStatus, account: String,
        processedMailbox: String?
    ) {
        self.poller = poller
        self.client = client
        self.batches = batches
        self.status = status
        self.account = account
        self.processedMailbox = processedMailbox
    }

    func startFetch(_ index: Int) throws {
        poller.willFetch?(batches[index])
        pendingFetch = try client.startFetch(batches[index].map(\.uid))
    }

    func finishFetch(_ index: Int) throws -> Fetched {
        guard let pending = pendingFetch else { return [] }
        pendingFetch = nil
        return try client.finishFetch(pending)
    }

    func startPreparing(_ index: Int, _ bodies: Fetched) -> BackgroundResult<[Ingestor.Prepared]> {
        let batch = batches[index]
        if bodies.count < batch.count {
            // Another client (staff in their mail program) moved or deleted them since the listing.
            vanished += batch.count - bodies.count
            poller.logger.notice(
                "messages gone from the server before they were fetched",
                metadata: ["count": "\(batch.count - bodies.count)"])
        }
        // The server's arrival time (INTERNALDATE) orders the mails and decides their exercise, never the sender's
        // Date header; a server that gave none counts as having received the mail now.
        let fetchedAt = Date()
        let arrivals = Dictionary(batch.map { ($0.uid, $0.internalDate) }, uniquingKeysWith: { a, _ in a })
        let raws = bodies.map {
            RawMessage(
                content: .bytes($0.data),
                source: "imap:\(status.mailbox);UIDVALIDITY=\(status.uidValidity);UID=\($0.uid)",
                arrivedAt: (arrivals[$0.uid] ?? nil) ?? fetchedAt)
        }
        fetched += raws.count
        return poller.ingestor.startPreparing(batch: raws, workers: 2)
    }

    func startCommitting(_ index: Int, _ preparing: BackgroundResult<[Ingestor.Prepared]>) throws
        -> BackgroundResult<[Ingestor.Outcome]>
    {
        started = ContinuousClock.now
        let prepared = try preparing.wait()
        preparedAt = ContinuousClock.now
        return poller.ingestor.startCommitting(prepared)
    }

    func finishCommitting(_ index: Int, _ committing: BackgroundResult<[Ingestor.Outcome]>) throws {
        outcomes += try committing.wait()
        storedAt = ContinuousClock.now
    }

    func abandon(_ committing: BackgroundResult<[Ingestor.Outcome]>) { _ = try? committing.wait() }

    func finish(_ index: Int, _ bodies: Fetched) throws {
        let uids = bodies.map(\.uid)
        Poller.faultPauseBeforeMove()
        // Only now, with the batch committed, may its mails leave the INBOX.
        if let target = processedMailbox, !uids.isEmpty {
            try client.move(uids, to: target)
            moved += uids.count
        }
        if let last = batches[index].map(\.uid).max() {
            try poller.saveState(account: account, validity: status.uidValidity, lastUID: last)
        }
        poller.logger.info(
            "IMAP batch done",
            metadata: [
                "messages": "\(uids.count)", "waitedForPreparation": "\(preparedAt - started)",
                "commit": "\(storedAt - preparedAt)", "move": "\(ContinuousClock.now - storedAt)",
            ])
    }
}
