/// A cooperative's number, `DDD-NNNN`: a three-digit département and a four-digit number (`075-0123`).
///
/// People write it in many ways (`75-123`, `075 0123`, `coop 123`, `n° 0123`); ``init(parsing:defaultDepartment:)``
/// accepts the written forms that carry no other meaning. Finding a number inside free text is the classifier's job.
public struct CooperativeNumber: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let department: Int
    public let number: Int

    public init?(department: Int, number: Int) {
        guard (1...999).contains(department), (0...9999).contains(number) else { return nil }
        self.department = department
        self.number = number
    }

    /// Parses `075-0123`, `75-123`, `075 0123`, `0750123`; with a default département also `123`, `0123`.
    public init?(parsing text: String, defaultDepartment: Int? = nil) {
        let t = text.trimmingCharacters(in: [" ", "\t", "\u{00A0}"])
        let parts = t.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == "/" || $0 == "." }).map(String.init)
        let allDigits = { (s: String) in !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        if parts.count == 2, allDigits(parts[0]), allDigits(parts[1]), parts[0].count <= 3, parts[1].count <= 4,
            let d = Int(parts[0]), let n = Int(parts[1])
        {
            self.init(department: d, number: n)
        } else if parts.count == 1, allDigits(parts[0]), parts[0].count == 7,
            let d = Int(parts[0].prefix(3)), let n = Int(parts[0].suffix(4))
        {
            self.init(department: d, number: n)
        } else if parts.count == 1, allDigits(parts[0]), parts[0].count <= 4, let d = defaultDepartment,
            let n = Int(parts[0])
        {
            self.init(department: d, number: n)
        } else {
            return nil
        }
    }

    /// The canonical form, `075-0123`.
    public var description: String {
        let d = String(department)
        let n = String(number)
        return String(repeating: "0", count: max(0, 3 - d.count)) + d + "-"
            + String(repeating: "0", count: max(0, 4 - n.count)) + n
    }

    public static func < (a: Self, b: Self) -> Bool { (a.department, a.number) < (b.department, b.number) }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let n = CooperativeNumber(parsing: s) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "numéro de coopérative invalide: \(s)"))
        }
        self = n
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
