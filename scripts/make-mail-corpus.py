#!/usr/bin/python3
"""Seeded corpus of whole mails with their ground truth, for `make accuracy` and the corpus slice test.

Usage: make-mail-corpus.py OUT_DIR [--seed N] [--mails N]

Writes OUT_DIR/mails/NNNN-CASE.eml, OUT_DIR/registry.csv (the corpus cooperatives and a few others),
OUT_DIR/registry-dense.csv (every number 075-0001 … 075-0999 registered: any stray number collides) and
OUT_DIR/labels.json: for each mail its case, client, expected cooperative (or null), nature
(documents / message / automatic) and, for each attachment, its kind, cooperative and balance at 31/08
(cents, "read" or "computed", or null when the statement does not give it).

Everything is drawn from random.Random(seed): the mail client's MIME shape (Gmail web and Android,
Outlook / Exchange, Apple Mail and iPhone, Thunderbird, Orange / Free / Laposte webmails), the case (documents,
phone photos and scans, inline and message/rfc822 forwards, replies quoting an OCCE reminder that names other
cooperatives, two cooperatives in one mail, questions, unregistered senders, another bank's statement, bounces,
auto-replies, read receipts, newsletters), the statement layout (débit / crédit, signed column, several pages
with carried totals, operation and value dates, another bank) and period (August, September, straddling 31/08
mid-month to mid-month, June), and the output form (text PDF, phone photo with perspective, 150 dpi scan,
rotated scan). No draw looks at the reader's thresholds: the truth is worked out from the generator's own lists.

Needs /usr/bin/python3 with python3-reportlab and python3-pil, img2pdf, poppler-utils and ImageMagick. The
drawing code of the quitus and the scans is the one of make-documents.py and make-quitus.py (imported).
"""
import base64
import datetime
import importlib.util
import io
import json
import os
import quopri
import random
import sys
import tempfile
import urllib.parse

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

HERE = os.path.dirname(os.path.abspath(__file__))
W, H = A4


