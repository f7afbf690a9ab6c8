import CoopmailDomain
import Foundation

extension TimeZone {
    /// The association's time zone: dates mandataires and staff read, and the day a mail arrived.
    public static let paris = TimeZone(identifier: "Europe/Paris") ?? .current
}

extension CalendarDate {
    /// The day `date` falls on in Paris; nil when that day is outside the years a ``CalendarDate`` holds (a Date
    /// header in year 3609, a clock gone wrong): a date taken from a mail must never stop the run.
    public init?(parisDayOf date: Date) {
        let seconds = date.timeIntervalSince1970
        // Years 1900–2999 are within ±40,000 years of 1970: anything further is refused before Calendar sees it.
        guard seconds.isFinite, abs(seconds) < 1.3e12 else { return nil }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = .paris
        let c = cal.dateComponents([.era, .year, .month, .day], from: date)
        guard c.era == 1, let year = c.year, let month = c.month, let day = c.day,
            let found = CalendarDate(year: year, month: month, day: day)
        else { return nil }
        self = found
    }
}
