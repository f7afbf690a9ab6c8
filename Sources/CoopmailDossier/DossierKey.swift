import CoopmailDomain

/// What identifies a dossier: one cooperative, one exercise.
public struct DossierKey: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var cooperative: CooperativeNumber
    public var exercise: Exercise

    public init(cooperative: CooperativeNumber, exercise: Exercise) {
        self.cooperative = cooperative
        self.exercise = exercise
    }

    /// `075-0123 (2020-2021)`
    public var description: String { "\(cooperative) (\(exercise))" }

    public static func < (a: Self, b: Self) -> Bool { (a.exercise, a.cooperative) < (b.exercise, b.cooperative) }
}
