import CoopmailApp
import Foundation

/// The mails set aside « en échec » and the mails flagged for a failed sender authentication, as `review` lists them.
enum SetAsideText {
    /// One paragraph per set-aside mail, with its error and the command that puts it back in the queue.
    static func lines(_ store: Store) throws -> [String] {
        let list = try store.setAsideMessages()
        guard !list.isEmpty else { return [] }
        var out = [
            "Courriels en échec, mis de côté (\(list.count)) : la lecture a échoué deux fois ; les autres courriels continuent."
        ]
        for m in list {
            out.append(
                "  n° \(m.id)  \(FrenchFormat.dateTime(m.receivedAt))  de \(printable(m.from ?? "expéditeur inconnu"))"
                    + "  « \(printable(m.subject ?? "sans objet")) »")
            out.append("      erreur : \(printable(m.error ?? "inconnue")) (\(m.attempts) essais)")
        }
        out.append("  Après correction : coopmail reessayer NUMÉRO")
        return out
    }

    /// Mails whose sender failed DMARC or SPF at the receiving server (of one dossier when `cooperative` is given).
    static func unauthenticated(_ store: Store, cooperative: String? = nil, exercise: String? = nil) throws -> [String]
    {
        let flagged = try store.messagesWithAuthenticationResults(cooperative: cooperative, exercise: exercise)
            .compactMap { m in
                SenderAuthentication.failure(headersJSON: m.headers).map { (m, $0) }
            }
        guard !flagged.isEmpty else { return [] }
        var out = [
            "Courriels à l'expéditeur non authentifié (\(flagged.count)) : vérifiez qu'ils viennent bien du mandataire."
        ]
        for (m, why) in flagged {
            out.append(
                "  n° \(m.id)  \(FrenchFormat.dateTime(m.receivedAt))  de \(printable(m.from ?? "expéditeur inconnu"))"
                    + "  « \(printable(m.subject ?? "sans objet")) »")
            out.append("      \(why)")
        }
        return out
    }

    /// Text from a mail without control characters or bidirectional overrides (it goes to a terminal).
    static func printable(_ s: String) -> String {
        String(
            String.UnicodeScalarView(
                s.unicodeScalars.map { u -> Unicode.Scalar in
                    let v = u.value
                    let bidi =
                        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F
                        || v == 0x061C
                    return v < 0x20 || (0x7F...0x9F).contains(v) || bidi ? " " : u
                }))
    }
}
