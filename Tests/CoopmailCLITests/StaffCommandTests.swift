import CoopmailDomain
import CoopmailStore
import Foundation
import Testing

/// Three dossiers: 075-0123 with a 60,00 € difference (40 days old), 075-0124 complete and consistent (5 days old),
/// 075-0125 without its statement (20 days old).
func season() throws -> CLI {
    let cli = try CLI()
    let registry = try cli.file(
        "registre.csv",
        """
        numero;ecole;commune;mandataire;email;iban
        075-0123;École élémentaire Keller avec un nom très long pour le tableau;Paris 11e;Marie;marie@ecole.test;FR76 3000 6000 0112 3456 7890 189
        075-0124;École Voltaire;Paris 11e;Paul;paul@ecole.test;FR76 3000 6000 0112 3456 7890 189
        075-0125;École des Batignolles;Paris 17e;Zoé;zoe@ecole.test;FR76 3000 6000 0112 3456 7890 189
        075-0200;École Sans Envoi;Paris 20e;Léa;lea@ecole.test;

        """)
    let declarations = try cli.file(
        "retkoop.csv",
        """
        numero;exercice;report_a_nouveau;total_produits;total_charges;solde_banque;solde_caisse;cheques_non_debites;encaissements_non_credites
        075-0123;2020-2021;0;1 234,56;0;1 234,56;0;60,00;0
        075-0124;2020-2021;0;1 000,00;0;1 000,00;0;0;0
        075-0125;2020-2021;0;500,00;0;500,00;0;0;0

        """)
    #expect(try cli.run(["coops", "import", registry]).status == 0)
    #expect(try cli.run(["declarations", "import", declarations]).status == 0)
    let store = try cli.store()
    let day = 86_400.0
    try store.submission(
        coop: "075-0123", receivedAt: Date(timeIntervalSinceNow: -40 * day), subject: "CRF Keller",
        statementCents: 123_456)
    try store.submission(
        coop: "075-0124", receivedAt: Date(timeIntervalSinceNow: -5 * day), subject: "CRF Voltaire",
        statementCents: 100_000)
    try store.submission(
        coop: "075-0125", receivedAt: Date(timeIntervalSinceNow: -20 * day), subject: "CRF Batignolles",
        statementCents: nil)
    return cli
}

