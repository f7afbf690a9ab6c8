import CoopmailDomain
import CoopmailDossier
import CoopmailStore
import Foundation

/// The mandataires' questions (mails of nature `message`: a registered sender, no documents) as staff handle them:
/// the list of those waiting, and marking one answered (who, when), which also goes in the dossier's history.
public struct QuestionDesk {
    public let store: Store
    let actor: String
    let clock: () -> Date

    public init(store: Store, actor: String = StaffUser.current(), clock: @escaping () -> Date = Date.init) {
        self.store = store
        self.actor = actor
        self.clock = clock
    }

    /// A question as staff read it.
    public struct Question: Sendable, Encodable {
        public var message: Int64
        public var cooperative: String?
        public var from: String?
        public var receivedAt: String
        public var subject: String?
        /// The first lines of its text (at most three), quoted text and signature left out.
        public var excerpt: [String]
        /// « réponse à la relance du 15/10 » when it answers one of our mails.
        public var inReplyTo: String?
        public var answeredBy: String?
        public var answeredAt: String?
    }

    /// The questions of the exercise staff have not marked answered, newest first.
    public func waiting(exercise: Exercise) throws -> [Question] {
        let rows = try store.read { tx in try tx.waitingQuestions(exercise: exercise.description) }
        return try questions(rows, answers: [:])
    }

    /// One cooperative's questions of the exercise, answered or not, oldest first.
    public func all(cooperative: CooperativeNumber, exercise: Exercise) throws -> [Question] {
        let (rows, answers) = try store.read { tx in
            let rows = try tx.questions(exercise: exercise.description, cooperative: cooperative.description)
            let answers = try tx.answers(of: rows.compactMap(\.id))
            return (rows, Dictionary(answers.map { ($0.message, $0) }, uniquingKeysWith: { a, _ in a }))
        }
        return try questions(rows, answers: answers)
    }

    func questions(_ rows: [MessageRecord], answers: [Int64: MessageAnswerRecord]) throws -> [Question] {
        let replied = try store.repliedMails(rows)
        return rows.compactMap { m in
            guard let id = m.id else { return nil }
            return Question(
                message: id, cooperative: m.cooperative, from: m.fromAddress, receivedAt: m.receivedAt,
                subject: m.subject,
                excerpt: Self.excerpt(m.bodyText), inReplyTo: replied[id].map(ReplyThreads.phrase),
                answeredBy: answers[id]?.actor, answeredAt: answers[id]?.answeredAt)
        }
    }

    /// What `answered` did.
    public struct Answered: Sendable {
        public var message: Int64
        public var cooperative: String?
        public var subject: String?
        public var actor: String
        public var at: String
    }

    /// Marks the question `reference` (`12`, `message:12`, `n°12`) answered by the acting staff member.
    public func markAnswered(_ reference: String) throws -> Answered {
        guard let id = Self.messageNumber(reference) else {
            throw QuestionError(
                "« \(reference) » n'est pas un numéro de message (exemple : 12 ou message:12 ; voir « coopmail review --questions »)."
            )
        }
        let now = Timestamp.iso(clock())
        switch try store.markQuestionAnswered(
            message: id, actor: actor, at: now, action: .answer,
            history: { m in "question n° \(id) « \(m.subject ?? "sans objet") » répondue" })
        {
        case .answered(let m, let a):
            return Answered(
                message: id, cooperative: m.cooperative, subject: m.subject, actor: a.actor, at: a.answeredAt)
        case .alreadyAnswered(_, let a):
            throw QuestionError(
                "la question n° \(id) est déjà marquée répondue (par \(a.actor), \(Self.frenchDateTime(a.answeredAt)))."
            )
        case .notAQuestion:
            throw QuestionError(
                "le message n° \(id) n'est pas une question (c'est un envoi de pièces, un courriel automatique ou un message pas encore lu) ; « coopmail show message:\(id) » le montre."
            )
        case .unknown:
            throw QuestionError(
                "message n° \(id) introuvable ; « coopmail review --questions » liste les questions en attente.")
        }
    }

