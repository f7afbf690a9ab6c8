import Foundation

/// The greeting of a mail to a mandataire, from the registry's name: « Bonjour Madame Fournier » when the name carries
/// a civility (« Mme », « Mme. », « Madame », « M. », « M », « Monsieur », « Mlle »), « Bonjour Claire Fournier »
/// without one, « Bonjour » without a name — never « Bonjour Mme Claire Fournier ».
public enum Greeting {
    public enum Civility: String, Sendable {
        case madame = "Madame"
        case monsieur = "Monsieur"
    }

    /// The civility the name starts with, and the rest of the name.
    public static func parse(_ name: String) -> (civility: Civility?, rest: String) {
        let words = name.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard let first = words.first else { return (nil, "") }
        let key = first.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".,"))
        let civility: Civility?
        switch key {
        case "mme", "madame", "mlle", "mademoiselle", "mme.": civility = .madame
        case "m", "mr", "monsieur", "m.": civility = .monsieur
        default: civility = nil
        }
        guard let civility, words.count > 1 else { return (nil, words.joined(separator: " ")) }
        return (civility, words.dropFirst().joined(separator: " "))
    }

    /// The surname in a full name: the words written in capitals (« Claire FOURNIER »), else everything after the
    /// first given name (unless the name starts with a particle: « Le Gall »), else the only word; capitals become
    /// « Fournier ».
    public static func surname(_ name: String) -> String {
        let words = name.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        let capitals = words.filter { w in w.count > 1 && w.contains(where: \.isLetter) && w == w.uppercased() }
        let particles: Set<String> = [
            "le", "la", "de", "du", "des", "d'", "van", "von", "di", "da", "del", "ben", "el", "al",
        ]
        let startsWithParticle =
            words.first.map { particles.contains($0.lowercased()) || $0.lowercased().hasPrefix("d'") } ?? false
        let picked =
            !capitals.isEmpty ? capitals : (words.count > 1 && !startsWithParticle ? Array(words.dropFirst()) : words)
        return picked.map { w in w == w.uppercased() && w.count > 1 ? titleCased(w) : w }.joined(separator: " ")
    }

    /// « Bonjour Madame Fournier », « Bonjour Claire Fournier », « Bonjour ».
    public static func line(mandataire: String?) -> String {
        let name = (mandataire ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { return "Bonjour" }
        let (civility, rest) = parse(name)
        if let civility { return "Bonjour \(civility.rawValue) \(surname(rest))" }
        return "Bonjour \(rest)"
    }

    static func titleCased(_ word: String) -> String {
        var out = ""
        var upper = true
        for c in word.lowercased() {
            out.append(upper ? Character(String(c).uppercased()) : c)
            upper = c == "-" || c == "'" || c == "’"
        }
        return out
    }
}
