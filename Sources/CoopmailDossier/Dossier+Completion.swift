import CoopmailDomain

extension Dossier {
    /// ISO-8601 arrival of the mail that made the dossier complete: the later of the arrivals of its first quitus and
    /// its first bank statement (whatever later documents replaced them); nil while one of them is missing.
    public var completedAt: String? {
        let arrival = Dictionary(submissions.map { ($0.id, $0.receivedAt) }, uniquingKeysWith: { a, _ in a })
        func first(_ kind: DocumentKind) -> String? {
            documents.filter { $0.kind == kind }.compactMap { arrival[$0.message] }.min()
        }
        guard let quitus = first(.quitus), let statement = first(.bankStatement) else { return nil }
        return max(quitus, statement)
    }
}
