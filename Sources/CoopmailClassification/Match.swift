import CoopmailDomain

/// Which cooperative a document belongs to, how sure the matcher is, and why (short French phrases for staff).
public struct Match: Hashable, Codable, Sendable {
    /// Nil when not confidently matched: below the threshold, or strong signals disagree.
    public var cooperative: CooperativeNumber?
    /// 0…1; the best candidate's confidence even when the match is refused.
    public var confidence: Double
    public var evidence: [String]

    public init(cooperative: CooperativeNumber?, confidence: Double, evidence: [String]) {
        self.cooperative = cooperative; self.confidence = confidence; self.evidence = evidence
    }
}

/// What the matcher looks at for one document: the mail's context and the document itself.
public struct MatchInput: Sendable {
    public var sender: String?
    public var subject: String
    public var body: String
    public var filename: String?
    public var documentText: String
    public var statement: BankStatement?
    public var quitus: Quitus?

    public init(sender: String? = nil, subject: String = "", body: String = "", filename: String? = nil, documentText: String = "",
                statement: BankStatement? = nil, quitus: Quitus? = nil) {
        self.sender = sender; self.subject = subject; self.body = body; self.filename = filename
        self.documentText = documentText; self.statement = statement; self.quitus = quitus
    }
}
