#!/usr/bin/python3
"""Generates the labelled quitus corpus of the signature check into Fixtures/quitus/ (or the folder given).

Deterministic (seeded scribbles and noise, invariant PDFs): running it twice gives the same bytes.
Needs python3-reportlab, python3-pil, img2pdf, poppler-utils (pdftoppm) and ImageMagick (convert).

A Retkoop-like quitus page (title, cooperative, exercise, totals, then one box per signer: « Le mandataire »,
« Le parent d'élève élu », « L'enseignant », each with « Nom : », « Date : », « Signature : ») is filled per case
(signed, empty, typed names and « lu et approuvé », stamps; blue or black ink; pen or felt-tip Bézier scribbles
varied by seed) and written as: text-layer PDF (vector signatures), 150 dpi and 300 dpi scans (PDF of gray JPEG,
noise), rotated scans (JPEG, 90/180), phone photos (perspective warp with ImageMagick, uneven lighting, JPEG).
labels.json gives each file's expected verdict per place ("signed" or "empty") and the page's figures.

`--all` writes every case in every output form (the accuracy corpus); by default only the subset the tests use.
`--seed N` varies every seed by N (other scribbles, names' presence, noise, skew, photo angle; 0, the default, gives
the repository's files), so that margins are measured over many draws, not one.
`--cases A,B` and `--forms F,G` (with `--all`) keep only those cases and output forms (the seeded harness's small
default set). `--forms curl` (not part of `--all`) writes phone photos of a curling sheet (bowed printed rules).
`--one` writes one page for another cooperative (see `one`).
"""
import io
import json
import math
import os
import random
import subprocess
import sys
import tempfile

from PIL import Image, ImageChops, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

W, H = A4
PLACES = ["mandataire", "parent", "teacher"]
TITLES = {"mandataire": "Le mandataire", "parent": "Le parent d'élève élu", "teacher": "L'enseignant"}
NAMES = {"mandataire": "Claire Martin", "parent": "Karim Benali", "teacher": "Julie Lefèvre"}
BLACK = (0.08, 0.08, 0.1)
BLUE = (0.1, 0.2, 0.75)
PALE = (0.55, 0.57, 0.68)
# Pale blue inks: a worn ballpoint, a pale felt-tip (gray about 165 and 180 of 255, lighter still once thin strokes
# are blurred by a scan): paler than the dark-ink threshold, darker than paper grain.
PALE_BLUE = (0.5, 0.65, 0.95)
PALER_BLUE = (0.6, 0.72, 0.95)
SIGNS = ("sign", "flat", "initials", "faint")

# case: what each place holds ("sign", "none", "typed", "stamp", "rstamp"), ink, pen
CASES = {
    "tous-signes": dict(fill={"mandataire": "sign", "parent": "sign", "teacher": "sign"}, ink=BLACK, pen="pen"),
    "tous-signes-bleu-feutre": dict(fill={"mandataire": "sign", "parent": "sign", "teacher": "sign"}, ink=BLUE, pen="felt"),
    "parent-manquant": dict(fill={"mandataire": "sign", "parent": "none", "teacher": "sign"}, ink=BLACK, pen="felt"),
    "enseignant-manquant": dict(fill={"mandataire": "sign", "parent": "sign", "teacher": "none"}, ink=BLUE, pen="pen"),
    "aucune-signature": dict(fill={"mandataire": "none", "parent": "none", "teacher": "none"}, ink=BLACK, pen="pen"),
    "noms-tapes": dict(fill={"mandataire": "typed", "parent": "typed", "teacher": "typed"}, ink=BLACK, pen="pen"),
    "tampon-seul": dict(fill={"mandataire": "sign", "parent": "stamp", "teacher": "rstamp"}, ink=BLUE, pen="pen"),
    # Harder handwriting: long flat low waves (no taller than a printed line, running to the box's edge), short
    # initials, a pale pen that skips (dashed strokes).
    "signatures-plates": dict(fill={"mandataire": "flat", "parent": "flat", "teacher": "flat"}, ink=BLACK, pen="pen"),
    "paraphes": dict(fill={"mandataire": "initials", "parent": "initials", "teacher": "none"}, ink=BLUE, pen="felt"),
    "trait-pale": dict(fill={"mandataire": "sign", "parent": "faint", "teacher": "faint"}, ink=PALE, pen="pen"),
    # Pale blue ink, pen and felt-tip (not in the repository's subset: the seeded harness and `make accuracy`).
    "stylo-bleu-pale": dict(fill={"mandataire": "sign", "parent": "sign", "teacher": "sign"}, ink=PALE_BLUE, pen="pen"),
    "feutre-bleu-pale": dict(fill={"mandataire": "sign", "parent": "sign", "teacher": "none"}, ink=PALER_BLUE,
                             pen="felt"),
}
ORIGINAL = list(CASES)[:10]

