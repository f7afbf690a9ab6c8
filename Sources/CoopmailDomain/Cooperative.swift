/// A school cooperative as registered with the association (one row of the registry CSV).
public struct Cooperative: Hashable, Codable, Sendable {
    public var number: CooperativeNumber
    /// The school's name (`ecole`).
    public var school: String
    /// The town or arrondissement (`commune`).
    public var town: String
    public var mandataire: Mandataire
    /// The registered IBAN, normalised (no spaces, upper case), if known.
    public var iban: String?

    public init(number: CooperativeNumber, school: String, town: String, mandataire: Mandataire, iban: String?) {
        self.number = number
        self.school = school
        self.town = town
        self.mandataire = mandataire
        self.iban = iban
    }
}

/// The teacher who manages a cooperative's money and files its report, with the addresses registered for it.
public struct Mandataire: Hashable, Codable, Sendable {
    public var name: String
    /// Registered addresses, lower-cased. Financial details go to these addresses only.
    public var emails: [String]

    public init(name: String, emails: [String]) {
        self.name = name
        self.emails = emails
    }
}

/// IBAN helpers (ISO 13616).
public enum IBAN {
    /// Upper-cases and removes spaces; nil when the result is not a valid IBAN (mod-97 check).
    public static func normalized(_ text: String) -> String? {
        // ASCII text (every registry row, most documents) is cleaned byte by byte: the same result as the
        // Unicode route below, without its per-character property lookups (#16: 50,000 IBANs at each run).
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            for b in text.utf8 where !isASCIIWhitespace(b) && b != UInt8(ascii: "-") {
                bytes.append((UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) ? b - 32 : b)
            }
            guard isValid(bytes) else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }
        let s = String(text.uppercased().filter { !$0.isWhitespace && $0 != "-" })
        return isValid(s) ? s : nil
    }

    public static func isValid(_ s: String) -> Bool {
        isValid(Array(s.utf8))
    }

    /// The check on UTF-8 bytes: 15 to 34 of `0-9A-Z` (any other byte, so any non-ASCII character, fails), two
    /// letters, two digits, and the mod-97 remainder of the rearranged number is 1.
    static func isValid(_ s: [UInt8]) -> Bool {
        func isDigit(_ b: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) }
        func isLetter(_ b: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b) }
        guard (15...34).contains(s.count), s.allSatisfy({ isDigit($0) || isLetter($0) }),
            isLetter(s[0]), isLetter(s[1]), isDigit(s[2]), isDigit(s[3])
        else { return false }
        var remainder = 0
        for b in s[4...] + s[..<4] {
            remainder =
                isDigit(b)
                ? (remainder * 10 + Int(b - UInt8(ascii: "0"))) % 97
                : (remainder * 100 + Int(b) - 55) % 97
        }
        return remainder == 1
    }

    /// What `Character.isWhitespace` says of an ASCII byte: tab, line feed, vertical tab, form feed, carriage
    /// return, space.
    static func isASCIIWhitespace(_ b: UInt8) -> Bool { (0x09...0x0D).contains(b) || b == 0x20 }

    /// The digits of the account number inside a French IBAN (the 11 characters after bank and branch codes).
    public static func frenchAccountDigits(_ iban: String) -> String? {
        guard iban.hasPrefix("FR") else { return nil }
        // Byte by byte when each byte is a character (ASCII without "\r", which "\r\n" would join).
        if iban.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            let bytes = Array(iban.utf8)
            guard bytes.count == 27 else { return nil }
            return String(
                decoding: bytes[14..<25].filter { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) },
                as: UTF8.self)
        }
        guard iban.count == 27 else { return nil }
        let account = iban.dropFirst(14).prefix(11)
        return String(account.filter(\.isNumber))
    }
}
