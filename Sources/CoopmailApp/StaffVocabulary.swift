import CoopmailDomain
import CoopmailDossier
import CoopmailStore

// The value types the staff commands read, named by App: a command imports CoopmailApp only, and what it does with
// the database goes through App's own functions (`DossierTarget`, `Maintenance`, `Answers`, …).

/// The data folder: database and stored documents.
public typealias Store = CoopmailStore.Store
/// An answer (outcome mail) in the outbox, with its `OutboxState`.
public typealias OutboxRecord = CoopmailStore.OutboxRecord
public typealias OutboxState = CoopmailStore.OutboxState
/// What staff see and decide: a cooperative's dossier for one exercise.
public typealias Dossier = CoopmailDossier.Dossier
public typealias DossierKey = CoopmailDossier.DossierKey
public typealias DossierError = CoopmailDossier.DossierError
public typealias DossierSummary = CoopmailDossier.DossierSummary
public typealias DossierService = CoopmailDossier.DossierService
public typealias QueueQuery = CoopmailDossier.QueueQuery
public typealias Decision = CoopmailDossier.Decision
public typealias DecisionOutcome = CoopmailDossier.DecisionOutcome
public typealias CheckText = CoopmailDossier.CheckText
public typealias TargetResolver = CoopmailDossier.TargetResolver
public typealias StaffUser = CoopmailDossier.StaffUser

extension OutboxRecord {
    /// The addresses the answer goes to (empty when the stored list cannot be read).
    public var recipientList: [String] { JSON.decode([String].self, recipients) ?? [] }
}

extension DocumentRecord {
    /// The quitus read from this document, when it is one and could be read.
    public var readQuitus: Quitus? { quitus }
}
