import CoopmailDomain
import CoopmailDossier
import CoopmailLedger
import CoopmailOutcome
import CoopmailStore
import CoopmailText
import Foundation

/// Why a cooperative is reminded (the contract's `reason`).
public enum ReminderReason: String, Codable, Sendable, CaseIterable {
    /// Nothing received for the exercise.
    case nothingReceived = "nothing_received"
    /// The quitus or the statement is still missing.
    case incomplete
    /// Staff rejected the dossier (a correction is awaited).
    case toCorrect = "to_correct"

    public var label: String {
        switch self {
        case .nothingReceived: return "rien reçu"
        case .incomplete: return "dossier incomplet"
        case .toCorrect: return "correction attendue"
        }
    }

    var kind: OutcomeKind {
        switch self {
        case .nothingReceived: return .reminderNothingReceived
        case .incomplete: return .reminderIncomplete
        case .toCorrect: return .reminderToCorrect
        }
    }
}

/// One cooperative to remind.
public struct ReminderCandidate: Sendable, Equatable {
    public var cooperative: CooperativeNumber
    public var school: String
    /// The registered addresses the reminder goes to.
    public var addresses: [String]
    public var reason: ReminderReason
    /// For `incomplete`: what is missing.
    public var missing: [DocumentKind]
    /// Registered addresses left out because a bounce said they fail (described: « x@y (User unknown, …) »). When
    /// `addresses` is empty, the reminder cannot be sent: staff must reach the mandataire another way.
    public var failing: [String] = []
}

/// A reminder campaign (relances): one reminder per registered cooperative of the exercise whose dossier lacks the
/// quitus or the statement, or was rejected and waits for a correction, and that was not reminded within
/// `[season] reminder_interval_days`.
///
/// Not reminded: validated dossiers; dossiers complete and waiting for staff (« à vérifier », « à corriger » found by
/// the checks alone: staff have not asked anything yet); cooperatives without a valid registered address; an
/// address that already received the day's limit of mails. Reminders go to registered addresses only, are queued in
/// the outbox (sent by `notify`/`run` exactly once: one row per cooperative, exercise and day), threaded with the
/// cooperative's last mail, and recorded in the dossier's history.
public final class ReminderCampaign {
    public let store: Store
    public let config: Config
    let clock: () -> Date
    let actor: String

    public init(
        store: Store, config: Config, actor: String = StaffUser.current(), clock: @escaping () -> Date = Date.init
    ) {
        self.store = store
        self.config = config
        self.actor = actor
        self.clock = clock
    }

    /// Who would be reminded now, in cooperative order.
    public func candidates(exercise: Exercise) throws -> [ReminderCandidate] {
        let service = DossierService(store: store, actor: actor)
        let dossiers = Dictionary(
            try service.queue(exercise: exercise).map { ($0.key.cooperative, $0) }, uniquingKeysWith: { a, _ in a })
        let registry = try store.registeredCooperatives().compactMap(\.cooperative)
        let since = Timestamp.iso(clock().addingTimeInterval(-Double(config.reminderIntervalDays) * 86_400))
        let recent = Set(try store.remindedCooperatives(exercise: exercise.description, since: since))
        var out: [ReminderCandidate] = []
        for coop in registry where !recent.contains(coop.number.description) {
            let registered = coop.mandataire.emails.map(Mailbox.normalize).filter(Mailbox.isValidAddress)
            guard !registered.isEmpty else { continue }
            let failures = try store.addressFailures(of: registered)
            let addresses = registered.filter { failures[$0] == nil }
            let failing = registered.compactMap { failures[$0] }.map(AddressFailures.describe)
            let reason: ReminderReason
            var missing: [DocumentKind] = []
            switch dossiers[coop.number]?.status {
            case nil:
                reason = .nothingReceived
            case .incomplete?:
                let received = try store.receivedKinds(cooperative: coop.number, exercise: exercise)
                missing = [DocumentKind.quitus, .bankStatement].filter { !received.contains($0) }
                reason = missing.isEmpty ? .nothingReceived : .incomplete
            case .rejected?:
                reason = .toCorrect
            default:
                continue
            }
            out.append(
                ReminderCandidate(
                    cooperative: coop.number, school: coop.school, addresses: addresses, reason: reason,
                    missing: missing, failing: failing))
        }
        return out
    }

