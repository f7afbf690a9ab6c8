/// Why no automatic answer may be sent to a mail (RFC 3834 loop prevention, and a daily limit per address).
public enum ReplyRefusal: Hashable, Sendable {
    /// `Auto-Submitted` other than `no`: the mail was itself sent by a program.
    case autoSubmitted(String)
    /// A delivery report: empty envelope sender (`<>`) or `multipart/report`.
    case bounce
    /// A mailing-list mail (`List-Id`, `List-Unsubscribe`, `List-Post`).
    case mailingList
    /// `Precedence: bulk`, `list` or `junk`.
    case bulk(String)
    /// `X-Auto-Response-Suppress` asks for no automatic answer; other vacation responders' markers count too.
    case responseSuppressed
    /// A no-reply, MAILER-DAEMON or postmaster sender.
    case robotSender(String)
    /// The mail comes from coopmail's own address.
    case ownAddress
    /// The daily limit of automatic mails to this address is reached.
    case rateLimit(limit: Int)

    /// The reason, in French, for the staff's journal.
    public var reason: String {
        switch self {
        case .autoSubmitted(let value):
            return
                "Message envoyé automatiquement (Auto-Submitted: \(HeaderSafety.singleLine(value))) : pas de réponse automatique."
        case .bounce: return "Avis de non-remise ou accusé technique : pas de réponse automatique."
        case .mailingList: return "Message d'une liste de diffusion : pas de réponse automatique."
        case .bulk(let value):
            return "Message de masse (Precedence: \(HeaderSafety.singleLine(value))) : pas de réponse automatique."
        case .responseSuppressed: return "L'expéditeur demande de ne pas recevoir de réponse automatique."
        case .robotSender(let address):
            return
                "Adresse d'expéditeur automatique (\(HeaderSafety.singleLine(address))) : pas de réponse automatique."
        case .ownAddress: return "Message envoyé par notre propre adresse : pas de réponse, pour éviter une boucle."
        case .rateLimit(let limit):
            return "Limite atteinte : déjà \(limit) message(s) automatique(s) envoyé(s) aujourd'hui à cette adresse."
        }
    }
}
