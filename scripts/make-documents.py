#!/usr/bin/python3
"""Generates the labelled document corpus of coopmail's reading stage into Fixtures/documents/.

Deterministic (seeded noise, invariant PDFs, no timestamps): running it twice gives the same bytes.
Needs python3-reportlab, python3-pil, img2pdf and poppler-utils (pdftoppm).
Outputs: text-layer BRED-like statements and quitus pages, scanned versions (noise, skew, rotations,
a low-resolution phone photo with an EXIF orientation), a two-page scan (quitus + statement),
registry.csv (contract format) and labels.json (the truth per file and page range).
"""
import io
import json
import os
import random
import subprocess
import sys
import tempfile

from PIL import Image, ImageDraw, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "documents")
W, H = A4


# ---------------------------------------------------------------- IBANs

def rib_key(bank, branch, account):
    return 97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97)


def french_iban(bank, branch, account):
    key = "%02d" % rib_key(bank, branch, account)
    bban = bank + branch + account + key
    numeric = int(bban + "152700")  # F=15 R=27, then "00"
    check = 98 - numeric % 97
    return "FR%02d%s" % (check, bban)


def spaced(iban):
    return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))


def dotted(account):
    d = account.lstrip("0")
    return "%s.%s.%s" % (d[:3], d[3:5], d[5:])


# ---------------------------------------------------------------- registry

COOPS = [
    dict(numero="075-0123", ecole="École élémentaire Rue Keller", commune="Paris 11e",
         mandataire="Claire Martin", email="claire.martin@ac-paris.fr", account="00518064209",
         holder="COOP SCOL EE RUE KELLER"),
    dict(numero="075-0456", ecole="École maternelle Rue de la Roquette", commune="Paris 11e",
         mandataire="Paul Durand", email="paul.durand@ac-paris.fr|coop.roquette@gmail.com", account="00518071133",
         holder="COOP SCOL EM ROQUETTE"),
    dict(numero="075-0789", ecole="École élémentaire Parmentier", commune="Paris 11e",
         mandataire="Sophie Bernard", email="sophie.bernard@ac-paris.fr", account="00518095521",
         holder="COOP SCOL EE PARMENTIER"),
    dict(numero="075-0790", ecole="École maternelle Pihet", commune="Paris 11e",
         mandataire="Sophie Bernard", email="sophie.bernard@ac-paris.fr", account="00518095687",
         holder="COOP SCOL EM PIHET"),
    dict(numero="075-0042", ecole="École polyvalente Belleville", commune="Paris 20e",
         mandataire="Karim Haddad", email="k.haddad@ac-paris.fr", account="00518112270",
         holder="COOP SCOL EP BELLEVILLE"),
]
for c in COOPS:
    c["iban"] = french_iban("10107", "00100", c["account"])
BY_NUM = {c["numero"]: c for c in COOPS}


def write_registry():
    with open(os.path.join(ROOT, "registry.csv"), "w", encoding="utf-8") as f:
        f.write("numero;ecole;commune;mandataire;email;iban\n")
        for c in COOPS:
            f.write("%s;%s;%s;%s;%s;%s\n" % (c["numero"], c["ecole"], c["commune"], c["mandataire"], c["email"],
                                             spaced(c["iban"])))


# ---------------------------------------------------------------- amounts and dates