    static func messageNumber(_ text: String) -> Int64? {
        var t = text.trimmingCharacters(in: .whitespaces).lowercased()
        for prefix in ["message:", "message", "n°", "no", "#"] where t.hasPrefix(prefix) {
            t = String(t.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        guard t.count <= 18, let n = Int64(t), n > 0 else { return nil }
        return n
    }

    static func frenchDateTime(_ iso: String) -> String {
        guard let d = Timestamp.parse(iso) else { return iso }
        let f = DateFormatter()
        f.locale = Locale(identifier: "fr_FR")
        f.timeZone = .paris
        f.dateFormat = "dd/MM/yyyy 'à' HH:mm"
        return f.string(from: d)
    }

    /// The first lines of a mail's text: at most `lines` non-empty lines of at most `width` characters, quoted
    /// replies (`>`, « Le … a écrit : », Outlook's headers) and the signature (`-- `, « Envoyé de mon… ») left out,
    /// control characters removed. Bounded work whatever the body's size.
    public static func excerpt(_ body: String, lines maxLines: Int = 3, width: Int = 100) -> [String] {
        var kept: [String] = []
        for raw in body.prefix(20_000).split(omittingEmptySubsequences: true, whereSeparator: { $0.isNewline }) {
            let cleaned = String(
                String.UnicodeScalarView(
                    raw.unicodeScalars.map { s -> Unicode.Scalar in
                        let v = s.value
                        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0x061C || v == 0x200E
                            || v == 0x200F
                            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) ? " " : s
                    }))
            let t = cleaned.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            if t.isEmpty { continue }
            if t.hasPrefix(">") { continue }
            let lower = t.lowercased()
            if t == "--" || t.hasPrefix("-----") || t.hasPrefix("_____") || lower.hasPrefix("de :")
                || lower.hasPrefix("from:")
                || lower.hasPrefix("envoyé de mon") || lower.hasPrefix("envoyé depuis")
                || lower.hasPrefix("sent from my")
                || lower.hasPrefix("obtenir outlook")
            {
                break
            }
            if (lower.hasPrefix("le ") && (lower.hasSuffix("a écrit :") || lower.hasSuffix("a écrit:")))
                || (lower.hasPrefix("on ") && lower.hasSuffix("wrote:"))
            {
                break
            }
            kept.append(t.count > width ? String(t.prefix(width - 1)) + "…" : t)
            if kept.count == maxLines { break }
        }
        return kept
    }
}

/// A French error about a question (unknown number, already answered…).
public struct QuestionError: Error, LocalizedError, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var errorDescription: String? { message }
}

/// Replies of mandataires to the mails we sent them (reminders, answers), matched on exact Message-IDs.
public enum ReplyThreads {
    /// A reply and the mail of ours it answers.
    public struct Reply: Sendable, Encodable {
        public var message: Int64
        public var receivedAt: String
        public var from: String?
        public var subject: String?
        /// The outbox row it answers.
        public var answers: Int64
        public var phrase: String
    }

    /// The cooperative's mails of the exercise that answer one of the mails we sent it, by outbox row.
    public static func load(_ store: Store, cooperative: CooperativeNumber, exercise: Exercise) throws -> [Int64:
        [Reply]]
    {
        var out: [Int64: [Reply]] = [:]
        for link in try store.replyLinks(cooperative: cooperative.description, exercise: exercise.description) {
            guard let id = link.reply.id, let answer = link.answer.id else { continue }
            out[answer, default: []].append(
                Reply(
                    message: id, receivedAt: link.reply.receivedAt, from: link.reply.fromAddress,
                    subject: link.reply.subject, answers: answer, phrase: phrase(link.answer)))
        }
        return out
    }

    /// « réponse à la relance du 15/10 », « réponse à l'accusé de réception du 02/10 »…
    public static func phrase(_ sent: OutboxRecord) -> String {
        let what: String
        switch sent.kind {
        case .reminderNothingReceived, .reminderIncomplete, .reminderToCorrect: what = "à la relance"
        case .acknowledgment: what = "à l'accusé de réception"
        case .validated: what = "au message « dossier validé »"
        case .toCorrect: what = "au message « dossier à corriger »"
        case .missingDocuments: what = "au message « documents manquants »"
        case .senderUnknown: what = "à notre message"
        }
        let day = Timestamp.parse(sent.sentAt ?? sent.createdAt).flatMap { CalendarDate(parisDayOf: $0) }
        return "réponse \(what)" + (day.map { " du " + String($0.french.prefix(5)) } ?? "")
    }
}
