import CoopmailDomain
import CoopmailStore
import Foundation
import GRDB

/// The mails that are not document submissions, for staff: automatic mails (« Courriels automatiques ») and human
/// mails without documents (« questions en attente »), of one exercise, newest first.
public struct MailNatureList: Sendable {
    public struct Line: Sendable {
        public var id: Int64
        public var receivedAt: String
        public var from: String?
        public var subject: String?
        public var cooperative: String?
        /// Automatic mail: why it was recognised as such; message: the first words of its body.
        public var detail: String
    }

    public var automatic: [Line] = []
    public var questions: [Line] = []

    public static func load(_ store: Store, exercise: Exercise) throws -> MailNatureList {
        let rows = try store.db.read { db in
            try MessageRecord.filter(Column("exercise") == exercise.description
                                     && [MessageNature.automatic.rawValue, MessageNature.message.rawValue].contains(Column("nature")))
                .order(Column("received_at").desc, Column("id").desc).fetchAll(db)
        }
        var list = MailNatureList()
        for m in rows {
            guard let id = m.id else { continue }
            if m.nature == MessageNature.automatic.rawValue {
                let reason = (JSON.decode([String].self, m.matchEvidence) ?? []).first ?? "courriel automatique"
                list.automatic.append(Line(id: id, receivedAt: m.receivedAt, from: m.fromAddress, subject: m.subject,
                                           cooperative: nil, detail: reason))
            } else {
                list.questions.append(Line(id: id, receivedAt: m.receivedAt, from: m.fromAddress, subject: m.subject,
                                           cooperative: m.cooperative, detail: excerpt(m.bodyText)))
            }
        }
        return list
    }

    /// The first words of a body, on one line, quoted replies and signatures left out.
    static func excerpt(_ body: String, limit: Int = 90) -> String {
        var kept: [String] = []
        for line in body.split(whereSeparator: { $0.isNewline }) {
            let t = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if t.hasPrefix(">") { continue }
            if t == "--" || t.hasPrefix("-----") || t.hasPrefix("De :") || t.hasPrefix("From:") { break }
            if (t.hasPrefix("Le ") && t.hasSuffix("écrit :")) || (t.hasPrefix("On ") && t.hasSuffix("wrote:")) { break }
            if !t.isEmpty { kept.append(t) }
        }
        let text = kept.joined(separator: " ")
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }
}
