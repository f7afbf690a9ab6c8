import CoopmailApp
import CoopmailDomain
import CoopmailOutcome
import CoopmailStore
import Foundation
import GRDB
import Testing

/// The mails a teacher reads on a phone, read back from the outbox as they will leave: the greeting from the registry's
/// civility, the team's message first, one plain action per failed check before its detail, never an empty list, a
/// statement of another account asked again without its derived gap, the deadline and a contact at the end.
@Suite struct PhoneMailTests {
    let templates = try! TemplateLibrary(directory: repoRoot.appendingPathComponent("Templates").path)
    let exercise = Exercise("2020-2021")!
    let coop = CooperativeNumber(parsing: "075-0123")!

    func setUp(mandataire: String) throws -> (TempStore, Outbox) {
        let t = try TempStore()
        _ = try RegistryImporter(store: t.store).importCooperatives(
            csv: """
                numero;ecole;commune;mandataire;email;iban
                075-0123;École Keller;Paris;\(mandataire);claire.fournier@ecole.test;
                """)
        var config = Config()
        config.submissionDeadline = CalendarDate(iso: "2021-11-30")
        config.contact = "Sophie Durand, 01 23 45 67 89"
        return (t, Outbox(store: t.store, config: config, templates: templates))
    }

    func body(_ t: TempStore, _ result: Result<OutboxRecord, SkipError>) throws -> String {
        guard case .success(let row) = result else {
            Issue.record("not queued: \(result)")
            return ""
        }
        let raw = String(decoding: try t.store.blobs.get(row.rawSha256), as: UTF8.self)
        // Quoted-printable soft breaks and escapes undone, enough to read French text back.
        return QuotedPrintableProbe.decode(raw)
    }

    static let gap = Check(
        rule: .bankStatementMatches, verdict: .fail, expected: Money(cents: 129_456), found: Money(cents: 123_456),
        difference: Money(cents: -6_000),
        detail: "Le solde du relevé au 31/08/2021 diffère de 60,00 € du solde attendu.")
    static let otherAccount = Check(
        rule: .statementAccount, verdict: .fail, detail: "Le relevé porte l'IBAN FR76…999, pas celui de la coopérative."
    )

    @Test func greetingCivilityFirstMotifActionsDeadlineContact() throws {
        let (t, outbox) = try setUp(mandataire: "Mme Claire Fournier")
        let text = try body(
            t,
            outbox.announceDecision(
                .toCorrect, cooperative: coop, exercise: exercise,
                checks: [Self.gap], motif: "Merci de vérifier le rapprochement.",
                decisionKey: "d1"))
        #expect(text.contains("Bonjour Madame Fournier,"), "\(text)")
        #expect(!text.contains("Bonjour Mme Claire Fournier"))
        let motif = text.range(of: "Message de l'équipe : Merci de vérifier le rapprochement.")
        let examined = text.range(of: "Nous avons examiné")
        #expect(motif != nil && examined != nil && motif!.lowerBound < examined!.lowerBound, "team's message first")
        let action = text.range(
            of: "vérifiez les frais bancaires de septembre et la liste des chèques non encore débités")
        let formula = text.range(of: "diffère de 60,00")
        #expect(action != nil && formula != nil && action!.lowerBound < formula!.lowerBound, "\(text)")
        #expect(text.contains("Date limite d'envoi : 30/11/2021."))
        #expect(text.contains("contactez : Sophie Durand, 01 23 45 67 89."))
    }

    @Test func noEmptyListAndNoCivility() throws {
        let (t, outbox) = try setUp(mandataire: "Claire Fournier")
        let correct = try body(
            t,
            outbox.announceDecision(
                .toCorrect, cooperative: coop, exercise: exercise, checks: [], motif: nil,
                decisionKey: "d2"))
        #expect(correct.contains("Bonjour Claire Fournier,"))
        for line in correct.split(separator: "\n", omittingEmptySubsequences: false).indices.dropLast() {
            let lines = correct.split(separator: "\n", omittingEmptySubsequences: false)
            if lines[line].hasSuffix(":") && !lines[line].hasPrefix("Subject") {
                #expect(
                    lines[line + 1].hasPrefix("  - "), "a list announced and left empty: \(lines[line])\n\(correct)")
            }
        }
        #expect(!correct.contains("points suivants"))
        let missing = try body(
            t,
            outbox.announceDecision(
                .missingDocuments, cooperative: coop, exercise: exercise, checks: [],
                motif: nil, decisionKey: "d3"))
        #expect(!missing.contains("il nous manque :\n\n"), "\(missing)")
        // A statement missing: the mail names the statement.
        let statement = try body(
            t,
            outbox.announceDecision(
                .missingDocuments, cooperative: coop, exercise: exercise,
                checks: [Check(rule: .bankStatementReceived, verdict: .fail, detail: "Relevé de compte non reçu.")],
                motif: nil, decisionKey: "d4"))
        #expect(statement.contains("  - le relevé de compte BRED qui indique le solde au 31/08/2021"), "\(statement)")
    }

    @Test func anotherAccountsStatementIsAskedAgainWithoutItsGap() throws {
        let (t, outbox) = try setUp(mandataire: "M. Paul Martin")
        let text = try body(
            t,
            outbox.announceDecision(
                .toCorrect, cooperative: coop, exercise: exercise,
                checks: [Self.otherAccount, Self.gap], motif: nil, decisionKey: "d5"))
        #expect(text.contains("Bonjour Monsieur Martin,"))
        #expect(text.contains("envoyez le relevé du compte de la coopérative"), "\(text)")
        #expect(!text.contains("60,00"), "the gap computed from another account's statement is not sent: \(text)")
        #expect(!text.contains("frais bancaires"))
    }
}

/// Undoes quoted-printable (soft breaks, =XX bytes) in a whole message, to read its text back.
enum QuotedPrintableProbe {
    static func decode(_ raw: String) -> String {
        let unfolded = raw.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "\r\n", with: "\n")
        var bytes: [UInt8] = []
        let u = Array(unfolded.utf8)
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "="), i + 2 < u.count,
                let v = UInt8(String(decoding: u[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
            {
                bytes.append(v)
                i += 3
            } else {
                bytes.append(u[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
