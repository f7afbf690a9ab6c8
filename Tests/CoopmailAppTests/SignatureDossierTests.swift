import CoopmailApp
import CoopmailDomain
import CoopmailDossier
import CoopmailOutcome
import Foundation
import Testing

/// A quitus without the parent's signature, mailed by a registered mandataire: read, checked, exported, answered.
@Suite struct SignatureDossierTests {
    static let quitus = repoRoot.appendingPathComponent("Fixtures/quitus")

    static func mail(_ file: String) throws -> Data {
        let data = try Data(contentsOf: quitus.appendingPathComponent(file))
        let text =
            "From: claire.martin@ac-paris.fr\r\nTo: ad75@occe.coop\r\nSubject: quitus 075-0123\r\nMessage-ID: <sig-\(file)@test>\r\n"
            + "Date: Mon, 04 Oct 2021 09:15:00 +0200\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBonjour, voici le quitus.\r\n"
            + "--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"quitus.pdf\"\r\n\r\n"
            + data.base64EncodedString(options: .lineLength76Characters) + "\r\n--b--\r\n"
        return Data(text.utf8)
    }

    @Test func missingParentSignatureIsCheckedExportedAndNamedInTheAnswer() async throws {
        let t = try TempStore()
        let config = Config()
        let documents = repoRoot.appendingPathComponent("Fixtures/documents")
        _ = try RegistryImporter(store: t.store).importCooperatives(
            csv: String(contentsOf: documents.appendingPathComponent("registry.csv"), encoding: .utf8))
        // The printed figures, except the charges declared 60,00 € higher than printed.
        _ = try RegistryImporter(store: t.store).importDeclarations(
            csv: """
                numero;exercice;report_a_nouveau;total_produits;total_charges;solde_banque;solde_caisse;cheques_non_debites;encaissements_non_credites
                075-0123;2020-2021;900,00;4512,30;4161,80;1274,36;50,20;0;0
                """)
        _ = try Ingestor(store: t.store, config: config).ingest(
            .init(content: .bytes(Self.mail("quitus-parent-manquant.pdf")), source: "test"))
        _ = try await Processor(store: t.store, config: config).run()

        let export = try Exporter(store: t.store, config: config).build(exercise: Exercise("2020-2021")!)
        let doc = try #require(export.submissions.first?.documents.first)
        #expect(doc.kind == "quitus" && doc.cooperative == "075-0123")
        #expect(doc.signatures?.map(\.place) == ["mandataire", "parent", "teacher"])
        #expect(doc.signatures?.map(\.verdict) == ["signed", "empty", "signed"])
        let json = try Exporter(store: t.store, config: config).json(exercise: Exercise("2020-2021")!)
        #expect(json.contains("\"signatures\""))

        let dossier = try #require(
            try DossierService(store: t.store).dossier(
                CooperativeNumber(parsing: "075-0123")!, exercise: Exercise("2020-2021")!))
        let signed = try #require(dossier.checks.first { $0.rule == .quitusSigned })
        #expect(signed.verdict == .fail)
        #expect(signed.detail.contains("La signature du parent d'élève élu manque"))
        let figures = try #require(dossier.checks.first { $0.rule == .quitusMatchesDeclaration })
        #expect(figures.verdict == .fail && figures.difference == Money(cents: -6000), "\(figures.detail)")
        #expect(
            figures.detail.contains("le total des charges imprimé (4\u{00A0}101,80\u{00A0}€) diffère de 60,00\u{00A0}€")
        )
        #expect(dossier.checks.first { $0.rule == .quitusReceived }?.detail.contains("signé") == false)

        let templates = try TemplateLibrary(directory: repoRoot.appendingPathComponent("Templates").path)
        let mail = try templates.render(
            .toCorrect,
            context: OutcomeContext(
                cooperative: dossier.key.cooperative, exercise: dossier.key.exercise,
                checks: dossier.checks))
        #expect(mail.body.contains("La signature du parent d'élève élu manque sur le quitus"))
    }
}
