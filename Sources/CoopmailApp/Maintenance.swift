import CoopmailDomain
import CoopmailDossier
import CoopmailStore
import Foundation

/// The operations on the data folder as a whole: backup, integrity check (and repair), purge of old exercises.
public enum Maintenance {
    /// Checks that every document the database cites is there with its SHA-256. A repair (orphans and temporary
    /// files removed) never runs beside cron: the blobs of a batch being stored are orphans until its commit.
    public static func verify(_ store: Store, repair: Bool) throws -> VerifyReport {
        var lock: RunLock?
        if repair { lock = try RunLock(folder: store.folder, name: "run") }
        defer { lock?.release() }
        return try StoreVerifier.verify(store, repair: repair)
    }

    /// Copies the database (one online snapshot) and every document it cites into a new or empty folder.
    public static func backup(_ store: Store, to destination: String) throws -> BackupReport {
        try StoreBackup.backup(store, to: destination)
    }

    /// Removes the raw mails and attachments of the exercises before `before`, keeping the dossiers. Never beside
    /// cron: a mail being stored may reuse a file this purge deletes.
    public static func purge(_ store: Store, before: String, dryRun: Bool) throws -> PurgeReport {
        guard let exercise = Exercise(before) else {
            throw ConfigError("exercice invalide : « \(before) » (attendu : 2016-2017)")
        }
        let lock = try RunLock(folder: store.folder, name: "run")
        defer { lock.release() }
        return try StorePurge.purge(store, before: exercise.description, actor: StaffUser.current(), dryRun: dryRun)
    }
}
