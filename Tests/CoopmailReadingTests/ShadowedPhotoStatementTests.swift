import CoopmailDomain
import Foundation
import Testing

@testable import CoopmailReading

/// Phone photos made another way than the corpus generator's (scripts/make-photo-variants.py): colour, warm paper, a
/// soft-edged shadow band across the page at 47–67 % of the light, a table around it. Tesseract binarises a page
/// with one global threshold, and in the shadow the text was lost or blackened: on 30 such mails the balance at 31/08
/// came out for 34 % of the statements. A statement whose first two readings do not reconcile is now read a third
/// time with its light evened out first (DocumentReader+SecondReading.swift, `flatReading`; worker request
/// `ocr <rotation> flat`); since a page whose light steps sharply (a shadow's edge) is evened out before its first
/// reading already (OCRWorkerLightTests), the third reading reads it in its light as loaded.
@Suite(.serialized) struct ShadowedPhotoStatementTests {
    static let cases: [(seed: Int, layout: String, period: String)] = [
        (3, "debitcredit", "straddle"), (10, "signed", "sep"), (17, "opval", "aug"), (24, "debitcredit", "aug"),
        (31, "signed", "straddle"), (38, "opval", "straddle"),
    ]

    /// One text-PDF statement of the corpus generator, photographed with a shadow by the variants script.
    static func shadowed(seed: Int, layout: String, period: String, in dir: URL) throws -> (URL, [String: Any]) {
        try photographed("shadow", seed: seed, layout: layout, period: period, in: dir)
    }

    /// One text-PDF statement of the corpus generator, photographed by the variants script as `variant` says (`tilt`:
    /// the sheet's turn in degrees for the `tilt` variant, drawn when nil).
    static func photographed(
        _ variant: String, seed: Int, layout: String, period: String, tilt: Double? = nil, in dir: URL
    ) throws -> (URL, [String: Any]) {
        let script = """
            import importlib.util, json, random, sys
            def load(name, path):
                spec = importlib.util.spec_from_file_location(name, path)
                m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m); return m
            corpus = load("corpus", sys.argv[1]); variants = load("variants", sys.argv[2])
            c = corpus.Corpus(sys.argv[3], int(sys.argv[4]), 30)
            (name, media, data), label = c.statement(c.coops[0], form="pdf", layout=sys.argv[5], period=sys.argv[6])
            tilt = float(sys.argv[9]) if len(sys.argv) > 9 else None
            photo = variants.photo(data, random.Random(int(sys.argv[4])), sys.argv[8], tilt)
            open(sys.argv[7], "wb").write(photo)
            print(json.dumps(label))
            """
        let out = dir.appendingPathComponent("photo.jpg")
        let scripts = RenderedStatementTests.root.appendingPathComponent("scripts")
        let label = try ScannedStatementTests.label(
            python: script,
            [
                scripts.appendingPathComponent("make-mail-corpus.py").path,
                scripts.appendingPathComponent("make-photo-variants.py").path, dir.path, String(seed), layout, period,
                out.path, variant,
            ] + (tilt.map { [String($0)] } ?? []))
        return (out, label)
    }

    /// Reads a photographed statement and expects its balance at 31/08, when one is given, to be the label's (amount
    /// and source): the balance given (nil: none), in cents, and the label's.
    static func checkedBalance(_ file: URL, label: [String: Any], tag: String) async throws -> (
        given: Int64?, expected: Int64?
    ) {
        let closing = try #require(CalendarDate(year: 2021, month: 8, day: 31))
        let (document, parts) = await DocumentReader().readParts(try [UInt8](Data(contentsOf: file)))
        let cents = (label["balance_0831_cents"] as? NSNumber)?.int64Value
        let source = label["balance_source"] as? String
        let b = parts.first { $0.kind == .bankStatement }?.statement?.balance(at: closing)
        if let b {
            #expect(
                b.amount.cents == cents && b.source.rawValue == source,
                "\(tag) : \(b) au lieu de \(String(describing: cents))\n\(document.text)")
        }
        return (b?.amount.cents, cents)
    }

    @Test func shadowedPhotosGiveTheirBalanceNeverAWrongOne() async throws {
        var exact = 0
        for (seed, layout, period) in Self.cases {
            let dir = try RenderedStatementTests.scratch()
            defer { try? FileManager.default.removeItem(at: dir) }
            let (file, label) = try Self.shadowed(seed: seed, layout: layout, period: period, in: dir)
            let (given, cents) = try await Self.checkedBalance(file, label: label, tag: "graine \(seed) \(layout)")
            if given != nil && given == cents { exact += 1 }
            print(
                "photo avec ombre, graine \(seed) \(layout) \(period) : \(given.map { "\($0)" } ?? "sans solde"), attendu \(cents.map { "\($0)" } ?? "aucun")"
            )
        }
        print("photos avec ombre : \(exact) soldes justes sur \(Self.cases.count)")
        // A loose floor, not fitted to these seeds: without the evened light about a third came out.
        #expect(2 * exact >= Self.cases.count)
    }
}
