/// The steps of one IMAP batch, as ``BatchPipeline`` drives them. The poller implements them over the IMAP client
/// and the ingestor; the unit tests over fakes that record the order of events.
protocol BatchStages: AnyObject {
    /// A batch's bytes as read from the server.
    associatedtype Received
    /// A batch being parsed and its files written (other threads).
    associatedtype Preparing
    /// A batch being committed (another thread).
    associatedtype Committing

    /// Sends the fetch of batch `index` and returns at once (its answer streams in meanwhile).
    func startFetch(_ index: Int) throws
    /// Reads the answer of the fetch sent for batch `index`.
    func finishFetch(_ index: Int) throws -> Received
    /// Starts parsing the batch and writing its files, and returns at once.
    func startPreparing(_ index: Int, _ received: Received) -> Preparing
    /// Waits for the preparation, then starts the commit and returns at once.
    func startCommitting(_ index: Int, _ preparing: Preparing) throws -> Committing
    /// Waits for the commit to end.
    func finishCommitting(_ index: Int, _ committing: Committing) throws
    /// Waits for a commit whose batch will not go further (a later step failed), whatever its result.
    func abandon(_ committing: Committing)
    /// With the batch committed: moves its mails on the server and records the last UID.
    func finish(_ index: Int, _ received: Received) throws
}

/// Up to three batches in flight at once: while batch k is committed (another thread) and then finished (moved, its
/// UID recorded: this thread), batch k+1 is read from the server (this thread) and prepared (two more threads), and
/// batch k+2 streams in (its fetch already sent).
///
/// Each batch's own steps keep their order — fetch sent, answer read, prepared, committed, and only then finished —
/// so a kill at any point loses nothing. A failure stops the pipeline: a commit already started is waited for, no
/// later batch is finished, and the error goes to the caller.
struct BatchPipeline<Stages: BatchStages> {
    let stages: Stages
    let count: Int

    /// The event order for batches 0, 1, 2 (`→` this thread waits or works, `~` another thread works):
    /// `send 0, read 0, send 1, ~prepare 0, →prepared 0, ~commit 0, read 1, send 2, ~prepare 1, →committed 0,
    /// finish 0, →prepared 1, ~commit 1, read 2, ~prepare 2, →committed 1, finish 1, …`.
    func run() throws {
        guard count > 0 else { return }
        try stages.startFetch(0)
        var current: (received: Stages.Received, preparing: Stages.Preparing)? = try receive(0)
        for index in 0..<count {
            guard let (received, preparing) = current else { break }
            let committing = try stages.startCommitting(index, preparing)
            do {
                current = index + 1 < count ? try receive(index + 1) : nil
            } catch {
                stages.abandon(committing)
                throw error
            }
            try stages.finishCommitting(index, committing)
            try stages.finish(index, received)
        }
    }

    /// Reads batch `index`, sends the next batch's fetch, then starts preparing this one.
    private func receive(_ index: Int) throws -> (received: Stages.Received, preparing: Stages.Preparing) {
        let received = try stages.finishFetch(index)
        if index + 1 < count { try stages.startFetch(index + 1) }
        return (received, stages.startPreparing(index, received))
    }
}
