import CoopmailApp
import CoopmailDomain
import CoopmailDossier
import Foundation
import Testing

/// Dossier errors carry data; the French staff read is written by CoopmailApp, word for word as before.
@Suite("Dossier errors: data below, French in App")
struct DossierErrorTextTests {
    static let key = DossierKey(cooperative: CooperativeNumber(parsing: "075-0123")!, exercise: Exercise("2020-2021")!)
    static let failed = Check(rule: .bankStatementMatches, verdict: .fail, expected: nil, found: nil, detail: "écart")
    static let unknown = Check(rule: .quitusSigned, verdict: .unknown, expected: nil, found: nil, detail: "?")

    static let cases: [(DossierError, String)] = [
        (
            .noDossier(key),
            "aucun envoi de la coopérative 075-0123 pour l'exercice 2020-2021 : il n'y a pas de dossier."
        ),
        (
            .failedChecks(key, [failed, unknown]),
            "des contrôles ont échoué pour le dossier 075-0123 (solde du relevé, non vérifié : signatures du quitus). "
                + "Pour valider quand même : --force --motif « … »."
        ),
        (
            .failedChecks(key, [unknown]),
            "des contrôles n'ont pas pu être faits pour le dossier 075-0123 (non vérifié : signatures du quitus). "
                + "Pour valider quand même : --force --motif « … »."
        ),
        (.reasonRequired(.reject), "un motif est obligatoire pour rejeter un dossier : ajoutez --motif « … »."),
        (
            .reasonRequired(.approve),
            "un motif est obligatoire pour valider un dossier dont des contrôles ont échoué : ajoutez --motif « … »."
        ),
        (.alreadyDecided(key, .validated), "le dossier 075-0123 (2020-2021) est déjà validé."),
        (
            .revokesValidation(key),
            "le dossier 075-0123 (2020-2021) est validé : le rejeter annule la validation. "
                + "Pour confirmer : --force (le message « validé » s'il n'est pas encore parti est annulé)."
        ),
        (.notDecided(key), "le dossier 075-0123 (2020-2021) n'est ni validé ni rejeté : il n'y a rien à rouvrir."),
        (.unknownCooperative("tilleul", suggestions: []), "coopérative « tilleul » inconnue."),
        (
            .unknownCooperative(
                "tilleul",
                suggestions: [
                    .school(CooperativeNumber(parsing: "075-0123")!, school: "Les Tilleuls"),
                    .school(CooperativeNumber(parsing: "075-0124")!, school: "Le Tilleul"),
                ]),
            "coopérative « tilleul » inconnue. Vouliez-vous dire : 075-0123 (Les Tilleuls) ; 075-0124 (Le Tilleul) ?"
        ),
        (
            .unknownDocument("abc"),
            "pièce « abc » introuvable (attendu : le numéro de la pièce, ou au moins 6 caractères de son empreinte sha256)."
        ),
        (.unknownMessage(42), "message n° 42 introuvable."),
        (
            .ambiguous(
                "12",
                candidates: [
                    .document(12, filename: "releve.pdf"), .message(12, subject: nil),
                    .cooperative(CooperativeNumber(parsing: "075-0012")!),
                    .school(CooperativeNumber(parsing: "075-0123")!, school: "Les Tilleuls"),
                    .digest(document: 3, filename: "q.jpg", sha256: String(repeating: "ab", count: 32)),
                ]),
            "« 12 » est ambigu. Il peut désigner :\n"
                + "  - la pièce n° 12 (releve.pdf) : coopmail show pièce:12\n"
                + "  - le message n° 12 (« sans objet ») : coopmail show message:12\n"
                + "  - la coopérative 075-0012 : coopmail show 075-0012\n"
                + "  - la coopérative 075-0123 (Les Tilleuls)\n"
                + "  - la pièce n° 3 (q.jpg, sha256 abababababab…)"
        ),
        (.emptyNote, "la note est vide."),
        (
            .alreadyAssigned(document: 7, cooperative: CooperativeNumber(parsing: "075-0123")!),
            "la pièce n° 7 est déjà affectée à la coopérative 075-0123."
        ),
    ]

    @Test func eachErrorReadsInFrenchThroughErrorMessageAndCarriesNoFrenchItself() {
        for (error, french) in Self.cases {
            #expect(ErrorMessage.french(error) == french)
            #expect(error.french == french)
            // The description below App is for developers: never the staff's sentence.
            #expect(error.description != french)
        }
    }
}