# output forms kept in the repository (the tests' subset): form -> cases
KEPT = {
    "pdf": ORIGINAL,
    "scan150": ORIGINAL,
    "scan300": ["parent-manquant", "tampon-seul", "trait-pale"],
    "rot": ["enseignant-manquant", "tous-signes-bleu-feutre"],
    "photo": ["tous-signes", "parent-manquant", "noms-tapes", "signatures-plates"],
}
FORMS = ["pdf", "scan150", "scan300", "rot", "photo"]
# Forms written only when `--forms` names them (not part of `--all`'s corpus, so that its pages stay the same).
EXTRA_FORMS = ["curl"]

FIGURES = dict(coop="075-0123", school="École élémentaire Rue Keller", exercise="2020-2021",
               opening=90000, income=451230, expenses=410180, bank=127436, cash=5020)


def fr_amount(cents):
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    euros, c = divmod(cents, 100)
    s = "{:,}".format(euros).replace(",", " ")
    return "%s%s,%02d €" % (sign, s, c)


def scribble(c, x, y, width, rnd, ink, pen, style="sign"):
    """A random signature: a few Bézier loops going right, then a flourish. Styles: "flat" (long low waves, no
    flourish, a slight slope), "initials" (two tall loops), "faint" (the pen skips: dashed)."""
    c.setStrokeColorRGB(*ink)
    c.setLineWidth(rnd.uniform(0.6, 0.9) if pen == "pen" else rnd.uniform(2.2, 3.0))
    c.setLineCap(1)
    c.setLineJoin(1)
    if style == "faint":
        c.setDash([rnd.uniform(3, 6), rnd.uniform(0.4, 0.9)])
    p = c.beginPath()
    p.moveTo(x, y)
    if style == "flat":
        steps, width = rnd.randint(5, 8), rnd.uniform(135, 150)
    elif style == "initials":
        steps, width = 2, rnd.uniform(26, 40)
    else:
        steps = rnd.randint(4, 6)
    step = width / steps
    if style == "flat":
        amp, slope, end = rnd.uniform(6, 10), rnd.uniform(-0.06, 0.06), 1.5
    elif style == "initials":
        amp, slope, end = rnd.uniform(13, 18), 0, 4
    else:
        amp, slope, end = rnd.uniform(13, 22), 0, 4
    cx = x
    for _ in range(steps):
        p.curveTo(cx + step * rnd.uniform(0.2, 0.6), y + amp * rnd.uniform(0.6, 1.2) + slope * (cx - x),
                  cx + step * rnd.uniform(0.4, 1.2), y - amp * rnd.uniform(0.4, 1.0) + slope * (cx - x),
                  cx + step, y + rnd.uniform(-end, end) + slope * (cx + step - x))
        cx += step
    if style != "flat":
        p.curveTo(cx + 8, y + 14, x + width * rnd.uniform(0.2, 0.5), y - rnd.uniform(8, 14), x - 4, y - rnd.uniform(2, 8))
    c.drawPath(p, stroke=1, fill=0)
    if style == "faint":
        c.setDash([])