def load(name):
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), os.path.join(HERE, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


docs = load("make-documents")
quitus_mod = load("make-quitus")

EXERCISE_END = datetime.date(2021, 8, 31)
OCCE = "ad75@occe.coop"

# ---------------------------------------------------------------- registry

FIRST = ["Claire", "Paul", "Sophie", "Karim", "Nadia", "Julien", "Aïcha", "Thomas", "Émilie", "Marc", "Fatou", "Hélène",
         "Louis", "Inès", "Pierre", "Céline", "Yann", "Mathilde", "Olivier", "Leïla", "Bruno", "Anne", "Hugo", "Zoé"]
LAST = ["Martin", "Durand", "Bernard", "Haddad", "Lefèvre", "Moreau", "Diallo", "Garcia", "Roux", "Fontaine", "Benali",
        "Nguyen", "Petit", "Lambert", "Mercier", "Chevalier", "Perrin", "Blanc", "Guérin", "Boyer", "Faure", "Rousseau"]
STREETS = ["Keller", "de la Roquette", "Parmentier", "Pihet", "de Belleville", "des Pyrénées", "Vitruve", "Saint-Maur",
           "Oberkampf", "de Charonne", "Titon", "Godefroy Cavaignac", "Saint-Bernard", "Servan", "des Boulets",
           "de Tanger", "Riquet", "Curial", "Ramponeau", "Julien Lacroix", "de la Mare", "Olivier Métra", "Planchat",
           "Merlin", "Popincourt", "Lacharrière", "Froment", "Alphonse Baudin", "Sedaine", "Duranti", "Mouraud"]
TYPES = [("École élémentaire", "EE"), ("École maternelle", "EM"), ("École polyvalente", "EP")]
ARR = ["11e", "12e", "18e", "19e", "20e", "10e", "13e", "14e"]


def ascii_upper(s):
    table = str.maketrans("ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜàâäçéèêëîïôöùûü", "AAACEEEEIIOOUUUaaaceeeeiioouuu")
    return s.translate(table).upper()


def mailbox_of(first, last, rnd):
    f = ascii_upper(first).lower().replace("ï", "i")
    l = ascii_upper(last).lower()
    return rnd.choice(["%s.%s@ac-paris.fr" % (f, l), "%s%s@gmail.com" % (f[0], l), "%s.%s@orange.fr" % (f, l),
                       "%s.%s@free.fr" % (f, l), "%s_%s@laposte.net" % (f, l), "%s.%s@outlook.fr" % (f, l)])


def make_registry(rnd, count):
    numbers = set()
    # Numbers that look like what documents print anyway (departement 75, postcodes' tails, page numbers).
    for n in rnd.sample([75, 14, 11, 12, 20, 1, 2, 31, 8, 21, 100, 750], 4):
        numbers.add(n)
    while len(numbers) < count:
        numbers.add(rnd.randint(1, 999))
    coops = []
    used_streets = rnd.sample(STREETS, min(len(STREETS), count))
    for i, n in enumerate(sorted(numbers)):
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        kind, short = rnd.choice(TYPES)
        street = used_streets[i % len(used_streets)] if i < len(used_streets) else "%s %d" % (rnd.choice(STREETS), i)
        ecole = "%s %s" % (kind, ("Rue " + street) if rnd.random() < 0.5 else street)
        account = "005%08d" % rnd.randint(0, 99999999)
        coop = dict(numero="075-%04d" % n, ecole=ecole, commune="Paris " + rnd.choice(ARR), mandataire="%s %s" % (first, last),
                    first=first, last=last, email=mailbox_of(first, last, rnd), account=account,
                    holder="COOP SCOL %s %s" % (short, ascii_upper(street)), street=street)
        coop["iban"] = docs.french_iban("10107", "00100", account)
        coops.append(coop)
    # Some mandataires hold two cooperatives (the same address registered twice).
    for a, b in zip(coops[0::9], coops[1::9]):
        b["email"], b["mandataire"], b["first"], b["last"] = a["email"], a["mandataire"], a["first"], a["last"]
    return coops


def make_book(rnd):
    """A cooperative's declared figures (Retkoop) and what its documents show. Anomalies, as staff meet them: the
    statement's balance at 31/08 differs from the declared bank balance (a forgotten cheque), the quitus prints
    another bank balance than the declaration, the elected parent did not sign the quitus."""
    banque = rnd.randint(20000, 600000)
    caisse = rnd.randint(0, 20000)
    report, produits = rnd.randint(0, 400000), rnd.randint(100000, 900000)
    # The CRF balances: report + produits - charges = banque + caisse.
    charges = report + produits - banque - caisse
    if charges < 10000:
        produits, charges = produits + 10000 - charges, 10000
    chq = rnd.choice([0, 0, rnd.randint(1000, 40000)])
    enc = rnd.choice([0, 0, 0, rnd.randint(1000, 30000)])
    anomaly = rnd.choices(["none", "statement", "quitus", "signature"], [70, 12, 8, 10])[0]
    delta = rnd.choice([-1, 1]) * rnd.randint(500, 50000)
    return dict(banque=banque, caisse=caisse, produits=produits, charges=charges, report=report,
                chq=chq, enc=enc, anomaly=anomaly,
                statement_0831=banque + chq - enc + (delta if anomaly == "statement" else 0),
                quitus_delta=delta if anomaly == "quitus" else 0,
                quitus_style="boxes" if anomaly == "signature" else rnd.choice(["documents", "boxes", "retkoop"]))


def declarations_csv(coops):
    lines = ["numero;exercice;report_a_nouveau;total_produits;total_charges;solde_banque;solde_caisse;cheques_non_debites;"
             "encaissements_non_credites"]
    for c in coops:
        b = c["book"]
        lines.append(";".join([c["numero"], "2020-2021"] + [("-" if b[k] < 0 else "") + docs.fr_amount(b[k]) for k in
                                                            ("report", "produits", "charges", "banque", "caisse", "chq", "enc")]))
    return "\n".join(lines) + "\n"


def expected_dossiers(labels, coops):
    """What a careful staff member concludes for each cooperative from every mail that truly belongs to it (whether the
    reader attached it or not): `incomplete` (a document missing: quitus, statement, or a statement covering 31/08),
    `to_correct` with the rules that fail, or `complete` (every check passes, the statement's balance reconciled with
    the declaration). Worked out from the generator's own truth, never from what the reader did."""
    by = {c["numero"]: c for c in coops}
    out = {}
    for m in labels:
        numbers = ([m["cooperative"]] if m["cooperative"] else []) + [d["cooperative"] for d in m["documents"] if d.get("cooperative")]
        for n in numbers:
            e = out.setdefault(n, dict(case=None, first=m["case"], documents=[]))
            # A dossier's case: the first mail that brought it documents (else the first mail naming it).
            if e["case"] is None and any(d.get("cooperative") == n for d in m["documents"]):
                e["case"] = m["case"]
        for d in m["documents"]:
            if d.get("cooperative"):
                out[d["cooperative"]]["documents"].append(d)
    result = {}
    for n, e in out.items():
        book = by[n]["book"]
        docs_ = e["documents"]
        statements = [d for d in docs_ if d["kind"] == "bank_statement"]
        covering = [d for d in statements if d["period"] != "june"]
        failing = []
        if not any(d["kind"] == "quitus" for d in docs_):
            failing.append("quitus_received")
        if not statements:
            failing.append("bank_statement_received")
        if not covering:
            failing.append("statement_date")
        if failing:
            verdict = "incomplete"
        else:
            if not any(d["bank"].startswith("BRED") for d in covering):
                failing += ["statement_account", "bank_statement_matches"]
            elif book["anomaly"] == "statement":
                failing.append("bank_statement_matches")
            if book["anomaly"] == "quitus":
                failing.append("quitus_matches_declaration")
            if book["anomaly"] == "signature":
                failing.append("quitus_signed")
            verdict = "to_correct" if failing else "complete"
        result[n] = dict(verdict=verdict, failing=sorted(failing), case=e["case"] or e["first"])
    return result


def registry_csv(coops):
    lines = ["numero;ecole;commune;mandataire;email;iban"]
    for c in coops:
        lines.append(";".join([c["numero"], c["ecole"], c["commune"], c["mandataire"], c["email"], docs.spaced(c["iban"])]))
    return "\n".join(lines) + "\n"


def dense_csv(coops):
    by = {c["numero"]: c for c in coops}
    lines = ["numero;ecole;commune;mandataire;email;iban"]
    rnd = random.Random(4242)
    for n in range(1, 1000):
        num = "075-%04d" % n
        if num in by:
            c = by[num]
            lines.append(";".join([num, c["ecole"], c["commune"], c["mandataire"], c["email"], docs.spaced(c["iban"])]))
        else:
            account = "009%08d" % n
            lines.append(";".join([num, "École %s n° %d" % (rnd.choice(["élémentaire", "maternelle"]), n), "Paris",
                                   "Mandataire %d" % n, "mandataire%04d@ecoles.test" % n,
                                   docs.spaced(docs.french_iban("10107", "00200", account))]))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- statements

def fr_date(d, style="full"):
    if style == "short":
        return "%02d/%02d" % (d.day, d.month)
    if style == "dots":
        return "%02d.%02d.%02d" % (d.day, d.month, d.year % 100)
    if style == "yy":
        return "%02d/%02d/%02d" % (d.day, d.month, d.year % 100)
    return "%02d/%02d/%04d" % (d.day, d.month, d.year)


DEBITS = ["CHQ %07d", "CB LIBRAIRIE GIBERT %02d%02d", "PRLV SEPA EDF", "PRLV SEPA MAE ASSURANCE", "FRAIS TENUE DE COMPTE",
          "COTISATION OCCE AD75", "CB MONOPRIX PARIS", "VIR SEPA EMIS CARS LACROIX", "CB CULTURA", "ACHAT CB CITE SCIENCES",
          "VIR SEPA THEATRE PARIS VILLETTE", "RETRAIT DAB %02d/%02d", "COMMISSION INTERVENTION"]
CREDITS = ["REMISE CHQ %d CHQ", "VIR SEPA RECU APE", "VERSEMENT ESPECES", "VIR SEPA VILLE DE PARIS", "SUBV CAISSE DES ECOLES",
           "VIR SEPA FAMILLE %s", "DEPOT ESPECES KERMESSE", "VIR SEPA PHOTOGRAPHE RISTOURNE", "REMBT TRANSPORT"]

OTHER_BANKS = [("LA BANQUE POSTALE", "20041", "PSSTFRPPPAR", "Relevé de vos comptes"),
               ("Société Générale", "30003", "SOGEFRPP", "RELEVÉ DE COMPTE COURANT"),
               ("CRÉDIT MUTUEL", "10278", "CMCIFR2A", "Extrait de compte"),
               ("Caisse d'Epargne Ile-de-France", "17515", "CEPAFRPP751", "Relevé d'identité et d'opérations")]


def movement_label(rnd, debit):
    t = rnd.choice(DEBITS if debit else CREDITS)
    if "%07d" in t:
        return t % rnd.randint(1000000, 9999999)
    if "%02d%02d" in t or "%02d/%02d" in t:
        return t % (rnd.randint(1, 28), rnd.randint(1, 12))
    if "%d" in t:
        return t % rnd.randint(2, 14)
    if "%s" in t:
        return t % ascii_upper(rnd.choice(LAST))
    return t


def make_statement(rnd, coop, layout, period, target=None):
    """The statement's content and truth: dict(pages=[[row...]...], header..., truth). `target`: the balance at 31/08
    the cooperative's account really has (its book), which fixes the opening balance of a statement covering 31/08."""
    year = 2021
    if period == "aug":
        start, end = datetime.date(year, 8, 1), datetime.date(year, 8, 31)
    elif period == "sep":
        start, end = datetime.date(year, 9, 1), datetime.date(year, 9, 30)
    elif period == "june":
        start, end = datetime.date(year, 6, 1), datetime.date(year, 6, 30)
    else:  # straddles 31/08: starts mid-August, ends mid-September
        start = datetime.date(year, 8, rnd.randint(2, 28))
        end = datetime.date(year, 9, start.day - 1) if start.day > 1 else datetime.date(year, 9, 30)
    n = rnd.randint(28, 45) if layout == "multipage" else rnd.randint(3, 9)
    days = (end - start).days
    moves = []
    for _ in range(n):
        op = start + datetime.timedelta(days=rnd.randint(0, days))
        debit = rnd.random() < 0.6
        cents = rnd.randint(500, 60000) if debit else rnd.randint(1000, 150000)
        value = op + datetime.timedelta(days=rnd.choice([0, 0, 1, 1, 2, -1, 3])) if layout == "opval" else op
        moves.append(dict(op=op, value=value, label=movement_label(rnd, debit), cents=-cents if debit else cents))
    if period == "straddle" and layout == "opval":
        # The cases the operation date decides: booked on 31/08 with value 01/09, and the other way round.
        moves.append(dict(op=EXERCISE_END, value=EXERCISE_END + datetime.timedelta(days=1),
                          label=movement_label(rnd, True), cents=-rnd.randint(500, 9000)))
        moves.append(dict(op=EXERCISE_END + datetime.timedelta(days=1), value=EXERCISE_END,
                          label=movement_label(rnd, False), cents=rnd.randint(1000, 9000)))
    moves.sort(key=lambda m: (m["op"], m["value"]))
    opening = rnd.randint(-20000, 600000) if rnd.random() < 0.1 else rnd.randint(20000, 600000)
    opening_date = start - datetime.timedelta(days=1)
    if target is not None and layout != "otherbank" and opening_date <= EXERCISE_END <= end:
        opening = target - sum(m["cents"] for m in moves if m["op"] <= EXERCISE_END and opening_date < EXERCISE_END)
    closing = opening + sum(m["cents"] for m in moves)
    if opening_date == EXERCISE_END:
        truth = (opening, "read")
    elif end == EXERCISE_END:
        truth = (closing, "read")
    elif opening_date < EXERCISE_END < end:
        truth = (opening + sum(m["cents"] for m in moves if m["op"] <= EXERCISE_END), "computed")
    else:
        truth = (None, None)
    if layout == "otherbank":
        bank = rnd.choice(OTHER_BANKS)
        account = "%011d" % rnd.randint(0, 10 ** 11 - 1)
        iban = docs.french_iban(bank[1], "%05d" % rnd.randint(0, 99999), account)
    else:
        bank = ("BRED Banque Populaire", "10107", "BREDFRPP", "RELEVE DE COMPTE")
        iban, account = coop["iban"], coop["account"]
    return dict(layout=layout, start=start, end=end, opening=opening, opening_date=opening_date, closing=closing,
                moves=moves, bank=bank, iban=iban, account=account, truth=truth)


def draw_statement(path, coop, st, rnd):
    """Draws the statement with proportional fonts, the way a bank's generator would (text layer)."""
    layout = st["layout"]
    signed = layout == "signed" or (layout in ("multipage", "opval") and rnd.random() < 0.4)
    dots = rnd.random() < 0.3
    euro = rnd.random() < 0.3
    date_style = rnd.choice(["short", "full", "short", "dots", "yy"])
    bank = st["bank"]
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setTitle(bank[3])
    rows_per_page = rnd.randint(22, 30)
    moves = st["moves"]
    pages = [moves[i:i + rows_per_page] for i in range(0, len(moves), rows_per_page)] or [[]]
    total_pages = len(pages)
    x_date, x_label = 40, 95 if layout != "opval" else 150
    x_value = 95
    x_debit, x_credit = 470, 555
    if rnd.random() < 0.25 and not signed:
        x_debit, x_credit = 555, 470  # crédit column first
    opening_words = rnd.choice(["SOLDE PRECEDENT AU", "Ancien solde au", "SOLDE CREDITEUR AU", "Solde au"])
    closing_words = rnd.choice(["NOUVEAU SOLDE AU", "Nouveau solde au", "SOLDE CREDITEUR AU", "Solde final au"])

    def amount(cents, force_sign=False):
        s = docs.fr_amount(abs(cents), dots=dots)
        if signed:
            s = ("-" if cents < 0 else ("+" if force_sign else "")) + s
        return s + (" €" if euro else "")

    def money_cells(y, cents, bold=False):
        if signed:
            c.drawRightString(555, y, amount(cents))
        else:
            c.drawRightString(x_debit if cents < 0 else x_credit, y, docs.fr_amount(abs(cents), dots=dots) + (" €" if euro else ""))

    def balance_row(y, words, date, cents):
        c.setFont("Helvetica-Bold", 9)
        text = words
        if words.upper().startswith("SOLDE CREDITEUR") and cents < 0:  # a bank never prints a negative « créditeur »
            text = "SOLDE DEBITEUR AU"
        c.drawString(x_label, y, "%s %s" % (text, fr_date(date, "full" if date_style == "short" else date_style)))
        money_cells(y, cents)
        c.setFont("Helvetica", 9)

    running = st["opening"]
    debit_sum = credit_sum = 0
    for index, page in enumerate(pages):
        y = H - 50
        c.setFont("Helvetica-Bold", 14)
        c.drawString(40, y, bank[0])
        c.drawRightString(W - 40, y, bank[3])
        c.setFont("Helvetica", 8)
        y -= 13
        if bank[1] == "10107":
            c.drawString(40, y, "Agence Paris %s - %d %s 750%02d Paris" % (rnd.choice(["Bastille", "Nation", "République"]),
                                                                        rnd.randint(1, 90), "boulevard Voltaire", rnd.randint(10, 20)))
        else:
            c.drawString(40, y, "Centre financier de Paris - 75900 Paris Cedex 15")
        y -= 24
        c.setFont("Helvetica-Bold", 10)
        c.drawString(320, y, "COOPERATIVE SCOLAIRE OCCE")
        y -= 12
        c.drawString(320, y, coop["holder"])
        y -= 12
        c.setFont("Helvetica", 10)
        c.drawString(320, y, "%d RUE %s" % (rnd.randint(1, 80), ascii_upper(coop["street"])))
        y -= 12
        c.drawString(320, y, "750%02d PARIS" % rnd.randint(10, 20))
        y -= 24
        if bank[1] == "10107":
            acc = docs.dotted(st["account"])
            c.drawString(40, y, "Compte courant n° %s" % acc)
        else:
            c.drawString(40, y, "Compte Association n° %s" % st["account"])
        c.drawRightString(555, y, "du %s au %s" % (fr_date(st["start"]), fr_date(st["end"])))
        y -= 13
        c.drawString(40, y, "IBAN : %s" % docs.spaced(st["iban"]))
        c.drawRightString(555, y, "BIC : %s" % bank[2])
        if total_pages > 1:
            y -= 13
            c.drawRightString(555, y, "Page %d / %d" % (index + 1, total_pages))
        y -= 24
        c.setFont("Helvetica-Bold", 9)
        if layout == "opval":
            c.drawString(x_date, y, rnd.choice(["Date opé.", "Date", "Opération"]))
            c.drawString(x_value, y, "Valeur")
        else:
            c.drawString(x_date, y, "Date")
        c.drawString(x_label, y, rnd.choice(["Libellé", "Nature des opérations", "Libellé de l'opération"]))
        if signed:
            c.drawRightString(555, y, rnd.choice(["Montant", "Montant en euros", "Montant (EUR)"]))
        else:
            c.drawRightString(x_debit, y, "Débit")
            c.drawRightString(x_credit, y, "Crédit")
        y -= 5
        c.line(40, y, 555, y)
        y -= 15
        c.setFont("Helvetica", 9)
        if index == 0:
            balance_row(y, opening_words, st["opening_date"], st["opening"])
        else:
            c.setFont("Helvetica-Bold", 9)
            c.drawString(x_label, y, rnd.choice(["REPORT", "Report", "Report de la page précédente"]))
            if signed:
                c.drawRightString(555, y, amount(running))
            else:
                c.drawRightString(x_debit, y, docs.fr_amount(debit_sum, dots=dots))
                c.drawRightString(x_credit, y, docs.fr_amount(credit_sum, dots=dots))
            c.setFont("Helvetica", 9)
        y -= 15
        for m in page:
            c.drawString(x_date, y, fr_date(m["op"], date_style))
            if layout == "opval":
                c.drawString(x_value, y, fr_date(m["value"], date_style))
            c.drawString(x_label, y, m["label"])
            money_cells(y, m["cents"])
            running += m["cents"]
            if m["cents"] < 0:
                debit_sum += -m["cents"]
            else:
                credit_sum += m["cents"]
            y -= 13
        y -= 4
        c.line(40, y + 9, 555, y + 9)
        if index < total_pages - 1:
            c.setFont("Helvetica-Bold", 9)
            words = rnd.choice(["A REPORTER", "Total de la page", "TOTAL A REPORTER"])
            c.drawString(x_label, y, words)
            if signed:
                c.drawRightString(555, y, amount(running))
            else:
                c.drawRightString(x_debit, y, docs.fr_amount(debit_sum, dots=dots))
                c.drawRightString(x_credit, y, docs.fr_amount(credit_sum, dots=dots))
            c.setFont("Helvetica", 7)
            c.drawString(40, 40, "%s - page %d/%d - suite au verso" % (bank[0], index + 1, total_pages))
            c.showPage()
            continue
        if not signed and rnd.random() < 0.6:
            c.setFont("Helvetica-Bold", 9)
            c.drawString(x_label, y, "TOTAL DES MOUVEMENTS")
            c.drawRightString(x_debit, y, docs.fr_amount(debit_sum, dots=dots))
            c.drawRightString(x_credit, y, docs.fr_amount(credit_sum, dots=dots))
            y -= 15
        balance_row(y, closing_words, st["end"], st["closing"])
        c.setFont("Helvetica", 7)
        c.drawString(40, 40, "%s, société anonyme, RCS Paris. Page %d/%d" % (bank[0], index + 1, total_pages))
        c.showPage()
    c.save()


# ---------------------------------------------------------------- quitus

def draw_quitus(path, coop, rnd):
    """One of three quitus pages: make-documents.py's, make-quitus.py's (signature boxes), or a Retkoop-like one
    that prints « OCCE 75 », « (AD 75) » and a postcode beside the cooperative's number. The figures and the page
    style are the cooperative's book (`coop["book"]`): the declared ones, or the wrong bank balance of a quitus that
    differs from the declaration; the parent's signature is missing when the book says so."""
    style = rnd.choice(["documents", "boxes", "retkoop"])
    bank = rnd.randint(10000, 900000)
    income, expenses, cash = rnd.randint(100000, 900000), rnd.randint(100000, 900000), rnd.randint(0, 20000)
    book = coop.get("book")
    if book:
        style = book["quitus_style"]
        income, expenses, cash = book["produits"], book["charges"], book["caisse"]
        bank = book["banque"] + book["quitus_delta"]
    opening = bank + cash - income + expenses
    if style == "documents":
        docs.quitus_pdf(path, coop, income, expenses, bank, cash, opening, seed=rnd.randint(0, 10 ** 6),
                        number_style=rnd.choice(["full", "short"]))
        return
    if style == "boxes":
        quitus_mod.FIGURES = dict(coop=coop["numero"], school=coop["ecole"], exercise="2020-2021", opening=opening,
                                  income=income, expenses=expenses, bank=bank, cash=cash)
        quitus_mod.NAMES = dict(mandataire=coop["mandataire"], parent="%s %s" % (rnd.choice(FIRST), rnd.choice(LAST)),
                                teacher="%s %s" % (rnd.choice(FIRST), rnd.choice(LAST)))
        variant = rnd.choice(["tous-signes", "tous-signes-bleu-feutre", "parent-manquant"])
        if book:
            variant = "parent-manquant" if book["anomaly"] == "signature" else variant.replace("parent-manquant", "tous-signes")
        quitus_mod.quitus_pdf(path, variant, rnd.randint(0, 10 ** 6))
        return
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    y = H - 50
    c.setFont("Helvetica-Bold", 12)
    c.drawString(50, y, "l'OCCE 75 - Office Central de la Coopération à l'École de Paris (AD 75)")
    y -= 14
    c.setFont("Helvetica", 9)
    c.drawString(50, y, "%d rue %s - 750%02d PARIS - Tél. 01 45 %02d %02d %02d" % (
        rnd.randint(1, 60), rnd.choice(STREETS), rnd.choice([14, 11, 20, 13]), rnd.randint(10, 99), rnd.randint(10, 99), rnd.randint(10, 99)))
    y -= 36
    c.setFont("Helvetica-Bold", 13)
    c.drawString(50, y, "COMPTE RENDU FINANCIER ET QUITUS - Exercice 2020/2021")
    y -= 28
    c.setFont("Helvetica", 11)
    number = coop["numero"]
    c.drawString(50, y, rnd.choice(["Coopérative scolaire n° %s" % number, "N° de coopérative : %s" % number,
                                    "Coop. %s" % number.replace("-", " ")]))
    y -= 16
    c.drawString(50, y, "Établissement : %s (%s)" % (coop["ecole"], coop["commune"]))
    y -= 28
    for label, v in [("Report à nouveau au 01/09/2020", opening), ("Total des produits (classe 7)", income),
                     ("Total des charges (classe 6)", expenses), ("Solde bancaire au 31/08/2021", bank),
                     ("Solde caisse au 31/08/2021", cash)]:
        c.drawString(70, y, label)
        c.drawRightString(480, y, docs.fr_amount(v, euro=True))
        y -= 17
    y -= 20
    c.setFont("Helvetica-Bold", 13)
    c.drawString(50, y, "QUITUS")
    y -= 20
    c.setFont("Helvetica", 10)
    c.drawString(50, y, "Les vérificateurs aux comptes donnent quitus au mandataire pour sa gestion de l'exercice.")
    y -= 40
    for x, title in ((50, "Le mandataire"), (220, "Le parent d'élève"), (400, "L'enseignant")):
        c.drawString(x, y, title)
        docs.scribble(c, x + 5, y - 40, rnd)
    c.drawString(50, 100, "Fait à Paris, le %02d/%02d/2021" % (rnd.randint(1, 30), rnd.choice([9, 10])))
    c.showPage()
    c.save()


def draw_letter(path, coop, rnd):
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    y = H - 80
    c.setFont("Helvetica", 11)
    for line in ["Paris, le %d octobre 2021" % rnd.randint(1, 28), "", "Madame, Monsieur,", "",
                 "Vous trouverez ci-joint la liste des sorties de l'année et le bilan de la kermesse.",
                 "Les parents ont apporté %d gâteaux, la tombola a rapporté plus que prévu." % rnd.randint(10, 60), "",
                 "Bien cordialement,", coop["mandataire"]]:
        c.drawString(60, y, line)
        y -= 16
    c.showPage()
    c.save()


# ---------------------------------------------------------------- output forms

def to_form(pdf, form, rnd):
    """Returns (bytes, extension, media type) of the document in the given form."""
    seed = rnd.randint(0, 10 ** 6)
    if form == "pdf":
        with open(pdf, "rb") as f:
            return f.read(), "pdf", "application/pdf"
    if form == "photo":
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "p.jpg")
            quitus_mod.photo(pdf, out, seed)
            with open(out, "rb") as f:
                return f.read(), "jpg", "image/jpeg"
    if form == "scan150":
        pages = docs.rasterise(pdf, 150)
        jpegs = [docs.jpeg_bytes(docs.degrade(p, seed + i, skew=rnd.uniform(-0.8, 0.8), noise=20), 60) for i, p in enumerate(pages)]
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "s.pdf")
            docs.images_to_pdf(out, jpegs, 150)
            with open(out, "rb") as f:
                return f.read(), "pdf", "application/pdf"
    # rotated scan, one page
    img = docs.degrade(docs.rasterise(pdf, 200)[0], seed, skew=rnd.uniform(-0.6, 0.6), noise=16)
    img = img.rotate(rnd.choice([90, 180, 270]), expand=True)
    if rnd.random() < 0.5:
        b = io.BytesIO()
        img.save(b, "PNG", optimize=True)
        return b.getvalue(), "png", "image/png"
    return docs.jpeg_bytes(img, 65), "jpg", "image/jpeg"


