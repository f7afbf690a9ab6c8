import CoopmailDomain
import CoopmailText

/// Recognises mail written by a machine rather than a person: delivery failures (bounces), auto-replies and
/// out-of-office answers, read receipts, and mailing-list or newsletter mail. Such mail is never a submission: it
/// belongs to no cooperative, even when it quotes an OCCE mail naming one, and is never answered.
///
/// The rules look only at what the sending software writes the same way everywhere — the standard headers
/// (RFC 3464 reports, RFC 3834 `Auto-Submitted`, RFC 2369/2919 `List-*`, `Precedence`), the null envelope sender,
/// the mailer-daemon addresses — and at the fixed subject prefixes that mail servers and clients put in front of an
/// automatic answer, in French and English. A subject phrase is matched at the start of the subject only, so a
/// person's « Re: absence de signature » or « TR: Undelivered Mail… » stays a human mail.
public enum AutomaticMailDetector {
    public enum Kind: String, Sendable, Hashable {
        case bounce, autoReply, readReceipt, deliveryReceipt, mailingList

        /// French, for staff.
        public var label: String {
            switch self {
            case .bounce: "avis de non-remise"
            case .autoReply: "réponse automatique"
            case .readReceipt: "accusé de lecture"
            case .deliveryReceipt: "accusé de remise"
            case .mailingList: "liste de diffusion ou lettre d'information"
            }
        }
    }

    public struct Verdict: Sendable, Hashable {
        public var kind: Kind
        /// The header or subject that decided, in French.
        public var reason: String
    }

    /// What the detector looks at, taken from the stored message.
    public struct Input: Sendable {
        public var headers: [(name: String, value: String)]
        public var fromAddress: String?
        public var fromName: String?
        /// The Return-Path as stored (`<>` or empty for the null envelope sender); nil when the mail has none.
        public var returnPath: String?
        public var subject: String?

        public init(
            headers: [(name: String, value: String)], fromAddress: String? = nil, fromName: String? = nil,
            returnPath: String? = nil, subject: String? = nil
        ) {
            self.headers = headers
            self.fromAddress = fromAddress
            self.fromName = fromName
            self.returnPath = returnPath
            self.subject = subject
        }
    }

