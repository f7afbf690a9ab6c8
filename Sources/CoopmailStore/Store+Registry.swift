import CoopmailDomain
import GRDB

/// The registry and the declared figures, saved as imported (one transaction per import).
extension Store {
    /// Saves the cooperatives: one prepared upsert per row in one transaction, no per-row fetch. A row whose values
    /// are those already stored is left untouched (its `updated_at` too), so it marks no dossier for recomputation.
    /// A cooperative whose registered addresses changed loses the bounce marks on its old and new addresses: they no
    /// longer hold. How many were added, updated (values changed) and left unchanged.
    public func saveRegistry(_ coops: [Cooperative], at now: String) throws -> (
        added: Int, updated: Int, unchanged: Int
    ) {
        try db.write { db in
            var emailsBefore: [String: String] = [:]
            let rows = try Row.fetchCursor(db, CooperativeRecord.registeredEmails())
            while let row = try rows.next() {
                emailsBefore[row[0] as String] = row[1] as String
            }
            let upsert = try CooperativeRecord.upsertIfChanged(db)
            var added = 0
            var updated = 0
            for c in coops {
                let record = CooperativeRecord(c, updatedAt: now)
                try upsert.execute(arguments: record.upsertArguments)
                guard let before = emailsBefore[record.number] else {
                    added += 1
                    continue
                }
                guard db.changesCount > 0 else { continue }
                updated += 1
                if before != record.emails {
                    let old = Set(JSON.decode([String].self, before) ?? [])
                    if old != Set(c.mandataire.emails) {
                        for a in old.union(c.mandataire.emails) { try AddressFailureRecord.clear(db, address: a) }
                    }
                }
            }
            return (added, updated, coops.count - added - updated)
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
