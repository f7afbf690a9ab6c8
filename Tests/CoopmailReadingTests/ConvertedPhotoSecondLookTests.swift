import CoopmailDomain
import Foundation
import Testing

@testable import CoopmailReading

/// A photo ImageMagick converts before OCR (an iPhone's HEIC, a copier's TIFF, WebP) gets the same second looks as a
/// JPEG or a PNG, which the worker loads itself: its page is converted again for the block, flat and amount readings.
/// Before, those looks returned nothing for such a page (`withPageAgain` knew PDFs, JPEG and PNG only), and an iPhone
/// photo of a statement whose first reading lost the débit column kept no balance at 31/08 (make-client-mails.py seed
/// 41, `0059-iphone-heic.eml`).
@Suite(.serialized) struct ConvertedPhotoSecondLookTests {
    /// Shadowed photos (scripts/make-photo-variants.py): their first reading seldom adds up, a second look mostly does.
    static let cases: [(seed: Int, layout: String, period: String)] = [
        (3, "debitcredit", "straddle"), (10, "signed", "sep"), (17, "opval", "aug"), (31, "signed", "straddle"),
    ]

    /// Each second look at a converted page reads it: block, flat, and one amount cut out of it (TIFF, WebP; a HEIC
    /// page takes the same path, `convertedAgain`, and its encoder is too slow to run beside the whole suite:
    /// `PhoneFormatTests.heicPhotoIsRead` already makes one).
    @Test(arguments: ["tiff", "webp"])
    func aConvertedPageIsReadAgain(format: String) async throws {
        let dir = try RenderedStatementTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (jpeg, _) = try ShadowedPhotoStatementTests.shadowed(seed: 3, layout: "signed", period: "aug", in: dir)
        let converted = dir.appendingPathComponent("photo." + format)
        // A phone's usual size, and time to spare on a loaded machine.
        let made = await ToolRunner(timeout: .seconds(600)).run(
            "convert", ["jpeg:" + jpeg.path, "-resize", "1600x1600>", format + ":" + converted.path])
        try #require(made.succeeded)
        let bytes = [UInt8](try Data(contentsOf: converted))
        let reader = DocumentReader()
        let mediaType = try #require(MediaTypeSniffer.shared.mediaType(of: bytes))
        #expect(mediaType == "image/" + format)
        let document = await reader.read(bytes, mediaType: mediaType)
        let page = try #require(document.pages.first { $0.source == .ocr })
        let scratch = try ScratchDirectory(base: dir.path)
        defer { scratch.remove() }
        let block = await reader.straightBlockReading(
            bytes, mediaType: document.mediaType, page: page, scratch: scratch)
        #expect(TextQuality.wordCount(block?.text ?? "") > 20, "\(format) : pas de lecture en bloc")
        let flat = await reader.readingAgain(
            bytes, mediaType: document.mediaType, page: page, scratch: scratch, layout: .flat)
        #expect(TextQuality.wordCount(flat ?? "") > 20, "\(format) : pas de lecture à lumière égalisée")
        // An amount of the first reading, read again on its own where the first reading's word boxes place it: the
        // page converted again is the same raster.
        let words = DocumentReader.PageWords([page])
        let amount = try #require(words.amounts.first?.first { $0.amount.cents >= 1_000 })
        let site = AmountDoubt.Site(page: 1, read: amount.amount)
        let again = await reader.readAgain(
            [.slip(site)], bytes, document: document, pages: [page], scratch: scratch)
        #expect(
            again[.slip(site)] == amount.amount, "\(format) : \(amount.amount.french) relu \(String(describing: again))"
        )
    }

    @Test func aTIFFPhotoIsLookedAtAgainAsAJPEGIs() async throws {
        var exactJPEG = 0
        var exactTIFF = 0
        for (seed, layout, period) in Self.cases {
            let dir = try RenderedStatementTests.scratch()
            defer { try? FileManager.default.removeItem(at: dir) }
            let (jpeg, label) = try ShadowedPhotoStatementTests.shadowed(
                seed: seed, layout: layout, period: period, in: dir)
            let tiff = dir.appendingPathComponent("photo.tif")
            let made = await ToolRunner(timeout: .seconds(600)).run(
                "convert", ["jpeg:" + jpeg.path, "tiff:" + tiff.path])
            try #require(made.succeeded)
            let tag = "graine \(seed) \(layout) \(period)"
            let (fromJPEG, cents) = try await ShadowedPhotoStatementTests.checkedBalance(
                jpeg, label: label, tag: tag + " (JPEG)")
            let (fromTIFF, _) = try await ShadowedPhotoStatementTests.checkedBalance(
                tiff, label: label, tag: tag + " (TIFF)")
            if fromJPEG != nil && fromJPEG == cents { exactJPEG += 1 }
            if fromTIFF != nil && fromTIFF == cents { exactTIFF += 1 }
            print(
                "\(tag) : JPEG \(String(describing: fromJPEG)), TIFF \(String(describing: fromTIFF)), attendu \(String(describing: cents))"
            )
        }
        // The same pixels, the same looks: the TIFF gives (nearly) every balance the JPEG gives. One apart allows for
        // two decoders of one JPEG; without the second looks the TIFF gave about a third of them.
        #expect(exactJPEG >= 2)
        #expect(exactTIFF + 1 >= exactJPEG, "JPEG \(exactJPEG), TIFF \(exactTIFF)")
    }
}
