import CoopmailDomain

/// Which cooperative a document belongs to, how sure the matcher is, and why (short French phrases for staff).
public struct Match: Hashable, Codable, Sendable {
    /// Nil when not confidently matched: below the threshold, or strong signals disagree.
    public var cooperative: CooperativeNumber?
    /// 0…1; the best candidate's confidence even when the match is refused.
    public var confidence: Double
    public var evidence: [String]

    public init(cooperative: CooperativeNumber?, confidence: Double, evidence: [String]) {
        self.cooperative = cooperative
        self.confidence = confidence
        self.evidence = evidence
    }
}
