import CoopmailDomain
import CoopmailDossier
import CoopmailStore
import Foundation

/// The season at a glance: per week, mails received, dossiers become complete, validated, rejected, reminders sent,
/// and the deadlines of the configuration. Counted by a few grouped queries (``Store/seasonWeeks(exercise:start:approve:reject:)``).
///
/// The season is the campaign of an exercise: 1 September after it closes to 31 August, or the 1 September–31
/// August year holding its latest mail when mails arrived in another (a fixed `[organisation] exercise`).
public struct SeasonChart: Sendable, Encodable {
    public struct Week: Sendable, Encodable, Equatable {
        /// First day of the week (ISO).
        public var start: String
        public var received: Int
        public var complete: Int
        public var validated: Int
        public var rejected: Int
        public var remindersSent: Int
    }

    public struct Deadline: Sendable, Encodable, Equatable {
        public var label: String
        /// ISO day.
        public var date: String
        /// Index of its week in `weeks` order (may be past the last week shown).
        public var week: Int?
    }

    public var exercise: String
    /// First and last day of the season (ISO).
    public var start: String
    public var end: String
    /// Week 0 (from `start`) up to today's week (or the season's last).
    public var weeks: [Week]
    /// Counted events dated outside the weeks shown (before the season, or after its last week shown).
    public var outside: Int
    public var deadlines: [Deadline]

    public static func load(_ store: Store, config: Config, exercise: Exercise, today: CalendarDate) throws
        -> SeasonChart
    {
        var year = exercise.endYear
        if let latest = try store.latestMailReceived(exercise: exercise.description),
            let day = Timestamp.parse(latest).flatMap({ CalendarDate(parisDayOf: $0) })
        {
            year = day.month >= 9 ? day.year : day.year - 1
        }
        let start = CalendarDate(year: year, month: 9, day: 1) ?? exercise.opening
        let end = CalendarDate(year: year + 1, month: 8, day: 31) ?? start
        let last = min(today, end)
        let shownWeeks = last < start ? 0 : (dayNumber(last) - dayNumber(start)) / 7 + 1
        // The completions are read from the dossier rows: bring the changed ones up to date first (cheap when none).
        try DossierService(store: store).refreshPending()
        let counts = try store.seasonWeeks(exercise: exercise.description, start: start.iso)
        var weeks: [Week] = []
        for w in 0..<shownWeeks {
            let c = counts[w] ?? SeasonWeekCounts(week: w)
            weeks.append(
                Week(
                    start: date(dayNumber(start) + 7 * w).iso, received: c.received, complete: c.complete,
                    validated: c.validated, rejected: c.rejected, remindersSent: c.remindersSent))
        }
        let outside = counts.values.filter { $0.week < 0 || $0.week >= shownWeeks }
            .reduce(0) { $0 + $1.received + $1.complete + $1.validated + $1.rejected + $1.remindersSent }
        var deadlines: [Deadline] = config.reminderDates.map {
            Deadline(label: "relance prévue", date: $0.iso, week: nil)
        }
        if let d = config.submissionDeadline {
            deadlines.append(Deadline(label: "date limite d'envoi des comptes", date: d.iso, week: nil))
        }
        if let d = config.decisionDeadline {
            deadlines.append(Deadline(label: "décisions à rendre", date: d.iso, week: nil))
        }
        deadlines.sort { $0.date < $1.date }
        for i in deadlines.indices {
            if let d = CalendarDate(iso: deadlines[i].date), start <= d, d <= end {
                deadlines[i].week = (dayNumber(d) - dayNumber(start)) / 7
            }
        }
        return SeasonChart(
            exercise: exercise.description, start: start.iso, end: end.iso, weeks: weeks, outside: outside,
            deadlines: deadlines)
    }

    /// Column titles of the weekly table (CSV and plain text).
    public static let columns = [
        "Semaine du", "Courriels reçus", "Dossiers complets", "Validés", "Rejetés", "Relances envoyées",
    ]

    /// The weekly table for a spreadsheet: UTF-8 with a BOM, `;`, CRLF, French headers and dates, like `export --format csv`.
    public func csv() -> String {
        var lines = [(["Semaine du", "Au"] + Self.columns.dropFirst()).joined(separator: ";")]
        for w in weeks {
            let first = CalendarDate(iso: w.start)
            let lastDay = first.map { Self.date(Self.dayNumber($0) + 6) }
            lines.append(
                ([first?.french ?? w.start, lastDay?.french ?? ""]
                    + [w.received, w.complete, w.validated, w.rejected, w.remindersSent].map(String.init)).joined(
                        separator: ";"))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Days since 1 March of year 0 (proleptic Gregorian): differences are exact numbers of days.
    static func dayNumber(_ d: CalendarDate) -> Int {
        let y = d.month <= 2 ? d.year - 1 : d.year
        let m = d.month <= 2 ? d.month + 9 : d.month - 3
        return 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d.day - 1
    }

    static func date(_ n: Int) -> CalendarDate {
        var y = (10_000 * n + 14_780) / 3_652_425
        var ddd = n - (365 * y + y / 4 - y / 100 + y / 400)
        if ddd < 0 {
            y -= 1
            ddd = n - (365 * y + y / 4 - y / 100 + y / 400)
        }
        let mi = (100 * ddd + 52) / 3_060
        let mm = (mi + 2) % 12 + 1
        y += (mi + 2) / 12
        let dd = ddd - (mi * 306 + 5) / 10 + 1
        return CalendarDate(year: y, month: mm, day: dd) ?? .earliest
    }
}
