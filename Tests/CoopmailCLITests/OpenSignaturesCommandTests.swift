import CoopmailStore
import Foundation
import GRDB
import Testing

/// `coopmail open COOP --signatures` and `open PIECE --signatures` run as staff run them: a quitus whose elected
/// parent did not sign (Fixtures/quitus, text-layer PDF from scripts/make-quitus.py) is ingested and read by the
/// binary, then the command prints each place's verdict in French and writes one PNG of the three places side by
/// side into a private folder of the temporary directory.
@Suite(.serialized) struct OpenSignaturesCommandTests {
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// A mail from the mandataire of 075-0123 carrying `file` of Fixtures/quitus as a PDF attachment.
    static func mail(_ file: String, id: String) throws -> String {
        let bytes = try Data(contentsOf: repoRoot.appendingPathComponent("Fixtures/quitus/" + file))
        let body = bytes.base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
        return """
            From: claire.martin@ac-paris.fr
            To: ad75@occe.coop
            Subject: Quitus signé
            Date: Tue, 5 Oct 2021 10:00:00 +0200
            Message-ID: <\(id)@ac-paris.fr>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain; charset=utf-8

            Bonjour, voici le quitus.
            --b
            Content-Type: application/pdf
            Content-Disposition: attachment; filename="quitus.pdf"
            Content-Transfer-Encoding: base64

            \(body)
            --b--

            """
    }

    /// The PNG's width and height, from its IHDR chunk.
    static func size(_ png: [UInt8]) -> (width: Int, height: Int)? {
        guard png.count >= 24, Array(png.prefix(8)) == pngSignature else { return nil }
        func be(_ i: Int) -> Int { png[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be(16), be(20))
    }

    @Test func writesTheSheetOfTheStoredQuitusAndSaysEachVerdictInFrench() throws {
        let cli = try CLI()
        let registry = repoRoot.appendingPathComponent("Fixtures/documents/registry.csv").path
        #expect(try cli.run(["coops", "import", registry]).status == 0)
        let mail = try cli.file("quitus.eml", Self.mail("quitus-parent-manquant.pdf", id: "sig-open"))
        let ingest = try cli.run(["ingest", mail])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let store = try cli.store()
        let doc = try store.db.read {
            try Row.fetchOne($0, sql: "SELECT id, kind, cooperative FROM document WHERE kind = 'quitus'")
        }
        let id: Int64 = try #require(doc?["id"])
        #expect(doc?["cooperative"] == "075-0123")

        // The private temporary folder is made under TMPDIR: the test's own folder, without a graphical session.
        let env = ["TMPDIR": cli.root.path, "DISPLAY": "", "WAYLAND_DISPLAY": ""]
        for target in ["075-0123", "pièce:\(id)"] {
            let run = try cli.run(["open", target, "--signatures", "--exercise", "2020-2021"], env: env)
            #expect(run.status == 0, "\(target): \(run.stderr)")
            let lines = run.stdout.split(separator: "\n").map(String.init)
            // One line per place, in French, with its verdict and its measure (decimal comma), then the PNG's path.
            #expect(lines.count == 4, "\(run.stdout)")
            #expect(lines.first { $0.hasPrefix("Signature du mandataire : signé (mesure 0,") } != nil, "\(run.stdout)")
            #expect(lines.contains("Signature du parent d'élève élu : vide (mesure 0,00)"), "\(run.stdout)")
            #expect(
                lines.first { $0.hasPrefix("Signature de l'enseignant : signé (mesure 0,") } != nil, "\(run.stdout)")
            #expect(
                run.stderr.contains("Image des signatures du quitus (pièce n° \(id)) écrite ici :"), "\(run.stderr)")
            let path = try #require(lines.last)
            #expect(path.hasPrefix(cli.root.path + "/coopmail-") && path.hasSuffix("/signatures-\(id).png"), "\(path)")
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let png = try #require(FileManager.default.contents(atPath: path))
            let (w, h) = try #require(Self.size([UInt8](png)), "not a PNG: \(path)")
            // Three places of a 150 dpi A4 page side by side (each about 340 px wide), captioned: wider than tall,
            // wider than two places, no wider than the page itself with the margins of the montage.
            #expect(w > h, "\(w)×\(h)")
            #expect(w >= 3 * 300 && w <= 1240 + 6 * 12, "\(w)×\(h)")
            #expect(h >= 200 && h <= 600, "\(w)×\(h)")
        }

        // A document that is not a quitus, and a cooperative without any quitus: a French error, no image.
        let none = try cli.run(["open", "075-0456", "--signatures", "--exercise", "2020-2021"], env: env)
        #expect(none.status != 0)
        #expect(none.stderr.contains("075-0456"), "\(none.stderr)")
        #expect(!none.stdout.contains(".png"))
    }
}
