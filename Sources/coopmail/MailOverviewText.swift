import CoopmailApp
import CoopmailDomain

/// The mails staff must be able to see, as `status` and `review` print them.
enum MailOverviewText {
    /// `status`: one count line per kind of mail that is not in a dossier.
    static func counts(_ o: MailOverview) -> String {
        "Courriels hors dossier :\n  rattachés à aucune coopérative : \(o.counts.unattached) ; en quarantaine : \(o.counts.quarantined) ;\n"
            + "  en échec (mis de côté) : \(o.counts.setAside) ; automatiques : \(o.counts.automatic)."
    }

    /// `status`/`review`: the unattached, quarantined and set-aside mails, each with why (at most `shown` each).
    static func sections(_ o: MailOverview, shown: Int = 10, setAside: Bool = true, automatic: Bool) -> [String] {
        var out: [String] = []
        func section(_ title: String, _ lines: [MailOverview.Line], total: Int, hint: String?) {
            guard total > 0 else { return }
            out.append("")
            out.append(Terminal.paint(title + " (\(total)) :", .bold, enabled: Terminal.colours))
            for l in lines.prefix(shown) { out.append(contentsOf: render(l, withState: false)) }
            if total > shown {
                out.append("  … et \(total - min(shown, lines.count)) autre(s) (--json pour tout voir)")
            }
            if let hint { out.append("  " + hint) }
        }
        section(
            "Courriels rattachés à aucune coopérative", o.unattached, total: o.counts.unattached,
            hint:
                "Pour rattacher une pièce : coopmail reassign PIECE --coop 075-0123 (coopmail show message:N la montre)"
        )
        section("Courriels en quarantaine", o.quarantined, total: o.counts.quarantined, hint: nil)
        if setAside {
            section(
                "Courriels en échec, mis de côté", o.setAside, total: o.counts.setAside,
                hint: "Après correction : coopmail reessayer NUMÉRO")
        }
        if automatic { section("Courriels automatiques", o.automatic, total: o.counts.automatic, hint: nil) }
        return out
    }

    /// One mail on two lines: number, date, sender, subject; then its state and why.
    static func render(_ l: MailOverview.Line, withState: Bool = true) -> [String] {
        let from = SetAsideText.printable(l.from ?? "expéditeur illisible")
        let subject = SetAsideText.printable(l.subject ?? "sans objet")
        var second = withState ? l.state : ""
        let detail = SetAsideText.printable(l.detail)
        if !detail.isEmpty { second += (second.isEmpty ? "" : " : ") + detail }
        return ["  message:\(l.id)  \(FrenchFormat.dateTime(l.receivedAt))  de \(from)  « \(subject) »"]
            + (second.isEmpty ? [] : ["      " + second])
    }
}

/// Addresses a bounce said are failing, as `review` and `show` print them.
enum FailingAddressText {
    static func review(_ ctx: StaffContext) throws -> [String] {
        let all = try AddressFailures.all(ctx.store)
        guard !all.isEmpty else { return [] }
        var out = [
            "",
            Terminal.paint(
                "Adresses en échec (\(all.count)) : avis de non-remise reçu ; relances et réponses n'y partent plus",
                .bold,
                enabled: Terminal.colours),
        ]
        for (f, coops) in all {
            let who = coops.isEmpty ? "adresse absente du registre" : "coopérative " + coops.joined(separator: ", ")
            out.append("  adresse en échec : " + SetAsideText.printable(AddressFailures.describe(f)) + " — " + who)
        }
        out.append(
            "  Corrigez l'adresse dans le registre (coopmail coops import) ; un courriel reçu de cette adresse lève aussi l'alerte."
        )
        return out
    }

    static func show(_ ctx: StaffContext, cooperative: CooperativeNumber) throws -> [String] {
        try AddressFailures.of(ctx.store, cooperative: cooperative).map {
            "adresse en échec : " + SetAsideText.printable(AddressFailures.describe($0))
        }
    }
}