# ---------------------------------------------------------------- MIME

def b64(data):
    s = base64.b64encode(data).decode()
    return "\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def qp(text, charset):
    return quopri.encodestring(text.replace("\n", "\r\n").encode(charset, "replace")).decode("ascii")


def word(text, charset="utf-8", mode="B"):
    if all(ord(ch) < 128 for ch in text):
        return text
    raw = text.encode(charset, "replace")
    if mode == "B":
        return "=?%s?B?%s?=" % (charset, base64.b64encode(raw).decode())
    out = "".join(chr(b) if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122 or b in b".-") else ("_" if b == 32 else "=%02X" % b)
                  for b in raw)
    return "=?%s?Q?%s?=" % (charset, out)


def boundary(rnd, style):
    if style == "gmail":
        return "000000000000%014x" % rnd.getrandbits(56)
    if style == "outlook":
        return "_004_PR1P264MB%04d%08X_" % (rnd.randint(0, 9999), rnd.getrandbits(32))
    if style == "apple":
        return "Apple-Mail-%08X-%04X-%04X" % (rnd.getrandbits(32), rnd.getrandbits(16), rnd.getrandbits(16))
    if style == "thunderbird":
        return "------------%024d" % rnd.randint(0, 10 ** 24 - 1)
    return "----=_Part_%d_%d.%d" % (rnd.randint(1, 99999), rnd.randint(10 ** 8, 10 ** 9), rnd.randint(10 ** 12, 10 ** 13))


