import CoopmailDomain

/// How a statement's account compares with the cooperative's registered IBAN.
public enum AccountMatch: Hashable, Sendable {
    /// The statement's IBAN, or its short account number's digits, are the registered account's.
    case match(printed: String)
    /// The statement shows another account.
    case mismatch(printed: String)
    /// Neither an IBAN nor an account number could be read on the statement.
    case unreadable

    public var isMatch: Bool {
        if case .match = self { return true } else { return false }
    }

    /// Compares `statement` with a registered IBAN (already normalised).
    public static func compare(_ statement: BankStatement, registeredIBAN registered: String) -> AccountMatch {
        if let iban = statement.iban.flatMap(IBAN.normalized) {
            return iban == registered ? .match(printed: formatIBAN(iban)) : .mismatch(printed: formatIBAN(iban))
        }
        if let number = statement.accountNumber, number.contains(where: \.isNumber) {
            return accountDigitsMatch(short: number, registeredIBAN: registered)
                ? .match(printed: number) : .mismatch(printed: number)
        }
        return .unreadable
    }

    /// True when the digits of a short account number (`518.06.4209`) are those of the registered IBAN's account
    /// number, leading zeros aside; a run of at least eight digits found inside the account number also matches.
    public static func accountDigitsMatch(short: String, registeredIBAN: String) -> Bool {
        let digits = stripZeros(String(short.filter { $0.isASCII && $0.isNumber }))
        let account = IBAN.frenchAccountDigits(registeredIBAN) ?? String(registeredIBAN.dropFirst(4).filter(\.isNumber))
        let registeredDigits = stripZeros(account)
        guard !digits.isEmpty, !registeredDigits.isEmpty else { return false }
        return digits == registeredDigits || (digits.count >= 8 && registeredDigits.contains(digits))
    }

    /// `FR76 1010 7001 …`: groups of four, as printed on a RIB.
    public static func formatIBAN(_ iban: String) -> String {
        var out = ""
        for (i, ch) in iban.enumerated() {
            if i > 0 && i % 4 == 0 { out.append(" ") }
            out.append(ch)
        }
        return out
    }

    private static func stripZeros(_ s: String) -> String { String(s.drop { $0 == "0" }) }
}
