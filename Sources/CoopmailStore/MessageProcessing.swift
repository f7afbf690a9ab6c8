import Foundation
import GRDB

/// Poison-mail bookkeeping (columns of migration `v9-set-aside`): a message is marked before it is read; a marker
/// found at the next start on a message still `received` means the process died while reading it (markers of
/// finished messages are ignored, and cleared then). Each death or thrown
/// error is one failed attempt; after ``MessageProcessing/maxAttempts`` the message is set aside (`set_aside`,
/// « en échec ») with its error, and the rest of the queue goes on.
public enum MessageProcessing {
    /// Failed attempts before a message is set aside.
    public static let maxAttempts = 2
    /// The error recorded for a message whose reading was interrupted by the death of the process.
    public static let interruptedError =
        "lecture interrompue : le programme s'est arrêté brutalement pendant la lecture de ce courriel"

    /// A set-aside message, as staff see it.
    public struct SetAside: Sendable, Equatable {
        public var id: Int64
        public var messageId: String?
        public var from: String?
        public var subject: String?
        public var receivedAt: String
        public var attempts: Int
        public var error: String?
    }
}

extension Store {
    /// Counts one failed attempt for every unfinished message still marked (the process that marked it died), and
    /// sets aside those that reached the limit. Returns the ids set aside now.
    @discardableResult
    public func recoverInterruptedProcessing(now: String) throws -> [Int64] {
        try db.write { db in
            try db.execute(
                sql: """
                    UPDATE message SET processing_attempts = processing_attempts + 1, processing_started_at = NULL,
                                       processing_error = ?
                    WHERE processing_started_at IS NOT NULL AND status = ?
                    """, arguments: [MessageProcessing.interruptedError, MessageStatus.received])
            // A message finished by the same transaction that could not clear its marker is not a failure.
            try db.execute(
                sql: "UPDATE message SET processing_started_at = NULL WHERE processing_started_at IS NOT NULL")
            return try setAsideExhausted(db)
        }
    }

    /// Marks `ids` as being read now (before their reading starts).
    public func markProcessing(_ ids: [Int64], now: String) throws {
        guard !ids.isEmpty else { return }
        try db.write { db in
            for id in ids {
                try db.execute(sql: "UPDATE message SET processing_started_at = ? WHERE id = ?", arguments: [now, id])
            }
        }
    }

    /// Clears the markers of `ids` (their reading ended, well or not).
    public func clearProcessing(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try db.write { db in
            for id in ids {
                try db.execute(sql: "UPDATE message SET processing_started_at = NULL WHERE id = ?", arguments: [id])
            }
        }
    }

    /// Records one failed attempt of `id` with its French error and clears its marker; true when the message is now
    /// set aside.
    public func recordProcessingFailure(_ id: Int64, error: String) throws -> Bool {
        try db.write { db in
            try db.execute(
                sql: """
                    UPDATE message SET processing_attempts = processing_attempts + 1, processing_started_at = NULL,
                                       processing_error = ?
                    WHERE id = ? AND status = ?
                    """, arguments: [error, id, MessageStatus.received])
            return try setAsideExhausted(db).contains(id)
        }
    }

    /// The ids of messages waiting to be read that already failed at least once (read alone, after the others).
    public func suspectMessages() throws -> Set<Int64> {
        try db.read { db in
            Set(
                try Int64.fetchAll(
                    db, sql: "SELECT id FROM message WHERE status = ? AND processing_attempts > 0",
                    arguments: [MessageStatus.received]))
        }
    }

    /// Every set-aside message, oldest first.
    public func setAsideMessages() throws -> [MessageProcessing.SetAside] {
        try db.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, message_id, from_address, subject, received_at, processing_attempts, processing_error
                    FROM message WHERE status = ? ORDER BY id
                    """, arguments: [MessageStatus.setAside]
            ).map { r in
                MessageProcessing.SetAside(
                    id: r["id"], messageId: r["message_id"], from: r["from_address"], subject: r["subject"],
                    receivedAt: r["received_at"], attempts: r["processing_attempts"], error: r["processing_error"])
            }
        }
    }

    /// The id of the message staff name by its number or its Message-ID (with or without `<>`).
    public func messageID(reference: String) throws -> Int64? {
        let text = reference.trimmingCharacters(in: .whitespaces)
        return try db.read { db in
            if let id = Int64(text),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE id = ?", arguments: [id]) == 1
            {
                return id
            }
            let bare = text.hasPrefix("<") && text.hasSuffix(">") ? String(text.dropFirst().dropLast()) : text
            return try Int64.fetchOne(
                db, sql: "SELECT id FROM message WHERE message_id IN (?, ?) ORDER BY id LIMIT 1",
                arguments: [bare, "<" + bare + ">"])
        }
    }

    /// Puts a set-aside message back in the queue with its attempts reset; false when it is not set aside.
    public func retryProcessing(_ id: Int64) throws -> Bool {
        try db.write { db in
            try db.execute(
                sql: """
                    UPDATE message SET status = ?, processing_attempts = 0, processing_error = NULL, processing_started_at = NULL
                    WHERE id = ? AND status = ?
                    """, arguments: [MessageStatus.received, id, MessageStatus.setAside])
            return db.changesCount == 1
        }
    }

    /// The messages with an `Authentication-Results` header, in the form the `message_authentication` partial index
    /// is made of (the same as `headers LIKE '%authentication-results%'`: ASCII case folded).
    static let hasAuthenticationResults = "instr(lower(headers), 'authentication-results') > 0"

    /// Messages that carry an `Authentication-Results` header (the caller reads what it says), oldest first; only
    /// those of `cooperative` and `exercise` when given (by the message's match or one of its documents').
    public func messagesWithAuthenticationResults(cooperative: String? = nil, exercise: String? = nil)
        throws -> [(id: Int64, from: String?, subject: String?, receivedAt: String, headers: String)]
    {
        try db.read { db in
            var sql =
                "SELECT id, from_address, subject, received_at, headers FROM message WHERE \(Self.hasAuthenticationResults)"
            var arguments: StatementArguments = []
            if let cooperative {
                sql += " AND (cooperative = ? OR id IN (SELECT message FROM document WHERE cooperative = ?))"
                arguments += [cooperative, cooperative]
            }
            if let exercise {
                sql += " AND exercise = ?"
                arguments += [exercise]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments).map {
                (
                    id: $0["id"], from: $0["from_address"], subject: $0["subject"], receivedAt: $0["received_at"],
                    headers: $0["headers"]
                )
            }
        }
    }

    private func setAsideExhausted(_ db: Database) throws -> [Int64] {
        let ids = try Int64.fetchAll(
            db, sql: "SELECT id FROM message WHERE status = ? AND processing_attempts >= ?",
            arguments: [MessageStatus.received, MessageProcessing.maxAttempts])
        for id in ids {
            try db.execute(sql: "UPDATE message SET status = ? WHERE id = ?", arguments: [MessageStatus.setAside, id])
        }
        return ids
    }
}
