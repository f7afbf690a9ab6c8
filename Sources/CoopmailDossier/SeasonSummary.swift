import CoopmailDomain
import CoopmailLedger
import CoopmailStore
import GRDB

/// The season at a glance: dossiers per status, and registered cooperatives that sent nothing.
public struct SeasonSummary: Sendable {
    public var exercise: Exercise
    /// Number of dossiers per status (every status present, zero included).
    public var byStatus: [DossierStatus: Int]
    public var dossiers: Int
    public var registered: Int
    /// Registered cooperatives with no submission for the exercise, in number order.
    public var silent: [CooperativeNumber]
    /// Dossiers of cooperatives that are not in the registry.
    public var unregistered: Int
}

extension DossierService {
    /// Counts for an exercise, after refreshing changed dossiers.
    public func season(exercise: Exercise) throws -> SeasonSummary {
        try refreshPending()
        return try store.db.read { db in
            var byStatus = Dictionary(uniqueKeysWithValues: DossierStatus.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM dossier WHERE exercise = ? GROUP BY status",
                                        arguments: [exercise.description]) {
                if let s = DossierStatus(rawValue: row["status"]) { byStatus[s, default: 0] += row["n"] as Int }
            }
            let registered = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cooperative") ?? 0
            let silent = try String.fetchAll(db, sql: """
                SELECT number FROM cooperative WHERE number NOT IN (SELECT cooperative FROM dossier WHERE exercise = ?) ORDER BY number
                """, arguments: [exercise.description]).compactMap { CooperativeNumber(parsing: $0) }
            let unregistered = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM dossier WHERE exercise = ? AND cooperative NOT IN (SELECT number FROM cooperative)
                """, arguments: [exercise.description]) ?? 0
            return SeasonSummary(exercise: exercise, byStatus: byStatus, dossiers: byStatus.values.reduce(0, +),
                                 registered: registered, silent: silent, unregistered: unregistered)
        }
    }
}
