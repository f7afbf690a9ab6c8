import CoopmailDomain
import CoopmailStore
import Foundation

/// Imports the registry of cooperatives and the declared CRF figures from CSV, all or nothing.
public struct RegistryImporter {
    public let store: Store
    public let defaultDepartment: Int

    public init(store: Store, defaultDepartment: Int = 75) {
        self.store = store
        self.defaultDepartment = defaultDepartment
    }

    public struct Summary: Sendable {
        public var added = 0
        /// Rows whose values changed (the registry import counts only those; declarations count every replaced row).
        public var updated = 0
        /// Registry rows identical to the stored ones (left untouched: no dossier recomputed).
        public var unchanged = 0
    }

    /// `numero;ecole;commune;mandataire;email;iban`
    public func importCooperatives(csv text: String) throws -> Summary {
        let table = try CSVTable(text: text)
        let col = try table.columns(["numero", "ecole", "commune", "mandataire", "email", "iban"])
        var seen: [String: Int] = [:]
        var coops: [Cooperative] = []
        for (line, f) in table.rows {
            func v(_ n: String) -> String {
                let i = col[n]!
                return i < f.count ? f[i].trimmingSpaces : ""
            }
            guard let number = CooperativeNumber(parsing: v("numero"), defaultDepartment: defaultDepartment) else {
                throw ImportError(
                    line: line, reason: "numéro de coopérative invalide « \(v("numero")) » (attendu : 075-0123)")
            }
            if let other = seen[number.description] {
                throw ImportError(line: line, reason: "la coopérative \(number) figure déjà ligne \(other)")
            }
            seen[number.description] = line
            let school = v("ecole")
            guard !school.isEmpty else { throw ImportError(line: line, reason: "nom d'école manquant") }
            let emails = v("email").split(separator: "|").map { $0.trimmingSpaces.lowercased() }
                .filter { !$0.isEmpty }
            for e in emails where !EmailAddress.isPlausible(e) {
                throw ImportError(line: line, reason: "adresse e-mail invalide « \(e) »")
            }
            var iban: String? = nil
            let rawIBAN = v("iban")
            if !rawIBAN.isEmpty {
                guard let n = IBAN.normalized(rawIBAN) else {
                    throw ImportError(line: line, reason: "IBAN invalide « \(rawIBAN) » (clé de contrôle fausse ?)")
                }
                iban = n
            }
            coops.append(
                Cooperative(
                    number: number, school: school, town: v("commune"),
                    mandataire: Mandataire(name: v("mandataire"), emails: emails), iban: iban))
        }
        let now = Timestamp.now()
        let saved = try store.saveRegistry(coops, at: now)
        var s = Summary()
        (s.added, s.updated, s.unchanged) = (saved.added, saved.updated, saved.unchanged)
        return s
    }

    /// `numero;exercice;report_a_nouveau;total_produits;total_charges;solde_banque;solde_caisse;cheques_non_debites;encaissements_non_credites`
    public func importDeclarations(csv text: String) throws -> Summary {
        let amounts = [
            "report_a_nouveau", "total_produits", "total_charges", "solde_banque", "solde_caisse",
            "cheques_non_debites", "encaissements_non_credites",
        ]
        let table = try CSVTable(text: text)
        let col = try table.columns(["numero", "exercice"] + amounts)
        var reports: [FinancialReport] = []
        var seen: [String: Int] = [:]
        for (line, f) in table.rows {
            func v(_ n: String) -> String {
                let i = col[n]!
                return i < f.count ? f[i].trimmingSpaces : ""
            }
            guard let number = CooperativeNumber(parsing: v("numero"), defaultDepartment: defaultDepartment) else {
                throw ImportError(line: line, reason: "numéro de coopérative invalide « \(v("numero")) »")
            }
            guard let exercise = Exercise(v("exercice")) else {
                throw ImportError(line: line, reason: "exercice invalide « \(v("exercice")) » (attendu : 2020-2021)")
            }
            let key = "\(number) \(exercise)"
            if let other = seen[key] {
                throw ImportError(line: line, reason: "déclaration \(key) déjà présente ligne \(other)")
            }
            seen[key] = line
            var m: [String: Money] = [:]
            for a in amounts {
                let raw = v(a)
                if raw.isEmpty {
                    m[a] = .zero
                    continue
                }
                guard let money = Money(french: raw) else {
                    throw ImportError(line: line, reason: "montant invalide « \(raw) » dans la colonne \(a)")
                }
                m[a] = money
            }
            reports.append(
                FinancialReport(
                    cooperative: number, exercise: exercise, openingBalance: m["report_a_nouveau"]!,
                    income: m["total_produits"]!, expenses: m["total_charges"]!,
                    bookBankBalance: m["solde_banque"]!, cashBalance: m["solde_caisse"]!,
                    outstandingCheques: m["cheques_non_debites"]!,
                    depositsInTransit: m["encaissements_non_credites"]!))
        }
        let now = Timestamp.now()
        let saved = try store.saveDeclarations(reports, at: now)
        var s = Summary()
        (s.added, s.updated) = (saved.added, saved.updated)
        return s
    }
}

/// Address checks.
public enum EmailAddress {
    public static func isPlausible(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !s.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
    }
}
