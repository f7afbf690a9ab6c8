import CoopmailDomain

/// Whether a statement is for a cooperative's registered account (the `statement_account` rule).
public enum StatementAccount {
    /// True when the statement's IBAN (or, without one, its short dotted account number) is the registered one;
    /// false when it is another account; nil when the statement shows neither or the coop has no registered IBAN.
    public static func matches(_ statement: BankStatement, registeredIBAN: String?) -> Bool? {
        guard let registered = registeredIBAN.flatMap(IBAN.normalized) else { return nil }
        if let iban = statement.iban { return iban == registered }
        if let short = statement.accountNumber, let account = IBAN.frenchAccountDigits(registered) {
            return CooperativeMatcher.stripZeros(account)
                == CooperativeMatcher.stripZeros(String(short.filter(\.isNumber)))
        }
        return nil
    }
}
