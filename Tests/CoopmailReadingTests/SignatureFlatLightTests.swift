import CoopmailDomain
import Foundation
import Testing

@testable import CoopmailReading

/// How the second look at a quitus photo's places (its words read again with the light evened out) is merged with
/// the first (``SignatureInspector/merged(_:_:)``): what the first could not tell is taken from the second, what the
/// first decided stays unless the second decides otherwise, and then neither is trusted.
@Suite struct SignatureFlatLightTests {
    func inspection(_ verdicts: [SignatureVerdict?], shift: Int = 0) -> SignatureInspector.Inspection {
        var regions: [PlaceRegion] = []
        var readings: [SignatureReading] = []
        for (k, place) in SignaturePlace.allCases.enumerated() {
            guard let v = verdicts[k] else {
                readings.append(SignatureReading(place: place, verdict: .unreadable, measure: 0))
                continue
            }
            let r = PlaceRegion(place: place, x0: 100 * k + shift, y0: 10, x1: 100 * k + 90 + shift, y1: 80)
            regions.append(r)
            readings.append(
                SignatureReading(
                    place: place, verdict: v, measure: v == .signed ? 0.5 : 0.1,
                    box: PlaceBox(x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1)))
        }
        return SignatureInspector.Inspection(
            image: GrayImage(width: 4, height: 4, pixels: [UInt8](repeating: 255, count: 16)), words: [],
            regions: regions, readings: readings)
    }

    @Test func undecidedPlacesTakeTheSecondLook() {
        // Mandataire signed in both; parent not found first, empty second; teacher doubtful first, signed second.
        let out = SignatureInspector.merged(
            inspection([.signed, nil, .unreadable]), inspection([.signed, .empty, .signed], shift: 5))
        #expect(out.readings.map(\.verdict) == [.signed, .empty, .signed])
        #expect(out.regions.first { $0.place == .parent }?.x0 == 105)
        #expect(out.regions.first { $0.place == .teacher }?.x0 == 205)
        #expect(out.regions.first { $0.place == .mandataire }?.x0 == 0)
        #expect(out.regions.count == 3)
    }

    @Test func decidedPlacesStayOrBecomeDoubtful() {
        // The second cannot tell: the first stays; the second decides otherwise: neither is trusted.
        let out = SignatureInspector.merged(
            inspection([.empty, .signed, .unreadable]), inspection([.unreadable, .empty, nil]))
        #expect(out.readings.map(\.verdict) == [.empty, .unreadable, .unreadable])
        // An empty place never becomes signed by the second look.
        let again = SignatureInspector.merged(
            inspection([.empty, .empty, .empty]), inspection([.signed, .signed, .signed]))
        #expect(again.readings.allSatisfy { $0.verdict != .signed })
    }
}
