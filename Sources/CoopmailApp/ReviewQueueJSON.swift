import CoopmailDossier
import CoopmailText
import Foundation

/// `review --json`: the queue for tools (keys in snake_case, sorted), every line that passes the filters. Written by
/// ``write(exercise:automaticMails:questionsWaiting:lines:to:)`` piece by piece with ``PrettyJSON``: the same bytes as
/// `JSONEncoder` (pretty, sorted keys, snake_case keys) gave for ``Queue``, which the tests keep as the reference.
public enum ReviewQueueJSON {
    /// One dossier of the queue. Optional fields are left out when nil (as the encoder's synthesized code does).
    public struct QueueLine: Encodable {
        public var cooperative: String
        public var school: String?
        public var exercise: String
        public var status: String
        public var statusLabel: String
        public var automaticStatus: String
        public var ageDays: Int?
        public var lastSubmissionAt: String?
        public var matchConfidence: Double?
        public var documents: Int
        public var submissions: Int
        public var failedChecks: [ExportDocument.CheckRow]
        /// Rules that could not be checked (not for a missing document).
        public var uncheckedChecks: [ExportDocument.CheckRow]

        public func write(to w: inout PrettyJSON) throws {
            w.beginObject()
            if let ageDays {
                w.key("age_days")
                w.int(ageDays)
            }
            w.key("automatic_status")
            w.string(automaticStatus)
            w.key("cooperative")
            w.string(cooperative)
            w.key("documents")
            w.int(documents)
            w.key("exercise")
            w.string(exercise)
            w.key("failed_checks")
            Self.write(failedChecks, to: &w)
            if let lastSubmissionAt {
                w.key("last_submission_at")
                w.string(lastSubmissionAt)
            }
            if let matchConfidence {
                w.key("match_confidence")
                try w.double(matchConfidence)
            }
            if let school {
                w.key("school")
                w.string(school)
            }
            w.key("status")
            w.string(status)
            w.key("status_label")
            w.string(statusLabel)
            w.key("submissions")
            w.int(submissions)
            w.key("unchecked_checks")
            Self.write(uncheckedChecks, to: &w)
            w.endObject()
        }

        static func write(_ checks: [ExportDocument.CheckRow], to w: inout PrettyJSON) {
            w.beginArray()
            for c in checks {
                w.element()
                c.write(to: &w)
            }
            w.endArray()
        }
    }

    /// Bounces, auto-replies, receipts, list mail of the exercise (« Courriels automatiques »), newest first.
    public struct AutomaticMail: Encodable {
        public var message: Int64
        public var receivedAt: String
        public var from: String?
        public var subject: String?
        public var reason: String

        public func write(to w: inout PrettyJSON) {
            w.beginObject()
            if let from {
                w.key("from")
                w.string(from)
            }
            w.key("message")
            w.int(message)
            w.key("reason")
            w.string(reason)
            w.key("received_at")
            w.string(receivedAt)
            if let subject {
                w.key("subject")
                w.string(subject)
            }
            w.endObject()
        }
    }

    /// The whole document, as the encoder saw it (the tests' reference).
    public struct Queue: Encodable {
        public var exercise: String
        public var total: Int
        public var dossiers: [QueueLine]
        /// Questions of mandataires waiting for staff (`review --questions`).
        public var questionsWaiting: Int
        public var automaticMails: [AutomaticMail]

        public init(
            exercise: String, total: Int, dossiers: [QueueLine], questionsWaiting: Int, automaticMails: [AutomaticMail]
        ) {
            self.exercise = exercise
            self.total = total
            self.dossiers = dossiers
            self.questionsWaiting = questionsWaiting
            self.automaticMails = automaticMails
        }
    }

    /// The document piece by piece to `out` (about 64 KiB each, the last one without a final newline): the lines come
    /// from `lines`, which calls its argument once per line and returns the exercise's dossier count (`total`).
    public static func write(
        exercise: String, automaticMails: [AutomaticMail], questionsWaiting: Int,
        lines: ((QueueLine) throws -> Void) throws -> Int, to out: (String) throws -> Void
    ) throws {
        var w = PrettyJSON(capacity: 1 << 17)
        w.beginObject()
        w.key("automatic_mails")
        w.beginArray()
        for m in automaticMails {
            w.element()
            m.write(to: &w)
        }
        w.endArray()
        w.key("dossiers")
        w.beginArray()
        let total = try withoutActuallyEscaping(out) { out in
            try lines { line in
                if w.bytes.count >= 1 << 16 {
                    try out(w.text)
                    w.clear()
                }
                w.element()
                try line.write(to: &w)
            }
        }
        w.endArray()
        w.key("exercise")
        w.string(exercise)
        w.key("questions_waiting")
        w.int(questionsWaiting)
        w.key("total")
        w.int(total)
        w.endObject()
        try out(w.text)
    }
}

// The initialisers from the stage types sit in extensions: the memberwise ones stay (the tests use them).
extension ReviewQueueJSON.QueueLine {
    public init(_ s: DossierSummary, now: Date) {
        cooperative = s.key.cooperative.description
        school = s.school
        exercise = s.key.exercise.description
        status = s.status.rawValue
        statusLabel = s.status.label
        automaticStatus = s.automaticStatus.rawValue
        ageDays = s.ageDays(now: now)
        lastSubmissionAt = s.lastSubmissionAt
        matchConfidence = s.matchConfidence
        documents = s.documentCount
        submissions = s.submissionCount
        failedChecks = s.failedChecks.map(ExportDocument.CheckRow.init)
        uncheckedChecks = s.uncheckedChecks.map(ExportDocument.CheckRow.init)
    }
}

extension ReviewQueueJSON.AutomaticMail {
    public init(_ line: MailNatureList.Line) {
        message = line.id
        receivedAt = line.receivedAt
        from = line.from
        subject = line.subject
        reason = line.detail
    }
}
