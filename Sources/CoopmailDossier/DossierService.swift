import CoopmailDomain
import CoopmailLedger
import CoopmailStore
import Foundation

/// The dossier stage: one dossier per cooperative and exercise, fed by every submission's documents.
///
/// A dossier is always computed from the store (``dossier(_:exercise:)``); a snapshot (status, checks) is kept in
/// the `dossier` table for the review queue. Database triggers mark a dossier for recomputation whenever one of
/// its documents, matches, its declaration or its registry row changes; ``refreshPending()`` recomputes those,
/// and every read of the queue calls it first, so the queue is never stale. The pipeline may also call
/// ``refresh(cooperative:exercise:)`` or ``refreshAll(exercise:)`` directly.
///
/// Staff decisions (``approve(_:exercise:reason:force:)``, ``reject(_:exercise:reason:)``, ``reassign(document:to:)``,
/// ``note(_:exercise:text:)``) are recorded in the `decision` table with the Unix user and the time.
public struct DossierService: Sendable {
    public let store: Store
    /// The name recorded with decisions.
    public var actor: String
    /// The current time (tests may fix it).
    public var clock: @Sendable () -> Date
    let assembler = DossierAssembler()

    public init(store: Store, actor: String = StaffUser.current(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.actor = actor
        self.clock = clock
    }

    // MARK: reading

    /// The dossier computed now from the store; nil when the cooperative sent nothing for the exercise.
    public func dossier(_ cooperative: CooperativeNumber, exercise: Exercise) throws -> Dossier? {
        try store.read { tx in try assembler.load(tx, key: DossierKey(cooperative: cooperative, exercise: exercise)) }
    }

    /// Status and checks for any cooperative and exercise: the dossier's when there is one, else those the ledger
    /// gives on no documents (what the export needs).
    /// Uses the stored snapshot when it is up to date (not marked as changed), else computes.
    public func evaluate(_ cooperative: CooperativeNumber, exercise: Exercise) throws -> (
        status: DossierStatus, checks: [Check]
    ) {
        let c = cooperative.description
        let e = exercise.description
        if let snapshot = try store.read({ tx -> (DossierStatus, [Check])? in
            guard let row = try tx.currentSnapshot(cooperative: c, exercise: e),
                let status = DossierStatus(rawValue: row.status), let checks = JSON.decode([Check].self, row.checks)
            else { return nil }
            return (status, checks)
        }) {
            return snapshot
        }
        if let d = try dossier(cooperative, exercise: exercise) { return (d.status, d.checks) }
        return try store.read { tx in
            let coop = try tx.cooperative(number: c)?.cooperative
            let declaration = try tx.declaration(cooperative: c, exercise: e)?.report
            let checks = assembler.ledger.evaluate(
                LedgerInput(
                    exercise: exercise, declaration: declaration,
                    registeredIBAN: coop?.iban))
            return (DossierStatus.automatic(from: checks), checks)
        }
    }

    /// The review queue of an exercise (every dossier with a submission), refreshed first.
    public func queue(exercise: Exercise) throws -> [DossierSummary] {
        try refreshPending()
        return try store.read { tx in
            try tx.queueLines(
                exercise: exercise.description, filter: DossierQueueFilter(includeDecided: true), order: .cooperative,
                limit: nil
            ).compactMap(DossierSummary.init(line:))
        }
    }

    /// One page of the review queue, filtered and ordered by the database: the first `limit` lines (all when nil),
    /// how many pass the filter, how many dossiers the exercise has, and how many are decided. Refreshed first.
    public func queuePage(exercise: Exercise, query: QueueQuery) throws -> QueuePage {
        try refreshPending()
        let filter = query.filter
        let order = query.storeOrder
        let limit = query.limit
        return try store.read { tx in
            let e = exercise.description
            let lines = try tx.queueLines(exercise: e, filter: filter, order: order, limit: limit)
                .compactMap(DossierSummary.init(line:))
            let byStatus = try tx.dossierCountByStatus(exercise: e)
            let matching = limit == nil ? lines.count : try tx.queueCount(exercise: e, filter: filter)
            return QueuePage(
                lines: lines, matching: matching, total: byStatus.values.reduce(0, +),
                decided: (byStatus[DossierStatus.validated.rawValue] ?? 0)
                    + (byStatus[DossierStatus.rejected.rawValue] ?? 0))
        }
    }

    /// Every line of the queue that passes `query`'s filters, in its order (its limit is not applied), one at a time in
    /// one read (`review --json` streams them); returns how many dossiers the exercise has.
    @discardableResult
    public func forEachQueueLine(exercise: Exercise, query: QueueQuery, _ body: (DossierSummary) throws -> Void) throws
        -> Int
    {
        try refreshPending()
        let filter = query.filter
        let order = query.storeOrder
        return try store.read { tx in
            let e = exercise.description
            try tx.forEachQueueLine(exercise: e, filter: filter, order: order) { line in
                if let summary = DossierSummary(line: line) { try body(summary) }
            }
            return try tx.dossierCountByStatus(exercise: e).values.reduce(0, +)
        }
    }

    /// Status and checks of many cooperatives for one exercise, in the given order: the stored snapshots read in one
    /// transaction, ``evaluate(_:exercise:)`` for those without an up-to-date one. Call ``refreshPending()`` first.
    public func evaluateMany(_ cooperatives: [CooperativeNumber], exercise: Exercise) throws -> [(
        status: DossierStatus, checks: [Check]
    )] {
        let snapshots = try store.read { tx in
            try tx.currentSnapshots(exercise: exercise.description, cooperatives: cooperatives.map(\.description))
        }
        return try cooperatives.map { c in
            if let s = snapshots[c.description], let status = DossierStatus(rawValue: s.status),
                let checks = JSON.decode([Check].self, s.checks)
            {
                return (status, checks)
            }
            return try evaluate(c, exercise: exercise)
        }
    }

    /// The exercises that have dossiers, most recent first.
    public func exercises() throws -> [Exercise] {
        try store.exercises().compactMap(Exercise.init).sorted(by: >)
    }

    /// The exercise to work on: the configured one, else the most recent one of the cooperative's dossiers, else the
    /// most recent one in the store.
    public func defaultExercise(configured: Exercise?, cooperative: CooperativeNumber? = nil) throws -> Exercise? {
        if let configured { return configured }
        if let cooperative,
            let e = try store.latestExercise(cooperative: cooperative.description).flatMap(Exercise.init)
        {
            return e
        }
        return try exercises().first
    }

    // MARK: refreshing the snapshot

    /// Recomputes one dossier and stores its snapshot; records a reopening when documents changed after a decision.
    /// Returns nil (and removes any snapshot) when the cooperative no longer has a submission for the exercise.
    @discardableResult
    public func refresh(cooperative: CooperativeNumber, exercise: Exercise) throws -> DossierSummary? {
        try store.write { tx in try refresh(tx, key: DossierKey(cooperative: cooperative, exercise: exercise)) }
    }

    /// Recomputes every dossier of an exercise (every exercise when nil). Returns how many dossiers exist.
    @discardableResult
    public func refreshAll(exercise: Exercise? = nil) throws -> Int {
        let keys: [DossierKey] = try store.read { tx in
            try tx.allDossierKeys().compactMap(Self.key).filter { exercise == nil || $0.exercise == exercise }
        }
        var count = 0
        for chunk in stride(from: 0, to: keys.count, by: 100).map({ Array(keys[$0..<min($0 + 100, keys.count)]) }) {
            let now = Timestamp.iso(clock())
            count += try store.write { tx in
                try chunk.reduce(0) { $0 + (try refresh(tx, key: $1, now: now) == nil ? 0 : 1) }
            }
        }
        return count
    }

    /// Recomputes the dossiers the triggers marked as changed. Cheap when nothing changed. Returns how many.
    @discardableResult
    public func refreshPending() throws -> Int {
        var total = 0
        while true {
            let keys = try store.read { tx in try tx.changedDossiers(limit: 100) }
            if keys.isEmpty { return total }
            let now = Timestamp.iso(clock())
            try store.write { tx in
                for k in keys {
                    if let c = CooperativeNumber(parsing: k.cooperative), let e = Exercise(k.exercise) {
                        try refresh(tx, key: DossierKey(cooperative: c, exercise: e), now: now)
                    }
                    try tx.clearChanged(cooperative: k.cooperative, exercise: k.exercise)
                }
            }
            total += keys.count
        }
    }

    @discardableResult
    func refresh(_ tx: StoreTransaction, key: DossierKey, now: String? = nil) throws -> DossierSummary? {
        let c = key.cooperative.description
        let e = key.exercise.description
        let now = now ?? Timestamp.iso(clock())
        guard var dossier = try assembler.load(tx, key: key) else {
            try tx.deleteDossier(cooperative: c, exercise: e)
            return nil
        }
        if dossier.needsReopening {
            var r = DecisionRecord(
                cooperative: c, exercise: e, action: .reopen, actor: StaffUser.automatic,
                reason: "pièces modifiées après la décision : le dossier revient à son statut automatique",
                documents: dossier.digests, createdAt: now)
            try tx.insert(&r)
            try tx.cancelWaitingDecisionMails(
                cooperative: c, exercise: e, reason: "annulé : pièces modifiées après la décision, dossier rouvert")
            dossier = try assembler.load(tx, key: key) ?? dossier
        }
        let failed = dossier.failedChecks
        var record = DossierRecord(
            cooperative: c, exercise: e, status: dossier.status,
            automaticStatus: dossier.automaticStatus,
            checks: dossier.checks, failedChecks: failed, failedCount: failed.count, documents: dossier.digests,
            documentCount: dossier.documents.count,
            submissionCount: dossier.submissions.count, lastSubmissionAt: dossier.lastSubmissionAt,
            matchConfidence: dossier.matchConfidence, updatedAt: now)
        record.uncheckedChecks = dossier.uncheckedChecks
        record.completedAt = dossier.completedAt
        try tx.save(record)
        try tx.clearChanged(cooperative: c, exercise: e)
        let school = try tx.school(of: c)
        return DossierSummary(record, school: school)
    }

    static func key(_ row: (cooperative: String?, exercise: String?)) -> DossierKey? {
        guard let c = row.cooperative.flatMap({ CooperativeNumber(parsing: $0) }),
            let e = row.exercise.flatMap(Exercise.init)
        else { return nil }
        return DossierKey(cooperative: c, exercise: e)
    }
}
