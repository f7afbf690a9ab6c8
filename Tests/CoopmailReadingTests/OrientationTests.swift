import CoopmailTestSupport
import Foundation
import Testing

@testable import CoopmailReading

@Suite struct OrientationHintTests {
    @Test func theStrongerAxisDecides() {
        #expect(OrientationHint.rotation(up: 14.05, left: 1.10) == 0)
        #expect(OrientationHint.rotation(up: -9.1, left: -1.25) == 180)
        #expect(OrientationHint.rotation(up: 1.50, left: -18.42) == 270)
        #expect(OrientationHint.rotation(up: -1.34, left: 8.4) == 90)
    }

    /// leptonica's decision (pixOrientDecision's defaults: 8.0, ratio 2.5), not a threshold fitted to one fixture:
    /// the upside-down statement that measured -3.65 and a sideways page at 4.17 get no guess and go through OSD.
    @Test func leptonicasRuleNotAFixturesThreshold() {
        #expect(OrientationHint.rotation(up: -3.65, left: -1.25) == nil)
        #expect(OrientationHint.rotation(up: -1.34, left: 4.17) == nil)
        // Both axes strong: no guess either.
        #expect(OrientationHint.rotation(up: 12, left: -6) == nil)
        #expect(OrientationHint.rotation(up: .nan, left: 20) == nil)
    }

    @Test func weakMeasuresGiveNoGuess() {
        #expect(OrientationHint.rotation(up: 0.09, left: 1.24) == nil)
        #expect(OrientationHint.rotation(up: -2.69, left: -1.89) == nil)
        #expect(OrientationHint.rotation(up: 0, left: 0) == nil)
    }
}

@Suite struct ExifOrientationTests {
    @Test func phonePhotosCarryTheirOrientation() throws {
        #expect(ExifOrientation.value(in: try Fixtures.bytes("photo-quitus-0456.jpg")) == 6)
        #expect(ExifOrientation.value(in: try Fixtures.bytes("photo-releve-2021-08-0123.jpg")) == 3)
        #expect(ExifOrientation.value(in: try Fixtures.bytes("scan-quitus-0123-rot90.jpg")) == 1)
        #expect(ExifOrientation.value(in: try Fixtures.bytes("scan-releve-2021-09-0456.png")) == 1)
    }

    /// A JPEG holding only an APP1 segment with `tiff` (header, one directory entry for tag 0x0112).
    static func jpeg(_ tiff: [UInt8]) -> [UInt8] {
        let body = Array("Exif".utf8) + [0, 0] + tiff
        let length = body.count + 2
        return [0xFF, 0xD8, 0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + body + [0xFF, 0xD9]
    }

    @Test func bothByteOrdersAreRead() {
        let bigEndian: [UInt8] = Array("MM".utf8) + [0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 8, 0, 0]
        let littleEndian: [UInt8] =
            Array("II".utf8) + [42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]
        #expect(ExifOrientation.value(in: Self.jpeg(bigEndian)) == 8)
        #expect(ExifOrientation.value(in: Self.jpeg(littleEndian)) == 6)
    }

    @Test func brokenOrMissingMetadataMeansUpright() {
        #expect(ExifOrientation.value(in: []) == 1)
        #expect(ExifOrientation.value(in: [0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 0x45]) == 1)
        #expect(ExifOrientation.value(in: Self.jpeg(Array("MM".utf8) + [0, 42, 0, 0, 0x7F, 0xFF])) == 1)
        // An orientation outside 1...8.
        let odd: [UInt8] = Array("MM".utf8) + [0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 9, 0, 0]
        #expect(ExifOrientation.value(in: Self.jpeg(odd)) == 1)
    }
}

@Suite struct WorkerAnswerTests {
    @Test func protocolLinesAreParsed() {
        #expect(WorkerAnswer(header: "ready 1") == .ready(osd: true))
        #expect(WorkerAnswer(header: "ready 0") == .ready(osd: false))
        #expect(WorkerAnswer(header: "page 2406 3400") == .page(width: 2406, height: 3400))
        #expect(WorkerAnswer(header: "osd 270 17.71") == .orientation(rotate: 270, confidence: 17.71))
        #expect(WorkerAnswer(header: "orient -3.65 1.25") == .orientationMeasures(up: -3.65, left: 1.25))
        #expect(WorkerAnswer(header: "text 12") == .text(count: 12))
        #expect(WorkerAnswer(header: "error image too large") == .refused("image too large"))
    }

    @Test func otherLinesAreNotAnswers() {
        for line in ["", "garbage", "text -1", "text", "page 12", "osd up 3", "ready", "Estimating resolution as 300"] {
            #expect(WorkerAnswer(header: line) == nil, "\(line)")
        }
    }
}

/// The order in which ``PageOCR`` tries rotations, on a stand-in page (no OCR).
@Suite struct PageOCRTests {
    static let french = "Le relevé de compte de la coopérative : le solde du compte pour la banque et les écritures"
    static let garbage = "xq zz kk wv"

