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
        let s = String(text.uppercased().filter { !$0.isWhitespace && $0 != "-" })
        return isValid(s) ? s : nil
    }

    public static func isValid(_ s: String) -> Bool {
        guard (15...34).contains(s.count), s.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }),
            s.prefix(2).allSatisfy(\.isLetter), s.dropFirst(2).prefix(2).allSatisfy(\.isNumber)
        else { return false }
        let rearranged = s.dropFirst(4) + s.prefix(4)
        var remainder = 0
        for ch in rearranged {
            if let d = ch.wholeNumberValue, ch.isNumber {
                remainder = (remainder * 10 + d) % 97
            } else if let a = ch.asciiValue {
                let v = Int(a) - 55
                remainder = (remainder * 100 + v) % 97
            }
        }
        return remainder == 1
    }

    /// The digits of the account number inside a French IBAN (the 11 characters after bank and branch codes).
    public static func frenchAccountDigits(_ iban: String) -> String? {
        guard iban.hasPrefix("FR"), iban.count == 27 else { return nil }
        let account = iban.dropFirst(14).prefix(11)
        return String(account.filter(\.isNumber))
    }
}
