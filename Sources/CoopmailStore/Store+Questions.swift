import CoopmailDomain
import GRDB

/// A question (a mail of nature `message`) that staff marked answered (migration v18-questions).
public struct MessageAnswerRecord: Codable, Equatable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "message_answer"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var message: Int64
    public var actor: String
    public var answeredAt: String

    public init(message: Int64, actor: String, answeredAt: String) {
        self.message = message
        self.actor = actor
        self.answeredAt = answeredAt
    }
}

extension MessageRecord {
    /// Human mails without documents (questions, replies) of one exercise, newest first.
    public static func questions(exercise: String) -> QueryInterfaceRequest<MessageRecord> {
        filter(Column("exercise") == exercise && Column("nature") == MessageNature.message.rawValue)
            .order(Column("received_at").desc, Column("id").desc)
    }

    /// One cooperative's questions of one exercise, answered or not, oldest first.
    public static func questions(exercise: String, cooperative: String) -> QueryInterfaceRequest<MessageRecord> {
        filter(
            Column("exercise") == exercise && Column("nature") == MessageNature.message.rawValue
                && Column("cooperative") == cooperative
        ).order(Column("received_at"), Column("id"))
    }

    /// The questions of one exercise that staff have not marked answered, newest first.
    public static func waitingQuestions(exercise: String) -> QueryInterfaceRequest<MessageRecord> {
        questions(exercise: exercise).filter(sql: "id NOT IN (SELECT message FROM message_answer)")
    }

    /// Automatic mails (bounces, auto-replies, receipts, list mail) of one exercise, newest first.
    public static func automaticMails(exercise: String) -> QueryInterfaceRequest<MessageRecord> {
        filter(Column("exercise") == exercise && Column("nature") == MessageNature.automatic.rawValue)
            .order(Column("received_at").desc, Column("id").desc)
    }

    /// A cooperative's mails of one exercise (its own or through one of their documents) that name an earlier
    /// mail in In-Reply-To or References.
    public static func threadedMails(cooperative: String, exercise: String) -> QueryInterfaceRequest<MessageRecord> {
        filter(Column("exercise") == exercise && (Column("in_reply_to") != nil || Column("references") != nil))
            .filter(
                // One list of ids (index look-ups), not an OR that makes SQLite read every mail of the season.
                sql:
                    "id IN (SELECT id FROM message WHERE cooperative = ? UNION SELECT message FROM document WHERE cooperative = ?)",
                arguments: [cooperative, cooperative]
            )
            .order(Column("received_at"), Column("id"))
    }
}

extension OutboxRecord {
    /// The mails of one dossier (answers, decisions, reminders), oldest first.
    public static func of(cooperative: String, exercise: String) -> QueryInterfaceRequest<OutboxRecord> {
        filter(Column("cooperative") == cooperative && Column("exercise") == exercise).order(Column("id"))
    }

    /// The mails we sent (or queued) whose Message-ID is one of `messageIDs` (exact match).
    public static func withMessageIDs(_ messageIDs: [String]) -> QueryInterfaceRequest<OutboxRecord> {
        filter(messageIDs.contains(Column("message_id"))).order(Column("id"))
    }
}

extension MessageAnswerRecord {
    /// The answered marks of these messages.
    public static func of(_ messages: [Int64]) -> QueryInterfaceRequest<MessageAnswerRecord> {
        filter(messages.contains(Column("message")))
    }
}

/// What marking a question answered did.
public enum QuestionAnswerOutcome: Sendable {
    case answered(MessageRecord, MessageAnswerRecord)
    case alreadyAnswered(MessageRecord, MessageAnswerRecord)
    /// The message exists but is not a question (a submission, an automatic mail, not read yet).
    case notAQuestion(MessageRecord)
    case unknown
}

/// A mail of a cooperative that answers one of the mails we sent it.
public struct ReplyLink: Sendable {
    public var reply: MessageRecord
    public var answer: OutboxRecord
}

