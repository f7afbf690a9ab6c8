import CoopmailApp
import CoopmailDomain
import CoopmailText
import Foundation

/// The season chart of `status`: sparklines on a terminal, a plain weekly table otherwise (pipes, cron, scripts).
enum SeasonText {
    static let series: [(String, KeyPath<SeasonChart.Week, Int>)] = [
        ("Courriels reçus", \.received), ("Dossiers complets", \.complete), ("Validés", \.validated),
        ("Rejetés", \.rejected), ("Relances envoyées", \.remindersSent),
    ]
    static let months = ["jan", "fév", "mar", "avr", "mai", "juin", "juil", "aoû", "sep", "oct", "nov", "déc"]

    static func render(_ chart: SeasonChart, terminal: Bool, colours: Bool) -> [String] {
        let first = CalendarDate(iso: chart.start)?.french ?? chart.start
        let last = CalendarDate(iso: chart.end)?.french ?? chart.end
        var out = ["Saison du \(first) au \(last), semaine par semaine jusqu'à aujourd'hui :"]
        if chart.weeks.isEmpty {
            out.append("  la saison n'a pas encore commencé.")
        } else if terminal {
            out += sparklines(chart, colours: colours)
        } else {
            out += table(chart)
        }
        if chart.outside > 0 {
            out.append(
                "  (\(chart.outside) événement\(Plural.s(chart.outside)) daté\(Plural.s(chart.outside)) hors de ces semaines, non compté\(Plural.s(chart.outside)))"
            )
        }
        if chart.deadlines.isEmpty {
            out.append(
                "Échéances : aucune dans la configuration ([season] submission_deadline, decision_deadline, reminder_dates)."
            )
        } else {
            out.append(
                "Échéances : "
                    + chart.deadlines.map { "\(CalendarDate(iso: $0.date)?.french ?? $0.date) \($0.label)" }
                    .joined(separator: " ; "))
        }
        return out
    }

    static let labelWidth = 20

    static func sparklines(_ chart: SeasonChart, colours: Bool) -> [String] {
        let n = chart.weeks.count
        var axis = Array(repeating: Character(" "), count: n + 4)
        var free = 0
        for (i, w) in chart.weeks.enumerated() {
            guard let d = CalendarDate(iso: w.start) else { continue }
            // The week holding the 1st of a month (and the first week) carries the month's name.
            let month: Int
            if i == 0 || d.day == 1 {
                month = d.month
            } else if d.day + 6 > CalendarDate.daysIn(month: d.month, year: d.year) {
                month = d.month % 12 + 1
            } else {
                continue
            }
            guard i >= free else { continue }
            let name = Array(months[month - 1])
            for (k, c) in name.enumerated() where i + k < axis.count { axis[i + k] = c }
            free = i + name.count
        }
        var out = [
            (String(repeating: " ", count: labelWidth + 2) + String(axis)).replacingOccurrences(
                of: "\\s+$", with: "", options: .regularExpression)
        ]
        for (label, path) in series {
            let values = chart.weeks.map { $0[keyPath: path] }
            let total = values.reduce(0, +)
            out.append(
                "  " + Terminal.fit(label, labelWidth) + Terminal.paint(spark(values), .cyan, enabled: colours)
                    + "  total \(total)")
        }
        var marks = Array(repeating: Character(" "), count: n)
        for d in chart.deadlines { if let w = d.week, w < n { marks[w] = "▲" } }
        if marks.contains("▲") {
            out.append(String(repeating: " ", count: labelWidth + 2) + String(marks) + "  ▲ échéance")
        }
        return out
    }

    /// One character per week: · for none, then ▁ to █ in proportion to the series' busiest week.
    static func spark(_ values: [Int]) -> String {
        let bars = Array("▁▂▃▄▅▆▇█")
        let top = values.max() ?? 0
        return String(
            values.map { v -> Character in
                guard v > 0, top > 0 else { return "·" }
                let level = min(bars.count, max(1, (v * bars.count + top - 1) / top))
                return bars[level - 1]
            })
    }

    static func table(_ chart: SeasonChart) -> [String] {
        let widths = [12] + SeasonChart.columns.dropFirst().map { max(8, $0.count + 2) }
        var out = ["  " + SeasonChart.columns.enumerated().map { Terminal.fit($1, widths[$0], right: $0 > 0) }.joined()]
        let active = chart.weeks.filter { w in series.contains { w[keyPath: $0.1] > 0 } }
        for w in active {
            let cells = [CalendarDate(iso: w.start)?.french ?? w.start] + series.map { String(w[keyPath: $0.1]) }
            out.append("  " + cells.enumerated().map { Terminal.fit($1, widths[$0], right: $0 > 0) }.joined())
        }
        let quiet = chart.weeks.count - active.count
        if active.isEmpty {
            out = ["  aucune activité (\(chart.weeks.count) semaine\(Plural.s(chart.weeks.count)))."]
        } else if quiet > 0 {
            out.append(
                "  (\(quiet) semaine\(Plural.s(quiet)) sans activité non listée\(Plural.s(quiet)) ; « status --csv » les donne toutes)"
            )
        }
        return out
    }
}
