import CoopmailDomain
import CoopmailDossier

/// A dossier as JSON: one type for `export --format json` (each element of its `dossiers`) and the read commands'
/// `--json` (`show`).
///
/// The contract's fields (`../shared/CONTRACT.md`) are always written, with their names: `cooperative`, `status`,
/// `checks`. The staff view (``StaffView``, what `show --json` adds) comes after them, in the same object: it adds
/// fields and never renames one. The export leaves it out, so that its shape stays the contract's.
public struct DossierPresentation: Encodable {
    public var cooperative: String
    /// `DossierStatus` raw value (`to_review`, `validated`…).
    public var status: String
    public var checks: [ExportDocument.CheckRow]
    /// The staff view's fields; nil in the export.
    public var staff: StaffView?

    public init(cooperative: String, status: String, checks: [ExportDocument.CheckRow], staff: StaffView? = nil) {
        self.cooperative = cooperative
        self.status = status
        self.checks = checks
        self.staff = staff
    }

    /// The whole dossier, as `show --json` presents it.
    public init(_ d: Dossier) {
        self.init(
            cooperative: d.key.cooperative.description, status: d.status.rawValue,
            checks: d.checks.map(ExportDocument.CheckRow.init), staff: StaffView(d))
    }

    enum CodingKeys: String, CodingKey {
        case cooperative, status, checks
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cooperative, forKey: .cooperative)
        try c.encode(status, forKey: .status)
        try c.encode(checks, forKey: .checks)
        // Same object: the staff view's keys sit beside the contract's.
        try staff?.encode(to: encoder)
    }

    /// What staff see of a dossier beyond the contract's fields (keys written in snake_case by the read commands).
    public struct StaffView: Encodable {
        public var exercise: String
        public var school: String?
        public var town: String?
        public var mandataire: String?
        public var emails: [String]
        public var registeredIban: String?
        public var statusLabel: String
        public var automaticStatus: String
        public var matchConfidence: Double?
        public var submissions: [Submission]
        public var documents: [Document]
        public var declaration: Declaration?
        public var statementBalance: Statement?
        public var history: [HistoryEntry]

        public init(_ d: Dossier) {
            let closing = d.key.exercise.closing
            exercise = d.key.exercise.description
            school = d.cooperative?.school
            town = d.cooperative?.town
            mandataire = d.cooperative?.mandataire.name
            emails = d.cooperative?.mandataire.emails ?? []
            registeredIban = d.cooperative?.iban
            statusLabel = d.status.label
            automaticStatus = d.automaticStatus.rawValue
            matchConfidence = d.matchConfidence
            submissions = d.submissions.map {
                Submission(
                    id: $0.id, messageId: $0.messageID, from: $0.from, subject: $0.subject, receivedAt: $0.receivedAt,
                    cooperative: $0.cooperative,
                    match: Match(confidence: $0.matchConfidence, evidence: $0.matchEvidence))
            }
            let expected = d.declaration?.expectedStatementBalance
            documents = d.documents.map { Document($0, closing: closing, expected: expected) }
            declaration = d.declaration.map(Declaration.init)
            statementBalance = d.selection.flatMap { Statement($0.statement, closing: closing, expected: expected) }
            history = d.decisions.map(HistoryEntry.init)
        }
    }

    public struct Match: Encodable {
        public var confidence: Double?
        public var evidence: [String]
    }

    public struct Submission: Encodable {
        public var id: Int64
        public var messageId: String?
        public var from: String?
        public var subject: String?
        public var receivedAt: String
        public var cooperative: String?
        public var match: Match
    }

    public struct Statement: Encodable {
        public var date: String?
        public var balanceCents: Int64?
        public var balanceSource: String?
        /// True (absent otherwise) when an OCR'd balance the statement's movements could not vouch for is kept
        /// because it equals the expected balance to the cent.
        public var confirmedByDeclaration: Bool?
        public var iban: String?
        public var accountNumber: String?
        public var periodStart: String?
        public var periodEnd: String?

        /// The statement's balance at `closing` and what it was read from; nil without a statement.
        /// `expected`: the balance the declaration leads to expect (``BankStatement/balance(at:confirmedBy:)``).
        init?(_ s: BankStatement?, closing: CalendarDate, expected: Money? = nil) {
            guard let s else { return nil }
            let b = s.balance(at: closing, confirmedBy: expected)
            date = b?.date.iso
            balanceCents = b?.amount.cents
            balanceSource = b?.source.rawValue
            confirmedByDeclaration = b?.confirmedByDeclaration == true ? true : nil
            iban = s.iban
            accountNumber = s.accountNumber
            periodStart = s.periodStart?.iso
            periodEnd = s.periodEnd?.iso
        }
    }

    public struct Document: Encodable {
        public var id: Int64
        public var message: Int64
        public var filename: String
        public var sha256: String
        public var mediaType: String
        public var kind: String
        public var pages: [Int]?
        public var cooperative: String?
        public var match: Match
        public var role: String
        public var supersededBy: Int64?
        public var resendOf: Int64?
        public var statement: Statement?
        /// Quitus only: each signature place with its verdict and measure; an empty list when the page was not
        /// examined (absent on other documents).
        public var signatures: [ExportDocument.Signature]?

        init(_ doc: DossierDocument, closing: CalendarDate, expected: Money? = nil) {
            var role = "current"
            switch doc.role {
            case .current: break
            case .superseded(let id):
                role = "superseded"
                supersededBy = id
            case .resend(let id):
                role = "resend"
                resendOf = id
            }
            self.role = role
            id = doc.id
            message = doc.message
            filename = doc.filename
            sha256 = doc.sha256
            mediaType = doc.mediaType
            kind = doc.kind.rawValue
            pages = doc.pages
            cooperative = doc.cooperative
            match = Match(confidence: doc.matchConfidence, evidence: doc.matchEvidence)
            statement =
                doc.kind == .bankStatement ? Statement(doc.statement, closing: closing, expected: expected) : nil
            signatures =
                doc.kind == .quitus ? (doc.quitus?.signatures ?? []).map(ExportDocument.Signature.init) : nil
        }
    }

    public struct Declaration: Encodable {
        public var openingBalanceCents: Int64
        public var incomeCents: Int64
        public var expensesCents: Int64
        public var bookBankBalanceCents: Int64
        public var cashBalanceCents: Int64
        public var outstandingChequesCents: Int64
        public var depositsInTransitCents: Int64
        public var expectedStatementBalanceCents: Int64

        init(_ r: FinancialReport) {
            openingBalanceCents = r.openingBalance.cents
            incomeCents = r.income.cents
            expensesCents = r.expenses.cents
            bookBankBalanceCents = r.bookBankBalance.cents
            cashBalanceCents = r.cashBalance.cents
            outstandingChequesCents = r.outstandingCheques.cents
            depositsInTransitCents = r.depositsInTransit.cents
            expectedStatementBalanceCents = r.expectedStatementBalance.cents
        }
    }

    /// One staff decision (`show --json`'s `history`, `history --json`).
    public struct HistoryEntry: Encodable {
        public var id: Int64
        public var action: String
        public var label: String
        public var actor: String
        public var at: String
        public var reason: String?
        public var document: Int64?
        public var from: String?
        public var to: String?

        public init(_ d: Decision) {
            id = d.id
            action = d.action.rawValue
            label = d.action.label
            actor = d.actor
            at = d.at
            reason = d.reason
            document = d.document
            from = d.from
            to = d.to
        }
    }
}
