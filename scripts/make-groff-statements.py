#!/usr/bin/env python3
"""A second, independent statement generator: bank statements typeset by groff/tbl and ps2pdf (not reportlab, not the
corpus generator's layouts or wording), some of them rasterised, tilted, noised and put back into a PDF as a scan.
Each statement is mailed as a PDF attachment by its own cooperative's mandataire.

Varies by seed: layout (débit/crédit columns, one signed column, operation and value dates, several pages with carried
totals, a summary of both balances above the movements, débit/crédit with a running « Solde » column, an online
banking history listed newest first with a running balance), thousands separator (space, dot, none), date style (dd/mm/yyyy, dd.mm.yyyy, dd/mm/yy, dd-mm-yyyy; rows may
print day and month only), an amount suffix (€, EUR or none), the period (straddling 31/08, August, September), the
balance wording, and the scan resolution (none, 150, 200, 300 dpi; one page in ten upside down).

Writes OUT/mails/*.eml, OUT/registry.csv, OUT/declarations.csv (each cooperative declares the statement's true
balance at 31/08, except one in five that declares it 12,34 € off) and OUT/labels.json (per mail: cooperative,
layout, scan, true balance at 31/08 in cents or null).
Usage: make-groff-statements.py OUT [--seed N] [--count K]"""
import argparse
import datetime as dt
import email.message
import email.utils
import json
import os
import random
import subprocess
import tempfile

LABELS = ["CHQ N°%07d", "REMISE CHEQUES %d", "VIR SEPA MAIRIE DE PARIS", "CB LIBRAIRIE %d", "PRLV SEPA ASSURANCE MAE",
          "VERSEMENT ESPECES", "COTISATION OCCE", "FRAIS TENUE DE COMPTE", "VIR PHOTOGRAPHE SCOLAIRE", "CB CARREFOUR %d"]
AUGUST_31 = dt.date(2021, 8, 31)


def rib_key(bank, branch, account):
    return 97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97)


def french_iban(bank, branch, account):
    bban = bank + branch + account + "%02d" % rib_key(bank, branch, account)
    return "FR%02d%s" % (98 - int(bban + "152700") % 97, bban)


def grouped(iban):
    return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))


