/// The outcome mails coopmail sends, one Mustache template each (`Templates/<rawValue>.mustache`).
public enum OutcomeKind: String, Codable, Sendable, CaseIterable {
    /// Accusé de réception: the documents found, those missing, what happens next.
    case acknowledgment
    /// The dossier was validated by staff.
    case validated
    /// Checks failed: each failed check's sentence, and the staff's motif.
    case toCorrect = "to_correct"
    /// Documents are missing.
    case missingDocuments = "missing_documents"
    /// The sender is not a registered address: asks for the cooperative number, shows no financial data.
    case senderUnknown = "sender_unknown"
    /// Relance: nothing received yet for the exercise.
    case reminderNothingReceived = "reminder_nothing_received"
    /// Relance: the quitus or the statement is still missing (named).
    case reminderIncomplete = "reminder_incomplete"
    /// Relance: staff asked for a correction (the motif recalled) and nothing new came.
    case reminderToCorrect = "reminder_to_correct"

    /// The reminders (relances), sent by `coopmail remind` and the scheduled campaigns.
    public var isReminder: Bool {
        self == .reminderNothingReceived || self == .reminderIncomplete || self == .reminderToCorrect
    }

    /// Whether the mail may carry financial figures (amounts, check sentences, motif).
    public var carriesFigures: Bool {
        switch self {
        // Reminders name the cooperative, what is missing and the motif: registered addresses only.
        case .validated, .toCorrect, .missingDocuments, .reminderNothingReceived, .reminderIncomplete,
            .reminderToCorrect:
            return true
        case .acknowledgment, .senderUnknown: return false
        }
    }
}