def stamp(c, x, y, rnd, round_shape):
    c.setStrokeColorRGB(0.35, 0.1, 0.55)
    c.setFillColorRGB(0.35, 0.1, 0.55)
    c.setLineWidth(1.4)
    if round_shape:
        r = rnd.uniform(30, 34)
        c.circle(x + r, y, r, stroke=1, fill=0)
        c.circle(x + r, y, r - 5, stroke=1, fill=0)
        c.setFont("Helvetica-Bold", 7)
        c.drawCentredString(x + r, y + 6, "COOPÉRATIVE")
        c.drawCentredString(x + r, y - 3, "SCOLAIRE")
        c.drawCentredString(x + r, y - 12, "OCCE 75")
    else:
        w, h = rnd.uniform(100, 115), 34
        c.rect(x, y - h / 2, w, h, stroke=1, fill=0)
        c.setFont("Helvetica-Bold", 8)
        c.drawCentredString(x + w / 2, y + 3, "ÉCOLE RUE KELLER")
        c.drawCentredString(x + w / 2, y - 9, "PARIS 11e")
    c.setFillColorRGB(0, 0, 0)
    c.setStrokeColorRGB(0, 0, 0)


def quitus_pdf(path, case, seed):
    spec = CASES[case]
    rnd = random.Random(seed)
    f = FIGURES
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setTitle("Quitus")
    y = H - 60
    c.setFont("Helvetica-Bold", 13)
    c.drawString(50, y, "OCCE - Office Central de la Coopération à l'École")
    y -= 28
    c.setFont("Helvetica-Bold", 14)
    c.drawString(50, y, "COMPTE RENDU FINANCIER - QUITUS")
    y -= 18
    c.setFont("Helvetica", 11)
    c.drawString(50, y, "Exercice %s (du 01/09/2020 au 31/08/2021)" % f["exercise"])
    y -= 26
    c.drawString(50, y, "Coopérative n° %s" % f["coop"])
    y -= 16
    c.drawString(50, y, "École : %s" % f["school"])
    y -= 30
    for label, v in [("Total des produits", f["income"]), ("Total des charges", f["expenses"]),
                     ("Solde banque au 31/08/2021", f["bank"]), ("Solde caisse au 31/08/2021", f["cash"])]:
        c.drawString(70, y, label)
        c.drawRightString(480, y, fr_amount(v))
        y -= 18
    y -= 20
    c.drawString(50, y, "Après examen des pièces justificatives, les soussignés déclarent que le compte rendu")
    y -= 15
    c.drawString(50, y, "financier ci-dessus leur semble correct.")
    top = y - 30
    box_h = 175
    xs = [40, 217, 394]
    bw = 165
    for place, x in zip(PLACES, xs):
        c.setLineWidth(0.8)
        c.rect(x, top - box_h, bw, box_h, stroke=1, fill=0)
        c.setFont("Helvetica-Bold", 11)
        c.drawString(x + 8, top - 16, TITLES[place])
        c.setFont("Helvetica", 10)
        c.drawString(x + 8, top - 38, "Nom :")
        c.drawString(x + 8, top - 56, "Date :")
        c.drawString(x + 8, top - 74, "Signature :")
        fill = spec["fill"][place]
        if rnd.random() < 0.7 or fill == "typed":
            c.drawString(x + 42, top - 38, NAMES[place])
        if rnd.random() < 0.5 or fill == "typed":
            c.drawString(x + 42, top - 56, "28/09/2021")
        sx, sy = x + rnd.uniform(12, 30), top - rnd.uniform(110, 130)
        if fill in SIGNS:
            scribble(c, sx - (8 if fill == "flat" else 0), sy, rnd.uniform(90, 115), rnd, spec["ink"], spec["pen"], fill)
        elif fill == "typed":
            c.setFont("Helvetica-Oblique", 10)
            c.drawString(x + 14, top - 100, "Lu et approuvé")
            c.setFont("Helvetica", 11)
            c.drawString(x + 14, top - 125, NAMES[place])
        elif fill in ("stamp", "rstamp"):
            stamp(c, sx, sy, rnd, fill == "stamp")
        c.setStrokeColorRGB(0, 0, 0)
    c.setFont("Helvetica", 10)
    c.drawString(50, top - box_h - 40, "Fait à Paris, le 28/09/2021")
    c.drawString(50, 60, "Document à retourner avec le relevé BRED au 31 août à ad75@occe.coop")
    c.showPage()
    c.save()


