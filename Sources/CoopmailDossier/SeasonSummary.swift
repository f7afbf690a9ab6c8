import CoopmailDomain
import CoopmailLedger
import CoopmailStore

/// The season at a glance: dossiers per status, and registered cooperatives that sent nothing.
public struct SeasonSummary: Sendable {
    public var exercise: Exercise
    /// Number of dossiers per status (every status present, zero included).
    public var byStatus: [DossierStatus: Int]
    public var dossiers: Int
    public var registered: Int
    /// Registered cooperatives with no submission for the exercise, in number order (empty unless asked for).
    public var silent: [CooperativeNumber]
    /// How many registered cooperatives have no submission for the exercise.
    public var silentCount: Int
    /// Dossiers of cooperatives that are not in the registry.
    public var unregistered: Int
}

extension DossierService {
    /// Counts for an exercise, after refreshing changed dossiers; the list of cooperatives without a submission
    /// only when `listingSilent` (the count is always given).
    public func season(exercise: Exercise, listingSilent: Bool = true) throws -> SeasonSummary {
        try refreshPending()
        return try store.read { tx in
            let e = exercise.description
            var byStatus = Dictionary(uniqueKeysWithValues: DossierStatus.allCases.map { ($0, 0) })
            for (raw, n) in try tx.dossierCountByStatus(exercise: e) {
                // A status this version does not know is said, as every other read of it does, not left out of the
                // counts (the unregistered count below is derived from them).
                guard let s = DossierStatus(rawValue: raw) else {
                    throw StoreError.unknownValue(column: "status", value: raw)
                }
                byStatus[s, default: 0] += n
            }
            let registered = try tx.cooperativeCount()
            let silentNumbers = listingSilent ? try tx.silentCooperatives(exercise: e) : []
            let silent = silentNumbers.compactMap { CooperativeNumber(parsing: $0) }
            let dossiers = byStatus.values.reduce(0, +)
            // A dossier's cooperative is registered or not: with the registered ones without a dossier listed, the
            // unregistered dossiers are counted without looking each dossier's cooperative up.
            let unregistered =
                listingSilent
                ? max(0, dossiers - (registered - silentNumbers.count)) : try tx.unregisteredCount(exercise: e)
            return SeasonSummary(
                exercise: exercise, byStatus: byStatus, dossiers: dossiers, registered: registered, silent: silent,
                silentCount: max(0, registered - (dossiers - unregistered)), unregistered: unregistered)
        }
    }
}
