import CoopmailDomain
import CoopmailLedger
import Foundation

/// Everything a cooperative sent for one exercise, with its checks, status and history, computed from the store.
public struct Dossier: Sendable {
    public var key: DossierKey
    /// The registry row, when the cooperative is registered.
    public var cooperative: Cooperative?
    /// The figures declared in the CRF (Retkoop export), when imported.
    public var declaration: FinancialReport?
    /// The e-mails that contributed, oldest first.
    public var submissions: [DossierSubmission]
    /// Every document, oldest first, with its role (current, superseded, identical resend).
    public var documents: [DossierDocument]
    /// The ledger's checks, in rule order.
    public var checks: [Check]
    /// The statement whose balance at 31/08 the checks use.
    public var selection: StatementSelection?
    /// What the checks alone give.
    public var automaticStatus: DossierStatus
    /// The status staff see: validated / rejected when staff decided and nothing arrived since, else automatic.
    public var status: DossierStatus
    /// History, oldest first.
    public var decisions: [Decision]
    /// Sorted distinct SHA-256 of the documents.
    public var digests: [String]
    /// ISO-8601 of the latest submission.
    public var lastSubmissionAt: String?
    /// The lowest match confidence among submissions and documents.
    public var matchConfidence: Double?
    /// True when a decision was taken on another set of documents and no reopening is recorded yet.
    public var needsReopening: Bool

    /// The failed checks.
    public var failedChecks: [Check] { checks.filter { $0.verdict == .fail } }
    /// The rules that could not be checked (not for a missing document): « non vérifié ».
    public var uncheckedChecks: [Check] { checks.unchecked }
    /// True when the status comes from a staff decision.
    public var isDecided: Bool { status == .validated || status == .rejected }
}

/// One e-mail of a dossier.
public struct DossierSubmission: Hashable, Codable, Sendable {
    /// Row id of the message (accepted by `coopmail show`).
    public var id: Int64
    public var messageID: String?
    public var from: String?
    public var fromName: String?
    public var subject: String?
    public var receivedAt: String
    public var cooperative: String?
    public var matchConfidence: Double?
    public var matchEvidence: [String]
    /// What could not be read in this message (French), when some part was left out or renamed: nil when none.
    public var salvageNotes: [String]? = nil
}

/// How a document counts in its dossier.
public enum DocumentRole: Hashable, Codable, Sendable {
    /// Used by the checks (or an `other` document, listed only).
    case current
    /// A later statement for the same period and account, or a later quitus, replaces it.
    case superseded(by: Int64)
    /// The same bytes as an earlier document: changes nothing.
    case resend(of: Int64)

    /// French label, empty for `current`.
    public var label: String {
        switch self {
        case .current: return ""
        case .superseded(let id): return "remplacé par la pièce n° \(id)"
        case .resend(let id): return "renvoi identique de la pièce n° \(id)"
        }
    }
}

/// One document of a dossier.
public struct DossierDocument: Hashable, Sendable {
    /// Row id of the document (accepted by `coopmail open`, `reassign`, `show`).
    public var id: Int64
    /// Row id of its message.
    public var message: Int64
    public var filename: String
    public var sha256: String
    public var mediaType: String
    public var kind: DocumentKind
    public var pages: [Int]?
    /// The cooperative set on the document itself (nil when it comes from its message).
    public var cooperative: String?
    public var matchConfidence: Double?
    public var matchEvidence: [String]
    public var statement: BankStatement?
    public var quitus: Quitus?
    public var readStatus: String
    public var role: DocumentRole
}

extension DocumentKind {
    /// « relevé de compte », « quitus », « autre ».
    public var label: String {
        switch self {
        case .quitus: return "quitus"
        case .bankStatement: return "relevé de compte"
        case .other: return "autre pièce"
        }
    }
}
