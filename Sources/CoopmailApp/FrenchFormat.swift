import CoopmailStore
import Foundation

/// Dates and numbers as French staff read them.
public enum FrenchFormat {
    public static let paris = TimeZone.paris

    /// `12/10/2021 à 09:15` (Paris time) from a stored ISO-8601 timestamp.
    public static func dateTime(_ iso: String?) -> String {
        guard let iso, let d = Timestamp.parse(iso) else { return iso ?? "—" }
        return parisDateTime.string(from: d)
    }

    /// Made once: a DateFormatter costs about a millisecond to make, and `status` and `review` write dozens of dates.
    static let parisDateTime: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "fr_FR")
        f.timeZone = paris
        f.dateFormat = "dd/MM/yyyy 'à' HH:mm"
        return f
    }()

    /// `0,95`
    public static func confidence(_ c: Double?) -> String {
        guard let c else { return "—" }
        let hundredths = Int((c * 100).rounded())
        return "\(hundredths / 100),\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    /// `81,4 Mo` (powers of 1 024, as the size limit is written).
    public static func megabytes(_ bytes: Int64) -> String {
        let tenths = max(0, bytes) / 104_858
        return "\(tenths / 10),\(tenths % 10) Mo"
    }
}
