import CoopmailDomain

/// What an outcome mail speaks of. Build one per mail; ``TemplateLibrary`` turns it into the template's values.
///
/// Financial content (the failed checks' sentences, the staff's motif) is only handed to the templates of kinds that
/// carry figures (``OutcomeKind/carriesFigures``): an acknowledgment or a `sender_unknown` mail never shows it, whatever
/// the context holds. `sender_unknown` goes to addresses that are not registered: it hides which cooperative the
/// documents seemed to belong to, and echoes nothing of the incoming mail (subject, filenames, missing documents).
public struct OutcomeContext: Hashable, Sendable {
    /// The association's name, signing the mail (« OCCE AD75 »).
    public var organisation: String
    /// The mandataire's name, for the greeting.
    public var mandataireName: String?
    /// `075-0123`.
    public var cooperative: CooperativeNumber?
    /// The school's name.
    public var school: String?
    public var exercise: Exercise
    /// The sender's address, as received (shown in `sender_unknown`).
    public var senderAddress: String?
    /// The subject of the mandataire's mail.
    public var originalSubject: String?
    /// The day the mail was received.
    public var receivedOn: CalendarDate?
    /// One line per document found, e.g. from ``describeFound(filename:kind:)``.
    public var documentsFound: [String]
    /// One line per missing document, e.g. from ``describeMissing(_:exercise:)``.
    public var documentsMissing: [String]
    /// The dossier's checks; the failed ones are listed with their sentence.
    public var checks: [Check]
    /// The staff's motif (reason) for a correction or a rejection.
    public var motif: String?
    /// One line per attachment of the mail that could not be read and must be sent again (« pièce jointe
    /// « releve.pdf » incomplète (message tronqué) »).
    public var documentsUnreadable: [String] = []
    /// The date by which the documents are due (`[season] deadline`), said at the end of the mails that ask for something.
    public var deadline: CalendarDate?
    /// Who to contact with a question (`[organisation] contact`, else the association's address), said at the end.
    public var contact: String?

    public init(
        organisation: String = "OCCE AD75", mandataireName: String? = nil, cooperative: CooperativeNumber? = nil,
        school: String? = nil, exercise: Exercise, senderAddress: String? = nil, originalSubject: String? = nil,
        receivedOn: CalendarDate? = nil, documentsFound: [String] = [], documentsMissing: [String] = [],
        checks: [Check] = [], motif: String? = nil
    ) {
        self.organisation = organisation
        self.mandataireName = mandataireName
        self.cooperative = cooperative
        self.school = school
        self.exercise = exercise
        self.senderAddress = senderAddress
        self.originalSubject = originalSubject
        self.receivedOn = receivedOn
        self.documentsFound = documentsFound
        self.documentsMissing = documentsMissing
        self.checks = checks
        self.motif = motif
    }

    /// The salvage notes of a message that name a file to send again, without their « : à renvoyer » ending.
    public static func unreadable(fromNotes notes: [String]) -> [String] {
        let suffix = " : à renvoyer"
        return notes.filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }
    }

    /// « releve_aout.pdf (relevé de compte) »
    public static func describeFound(filename: String, kind: DocumentKind) -> String {
        let what: String
        switch kind {
        case .quitus: what = "quitus"
        case .bankStatement: what = "relevé de compte"
        case .other: what = "autre document"
        }
        return "\(HeaderSafety.singleLine(filename)) (\(what))"
    }

    /// What to send, in words a mandataire understands.
    public static func describeMissing(_ kind: DocumentKind, exercise: Exercise) -> String {
        switch kind {
        case .quitus:
            return "le quitus : la page du compte rendu financier signée par deux personnes en plus du mandataire"
        case .bankStatement:
            return
                "le relevé de compte BRED qui indique le solde au \(exercise.closing.french) (relevé d'août, ou de septembre avec l'ancien solde au \(exercise.closing.french))"
        case .other:
            return "le compte rendu financier de l'exercice \(exercise)"
        }
    }

    /// The values the templates see (ASCII names), after the privacy rules of `kind`.
    public func templateValues(for kind: OutcomeKind) -> [String: Any] {
        let identified = kind != .senderUnknown
        let failed = kind.carriesFigures ? CheckAction.told(checks.filter { $0.verdict == .fail }) : []
        let motifText = kind.carriesFigures ? motif.map(HeaderSafety.paragraph).flatMap { $0.isEmpty ? nil : $0 } : nil
        var values: [String: Any] = [
            "organisation": organisation,
            "exercise": exercise.description,
            "closing": exercise.closing.french,
            "documents_found": (identified ? documentsFound : []).map { ["text": HeaderSafety.singleLine($0)] },
            "has_found": identified && !documentsFound.isEmpty,
            "documents_missing": (identified ? documentsMissing : []).map { ["text": $0] },
            "has_missing": identified && !documentsMissing.isEmpty,
            "documents_unreadable": (identified ? documentsUnreadable : []).map {
                ["text": HeaderSafety.singleLine($0)]
            },
            "has_unreadable": identified && !documentsUnreadable.isEmpty,
            "failed_checks": failed.map {
                [
                    "sentence": $0.detail, "rule": $0.rule.rawValue,
                    "action": CheckAction.text(for: $0, exercise: exercise),
                ]
            },
            "has_failed": !failed.isEmpty,
            "has_motif": motifText != nil,
            "greeting": Greeting.line(mandataire: identified ? mandataireName.map(HeaderSafety.singleLine) : nil),
        ]
        let asks = kind != .validated && kind != .senderUnknown
        if asks, let deadline { values["deadline"] = deadline.french }
        values["has_deadline"] = asks && deadline != nil
        if let c = contact.map(HeaderSafety.singleLine), !c.isEmpty { values["contact"] = c }
        values["has_contact"] = values["contact"] != nil
        if let motifText { values["motif"] = motifText }
        if identified {
            if let m = mandataireName.map(HeaderSafety.singleLine), !m.isEmpty { values["mandataire"] = m }
            if let cooperative { values["cooperative"] = cooperative.description }
            if let school = school.map(HeaderSafety.singleLine), !school.isEmpty { values["school"] = school }
        }
        if identified, let s = originalSubject.map(HeaderSafety.singleLine), !s.isEmpty {
            values["original_subject"] = s
        }
        if let a = senderAddress.map(HeaderSafety.singleLine), !a.isEmpty { values["sender"] = a }
        if let receivedOn { values["received_on"] = receivedOn.french }
        return values
    }
}
