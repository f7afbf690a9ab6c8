import CoopmailDomain
import Foundation
import Testing

@testable import CoopmailOutcome

@Suite("Outcome templates (Templates/)")
struct TemplateLibraryTests {
    let nb = "\u{00A0}"
    let exercise = Exercise("2020-2021")!
    let coop = CooperativeNumber(parsing: "075-0456")!

    func library() throws -> TemplateLibrary { try TemplateLibrary(directory: Paths.templates) }

    /// A dossier with one failed amount check, one passed check, and a motif.
    func context() -> OutcomeContext {
        let failed = Check(
            rule: .bankStatementMatches, verdict: .fail, expected: Money(cents: 129_456), found: Money(cents: 123_456),
            difference: Money(cents: -6_000),
            detail:
                "Le solde du relevé au 31/08/2021 (\(Money(cents: 123_456).french)) diffère de \(Money(cents: 6_000).french) du solde attendu."
        )
        let passed = Check(
            rule: .crfBalanced, verdict: .pass, detail: "Le compte rendu financier est équilibré : tout va bien.")
        return OutcomeContext(
            mandataireName: "Mme Lefèvre", cooperative: coop, school: "École élémentaire Jean-Jaurès",
            exercise: exercise,
            senderAddress: "inconnu@example.org", originalSubject: "CRF coop 456",
            receivedOn: CalendarDate(iso: "2021-09-20"),
            documentsFound: [OutcomeContext.describeFound(filename: "releve_aout.pdf", kind: .bankStatement)],
            documentsMissing: [OutcomeContext.describeMissing(.quitus, exercise: exercise)],
            checks: [failed, passed],
            motif: "Le relevé joint est celui du compte livret, merci d'envoyer 1 294,56 € justifié.")
    }

    @Test("Every kind has a template, a subject and a body")
    func everyKind() throws {
        let lib = try library()
        for kind in OutcomeKind.allCases {
            let mail = try lib.render(kind, context: context())
            #expect(!mail.subject.isEmpty && !mail.subject.contains("\n"), "\(kind)")
            #expect(!mail.body.lowercased().hasPrefix("subject"), "\(kind)")
            #expect(mail.body.contains("OCCE AD75"), "\(kind): signature")
            #expect(
                !mail.body.contains("{{") && !mail.body.contains("&amp;") && !mail.body.contains("&#"),
                "\(kind): raw text")
            #expect(!mail.body.contains("\n\n\n"), "\(kind): tidy blank lines")
        }
    }

    @Test("to_correct lists each failed check's sentence with French amounts, and the motif")
    func toCorrect() throws {
        let mail = try library().render(.toCorrect, context: context())
        #expect(
            mail.subject.contains("à corriger") && mail.subject.contains("075-0456")
                && mail.subject.contains("2020-2021"))
        #expect(
            mail.body.contains(
                "Le solde du relevé au 31/08/2021 (1\(nb)234,56\(nb)€) diffère de 60,00\(nb)€ du solde attendu."))
        #expect(mail.body.contains("Message de l'équipe : Le relevé joint est celui du compte livret"))
        #expect(!mail.body.contains("tout va bien"), "passed checks are not listed")
        #expect(mail.body.contains("Bonjour Madame Lefèvre,"))
        #expect(mail.body.contains("École élémentaire Jean-Jaurès"), "no HTML escaping of accents or hyphens")
    }

    @Test("acknowledgment: documents found and missing, what happens next, no figures")
    func acknowledgment() throws {
        let mail = try library().render(.acknowledgment, context: context())
        #expect(mail.subject.hasPrefix("Accusé de réception"))
        #expect(mail.body.contains("releve_aout.pdf (relevé de compte)"))
        #expect(mail.body.contains("le quitus"))
        #expect(mail.body.contains("Et ensuite ?"))
        #expect(
            !mail.body.contains("€") && !mail.body.contains("livret"), "an acknowledgment carries no financial content")
        var empty = context()
        empty.documentsFound = []
        #expect(try library().render(.acknowledgment, context: empty).body.contains("aucun document"))
    }

    @Test("acknowledgment of a salvaged mail names each file to send again, and only those")
    func acknowledgmentNamesUnreadableFiles() throws {
        var c = context()
        c.documentsUnreadable = OutcomeContext.unreadable(fromNotes: [
            "pièce jointe « releve.pdf » incomplète (message tronqué) : à renvoyer",
            "nom de fichier dangereux « ../../etc/passwd.pdf » remplacé par « passwd.pdf »",
        ])
        let body = try library().render(.acknowledgment, context: c).body
        #expect(body.contains("merci de nous les renvoyer"))
        #expect(body.contains("  - pièce jointe « releve.pdf » incomplète (message tronqué)"))
        #expect(!body.contains("passwd"))
        #expect(!(try library().render(.acknowledgment, context: context()).body.contains("renvoyer")))
    }

    @Test("sender_unknown asks for the cooperative number and shows no financial or cooperative data")
    func senderUnknown() throws {
        let mail = try library().render(.senderUnknown, context: context())
        #expect(mail.body.contains("numéro de votre coopérative"))
        for secret in ["€", "1\(nb)234", "60,00", "livret", "0456", "Jean-Jaurès", "Lefèvre", "releve_aout"] {
            #expect(!mail.body.contains(secret) && !mail.subject.contains(secret), "leaked: \(secret)")
        }
    }

    @Test("validated and missing_documents")
    func validatedAndMissing() throws {
        let validated = try library().render(.validated, context: context())
        #expect(validated.subject.contains("validé") && validated.body.contains("validé"))
        let missing = try library().render(.missingDocuments, context: context())
        #expect(missing.subject.contains("Documents manquants"))
        #expect(missing.body.contains("le quitus : la page du compte rendu financier signée"))
    }

    @Test("A hostile original subject stays on one line")
    func hostileSubject() throws {
        var ctx = context()
        ctx.originalSubject = "Relevé\r\nBcc: victime@example.org"
        let mail = try library().render(.acknowledgment, context: ctx)
        #expect(!mail.body.contains("\nBcc:") && mail.body.contains("« Relevé Bcc: victime@example.org »"))
    }

    @Test("Templates are read at run time; a missing template or subject is reported")
    func runtimeDirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "coopmail-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for kind in OutcomeKind.allCases where kind != .senderUnknown {
            try "{{% CONTENT_TYPE: TEXT}}\nSubject: Objet {{exercise}} & co\nCorps <{{organisation}}>\n"
                .write(to: dir.appendingPathComponent("\(kind.rawValue).mustache"), atomically: true, encoding: .utf8)
        }
        #expect(throws: TemplateLibraryError.missingTemplate("sender_unknown")) {
            try TemplateLibrary(directory: dir.path)
        }
        try "Pas d'objet\n".write(
            to: dir.appendingPathComponent("sender_unknown.mustache"), atomically: true, encoding: .utf8)
        let lib = try TemplateLibrary(directory: dir.path)
        let mail = try lib.render(.validated, context: context())
        #expect(mail == RenderedMail(subject: "Objet 2020-2021 & co", body: "Corps <OCCE AD75>\n"))
        #expect(throws: TemplateLibraryError.missingSubject("sender_unknown")) {
            try lib.render(.senderUnknown, context: context())
        }
    }
}
