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
