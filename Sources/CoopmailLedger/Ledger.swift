import CoopmailDomain

/// The ledger rules of the contract, evaluated on one cooperative's dossier for one exercise.
///
/// ``evaluate(_:)`` returns one ``Check`` per ``Rule``, in `Rule.allCases` order, each with its verdict, the amounts in
/// cents where they apply (`difference` = found − expected) and one French sentence for the mandataire, followed by
/// « Cause possible : … » when a likely cause of a difference is visible. The result never depends on the order of
/// the statements given.
public struct Ledger: Sendable {
    public init() {}

    public func evaluate(_ input: LedgerInput) -> [Check] {
        let closing = input.exercise.closing
        let statements = StatementSelection.canonicalOrder(input.statements)
        let selection = StatementSelection.select(
            from: statements, closing: closing, registeredIBAN: input.registeredIBAN,
            expected: input.declaration?.expectedStatementBalance)
        return Rule.allCases.map { rule in
            switch rule {
            case .crfBalanced: return crfBalanced(input.declaration, statements: statements, closing: closing)
            case .bankStatementMatches:
                return bankStatementMatches(
                    input.declaration, statements: statements, selection: selection, closing: closing)
            case .statementDate: return statementDate(statements, selection: selection, closing: closing)
            case .statementAccount:
                return statementAccount(statements, selection: selection, registeredIBAN: input.registeredIBAN)
            case .quitusReceived: return quitusReceived(input.quitusReceived)
            case .bankStatementReceived: return bankStatementReceived(statements, closing: closing)
            case .quitusSigned: return quitusSigned(input.quitus, received: input.quitusReceived)
            case .quitusMatchesDeclaration:
                return quitusMatchesDeclaration(
                    input.quitus, received: input.quitusReceived, declaration: input.declaration,
                    exercise: input.exercise)
            }
        }
    }

    // MARK: crf_balanced

    func crfBalanced(_ declaration: FinancialReport?, statements: [BankStatement], closing: CalendarDate) -> Check {
        guard let d = declaration else {
            return Check(
                rule: .crfBalanced, verdict: .unknown,
                detail:
                    "Les chiffres du compte rendu financier ne nous sont pas encore parvenus : son équilibre n'a pas pu être vérifié."
            )
        }
        let expected = d.openingBalance + d.income - d.expenses
        let found = d.bookBankBalance + d.cashBalance
        let difference = found - expected
        let left =
            "report à nouveau \(d.openingBalance.french) + produits \(d.income.french) − charges \(d.expenses.french) = \(expected.french)"
        let right = "solde banque \(d.bookBankBalance.french) + solde caisse \(d.cashBalance.french)"
        if difference.cents == 0 {
            return Check(
                rule: .crfBalanced, verdict: .pass, expected: expected, found: found, difference: difference,
                detail: "Le compte rendu financier est équilibré : \(left), égal au \(right).")
        }
        let causes = CauseFinder(declaration: d, statements: statements, closing: closing).balanceCauses(
            found: found, expected: expected)
        let sentence =
            "Le compte rendu financier n'est pas équilibré : \(left), mais \(right) = \(found.french), "
            + "soit un écart de \(difference.magnitude.french)."
        return Check(
            rule: .crfBalanced, verdict: .fail, expected: expected, found: found, difference: difference,
            detail: join(sentence, LikelyCause.sentence(causes)))
    }

    // MARK: bank_statement_matches

