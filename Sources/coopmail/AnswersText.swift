import CoopmailApp
import CoopmailDomain
import Foundation

/// The answers queued for a cooperative (outbox), as staff read them in `show` and `review`.
enum AnswersText {
    static let kindNames: [OutcomeKind: String] = [
        .acknowledgment: "accusé de réception", .validated: "dossier validé", .toCorrect: "dossier à corriger",
        .missingDocuments: "documents manquants", .senderUnknown: "expéditeur non identifié",
        .reminderNothingReceived: "relance (rien reçu)", .reminderIncomplete: "relance (document manquant)",
        .reminderToCorrect: "relance (correction attendue)",
    ]
    static let stateNames: [OutboxState: String] = [
        OutboxState.queued: "en attente d'envoi", OutboxState.retry: "à réessayer",
        OutboxState.committing: "en cours d'envoi",
        OutboxState.sent: "envoyé", OutboxState.failed: "ÉCHEC DÉFINITIF",
        OutboxState.uncertain: "ENVOI INTERROMPU, à vérifier",
        OutboxState.refused: "non envoyé", OutboxState.cancelled: "annulé avant l'envoi",
    ]

    /// One line per answer of the dossier, oldest first.
    /// `replies`: the mandataire's mails that answer one of them (by outbox row), shown under it.
    static func lines(
        _ store: Store, cooperative: CooperativeNumber, exercise: Exercise,
        replies: [Int64: [ReplyThreads.Reply]] = [:]
    ) throws -> [String] {
        let rows = try store.answers(cooperative: cooperative.description, exercise: exercise.description)
        return rows.map { r in
            let to = r.recipientList.joined(separator: ", ")
            var line =
                "  \(FrenchFormat.dateTime(r.createdAt))  \(kindNames[r.kind] ?? r.kind.rawValue) → \(to) : \(stateNames[r.state] ?? r.state.rawValue)"
            if let e = r.lastError, r.state != OutboxState.sent { line += "\n      raison : \(e)" }
            for reply in r.id.flatMap({ replies[$0] }) ?? [] {
                line +=
                    "\n      ↳ \(FrenchFormat.dateTime(reply.receivedAt)) : \(reply.phrase), de \(reply.from ?? "expéditeur inconnu")"
                    + " (message:\(reply.message)) « \(reply.subject ?? "sans objet") »"
            }
            return line
        }
    }

    /// One mail we sent (or will send) a cooperative, for `show --json` and `courriers --json`.
    struct Sent: Encodable {
        var id: Int64
        var kind: String
        var kindLabel: String
        var state: String
        var stateLabel: String
        var cooperative: String?
        var recipients: [String]
        var subject: String
        var createdAt: String
        var sentAt: String?
        var lastError: String?
        /// The mandataire's mails that answer this one (exact Message-ID in In-Reply-To or References).
        var replies: [ReplyThreads.Reply]

        init(_ r: OutboxRecord, replies: [ReplyThreads.Reply] = []) {
            id = r.id ?? 0
            kind = r.kind.rawValue
            kindLabel = kindNames[r.kind] ?? r.kind.rawValue
            state = r.state.rawValue
            stateLabel = stateNames[r.state] ?? r.state.rawValue
            cooperative = r.cooperative
            recipients = r.recipientList
            subject = r.subject
            createdAt = r.createdAt
            sentAt = r.sentAt
            lastError = r.lastError
            self.replies = replies
        }
    }

    static func rows(
        _ store: Store, cooperative: CooperativeNumber, exercise: Exercise,
        replies: [Int64: [ReplyThreads.Reply]]
    ) throws -> [Sent] {
        try store.answers(cooperative: cooperative.description, exercise: exercise.description)
            .map { Sent($0, replies: $0.id.flatMap { replies[$0] } ?? []) }
    }

    /// Answers that need staff: refused for good, or interrupted while the server may have them.
    static func problems(_ store: Store) throws -> [(cooperative: String?, state: OutboxState)] {
        try store.answersNeedingStaff().map { ($0.cooperative, $0.state) }
    }
}
