import Foundation
import Testing

@testable import CoopmailReading

/// The worker's `ocr <rotation> block` request (tesseract psm 6), the second reading of a page that did not check.
@Suite struct OCRWorkerBlockTests {
    @Test func readsTheLoadedPageAsOneBlock() async throws {
        let worker = try await OCRWorkerProtocolTests.start()
        defer { worker.stop() }
        let timeout = OCRWorkerProtocolTests.timeout
        let page = OCRWorkerProtocolTests.path("scan-releve-2021-09-0456.png")
        #expect(await worker.request("page 1 3400 \(page)", timeout: timeout) == .page(width: 2406, height: 3400))
        guard case .textBody(let text)? = await worker.request("ocr 0 block", timeout: timeout) else {
            Issue.record("pas de texte")
            return
        }
        #expect(OCRLayout.pageText(text).contains("RELEVE DE COMPTE"))
        for bad in ["ocr 0 blocks", "ocr 0 block x", "ocr 0  block", "ocr block"] {
            #expect(await worker.request(bad, timeout: timeout) == .refused("bad request"), "\(bad)")
        }
        // The single-column reading still answers after a block one.
        guard case .textBody? = await worker.request("ocr 0", timeout: timeout) else {
            Issue.record("pas de texte")
            return
        }
        #expect(worker.isAlive)
    }
}
