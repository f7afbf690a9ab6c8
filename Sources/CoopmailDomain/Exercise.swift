/// An accounting year of a cooperative: 1 September of `startYear` to 31 August of the next year, written `2020-2021`.
public struct Exercise: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let startYear: Int

    /// Years outside those a ``CalendarDate`` holds are brought to the nearest one (1900–2998), so that ``opening``
    /// and ``closing`` always exist: an exercise computed from a mail's date must never stop the run.
    public init(startYear: Int) { self.startYear = Self.validStartYears.clamped(startYear) }

    /// Start years whose opening and closing days are ``CalendarDate``s.
    public static let validStartYears = 1900...2998

    /// Parses `2020-2021` (also `2020/2021`); the second year must follow the first.
    public init?(_ text: String) {
        let p = text.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard p.count == 2, let a = Int(String(p[0]).trimmingCharacters(in: [" "])),
            let b = Int(String(p[1]).trimmingCharacters(in: [" "])),
            Exercise.validStartYears.contains(a), b == a + 1
        else { return nil }
        startYear = a
    }

    public var endYear: Int { startYear + 1 }
    public var description: String { "\(startYear)-\(endYear)" }
    /// 1 September of the start year.
    public var opening: CalendarDate { CalendarDate(year: startYear, month: 9, day: 1) ?? CalendarDate.earliest }
    /// 31 August of the end year: the date every balance of the exercise is taken at.
    public var closing: CalendarDate { CalendarDate(year: endYear, month: 8, day: 31) ?? CalendarDate.latest }

    public func contains(_ date: CalendarDate) -> Bool { date >= opening && date <= closing }

    /// The exercise a date belongs to.
    public init(containing date: CalendarDate) { self.init(startYear: date.month >= 9 ? date.year : date.year - 1) }

    public static func < (a: Self, b: Self) -> Bool { a.startYear < b.startYear }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let e = Exercise(s) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "exercice invalide: \(s)"))
        }
        self = e
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension ClosedRange where Bound == Int {
    /// `value` brought inside the range.
    func clamped(_ value: Int) -> Int { Swift.min(Swift.max(value, lowerBound), upperBound) }
}
