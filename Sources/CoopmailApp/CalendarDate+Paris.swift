import CoopmailDomain
import Foundation

extension TimeZone {
    /// The association's time zone: dates mandataires and staff read, and the day a mail arrived.
    public static let paris = TimeZone(identifier: "Europe/Paris") ?? .current
}

extension CalendarDate {
    /// The day `date` falls on in Paris.
    public init(parisDayOf date: Date) {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = .paris
        let c = cal.dateComponents([.year, .month, .day], from: date)
        self = CalendarDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}
