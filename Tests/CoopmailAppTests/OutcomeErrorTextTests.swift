import CoopmailApp
import CoopmailIntake
import CoopmailOutcome
import Foundation
import Testing

/// Outcome and intake errors carry data; the French staff read is written by CoopmailApp, word for word as before.
@Suite("Outcome and local-source errors: data below, French in App")
struct OutcomeErrorTextTests {
    static let cases: [(Error & CustomStringConvertible, String)] = [
        (TemplateLibraryError.missingTemplate("accuse"), "Modèle de message introuvable : accuse.mustache"),
        (
            TemplateLibraryError.unreadableTemplate("accuse"),
            "Modèle de message invalide (accuse.mustache) : fichier illisible ou non UTF-8"
        ),
        (
            TemplateLibraryError.invalidTemplate("accuse", reason: "unclosed section"),
            "Modèle de message invalide (accuse.mustache) : unclosed section"
        ),
        (
            TemplateLibraryError.missingSubject("accuse"),
            "Le modèle accuse.mustache doit commencer par une ligne « Subject: … »"
        ),
        (
            OutcomeMessageError.invalidAddress(field: "To"),
            "Adresse refusée dans l'en-tête To : elle n'est pas une adresse simple et sûre."
        ),
        (
            OutcomeMessageError.invalidMessageID,
            "Identifiant de message (Message-ID) refusé : il doit être de la forme <identifiant@domaine>."
        ),
        (OutcomeMessageError.noRecipient, "Aucun destinataire pour ce message."),
        (LocalMailSource.SourceError.notFound("/x/y.eml"), "chemin introuvable : /x/y.eml"),
    ]

    @Test("Staff read the French sentence; below App the error says its data in English")
    func french() {
        let accented = CharacterSet(charactersIn: "éèàçêôù«»")
        for (error, text) in Self.cases {
            #expect(ErrorMessage.french(error) == text)
            #expect(error.description.rangeOfCharacter(from: accented) == nil, "\(error.description)")
        }
    }

    @Test("A template file that is not UTF-8 is named unreadable, with its name")
    func unreadableTemplate() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data([0xFF, 0xFE, 0x00, 0xC3]).write(to: dir.appendingPathComponent("accuse.mustache"))
        #expect(throws: TemplateLibraryError.unreadableTemplate("accuse")) {
            _ = try TemplateLibrary(directory: dir.path)
        }
    }
}
