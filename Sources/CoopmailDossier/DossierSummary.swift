import CoopmailDomain
import CoopmailLedger
import CoopmailStore
import Foundation

/// One line of the review queue, read from the persisted snapshot.
public struct DossierSummary: Sendable {
    public var key: DossierKey
    /// The school's name from the registry, when registered.
    public var school: String?
    public var status: DossierStatus
    public var automaticStatus: DossierStatus
    public var checks: [Check]
    public var documentCount: Int
    public var submissionCount: Int
    /// ISO-8601 of the latest submission.
    public var lastSubmissionAt: String?
    public var matchConfidence: Double?
    public var updatedAt: String

    public var failedChecks: [Check] { checks.filter { $0.verdict == .fail } }

    /// Whole days since the latest submission, at `now`.
    public func ageDays(now: Date) -> Int? {
        guard let s = lastSubmissionAt, let d = Timestamp.parse(s) else { return nil }
        return max(0, Int(now.timeIntervalSince(d) / 86_400))
    }

    /// True when the dossier needs staff attention for a problem: a failed check or a missing document, not yet decided.
    public var hasProblems: Bool {
        status != .validated && status != .rejected && (status == .incomplete || !failedChecks.isEmpty)
    }

    init?(_ r: DossierRecord, school: String?) {
        guard let c = CooperativeNumber(parsing: r.cooperative), let e = Exercise(r.exercise),
              let status = DossierStatus(rawValue: r.status) else { return nil }
        key = DossierKey(cooperative: c, exercise: e)
        self.school = school
        self.status = status
        automaticStatus = DossierStatus(rawValue: r.automaticStatus) ?? status
        checks = JSON.decode([Check].self, r.checks) ?? []
        documentCount = r.documentCount; submissionCount = r.submissionCount
        lastSubmissionAt = r.lastSubmissionAt; matchConfidence = r.matchConfidence; updatedAt = r.updatedAt
    }
}
