import CoopmailDomain

/// The JSON export of the contract (`coopmail export --format json`). Optional fields are written as `null`, never omitted.
public struct ExportDocument: Encodable {
    public var exercise: String
    public var submissions: [Submission]
    public var dossiers: [Dossier]

    public struct Submission: Encodable {
        public var messageID: String?
        public var from: String?
        public var subject: String?
        public var receivedAt: String
        public var cooperative: String?
        public var match: Match
        public var status: String
        public var quarantineReason: String?
        /// `documents` | `message` | `automatic`.
        public var nature: String
        public var documents: [Document]
        /// The parts of a kept message that could not be read (French); empty when none.
        public var notes: [String] = []

        enum CodingKeys: String, CodingKey {
            case messageID = "message_id"
            case from, subject
            case receivedAt = "received_at"
            case cooperative, match, status
            case quarantineReason = "quarantine_reason"
            case nature, documents, notes
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(messageID, forKey: .messageID)
            try c.encode(from, forKey: .from)
            try c.encode(subject, forKey: .subject)
            try c.encode(receivedAt, forKey: .receivedAt)
            try c.encode(cooperative, forKey: .cooperative)
            try c.encode(match, forKey: .match)
            try c.encode(status, forKey: .status)
            try c.encode(quarantineReason, forKey: .quarantineReason)
            try c.encode(nature, forKey: .nature)
            try c.encode(documents, forKey: .documents)
            try c.encode(notes, forKey: .notes)
        }
    }

    public struct Match: Encodable {
        public var confidence: Double
        public var evidence: [String]
    }

    public struct Document: Encodable {
        public var id: Int64
        public var filename: String
        public var sha256: String
        public var mediaType: String
        public var kind: String
        public var pages: [Int]?
        public var cooperative: String?
        public var statement: Statement?
        /// Quitus only: each signature place's verdict and measure (absent on other documents).
        public var signatures: [Signature]? = nil

        enum CodingKeys: String, CodingKey {
            case id, filename, sha256
            case mediaType = "media_type"
            case kind, pages, cooperative, statement, signatures
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(filename, forKey: .filename)
            try c.encode(sha256, forKey: .sha256)
            try c.encode(mediaType, forKey: .mediaType)
            try c.encode(kind, forKey: .kind)
            try c.encode(pages, forKey: .pages)
            try c.encode(cooperative, forKey: .cooperative)
            try c.encode(statement, forKey: .statement)
            try c.encodeIfPresent(signatures, forKey: .signatures)
        }
    }

    /// `{"place": "parent", "verdict": "signed", "measure": 0.42}`
    public struct Signature: Encodable {
        public var place: String
        public var verdict: String
        public var measure: Double

        public init(_ reading: SignatureReading) {
            place = reading.place.rawValue
            verdict = reading.verdict.rawValue
            measure = reading.measure
        }
    }

    public struct Statement: Encodable {
        public var date: String?
        public var balanceCents: Int64?
        public var iban: String?
        public var balanceSource: String?

        enum CodingKeys: String, CodingKey {
            case date
            case balanceCents = "balance_cents"
            case iban
            case balanceSource = "balance_source"
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(date, forKey: .date)
            try c.encode(balanceCents, forKey: .balanceCents)
            try c.encode(iban, forKey: .iban)
            try c.encode(balanceSource, forKey: .balanceSource)
        }
    }

    /// A dossier of the export: the contract's fields of ``DossierPresentation``, the type the read commands' `--json`
    /// share (its staff view is left out here).
    public typealias Dossier = DossierPresentation

    public struct CheckRow: Encodable {
        public var rule: String
        public var verdict: String
        public var expectedCents: Int64?
        public var foundCents: Int64?
        public var differenceCents: Int64?
        public var detail: String

        enum CodingKeys: String, CodingKey {
            case rule, verdict
            case expectedCents = "expected_cents"
            case foundCents = "found_cents"
            case differenceCents = "difference_cents"
            case detail
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(rule, forKey: .rule)
            try c.encode(verdict, forKey: .verdict)
            try c.encode(expectedCents, forKey: .expectedCents)
            try c.encode(foundCents, forKey: .foundCents)
            try c.encode(differenceCents, forKey: .differenceCents)
            try c.encode(detail, forKey: .detail)
        }

        public init(_ check: Check) {
            rule = check.rule.rawValue
            verdict = check.verdict.rawValue
            expectedCents = check.expected?.cents
            foundCents = check.found?.cents
            differenceCents = check.difference?.cents
            detail = check.detail
        }
    }
}
