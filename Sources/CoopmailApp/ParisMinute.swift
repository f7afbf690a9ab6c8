import Foundation

/// `13/09/2021 10:00`, Paris time, from a stored `2021-09-13T08:00:00Z`: the text the export's `DateFormatter`
/// (`dd/MM/yyyy HH:mm`, fr_FR, Europe/Paris) gives, without it (it cost about 10 µs a row on a national CSV export).
/// Only that exact form, in years 1996–2037, is read here (Paris has changed its clocks at 01:00 UTC since 1996, so
/// its offset is the same all through a UTC hour); anything else returns nil and the caller uses the formatter.
/// `CSVDateTests` compares both on random instants and around every clock change.
struct ParisMinute {
    /// Paris's offset from UTC (seconds) for each UTC hour already seen.
    private var offsets: [Int64: Int64] = [:]

    mutating func text(_ iso: String) -> String? {
        var iso = iso
        return iso.withUTF8 { b -> String? in
            guard b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x5A
            else { return nil }
            func number(_ from: Int, _ count: Int) -> Int64? {
                var v: Int64 = 0
                for k in from..<from + count {
                    guard (0x30...0x39).contains(b[k]) else { return nil }
                    v = v * 10 + Int64(b[k] - 0x30)
                }
                return v
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
                let minute = number(14, 2), let second = number(17, 2), (1996...2037).contains(year),
                (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year), hour < 24,
                minute < 60, second < 60
            else { return nil }
            let utc = Self.days(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
            let utcHour = utc / 3_600
            let offset: Int64
            if let known = offsets[utcHour] {
                offset = known
            } else {
                offset = Int64(TimeZone.paris.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utcHour * 3_600))))
                offsets[utcHour] = offset
            }
            let local = utc + offset
            let (y, m, d) = Self.civil(days: local / 86_400)
            let minutes = local % 86_400 / 60
            func two(_ v: Int64) -> String { v < 10 ? "0" + String(v) : String(v) }
            return two(d) + "/" + two(m) + "/" + String(y) + " " + two(minutes / 60) + ":" + two(minutes % 60)
        }
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`), for years after 1970.
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01 (`civil_from_days`), for days after 1970.
    static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = z / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
