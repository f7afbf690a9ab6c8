import CoopmailDomain
import GRDB

extension Store {
    /// The kinds of document received for a cooperative in an exercise (attached to it, or in a mail attached to it).
    public func receivedKinds(cooperative: CooperativeNumber, exercise: Exercise) throws -> Set<DocumentKind> {
        let kinds = try db.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT document.kind FROM document JOIN message ON message.id = document.message
                    WHERE message.exercise = ? AND COALESCE(document.cooperative, message.cooperative) = ?
                    """, arguments: [exercise.description, cooperative.description])
        }
        return Set(kinds.compactMap(DocumentKind.init(rawValue:)))
    }
}

extension Store {
    /// The cooperative a document belongs to (its own, else its mail's) and its mail's exercise; nil when there is no
    /// such document.
    public func documentOwner(_ id: Int64) throws -> (cooperative: String?, exercise: String)? {
        try db.read { db in
            guard let document = try DocumentRecord.fetchOne(db, key: id),
                let message = try MessageRecord.fetchOne(db, key: document.message)
            else { return nil }
            return (document.cooperative ?? message.cooperative, message.exercise)
        }
    }

    /// A message and the cooperative it belongs to (its own, else the first one a document of it is attached to);
    /// nil when there is no such message.
    public func messageOwner(_ id: Int64) throws -> (message: MessageRecord, cooperative: String?)? {
        try db.read { db in
            guard let message = try MessageRecord.fetchOne(db, key: id) else { return nil }
            let cooperative =
                try message.cooperative
                ?? String.fetchOne(
                    db,
                    DocumentRecord.filter(Column("message") == id && Column("cooperative") != nil)
                        .select(Column("cooperative"), as: String.self).limit(1))
            return (message, cooperative)
        }
    }
}
