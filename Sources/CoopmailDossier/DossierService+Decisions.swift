import CoopmailDomain
import CoopmailLedger
import CoopmailStore
import Foundation

extension DossierService {
    /// Records a staff verdict on a dossier and returns what was decided (for the outcome mail). Nothing is sent.
    ///
    /// - Approving a dossier whose checks failed throws ``DossierError/failedChecks(_:_:)`` unless `force` is true;
    ///   a forced approval needs a reason.
    /// - Rejecting needs a non-empty reason (the motif).
    /// - A dossier without any submission cannot be decided.
    public func decide(_ cooperative: CooperativeNumber, exercise: Exercise, verdict: StaffVerdict) throws
        -> DecisionOutcome
    {
        let key = DossierKey(cooperative: cooperative, exercise: exercise)
        return try store.write { tx in
            try refresh(tx, key: key)
            guard let dossier = try assembler.load(tx, key: key) else { throw DossierError.noDossier(key) }
            let action: DecisionAction
            let reason: String?
            let forced: Bool
            switch verdict {
            case .approve(let r, let force):
                reason = Self.clean(r)
                // Unchecked is not clean: a rule that could not be checked needs the same confirmation as a failed one.
                let failed = dossier.failedChecks + dossier.uncheckedChecks
                if dossier.status == .validated { throw DossierError.alreadyDecided(key, .validated) }
                if !failed.isEmpty && !force { throw DossierError.failedChecks(key, failed) }
                if !failed.isEmpty && reason == nil {
                    throw DossierError.reasonRequired(.approve)
                }
                action = .approve
                forced = !failed.isEmpty
            case .reject(let r, let force):
                guard let r = Self.clean(r) else { throw DossierError.reasonRequired(.reject) }
                if dossier.status == .validated && !force { throw DossierError.revokesValidation(key) }
                // The same rejection twice: nothing new to tell the mandataire.
                if dossier.status == .rejected, dossier.decisions.last(where: { $0.action == .reject })?.reason == r {
                    throw DossierError.alreadyDecided(key, .rejected)
                }
                reason = r
                action = .reject
                forced = false
            }
            // A newer decision makes the waiting mail of the older one wrong: it never leaves.
            try tx.cancelWaitingDecisionMails(
                cooperative: cooperative.description, exercise: exercise.description,
                reason: "annulé : décision plus récente (\(action.label)) par \(actor)")
            var record = DecisionRecord(
                cooperative: cooperative.description, exercise: exercise.description, action: action,
                actor: actor, reason: reason, documents: dossier.digests,
                details: forced ? ["forced": "true"] : nil, createdAt: Timestamp.iso(clock()))
            try tx.insert(&record)
            try refresh(tx, key: key)
            let decision = DossierAssembler.decision(record)!
            return DecisionOutcome(
                key: key, decision: decision, status: action == .approve ? .validated : .rejected,
                checks: dossier.checks, forced: forced, cooperative: dossier.cooperative)
        }
    }

    /// Validates a dossier. See ``decide(_:exercise:verdict:)``.
    public func approve(
        _ cooperative: CooperativeNumber, exercise: Exercise, reason: String? = nil, force: Bool = false
    ) throws -> DecisionOutcome {
        try decide(cooperative, exercise: exercise, verdict: .approve(reason: reason, force: force))
    }

    /// Rejects a dossier with a motif. See ``decide(_:exercise:verdict:)``.
    public func reject(_ cooperative: CooperativeNumber, exercise: Exercise, reason: String, force: Bool = false) throws
        -> DecisionOutcome
    {
        try decide(cooperative, exercise: exercise, verdict: .reject(reason: reason, force: force))
    }

    /// Adds a note to a dossier's history.
    @discardableResult
    public func note(_ cooperative: CooperativeNumber, exercise: Exercise, text: String) throws -> Decision {
        guard let text = Self.clean(text) else { throw DossierError.emptyNote }
        let key = DossierKey(cooperative: cooperative, exercise: exercise)
        return try store.write { tx in
            guard let dossier = try assembler.load(tx, key: key) else { throw DossierError.noDossier(key) }
            var record = DecisionRecord(
                cooperative: cooperative.description, exercise: exercise.description,
                action: .note, actor: actor, reason: text,
                documents: dossier.digests, createdAt: Timestamp.iso(clock()))
            try tx.insert(&record)
            return DossierAssembler.decision(record)!
        }
    }