    /// What queuing did.
    public struct Summary: Sendable {
        public var queued: [ReminderCandidate] = []
        /// Not queued today: the address already received the day's limit of mails, or the same reminder was queued today.
        public var held: [(ReminderCandidate, String)] = []

        public var line: String {
            var s = "Relances : \(queued.count) mise\(Plural.s(queued.count)) en attente d'envoi"
            if !held.isEmpty { s += ", \(held.count) reportée\(Plural.s(held.count))" }
            return s
        }
    }

    /// Queues the candidates' reminders; each is recorded in its dossier's history.
    public func queue(_ candidates: [ReminderCandidate], exercise: Exercise, templates: TemplateLibrary) throws
        -> Summary
    {
        let outbox = Outbox(store: store, config: config, templates: templates, clock: clock)
        let service = DossierService(store: store, actor: actor)
        let day = CalendarDate(parisDayOf: clock())?.iso ?? String(Timestamp.iso(clock()).prefix(10))
        var summary = Summary()
        for c in candidates {
            if c.addresses.isEmpty {
                summary.held.append((c, "adresse en échec : " + c.failing.joined(separator: " ; ")))
                continue
            }
            if let full = try c.addresses.first(where: {
                try outbox.repliesToday($0) >= Outbox.maxMailsPerAddressPerDay
            }) {
                summary.held.append((c, "\(full) a déjà reçu \(Outbox.maxMailsPerAddressPerDay) messages aujourd'hui"))
                continue
            }
            let dossier = try service.dossier(c.cooperative, exercise: exercise)
            let motif = dossier?.decisions.last { $0.action == .reject }?.reason
            let context = OutcomeContext(
                organisation: config.organisationName, mandataireName: try mandataireName(c.cooperative),
                cooperative: c.cooperative,
                school: c.school, exercise: exercise,
                documentsMissing: c.missing.map { OutcomeContext.describeMissing($0, exercise: exercise) },
                checks: c.reason == .toCorrect ? (dossier?.failedChecks ?? []) : [],
                motif: c.reason == .toCorrect ? motif : nil)
            let last = try lastMail(from: c.addresses, cooperative: c.cooperative, exercise: exercise)
            switch try outbox.enqueue(
                kind: c.reason.kind, recipients: c.addresses, context: context, cooperative: c.cooperative,
                exercise: exercise, incoming: last, key: "reminder:\(c.cooperative):\(exercise):\(day)")
            {
            case .success:
                summary.queued.append(c)
                try service.recordReminder(
                    c.cooperative, exercise: exercise,
                    text: "relance (\(c.reason.label)) envoyée à \(c.addresses.joined(separator: ", "))")
            case .failure(let skip):
                if case .addressesFailing(let list) = skip.skip {
                    summary.held.append((c, "adresse en échec : " + list.joined(separator: " ; ")))
                } else {
                    summary.held.append(
                        (c, skip.skip == .alreadyQueued ? "déjà relancée aujourd'hui" : "aucune adresse valable"))
                }
            }
        }
        return summary
    }

    /// The scheduled campaign day of today (Paris), if `[season] reminder_dates` names it.
    public func scheduledToday() -> CalendarDate? {
        guard let today = CalendarDate(parisDayOf: clock()) else { return nil }
        return config.reminderDates.contains(today) ? today : nil
    }

    func mandataireName(_ number: CooperativeNumber) throws -> String? {
        try store.cooperative(number: number.description)?.cooperative?.mandataire.name
    }

    /// The cooperative's last mail from one of its registered addresses, to answer in its thread.
    func lastMail(from addresses: [String], cooperative: CooperativeNumber, exercise: Exercise) throws -> MessageRecord?
    {
        try store.mails(cooperative: cooperative.description, exercise: exercise.description).first { m in
            m.fromAddress.map { addresses.contains(Mailbox.normalize($0)) } ?? false
        }
    }
}