extension Store {
    /// Marks a question answered and, in the same transaction, writes `history` in its dossier's history (when it is
    /// attached to a cooperative) with `action`.
    public func markQuestionAnswered(
        message id: Int64, actor: String, at: String, action: DecisionAction,
        history: @Sendable (MessageRecord) -> String
    ) throws -> QuestionAnswerOutcome {
        try db.write { db in
            guard let m = try MessageRecord.fetchOne(db, key: id) else { return .unknown }
            guard m.nature == MessageNature.message.rawValue else { return .notAQuestion(m) }
            if let done = try MessageAnswerRecord.fetchOne(db, key: id) { return .alreadyAnswered(m, done) }
            let answer = MessageAnswerRecord(message: id, actor: actor, answeredAt: at)
            try answer.insert(db)
            if let coop = m.cooperative {
                var entry = DecisionRecord(
                    cooperative: coop, exercise: m.exercise, action: action, actor: actor,
                    reason: history(m), documents: [], createdAt: at)
                try entry.insert(db)
            }
            return .answered(m, answer)
        }
    }

    /// The mails of a cooperative's exercise that reply to one of the mails we sent that cooperative: their
    /// In-Reply-To or References name exactly the Message-ID of one of its outbox rows. Headers are the sender's
    /// words: only whole `<…>` identifiers are compared, never parts of them.
    public func replyLinks(cooperative: String, exercise: String) throws -> [ReplyLink] {
        let mails = try db.read { db in
            try MessageRecord.threadedMails(cooperative: cooperative, exercise: exercise).fetchAll(db)
        }
        let answered = try repliedMails(mails, cooperative: cooperative)
        return mails.compactMap { m in m.id.flatMap { answered[$0] }.map { ReplyLink(reply: m, answer: $0) } }
    }

    /// For each of `messages` that replies to a mail we sent to the same cooperative, that mail (by message id).
    /// In-Reply-To first, then the newest of References: the mail it answers directly. `cooperative`, when given,
    /// stands for the messages' own (a submission attached through its documents).
    public func repliedMails(_ messages: [MessageRecord], cooperative: String? = nil) throws -> [Int64: OutboxRecord] {
        var named: [Int64: [String]] = [:]
        var all = Set<String>()
        for m in messages {
            guard let id = m.id else { continue }
            let ids = Self.referencedMessageIDs(inReplyTo: m.inReplyTo, references: m.references)
            if ids.isEmpty { continue }
            named[id] = ids
            all.formUnion(ids)
        }
        guard !all.isEmpty else { return [:] }
        let wanted = Array(all)
        var byID: [String: OutboxRecord] = [:]
        try db.read { db in
            for start in stride(from: 0, to: wanted.count, by: 500) {
                let chunk = Array(wanted[start..<min(start + 500, wanted.count)])
                for row in try OutboxRecord.withMessageIDs(chunk).fetchAll(db) where byID[row.messageId] == nil {
                    byID[row.messageId] = row
                }
            }
        }
        var out: [Int64: OutboxRecord] = [:]
        for m in messages {
            guard let id = m.id, let ids = named[id] else { continue }
            // Only a mail we sent to this very cooperative: a Message-ID copied from another's thread links nothing.
            if let hit = ids.lazy.compactMap({ byID[$0] }).first(where: {
                $0.cooperative != nil && $0.cooperative == (cooperative ?? m.cooperative)
            }) {
                out[id] = hit
            }
        }
        return out
    }

    /// Message-IDs named by In-Reply-To then References (newest first): whole `<local@domain>` tokens only, without
    /// spaces or control characters, at most 250 characters each and 100 in all.
    public static func referencedMessageIDs(inReplyTo: String?, references: String?) -> [String] {
        var out: [String] = []
        func tokens(_ text: String?) -> [String] {
            guard let text else { return [] }
            var found: [String] = []
            var current: String? = nil
            for ch in text.prefix(30_000) {
                if ch == "<" {
                    current = "<"
                    continue
                }
                guard var c = current else { continue }
                if ch == ">" {
                    c.append(">")
                    if c.count > 3, c.count <= 250, c.contains("@") { found.append(c) }
                    current = nil
                } else if ch.isWhitespace || ch.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
                    || c.count > 250
                {
                    current = nil
                } else {
                    c.append(ch)
                    current = c
                }
            }
            return found
        }
        for id in tokens(inReplyTo) + tokens(references).reversed() where !out.contains(id) {
            out.append(id)
            if out.count >= 100 { break }
        }
        return out
    }
}
