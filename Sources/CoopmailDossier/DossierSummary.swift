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
        status != .validated && status != .rejected
            && (status == .incomplete || !failedChecks.isEmpty || !uncheckedChecks.isEmpty)
    }

    init?(line: DossierQueueLine) {
        guard let c = line.cooperative.flatMap({ CooperativeNumber(parsing: $0) }),
            let e = line.exercise.flatMap(Exercise.init)
        else { return nil }
        key = DossierKey(cooperative: c, exercise: e)
        school = line.school
        status = line.status
        automaticStatus = line.automaticStatus
        failedChecks = line.failedCount == 0 ? [] : JSON.decode([Check].self, line.failedChecks) ?? []
        let unchecked = line.uncheckedChecks
        uncheckedChecks = unchecked == nil || unchecked == "[]" ? [] : JSON.decode([Check].self, unchecked) ?? []
        documentCount = line.documentCount
        submissionCount = line.submissionCount
        lastSubmissionAt = line.lastSubmissionAt
        lastSubmissionDate = lastSubmissionAt.flatMap(FastTimestamp.parse)
        matchConfidence = line.matchConfidence
        updatedAt = line.updatedAt
    }

    init?(_ r: DossierRecord, school: String?) {
        guard let c = CooperativeNumber(parsing: r.cooperative), let e = Exercise(r.exercise) else { return nil }
        key = DossierKey(cooperative: c, exercise: e)
        self.school = school
        status = r.status
        automaticStatus = r.automaticStatus
        failedChecks = r.failedCount == 0 ? [] : r.failedChecks
        uncheckedChecks = r.uncheckedChecks
        documentCount = r.documentCount
        submissionCount = r.submissionCount
        lastSubmissionAt = r.lastSubmissionAt
        lastSubmissionDate = r.lastSubmissionAt.flatMap(FastTimestamp.parse)
        matchConfidence = r.matchConfidence
        updatedAt = r.updatedAt
    }
}

/// What `coopmail review` asks of the queue: filters, order and how many lines.
public struct QueueQuery: Sendable {
    public enum Order: Sendable {
        /// Oldest latest submission first (undated last), then by number.
        case age
        case cooperative
        /// In the order of ``DossierStatus/allCases``, then oldest first.
        case status
    }
    /// Only these statuses; when empty, every undecided one unless ``includeDecided``.
    public var statuses: Set<DossierStatus>
    /// Only the dossiers whose latest submission is more than this many whole days old.
    public var olderThan: Int?
    public var problemsOnly: Bool
    public var includeDecided: Bool
    public var order: Order
    /// At most this many lines (all when nil).
    public var limit: Int?
    public var now: Date

    public init(
        statuses: Set<DossierStatus> = [], olderThan: Int? = nil, problemsOnly: Bool = false,
        includeDecided: Bool = false,
        order: Order = .age, limit: Int? = nil, now: Date = Date()
    ) {
        self.statuses = statuses
        self.olderThan = olderThan
        self.problemsOnly = problemsOnly
        self.includeDecided = includeDecided
        self.order = order
        self.limit = limit
        self.now = now
    }

    var filter: DossierQueueFilter {
        // Whole days since the latest submission > J: a submission at or before now − (J + 1) days (any dated one
        // when J < 0, as ages are never negative).
        let cutoff = olderThan.map { days -> String in
            days < 0
                ? "9999"
                : Timestamp.iso(
                    Date(timeIntervalSince1970: (now.timeIntervalSince1970 - Double(days + 1) * 86_400).rounded(.down)))
        }
        return DossierQueueFilter(
            statuses: DossierStatus.allCases.filter(statuses.contains),
            submittedAtOrBefore: cutoff, problemsOnly: problemsOnly, includeDecided: includeDecided)
    }

    var storeOrder: DossierQueueOrder {
        switch order {
        case .age: return .age
        case .cooperative: return .cooperative
        case .status: return .status(DossierStatus.allCases)
        }
    }
}

/// One page of the review queue (``DossierService/queuePage(exercise:filter:order:limit:)``).
public struct QueuePage: Sendable {
    /// The lines shown, in order.
    public var lines: [DossierSummary]
    /// How many dossiers pass the filter (more than `lines` when the page is cut).
    public var matching: Int
    /// Every dossier of the exercise.
    public var total: Int
    /// Validated or rejected dossiers of the exercise.
    public var decided: Int
}

/// Parses the stored `2021-10-04T09:00:00Z` form without a formatter (the queue parses hundreds); other forms go
/// through ``Timestamp/parse(_:)``.
enum FastTimestamp {
    static func parse(_ s: String) -> Date? {
        let u = Array(s.utf8)
        guard u.count == 20, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58, u[16] == 58, u[19] == 90 else {
            return Timestamp.parse(s)
        }
        func n(_ a: Int, _ b: Int) -> Int? {
            var v = 0
            for i in a..<b {
                guard (48...57).contains(u[i]) else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        guard let y = n(0, 4), let mo = n(5, 7), let d = n(8, 10), let h = n(11, 13), let mi = n(14, 16),
            let se = n(17, 19),
            (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, se < 61
        else { return Timestamp.parse(s) }
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
