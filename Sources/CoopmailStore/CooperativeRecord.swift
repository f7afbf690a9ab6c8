import CoopmailDomain
import Foundation
import GRDB

/// A registry row; converts to and from the domain's ``Cooperative``.
public struct CooperativeRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "cooperative"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var number: String
    public var school: String
    public var town: String
    public var mandataire: String
    public var emails: String
    public var iban: String?
    public var updatedAt: String

    public init(_ c: Cooperative, updatedAt: String) {
        number = c.number.description
        school = c.school
        town = c.town
        mandataire = c.mandataire.name
        emails = JSON.encode(c.mandataire.emails)
        iban = c.iban
        self.updatedAt = updatedAt
    }

    /// Reads a row by column, not through `Decodable` (#16: the whole registry is read at each run, and the
    /// keyed decoder was most of that cost). A NULL where a value is required throws, as decoding did.
    public init(row: Row) throws {
        number = try row.decode(forColumn: "number")
        school = try row.decode(forColumn: "school")
        town = try row.decode(forColumn: "town")
        mandataire = try row.decode(forColumn: "mandataire")
        emails = try row.decode(forColumn: "emails")
        iban = try row.decode(forColumn: "iban")
        updatedAt = try row.decode(forColumn: "updated_at")
    }

    public var cooperative: Cooperative? {
        guard let n = CooperativeNumber(parsing: number) else { return nil }
        return Cooperative(
            number: n, school: school, town: town,
            mandataire: Mandataire(name: mandataire, emails: JSON.decode([String].self, emails) ?? []), iban: iban)
    }
}

extension CooperativeRecord {
    /// Every registered cooperative's number and JSON addresses (what an import compares with), in one scan.
    public static func registeredEmails() -> SQLRequest<Row> {
        SQLRequest(sql: "SELECT number, emails FROM cooperative")
    }

    /// The registry import's statement: inserts a cooperative, or updates it only when one of its values differs
    /// (then `changesCount` is 1, else 0), so that an unchanged row fires no trigger and keeps its `updated_at`.
    /// Arguments: ``upsertArguments``.
    public static func upsertIfChanged(_ db: Database) throws -> Statement {
        try db.cachedStatement(
            sql: """
                INSERT INTO cooperative (number, school, town, mandataire, emails, iban, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(number) DO UPDATE SET school = excluded.school, town = excluded.town,
                    mandataire = excluded.mandataire, emails = excluded.emails, iban = excluded.iban,
                    updated_at = excluded.updated_at
                WHERE school IS NOT excluded.school OR town IS NOT excluded.town
                    OR mandataire IS NOT excluded.mandataire OR emails IS NOT excluded.emails
                    OR iban IS NOT excluded.iban
                """)
    }

    /// The arguments of ``upsertIfChanged(_:)``, in its column order.
    public var upsertArguments: StatementArguments {
        [number, school, town, mandataire, emails, iban, updatedAt]
    }
}

/// A declaration row; converts to and from the domain's ``FinancialReport``.
public struct DeclarationRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "declaration"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var cooperative: String
    public var exercise: String
    public var openingBalance: Int64
    public var income: Int64
    public var expenses: Int64
    public var bookBankBalance: Int64
    public var cashBalance: Int64
    public var outstandingCheques: Int64
    public var depositsInTransit: Int64
    public var updatedAt: String

    public init(_ r: FinancialReport, updatedAt: String) {
        cooperative = r.cooperative.description
        exercise = r.exercise.description
        openingBalance = r.openingBalance.cents
        income = r.income.cents
        expenses = r.expenses.cents
        bookBankBalance = r.bookBankBalance.cents
        cashBalance = r.cashBalance.cents
        outstandingCheques = r.outstandingCheques.cents
        depositsInTransit = r.depositsInTransit.cents
        self.updatedAt = updatedAt
    }

    /// Column by column, without `Decodable`'s snake-case key conversion (the export reads a season's declarations:
    /// 50,000 rows took 0.5 s that way). A value of the wrong type throws, as the decoding did.
    public init(row: Row) throws {
        cooperative = try row.decode(String.self, forColumn: "cooperative")
        exercise = try row.decode(String.self, forColumn: "exercise")
        openingBalance = try row.decode(Int64.self, forColumn: "opening_balance")
        income = try row.decode(Int64.self, forColumn: "income")
        expenses = try row.decode(Int64.self, forColumn: "expenses")
        bookBankBalance = try row.decode(Int64.self, forColumn: "book_bank_balance")
        cashBalance = try row.decode(Int64.self, forColumn: "cash_balance")
        outstandingCheques = try row.decode(Int64.self, forColumn: "outstanding_cheques")
        depositsInTransit = try row.decode(Int64.self, forColumn: "deposits_in_transit")
        updatedAt = try row.decode(String.self, forColumn: "updated_at")
    }

    public var report: FinancialReport? {
        guard let n = CooperativeNumber(parsing: cooperative), let e = Exercise(exercise) else { return nil }
        return FinancialReport(
            cooperative: n, exercise: e, openingBalance: Money(cents: openingBalance),
            income: Money(cents: income), expenses: Money(cents: expenses),
            bookBankBalance: Money(cents: bookBankBalance), cashBalance: Money(cents: cashBalance),
            outstandingCheques: Money(cents: outstandingCheques),
            depositsInTransit: Money(cents: depositsInTransit))
    }
}