    func bankStatementMatches(
        _ declaration: FinancialReport?, statements: [BankStatement], selection: StatementSelection?,
        closing: CalendarDate
    ) -> Check {
        let rule = Rule.bankStatementMatches
        guard let d = declaration else {
            return Check(
                rule: rule, verdict: .unknown,
                detail:
                    "Sans les chiffres du compte rendu financier, le solde du relevé ne peut pas être rapproché du solde banque déclaré."
            )
        }
        let expected = d.expectedStatementBalance
        guard let selection else {
            let detail =
                statements.isEmpty
                ? "Sans relevé de compte au \(closing.french), le solde banque déclaré ne peut pas être rapproché du relevé."
                : "Aucun relevé reçu ne donne le solde au \(closing.french) : le rapprochement avec le solde banque déclaré n'a pas pu être fait."
            return Check(rule: rule, verdict: .unknown, expected: expected, detail: detail)
        }
        let found = selection.balance.amount
        let difference = found - expected
        var subject = "Le solde du relevé au \(closing.french) (\(found.french)"
        if selection.balance.source == .computed {
            let base = selection.base.map { "du solde du \($0.date.french)" } ?? "du dernier solde connu"
            subject += ", calculé à partir \(base) et des opérations passées jusqu'au \(closing.french)"
        }
        subject += ")"
        let formula =
            "\(expected.french) = solde banque \(d.bookBankBalance.french) + chèques non débités \(d.outstandingCheques.french)"
            + " − encaissements non crédités \(d.depositsInTransit.french)"
        if difference.cents == 0 {
            return Check(
                rule: rule, verdict: .pass, expected: expected, found: found, difference: difference,
                detail: "\(subject) correspond au solde attendu (\(formula)).")
        }
        let causes = CauseFinder(declaration: d, statements: statements, closing: closing).statementCauses(
            found: found, expected: expected)
        let sentence = "\(subject) diffère de \(difference.magnitude.french) du solde attendu (\(formula))."
        return Check(
            rule: rule, verdict: .fail, expected: expected, found: found, difference: difference,
            detail: join(sentence, LikelyCause.sentence(causes)))
    }

    // MARK: statement_date

    func statementDate(_ statements: [BankStatement], selection: StatementSelection?, closing: CalendarDate) -> Check {
        let rule = Rule.statementDate
        if let selection {
            let amount = selection.balance.amount.french
            let period = StatementPeriod(of: selection.statement).map { " (\($0.french))" } ?? ""
            // How the figures were read (an OCR slip corrected, a balance only the declaration confirms): staff must see it.
            var notes = (selection.statement.readingNotes ?? []).joined(separator: " ")
            if selection.balance.confirmedByDeclaration {
                notes = join(
                    "Ce solde a été lu par reconnaissance de caractères et les opérations lues sur le relevé ne se "
                        + "recoupent pas avec ses soldes ; il est retenu parce qu'il est, au centime près, le solde attendu "
                        + "d'après les chiffres déclarés.", notes)
            }
            switch selection.balance.source {
            case .read:
                return Check(
                    rule: rule, verdict: .pass, found: selection.balance.amount,
                    detail: join("Le solde au \(closing.french) (\(amount)) est lu sur le relevé\(period).", notes))
            case .computed:
                let base =
                    selection.base.map { "du solde du \($0.date.french) (\($0.amount.french))" }
                    ?? "du dernier solde connu"
                return Check(
                    rule: rule, verdict: .pass, found: selection.balance.amount,
                    detail: join(
                        "Le solde au \(closing.french) (\(amount)) n'est pas imprimé sur le relevé\(period) : il a été calculé "
                            + "à partir \(base) et des opérations passées jusqu'au \(closing.french).", notes))
            }
        }
        if statements.isEmpty {
            return Check(
                rule: rule, verdict: .unknown,
                detail: "Aucun relevé de compte n'a été reçu : la date du solde n'a pas pu être vérifiée.")
        }
        let periods = statements.compactMap(StatementPeriod.init(of:)).sorted()
        if periods.isEmpty {
            return Check(
                rule: rule, verdict: .unknown,
                detail: "La période du relevé reçu n'a pas pu être lue : la date du solde n'a pas pu être vérifiée.")
        }
        if periods.contains(where: { $0.covers(closing) }) {
            // Why (a page whose totals do not add up), when the reader said it.
            let notes = statements.flatMap { $0.readingNotes ?? [] }.joined(separator: " ")
            return Check(
                rule: rule, verdict: .unknown,
                detail: join(
                    "Le relevé couvre le \(closing.french), mais son solde à cette date n'a pas pu être lu.", notes))
        }
        var unique: [StatementPeriod] = []
        for p in periods where !unique.contains(p) { unique.append(p) }
        let listed = unique.map(\.french).joined(separator: ", ")
        let head =
            unique.count == 1
            ? "Le relevé reçu ne couvre pas le \(closing.french)"
            : "Aucun des relevés reçus ne couvre le \(closing.french)"
        var detail = "\(head) (\(listed)) : il faut le relevé qui couvre le \(closing.french)."
        if let june = CalendarDate(year: closing.year, month: 6, day: 30), unique.contains(where: { $0.end == june }) {
            detail +=
                " Cause possible : le relevé s'arrête au \(june.french), à la fin de l'année scolaire, alors que l'exercice se termine le \(closing.french)."
        }
        return Check(rule: rule, verdict: .fail, detail: detail)
    }

