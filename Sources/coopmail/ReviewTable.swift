import CoopmailApp
import CoopmailDomain
import CoopmailLedger
import Foundation

/// The review queue as a table fitting the terminal's width; school names and problems are cut with « … ».
struct ReviewTable {
    var width: Int
    var colours: Bool
    var now: Date

    func render(_ rows: [DossierSummary]) -> String {
        if rows.isEmpty { return "Aucun dossier à afficher." }
        let coopW = 8
        let statusW = 10
        let ageW = 6
        let confW = 5
        let gap = 2
        let fixed = coopW + statusW + ageW + confW + gap * 5
        let rest = max(20, width - fixed)
        let problemTexts = rows.map(problems)
        let schoolNeed = max(5, rows.map { ($0.school ?? "(hors registre)").count }.max() ?? 5)
        let problemsNeed = max(18, problemTexts.map(\.count).max() ?? 0)
        // The problems matter most: the school's name gives way first, down to 12 characters.
        let schoolW = min(schoolNeed, max(12, rest - problemsNeed))
        let problemsW = max(8, rest - schoolW)
        let sep = String(repeating: " ", count: gap)
        var lines: [String] = []
        let header = [
            Terminal.fit("Coop", coopW), Terminal.fit("École", schoolW), Terminal.fit("Statut", statusW),
            Terminal.fit("Âge", ageW, right: true), Terminal.fit("Conf.", confW, right: true),
            Terminal.fit("Contrôles à revoir", problemsW),
        ].joined(separator: sep)
        lines.append(Terminal.paint(String(header.reversed().drop { $0 == " " }.reversed()), .bold, enabled: colours))
        for r in rows {
            let age = r.ageDays(now: now).map { "\($0) j" } ?? "—"
            let problems = problems(r)
            let status = Terminal.paint(Terminal.fit(r.status.label, statusW), colour(r.status), enabled: colours)
            let confidence = Terminal.paint(
                Terminal.fit(FrenchFormat.confidence(r.matchConfidence), confW, right: true),
                (r.matchConfidence ?? 1) < 0.8 ? .yellow : nil, enabled: colours)
            let line = [
                Terminal.fit(r.key.cooperative.description, coopW),
                Terminal.fit(r.school ?? "(hors registre)", schoolW),
                status, Terminal.fit(age, ageW, right: true), confidence,
                Terminal.fit(problems, problemsW),
            ].joined(separator: sep)
            lines.append(String(line.reversed().drop { $0 == " " }.reversed()))
        }
        return lines.joined(separator: "\n")
    }

    func problems(_ r: DossierSummary) -> String {
        let problems =
            r.failedChecks.map(CheckText.short) + r.uncheckedChecks.map { "non vérifié : " + CheckText.name($0.rule) }
        return problems.isEmpty
            ? (r.status == .validated || r.status == .rejected ? "" : "aucun") : problems.joined(separator: ", ")
    }

    func colour(_ s: DossierStatus) -> Terminal.Colour? {
        switch s {
        case .toReview: return .cyan
        case .toCorrect: return .yellow
        case .incomplete: return .magenta
        case .validated: return .green
        case .rejected: return .red
        }
    }
}
