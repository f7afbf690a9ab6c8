import CoopmailDomain
import GRDB

/// Named requests that let staff see every mail received: the ones attached to no cooperative, quarantined, set
/// aside, automatic, and the ones from given addresses.
extension MessageRecord {
    /// The mails of an exercise, newest first.
    public static func ofExercise(_ exercise: String) -> QueryInterfaceRequest<MessageRecord> {
        MessageRecord.filter(Column("exercise") == exercise).order(Column("received_at").desc, Column("id").desc)
    }

    /// Mails kept as received with a reason, for staff.
    public static func quarantined(exercise: String) -> QueryInterfaceRequest<MessageRecord> {
        ofExercise(exercise).filter(Column("status") == MessageStatus.quarantined)
    }

    /// Mails whose reading failed twice, set aside.
    public static func setAside(exercise: String) -> QueryInterfaceRequest<MessageRecord> {
        ofExercise(exercise).filter(Column("status") == MessageStatus.setAside)
    }

    /// Bounces, auto-replies, read receipts, list mail.
    public static func automatic(exercise: String) -> QueryInterfaceRequest<MessageRecord> {
        ofExercise(exercise).filter(Column("nature") == MessageNature.automatic.rawValue)
    }

    /// Processed human mails that neither the mail itself nor any of its documents attach to a cooperative.
    public static func unattached(exercise: String) -> QueryInterfaceRequest<MessageRecord> {
        ofExercise(exercise)
            .filter(Column("status") == MessageStatus.processed && Column("cooperative") == nil)
            .filter(Column("nature") == nil || Column("nature") != MessageNature.automatic.rawValue)
            .filter(
                sql: "NOT EXISTS (SELECT 1 FROM document d WHERE d.message = message.id AND d.cooperative IS NOT NULL)")
    }

    /// Mails whose sender is one of `addresses` (without case), whatever became of them.
    public static func from(_ addresses: [String], exercise: String) -> QueryInterfaceRequest<MessageRecord> {
        ofExercise(exercise).filter(addresses.map { $0.lowercased() }.contains(Column("from_address").lowercased))
    }

    /// The distinct senders of an exercise's human mails (automatic ones left out: an out-of-office is no sending),
    /// lowercased.
    public static func senders(exercise: String) -> QueryInterfaceRequest<String> {
        MessageRecord.filter(Column("exercise") == exercise && Column("from_address") != nil)
            .filter(Column("nature") == nil || Column("nature") != MessageNature.automatic.rawValue)
            .select(Column("from_address").lowercased, as: String.self).distinct()
    }

    /// The cooperatives a mail of the exercise or one of its documents is attached to.
    public static func attachedCooperatives(_ db: Database, exercise: String) throws -> Set<String> {
        let own = try String.fetchAll(
            db,
            MessageRecord.filter(Column("exercise") == exercise && Column("cooperative") != nil)
                .select(Column("cooperative"), as: String.self).distinct())
        let docs = try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT d.cooperative FROM document d JOIN message m ON m.id = d.message
                WHERE m.exercise = ? AND d.cooperative IS NOT NULL
                """, arguments: [exercise])
        return Set(own + docs)
    }

    /// The cooperatives the documents of one message are attached to.
    public static func documentCooperatives(_ db: Database, message id: Int64) throws -> [String] {
        try String.fetchAll(
            db,
            sql:
                "SELECT DISTINCT cooperative FROM document WHERE message = ? AND cooperative IS NOT NULL ORDER BY cooperative",
            arguments: [id])
    }

    /// The error of a message's last failed reading (set-aside mails).
    public static func processingError(_ db: Database, message id: Int64) throws -> String? {
        try String.fetchOne(db, MessageRecord.filter(key: id).select(Column("processing_error"), as: String.self))
    }
}
