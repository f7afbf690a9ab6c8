import CoopmailDomain
import CoopmailText

/// What to add under a usage error so that staff can fix the command line themselves.
enum UsageHints {
    /// A command name mistyped (`reveiw`, `aprove`) gets the closest one; a motif typed without quotes (its words
    /// then arrive as extra arguments) gets the quoting rule.
    static func hints(arguments: [String], commands: [String]) -> [String] {
        var out: [String] = []
        if let first = arguments.first, !first.hasPrefix("-"), !commands.contains(first), first != "help" {
            let scored = commands.map { ($0, EditDistance.between(first.lowercased(), $0)) }.sorted { $0.1 < $1.1 }
            if let best = scored.first, best.1 <= max(2, first.count / 3) {
                out.append("Vouliez-vous dire « coopmail \(best.0) » ? (liste des commandes : coopmail --help)")
            } else {
                out.append("Commande inconnue « \(first) » : coopmail --help donne la liste des commandes.")
            }
        }
        if let motif = arguments.firstIndex(of: "--motif"), motif + 2 < arguments.count,
            !arguments[motif + 2].hasPrefix("-")
        {
            out.append("Un motif de plusieurs mots se met entre guillemets : --motif \"le relevé au 31/08 manque\"")
        }
        return out
    }
}
