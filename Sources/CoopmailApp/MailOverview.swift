import CoopmailClassification
import CoopmailDomain
import CoopmailDossier
import CoopmailStore
import Foundation

/// Every mail received, visible somewhere: the mails attached to no cooperative (with why), quarantined (with the
/// reason), set aside (with the error), automatic (with what recognised them); and, for the season count, the
/// registered cooperatives that wrote without anything attached to them, apart from those that sent nothing at all.
public struct MailOverview: Sendable {
    /// One mail, for staff.
    public struct Line: Sendable, Equatable, Encodable {
        public var id: Int64
        public var receivedAt: String
        public var from: String?
        public var subject: String?
        /// Where the mail is: « rattaché au dossier », « non rattaché », « en quarantaine », « en échec »…
        public var state: String
        /// Why (French): the matcher's evidence, the quarantine reason, the error, the detector's reason.
        public var detail: String
        /// A bounce, auto-reply, read receipt or list mail: no sending of the cooperative.
        public var automatic: Bool = false
    }

    public var exercise: Exercise
    public var unattached: [Line] = []
    public var quarantined: [Line] = []
    public var setAside: [Line] = []
    public var automatic: [Line] = []
    /// How many mails of each kind the exercise has (the lists above may hold only the newest of them).
    public struct Counts: Sendable, Equatable {
        public var unattached = 0
        public var quarantined = 0
        public var setAside = 0
        public var automatic = 0
    }
    public var counts = Counts()
    /// Registered cooperatives with no dossier whose registered address wrote (a quarantined mail, a mail cut off, a
    /// reply, a mail left unattached…): « a écrit, rien de rattaché ».
    public var wroteNothingAttached: [CooperativeNumber] = []
    /// Registered cooperatives from which nothing at all arrived: really « sans envoi ».
    public var silent: [CooperativeNumber] = []

    /// The overview of one exercise; `season` gives the cooperatives without a dossier; `limit`: at most so many
    /// mails of each kind, the newest (all when nil), the counts being the exercise's.
    public static func load(_ store: Store, season: SeasonSummary, limit: Int? = nil) throws -> MailOverview {
        try load(store, exercise: season.exercise, withoutDossier: season.silent, limit: limit)
    }

    /// The overview of one exercise; `withoutDossier`: the registered cooperatives without a dossier, to split
    /// between « sans envoi » and « a écrit, rien de rattaché »; `limit`: at most so many mails of each kind.
    public static func load(
        _ store: Store, exercise: Exercise, withoutDossier: [CooperativeNumber] = [], limit: Int? = nil
    ) throws -> MailOverview {
        let e = exercise.description
        var o = MailOverview(exercise: exercise)
        try store.read { tx in
            for kind in OverviewMailKind.allCases {
                let lines = try tx.overviewMails(kind, exercise: e, limit: limit).map { try line($0, tx) }
                // Fewer lines than the limit: they are all there is.
                let count =
                    limit.map { lines.count < $0 } == false ? try tx.overviewMailCount(kind, exercise: e) : lines.count
                switch kind {
                case .unattached: (o.unattached, o.counts.unattached) = (lines, count)
                case .quarantined: (o.quarantined, o.counts.quarantined) = (lines, count)
                case .setAside: (o.setAside, o.counts.setAside) = (lines, count)
                case .automatic: (o.automatic, o.counts.automatic) = (lines, count)
                }
            }
            guard !withoutDossier.isEmpty else { return }
            let wrote = try tx.wroteAmong(cooperatives: withoutDossier.map(\.description), exercise: e)
            o.wroteNothingAttached = withoutDossier.filter { wrote.contains($0.description) }
            o.silent = withoutDossier.filter { !wrote.contains($0.description) }
        }
        return o
    }

    /// Every mail of the exercise from one of the cooperative's registered addresses, or attached to it, whatever
    /// became of it, newest first.
    public static func mails(_ store: Store, cooperative: CooperativeNumber, exercise: Exercise) throws -> [Line] {
        try store.read { tx in
            let emails = try tx.cooperative(number: cooperative.description)?.cooperative?.mandataire.emails ?? []
            let fromThem = try tx.mails(from: emails, exercise: exercise.description)
            return try fromThem.map { try line($0, tx, cooperative: cooperative.description) }
        }
    }

    /// The state and the reason of one mail, in French.
    static func line(_ m: MessageRecord, _ tx: StoreTransaction, cooperative: String? = nil) throws -> Line {
        let evidence = JSON.decode([String].self, m.matchEvidence) ?? []
        var state: String
        var detail: String
        switch m.status {
        case MessageStatus.quarantined:
            state = "en quarantaine"
            detail = m.quarantineReason ?? "raison non enregistrée"
        case MessageStatus.setAside:
            state = "en échec, mis de côté"
            detail = try m.id.flatMap { try tx.processingError(message: $0) } ?? "erreur inconnue"
        case MessageStatus.received:
            state = "en attente de lecture"
            detail = "sera lu au prochain passage de « coopmail run »"
        default:
            let docCoops = try m.id.map { try tx.documentCooperatives(message: $0) } ?? []
            let coops = Set(docCoops + [m.cooperative].compactMap { $0 }).sorted()
            if m.nature == CoopmailDomain.MessageNature.automatic.rawValue {
                state = "courriel automatique"
                detail = evidence.first ?? "courriel automatique"
            } else if coops.isEmpty {
                state = "non rattaché"
                detail = unattachedReason(m, evidence: evidence)
            } else if let cooperative, !coops.contains(cooperative) {
                state = "rattaché à une autre coopérative (\(coops.joined(separator: ", ")))"
                detail = evidence.joined(separator: " ; ")
            } else if m.nature == CoopmailDomain.MessageNature.message.rawValue {
                state = "message sans document"
                detail = MailNatureList.excerpt(m.bodyText)
            } else {
                state = coops.count > 1 ? "rattaché (\(coops.joined(separator: ", ")))" : "rattaché au dossier"
                detail = evidence.first ?? ""
            }
        }
        let notes = JSON.decode([String].self, m.salvageNotes) ?? []
        if !notes.isEmpty {
            detail += (detail.isEmpty ? "" : " ; ") + "parties illisibles : " + notes.joined(separator: " ; ")
        }
        return Line(
            id: m.id ?? 0, receivedAt: m.receivedAt, from: m.fromAddress, subject: m.subject, state: state,
            detail: detail,
            automatic: m.nature == CoopmailDomain.MessageNature.automatic.rawValue)
    }

    /// Why a processed human mail is attached to nobody, in words staff act on.
    static func unattachedReason(_ m: MessageRecord, evidence: [String]) -> String {
        var parts: [String] = []
        if m.fromAddress == nil { parts.append("expéditeur illisible") }
        if evidence.isEmpty {
            parts.append("expéditeur inconnu du registre et aucun numéro de coopérative trouvé")
        } else {
            parts.append(evidence.joined(separator: " ; "))
        }
        let subject = (m.subject ?? "").lowercased()
        if subject.hasPrefix("tr:") || subject.hasPrefix("tr :") || subject.hasPrefix("fw:")
            || subject.hasPrefix("fwd:")
        {
            parts.append("courriel transféré : l'expéditeur d'origine n'est pas celui qui l'a envoyé")
        }
        return parts.joined(separator: " ; ")
    }
}
