import Foundation

/// ArgumentParser writes its usage errors in English; staff read them in French.
enum ParseErrorFrench {
    /// Translates the known phrases of an ArgumentParser message; anything unknown is kept as is.
    static func translate(_ message: String) -> String {
        var s = message
        let phrases: [(String, String)] = [
            ("Error: ", "Erreur : "), ("Help: ", "Aide : "), ("Usage: ", "Usage : "),
            ("Missing expected argument ", "argument manquant "), ("Unknown option ", "option inconnue "),
            ("Unexpected argument ", "argument inattendu "), ("Unexpected arguments ", "arguments inattendus "),
            ("Did you mean ", "Vouliez-vous dire "), ("Please provide one of ", "Valeurs possibles : "),
            ("Missing value for ", "valeur manquante pour "), ("Unknown command ", "commande inconnue "),
            ("Duplicate value for ", "valeur en double pour "),
            ("Show help information.", "Afficher cette aide."), ("OVERVIEW:", "RÉSUMÉ :"), ("USAGE:", "USAGE :"),
            ("OPTIONS:", "OPTIONS :"), ("ARGUMENTS:", "ARGUMENTS :"), ("SUBCOMMANDS:", "COMMANDES :"),
            ("OPTION GROUPS:", "GROUPES D'OPTIONS :"), ("(default: ", "(par défaut : "), ("(values: ", "(valeurs : "),
            ("<subcommand>", "<commande>"), ("Missing expected argument", "argument manquant"),
            ("Unexpected arguments", "arguments inattendus"), ("Unexpected argument", "argument inattendu"),
        ]
        for (en, fr) in phrases { s = s.replacingOccurrences(of: en, with: fr) }
        s = replace(s, #"The value '(.*?)' is invalid for '(.*?)'"#) {
            "la valeur « \($0[0]) » n'est pas valable pour \($0[1])"
        }
        s = replace(s, #"See '(.*?)' for more information\."#) { "Voir « \($0[0]) » pour plus d'informations." }
        s = replace(s, #"See '(.*?)' for detailed help\."#) { "Aide détaillée d'une commande : « \($0[0]) »." }
        s = s.replacingOccurrences(of: "' or '", with: "' ou '")
        return s
    }

    private static func replace(_ s: String, _ pattern: String, _ make: ([String]) -> String) -> String {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return s }
        var out = s
        for m in re.matches(in: s, range: NSRange(s.startIndex..., in: s)).reversed() {
            let groups = (1..<m.numberOfRanges).compactMap { Range(m.range(at: $0), in: s).map { String(s[$0]) } }
            if let r = Range(m.range, in: out) { out.replaceSubrange(r, with: make(groups)) }
        }
        return out
    }
}