def cents_fr(c):
    return ("-" if c < 0 else "") + "%d,%02d" % (abs(c) // 100, abs(c) % 100)


class Statement:
    def __init__(self, rng, number, iban):
        self.rng = rng
        self.number = number
        self.iban = iban
        self.layout = rng.choice(["debcred", "signed", "valuedate", "pages", "summary", "newest", "running"])
        self.thousands = rng.choice(["space", "dot", "none"])
        self.date_style = rng.choice(["%d/%m/%Y", "%d/%m/%Y", "%d.%m.%Y", "%d/%m/%y", "%d-%m-%Y"])
        self.row_dates_short = self.layout in ("debcred", "pages", "summary", "running") or rng.random() < 0.3
        self.euro = rng.choice(["", "", " \\(Eu", " EUR"])
        self.scan = rng.choice(["", "", "", "150", "200", "300"])
        self.kind = rng.choice(["straddle", "straddle", "august", "september"])

    def amount(self, c):
        e, cents = divmod(abs(c), 100)
        sep = {"space": "\\~", "dot": ".", "none": ""}[self.thousands]
        return ("-" if c < 0 else "") + f"{e:,}".replace(",", sep) + f",{cents:02d}" + self.euro

    def date(self, d, short=False):
        style = self.date_style[:5] if short else self.date_style
        return d.strftime(style)

    def make(self):
        rng = self.rng
        if self.kind == "straddle":
            start = dt.date(2021, 8, rng.randint(2, 25))
            end = dt.date(2021, 9, start.day - 1)
        elif self.kind == "august":
            start, end = dt.date(2021, 8, 1), dt.date(2021, 8, 31)
        else:
            start, end = dt.date(2021, 9, 1), dt.date(2021, 9, 30)
        opening = rng.randint(-5000, 900000)
        count = rng.randint(3, 40 if self.layout == "pages" else 14)
        days = sorted(start + dt.timedelta(days=rng.randint(0, (end - start).days)) for _ in range(count))
        moves = []
        for day in days:
            amount = rng.randint(100, 250000) * (1 if rng.random() < 0.4 else -1)
            label = rng.choice(LABELS)
            if "%" in label:
                label = label % rng.randint(10, 9999999)
            value = day + dt.timedelta(days=rng.randint(0, 3)) if self.layout == "valuedate" else day
            moves.append((day, value, label, amount))
        closing = opening + sum(m[3] for m in moves)
        self.truth = opening + sum(m[3] for m in moves if m[0] <= AUGUST_31)
        self.start, self.end = start, end
        return self.groff(start, end, opening, closing, moves)

    def groff(self, start, end, opening, closing, moves):
        rng = self.rng
        word = lambda c: "CREDITEUR" if c >= 0 else "DEBITEUR"
        before = start - dt.timedelta(days=1)
        lines = [".ps 9", ".vs 11", ".nf", "\\fBBRED Banque Populaire\\fP",
                 "Agence Paris Bastille \\(em 18 quai de la Rapée 75012 Paris", "",
                 f"\\fBRELEVÉ DE COMPTE N° {rng.randint(1, 12)}\\fP" + rng.choice(["", "      Page 1"]),
                 f"Période du {self.date(start)} au {self.date(end)}" if rng.random() < 0.7
                 else f"Arrêté au {self.date(end)}",
                 f"COOPERATIVE SCOLAIRE OCCE {self.number[4:]}", f"IBAN : {grouped(self.iban)}     BIC : BREDFRPPXXX",
                 ".fi", ""]
        cols = {"debcred": ["Date", "Libellé", "Débit", "Crédit"], "pages": ["Date", "Libellé", "Débit", "Crédit"],
                "summary": ["Date", "Libellé", "Débit", "Crédit"],
                "running": ["Date", "Libellé", "Débit", "Crédit", "Solde"],
                "newest": ["Date", "Libellé", "Montant", "Solde"],
                "valuedate": ["Date opé.", "Libellé", "Date valeur", "Débit", "Crédit"],
                "signed": ["Date", "Opération", "Montant EUR"]}[self.layout]

        def table(rows):
            fmt = " ".join("r" if c in ("Débit", "Crédit", "Montant EUR", "Montant", "Solde") else "l" for c in cols) + "."
            head = ";".join(f"\\fB{c}\\fP" for c in cols)
            return [".TS", "tab(;);", fmt, head, "_"] + [";".join(r) for r in rows] + [".TE"]

        def split(c):
            return [self.amount(-c), ""] if c < 0 else ["", self.amount(c)]

        def row(m, after=0):
            day, value, label, amount = m
            short = self.row_dates_short
            if self.layout == "running":
                return [self.date(day, short), label] + split(amount) + [self.amount(after)]
            if self.layout == "newest":
                return [self.date(day, short), label, self.amount(amount), self.amount(after)]
            if self.layout in ("debcred", "pages", "summary"):
                return [self.date(day, short), label] + split(amount)
            if self.layout == "valuedate":
                return [self.date(day, short), label, self.date(value, short)] + split(amount)
            return [self.date(day, short), label, self.amount(amount)]

        def balance(text, c):
            if self.layout == "signed":
                return [text, "", self.amount(c)]
            if self.layout == "running":
                return ["", text, "", "", self.amount(c)]
            if self.layout == "newest":
                return ["", text, "", self.amount(c)]
            return ["", text] + [""] * (len(cols) - 4) + split(c)

        opening_text = rng.choice([f"SOLDE {word(opening)} AU {self.date(before)}",
                                   f"ANCIEN SOLDE AU {self.date(before)}", f"Solde précédent au {self.date(before)}"])
        closing_text = rng.choice([f"SOLDE {word(closing)} AU {self.date(end)}", f"NOUVEAU SOLDE AU {self.date(end)}",
                                   f"Solde au {self.date(end)}"])
        rows = [balance(opening_text, opening)]
        if self.layout == "summary":
            # Both balances in a summary above the movements (some banks), none in the table.
            debit = -sum(m[3] for m in moves if m[3] < 0)
            credit = sum(m[3] for m in moves if m[3] > 0)
            lines += [".nf", f"{opening_text}      {self.amount(opening)}", f"Total des débits      {self.amount(debit)}",
                      f"Total des crédits      {self.amount(credit)}", f"{closing_text}      {self.amount(closing)}",
                      ".fi", ""]
            lines += table([row(m) for m in moves]) + [".sp 2", ".nf", "Sauf erreur ou omission.", ".fi"]
            return "\n".join(lines) + "\n"
        if self.layout in ("running", "newest"):
            after, listed = opening, []
            for m in moves:
                after += m[3]
                listed.append(row(m, after))
            if self.layout == "newest":
                # Online banking's history: the newest movement first, the closing balance above it.
                rows = [balance(closing_text, closing)] + listed[::-1] + [balance(opening_text, opening)]
            else:
                rows += listed + [balance(closing_text, closing)]
            lines += table(rows) + [".sp 2", ".nf", "Sauf erreur ou omission.", ".fi"]
            return "\n".join(lines) + "\n"
        if self.layout == "pages":
            chunk = rng.randint(8, 15)
            for k in range(0, len(moves), chunk):
                rows += [row(m) for m in moves[k:k + chunk]]
                if k + chunk < len(moves):
                    debit = -sum(m[3] for m in moves[:k + chunk] if m[3] < 0)
                    credit = sum(m[3] for m in moves[:k + chunk] if m[3] > 0)
                    lines += table(rows) + [
                        ".nf", "", f"Total des opérations   {self.amount(debit)}   {self.amount(credit)}",
                        "À reporter", ".fi", ".bp", ".nf", f"BRED \\(em Relevé \\(em page {k // chunk + 2}", ".fi", ""]
                    rows = [["", "Report", self.amount(debit), self.amount(credit)]]
        else:
            rows += [row(m) for m in moves]
        rows.append(balance(closing_text, closing))
        lines += table(rows) + [".sp 2", ".nf", "Sauf erreur ou omission. Les opérations en euros.", ".fi"]
        return "\n".join(lines) + "\n"

    def pdf(self, source, scratch):
        ps = subprocess.run(["groff", "-t", "-Tps", "-Kutf8"], input=source.encode(), capture_output=True,
                            check=True).stdout
        pdf = subprocess.run(["ps2pdf", "-", "-"], input=ps, capture_output=True, check=True).stdout
        if not self.scan:
            return pdf
        path = os.path.join(scratch, "typed.pdf")
        open(path, "wb").write(pdf)
        subprocess.run(["pdftoppm", "-r", self.scan, "-gray", "-png", path, os.path.join(scratch, "page")], check=True)
        pages = []
        for f in sorted(p for p in os.listdir(scratch) if p.startswith("page") and p.endswith(".png")):
            angle = self.rng.uniform(-1.5, 1.5) + (180 if self.rng.random() < 0.1 else 0)
            out = os.path.join(scratch, f + ".jpg")
            subprocess.run(["convert", os.path.join(scratch, f), "-background", "white", "-rotate", f"{angle:.2f}",
                            "-attenuate", "0.4", "+noise", "Gaussian", "-quality", "80", out], check=True)
            os.remove(os.path.join(scratch, f))
            pages.append(out)
        scanned = subprocess.run(["img2pdf"] + pages, capture_output=True, check=True).stdout
        for p in pages:
            os.remove(p)
        return scanned


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=40)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(os.path.join(args.out, "mails"), exist_ok=True)
    registry = ["numero;ecole;commune;mandataire;email;iban"]
    declarations = ["numero;exercice;report_a_nouveau;total_produits;total_charges;solde_banque;solde_caisse;"
                    "cheques_non_debites;encaissements_non_credites"]
    labels = {}
    with tempfile.TemporaryDirectory() as scratch:
        for i in range(args.count):
            number = "075-%04d" % (100 + i)
            sender = f"mandataire.{i}@ac-paris.fr"
            iban = french_iban("10107", "%05d" % rng.randint(1, 99999), "%011d" % rng.randint(1, 10**10))
            st = Statement(rng, number, iban)
            pdf = st.pdf(st.make(), scratch)
            registry.append(f"{number};École élémentaire numéro {i + 1};Paris;Mandataire {i};{sender};{grouped(iban)}")
            declared = st.truth + (1234 if rng.random() < 0.2 else 0)
            income, expenses = max(declared, 0), max(-declared, 0)
            declarations.append(f"{number};2020-2021;0,00;{cents_fr(income)};{cents_fr(expenses)};"
                                f"{cents_fr(declared)};0,00;0,00;0,00")
            msg = email.message.EmailMessage()
            msg["From"] = sender
            msg["To"] = "ad75@occe.coop"
            msg["Subject"] = rng.choice(["relevé", "Relevé BRED", "doc banque", "coop " + number[4:]])
            msg["Date"] = email.utils.format_datetime(dt.datetime(2021, 9, 20, 10, i % 60, tzinfo=dt.timezone.utc))
            msg["Message-ID"] = f"<groff-{args.seed}-{i}@statements.example>"
            msg.set_content("Bonjour,\nci-joint le relevé de la coopérative.\nCordialement")
            msg.add_attachment(pdf, maintype="application", subtype="pdf",
                               filename=rng.choice(["releve.pdf", "document.pdf", "Releve_BRED.pdf", "scan.pdf"]))
            name = f"groff-{args.seed}-{i:03d}"
            open(os.path.join(args.out, "mails", name + ".eml"), "wb").write(bytes(msg))
            labels[msg["Message-ID"]] = {
                "cooperative": number, "layout": st.layout, "scan": st.scan or "texte", "kind": st.kind,
                "date_style": st.date_style, "short_row_dates": st.row_dates_short, "thousands": st.thousands,
                "balance_cents": st.truth, "declared_off": declared != st.truth}
    open(os.path.join(args.out, "registry.csv"), "w").write("\n".join(registry) + "\n")
    open(os.path.join(args.out, "declarations.csv"), "w").write("\n".join(declarations) + "\n")
    json.dump(labels, open(os.path.join(args.out, "labels.json"), "w"), indent=1, ensure_ascii=False)


main()