    // MARK: statement_account

    func statementAccount(_ statements: [BankStatement], selection: StatementSelection?, registeredIBAN: String?)
        -> Check
    {
        let rule = Rule.statementAccount
        if statements.isEmpty {
            return Check(
                rule: rule, verdict: .unknown,
                detail: "Aucun relevé de compte n'a été reçu : le compte n'a pas pu être vérifié.")
        }
        guard let raw = registeredIBAN, !raw.allSatisfy(\.isWhitespace) else {
            return Check(
                rule: rule, verdict: .unknown,
                detail: "Aucun IBAN n'est enregistré pour la coopérative : le compte du relevé n'a pas pu être vérifié."
            )
        }
        guard let registered = IBAN.normalized(raw) else {
            return Check(
                rule: rule, verdict: .unknown,
                detail:
                    "L'IBAN enregistré pour la coopérative n'est pas valide : le compte du relevé n'a pas pu être vérifié."
            )
        }
        var results: [AccountMatch] = []
        if let selection { results = [AccountMatch.compare(selection.statement, registeredIBAN: registered)] }
        if results.isEmpty || results == [.unreadable] {
            results = statements.map { AccountMatch.compare($0, registeredIBAN: registered) }.filter {
                $0 != .unreadable
            }
            // The registered account's statement was received (its balance may be unreadable): another account's
            // statement sent with it is no error of the mandataire's.
            if results.contains(where: \.isMatch) { results = results.filter(\.isMatch) }
        }
        let shown = AccountMatch.formatIBAN(registered)
        var mismatched: [String] = []
        for case .mismatch(let printed) in results where !mismatched.contains(printed) { mismatched.append(printed) }
        if !mismatched.isEmpty {
            return Check(
                rule: rule, verdict: .fail,
                detail:
                    "Le relevé porte le compte \(mismatched.joined(separator: ", ")), qui n'est pas le compte enregistré pour la "
                    + "coopérative (IBAN \(shown)) : merci d'envoyer le relevé du compte de la coopérative.")
        }
        guard case .match(let printed)? = results.first else {
            return Check(rule: rule, verdict: .unknown, detail: "Le numéro de compte n'a pas pu être lu sur le relevé.")
        }
        return Check(
            rule: rule, verdict: .pass,
            detail:
                "Le relevé est bien celui du compte enregistré pour la coopérative (\(printed == shown ? "IBAN " + shown : "compte " + printed))."
        )
    }

    // MARK: documents

    func quitusReceived(_ received: Bool) -> Check {
        received
            ? Check(rule: .quitusReceived, verdict: .pass, detail: "Le quitus a bien été reçu.")
            : Check(
                rule: .quitusReceived, verdict: .fail,
                detail:
                    "Le quitus (la page du compte rendu financier signée par deux personnes en plus du mandataire) n'a pas été reçu."
            )
    }

    func bankStatementReceived(_ statements: [BankStatement], closing: CalendarDate) -> Check {
        statements.isEmpty
            ? Check(
                rule: .bankStatementReceived, verdict: .fail,
                detail: "Le relevé de compte BRED qui couvre le \(closing.french) n'a pas été reçu.")
            : Check(
                rule: .bankStatementReceived, verdict: .pass,
                detail: statements.count == 1
                    ? "Un relevé de compte a bien été reçu."
                    : "\(statements.count) relevés de compte ont bien été reçus.")
    }

    private func join(_ a: String, _ b: String) -> String { b.isEmpty ? a : a + " " + b }
}
