import GRDB

/// The kinds of mail in no dossier that `status` and `review` list (``MessageRecord`` visibility requests).
public enum OverviewMailKind: CaseIterable, Sendable {
    /// Processed human mails attached to no cooperative.
    case unattached
    case quarantined
    case setAside
    case automatic

    /// The mails of this kind in one exercise, newest first.
    func request(exercise: String) -> QueryInterfaceRequest<MessageRecord> {
        switch self {
        case .unattached: MessageRecord.unattached(exercise: exercise)
        case .quarantined: MessageRecord.quarantined(exercise: exercise)
        case .setAside: MessageRecord.setAside(exercise: exercise)
        case .automatic: MessageRecord.automatic(exercise: exercise)
        }
    }
}

extension StoreTransaction {
    /// The newest mails of one kind of the exercise (all of them when `limit` is nil), newest first: `status` and
    /// `review` read the few they show, not the whole season's.
    public func overviewMails(_ kind: OverviewMailKind, exercise: String, limit: Int? = nil) throws -> [MessageRecord] {
        let request = kind.request(exercise: exercise)
        return try (limit.map { request.limit(max(0, $0)) } ?? request).fetchAll(db)
    }

    /// How many mails of one kind the exercise has.
    public func overviewMailCount(_ kind: OverviewMailKind, exercise: String) throws -> Int {
        try kind.request(exercise: exercise).fetchCount(db)
    }
}