    /// Takes a decision back: the dossier returns to the status its checks give, and a decision mail that has not left
    /// yet is cancelled.
    @discardableResult
    public func reopen(_ cooperative: CooperativeNumber, exercise: Exercise, reason: String?) throws -> (
        decision: Decision, cancelled: Int
    ) {
        let key = DossierKey(cooperative: cooperative, exercise: exercise)
        return try store.write { tx in
            try refresh(tx, key: key)
            guard let dossier = try assembler.load(tx, key: key) else { throw DossierError.noDossier(key) }
            guard dossier.isDecided else { throw DossierError.notDecided(key) }
            let cancelled = try tx.cancelWaitingDecisionMails(
                cooperative: cooperative.description, exercise: exercise.description,
                reason: "annulé : dossier rouvert par \(actor)")
            var record = DecisionRecord(
                cooperative: cooperative.description, exercise: exercise.description,
                action: .reopen, actor: actor,
                reason: Self.clean(reason ?? "") ?? "rouvert par l'équipe",
                documents: dossier.digests, createdAt: Timestamp.iso(clock()))
            try tx.insert(&record)
            try refresh(tx, key: key)
            return (DossierAssembler.decision(record)!, cancelled)
        }
    }

    /// Records in the history that a reminder was queued (also for a cooperative that has sent nothing yet).
    @discardableResult
    public func recordReminder(_ cooperative: CooperativeNumber, exercise: Exercise, text: String) throws -> Decision? {
        try store.write { tx in
            var record = DecisionRecord(
                cooperative: cooperative.description, exercise: exercise.description,
                action: .remind, actor: actor, reason: text,
                documents: [], createdAt: Timestamp.iso(clock()))
            try tx.insert(&record)
            return DossierAssembler.decision(record)
        }
    }

    /// A dossier's history, oldest first (also when it has no submission any more).
    public func history(_ cooperative: CooperativeNumber, exercise: Exercise) throws -> [Decision] {
        try store.read { tx in try tx.decisions(cooperative: cooperative.description, exercise: exercise.description) }
            .compactMap(DossierAssembler.decision)
    }

    /// The result of moving a document to another cooperative.
    public struct Reassignment: Sendable {
        public var document: Int64
        public var exercise: Exercise
        /// The cooperative the document counted for before (its own, else its message's).
        public var from: CooperativeNumber?
        public var to: CooperativeNumber
        /// Both dossiers after the move (`from` is nil when it has no submission left).
        public var fromDossier: DossierSummary?
        public var toDossier: DossierSummary?
    }

    /// Sets a document's cooperative by hand (evidence « réaffecté par USER », confidence 1), records the move in
    /// both dossiers' histories and refreshes both.
    public func reassign(document id: Int64, to cooperative: CooperativeNumber) throws -> Reassignment {
        try store.write { tx in
            guard var doc = try tx.document(id: id) else {
                throw DossierError.unknownDocument(String(id))
            }
            guard let message = try tx.message(id: doc.message),
                let exercise = Exercise(message.exercise)
            else {
                throw DossierError.unknownDocument(String(id))
            }
            let old = (doc.cooperative ?? message.cooperative).flatMap { CooperativeNumber(parsing: $0) }
            if old == cooperative {
                throw DossierError.alreadyAssigned(document: id, cooperative: cooperative)
            }
            doc.cooperative = cooperative.description
            doc.matchConfidence = 1
            doc.matchEvidence = JSON.encode(["réaffecté par \(actor)"])
            try tx.update(doc)
            let now = Timestamp.iso(clock())
            var details = ["to": cooperative.description]
            if let old { details["from"] = old.description }
            let reason = "pièce n° \(id) (\(doc.filename)) : " + (old.map { "de \($0) " } ?? "") + "vers \(cooperative)"
            for target in [old, cooperative].compactMap({ $0 }) {
                var r = DecisionRecord(
                    cooperative: target.description, exercise: exercise.description,
                    action: .reassign, actor: actor, reason: reason, document: id,
                    details: details, createdAt: now)
                try tx.insert(&r)
            }
            let fromSummary = try old.flatMap { try refresh(tx, key: DossierKey(cooperative: $0, exercise: exercise)) }
            let toSummary = try refresh(tx, key: DossierKey(cooperative: cooperative, exercise: exercise))
            return Reassignment(
                document: id, exercise: exercise, from: old, to: cooperative, fromDossier: fromSummary,
                toDossier: toSummary)
        }
    }

    static func clean(_ text: String?) -> String? {
        guard let t = text?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }
}
