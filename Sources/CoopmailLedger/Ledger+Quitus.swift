import CoopmailDomain
import CoopmailText

extension Ledger {
    // MARK: quitus_signed

    /// Pass when the elected parent's and the teacher's places both hold a handwritten mark; fail when one is
    /// visibly empty; unknown when no quitus, or a place could not be found or read.
    func quitusSigned(_ quitus: Quitus?, received: Bool) -> Check {
        let rule = Rule.quitusSigned
        guard received else {
            return Check(
                rule: rule, verdict: .unknown,
                detail: "Aucun quitus n'a été reçu : ses signatures n'ont pas pu être vérifiées.")
        }
        guard let signatures = quitus?.signatures else {
            return Check(
                rule: rule, verdict: .unknown,
                detail: "Les signatures du quitus n'ont pas pu être vérifiées (page non lue) : à vérifier à l'œil.")
        }
        let required: [SignaturePlace] = [.parent, .teacher]
        func verdict(_ p: SignaturePlace) -> SignatureVerdict {
            signatures.first { $0.place == p }?.verdict ?? .unreadable
        }
        let empty = required.filter { verdict($0) == .empty }
        let unreadable = required.filter { verdict($0) == .unreadable }
        if !empty.isEmpty {
            var detail =
                empty.count == 1
                ? "La signature \(empty[0].frenchOf) manque sur le quitus."
                : "Les signatures du parent d'élève élu et de l'enseignant manquent sur le quitus."
            detail +=
                " Le quitus doit être signé par deux personnes en plus du mandataire : un parent d'élève élu et un enseignant."
            return Check(rule: rule, verdict: .fail, detail: detail)
        }
        if !unreadable.isEmpty {
            let names = unreadable.map(\.frenchOf).joined(separator: " et ")
            return Check(
                rule: rule, verdict: .unknown,
                detail: "L'emplacement de signature \(names) n'a pas pu être lu sur le quitus : à vérifier à l'œil.")
        }
        return Check(
            rule: rule, verdict: .pass,
            detail: "Le quitus porte une signature manuscrite du parent d'élève élu et de l'enseignant.")
    }

    // MARK: quitus_matches_declaration

    /// The totals printed on the quitus (produits, charges, solde banque) and its exercise equal the declared ones;
    /// a quitus that says the accounts « ne semble(nt) pas correct(s) » fails.
    func quitusMatchesDeclaration(_ quitus: Quitus?, received: Bool, declaration: FinancialReport?, exercise: Exercise)
        -> Check
    {
        let rule = Rule.quitusMatchesDeclaration
        guard received else {
            return Check(
                rule: rule, verdict: .unknown,
                detail: "Aucun quitus n'a été reçu : ses chiffres n'ont pas pu être comparés à la déclaration.")
        }
        guard let q = quitus else {
            return Check(
                rule: rule, verdict: .unknown,
                detail: "Le quitus n'a pas pu être lu : ses chiffres n'ont pas pu être comparés à la déclaration.")
        }
        guard let d = declaration else {
            return Check(
                rule: rule, verdict: .unknown,
                detail:
                    "Sans les chiffres déclarés du compte rendu financier, ceux du quitus n'ont pas pu être comparés.")
        }
        let figures: [(String, Money?, Money)] = [
            ("le total des produits", q.income, d.income),
            ("le total des charges", q.expenses, d.expenses),
            ("le solde banque", q.bankBalance, d.bookBankBalance),
        ]
        var differences: [String] = []
        var slips = 0
        var first: (expected: Money, found: Money)?
        var agreeing: [String] = []
        var unread: [String] = []
        for (name, printed, declared) in figures {
            guard let printed else {
                unread.append(name)
                continue
            }
            if printed == declared {
                agreeing.append("\(name) (\(printed.french))")
            } else {
                let gap = (printed - declared).magnitude
                differences.append(
                    "\(name) imprimé (\(printed.french)) diffère de \(gap.french) de celui déclaré (\(declared.french))"
                )
                if first == nil { first = (declared, printed) }
                if printed.isOneSlip(from: declared) { slips += 1 }
            }
        }
        var exerciseSentence: String?
        if let e = q.exercise, e != exercise {
            exerciseSentence = "le quitus porte l'exercice \(e.description) et non \(exercise.description)"
        }
        var failures = differences + (exerciseSentence.map { [$0] } ?? [])
        if q.saysCorrect == false {
            failures.insert("le quitus indique que le compte rendu financier ne semble pas correct", at: 0)
        }
        if !differences.isEmpty, q.unbalancedReading == true, q.saysCorrect != false, exerciseSentence == nil {
            // Read by OCR, the quitus's own figures do not add up: one is misread, maybe the one that differs.
            return Check(
                rule: rule, verdict: .unknown,
                detail: "Sur le quitus, " + differences.joined(separator: " ; ")
                    + ", mais les chiffres lus sur le quitus ne s'équilibrent pas entre eux (report à nouveau + produits − charges ≠ solde banque + solde caisse) : l'un d'eux est sans doute mal lu. À vérifier à l'œil sur le quitus."
            )
        }
        if !differences.isEmpty, slips == differences.count, q.readByOCR == true, q.saysCorrect != false,
            exerciseSentence == nil
        {
            // Read by OCR, each differing total is one digit away from the declared one (« 3 162,19 » read for
            // « 3 162,15 »): an OCR slip as likely as a changed figure. Staff look; the mandataire is not asked.
            return Check(
                rule: rule, verdict: .unknown, expected: first?.expected, found: first?.found,
                difference: first.map { $0.found - $0.expected },
                detail: "Sur le quitus, " + differences.joined(separator: " ; ")
                    + Plural.word(slips, ", d'un seul chiffre", ", chacun d'un seul chiffre")
                    + " : la lecture optique (scan ou photo) a pu mal lire "
                    + Plural.word(slips, "ce chiffre", "ces chiffres") + ". À vérifier à l'œil sur le quitus."
            )
        }
        if !failures.isEmpty {
            let detail =
                "Sur le quitus, " + failures.joined(separator: " ; ") + "."
                + (q.saysCorrect == false
                    ? ""
                    : " Le compte rendu financier a peut-être été modifié dans Retkoop après l'impression du quitus : il faut un quitus imprimé avec les chiffres définitifs.")
            return Check(
                rule: rule, verdict: .fail, expected: first?.expected, found: first?.found,
                difference: first.map { $0.found - $0.expected }, detail: detail)
        }
        if agreeing.isEmpty {
            return Check(
                rule: rule, verdict: .unknown,
                detail:
                    "Les totaux imprimés sur le quitus n'ont pas pu être lus : ils n'ont pas été comparés à la déclaration."
            )
        }
        var detail =
            "Sur le quitus, " + agreeing.joined(separator: ", ")
            + Plural.word(agreeing.count, " est celui déclaré", " sont ceux déclarés")
        if q.exercise != nil { detail += ", pour l'exercice \(exercise.description)" }
        detail += "."
        if !unread.isEmpty {
            detail +=
                " Non lu" + Plural.s(unread.count) + " sur le quitus : " + unread.joined(separator: ", ") + "."
        }
        return Check(rule: rule, verdict: .pass, detail: detail)
    }
}