def multipart(subtype, bnd, parts, extra=""):
    head = "Content-Type: multipart/%s; boundary=\"%s\"%s\r\n\r\n" % (subtype, bnd, extra)
    body = "".join("--%s\r\n%s\r\n" % (bnd, p) for p in parts)
    return head + body + "--%s--\r\n" % bnd


CLIENTS = ["gmail", "gmail-android", "outlook", "apple-mail", "iphone", "thunderbird", "orange", "free", "laposte"]


def text_part(client, text):
    if client == "outlook":
        return "Content-Type: text/plain; charset=\"windows-1252\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + qp(text, "cp1252")
    if client in ("orange", "free", "laposte"):
        return "Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + qp(text, "latin-1")
    if client == "thunderbird":
        return "Content-Type: text/plain; charset=UTF-8; format=flowed\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text.replace("\n", "\r\n")
    return "Content-Type: text/plain; charset=\"UTF-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + qp(text, "utf-8")


def html_part(text, cids=()):
    import html
    body = "<div dir=\"ltr\">" + "<br>".join(html.escape(l) for l in text.split("\n")) + "</div>"
    for cid in cids:
        body += "<div><img src=\"cid:%s\" width=\"320\"></div>" % cid
    return "Content-Type: text/html; charset=\"UTF-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + qp("<html><body>" + body + "</body></html>", "utf-8")


