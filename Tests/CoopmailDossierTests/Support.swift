import CoopmailDomain
import CoopmailDossier
import CoopmailLedger
import CoopmailStore
import CoopmailTestSupport
import Foundation
import GRDB

let exercise = Exercise("2020-2021")!
let ibanA = "FR7630006000011234567890189"

/// A fresh store with helpers that write the rows the reading stage would write.
final class Fixture {
    let folder: TemporaryFolder
    let store: Store
    let service: DossierService
    var root: URL { folder.url }

    init() throws {
        folder = try TemporaryFolder(prefix: "coopmail-dossier")
        store = try Store(path: folder.dataPath)
        service = DossierService(store: store, actor: "testeur")
    }

    func register(_ number: String, school: String, iban: String? = ibanA) throws {
        let c = Cooperative(
            number: CooperativeNumber(parsing: number)!, school: school, town: "Paris",
            mandataire: Mandataire(name: "M", emails: ["m@ecole.test"]), iban: iban)
        try store.db.write { try CooperativeRecord(c, updatedAt: Timestamp.now()).save($0) }
    }

    /// A balanced declaration whose expected statement balance is `bank + cheques − deposits`.
    func declare(_ number: String, bank: Int64, cheques: Int64 = 0, deposits: Int64 = 0) throws {
        let r = FinancialReport(
            cooperative: CooperativeNumber(parsing: number)!, exercise: exercise,
            openingBalance: Money(cents: 100_000), income: Money(cents: bank), expenses: Money(cents: 100_000),
            bookBankBalance: Money(cents: bank), cashBalance: .zero, outstandingCheques: Money(cents: cheques),
            depositsInTransit: Money(cents: deposits))
        try store.db.write { try DeclarationRecord(r, updatedAt: Timestamp.now()).save($0) }
    }

    private var counter = 0

    @discardableResult
    func message(
        coop: String?, receivedAt: String = "2021-10-04T09:00:00Z", subject: String = "CRF", confidence: Double? = 0.9
    ) throws -> Int64 {
        counter += 1
        var m = MessageRecord(
            key: "<m\(counter)-\(UUID().uuidString)@test>", messageId: "<m\(counter)@test>",
            rawSha256: String(repeating: "0", count: 64),
            rawSize: 1, fromAddress: "m@ecole.test", fromName: "M", returnPath: nil, subject: subject, sentAt: nil,
            receivedAt: receivedAt, inReplyTo: nil, references: nil, headers: "[]", bodyText: "", source: "test",
            exercise: exercise.description, status: MessageStatus.processed, quarantineReason: nil,
            cooperative: coop, matchConfidence: coop == nil ? nil : confidence,
            matchEvidence: JSON.encode(["adresse enregistrée"]), createdAt: Timestamp.now())
        try store.db.write { try m.insert($0) }
        return m.id!
    }

    @discardableResult
    func document(
        message: Int64, kind: DocumentKind, content: String, statement: BankStatement? = nil, coop: String? = nil
    ) throws -> Int64 {
        let data = Data(content.utf8)
        let sha = try store.blobs.put(data)
        var d = DocumentRecord(
            message: message, position: Int.random(in: 1...1000), filename: "\(kind.rawValue).pdf", sha256: sha,
            size: data.count, mediaType: "application/pdf", kind: kind, cooperative: coop,
            statement: statement, readStatus: .read)
        if kind == .quitus { d.quitus = try signedQuitus(message: message, coop: coop) }
        try store.db.write { try d.insert($0) }
        return d.id!
    }

    /// A quitus read as a careful mandataire sends it: the three places signed, and the figures of the cooperative's
    /// declaration when one is imported (so that the quitus rules pass unless a test changes them).
    func signedQuitus(message: Int64, coop: String?) throws -> Quitus? {
        try store.db.read { db in
            let owner =
                try coop
                ?? String.fetchOne(db, sql: "SELECT cooperative FROM message WHERE id = ?", arguments: [message])
            let declared = try owner.flatMap {
                try Row.fetchOne(
                    db, sql: "SELECT * FROM declaration WHERE cooperative = ? AND exercise = ?",
                    arguments: [$0, exercise.description])
            }
            return Quitus(
                exercise: exercise, income: declared.map { Money(cents: $0["income"]) },
                expenses: declared.map { Money(cents: $0["expenses"]) },
                bankBalance: declared.map { Money(cents: $0["book_bank_balance"]) },
                signatures: SignaturePlace.allCases.map { SignatureReading(place: $0, verdict: .signed, measure: 0.8) })
        }
    }

    func status(_ number: String) throws -> DossierStatus? {
        try service.queue(exercise: exercise).first { $0.key.cooperative.description == number }?.status
    }

    func dossier(_ number: String) throws -> Dossier {
        try service.dossier(CooperativeNumber(parsing: number)!, exercise: exercise)!
    }
}

/// An August statement of the registered account whose closing balance at 31/08/2021 is `balance` cents.
func augustStatement(_ balance: Int64, iban: String? = ibanA) -> BankStatement {
    let start = CalendarDate(year: 2021, month: 8, day: 1)!
    let end = CalendarDate(year: 2021, month: 8, day: 31)!
    return BankStatement(
        iban: iban, periodStart: start, periodEnd: end,
        balances: [
            .init(date: start, amount: Money(cents: balance - 1000), label: "ANCIEN SOLDE"),
            .init(date: end, amount: Money(cents: balance), label: "NOUVEAU SOLDE"),
        ],
        movements: [.init(date: CalendarDate(year: 2021, month: 8, day: 10)!, label: "VIR", amount: Money(cents: 1000))]
    )
}

extension Dossier {
    func check(_ rule: Rule) -> Check { checks.first { $0.rule == rule }! }
}
