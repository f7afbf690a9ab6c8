import CoopmailDomain

/// Decides a mail's ``MessageNature`` and, for a human mail without documents, which cooperative it belongs to.
///
/// - `automatic`: whatever ``AutomaticMailDetector`` recognises, documents or not (a bounce quotes the mail it
///   could not deliver, attachments included).
/// - `documents`: a human mail with at least one attachment that is not a decoration.
/// - `message`: a human mail whose attachments, if any, are all decorations — signature images and logos (images the
///   reader found nothing in that are small in bytes or in pixels), vCards, cryptographic signatures.
public enum MessageNatureRules {
    /// What the rules need to know about one attachment, after reading.
    public struct Attachment: Sendable {
        public var filename: String
        /// The sniffed media type.
        public var mediaType: String
        public var size: Int
        public var kind: DocumentKind
        /// An image's size in pixels (``ImagePixelSize``), when known.
        public var pixels: (width: Int, height: Int)?

        public init(
            filename: String, mediaType: String, size: Int, kind: DocumentKind, pixels: (width: Int, height: Int)? = nil
        ) {
            self.filename = filename
            self.mediaType = mediaType
            self.size = size
            self.kind = kind
            self.pixels = pixels
        }
    }

    /// Images of fewer pixels than this (about 600 × 500) in which the reader found nothing are logos, banners and
    /// signature images, whatever they weigh: the least a readable page needs — a 100 dpi A4 scan — is 827 × 1169
    /// (nearly a million pixels), and phone photos have several millions.
    public static let decorationImagePixels = 300_000

    /// Images under this size in which the reader found no quitus and no statement are signature images, logos or
    /// emoticons: a photo or scan of a page, even at 150 dpi in grey, weighs several times more.
    public static let decorationImageBytes = 20 * 1024

    static let decorationTypes: Set<String> = [
        "text/vcard", "text/x-vcard", "text/directory", "application/pkcs7-signature", "application/x-pkcs7-signature",
        "application/pgp-signature", "application/pgp-keys", "text/calendar",
    ]
    /// vCards, S/MIME and PGP signatures, calendar invitations.
    static let decorationExtensions = [".vcf", ".p7s", ".asc", ".sig", ".ics"]

    /// True when an attachment is not a document someone sent on purpose.
    public static func isDecoration(_ a: Attachment) -> Bool {
        guard a.kind == .other else { return false }
        if a.mediaType.hasPrefix("image/") {
            if a.size < decorationImageBytes { return true }
            if let p = a.pixels, p.width * p.height < decorationImagePixels { return true }
        }
        if decorationTypes.contains(a.mediaType.lowercased()) { return true }
        let name = a.filename.lowercased()
        return decorationExtensions.contains { name.hasSuffix($0) }
    }

    public static func nature(automatic: AutomaticMailDetector.Verdict?, attachments: [Attachment]) -> MessageNature {
        if automatic != nil { return .automatic }
        return attachments.contains { !isDecoration($0) } ? .documents : .message
    }

    /// The evidence line recorded on an automatic mail and on each of its documents.
    public static func automaticEvidence(_ verdict: AutomaticMailDetector.Verdict) -> String {
        "courriel automatique (\(verdict.kind.label) : \(verdict.reason)) : jamais rattaché à une coopérative"
    }
}

extension CooperativeMatcher {
    /// The cooperative of a human mail without documents (a question, a reply to a reminder).
    ///
    /// The usual rules apply first (a number or school named in the subject or body). When they abstain, a mail from
    /// an address registered for exactly one cooperative belongs to that cooperative — there is nothing else it could
    /// be about — unless the mail itself names another cooperative strongly (its number, its school), in which case
    /// it stays unmatched for staff.
    ///
    /// A mail from an address nobody registered (a parent, a school's secretariat) belongs to the one cooperative it
    /// names unambiguously: its full number typed once (`075-0123`), or a school name of two distinctive words or more
    /// spelled whole — and nothing else in the mail pointing at another cooperative. A one-word school name
    /// (« Saint-Bernard » → `bernard`) is also somebody's surname, often the writer's own signature: it never decides.
    ///
    /// Only decisive signals (a number, an IBAN) make a registered sender's mail name "another" cooperative: a school
    /// name is a supporting signal everywhere else in the matcher, and in a question it is as often a surname.
    public func matchMessage(sender: String?, subject: String, body: String) -> Match {
        let input = MatchInput(sender: sender, subject: subject, body: body)
        let (signals, notes) = signals(input)
        let base = decide(signals, notes: notes)
        if base.cooperative != nil { return base }
        guard let sender = sender.map(Self.address) else { return base }
        let owners = registry.filter { $0.mandataire.emails.contains { $0.lowercased() == sender } }.map(\.number)
        if owners.isEmpty { return namedByStranger(signals, notes: notes) ?? base }
        guard owners.count == 1, let own = owners.first else { return base }
        let others = signals.filter { $0.key != own && $0.value.contains(where: \.decisive) }.keys.sorted()
        if !others.isEmpty {
            return Match(
                cooperative: nil, confidence: base.confidence,
                evidence: [
                    "message de l'adresse enregistrée pour \(own), mais il désigne aussi "
                        + others.map(\.description).joined(separator: ", ") + " : à vérifier"
                ] + notes)
        }
        let list = signals[own] ?? []
        let confidence = 1 - list.reduce(1.0) { $0 * (1 - $1.weight) }
        var seen = Set<String>()
        let evidence = list.sorted { $0.weight > $1.weight }.map(\.evidence).filter { seen.insert($0).inserted }
        return Match(
            cooperative: own, confidence: confidence,
            evidence: evidence + ["message sans document d'une adresse enregistrée pour la seule coopérative \(own)"])
    }

    /// The one cooperative an unregistered sender's mail names without doubt, or nil.
    func namedByStranger(_ signals: [CooperativeNumber: [Signal]], notes: [String]) -> Match? {
        let byNumber = index?.byNumber ?? Dictionary(registry.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        func names(_ n: CooperativeNumber, _ list: [Signal]) -> Bool {
            list.contains { s in
                s.weight == Weight.mailNumberFull
                    || (s.weight == Weight.schoolFull
                        && (byNumber[n].map { SchoolNameMatcher.distinctiveWords($0.school).count >= 2 } ?? false))
            }
        }
        let named = signals.filter { names($0.key, $0.value) }.keys.sorted()
        guard named.count == 1, let only = named.first else { return nil }
        // Anything else strong (another number, another whole school name) leaves the mail to staff.
        guard !signals.contains(where: { $0.key != only && $0.value.contains { $0.weight >= Weight.strong } }) else {
            return nil
        }
        let list = signals[only] ?? []
        let confidence = 1 - list.reduce(1.0) { $0 * (1 - $1.weight) }
        var seen = Set<String>()
        let evidence = list.sorted { $0.weight > $1.weight }.map(\.evidence).filter { seen.insert($0).inserted }
        return Match(
            cooperative: only, confidence: confidence,
            evidence: evidence + notes + [
                "message sans document d'une adresse absente du registre qui désigne la seule coopérative \(only)"
            ])
    }
}