def attachment_part(client, rnd, name, media, data, inline=False, cid=None):
    if client == "outlook":
        enc = word(name, "windows-1252", "Q")
        head = "Content-Type: %s; name=\"%s\"\r\nContent-Description: %s\r\nContent-Disposition: attachment; filename=\"%s\"; size=%d;\r\n\tcreation-date=\"Mon, 27 Sep 2021 08:12:44 GMT\"\r\n" % (media, enc, enc, enc, len(data))
    elif client == "thunderbird":
        if any(ord(ch) > 127 for ch in name):
            star = "UTF-8''" + urllib.parse.quote(name)
            head = "Content-Type: %s; name*=%s\r\nContent-Disposition: attachment; filename*=%s\r\n" % (media, star, star)
        else:
            head = "Content-Type: %s; name=\"%s\"\r\nContent-Disposition: attachment; filename=\"%s\"\r\n" % (media, name, name)
    elif client in ("orange", "free", "laposte"):
        enc = word(name, "ISO-8859-1", "Q")
        head = "Content-Type: %s; name=\"%s\"\r\nContent-Disposition: attachment; filename=\"%s\"\r\n" % (media, enc, enc)
    elif client in ("apple-mail", "iphone"):
        disp = "inline" if inline else "attachment"
        head = "Content-Type: %s;\r\n\tx-unix-mode=0644;\r\n\tname=\"%s\"\r\nContent-Disposition: %s;\r\n\tfilename=\"%s\"\r\n" % (media, word(name), disp, word(name))
    else:
        enc = word(name)
        head = "Content-Type: %s; name=\"%s\"\r\nContent-Disposition: %s; filename=\"%s\"\r\nX-Attachment-Id: f_%08x\r\n" % (
            media, enc, "inline" if inline else "attachment", enc, rnd.getrandbits(32))
    if cid:
        head += "Content-Id: <%s>\r\n" % cid
    return head + "Content-Transfer-Encoding: base64\r\n\r\n" + b64(data)


def client_headers(client, rnd, sender_name, sender, subject, date, mid_domain):
    if client == "outlook":
        subj = word(subject, "windows-1252", "Q")
    elif client in ("orange", "free", "laposte"):
        subj = word(subject, "ISO-8859-1", "Q")
    else:
        subj = word(subject)
    h = ["From: %s <%s>" % (word(sender_name), sender), "To: OCCE AD75 <%s>" % OCCE, "Subject: %s" % subj,
         "Date: %s" % date, "MIME-Version: 1.0"]
    token = "%016x" % rnd.getrandbits(64)
    if client.startswith("gmail"):
        h.append("Message-ID: <CA+%s%s@mail.gmail.com>" % (token, "Zx" if client == "gmail" else "Ad"))
    elif client == "outlook":
        h += ["Message-ID: <PR1P264MB%s@PR1P264MB1234.FRAP264.PROD.OUTLOOK.COM>" % token.upper(),
              "Thread-Topic: %s" % subj, "Thread-Index: AdexY%s==" % token[:12], "X-MS-Has-Attach: yes",
              "X-MS-TNEF-Correlator:", "Content-Language: fr-FR", "X-MS-Exchange-Organization-SCL: -1"]
    elif client in ("apple-mail", "iphone"):
        h += ["Message-Id: <%s-%s@%s>" % (token[:8].upper(), token[8:].upper(), mid_domain),
              "X-Mailer: %s" % ("iPhone Mail (18G82)" if client == "iphone" else "Apple Mail (2.3654.120.0.1.13)")]
    elif client == "thunderbird":
        h += ["Message-ID: <%s-%s@%s>" % (token[:8], token[8:], mid_domain),
              "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:91.0) Gecko/20100101 Thunderbird/91.1.2", "Content-Language: fr"]
    else:
        mailer = {"orange": "Open-Xchange Mailer v7.10.5-Rev22", "free": "Zimbra 8.8.15_GA (ZimbraWebClient - FF92 (Linux)/8.8.15_GA)",
                  "laposte": "Laposte.net webmail"}[client]
        h += ["Message-ID: <%d.%d.%d@%s>" % (rnd.randint(10 ** 8, 10 ** 9), rnd.randint(1, 9999), rnd.randint(10 ** 12, 10 ** 13), mid_domain),
              "X-Mailer: %s" % mailer]
    return h


def assemble(client, rnd, headers, text, attachments, forwarded_rfc822=None):
    """attachments: [(name, media, data)]; forwarded_rfc822: bytes of a whole mail attached as message/rfc822."""
    style = {"gmail": "gmail", "gmail-android": "gmail", "outlook": "outlook", "apple-mail": "apple", "iphone": "apple",
             "thunderbird": "thunderbird"}.get(client, "webmail")
    if client == "iphone":
        text = text + "\n\nEnvoyé de mon iPhone"
    if client == "gmail-android":
        text = text + "\n\nEnvoyé depuis mon mobile"
    if not attachments and forwarded_rfc822 is None:
        if client in ("gmail", "gmail-android"):
            body = multipart("alternative", boundary(rnd, style), [text_part(client, text), html_part(text)])
        else:
            body = text_part(client, text)
        return "\r\n".join(headers) + "\r\n" + body
    parts = []
    if client == "apple-mail" and attachments and rnd.random() < 0.6:
        # Apple Mail: images shown in the body, in multipart/related under multipart/alternative.
        images = [a for a in attachments if a[1].startswith("image/")]
        others = [a for a in attachments if not a[1].startswith("image/")]
        if images:
            cids = ["%08X-%04X@apple" % (rnd.getrandbits(32), i) for i in range(len(images))]
            related = multipart("related", boundary(rnd, style),
                                [html_part(text, cids)] + [attachment_part(client, rnd, n, m, d, inline=True, cid=cid)
                                                           for (n, m, d), cid in zip(images, cids)], "; type=\"text/html\"")
            alt = multipart("alternative", boundary(rnd, style), [text_part(client, text), related])
            parts.append(alt)
            attachments = others
    if not parts:
        if client.startswith("gmail"):
            parts.append(multipart("alternative", boundary(rnd, style), [text_part(client, text), html_part(text)]))
        else:
            parts.append(text_part(client, text))
    for name, media, data in attachments:
        parts.append(attachment_part(client, rnd, name, media, data, inline=(client == "iphone" and media.startswith("image/"))))
    if forwarded_rfc822 is not None:
        parts.append("Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"message.eml\"\r\n\r\n"
                     + forwarded_rfc822.replace("\r\n", "\n").replace("\n", "\r\n"))
    if client == "outlook" and rnd.random() < 0.3:
        tnef = b"\x78\x9f\x3e\x22" + bytes(rnd.getrandbits(8) for _ in range(300))
        parts.append("Content-Type: application/ms-tnef; name=\"winmail.dat\"\r\nContent-Disposition: attachment; filename=\"winmail.dat\"\r\n"
                     "Content-Transfer-Encoding: base64\r\n\r\n" + b64(tnef))
    return "\r\n".join(headers) + "\r\n" + multipart("mixed", boundary(rnd, style), parts)


# ---------------------------------------------------------------- cases

CASES = [  # (name, weight)
    ("documents", 26), ("photos et scans", 14), ("transfert dans le corps", 6), ("transfert message/rfc822", 6),
    ("réponse à une relance, avec documents", 5), ("réponse à une relance, sans document", 5), ("deux coopératives", 5),
    ("question sans document", 7), ("expéditeur inconnu, numéro donné", 5), ("expéditeur inconnu, nom de l'école", 5),
    ("relevé d'une autre banque", 4), ("rebond (bounce)", 4), ("réponse automatique", 5), ("accusé de lecture", 3),
    ("lettre d'information", 3),
]

