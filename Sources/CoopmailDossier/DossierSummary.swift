import CoopmailDomain
import CoopmailLedger
import CoopmailStore
import Foundation
import GRDB

/// One line of the review queue, read from the persisted snapshot.
public struct DossierSummary: Sendable {
    public var key: DossierKey
    /// The school's name from the registry, when registered.
    public var school: String?
    public var status: DossierStatus
    public var automaticStatus: DossierStatus
    /// The failed checks, with their sentences (`coopmail show` gives them all).
    public var failedChecks: [Check]
    /// The rules that could not be checked (not for a missing document): « non vérifié ».
    public var uncheckedChecks: [Check]
    public var documentCount: Int
    public var submissionCount: Int
    /// ISO-8601 of the latest submission.
    public var lastSubmissionAt: String?
    /// ``lastSubmissionAt`` parsed.
    public var lastSubmissionDate: Date?
    public var matchConfidence: Double?
    public var updatedAt: String

    /// Whole days since the latest submission, at `now`.
    public func ageDays(now: Date) -> Int? {
        guard let d = lastSubmissionDate else { return nil }
        return max(0, Int(now.timeIntervalSince(d) / 86_400))
    }

    /// True when the dossier needs staff attention for a problem: a failed check or a missing document, not yet decided.
    public var hasProblems: Bool {
        status != .validated && status != .rejected && (status == .incomplete || !failedChecks.isEmpty || !uncheckedChecks.isEmpty)
    }

    /// The columns ``init(row:)`` reads.
    static let columns = "d.cooperative, d.exercise, d.status, d.automatic_status, d.failed_checks, d.failed_count, d.unchecked_checks, "
        + "d.document_count, d.submission_count, d.last_submission_at, d.match_confidence, d.updated_at, c.school AS school"

    init?(row: Row) {
        guard let c = (row["cooperative"] as String?).flatMap({ CooperativeNumber(parsing: $0) }),
              let e = (row["exercise"] as String?).flatMap(Exercise.init),
              let status = (row["status"] as String?).flatMap(DossierStatus.init(rawValue:)) else { return nil }
        key = DossierKey(cooperative: c, exercise: e)
        school = row["school"]
        self.status = status
        automaticStatus = (row["automatic_status"] as String?).flatMap(DossierStatus.init(rawValue:)) ?? status
        let failedCount: Int = row["failed_count"]
        failedChecks = failedCount == 0 ? [] : JSON.decode([Check].self, row["failed_checks"] as String?) ?? []
        let unchecked: String? = row["unchecked_checks"]
        uncheckedChecks = unchecked == nil || unchecked == "[]" ? [] : JSON.decode([Check].self, unchecked) ?? []
        documentCount = row["document_count"]; submissionCount = row["submission_count"]
        lastSubmissionAt = row["last_submission_at"]; lastSubmissionDate = lastSubmissionAt.flatMap(FastTimestamp.parse)
        matchConfidence = row["match_confidence"]; updatedAt = row["updated_at"]
    }

    init?(_ r: DossierRecord, school: String?) {
        guard let c = CooperativeNumber(parsing: r.cooperative), let e = Exercise(r.exercise),
              let status = DossierStatus(rawValue: r.status) else { return nil }
        key = DossierKey(cooperative: c, exercise: e)
        self.school = school
        self.status = status
        automaticStatus = DossierStatus(rawValue: r.automaticStatus) ?? status
        failedChecks = r.failedCount == 0 ? [] : JSON.decode([Check].self, r.failedChecks) ?? []
        uncheckedChecks = r.uncheckedChecks == "[]" ? [] : JSON.decode([Check].self, r.uncheckedChecks) ?? []
        documentCount = r.documentCount; submissionCount = r.submissionCount
        lastSubmissionAt = r.lastSubmissionAt; lastSubmissionDate = r.lastSubmissionAt.flatMap(FastTimestamp.parse)
        matchConfidence = r.matchConfidence; updatedAt = r.updatedAt
    }
}

/// Parses the stored `2021-10-04T09:00:00Z` form without a formatter (the queue parses hundreds); other forms go
/// through ``Timestamp/parse(_:)``.
enum FastTimestamp {
    static func parse(_ s: String) -> Date? {
        let u = Array(s.utf8)
        guard u.count == 20, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58, u[16] == 58, u[19] == 90 else { return Timestamp.parse(s) }
        func n(_ a: Int, _ b: Int) -> Int? {
            var v = 0
            for i in a..<b { guard (48...57).contains(u[i]) else { return nil }; v = v * 10 + Int(u[i] - 48) }
            return v
        }
        guard let y = n(0, 4), let mo = n(5, 7), let d = n(8, 10), let h = n(11, 13), let mi = n(14, 16), let se = n(17, 19),
              (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, se < 61 else { return Timestamp.parse(s) }
        // Days from civil (Howard Hinnant's algorithm).
        let yy = mo <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + h * 3_600 + mi * 60 + se))
    }
}
