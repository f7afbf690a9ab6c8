import Foundation
import Testing

/// Issue #12's safer defaults: what a staff member typing by hand meets.
@Suite(.serialized) struct SaferDefaultsTests {
    @Test func readOnlyCommandsNeverCreateAMissingDataFolder() throws {
        let cli = try CLI()
        let missing = cli.root.appendingPathComponent("mistyped").path
        for args in [
            ["review"], ["show", "075-0123"], ["status"], ["history", "075-0123"], ["export", "--format", "json"],
            ["approve", "075-0123"], ["note", "075-0123", "vu"],
        ] {
            let p = Process()
            p.executableURL = binary
            p.arguments = args + ["--data-dir", missing]
            let err = Pipe()
            p.standardError = err
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 1, "\(args): \(text)")
            #expect(text.contains("aucun dossier de données coopmail"), "\(args): \(text)")
            #expect(!FileManager.default.fileExists(atPath: missing), "\(args) created \(missing)")
        }
    }

    @Test func typosAndUnquotedMotifsAreExplainedWithExitCode64() throws {
        let cli = try season()
        let typo = try cli.run(["reveiw"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("Vouliez-vous dire « coopmail review » ?"), "\(typo.stderr)")
        let approve = try cli.run(["aprove", "075-0124"])
        #expect(approve.status == 64 && approve.stderr.contains("« coopmail approve »"), "\(approve.stderr)")
        let motif = try cli.run(["reject", "075-0123", "--motif", "relevé", "manquant"])
        #expect(motif.status == 64)
        #expect(motif.stderr.contains("entre guillemets"), "\(motif.stderr)")
        #expect(try cli.run(["review", "--statut", "bizarre"]).status == 64)
        #expect(try cli.run(["review", "--exercice", "2020-2023"]).status == 64)
    }

    @Test func helpAndErrorsAreInFrench() throws {
        let cli = try season()
        for args in [
            ["--help"], ["review", "--help"], ["export", "--help"], ["reject", "--help"], ["review", "--inconnue"],
        ] {
            let r = try cli.run(args)
            let text = r.stdout + r.stderr
            for english in [
                "Show help information", "USAGE:", "OPTIONS:", "SUBCOMMANDS:", "Unexpected argument", "Unknown option",
                "(default:", "See '",
            ] {
                #expect(!text.contains(english), "\(args) prints « \(english) »: \(text)")
            }
        }
    }

    @Test func shortExercisesAreAcceptedEverywhereAndEmptyOnesAreSaid() throws {
        let cli = try season()
        let review = try cli.run(["review", "--exercice", "2020-21"])
        #expect(review.status == 0, "\(review.stderr)")
        #expect(review.stdout.contains("075-0123"))
        let export = try cli.run(["export", "--format", "json", "--exercice", "2020-21"])
        #expect(
            export.status == 0 && export.stdout.contains("\"exercise\" : \"2020-2021\""),
            "\(export.stdout.prefix(300)) \(export.stderr)")
        let empty = try cli.run(["review", "--exercice", "2019-2020"])
        #expect(
            empty.stderr.contains("l'exercice 2019-2020 ne contient aucun envoi (exercices enregistrés : 2020-2021)"),
            "\(empty.stderr)")
    }

    @Test func aRefusedConfirmationExitsNonZero() throws {
        let cli = try season()
        let no = try cli.runInTerminal(["approve", "075-0123"], input: "n\n")
        #expect(no.stdout.contains("Dossier non validé."))
        #expect(no.status != 0)
    }

    @Test func theStaffMembersNameIsRecordedNotTheSharedLogin() throws {
        let cli = try season()
        #expect(try cli.run(["note", "075-0125", "appelé l'école", "--par", "Claire D."]).status == 0)
        #expect(try cli.run(["approve", "075-0124"], env: ["COOPMAIL_STAFF": "Samir B."]).status == 0)
        let notes = try cli.run(["history", "075-0125"]).stdout
        #expect(notes.contains("Claire D."), "\(notes)")
        let approved = try cli.run(["history", "075-0124"]).stdout
        #expect(approved.contains("validé par Samir B."), "\(approved)")
    }

    @Test func theCSVExportCarriesTheDossierForEachDocument() throws {
        let cli = try season()
        let r = try cli.run(["export", "--format", "csv", "--exercice", "2020-2021"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("\u{FEFF}"))
        let rows = r.stdout.components(separatedBy: "\r\n").filter { $0.hasPrefix("<") || $0.contains("075-") }
        let keller = rows.filter { $0.contains(";075-0123;") }
        #expect(
            !keller.isEmpty && keller.allSatisfy { $0.contains("Keller") && $0.contains(";à corriger;") }, "\(rows)")
        #expect(keller.contains { $0.contains(";relevé de compte;") && $0.contains(";1234,56;") }, "\(keller)")
        let batignolles = rows.filter { $0.contains(";075-0125;") }
        #expect(!batignolles.isEmpty && batignolles.allSatisfy { $0.contains(";incomplet;") }, "\(batignolles)")
    }

    /// A dossier whose declared figures were never imported: its balance rules cannot be checked.
    @Test func uncheckedIsNotClean() throws {
        let cli = try season()
        let registry = try cli.file(
            "registre-2.csv",
            """
            numero;ecole;commune;mandataire;email;iban
            075-0126;École Sans Déclaration;Paris 12e;Inès;ines@ecole.test;FR76 3000 6000 0112 3456 7890 189

            """)
        #expect(try cli.run(["coops", "import", registry]).status == 0)
        try cli.store().submission(
            coop: "075-0126", receivedAt: Date(timeIntervalSinceNow: -3 * 86_400), subject: "CRF",
            statementCents: 50_000)
        let review = try cli.run(["review", "--exercice", "2020-2021"], env: ["COLUMNS": "200"])
        let line = review.stdout.split(separator: "\n").first { $0.hasPrefix("075-0126") } ?? ""
        #expect(line.contains("non vérifié"), "\(review.stdout)")
        #expect(!line.hasSuffix("aucun"))
        let problems = try cli.run(["review", "--exercice", "2020-2021", "--problemes"])
        #expect(problems.stdout.contains("075-0126"), "--problemes keeps unchecked dossiers: \(problems.stdout)")
        let show = try cli.run(["show", "075-0126", "--exercice", "2020-2021"])
        #expect(show.stdout.contains("[non vérifié]"), "\(show.stdout)")
        // Approving asks, as for a failed check; without a terminal it needs --force --motif.
        let refused = try cli.run(["approve", "075-0126", "--exercice", "2020-2021"])
        #expect(refused.status != 0 && refused.stderr.contains("n'ont pas pu être faits"), "\(refused.stderr)")
        let asked = try cli.runInTerminal(["approve", "075-0126", "--exercice", "2020-2021"], input: "n\n")
        #expect(asked.stdout.contains("non vérifié") && asked.stdout.contains("Valider quand même"), "\(asked.stdout)")
        #expect(asked.status != 0)
        let forced = try cli.run([
            "approve", "075-0126", "--exercice", "2020-2021", "--force", "--motif", "déclaration vue par téléphone",
        ])
        #expect(forced.status == 0, "\(forced.stderr)")
    }
}