LAYOUTS = ["debitcredit", "signed", "multipage", "opval"]


def mail_date(rnd):
    d = datetime.datetime(2021, 9, 6) + datetime.timedelta(minutes=rnd.randint(0, 60 * 24 * 50))
    return d.strftime("%a, %d %b %Y %H:%M:%S +0200"), d


def reminder_text(rnd, coops, target):
    others = rnd.sample([c for c in coops if c is not target], 3)
    lines = ["Bonjour,", "", "Sauf erreur de notre part, nous n'avons pas encore reçu le compte rendu financier, le quitus",
             "et le relevé bancaire au 31 août de votre coopérative %s (%s)." % (target["numero"], target["ecole"]), "",
             "Pour mémoire, les coopératives suivantes de votre secteur ont déjà envoyé leurs documents :"]
    for o in others:
        lines.append("  - %s %s" % (o["numero"], o["ecole"]))
    lines += ["", "Merci de nous les adresser avant le 15 octobre.", "", "L'équipe de l'OCCE AD75 - 75014 Paris"]
    return "\n".join(lines)


def quote(text, client):
    if client == "outlook":
        return "\n\nDe : OCCE AD75 <%s>\nEnvoyé : lundi 20 septembre 2021 10:02\nÀ : mandataire\nObjet : Relance documents de fin d'exercice\n\n%s" % (OCCE, text)
    return "\n\nLe lun. 20 sept. 2021 à 10:02, OCCE AD75 <%s> a écrit :\n" % OCCE + "\n".join("> " + l for l in text.split("\n"))


def number_forms(rnd, coop):
    n = coop["numero"]
    return rnd.choice([n, "n° " + n, n.replace("-", " "), "coop " + n])


