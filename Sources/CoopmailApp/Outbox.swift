import CoopmailDomain
import CoopmailOutcome
import CoopmailStore
import Foundation

/// Queues outcome mails: renders the template once, stores the exact bytes, and records one row per outcome
/// (a unique key per outcome: queuing the same outcome twice does nothing).
///
/// Privacy: financial content goes only to the cooperative's registered addresses (``RecipientPolicy``);
/// loop prevention (``ReplyPolicy``) refuses answers to robots, lists and bounces, and limits answers per address per day.
public final class Outbox {
    public let store: Store
    public let config: Config
    public let templates: TemplateLibrary
    let clock: () -> Date

    /// Mails one address may be sent in 24 hours (answers, decisions, reminders together).
    public static let maxMailsPerAddressPerDay = 3

    public init(store: Store, config: Config, templates: TemplateLibrary, clock: @escaping () -> Date = Date.init) {
        self.store = store
        self.config = config
        self.templates = templates
        self.clock = clock
    }

    /// Why nothing was queued.
    public enum Skip: Equatable, Sendable {
        case alreadyQueued
        case quarantined
        case refused(String)
        case noRecipient
        /// Every recipient is an address a bounce said is failing (each described: « x@y (User unknown, …) »).
        case addressesFailing([String])
    }

    /// Queues the answer to a processed incoming message: an acknowledgment (documents found and missing) to the
    /// sender, without figures — one per cooperative when the mail carried documents of several —, or
    /// `sender_unknown` when no cooperative is known for it.
    ///
    /// Once decided (queued, already queued, or refused by the reply rules), the message is marked acknowledged, so
    /// that ``unacknowledgedMessages()`` no longer lists it.
    @discardableResult
    public func acknowledge(message id: Int64) throws -> [Result<OutboxRecord, SkipError>] {
        let results = try decideAcknowledgment(message: id)
        try store.markAcknowledged(message: id, at: Timestamp.iso(clock()))
        return results
    }

    /// Processed messages whose answer has not been decided yet, oldest first.
    public func unacknowledgedMessages() throws -> [Int64] {
        try store.unacknowledgedMessageIDs()
    }

    private func decideAcknowledgment(message id: Int64) throws -> [Result<OutboxRecord, SkipError>] {
        guard let m = try store.message(id: id) else {
            return [.failure(SkipError(.noRecipient))]
        }
        if m.status == MessageStatus.quarantined { return [.failure(SkipError(.quarantined))] }
        // Only a mail that carried documents gets the automatic acknowledgment (« documents reçus ») : an automatic
        // mail is never answered, and a question or a reply is for staff to answer.
        switch m.nature.flatMap(MessageNature.init(rawValue:)) {
        case .automatic?: return [.failure(SkipError(.refused("courriel automatique : jamais de réponse")))]
        case .message?: return [.failure(SkipError(.refused("message sans document : l'équipe répond elle-même")))]
        default: break
        }
        // No sender that can be read: nobody to answer (never the cooperative's addresses in its place).
        guard let sender = m.fromAddress.map(Mailbox.normalize), Mailbox.isValidAddress(sender) else {
            return [.failure(SkipError(.noRecipient))]
        }
        let headers = (m.headerFields ?? []).compactMap {
            $0.count == 2 ? (name: $0[0], value: $0[1]) : nil
        }
        let policy = ReplyPolicy(
            maxRepliesPerDay: Self.maxMailsPerAddressPerDay, ownAddresses: [config.organisationAddress])
        let decision = policy.decide(
            headers: headers, envelopeSender: m.returnPath ?? m.fromAddress,
            repliesSentToday: try repliesToday(sender))
        if let reason = decision.reason { return [.failure(SkipError(.refused(reason)))] }
        let docs = try store.documents(ofMessage: id)
        let numbers = Set(docs.compactMap(\.cooperative) + [m.cooperative].compactMap { $0 }).sorted()
        let coops = try store.cooperatives(numbers: numbers).compactMap(\.cooperative)
        let exercise = Exercise(m.exercise) ?? config.exercise(forMailAt: clock())
        // Only the cooperatives this sender is registered for are named to it; anyone else gets the one generic answer.
        let own = coops.filter { RecipientPolicy().plan(cooperative: $0, sender: sender).senderIsRegistered }
        if own.isEmpty {
            return [try acknowledge(m, cooperative: nil, documents: [], exercise: exercise, key: "ack:\(m.key)")]
        }
        var results: [Result<OutboxRecord, SkipError>] = []
        for coop in own {
            // The daily limit counts answers, not messages: one mail naming ten cooperatives queues at most the limit.
            if try repliesToday(sender) >= Self.maxMailsPerAddressPerDay {
                results.append(
                    .failure(SkipError(.refused(ReplyRefusal.rateLimit(limit: Self.maxMailsPerAddressPerDay).reason))))
                continue
            }
            let mine = docs.filter { ($0.cooperative ?? m.cooperative) == coop.number.description }
            results.append(
                try acknowledge(
                    m, cooperative: coop, documents: mine, exercise: exercise,
                    key: own.count == 1 ? "ack:\(m.key)" : "ack:\(m.key):\(coop.number)"))
        }
        return results
    }