    final class StandInPage: PageRecognizer, @unchecked Sendable {
        let hint: Int?
        let detected: Int?
        let texts: [Int: String]
        private let lock = NSLock()
        private var log: [String] = []

        init(hint: Int?, detected: Int?, texts: [Int: String]) {
            self.hint = hint
            self.detected = detected
            self.texts = texts
        }

        var calls: [String] { lock.withLock { log } }
        var osdAvailable: Bool { true }
        func orientationHint() async -> Int? { hint }
        func orientation() async -> Int? {
            lock.withLock { log.append("osd") }
            return detected
        }
        func recognise(rotation: Int) async -> String? {
            lock.withLock { log.append("ocr \(rotation)") }
            return texts[rotation]
        }
    }

    @Test func aGoodGuessReadsARotatedPageOnce() async {
        let page = StandInPage(hint: 180, detected: 180, texts: [0: Self.garbage, 180: Self.french])
        #expect(await PageOCR.read(page)?.rotation == 180)
        #expect(page.calls == ["ocr 180"])
    }

    @Test func aWrongGuessFallsBackToThePageAsItIs() async {
        let page = StandInPage(hint: 90, detected: nil, texts: [0: Self.french, 90: Self.garbage])
        #expect(await PageOCR.read(page)?.rotation == 0)
        #expect(page.calls == ["ocr 90", "ocr 0"])
    }

    @Test func withoutAGuessTesseractsOrientationComesNext() async {
        let page = StandInPage(hint: nil, detected: 270, texts: [0: Self.garbage, 270: Self.french])
        #expect(await PageOCR.read(page)?.rotation == 270)
        #expect(page.calls == ["ocr 0", "osd", "ocr 270"])
    }

    /// What tesseract makes of a statement page read upside down, drawn from a seed: each line reversed, its letters
    /// a salad of capitals, its digits read as the shapes they make turned over (`21` → `Le` or `Lz`, `3` → `E`…).
    /// The `dd/mm/yy` dates of every row then give the same few « words » over and over.
    static func upsideDown(_ text: String, seed: UInt64) -> String {
        var rng = SeededGenerator(seed: seed)
        let turned: [Character: [String]] = [
            "0": ["0"], "1": ["L", "l", "I"], "2": ["z", "e", "Z"], "3": ["E", "€"], "4": ["h"], "5": ["S"],
            "6": ["9"], "7": ["L"], "8": ["8"], "9": ["6"], ",": ["'", "‘"], "/": ["/"],
        ]
        let salad = Array("HIALNZSVOQXWYJK")
        return text.split(separator: "\n").reversed().map { line in
            String(
                line.reversed().map { ch -> String in
                    if let options = turned[ch] { return options.randomElement(using: &rng)! }
                    if ch.isLetter { return String(salad.randomElement(using: &rng)!) }
                    return String(ch)
                }.joined())
        }.joined(separator: "\n")
    }

    /// A statement with `yy` dates as OCR reads it upright and upside down.
    static func statementPage(seed: UInt64) -> String {
        let s = OCRStatementText(seed: seed)
        return s.text().replacingOccurrences(of: "/2021", with: "/21")
    }

    /// An upside-down page whose reading at 0° is full of one repeated « word » (`Le` from `21`) is not taken as
    /// read: tesseract's orientation (180) is tried next and wins. Upright pages still stop at their first reading.
    @Test(arguments: Array(UInt64(1)...12)) func aRepeatedTokenIsNotFrench(seed: UInt64) async {
        let upright = Self.statementPage(seed: seed)
        var turned = Self.upsideDown(upright, seed: seed)
        // However the seed fell, the turned page shows the repeated word as often as an upright page shows words.
        while TextQuality.dictionaryHits(turned) < PageOCR.readsWell { turned += "\nLe/80/Le  Le/80/LE" }
        let page = StandInPage(hint: nil, detected: 180, texts: [0: turned, 180: upright])
        #expect(await PageOCR.read(page)?.rotation == 180, "graine \(seed)\n\(turned)")
        #expect(page.calls == ["ocr 0", "osd", "ocr 180"])
        let straight = StandInPage(hint: nil, detected: 0, texts: [0: upright, 180: turned])
        #expect(await PageOCR.read(straight)?.rotation == 0)
        #expect(straight.calls == ["ocr 0"], "graine \(seed)\n\(upright)")
    }

    @Test func nothingReadsWellSoEachRotationIsReadOnceAndTheBestKept() async {
        let page = StandInPage(
            hint: 0, detected: 0, texts: [0: Self.garbage, 90: "solde compte", 180: Self.garbage, 270: Self.garbage])
        #expect(await PageOCR.read(page)?.rotation == 90)
        #expect(page.calls == ["ocr 0", "osd", "ocr 90", "ocr 180", "ocr 270"])
    }
}