    /// Nil for a human mail.
    public static func detect(_ input: Input) -> Verdict? {
        func values(_ name: String) -> [String] {
            input.headers.filter { $0.name.trimmingCharacters(in: .whitespaces).lowercased() == name }
                .map {
                    $0.value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
                        .trimmingCharacters(in: .whitespaces)
                }
        }

        // Reports (RFC 6522): delivery status (bounce) or disposition notification (read receipt).
        if let contentType = values("content-type").first {
            let folded = Folding.fold(contentType).replacingOccurrences(of: " ", with: "")
            if folded.hasPrefix("multipart/report") {
                if folded.contains("disposition-notification") {
                    return Verdict(
                        kind: .readReceipt, reason: "rapport de lecture (multipart/report, disposition-notification)")
                }
                return Verdict(kind: .bounce, reason: "rapport de remise (multipart/report)")
            }
            if folded.hasPrefix("message/disposition-notification") {
                return Verdict(kind: .readReceipt, reason: "rapport de lecture (message/disposition-notification)")
            }
            if folded.hasPrefix("message/delivery-status") {
                return Verdict(kind: .bounce, reason: "rapport de remise (message/delivery-status)")
            }
        }
        // The null envelope sender is reserved to bounces and other automatic answers (RFC 5321 §4.5.5, RFC 3834).
        if let rp = input.returnPath, rp.filter({ $0 != "<" && $0 != ">" && !$0.isWhitespace }).isEmpty {
            return Verdict(kind: .bounce, reason: "expéditeur d'enveloppe vide (Return-Path: <>)")
        }
        if let address = input.fromAddress, isMailerDaemon(address) {
            return Verdict(kind: .bounce, reason: "expéditeur \(address) (serveur de messagerie)")
        }
        if !values("x-failed-recipients").isEmpty
            || values("x-ms-exchange-message-is-ndr").contains(where: { !$0.isEmpty })
        {
            return Verdict(kind: .bounce, reason: "en-tête d'avis de non-remise")
        }
        for value in values("auto-submitted") {
            let token =
                value.split(whereSeparator: { $0 == ";" || $0 == " " || $0 == "(" }).first.map { $0.lowercased() } ?? ""
            if token != "no" && !token.isEmpty {
                return Verdict(kind: .autoReply, reason: "en-tête Auto-Submitted: \(value)")
            }
        }
        for name in ["x-autoreply", "x-autorespond", "x-autogenerated", "x-auto-reply"] {
            if let value = values(name).first {
                guard !["no", "false", "0"].contains(value.lowercased()) else { continue }
                return Verdict(kind: .autoReply, reason: "en-tête \(name.capitalized)")
            }
        }
        for value in values("precedence") {
            let v = value.lowercased()
            if v == "auto_reply" || v == "auto-reply" {
                return Verdict(kind: .autoReply, reason: "en-tête Precedence: \(value)")
            }
            if ["bulk", "junk", "list"].contains(v) {
                return Verdict(kind: .mailingList, reason: "en-tête Precedence: \(value)")
            }
        }
        for name in ["list-id", "list-unsubscribe", "list-post"] where !values(name).isEmpty {
            return Verdict(
                kind: .mailingList,
                reason: "en-tête \(name.split(separator: "-").map { $0.capitalized }.joined(separator: "-"))")
        }
        if let subject = input.subject, let verdict = subjectVerdict(subject) { return verdict }
        return nil
    }

    /// `MAILER-DAEMON@…`, `postmaster@…`, `mail-delivery-system@…` (and their `+tag`, `_`, `-` forms), and Exchange's
    /// system mailbox `MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@…` that sends its non-delivery reports.
    public static func isMailerDaemon(_ address: String) -> Bool {
        let local = address.lowercased().split(separator: "@").first.map(String.init) ?? ""
        let base = (local.split(separator: "+").first.map(String.init) ?? local).filter {
            $0 != "-" && $0 != "_" && $0 != "."
        }
        if base.hasPrefix("microsoftexchange"), base.count >= 17 + 16, base.dropFirst(17).allSatisfy(\.isHexDigit) {
            return true
        }
        return base == "mailerdaemon" || base == "postmaster" || base == "maildeliverysystem"
            || base == "maildeliverysubsystem"
    }

    /// Prefixes (folded: lower case, no accents) that mail servers and clients put at the start of an automatic mail's
    /// subject. Each is followed by a separator or the end of the subject.
    static let subjectPrefixes: [(String, Kind)] = [
        ("undelivered mail returned to sender", .bounce), ("undelivered mail", .bounce), ("undeliverable", .bounce),
        ("delivery status notification", .bounce), ("mail delivery failed", .bounce),
        ("mail delivery failure", .bounce),
        ("delivery failure", .bounce), ("delivery has failed", .bounce), ("returned mail", .bounce),
        ("failure notice", .bounce),
        ("non remis", .bounce), ("message non remis", .bounce), ("non distribuable", .bounce),
        ("echec de la remise", .bounce),
        ("echec de remise", .bounce), ("remise differee", .bounce), ("delayed mail", .bounce),
        ("warning: could not send message", .bounce),
        ("mail system error", .bounce), ("nondeliverable", .bounce), ("remise impossible", .bounce),
        ("impossible de remettre", .bounce), ("echec de remise du message", .bounce),
        ("message undeliverable", .bounce),
        ("remis", .deliveryReceipt), ("delivered", .deliveryReceipt), ("accuse de remise", .deliveryReceipt),
        ("delivery notification", .deliveryReceipt), ("auto", .autoReply), ("auto response", .autoReply),
        ("message automatique", .autoReply), ("reponse auto", .autoReply), ("notification automatique", .autoReply),
        ("reponse automatique", .autoReply), ("automatic reply", .autoReply), ("auto reply", .autoReply),
        ("auto-reply", .autoReply),
        ("autoreply", .autoReply), ("auto-response", .autoReply), ("autoresponse", .autoReply),
        ("out of office", .autoReply),
        ("out of the office", .autoReply), ("out of office autoreply", .autoReply), ("message d'absence", .autoReply),
        ("avis d'absence", .autoReply),
        ("absence", .autoReply), ("absent", .autoReply), ("absente", .autoReply), ("absent(e)", .autoReply),
        ("absent.e", .autoReply),
        ("repondeur", .autoReply), ("abwesenheitsnotiz", .autoReply), ("vacation reply", .autoReply),
        ("conge", .autoReply),
        ("lu", .readReceipt), ("read", .readReceipt), ("non lu", .readReceipt), ("not read", .readReceipt),
        ("accuse de lecture", .readReceipt), ("confirmation de lecture", .readReceipt), ("read receipt", .readReceipt),
        ("return receipt", .readReceipt), ("notification de lecture", .readReceipt),
        ("disposition notification", .readReceipt),
    ]

