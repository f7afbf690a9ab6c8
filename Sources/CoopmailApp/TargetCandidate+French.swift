import CoopmailDossier

/// How staff read a candidate of an ambiguous or unknown argument.
extension TargetCandidate {
    /// One line of « … est ambigu. Il peut désigner : ».
    public var french: String {
        switch self {
        case .school(let number, let school): return "la coopérative \(number) (\(school))"
        case .digest(let document, let filename, let sha256):
            return "la pièce n° \(document) (\(filename), sha256 \(sha256.prefix(12))…)"
        case .document(let id, let filename): return "la pièce n° \(id) (\(filename)) : coopmail show pièce:\(id)"
        case .message(let id, let subject):
            return "le message n° \(id) (« \(subject ?? "sans objet") ») : coopmail show message:\(id)"
        case .cooperative(let number): return "la coopérative \(number) : coopmail show \(number)"
        }
    }

    /// One suggestion of « Vouliez-vous dire : ».
    public var suggestion: String {
        switch self {
        case .school(let number, let school): return "\(number) (\(school))"
        default: return french
        }
    }
}
