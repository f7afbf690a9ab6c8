import CoopmailDomain
import GRDB

/// The registry and the declared figures, saved as imported (one transaction per import).
extension Store {
    /// Saves the cooperatives (added or updated). A cooperative whose registered addresses changed loses the bounce
    /// marks on its old and new addresses: they no longer hold. How many were added and updated.
    public func saveRegistry(_ coops: [Cooperative], at now: String) throws -> (added: Int, updated: Int) {
        try db.write { db in
            var added = 0
            var updated = 0
            for c in coops {
                let before = try CooperativeRecord.fetchOne(db, key: c.number.description)
                let exists = before != nil
                let oldEmails = before?.cooperative?.mandataire.emails ?? []
                if exists, Set(oldEmails) != Set(c.mandataire.emails) {
                    for a in Set(oldEmails).union(c.mandataire.emails) {
                        try AddressFailureRecord.clear(db, address: a)
                    }
                }
                try CooperativeRecord(c, updatedAt: now).save(db)
                if exists { updated += 1 } else { added += 1 }
            }
            return (added, updated)
        }
    }

    /// Saves the declared figures (added or replaced); how many were added and updated.
    public func saveDeclarations(_ reports: [FinancialReport], at now: String) throws -> (added: Int, updated: Int) {
        try db.write { db in
            var added = 0
            var updated = 0
            for r in reports {
                let exists = try DeclarationRecord.exists(
                    db, key: ["cooperative": r.cooperative.description, "exercise": r.exercise.description])
                try DeclarationRecord(r, updatedAt: now).save(db)
                if exists { updated += 1 } else { added += 1 }
            }
            return (added, updated)
        }
    }
}