@Suite(.serialized) struct StaffCommandTests {
    @Test func reviewListsTheQueueOldestFirstAndFitsTheWidth() throws {
        let cli = try season()
        let r = try cli.run(["review", "--exercise", "2020-2021"], env: ["COLUMNS": "72"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let order = ["075-0123", "075-0125", "075-0124"].map { c in lines.firstIndex { $0.hasPrefix(c) } ?? -1 }
        #expect(order.allSatisfy { $0 >= 0 } && order == order.sorted(), "\(r.stdout)")
        #expect(lines.allSatisfy { $0.count <= 72 }, "\(r.stdout)")
        #expect(r.stdout.contains("…"), "long school names are cut")
        #expect(r.stdout.contains("à corriger") && r.stdout.contains("incomplet") && r.stdout.contains("à vérifier"))
        #expect(r.stdout.contains("écart relevé 60,00\u{00A0}€"))
        #expect(!r.stdout.contains("\u{1B}["), "no colours when stdout is not a terminal")
        #expect(r.stdout.contains("40 j"))
    }

    @Test func reviewFiltersAndSorts() throws {
        let cli = try season()
        func coops(_ args: [String]) throws -> [String] {
            let r = try cli.run(["review", "--exercise", "2020-2021"] + args)
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout.split(separator: "\n").compactMap { $0.hasPrefix("075-") ? String($0.prefix(8)) : nil }
        }
        #expect(try coops(["--statut", "incomplet"]) == ["075-0125"])
        #expect(try coops(["--statut", "à corriger", "--statut", "a-verifier"]) == ["075-0123", "075-0124"])
        #expect(try coops(["--plus-vieux-que", "10"]) == ["075-0123", "075-0125"])
        #expect(try coops(["--problemes"]) == ["075-0123", "075-0125"])
        #expect(try coops(["--tri", "coop"]) == ["075-0123", "075-0124", "075-0125"])
        #expect(try coops(["--tri", "statut"]) == ["075-0124", "075-0123", "075-0125"])
        let bad = try cli.run(["review", "--statut", "perdu"])
        #expect(bad.status != 0 && bad.stderr.contains("statut inconnu"))

        let json = try cli.run(["review", "--exercise", "2020-2021", "--json", "--problemes"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rows = try #require(root["dossiers"] as? [[String: Any]])
        #expect(rows.compactMap { $0["cooperative"] as? String } == ["075-0123", "075-0125"])
        #expect(rows.first?["status"] as? String == "to_correct")
        #expect((rows.first?["age_days"] as? Int).map { (39...40).contains($0) } == true)
    }

    @Test func showListsWhatCouldNotBeReadInASalvagedMail() throws {
        let cli = try season()
        let note = "pièce jointe « releve-aout.pdf » incomplète (message tronqué) : à renvoyer"
        do {
            let store = try cli.store()
            try store.db.write { db in
                try db.execute(
                    sql: "UPDATE message SET salvage_notes = ? WHERE cooperative = '075-0123'",
                    arguments: [JSON.encode([note])])
            }
        }
        let r = try cli.run(["show", "075-0123"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(note), "\(r.stdout)")
    }

    @Test func showExplainsTheDifferenceBesideTheDeclaredFigures() throws {
        let cli = try season()
        let r = try cli.run(["show", "075-0123"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("diffère de \(Money(cents: 6_000).french) du solde attendu"), "\(r.stdout)")
        #expect(r.stdout.contains("= solde attendu sur le relevé"))
        #expect(r.stdout.contains(Money(cents: 129_456).french) && r.stdout.contains(Money(cents: 123_456).french))
        #expect(r.stdout.contains("« CRF Keller »"))
        #expect(r.stdout.contains("adresse de l'expéditeur enregistrée pour 075-0123"))
        #expect(r.stdout.contains("quitus") && r.stdout.contains("relevé de compte"))
        let json = try cli.run(["show", "75-123", "--json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let checks = try #require(root["checks"] as? [[String: Any]])
        #expect(
            checks.first { $0["rule"] as? String == "bank_statement_matches" }?["difference_cents"] as? Int == -6_000)
        #expect((root["documents"] as? [Any])?.count == 2)
        // Each signature place of the quitus, with its verdict and measure; none on the statement.
        let documents = try #require(root["documents"] as? [[String: Any]])
        let quitus = try #require(documents.first { $0["kind"] as? String == "quitus" })
        let places = try #require(quitus["signatures"] as? [[String: Any]])
        #expect(places.map { $0["place"] as? String } == ["mandataire", "parent", "teacher"])
        #expect(places.allSatisfy { $0["verdict"] as? String == "signed" && $0["measure"] as? Double == 0.8 })
        #expect(documents.first { $0["kind"] as? String == "bank_statement" }?["signatures"] == nil)
        #expect(r.stdout.contains("signature du parent d'élève élu : signé"), "\(r.stdout)")
    }

    @Test func approveWithFailedChecksIsRefusedWithoutForceThenRecorded() throws {
        let cli = try season()
        let refused = try cli.run(["approve", "075-0123"], input: "o\n")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--force --motif"), "\(refused.stderr)")
        let noReason = try cli.run(["approve", "075-0123", "--force"])
        #expect(noReason.status != 0 && noReason.stderr.contains("motif"))
        let forced = try cli.run(["approve", "075-0123", "--force", "--motif", "chèque de 60 € vérifié"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("validé par \(unixUser())"))
        let ok = try cli.run(["approve", "075-0124"])
        #expect(ok.status == 0, "\(ok.stderr)")

        let history = try cli.run(["history", "075-0123"])
        #expect(
            history.stdout.contains("validé par \(unixUser())") && history.stdout.contains("chèque de 60 € vérifié"),
            "\(history.stdout)")
        let json = try cli.run(["history", "075-0123", "--json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let entries = try #require(root["history"] as? [[String: Any]])
        #expect(entries.map { $0["action"] as? String } == ["approve"])
        #expect(entries.first?["actor"] as? String == unixUser())

        let status = try cli.run(["status", "--json"])
        let s = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect((s["by_status"] as? [String: Int])?["validated"] == 2)
        #expect(s["without_submission"] as? Int == 1)
        let text = try cli.run(["status"])
        #expect(text.stdout.contains("dont 1 sans aucun envoi"))
    }

    @Test func approveAsksForConfirmationOnATerminal() throws {
        let cli = try season()
        let no = try cli.runInTerminal(["approve", "075-0123"], input: "n\n")
        #expect(no.stdout.contains("Des contrôles ont échoué. Valider quand même ? [o/N]"), "\(no.stdout)")
        #expect(no.stdout.contains("Dossier non validé."))
        #expect(try cli.run(["history", "075-0123", "--json"]).stdout.contains("\"approve\"") == false)
        let yes = try cli.runInTerminal(["approve", "075-0123"], input: "o\n")
        #expect(yes.status == 0 && yes.stdout.contains("validé par \(unixUser())"), "\(yes.stdout)")
        let h = try cli.run(["history", "075-0123"]).stdout
        #expect(h.contains("validé par \(unixUser())"))
    }

    @Test func coloursOnlyOnATerminalWithoutNoColor() throws {
        let cli = try season()
        let coloured = try cli.runInTerminal(["review"], input: "", colours: true)
        #expect(coloured.stdout.contains("\u{1B}[") && coloured.stdout.contains("075-0123"), "\(coloured.stdout)")
        let plain = try cli.runInTerminal(["review"], input: "", colours: false)
        #expect(!plain.stdout.contains("\u{1B}[") && plain.stdout.contains("075-0123"))
    }

    @Test func usageErrorsAreInFrench() throws {
        let cli = try CLI()
        let missing = try cli.run(["reassign", "12"])
        #expect(missing.status == 64)
        #expect(missing.stderr.hasPrefix("Erreur : argument manquant"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("Missing expected") && !missing.stderr.contains("See '"))
        let value = try cli.run(["review", "--tri", "hasard"])
        #expect(value.stderr.contains("n'est pas valable pour --tri"), "\(value.stderr)")
    }

    @Test func rejectNeedsAMotif() throws {
        let cli = try season()
        let missing = try cli.run(["reject", "075-0125"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("motif est obligatoire"), "\(missing.stderr)")
        let done = try cli.run(["reject", "075-0125", "--motif", "Il manque le relevé d'août."])
        #expect(done.status == 0 && done.stdout.contains("rejeté par \(unixUser())"))
        let note = try cli.run(["note", "075-0125", "relance par téléphone"])
        #expect(note.status == 0)
        let h = try cli.run(["history", "075-0125"]).stdout
        #expect(h.contains("rejeté par \(unixUser()) — motif : Il manque le relevé d'août."))
        #expect(h.contains("note par \(unixUser()) : relance par téléphone"))
    }

    @Test func anUnknownCoopSuggestsTheClosestOnes() throws {
        let cli = try season()
        let r = try cli.run(["show", "075-0126"])
        #expect(r.status != 0)
        #expect(
            r.stderr.contains("inconnue") && r.stderr.contains("Vouliez-vous dire") && r.stderr.contains("075-0125"),
            "\(r.stderr)")
        let name = try cli.run(["approve", "voltiare"])
        #expect(name.stderr.contains("075-0124 (École Voltaire)"), "\(name.stderr)")
    }

    @Test func reassignMovesADocumentBetweenDossiers() throws {
        let cli = try season()
        let json = try cli.run(["show", "075-0124", "--json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let docs = try #require(root["documents"] as? [[String: Any]])
        let statement = try #require(docs.first { $0["kind"] as? String == "bank_statement" })
        let id = try #require(statement["id"] as? Int)
        let sha = try #require(statement["sha256"] as? String)
        let r = try cli.run(["reassign", String(sha.prefix(10)), "--coop", "075-0125"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Pièce n° \(id)") && r.stdout.contains("075-0125"))
        let show = try cli.run(["show", "075-0125"]).stdout
        #expect(show.contains("réaffecté par \(unixUser())"), "\(show)")
        let queue = try cli.run(["review", "--statut", "incomplet"]).stdout
        #expect(queue.contains("075-0124") && !queue.contains("075-0125"), "\(queue)")

        let open = try cli.run(["open", "pièce:\(id)"], env: ["DISPLAY": "", "WAYLAND_DISPLAY": ""])
        #expect(open.status == 0, "\(open.stderr)")
        let path = open.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(path.hasSuffix(".pdf"))
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_mode & 0o777 == 0o600)
        #expect(stat((path as NSString).deletingLastPathComponent, &st) == 0 && st.st_mode & 0o777 == 0o700)
        #expect(FileManager.default.contents(atPath: path) == Data("releve 075-0124 100000".utf8))
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
}

@Suite(.serialized) struct ReviewPageTests {
    @Test func reviewShowsAPageAndSaysHowManyMore() throws {
        let cli = try season()
        let r = try cli.run(["review", "--exercise", "2020-2021", "--limite", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.filter { $0.hasPrefix("075-") }.map { String($0.prefix(8)) } == ["075-0123", "075-0125"],
            "\(r.stdout)")
        #expect(r.stdout.contains("… et 1 autres, --tous pour tout voir"), "\(r.stdout)")
        let all = try cli.run(["review", "--exercise", "2020-2021", "--limite", "2", "--tous"])
        #expect(all.stdout.split(separator: "\n").filter { $0.hasPrefix("075-") }.count == 3, "\(all.stdout)")
        #expect(!all.stdout.contains("autres, --tous"))
    }
}