    func acknowledge(
        _ m: MessageRecord, cooperative coop: Cooperative?, documents docs: [DocumentRecord], exercise: Exercise,
        key: String
    ) throws -> Result<OutboxRecord, SkipError> {
        let plan = RecipientPolicy().plan(cooperative: coop, sender: m.fromAddress)
        let kind = plan.senderReply
        let found = docs.filter { $0.readStatus != .container }.map {
            OutcomeContext.describeFound(filename: $0.filename, kind: $0.kind)
        }
        var missing: [String] = []
        if let coop {
            let kinds = try store.receivedKinds(cooperative: coop.number, exercise: exercise)
            for k in [DocumentKind.quitus, .bankStatement] where !kinds.contains(k) {
                missing.append(OutcomeContext.describeMissing(k, exercise: exercise))
            }
        }
        var context = OutcomeContext(
            organisation: config.organisationName,
            mandataireName: plan.senderIsRegistered ? coop?.mandataire.name : nil,
            cooperative: coop?.number, school: coop?.school, exercise: exercise, senderAddress: m.fromAddress,
            originalSubject: m.subject,
            receivedOn: Timestamp.parse(m.receivedAt).flatMap(CalendarDate.init(parisDayOf:)),
            documentsFound: found, documentsMissing: missing)
        context.documentsUnreadable = OutcomeContext.unreadable(
            fromNotes: m.notes)
        return try enqueue(
            kind: kind, recipients: plan.recipients(for: kind), context: context, cooperative: coop?.number,
            exercise: exercise, incoming: m, key: key)
    }

    /// Queues the mail that tells the registered addresses of a cooperative what staff decided.
    @discardableResult
    public func announceDecision(
        _ kind: OutcomeKind, cooperative number: CooperativeNumber, exercise: Exercise,
        checks: [Check], motif: String?, decisionKey: String
    ) throws -> Result<OutboxRecord, SkipError> {
        guard let coop = try store.cooperative(number: number.description)?.cooperative else {
            return .failure(SkipError(.noRecipient))
        }
        let plan = RecipientPolicy().plan(cooperative: coop, sender: nil)
        // Answer in the thread of the last mail received from a registered address.
        let last = try store.mails(cooperative: number.description, exercise: exercise.description).first { m in
            m.fromAddress.map { plan.financialRecipients.contains($0) } ?? false
        }
        // What is missing, named (never « il nous manque : » followed by nothing).
        var missingKinds: [DocumentKind] = []
        for c in checks where c.verdict == .fail {
            switch c.rule {
            case .quitusReceived: missingKinds.append(.quitus)
            case .bankStatementReceived, .statementDate:
                if !missingKinds.contains(.bankStatement) { missingKinds.append(.bankStatement) }
            default: break
            }
        }
        let context = OutcomeContext(
            organisation: config.organisationName, mandataireName: coop.mandataire.name,
            cooperative: coop.number, school: coop.school, exercise: exercise,
            originalSubject: last?.subject,
            documentsMissing: missingKinds.map { OutcomeContext.describeMissing($0, exercise: exercise) },
            checks: checks, motif: motif)
        return try enqueue(
            kind: kind, recipients: plan.recipients(for: kind), context: context, cooperative: number,
            exercise: exercise, incoming: last, key: decisionKey)
    }

    func enqueue(
        kind: OutcomeKind, recipients: [String], context: OutcomeContext, cooperative: CooperativeNumber?,
        exercise: Exercise, incoming: MessageRecord?, key: String
    ) throws -> Result<OutboxRecord, SkipError> {
        let own = Mailbox.normalize(config.organisationAddress)
        let valid = recipients.map(Mailbox.normalize).filter { $0 != own && Mailbox.isValidAddress($0) }
        // Never to an address a bounce said is failing: the other registered addresses, else nobody (staff see why).
        let failing = try store.addressFailures(of: valid)
        let to = valid.filter { failing[$0] == nil }
        guard !to.isEmpty else {
            if !failing.isEmpty {
                return .failure(
                    SkipError(
                        .addressesFailing(
                            failing.values.sorted { $0.address < $1.address }.map(AddressFailures.describe))))
            }
            return .failure(SkipError(.noRecipient))
        }
        if try store.isQueued(dedupeKey: key) {
            return .failure(SkipError(.alreadyQueued))
        }
        var context = context
        context.deadline = context.deadline ?? config.submissionDeadline
        context.contact = context.contact ?? config.contact ?? config.organisationAddress
        let rendered = try templates.render(kind, context: context)
        let from =
            config.smtpFrom.flatMap(Mailbox.init(parsing:)) ?? Mailbox(name: config.organisationName, address: own)
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "localhost"
        let messageID = OutcomeMessage.messageID(outcomeID: SHA256.hex(Data(key.utf8)).prefix(24) + "", domain: domain)
        var references = (incoming?.references ?? "").split(separator: " ").map(String.init)
        if let mid = incoming?.messageId { references.append(mid) }
        let message = OutcomeMessage(
            rendered: rendered, from: from, to: to.map { Mailbox(address: $0) }, messageID: messageID,
            date: clock(), timeZone: .paris,
            inReplyTo: incoming?.messageId, references: references)
        let bytes = Data(try message.bytes())
        let sha = try store.blobs.put(bytes)
        let now = Timestamp.iso(clock())
        var row = OutboxRecord(
            dedupeKey: key, kind: kind, cooperative: cooperative?.description,
            exercise: exercise.description, message: incoming?.id, envelopeFrom: from.address,
            recipients: JSON.encode(to), subject: rendered.subject, rawSha256: sha, messageId: messageID,
            state: .queued, nextAttemptAt: now, createdAt: now)
        let inserted = try store.queueAnswer(&row)
        return inserted ? .success(row) : .failure(SkipError(.alreadyQueued))
    }

    /// Outcome mails queued for `address` in the last 24 hours.
    func repliesToday(_ address: String?) throws -> Int {
        guard let address else { return 0 }
        let since = Timestamp.iso(clock().addingTimeInterval(-86_400))
        return try store.answersAddressed(to: Mailbox.normalize(address), since: since)
    }
}

/// Why an outcome was not queued.
public struct SkipError: Error, Equatable, Sendable {
    public let skip: Outbox.Skip
    public init(_ s: Outbox.Skip) { skip = s }
}
