import CoopmailDomain

/// One of the things a staff argument could designate, listed when it is ambiguous or unknown
/// (``DossierError/ambiguous(_:candidates:)``, ``DossierError/unknownCooperative(_:suggestions:)``). Data only: the
/// French is written by CoopmailApp.
public enum TargetCandidate: Equatable, Sendable {
    /// A registered cooperative, with its school's name (a school name matching several, or a close spelling).
    case school(CooperativeNumber, school: String)
    /// A document found by the prefix of its SHA-256.
    case digest(document: Int64, filename: String, sha256: String)
    /// What a bare number given to `show` may be: a document id…
    case document(Int64, filename: String)
    /// … a message id…
    case message(Int64, subject: String?)
    /// … or a cooperative number in the default département.
    case cooperative(CooperativeNumber)
}
