import Foundation
import Testing

@testable import CoopmailReading

/// The worker's `zone <rotation> <x> <y> <w> <h>` request (one rectangle of the loaded page read as one line,
/// tesseract psm 7): a doubtful amount read again on its own (DocumentReader+AmountRereading.swift).
@Suite struct OCRWorkerZoneTests {
    @Test func readsOneAmountCutOutOfThePage() async throws {
        let worker = try await OCRWorkerProtocolTests.start()
        defer { worker.stop() }
        let timeout = OCRWorkerProtocolTests.timeout
        let page = OCRWorkerProtocolTests.path("scan-releve-2021-09-0456.png")
        #expect(await worker.request("page 1 3400 \(page)", timeout: timeout) == .page(width: 2406, height: 3400))
        guard case .textBody(let tsv)? = await worker.request("ocr 0", timeout: timeout) else {
            Issue.record("pas de texte")
            return
        }
        // Every amount of the page, cut out around its word box, reads as itself (the page was read as it is).
        let words = WordBox.fromTSV(tsv)
        let amounts = DocumentReader.amountBoxes(words)
        #expect(amounts.count >= 4)
        for (amount, box) in amounts {
            let others = words.filter { $0 != box }
            let z = DocumentReader.zone(around: box, among: others)
            guard
                case .textBody(let text)? = await worker.request(
                    "zone 0 \(z.x) \(z.y) \(z.width) \(z.height)", timeout: timeout)
            else {
                Issue.record("pas de texte pour \(box.text)")
                continue
            }
            #expect(DocumentReader.singleAmount(in: text) == amount, "\(box.text) relu « \(text) »")
        }
        // Malformed or hostile requests are refused, and the worker goes on.
        for bad in [
            "zone 0 1 2 3", "zone 0 1 2 3 4 5", "zone 0 -1 2 30 30", "zone 0 1 2 0 30", "zone x 1 2 3 4",
            "zone 0 1 2 3 99999999999999999999", "zone 0 1 2 3 4x", "zone 0 1 2 30 20001",
        ] {
            #expect(await worker.request(bad, timeout: timeout) == .refused("bad request"), "\(bad)")
        }
        // A rectangle off the page, or a rotation that is not a quarter turn: nothing to read.
        #expect(await worker.request("zone 0 5000 5000 10 10", timeout: timeout) == .refused("no text"))
        #expect(await worker.request("zone 45 10 10 10 10", timeout: timeout) == .refused("no text"))
        // The page reading still answers after a zone.
        guard case .textBody? = await worker.request("ocr 0", timeout: timeout) else {
            Issue.record("pas de texte")
            return
        }
        #expect(worker.isAlive)
    }
}
