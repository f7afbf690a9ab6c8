import CoopmailTestSupport
import Foundation
import Testing

@testable import CoopmailApp

/// The CSV export's fast paths give what the plain code gave: a field quoted or neutralised only when it must be,
/// and the Paris time read without a `DateFormatter`.
@Suite struct CSVFieldTests {
    /// The field as the export wrote it before its fast path (the reference).
    static func reference(_ s: String?) -> String {
        guard let s else { return "" }
        let safe = s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        let guarded = safe.first.map { "=+-@".contains($0) } == true ? "'" + safe : safe
        return guarded.contains(";") || guarded.contains("\"")
            ? "\"" + guarded.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : guarded
    }

    @Test(arguments: [UInt64(1), 2])
    func fieldsAreWrittenAsBefore(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let pieces = [
            "a", "é", " ", ";", "\"", "\r", "\n", "\r\n", "=", "+", "-", "@", "=\u{301}", "\u{301}", "😀", "'", ",",
            "\t",
            "\u{1B}[31m", "\u{202E}",
        ]
        #expect(Exporter.csvField(nil) == "")
        for _ in 0..<2_000 {
            let s = (0..<Int.random(in: 0...6, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }
                .joined()
            #expect(Exporter.csvField(s) == Self.reference(s), "\(s.debugDescription)")
        }
    }

    static func iso(_ t: Int64) -> String {
        Date(timeIntervalSince1970: Double(t)).formatted(Date.ISO8601FormatStyle())
    }

    @Test(arguments: [UInt64(3), 4])
    func parisTimeIsTheFormattersOnRandomInstants(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        var clock = ParisMinute()
        // 1996-01-01 to 2037-12-31, at random, then around each clock change (last Sundays of March and October, 01:00
        // UTC) to the minute.
        var instants = (0..<3_000).map { _ in Int64.random(in: 820_454_400...2_145_916_799, using: &rng) }
        for year in 1996...2037 {
            for month in [3, 10] {
                var day = ParisMinute.days(year: Int64(year), month: Int64(month), day: 31)
                while (day + 4) % 7 != 0 { day -= 1 }  // 1970-01-01 was a Thursday: (days + 4) % 7 == 0 on Sundays
                let change = day * 86_400 + 3_600
                instants += [-3_601, -3_600, -61, -60, -1, 0, 59, 60, 3_599, 3_600].map { change + $0 }
            }
        }
        for t in instants {
            let text = Self.iso(t)
            #expect(
                clock.text(text) == Exporter.parisDateTime.string(from: Date(timeIntervalSince1970: Double(t))),
                "\(text)")
        }
    }

    @Test func otherFormsAreLeftToTheFormatter() {
        var clock = ParisMinute()
        for text in [
            "", "2021-09-13T08:00:00", "2021-09-13T08:00:00.000Z", "2021-02-29T08:00:00Z", "2021-04-31T08:00:00Z",
            "2021-09-13T24:00:00Z", "2021-09-13T08:60:00Z", "2021-09-13T08:00:60Z", "1995-12-31T23:59:59Z",
            "2038-01-01T00:00:00Z", "2021-09-13 08:00:00Z", "2021-9-13T08:00:00Z", "２０２１-09-13T08:00:00Z",
        ] {
            #expect(clock.text(text) == nil, "\(text)")
        }
        #expect(clock.text("2024-02-29T23:30:00Z") == "01/03/2024 00:30")
    }
}