def rasterise(pdf, dpi, gray=True):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi)] + (["-gray"] if gray else []) + ["-png", "-singlefile", pdf,
                                                                                    os.path.join(tmp, "p")], check=True)
        img = Image.open(os.path.join(tmp, "p.png"))
        return (img.convert("L") if gray else img.convert("RGB")).copy()


def noisy(img, seed, amount=14, skew=0.0):
    rnd = random.Random(seed)
    if skew:
        img = img.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=255)
    n = Image.frombytes("L", img.size, rnd.randbytes(img.size[0] * img.size[1]))
    n = n.point(lambda v: 255 - (v * amount) // 255)
    return ImageChops.multiply(img, n)


def jpeg(img, quality):
    b = io.BytesIO()
    img.save(b, "JPEG", quality=quality, optimize=True)
    return b.getvalue()


def jpeg_pdf(path, data, dpi):
    with tempfile.TemporaryDirectory() as tmp:
        p = os.path.join(tmp, "0.jpg")
        with open(p, "wb") as f:
            f.write(data)
        subprocess.run(["img2pdf", "--nodate", "--engine", "internal", "--imgsize", "%ddpi" % dpi, "-o", path, p], check=True)


def curled(img, rnd):
    """The sheet curling under the phone: each column moved down by a parabola across the page (its edges lifted by
    10-25 px at 170 dpi, more on one side), each row sideways by a smaller one (3-8 px), so that printed rules bow: over
    a box's third of the page the parabola's sagitta is 1.1-2.8 px, as much as a pen's gentle curve."""
    w, h = img.size
    lift, tilt, side = rnd.uniform(10, 25), rnd.uniform(-0.4, 0.4), rnd.uniform(3, 8)

    def source(x, y):
        u = 2 * x / (w - 1) - 1
        v = 2 * y / (h - 1) - 1
        return (x - side * v * v, y - lift * u * u * (1 + tilt * u))

    # Piecewise-bilinear: cells of 24 px, each mapped from the source quad under its four corners.
    step = 24
    mesh = []
    for y in range(0, h, step):
        for x in range(0, w, step):
            x1, y1 = min(w, x + step), min(h, y + step)
            quad = source(x, y) + source(x, y1) + source(x1, y1) + source(x1, y)
            mesh.append(((x, y, x1, y1), quad))
    return img.transform((w, h), Image.MESH, mesh, resample=Image.BILINEAR, fillcolor=255)


def photo(pdf, out, seed, curl=False):
    """A phone photo: page at an angle (perspective), uneven lighting, on a darker table, JPEG; `curl`: the sheet
    curls (``curled``) before it is photographed."""
    rnd = random.Random(seed)
    img = rasterise(pdf, 170)
    if curl:
        img = curled(img, random.Random(seed + 1))
    w, h = img.size
    # Uneven light: a diagonal gradient from 100 % to ~70 %.
    grad = Image.linear_gradient("L").resize((w, h)).rotate(rnd.choice([30, 135, 210]), expand=False, fillcolor=128)
    light = grad.point(lambda v: 255 - (v * 80) // 255)
    img = ImageChops.multiply(img, light)
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in.png")
        img.save(src)
        d = lambda a, b: rnd.uniform(a, b)
        pts = [(0, 0, w * d(0.04, 0.09), h * d(0.02, 0.05)), (w, 0, w * d(0.90, 0.95), h * d(0.05, 0.08)),
               (w, h, w * d(0.93, 0.98), h * d(0.95, 0.98)), (0, h, w * d(0.01, 0.04), h * d(0.92, 0.96))]
        spec = " ".join("%d,%d %d,%d" % p for p in pts)
        subprocess.run(["convert", "-seed", str(seed), src, "-background", "gray35", "-virtual-pixel", "background",
                        "-distort", "Perspective", spec, "-blur", "0x0.6", "-attenuate", "0.4", "+noise", "Gaussian",
                        "-colorspace", "Gray", "-quality", "50", out], check=True)


def one(argv):
    """`--one CASE OUT.pdf COOP SCHOOL OPENING INCOME EXPENSES BANK CASH` (amounts in cents): one text-layer quitus page
    of the given case for another cooperative and its figures (the demo's dossier whose parent did not sign)."""
    case, out, coop, school = argv[:4]
    opening, income, expenses, bank, cash = (int(v) for v in argv[4:9])
    FIGURES.update(coop=coop, school=school, opening=opening, income=income, expenses=expenses, bank=bank, cash=cash)
    quitus_pdf(out, case, seed=1300 + list(CASES).index(case))


def main():
    if "--one" in sys.argv:
        return one(sys.argv[sys.argv.index("--one") + 1:])
    argv = sys.argv[1:]
    offset = 0
    if "--seed" in argv:
        k = argv.index("--seed")
        offset = int(argv[k + 1]) * 100003
        del argv[k:k + 2]
    only = {}
    for option in ("--cases", "--forms"):
        if option in argv:
            k = argv.index(option)
            only[option] = argv[k + 1].split(",")
            del argv[k:k + 2]
    args = [a for a in argv if not a.startswith("--")]
    everything = "--all" in argv
    root = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "quitus")
    os.makedirs(root, exist_ok=True)
    for f in os.listdir(root):
        os.remove(os.path.join(root, f))
    labels = {"figures": FIGURES, "files": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for ci, case in enumerate(CASES):
            if case not in only.get("--cases", [case]):
                continue
            truth = {p: ("signed" if CASES[case]["fill"][p] in SIGNS else "empty") for p in PLACES}
            source = os.path.join(tmp, case + ".pdf")
            quitus_pdf(source, case, seed=1300 + ci + offset)
            for form in FORMS + [f for f in EXTRA_FORMS if f in only.get("--forms", [])]:
                if form not in EXTRA_FORMS and (not everything and case not in KEPT[form]
                                                or form not in only.get("--forms", [form])):
                    continue
                seed = 7000 + ci * 10 + (FORMS + EXTRA_FORMS).index(form) + offset
                if form == "pdf":
                    name = "quitus-%s.pdf" % case
                    with open(source, "rb") as a, open(os.path.join(root, name), "wb") as b:
                        b.write(a.read())
                elif form in ("scan150", "scan300"):
                    dpi = 150 if form == "scan150" else 300
                    name = "scan%d-%s.pdf" % (dpi, case)
                    img = noisy(rasterise(source, dpi), seed, skew=random.Random(seed).uniform(-0.6, 0.6))
                    jpeg_pdf(os.path.join(root, name), jpeg(img, 55 if dpi == 150 else 40), dpi)
                elif form == "rot":
                    angle = [90, 180][KEPT["rot"].index(case) % 2] if case in KEPT["rot"] else [90, 180][ci % 2]
                    name = "scan-rot%d-%s.jpg" % (angle, case)
                    img = noisy(rasterise(source, 200), seed).rotate(-angle, expand=True)
                    with open(os.path.join(root, name), "wb") as out:
                        out.write(jpeg(img, 45))
                elif form == "curl":
                    name = "photo-courbe-%s.jpg" % case
                    photo(source, os.path.join(root, name), seed, curl=True)
                else:
                    name = "photo-%s.jpg" % case
                    photo(source, os.path.join(root, name), seed)
                ink = {BLACK: "noire", BLUE: "bleue", PALE: "pâle", PALE_BLUE: "bleu pâle",
                       PALER_BLUE: "bleu pâle"}[CASES[case]["ink"]]
                labels["files"][name] = dict(case=case, form=form, ink=ink, places=truth)
    with open(os.path.join(root, "labels.json"), "w") as f:
        json.dump(labels, f, indent=2, sort_keys=True, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
