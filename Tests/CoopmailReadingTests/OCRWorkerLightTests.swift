import Foundation
import Testing

@testable import CoopmailReading

/// The worker evens out the light of a page with a shadow's edge across it as it loads it, so that the first reading
/// of a shadowed phone photo is already a flat one (`light` request, LIGHT_STEP_MARGIN in page_loader.h), and leaves
/// alone the corpus's phone photos, lit by a lamp's gentle gradient, whose commas flattening may turn into dots.
@Suite(.serialized) struct OCRWorkerLightTests {
    /// Seeds and layouts of the generated photos: others than those the margin was measured on.
    static let cases: [(seed: Int, layout: String)] = [
        (41, "debitcredit"), (52, "signed"), (63, "opval"), (74, "debitcredit"),
    ]

    /// The worker's `light` answer for the photo at `path`, and its `flat` reading when it was evened out as loaded.
    static func light(_ worker: OCRWorker, _ path: String) async -> (WorkerAnswer?, WorkerAnswer?) {
        let timeout = OCRWorkerProtocolTests.timeout
        guard case .page? = await worker.request("page 1 0 \(path)", timeout: timeout) else { return (nil, nil) }
        let light = await worker.request("light", timeout: timeout)
        guard case .light(_, _, true)? = light else { return (light, nil) }
        return (light, await worker.request("ocr 0 flat", timeout: timeout))
    }

    @Test func shadowedPhotosAreEvenedOutAndLampLitOnesAreNot() async throws {
        let worker = try await OCRWorkerProtocolTests.start()
        defer { worker.stop() }
        for (seed, layout) in Self.cases {
            let dir = try RenderedStatementTests.scratch()
            defer { try? FileManager.default.removeItem(at: dir) }
            let (shadowed, _) = try ShadowedPhotoStatementTests.shadowed(
                seed: seed, layout: layout, period: "aug", in: dir)
            let (light, flat) = await Self.light(worker, shadowed.path)
            guard case .light(let spread, let step, let evened)? = light else {
                Issue.record("graine \(seed) : pas de mesure de lumière (\(String(describing: light)))")
                continue
            }
            #expect(evened, "graine \(seed) \(layout), photo avec ombre : écart \(spread), marche \(step)")
            // Read flat from the start: its flat reading is the page in its light as loaded, still a text.
            guard case .textBody? = flat else {
                Issue.record("graine \(seed) : pas de lecture dans l'autre lumière (\(String(describing: flat)))")
                continue
            }
            let (plain, _) = try ScannedStatementTests.generated(seed: seed, form: "photo", layout: layout, in: dir)
            let (plainLight, _) = await Self.light(worker, plain.path)
            guard case .light(let plainSpread, let plainStep, let plainEvened)? = plainLight else {
                Issue.record("graine \(seed) : pas de mesure de lumière sur la photo du corpus")
                continue
            }
            #expect(
                !plainEvened, "graine \(seed) \(layout), photo du corpus : écart \(plainSpread), marche \(plainStep)")
            print("graine \(seed) \(layout) : marche \(step) avec ombre, \(plainStep) sans")
        }
        #expect(worker.isAlive)
    }
}
