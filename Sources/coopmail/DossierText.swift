import CoopmailApp
import CoopmailDomain
import CoopmailLedger
import Foundation

/// A dossier as French text for `coopmail show`.
struct DossierText {
    var colours: Bool

    func render(_ d: Dossier) -> String {
        var out: [String] = []
        let closing = d.key.exercise.closing
        let title =
            "Coopérative \(d.key.cooperative)"
            + (d.cooperative.map { " — \($0.school) (\($0.town))" } ?? " — hors registre")
        out.append(Terminal.paint(title, .bold, enabled: colours))
        var status = "Exercice \(d.key.exercise) · statut : \(d.status.label)"
        if d.isDecided, d.automaticStatus != d.status {
            status += " (les contrôles seuls donneraient : \(d.automaticStatus.label))"
        }
        out.append(status)
        if let c = d.cooperative {
            out.append(
                "Mandataire : \(c.mandataire.name.isEmpty ? "—" : c.mandataire.name)"
                    + (c.mandataire.emails.isEmpty ? "" : " <\(c.mandataire.emails.joined(separator: ", "))>"))
        }

        out.append("")
        out.append(section("Envois"))
        for s in d.submissions {
            let from = [s.fromName, s.from.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ")
            out.append(
                "  message:\(s.id)  \(FrenchFormat.dateTime(s.receivedAt))  de \(from.isEmpty ? "expéditeur inconnu" : from)"
            )
            out.append("    objet : « \(s.subject ?? "sans objet") »")
            let evidence =
                s.matchEvidence.isEmpty ? "aucun indice enregistré" : s.matchEvidence.joined(separator: " ; ")
            let target = s.cooperative.map { "rattaché à \($0)" } ?? "non rattaché"
            out.append("    \(target), confiance \(FrenchFormat.confidence(s.matchConfidence)) : \(evidence)")
            for note in s.salvageNotes ?? [] {
                out.append(Terminal.paint("    ⚠ \(note)", .yellow, enabled: colours))
            }
        }

        out.append("")
        out.append(section("Pièces"))
        if d.documents.isEmpty { out.append("  aucune pièce jointe") }
        let subjects = Dictionary(uniqueKeysWithValues: d.submissions.map { ($0.id, $0) })
        for doc in d.documents {
            var line = "  pièce:\(doc.id)  \(doc.kind.label)  \(doc.filename)"
            if let p = doc.pages, let first = p.first, let last = p.last {
                line += first == last ? " (page \(first))" : " (pages \(first) à \(last))"
            }
            if doc.role != .current { line += Terminal.paint("  [\(doc.role.label)]", .grey, enabled: colours) }
            out.append(line)
            if let m = subjects[doc.message] {
                out.append(
                    "    reçue le \(FrenchFormat.dateTime(m.receivedAt)), message « \(m.subject ?? "sans objet") »")
            }
            if let c = doc.cooperative {
                let ev = doc.matchEvidence.isEmpty ? "" : " : " + doc.matchEvidence.joined(separator: " ; ")
                out.append("    rattachée à \(c) (confiance \(FrenchFormat.confidence(doc.matchConfidence)))\(ev)")
            }
            if doc.kind == .bankStatement {
                if let s = doc.statement {
                    var facts: [String] = []
                    if let a = s.periodStart, let b = s.periodEnd { facts.append("du \(a.french) au \(b.french)") }
                    if let i = s.iban {
                        facts.append("IBAN \(i)")
                    } else if let n = s.accountNumber {
                        facts.append("compte \(n)")
                    }
                    if let b = s.balance(at: closing, confirmedBy: d.declaration?.expectedStatementBalance) {
                        let how =
                            b.confirmedByDeclaration
                            ? "lu, confirmé par les chiffres déclarés" : b.source == .read ? "lu" : "calculé"
                        facts.append("solde au \(closing.french) : \(b.amount.french) (\(how))")
                    } else {
                        facts.append("pas de solde au \(closing.french)")
                    }
                    out.append("    " + facts.joined(separator: ", "))
                } else {
                    out.append("    relevé non lu (\(doc.readStatus))")
                }
            }
            if doc.kind == .quitus {
                if let signatures = doc.quitus?.signatures {
                    for s in signatures {
                        out.append(
                            "    signature \(s.place.frenchOf) : \(s.verdict.french) (mesure \(FrenchFormat.confidence(s.measure)))"
                        )
                    }
                } else {
                    out.append("    signatures non examinées")
                }
            }
        }

        out.append("")
        out.append(section("Chiffres au \(closing.french)"))
        out.append(contentsOf: figures(d))

        out.append("")
        out.append(section("Contrôles"))
        for c in d.checks {
            let tag: String
            let colour: Terminal.Colour
            switch c.verdict {
            case .pass:
                tag = "[réussi] "
                colour = .green
            case .fail:
                tag = "[ÉCHEC]  "
                colour = .red
            case .unknown:
                tag = "[non vérifié]"
                colour = .yellow
            }
            out.append("  \(Terminal.paint(tag, colour, enabled: colours)) \(CheckText.name(c.rule)) : \(c.detail)")
        }

        out.append("")
        out.append(section("Historique"))
        if d.decisions.isEmpty { out.append("  aucune décision") }
        out.append(contentsOf: d.decisions.map(HistoryText.line))
        return out.joined(separator: "\n")
    }

    func section(_ s: String) -> String { Terminal.paint(s + " :", .bold, enabled: colours) }

    /// Declared figures beside the statement's balance at 31/08.
    func figures(_ d: Dossier) -> [String] {
        var out: [String] = []
        let w = 34
        func row(_ label: String, _ declared: String, _ statement: String = "") -> String {
            "  " + Terminal.fit(label, w) + Terminal.fit(declared, 16, right: true)
                + (statement.isEmpty ? "" : "   " + statement)
        }
        let found = d.selection?.balance
        let foundText =
            found.map { "\($0.amount.french) (\($0.source == .read ? "lu sur le relevé" : "calculé"))" }
            ?? "aucun relevé ne donne ce solde"
        guard let r = d.declaration else {
            out.append("  Chiffres déclarés (CRF) : non reçus (coopmail declarations import).")
            out.append("  Solde du relevé au \(d.key.exercise.closing.french) : \(foundText)")
            return out
        }
        out.append("  " + Terminal.fit("", w) + Terminal.fit("déclaré (CRF)", 16, right: true) + "   relevé")
        out.append(row("Report à nouveau", r.openingBalance.french))
        out.append(row("+ produits", r.income.french))
        out.append(row("− charges", r.expenses.french))
        out.append(row("Solde caisse", r.cashBalance.french))
        out.append(row("Solde banque (comptabilité)", r.bookBankBalance.french))
        out.append(row("+ chèques non débités", r.outstandingCheques.french))
        out.append(row("− encaissements non crédités", r.depositsInTransit.french))
        let expected = r.expectedStatementBalance
        out.append(row("= solde attendu sur le relevé", expected.french, foundText))
        if let found {
            let diff = found.amount - expected
            let text =
                diff.cents == 0
                ? "aucun écart"
                : "écart de \(diff.magnitude.french) (relevé \(diff.cents > 0 ? "supérieur" : "inférieur") au solde attendu)"
            out.append("  " + Terminal.paint(text, diff.cents == 0 ? .green : .red, enabled: colours))
        }
        return out
    }
}

/// One history line: `12/10/2021 à 10:02  validé par marie — motif : …`
enum HistoryText {
    static func line(_ h: Decision) -> String {
        var s = "  \(FrenchFormat.dateTime(h.at))  \(h.action.label) par \(h.actor)"
        if let r = h.reason {
            s +=
                (h.action == .note ? " : " : " — ") + (h.action == .approve || h.action == .reject ? "motif : " : "")
                + r
        }
        return s
    }
}
