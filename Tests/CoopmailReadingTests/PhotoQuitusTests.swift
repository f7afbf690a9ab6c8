import CoopmailDomain
import CoopmailTestSupport
import Foundation
import Testing

@testable import CoopmailReading

/// Phone photos of quitus pages as the mail corpus draws them (scripts/make-quitus-photos.py: the corpus's three page
/// styles and its photo form, each seed other cooperatives, figures, styles and angles), read through the real
/// ``DocumentReader``. Tesseract's single-column reading (psm 4) may drop the title, the « QUITUS » line and the
/// amount column of such a photo; the page then shows only the form's other words and is read again in block layout
/// (DocumentReader+QuitusSecondLook.swift). Every photo must come out as a quitus.
@Suite(.serialized) struct PhotoQuitusTests {
    /// The photos of one seed, generated afresh.
    static func photos(seed: Int, count: Int, detail: Bool = false, in dir: URL) throws -> [(URL, String)] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments =
            [
                Repository.root.appendingPathComponent("scripts/make-quitus-photos.py").path, dir.path,
                "--seed", String(seed), "--count", String(count),
            ] + (detail ? ["--detail"] : [])
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "make-quitus-photos.py --seed \(seed)")
        let labels = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("labels.json")))
                as? [String: [String: String]])
        return labels.keys.sorted().map { (dir.appendingPathComponent($0), labels[$0]?["style"] ?? "?") }
    }

    /// Such a loss is rare: over seeds 1-6 (8 photos each), one first reading was `other` (seed 6, photo-1, a
    /// Retkoop-like page), as were 1 of 6 quitus photos of the 60-mail corpus of seed 4. Seed 6 is kept for that
    /// photo; seed 3's read right the first time and must stay quitus.
    @Test(arguments: [3, 6])
    func quitusPhotosAreQuitus(_ seed: Int) async throws {
        let dir = try RenderedStatementTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (file, style) in try Self.photos(seed: seed, count: 4, in: dir) {
            let bytes = try [UInt8](Data(contentsOf: file))
            let (document, parts) = await DocumentReader().readParts(bytes)
            #expect(
                parts.map(\.kind) == [.quitus],
                "graine \(seed) \(file.lastPathComponent) (\(style)) : \(parts.map(\.kind))\n\(document.text)")
        }
    }

    /// A photographed CRF detail page speaks the form's words (compte rendu financier, mandataire, produits, charges,
    /// solde) without approving anything: its first reading asks for the second, and the second, not a quitus either,
    /// leaves it `other`.
    @Test(arguments: [2, 7])
    func detailPagePhotosStayOther(_ seed: Int) async throws {
        let dir = try RenderedStatementTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (file, _) in try Self.photos(seed: seed, count: 2, detail: true, in: dir) {
            let bytes = try [UInt8](Data(contentsOf: file))
            let (document, parts) = await DocumentReader().readParts(bytes)
            #expect(parts.map(\.kind) == [.other], "graine \(seed) \(file.lastPathComponent)\n\(document.text)")
            #expect(
                document.pages.allSatisfy { PageClassifier.showsQuitusForm($0.text) },
                "graine \(seed) \(file.lastPathComponent) : la seconde lecture n'a pas été demandée\n\(document.text)")
        }
    }

    /// The hint that asks for the second reading is not the decision: words of the form without « quitus » or
    /// « vérificateur » never make a quitus, and a statement or a letter that names a few of them stays what it is.
    @Test func theFormsWordsAloneNeverMakeAQuitus() {
        let form =
            "Compte rendu financier\nMandataire : Claire Martin\nParent élu\nTotal des produits 1 234,00\n"
            + "Total des charges 1 000,00\nSolde caisse 12,00\nSignature"
        #expect(PageClassifier.showsQuitusForm(form))
        #expect(PageClassifier.kind(of: form) == .other)
        let letter = "Madame, Monsieur,\nNous vous remercions pour votre courrier.\nCordialement"
        #expect(!PageClassifier.showsQuitusForm(letter))
    }
}