class Corpus:
    CASES = CASES

    def __init__(self, out, seed, count):
        self.out, self.rnd, self.count = out, random.Random(seed), count
        self.coops = make_registry(random.Random(seed * 7 + 1), max(30, count // 6))
        books = random.Random(seed * 31 + 7)  # the books and their anomalies, drawn apart from everything else
        for c in self.coops:
            c["book"] = make_book(books)
        by_mail = {}
        for c in self.coops:
            by_mail.setdefault(c["email"], []).append(c)
        self.single = [c for c in self.coops if len(by_mail[c["email"]]) == 1]
        self.pairs = [v for v in by_mail.values() if len(v) == 2]
        self.labels = []
        self.tmp = tempfile.mkdtemp(prefix="coopmail-corpus-")

    def statement(self, coop, form=None, layout=None, period=None):
        rnd = self.rnd
        layout = layout or rnd.choice(LAYOUTS)
        period = period or rnd.choice(["straddle", "straddle", "straddle", "aug", "sep", "june"])
        st = make_statement(rnd, coop, layout, period, coop["book"]["statement_0831"])
        pdf = os.path.join(self.tmp, "st%d.pdf" % rnd.getrandbits(40))
        draw_statement(pdf, coop, st, rnd)
        if form is None:
            form = rnd.choice(["pdf", "pdf", "pdf", "photo", "scan150", "rot"])
        if layout == "multipage" and form in ("photo", "rot"):
            form = "scan150"
        data, ext, media = to_form(pdf, form, rnd)
        name = rnd.choice(["releve", "Relevé BRED", "releve_compte_%s" % st["end"].strftime("%m%Y"), "RELEVE AOUT", "relevé bancaire",
                           "IMG_%04d" % rnd.randint(1000, 9999) if form == "photo" else "Scan_%04d" % rnd.randint(1, 9999)])
        name = "%s.%s" % (name, ext)
        cents, source = st["truth"]
        label = dict(kind="bank_statement", cooperative=coop["numero"], balance_0831_cents=cents, balance_source=source,
                     layout=layout, period=period, form=form, bank=st["bank"][0])
        return (name, media, data), label

    def quitus(self, coop, form=None):
        rnd = self.rnd
        pdf = os.path.join(self.tmp, "q%d.pdf" % rnd.getrandbits(40))
        draw_quitus(pdf, coop, rnd)
        form = form or rnd.choice(["pdf", "pdf", "pdf", "photo", "scan150", "rot"])
        data, ext, media = to_form(pdf, form, rnd)
        name = "%s.%s" % (rnd.choice(["quitus", "Quitus 2021", "CRF_quitus_%s" % coop["numero"].split("-")[1], "compte rendu financier",
                                       "IMG_%04d" % rnd.randint(1000, 9999)]), ext)
        return (name, media, data), dict(kind="quitus", cooperative=coop["numero"], form=form)

    def letter(self, coop):
        pdf = os.path.join(self.tmp, "l%d.pdf" % self.rnd.getrandbits(40))
        draw_letter(pdf, coop, self.rnd)
        with open(pdf, "rb") as f:
            return ("courrier.pdf", "application/pdf", f.read()), dict(kind="other", cooperative=None, form="pdf")

    def documents_for(self, coop, images=False):
        rnd = self.rnd
        files = []
        forms = (lambda: rnd.choice(["photo", "scan150", "rot"])) if images else (lambda: None)
        what = rnd.choice(["both", "both", "statement", "quitus"])
        if what in ("both", "quitus"):
            files.append(self.quitus(coop, forms()))
        if what in ("both", "statement"):
            files.append(self.statement(coop, forms()))
        if rnd.random() < 0.1:
            files.append(self.letter(coop))
        rnd.shuffle(files)
        return files

    def add(self, case, client, text, headers, files, expected, nature, forwarded=None, raw=None):
        index = len(self.labels) + 1
        seen = set()
        for i, (f, label) in enumerate(files):  # one name per attachment in a mail (a second « quitus.pdf » → « quitus-2.pdf »)
            name, k = f[0], 2
            while name in seen:
                stem, dot, ext = f[0].rpartition(".")
                name, k = "%s-%d.%s" % (stem, k, ext), k + 1
            seen.add(name)
            files[i] = ((name, f[1], f[2]), label)
        mid = next(h for h in headers if h.lower().startswith("message-id:")).split(":", 1)[1].strip() if headers else None
        eml = raw if raw is not None else assemble(client, self.rnd, headers, text, [f for f, _ in files], forwarded)
        slug = "".join(ch if ch.isalnum() else "-" for ch in ascii_upper(case).lower())[:30].strip("-")
        name = "%04d-%s.eml" % (index, slug)
        with open(os.path.join(self.out, "mails", name), "wb") as f:
            f.write(eml.encode("utf-8", "surrogateescape") if isinstance(eml, str) else eml)
        documents = [dict(filename=f[0], **label) for f, label in files]
        self.labels.append(dict(file=name, message_id=mid, case=case, client=client, cooperative=expected, nature=nature,
                                documents=documents))

    def generate(self):
        os.makedirs(os.path.join(self.out, "mails"), exist_ok=True)
        names, weights = zip(*self.CASES)
        for _ in range(self.count):
            case = self.rnd.choices(names, weights)[0]
            getattr(self, "case_" + str(names.index(case)))(case)
        with open(os.path.join(self.out, "registry.csv"), "w", encoding="utf-8") as f:
            f.write(registry_csv(self.coops))
        with open(os.path.join(self.out, "registry-dense.csv"), "w", encoding="utf-8") as f:
            f.write(dense_csv(self.coops))
        with open(os.path.join(self.out, "declarations.csv"), "w", encoding="utf-8") as f:
            f.write(declarations_csv(self.coops))
        with open(os.path.join(self.out, "labels.json"), "w", encoding="utf-8") as f:
            json.dump(dict(mails=self.labels, dossiers=expected_dossiers(self.labels, self.coops)), f, ensure_ascii=False,
                      indent=1)

    # -- helpers
    def sender(self, client, coop):
        rnd = self.rnd
        date, _ = mail_date(rnd)
        return date, coop["email"].split("|")[0], "%s %s" % (coop["first"], coop["last"])

    def simple(self, case, coop, files, subject, body, client=None, expected="same"):
        client = client or self.rnd.choice(CLIENTS)
        date, addr, name = self.sender(client, coop)
        headers = client_headers(client, self.rnd, name, addr, subject, date, addr.split("@")[1])
        nature = "documents" if files else "message"
        self.add(case, client, body, headers, files, coop["numero"] if expected == "same" else expected, nature)

    # -- the cases, in the order of CASES
    def case_0(self, case):
        coop = self.rnd.choice(self.single)
        subject = self.rnd.choice(["Documents fin d'exercice", "quitus et relevé", "Coopérative %s" % coop["numero"],
                                   "CRF 2020-2021 %s" % coop["ecole"], "Envoi des pièces", "relevé août"])
        body = self.rnd.choice(["Bonjour,\nVeuillez trouver ci-joint les documents demandés.\nCordialement,\n%s",
                                "Bonjour,\n\nCi-joint le quitus et le relevé de la coopérative.\nBonne journée\n%s",
                                "Voici les pièces.\n%s"]) % coop["mandataire"]
        self.simple(case, coop, self.documents_for(coop), subject, body)

    def case_1(self, case):
        coop = self.rnd.choice(self.single)
        client = self.rnd.choice(["iphone", "gmail-android", "apple-mail", "gmail", "orange"])
        self.simple(case, coop, self.documents_for(coop, images=True), self.rnd.choice(["photos", "Documents", "", "scan"]),
                    "Bonjour, voici les photos des documents.\n%s" % coop["first"], client=client)

    def forward_text(self, coop):
        return ("\n\n-------- Message transféré --------\nSujet : \tDocuments coopérative\nDate : \tlun., 27 sept. 2021 18:40:12 +0200\n"
                "De : \t%s <%s>\nPour : \tsecretariat.ecole@ac-paris.fr\n\nBonjour, voici le quitus et le relevé.\n%s"
                % (coop["mandataire"], coop["email"].split("|")[0], coop["mandataire"]))

    def case_2(self, case):
        rnd = self.rnd
        coop = rnd.choice(self.single)
        client = rnd.choice(["thunderbird", "gmail", "orange", "free", "laposte", "outlook"])
        date, _ = mail_date(rnd)
        addr = rnd.choice(["ce.07500%02dx@ac-paris.fr" % rnd.randint(10, 99), "secretariat.ecole%d@gmail.com" % rnd.randint(1, 99)])
        sep = {"outlook": "\n\n________________________________\nDe : %s <%s>\nEnvoyé : lundi 27 septembre 2021 18:40\nÀ : Secrétariat\nObjet : Documents coopérative\n\nBonjour, voici les documents.\n"
               % (coop["mandataire"], coop["email"].split("|")[0])}.get(client, self.forward_text(coop))
        body = "Bonjour,\nJe vous transfère les documents de la coopérative reçus par l'école.\nLe secrétariat" + sep
        prefix = "TR : " if client == "outlook" else "Fwd: "
        headers = client_headers(client, rnd, "Secrétariat école", addr, prefix + "Documents coopérative", date, addr.split("@")[1])
        self.add(case, client, body, headers, self.documents_for(coop), coop["numero"], "documents")

    def case_3(self, case):
        rnd = self.rnd
        coop = rnd.choice(self.single)
        client = rnd.choice(["thunderbird", "apple-mail", "outlook", "gmail"])
        inner_files = self.documents_for(coop)
        inner_date, _ = mail_date(rnd)
        registered_forwarder = rnd.random() < 0.5
        treasurer = "tresorier.%s@gmail.com" % ascii_upper(rnd.choice(LAST)).lower()
        inner_from = (treasurer, "Trésorier") if registered_forwarder else (coop["email"].split("|")[0], coop["mandataire"])
        inner_headers = client_headers("thunderbird", rnd, inner_from[1], inner_from[0], "quitus et relevé", inner_date, "example.org")
        inner = assemble("thunderbird", rnd, inner_headers, "Bonjour,\nvoici les documents de la coopérative.", [f for f, _ in inner_files])
        date, _ = mail_date(rnd)
        if registered_forwarder:
            addr, name = coop["email"].split("|")[0], coop["mandataire"]
        else:
            addr, name = "directeur.ecole%d@ac-paris.fr" % rnd.randint(1, 99), "Direction école"
        headers = client_headers(client, rnd, name, addr, "TR: quitus et relevé", date, addr.split("@")[1])
        self.add(case, client, "Je vous transfère le message reçu.", headers, inner_files, coop["numero"], "documents", forwarded=inner)

    def case_4(self, case):
        rnd = self.rnd
        coop = rnd.choice(self.single)
        client = rnd.choice(CLIENTS)
        body = "Bonjour,\nVoici les documents demandés, désolée pour le retard.\n%s" % coop["mandataire"] + quote(reminder_text(rnd, self.coops, coop), client)
        self.simple(case, coop, self.documents_for(coop), "RE: Relance documents de fin d'exercice", body, client=client)

    def case_5(self, case):
        rnd = self.rnd
        coop = rnd.choice(self.single)
        client = rnd.choice(CLIENTS)
        reply = rnd.choice(["Bonjour,\nJe m'en occupe cette semaine.", "Bonjour, le trésorier revient de congé lundi, je vous envoie tout mardi.",
                            "Merci pour le rappel, c'est noté.", "Bonjour,\nQuelle est la date limite exacte ? Merci"])
        self.simple(case, coop, [], "Re: Relance documents de fin d'exercice", reply + "\n" + coop["first"] + quote(reminder_text(rnd, self.coops, coop), client), client=client)

    def case_6(self, case):
        rnd = self.rnd
        pair = rnd.choice(self.pairs)
        files = self.documents_for(pair[0]) + self.documents_for(pair[1])
        client = rnd.choice(CLIENTS)
        date, addr, name = self.sender(client, pair[0])
        headers = client_headers(client, rnd, name, addr, "Documents de mes deux coopératives", date, addr.split("@")[1])
        body = "Bonjour,\nVoici les documents de mes deux coopératives (%s et %s).\n%s" % (pair[0]["ecole"], pair[1]["ecole"], name)
        self.add(case, client, body, headers, files, None, "documents")

    def case_7(self, case):
        rnd = self.rnd
        coop = rnd.choice(self.single)
        q = rnd.choice(["Bonjour,\nQuelle est la date limite pour envoyer le quitus ?\nMerci", "Bonjour, faut-il envoyer le relevé d'août ou de septembre ?",
                        "Bonjour,\nNotre vérificateur est absent, peut-on signer à deux ?\nCordialement", "Merci pour votre aide."])
        self.simple(case, coop, [], rnd.choice(["Question", "date limite", "quitus", "Coopérative"]), q + "\n" + coop["mandataire"])

    def unregistered(self, case, by_school):
        rnd = self.rnd
        coop = rnd.choice(self.single)
        client = rnd.choice(CLIENTS)
        date, _ = mail_date(rnd)
        addr = rnd.choice(["parent.%s@gmail.com" % ascii_upper(rnd.choice(LAST)).lower(), "ce.0751%03dk@ac-paris.fr" % rnd.randint(0, 999),
                           "famille%s@free.fr" % ascii_upper(rnd.choice(LAST)).lower()])
        ref = coop["ecole"] if by_school else number_forms(rnd, coop)
        with_docs = rnd.random() < 0.6
        files = self.documents_for(coop) if with_docs else []
        if rnd.random() < 0.5:
            subject, body = "Coopérative %s" % ref, "Bonjour,\nJe suis %s de l'école.\n%s" % (
                rnd.choice(["parent élu", "la secrétaire", "le directeur"]),
                "Voici les documents de la coopérative." if with_docs else "Pouvez-vous me dire ce qui manque au dossier ?")
        else:
            subject, body = rnd.choice(["documents", "Question", "coopérative"]), "Bonjour,\nJe vous écris pour la coopérative %s.\n%s" % (
                ref, "Ci-joint le quitus et le relevé." if with_docs else "Qui doit signer le quitus ?")
        headers = client_headers(client, rnd, "%s %s" % (rnd.choice(FIRST), rnd.choice(LAST)), addr, subject, date, addr.split("@")[1])
        self.add(case, client, body, headers, files, coop["numero"], "documents" if files else "message")

    def case_8(self, case):
        self.unregistered(case, False)

    def case_9(self, case):
        self.unregistered(case, True)

    def case_10(self, case):
        rnd = self.rnd
        coop = rnd.choice(self.single)
        files = [self.statement(coop, layout="otherbank", form=rnd.choice(["pdf", "pdf", "scan150", "photo"]))]
        if rnd.random() < 0.5:
            files.append(self.statement(coop))
        self.simple(case, coop, files, "relevés", "Bonjour,\nLa coopérative a aussi un livret, je joins les deux relevés.\n" + coop["mandataire"])

    def original_occe(self, coop, rnd):
        return ("From: OCCE AD75 <%s>\r\nTo: %s\r\nSubject: Relance coopérative %s\r\nDate: Mon, 20 Sep 2021 10:02:00 +0200\r\n"
                "Message-ID: <relance-%s-%d@occe.coop>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n"
                % (OCCE, coop["email"].split("|")[0], coop["numero"], coop["numero"], rnd.randint(1, 10 ** 6),
                   reminder_text(rnd, self.coops, coop).replace("\n", "\r\n")))

    def case_11(self, case):
        rnd = self.rnd
        coop = rnd.choice(self.coops)
        date, _ = mail_date(rnd)
        style = rnd.choice(["postfix", "exchange", "gmail"])
        frm = {"postfix": "MAILER-DAEMON@mx1.occe.coop (Mail Delivery System)", "exchange": "postmaster@ac-paris.fr",
               "gmail": "Mail Delivery Subsystem <mailer-daemon@googlemail.com>"}[style]
        subject = {"postfix": "Undelivered Mail Returned to Sender", "exchange": "Non remis : Relance coopérative %s" % coop["numero"],
                   "gmail": "Delivery Status Notification (Failure)"}[style]
        bnd = "%08X.%d/mx1.occe.coop" % (rnd.getrandbits(32), rnd.randint(1, 99999))
        mid = "<%d.bounce@%s>" % (rnd.randint(10 ** 8, 10 ** 9), "mx1.occe.coop")
        rcpt = coop["email"].split("|")[0]
        report = ("Reporting-MTA: dns; mx1.occe.coop\r\nArrival-Date: %s\r\n\r\nFinal-Recipient: rfc822; %s\r\nAction: failed\r\n"
                  "Status: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 <%s>: Recipient address rejected: User unknown\r\n" % (date, rcpt, rcpt))
        original = self.original_occe(coop, rnd)
        orig_part = ("Content-Type: message/rfc822\r\n\r\n" + original) if rnd.random() < 0.6 else \
            ("Content-Type: text/rfc822-headers\r\n\r\n" + original.split("\r\n\r\n")[0] + "\r\n")
        raw = ("From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: %s\r\nMIME-Version: 1.0\r\n"
               "Content-Type: multipart/report; report-type=delivery-status; boundary=\"%s\"\r\n\r\n"
               "--%s\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nThis is the mail system at host mx1.occe.coop.\r\n"
               "I'm sorry to have to inform you that your message could not be delivered to %s (coopérative %s).\r\n"
               "--%s\r\nContent-Type: message/delivery-status\r\n\r\n%s\r\n--%s\r\n%s\r\n--%s--\r\n"
               % (frm, OCCE, word(subject), date, mid, bnd, bnd, rcpt, coop["numero"], bnd, report, bnd, orig_part, bnd))
        self.add(case, "mta-" + style, "", ["Message-ID: " + mid], [], None, "automatic", raw=raw)

    def case_12(self, case):
        rnd = self.rnd
        coop = rnd.choice(self.coops)
        client = rnd.choice(["outlook", "orange", "free", "laposte", "gmail", "thunderbird"])
        date, addr, name = self.sender(client, coop)
        style = rnd.choice(["auto-submitted", "x-autoreply", "x-autorespond", "precedence", "subject-only", "exchange"])
        subject = rnd.choice(["Réponse automatique : Relance coopérative %s" % coop["numero"], "Absence du 20/09 au 01/10",
                              "Out of office: Relance documents", "Automatic reply: Relance coopérative %s" % coop["numero"],
                              "Message d'absence", "Absent(e) : Relance documents de fin d'exercice"])
        headers = client_headers(client, rnd, name, addr, subject, date, addr.split("@")[1])
        extra = {"auto-submitted": ["Auto-Submitted: auto-replied"], "x-autoreply": ["X-Autoreply: yes"],
                 "x-autorespond": ["X-Autorespond: Absence"], "precedence": ["Precedence: auto_reply"], "subject-only": [],
                 "exchange": ["Auto-Submitted: auto-generated", "X-MS-Exchange-Inbox-Rules-Loop: %s" % addr, "X-Auto-Response-Suppress: All"]}[style]
        if style == "subject-only" and not any(w in subject for w in ("automatique", "Absence", "Out of office", "Automatic", "absence", "Absent")):
            subject = "Réponse automatique : " + subject
        headers = headers[:3] + extra + headers[3:]
        body = rnd.choice(["Bonjour,\nJe suis absente jusqu'au 1er octobre. Pour la coopérative %s, contactez le directeur.\n%s" % (coop["numero"], name),
                           "Je serai absent du 20/09 au 01/10 sans accès à ma messagerie.\nCordialement,\n%s" % name])
        self.add(case, client, body, headers, [], None, "automatic")

    def case_13(self, case):
        rnd = self.rnd
        coop = rnd.choice(self.coops)
        client = rnd.choice(["outlook", "thunderbird", "orange"])
        date, addr, name = self.sender(client, coop)
        headers = client_headers(client, rnd, name, addr, "Lu : Relance coopérative %s" % coop["numero"], date, addr.split("@")[1])
        bnd = boundary(rnd, "webmail")
        body_head = "Content-Type: multipart/report; report-type=disposition-notification; boundary=\"%s\"\r\n\r\n" % bnd
        raw = "\r\n".join(headers) + "\r\n" + body_head + (
            "--%s\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            "Votre message « Relance coopérative %s » a été lu le 21/09/2021.\r\n"
            "--%s\r\nContent-Type: message/disposition-notification\r\n\r\nReporting-UA: %s\r\nFinal-Recipient: rfc822;%s\r\n"
            "Original-Message-ID: <relance-%s@occe.coop>\r\nDisposition: manual-action/MDN-sent-manually; displayed\r\n\r\n--%s--\r\n"
            % (bnd, coop["numero"], bnd, addr.split("@")[1], addr, coop["numero"], bnd))
        self.add(case, client, "", headers, [], None, "automatic", raw=raw)

    def case_14(self, case):
        rnd = self.rnd
        date, _ = mail_date(rnd)
        coops = rnd.sample(self.coops, 3)
        sender = rnd.choice([("La lettre de l'OCCE", "lettre@occe.coop"), ("Éduscol", "info@education.gouv.fr"),
                             ("Librairie Gibert", "newsletter@gibert.com")])
        mid = "<news-%d@%s>" % (rnd.randint(1, 10 ** 9), sender[1].split("@")[1])
        headers = ["From: %s <%s>" % (word(sender[0]), sender[1]), "To: %s" % OCCE, "Subject: %s" % word("Lettre d'information - octobre 2021"),
                   "Date: %s" % date, "Message-ID: %s" % mid, "MIME-Version: 1.0",
                   "List-Id: <lettre.%s>" % sender[1].split("@")[1], "List-Unsubscribe: <mailto:unsubscribe@%s>" % sender[1].split("@")[1]]
        if rnd.random() < 0.5:
            headers.append("Precedence: bulk")
        body = "Ce mois-ci : les coopératives %s, %s et %s ont monté un projet commun.\nSe désinscrire : https://example.org/u" % tuple(
            "%s (%s)" % (c["numero"], c["ecole"]) for c in coops)
        self.add(case, "liste", body, headers, [], None, "automatic", raw=assemble("gmail", rnd, headers, body, []))


def main(corpus_class=Corpus, default_count=200, doc=__doc__):
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        print(doc)
        sys.exit(2)
    out = args[0]
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 1
    count = int(args[args.index("--mails") + 1]) if "--mails" in args else default_count
    os.makedirs(out, exist_ok=True)
    corpus = corpus_class(out, seed, count)
    corpus.generate()
    import shutil
    shutil.rmtree(corpus.tmp, ignore_errors=True)
    print("%d mails dans %s" % (len(corpus.labels), out))


if __name__ == "__main__":
    main()
