import CoopmailStore
import Foundation
import Testing

@Suite("Horodatage ISO-8601")
struct TimestampTests {
    /// Timestamp.iso and parse used to build an ISO8601DateFormatter per call; the faster forms must give the same results.
    @Test func isoAndParseAgreeWithISO8601DateFormatter() {
        let reference = ISO8601DateFormatter()
        reference.formatOptions = [.withInternetDateTime]
        var random = SystemRandomNumberGenerator()
        let fixed: [TimeInterval] = [
            0, -1, 0.9995, 59.9999, 1_000_000_000, 1_795_770_655.4996, 4_102_444_800, -2_208_988_800,
        ]
        let dates = (fixed + (0..<20_000).map { _ in Double.random(in: -3e9...5e9, using: &random) })
            .map(Date.init(timeIntervalSince1970:))
        for date in dates {
            #expect(Timestamp.iso(date) == reference.string(from: date), "\(date.timeIntervalSince1970)")
        }
        for date in dates.prefix(5_000) {
            let text = reference.string(from: date)
            #expect(Timestamp.parse(text) == reference.date(from: text), "\(text)")
        }
        for text in [
            "2026-11-27T09:10:55+01:00", "2026-11-27T09:10:55.250Z", "2026-13-27T09:10:55Z", "2026-11-27 09:10:55Z", "",
        ] {
            #expect(Timestamp.parse(text) == reference.date(from: text), "\(text)")
        }
        #expect(Timestamp.iso(Date(timeIntervalSince1970: 1_795_770_655)) == "2026-11-27T09:10:55Z")
        #expect(
            Timestamp.parse(Timestamp.iso(Date(timeIntervalSince1970: 1_795_770_655)))
                == Date(timeIntervalSince1970: 1_795_770_655))
    }
}