    /// Words that may follow « absence » / « absent » / « congé » in an out-of-office subject (« Absent du 12 au 15 »,
    /// « Absence jusqu'au lundi ») — anything else (« absence de signature ») is a person writing.
    static let absenceContinuations = [
        "du", "jusqu", "jusqu'au", "jusqu'a", "le", "ce", "cette", "until", "from", "pour", "-", "–", ":",
    ]

    /// Prefixes that are automatic whatever follows them.
    static let unambiguous: Set<String> = [
        "undelivered mail returned to sender", "warning: could not send message",
        "out of office", "out of the office", "delivery status notification",
    ]

    /// ``subjectPrefixes``, longest first, sorted once (not on every mail: the export of a season checks them all).
    static let longestPrefixFirst = subjectPrefixes.sorted(by: { $0.0.count > $1.0.count })

    static func subjectVerdict(_ subject: String) -> Verdict? {
        let folded = Folding.fold(subject).trimmingCharacters(in: .whitespaces)
        for (prefix, kind) in longestPrefixFirst where folded.hasPrefix(prefix) {
            let rest = folded.dropFirst(prefix.count)
            // The prefix must end on a word boundary (« lu » is not « lundi »).
            if let c = rest.first, c.isLetter || c.isNumber { continue }
            let trimmed = rest.drop(while: { $0 == " " || $0 == "\u{00A0}" })
            let separated = trimmed.isEmpty || [":", "-", "–", "[", "("].contains(trimmed.first!)
            let nextWord = trimmed.split(separator: " ").first.map(String.init) ?? ""
            let dateRunOn =
                kind == .autoReply
                && ["absence", "absent", "absente", "absent(e)", "absent.e", "conge"].contains(prefix)
                && absenceContinuations.contains {
                    nextWord == $0 || ($0.hasSuffix("'") && nextWord.hasPrefix($0)) || nextWord.hasPrefix("jusqu")
                }
            if ["lu", "read", "non lu", "not read", "remis", "delivered", "auto"].contains(prefix) {
                // Too short to be sure without the colon of the client's prefix: « Lu : Quitus », « Read: Quitus »,
                // « Remis : Quitus » (Outlook's delivery receipt), « Auto: Quitus » (Sieve vacation).
                guard trimmed.first == ":" else { continue }
            } else if !(separated || dateRunOn || unambiguous.contains(prefix)
                || (kind == .bounce && prefix.contains(" ") && prefix != "non remis"))
            {
                continue
            }
            return Verdict(kind: kind, reason: "objet « \(subject.prefix(80)) »")
        }
        return nil
    }
}
