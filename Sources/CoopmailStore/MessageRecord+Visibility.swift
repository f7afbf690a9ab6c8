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

    /// Mails whose sender is one of `addresses` (without case), whatever became of them. SQLite's `lower` on both
    /// sides, so that the look-up goes through the index `message_sender` (GRDB's `lowercased` is a Swift function
    /// SQLite cannot index: it read every mail of the season).
    public static func from(_ addresses: [String], exercise: String) -> QueryInterfaceRequest<MessageRecord> {
        ofExercise(exercise).filter(
            sql: "lower(from_address) IN (SELECT lower(value) FROM json_each(?))", arguments: [JSON.encode(addresses)])
    }

    /// Among `cooperatives` (registered numbers), those that wrote during the exercise: a human mail from one of
    /// their registered addresses (without case; automatic mails left out), or a mail or a document attached to them.
    /// One query whose cost follows the list, not the season (index `message_sender` on the lowercased sender).
    public static func wroteAmong(_ db: Database, cooperatives: [String], exercise: String) throws -> Set<String> {
        guard !cooperatives.isEmpty else { return [] }
        return Set(
            try String.fetchAll(
                db,
                sql: """
                    SELECT c.number FROM cooperative c
                    WHERE c.number IN (SELECT value FROM json_each(:list))
                    AND (
                        EXISTS (SELECT 1 FROM message m WHERE m.cooperative = c.number AND m.exercise = :exercise)
                        OR EXISTS (
                            SELECT 1 FROM document d JOIN message m ON m.id = d.message
                            WHERE d.cooperative = c.number AND m.exercise = :exercise)
                        OR EXISTS (
                            SELECT 1 FROM message m
                            WHERE lower(m.from_address) IN (
                                SELECT lower(j.value)
                                FROM json_each(CASE WHEN json_valid(c.emails) THEN c.emails ELSE '[]' END) j)
                            AND m.exercise = :exercise AND (m.nature IS NULL OR m.nature != :automatic)))
                    """,
                arguments: [
                    "list": JSON.encode(cooperatives), "exercise": exercise,
                    "automatic": MessageNature.automatic.rawValue,
                ]))
    }

    /// The cooperatives the documents of one message are attached to (a statement compiled once per connection:
    /// `review` and `status` ask it for each of the thousands of mails they list at national size).
    public static func documentCooperatives(_ db: Database, message id: Int64) throws -> [String] {
        try String.fetchAll(
            db.cachedStatement(
                sql:
                    "SELECT DISTINCT cooperative FROM document WHERE message = ? AND cooperative IS NOT NULL ORDER BY cooperative"
            ),
            arguments: [id])
    }

    /// The error of a message's last failed reading (set-aside mails).
    public static func processingError(_ db: Database, message id: Int64) throws -> String? {
        try String.fetchOne(db, MessageRecord.filter(key: id).select(Column("processing_error"), as: String.self))
    }
}