def fr_amount(cents, dots=False, euro=False, signed=False):
    neg = cents < 0
    a = abs(cents)
    euros = str(a // 100)
    groups = []
    while euros:
        groups.insert(0, euros[-3:])
        euros = euros[:-3]
    sep = "." if dots else " "
    s = sep.join(groups) + ",%02d" % (a % 100)
    if neg and signed:
        s = "- " + s
    elif signed:
        s = "+ " + s
    if euro:
        s += " €"
    return s


def d_full(d):
    return "%02d/%02d/%04d" % (d[2], d[1], d[0])


def d_short(d):
    return "%02d/%02d" % (d[2], d[1])


def d_dots(d):
    return "%02d.%02d.%02d" % (d[2], d[1], d[0] % 100)


# ---------------------------------------------------------------- statements

def statement_pdf(path, coop, period, opening, movements, layout="old", date_style="short", dots=False,
                  label_closing="SOLDE CREDITEUR AU", opening_label=None):
    """opening: (date, cents); movements: [(date, label, cents)]; returns the list of balance lines."""
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setTitle("Relevé de compte")
    y = H - 50
    c.setFont("Helvetica-Bold", 14)
    c.drawString(40, y, "BRED Banque Populaire")
    c.drawRightString(W - 40, y, "RELEVE DE COMPTE")
    c.setFont("Helvetica", 9)
    y -= 14
    c.drawString(40, y, "Agence Paris Bastille - 18 boulevard Beaumarchais 75011 Paris - Tél. 01 43 55 12 34")
    y -= 28
    c.setFont("Helvetica-Bold", 10)
    c.drawString(320, y, "COOPERATIVE SCOLAIRE OCCE")
    y -= 13
    c.drawString(320, y, coop["holder"])
    y -= 13
    c.setFont("Helvetica", 10)
    c.drawString(320, y, "12 RUE KELLER" if coop["numero"] == "075-0123" else "3 RUE DE LA ROQUETTE")
    y -= 13
    c.drawString(320, y, "75011 PARIS")
    y -= 28
    c.drawString(40, y, "Titulaire : %s" % coop["holder"])
    y -= 14
    c.drawString(40, y, "Compte courant n° %s" % dotted(coop["account"]))
    c.drawString(300, y, "du %s au %s" % (d_full(period[0]), d_full(period[1])))
    y -= 14
    c.drawString(40, y, "IBAN : %s" % spaced(coop["iban"]))
    c.drawString(400, y, "BIC : BREDFRPP")
    y -= 30

    def fmt_date(d):
        return {"short": d_short, "full": d_full, "dots": d_dots}[date_style](d)

    c.setFont("Helvetica-Bold", 9)
    if layout == "old":
        c.drawString(40, y, "Date")
        c.drawString(95, y, "Libellé")
        c.drawString(330, y, "Valeur")
        c.drawRightString(460, y, "Débit")
        c.drawRightString(550, y, "Crédit")
    else:
        c.drawString(40, y, "Date")
        c.drawString(110, y, "Opération")
        c.drawRightString(550, y, "Montant en euros")
    y -= 6
    c.line(40, y, 555, y)
    y -= 16
    c.setFont("Helvetica", 9)
    balances = []

    def balance_line(label, date, cents):
        nonlocal y
        c.setFont("Helvetica-Bold", 9)
        if layout == "old":
            word = "SOLDE CREDITEUR AU" if cents >= 0 else "SOLDE DEBITEUR AU"
            text = label if label else word
            c.drawString(95, y, "%s %s" % (text, d_full(date)))
            c.drawRightString(550 if cents >= 0 else 460, y, fr_amount(abs(cents), dots))
        else:
            text = label if label else "Solde au"
            c.drawString(110, y, "%s %s" % (text, fmt_date(date) if date_style != "short" else d_full(date)))
            c.drawRightString(550, y, fr_amount(cents, dots, euro=True, signed=cents < 0))
        c.setFont("Helvetica", 9)
        balances.append(dict(date="%04d-%02d-%02d" % date, cents=cents))
        y -= 18

    balance_line(opening_label, opening[0], opening[1])
    total = opening[1]
    for d, label, cents in movements:
        c.drawString(40, y, fmt_date(d))
        if layout == "old":
            c.drawString(95, y, label)
            c.drawString(330, y, d_short(d))
            c.drawRightString(460 if cents < 0 else 550, y, fr_amount(abs(cents), dots))
        else:
            c.drawString(110, y, label)
            c.drawRightString(550, y, fr_amount(cents, dots, euro=True, signed=True))
        total += cents
        y -= 14
    y -= 6
    if layout == "old":
        c.line(40, y + 10, 555, y + 10)
        balance_line(None if label_closing == "SOLDE CREDITEUR AU" else label_closing, period[1], total)
    else:
        balance_line(label_closing if label_closing != "SOLDE CREDITEUR AU" else "Nouveau solde au", period[1], total)
    c.setFont("Helvetica", 7)
    c.drawString(40, 40, "BRED Banque Populaire, SA coopérative de banque populaire, 552 091 795 RCS Paris. Page 1/1")
    c.showPage()
    c.save()
    return balances, total


# ---------------------------------------------------------------- quitus

def scribble(c, x, y, rnd):
    p = c.beginPath()
    p.moveTo(x, y)
    for _ in range(6):
        p.curveTo(x + rnd.uniform(5, 20), y + rnd.uniform(-12, 12), x + rnd.uniform(20, 35),
                  y + rnd.uniform(-12, 12), x + rnd.uniform(35, 50), y + rnd.uniform(-6, 6))
        x += rnd.uniform(25, 40)
    c.setLineWidth(1.2)
    c.drawPath(p, stroke=1, fill=0)


def quitus_pdf(path, coop, income, expenses, bank, cash, opening, seed, number_style="full"):
    rnd = random.Random(seed)
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setTitle("Compte rendu financier")
    y = H - 60
    c.setFont("Helvetica-Bold", 13)
    c.drawString(50, y, "OCCE - Office Central de la Coopération à l'École")
    y -= 16
    c.setFont("Helvetica", 10)
    c.drawString(50, y, "Association départementale de Paris (AD75)")
    y -= 34
    c.setFont("Helvetica-Bold", 14)
    c.drawString(50, y, "COMPTE RENDU FINANCIER - Exercice 2020-2021")
    y -= 30
    c.setFont("Helvetica", 11)
    num = coop["numero"] if number_style == "full" else "n° %s" % coop["numero"].split("-")[1]
    c.drawString(50, y, "Coopérative %s" % (num if number_style != "full" else "n° " + num))
    y -= 16
    c.drawString(50, y, "École : %s" % coop["ecole"])
    y -= 16
    c.drawString(50, y, "Mandataire : %s" % coop["mandataire"])
    y -= 30
    rows = [("Report à nouveau au 01/09/2020", opening), ("Total des produits", income),
            ("Total des charges", expenses), ("Solde banque au 31/08/2021", bank), ("Solde caisse au 31/08/2021", cash)]
    for label, v in rows:
        c.drawString(70, y, label)
        c.drawRightString(480, y, fr_amount(v, euro=True))
        y -= 18
    y -= 24
    c.setFont("Helvetica-Bold", 14)
    c.drawString(50, y, "QUITUS")
    y -= 22
    c.setFont("Helvetica", 11)
    c.drawString(50, y, "Nous, vérificateurs aux comptes, après examen des pièces justificatives,")
    y -= 15
    c.drawString(50, y, "déclarons que le compte rendu financier nous semble correct.")
    y -= 40
    c.drawString(50, y, "Le mandataire")
    c.drawString(220, y, "Vérificateur (parent élu)")
    c.drawString(400, y, "Vérificateur (enseignant)")
    y -= 14
    c.setFont("Helvetica", 9)
    c.drawString(50, y, "Nom et signature")
    c.drawString(220, y, "Nom et signature")
    c.drawString(400, y, "Nom et signature")
    y -= 40
    for x in (55, 225, 405):
        scribble(c, x, y, rnd)
    c.setFont("Helvetica", 10)
    c.drawString(50, 120, "Fait à Paris, le 28/09/2021")
    c.showPage()
    c.save()


def letter_pdf(path, coop):
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    y = H - 80
    c.setFont("Helvetica", 11)
    for line in ["Paris, le 30 septembre 2021", "", "Madame, Monsieur,", "",
                 "Veuillez trouver ci-joint les documents de fin d'année de notre coopérative.",
                 "La kermesse du 25 juin a rapporté un peu plus que prévu ; les enfants",
                 "ont choisi d'acheter des livres pour la bibliothèque de l'école.", "",
                 "Bien cordialement,", coop["mandataire"]]:
        c.drawString(60, y, line)
        y -= 16
    c.showPage()
    c.save()


# ---------------------------------------------------------------- scans

def rasterise(pdf, dpi):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", pdf, os.path.join(tmp, "p")], check=True)
        pages = sorted(os.listdir(tmp))
        return [Image.open(os.path.join(tmp, p)).convert("L").copy() for p in pages]


def degrade(img, seed, skew=0.0, noise=18, blur=0.0):
    rnd = random.Random(seed)
    if skew:
        img = img.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=255)
    noise_img = Image.frombytes("L", img.size, rnd.randbytes(img.size[0] * img.size[1]))
    noise_img = noise_img.point(lambda v: 255 - (v * noise) // 255)
    from PIL import ImageChops
    img = ImageChops.multiply(img, noise_img)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    return img


def jpeg_bytes(img, quality=70, exif=None):
    b = io.BytesIO()
    if exif is not None:
        img.save(b, "JPEG", quality=quality, exif=exif)
    else:
        img.save(b, "JPEG", quality=quality)
    return b.getvalue()


def images_to_pdf(path, jpegs, dpi):
    tmpfiles = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, data in enumerate(jpegs):
            p = os.path.join(tmp, "%d.jpg" % i)
            with open(p, "wb") as f:
                f.write(data)
            tmpfiles.append(p)
        subprocess.run(["img2pdf", "--nodate", "--engine", "internal", "--imgsize", "%ddpi" % dpi, "-o", path] + tmpfiles, check=True)


# ---------------------------------------------------------------- corpus

def main():
    os.makedirs(ROOT, exist_ok=True)
    for f in os.listdir(ROOT):
        os.remove(os.path.join(ROOT, f))
    write_registry()
    labels = {}

    def p(name):
        return os.path.join(ROOT, name)

    def stmt_label(coop, balance_cents, source):
        return dict(kind="bank_statement", coop=coop["numero"], iban=coop["iban"],
                    balance_0831_cents=balance_cents, balance_source=source)

    # 1. August statement, old débit/crédit layout, dd/mm movement dates: balance read on 31/08.
    c = BY_NUM["075-0123"]
    mv = [((2021, 8, 3), "CHQ 0001234 LIBRAIRIE L'ILE AUX LIVRES", -12850),
          ((2021, 8, 10), "VIR SEPA MAIRIE DE PARIS SUBVENTION", 45000),
          ((2021, 8, 24), "PRLV SEPA OCCE COTISATION", -6000),
          ((2021, 8, 30), "REMISE CHEQUES 2 CHQ", 7830)]
    _, total = statement_pdf(p("releve-2021-08-0123.pdf"), c, ((2021, 8, 1), (2021, 8, 31)), ((2021, 7, 31), 123456), mv)
    labels["releve-2021-08-0123.pdf"] = [dict(pages=[1], **stmt_label(c, total, "read"))]

    # 2. September statement, new signed layout, "ANCIEN SOLDE AU 31/08/2021": balance read.
    c = BY_NUM["075-0456"]
    mv = [((2021, 9, 2), "CB AUCHAN PARIS 11 01/09", -4599),
          ((2021, 9, 14), "VERSEMENT ESPECES", 22000),
          ((2021, 9, 21), "PRLV SEPA ASSURANCE MAE", -3500)]
    statement_pdf(p("releve-2021-09-0456.pdf"), c, ((2021, 9, 1), (2021, 9, 30)), ((2021, 8, 31), 287015), mv,
                  layout="new", date_style="full", opening_label="ANCIEN SOLDE AU", label_closing="NOUVEAU SOLDE AU")
    labels["releve-2021-09-0456.pdf"] = [dict(pages=[1], **stmt_label(c, 287015, "read"))]

    # 3. Mid-month straddling period 04/08 - 03/09, old layout: balance computed.
    c = BY_NUM["075-0789"]
    mv = [((2021, 8, 6), "CHQ 0004411 FOURNITURES", -3420),
          ((2021, 8, 27), "VIR SEPA APE PARMENTIER DON", 15000),
          ((2021, 8, 31), "FRAIS TENUE DE COMPTE", -450),
          ((2021, 9, 1), "CHQ 0004412 PHOTOGRAPHE", -21000),
          ((2021, 9, 2), "REMISE CHEQUES 5 CHQ", 9600)]
    statement_pdf(p("releve-straddle-0789.pdf"), c, ((2021, 8, 4), (2021, 9, 3)), ((2021, 8, 3), 98765), mv)
    expected = 98765 - 3420 + 15000 - 450
    labels["releve-straddle-0789.pdf"] = [dict(pages=[1], **stmt_label(c, expected, "computed"))]

    # 4. June statement: does not cover 31/08 (no balance).
    c = BY_NUM["075-0123"]
    mv = [((2021, 6, 4), "CB PICARD SURGELES", -8920), ((2021, 6, 26), "REMISE ESPECES KERMESSE", 61240)]
    statement_pdf(p("releve-2021-06-0123.pdf"), c, ((2021, 6, 1), (2021, 6, 30)), ((2021, 5, 31), 54010), mv)
    labels["releve-2021-06-0123.pdf"] = [dict(pages=[1], **stmt_label(c, None, None))]

    # 5. Débiteur balance at 31/08, old layout.
    c = BY_NUM["075-0790"]
    mv = [((2021, 8, 5), "CHQ 0000871 AUTOCARS SORTIE", -45000), ((2021, 8, 20), "VIR SEPA OCCE AD75", 10000)]
    _, total = statement_pdf(p("releve-debiteur-0790.pdf"), c, ((2021, 8, 1), (2021, 8, 31)), ((2021, 7, 31), 30010), mv)
    labels["releve-debiteur-0790.pdf"] = [dict(pages=[1], **stmt_label(c, total, "read"))]

    # 6. New layout, dotted thousands, dd.mm.yy dates, "Solde précédent", straddling 16/08 - 15/09: computed.
    c = BY_NUM["075-0042"]
    mv = [((2021, 8, 18), "CB AMAZON EU", -2399),
          ((2021, 8, 31), "VIR SEPA MAIRIE PARIS 20", 120000),
          ((2021, 9, 6), "CHQ 0000202 CINEMA", -18000)]
    statement_pdf(p("releve-2021-09-0042.pdf"), c, ((2021, 8, 16), (2021, 9, 15)), ((2021, 8, 15), 312560), mv,
                  layout="new", date_style="dots", dots=True, opening_label="Solde précédent au", label_closing="Nouveau solde au")
    labels["releve-2021-09-0042.pdf"] = [dict(pages=[1], **stmt_label(c, 312560 - 2399 + 120000, "computed"))]

    # Quitus pages (text layer).
    quitus = [("075-0123", 451230, 410180, 123456 + 3980, 5020, 90000), ("075-0456", 380000, 392500, 287015, 0, 299515),
              ("075-0789", 250000, 240000, 109895, 1200, 101095), ("075-0790", 120000, 144990, -4990, 0, 20000)]
    for i, (num, inc, exp, bank, cash, opening) in enumerate(quitus):
        name = "quitus-%s.pdf" % num.split("-")[1]
        quitus_pdf(p(name), BY_NUM[num], inc, exp, bank, cash, opening, seed=100 + i,
                   number_style="full" if i % 2 == 0 else "short")
        labels[name] = [dict(pages=[1], kind="quitus", coop=num)]

    letter_pdf(p("lettre-0456.pdf"), BY_NUM["075-0456"])
    labels["lettre-0456.pdf"] = [dict(pages=[1], kind="other", coop=None)]

    # ---------------- scans
    # a. Straddling statement scanned at 200 dpi, noise, slight skew: a PDF of images.
    img = rasterise(p("releve-straddle-0789.pdf"), 200)[0]
    images_to_pdf(p("scan-releve-straddle-0789.pdf"), [jpeg_bytes(degrade(img, 1, skew=0.8), 60)], 200)
    labels["scan-releve-straddle-0789.pdf"] = [dict(labels["releve-straddle-0789.pdf"][0])]

    # b. August statement scanned upside down (180°).
    img = rasterise(p("releve-2021-08-0123.pdf"), 200)[0]
    images_to_pdf(p("scan-releve-2021-08-0123-rot180.pdf"), [jpeg_bytes(degrade(img, 2).rotate(180), 60)], 200)
    labels["scan-releve-2021-08-0123-rot180.pdf"] = [dict(labels["releve-2021-08-0123.pdf"][0])]

    # c. Quitus scanned sideways (90° clockwise), as a JPEG without EXIF.
    img = rasterise(p("quitus-0123.pdf"), 200)[0]
    with open(p("scan-quitus-0123-rot90.jpg"), "wb") as f:
        f.write(jpeg_bytes(degrade(img, 3, skew=-0.5).rotate(-90, expand=True), 60))
    labels["scan-quitus-0123-rot90.jpg"] = [dict(pages=[1], kind="quitus", coop="075-0123")]

    # d. Phone photo: low resolution, blurred, pixels stored sideways with EXIF orientation 6.
    img = rasterise(p("quitus-0456.pdf"), 110)[0]
    img = degrade(img, 4, skew=1.2, noise=25, blur=0.6)
    exif = Image.Exif()
    exif[0x0112] = 6
    with open(p("photo-quitus-0456.jpg"), "wb") as f:
        f.write(jpeg_bytes(img.rotate(90, expand=True), 75, exif=exif.tobytes()))
    labels["photo-quitus-0456.jpg"] = [dict(pages=[1], kind="quitus", coop="075-0456")]

    # e. Two-page scan: quitus then statement of the same coop.
    q = rasterise(p("quitus-0790.pdf"), 200)[0]
    s = rasterise(p("releve-debiteur-0790.pdf"), 200)[0]
    images_to_pdf(p("scan-quitus-releve-0790.pdf"),
                  [jpeg_bytes(degrade(q, 5, skew=0.4), 60), jpeg_bytes(degrade(s, 6, skew=-0.6), 60)], 200)
    labels["scan-quitus-releve-0790.pdf"] = [dict(pages=[1], kind="quitus", coop="075-0790"),
                                             dict(labels["releve-debiteur-0790.pdf"][0], pages=[2])]

    # f. A PNG of the September statement at 150 dpi (no text layer, upright).
    img = rasterise(p("releve-2021-09-0456.pdf"), 150)[0]
    degrade(img, 7, noise=0).point(lambda v: 255 if v > 160 else (0 if v < 90 else v)).save(p("scan-releve-2021-09-0456.png"), optimize=True)
    labels["scan-releve-2021-09-0456.png"] = [dict(labels["releve-2021-09-0456.pdf"][0])]

    # g. Two-page bilevel TIFF (fax-like, G4): quitus then straddling statement of 075-0789.
    q = rasterise(p("quitus-0789.pdf"), 200)[0].point(lambda v: 255 if v > 150 else 0).convert("1")
    s = rasterise(p("releve-straddle-0789.pdf"), 200)[0].point(lambda v: 255 if v > 150 else 0).convert("1")
    q.save(p("fax-quitus-releve-0789.tif"), compression="group4", save_all=True, append_images=[s], dpi=(200, 200))
    labels["fax-quitus-releve-0789.tif"] = [dict(pages=[1], kind="quitus", coop="075-0789"),
                                            dict(labels["releve-straddle-0789.pdf"][0], pages=[2])]

    # h. Hard cases. A phone photo of the August statement: 100 dpi, blurred, noisy, 2.5° skew, stored upside
    # down with EXIF orientation 3.
    img = degrade(rasterise(p("releve-2021-08-0123.pdf"), 100)[0], 8, skew=2.5, noise=35, blur=0.8)
    exif = Image.Exif()
    exif[0x0112] = 3
    with open(p("photo-releve-2021-08-0123.jpg"), "wb") as f:
        f.write(jpeg_bytes(img.rotate(180), 60, exif=exif.tobytes()))
    labels["photo-releve-2021-08-0123.jpg"] = [dict(labels["releve-2021-08-0123.pdf"][0])]

    # A low-resolution, heavily compressed scan of the dotted-thousands statement.
    img = degrade(rasterise(p("releve-2021-09-0042.pdf"), 120)[0], 9, skew=-1.0, noise=30)
    images_to_pdf(p("scan-lowres-releve-2021-09-0042.pdf"), [jpeg_bytes(img, 35)], 120)
    labels["scan-lowres-releve-2021-09-0042.pdf"] = [dict(labels["releve-2021-09-0042.pdf"][0])]

    # i. A scanner app's PDF: the page is an image, with a small text stamp as the only text layer.
    img = degrade(rasterise(p("quitus-0789.pdf"), 150)[0], 10, skew=0.7)
    from reportlab.lib.utils import ImageReader
    c = canvas.Canvas(p("scanapp-quitus-0789.pdf"), pagesize=A4, invariant=1)
    c.drawImage(ImageReader(io.BytesIO(jpeg_bytes(img, 55))), 0, 0, width=W, height=H)
    c.setFont("Helvetica", 7)
    c.drawString(240, 12, "Scanned with ScanApp Pro")
    c.showPage()
    c.save()
    labels["scanapp-quitus-0789.pdf"] = [dict(pages=[1], kind="quitus", coop="075-0789")]

    with open(p("labels.json"), "w", encoding="utf-8") as f:
        json.dump(dict(files=labels, coops={c["numero"]: dict(iban=c["iban"], account=dotted(c["account"]))
                                            for c in COOPS}), f, ensure_ascii=False, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
