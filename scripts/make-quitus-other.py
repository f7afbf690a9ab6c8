#!/usr/bin/python3
"""An independent, seeded generator of labelled quitus pages: the "other hands" check of the signature reader.

Written without reading or importing scripts/make-quitus.py or make-quitus-photos.py, so that its choices (layouts,
wording, fonts, handwriting model, pens, degradations) are not those the reader was tuned on. The meaning is the
Retkoop quitus's: a cooperative's compte rendu financier totals, an approval sentence, then one place per signer
(the mandataire, the elected parent, a teacher), each with Nom / Date / Signature lines.

What varies per page (seeded): layout (three boxes side by side, stacked, or the mandataire above the two others,
boxes with or without frames), fonts (Helvetica, Times, Courier, DejaVu Sans/Serif) and sizes, margins, title
wording, the order of the boxes, pen (thin faint ballpoint, gel, thick felt-tip; black, blue), and what each place
holds:
  sign       cursive signature (a pen driven by two coupled oscillators with drifting amplitude: a different stroke
             model from Bézier scribbles), with a flourish or underline
  initials   two or three capital-like strokes, small
  overflow   a signature larger than its box, running over its edge
  cross      a signature crossing the signing line
  stampsign  a round stamp overlapping a signature
  lu         handwritten « lu et approuvé » (cursive) above a signature
  date       the date written by hand, NO signature (expected empty)
  stamp      a stamp alone (expected empty)
  typed      a typed name and « Lu et approuvé » (expected empty)
  none       nothing (expected empty)
Forms: pdf (text layer, vector ink), pdfrot (the same turned by /Rotate 90, 180 or 270), scan (200 dpi, gray, JPEG quality 35, image PDF), fax (1-bit, 200 dpi, PNG),
photo (perspective, curl, shadow, JPEG), rot90 and rot180 (a 200 dpi scan turned, JPEG).

Usage: make-quitus-other.py OUT_DIR [--seed N] [--count K] [--forms pdf,scan,...] [--cases a,b]
Writes OUT_DIR/<case>-<form>-s<seed>-<i>.(pdf|jpg|png) and OUT_DIR/labels.json (the shape the tests' quitus corpus
reads, so `COOPMAIL_QUITUS_CORPUS=OUT_DIR swift test --filter SignatureTests/everyPlaceOfEveryCase` prints each
place's measure): {"files": {file: {"case", "form", "layout", "places": {mandataire|parent|teacher: "signed"|"empty"}, "quitus_signed":
  "pass"|"fail"}}}.
`--sample N` writes N pages, each a random case in a random form, instead of every case in every form.
Deterministic for a seed (the same bytes twice). Needs python3-reportlab, python3-pil, img2pdf and
pdftoppm.
"""
import io
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile

from PIL import Image, ImageDraw, ImageFilter, ImageOps
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

PW, PH = A4
PLACES = ["mandataire", "parent", "teacher"]

FONTS = ["Helvetica", "Times-Roman", "Courier"]
for name, path in [("DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                   ("DejaVuSerif", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
                   ("DejaVuSansCondensed", "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf")]:
    if os.path.exists(path):
        pdfmetrics.registerFont(TTFont(name, path))
        FONTS.append(name)

# Title wordings another author of the form could use (GLOSSARY: mandataire, parent d'élève élu, enseignant; the
# CRF's « Vérificateur (parent élu) » / « Vérificateur (enseignant) »).
TITLES = {
    "mandataire": ["Le mandataire", "Le/la mandataire", "Mandataire", "Signature du mandataire",
                   "Le mandataire de la coopérative"],
    "parent": ["Le parent d'élève élu", "Parent d'élève élu", "Vérificateur (parent élu)",
               "Le parent d'élève élu(e)", "Un parent d'élève élu"],
    "teacher": ["L'enseignant", "Enseignant", "Vérificateur (enseignant)", "L'enseignant(e)", "Un enseignant"],
}
FIRST = ["Claire", "Karim", "Julie", "Marc", "Sofia", "Thierry", "Nadia", "Paul", "Inès", "Hugo", "Lucie", "Omar"]
LAST = ["Moreau", "Diallo", "Garnier", "Petit", "Rousseau", "Nguyen", "Fabre", "Leroy", "Mercier", "Haddad"]
SCHOOLS = ["École élémentaire Jules Ferry", "École maternelle Les Tilleuls", "École primaire Pasteur",
           "École élémentaire du Parc", "École maternelle Victor Hugo"]

INKS = {"black": (0.05, 0.05, 0.08), "blue": (0.08, 0.16, 0.62), "faintblue": (0.35, 0.45, 0.78),
        "faintblack": (0.38, 0.38, 0.42)}
# pen: (line width in points, ink choices)
PENS = {"ballpoint": (0.55, ["faintblue", "faintblack", "blue"]), "gel": (0.8, ["black", "blue"]),
        "felt": (1.7, ["black", "blue"])}

# case -> what each place holds
CASES = {
    "tous-signes": dict(mandataire="sign", parent="sign", teacher="sign"),
    "parent-vide": dict(mandataire="sign", parent="none", teacher="sign"),
    "enseignant-vide": dict(mandataire="sign", parent="sign", teacher="none"),
    "aucune": dict(mandataire="none", parent="none", teacher="none"),
    "mandataire-seul": dict(mandataire="sign", parent="none", teacher="none"),
    "paraphes": dict(mandataire="initials", parent="initials", teacher="initials"),
    "debordement": dict(mandataire="sign", parent="overflow", teacher="overflow"),
    "sur-la-ligne": dict(mandataire="cross", parent="cross", teacher="cross"),
    "tampon-sur-signature": dict(mandataire="sign", parent="stampsign", teacher="stampsign"),
    "lu-et-approuve": dict(mandataire="sign", parent="lu", teacher="lu"),
    "date-sans-signature": dict(mandataire="sign", parent="date", teacher="sign"),
    "date-enseignant": dict(mandataire="sign", parent="sign", teacher="date"),
    "tampon-seul": dict(mandataire="sign", parent="stamp", teacher="sign"),
    "noms-tapes": dict(mandataire="typed", parent="typed", teacher="sign"),
}
SIGNED = {"sign", "initials", "overflow", "cross", "stampsign", "lu"}
FORMS = ["pdf", "pdfrot", "scan", "fax", "photo", "rot90", "rot180"]


# ---------------------------------------------------------------- handwriting (oscillator model)

def cursive(rng, x, y, width, height, slant=None):
    """A cursive word as strokes (lists of points, in points, y up): the pen's horizontal motion is a steady drift
    plus an oscillation, its vertical motion an oscillation of drifting amplitude coupled with a phase lag, so that
    the trace makes loops and arcades like handwriting. Occasionally lifted (two or three strokes)."""
    slant = rng.uniform(0.1, 0.45) if slant is None else slant
    strokes = []
    pieces = rng.choice([1, 1, 2, 2, 3])
    bounds = sorted(rng.uniform(0.15, 0.85) for _ in range(pieces - 1))
    edges = [0.0] + bounds + [1.0]
    freq = rng.uniform(1.0, 1.7)  # letters per height unit
    n_letters = max(3, int(width / height * freq))
    steps = n_letters * 24
    ax = width / n_letters * rng.uniform(0.25, 0.45)
    tall = [rng.choice([0.55, 0.7, 1.0, 1.0, 1.3]) for _ in range(n_letters + 1)]
    phase = rng.uniform(0.6, 1.4)
    amp = 1.0
    t_total = n_letters * 2 * math.pi
    for a, b in zip(edges, edges[1:]):
        pts = []
        s0, s1 = int(a * steps), int(b * steps)
        for s in range(s0, s1 + 1):
            t = s / steps * t_total
            amp += rng.uniform(-0.05, 0.05)
            amp = min(1.2, max(0.6, amp))
            k = t / (2 * math.pi)
            i0 = min(n_letters, int(k))
            f = k - int(k)
            local = amp * (tall[i0] * (1 - f) + tall[min(n_letters, i0 + 1)] * f)
            u = s / steps
            px = x + u * width + ax * math.sin(t + phase)
            py = y + height * 0.5 * local * (math.sin(t) + 0.25 * math.sin(2 * t + 0.7)) + height * 0.5
            # baseline drifts gently upward or downward
            py += (u - 0.5) * height * 0.2
            px += slant * (py - y)
            pts.append((px, py))
        if len(pts) > 2:
            strokes.append(pts)
    return strokes


def flourish(rng, x, y, width, height):
    """An underline or a loop under the name, in one stroke."""
    pts = []
    kind = rng.choice(["under", "loop", "swash"])
    for i in range(41):
        u = i / 40
        if kind == "under":
            pts.append((x + u * width, y - height * 0.15 + math.sin(u * math.pi) * height * 0.12))
        elif kind == "loop":
            a = u * 2 * math.pi
            pts.append((x + u * width * 0.9 + math.cos(a) * height * 0.3, y + math.sin(a) * height * 0.35))
        else:
            pts.append((x + u * width, y + height * (0.6 - 0.9 * u) + math.sin(u * 6) * height * 0.1))
    return [pts]


def capitals(rng, x, y, size, letters=2):
    """Initials: each letter a few straight and curved strokes (a capital-like skeleton), then a dot or a dash."""
    strokes = []
    cx = x
    for _ in range(letters):
        w = size * rng.uniform(0.5, 0.8)
        kind = rng.choice("ABDJLMPR")
        if kind in "AM":
            strokes.append([(cx, y), (cx + w * 0.25, y + size), (cx + w * 0.5, y + size * 0.3),
                            (cx + w * 0.75, y + size), (cx + w, y)])
        elif kind in "BDPR":
            arc = [(cx, y), (cx, y + size)] + [(cx + w * 0.8 * math.sin(a / 10 * math.pi),
                                                 y + size - (size * (0.5 if kind in "PR" else 1.0)) * a / 10)
                                                for a in range(11)]
            strokes.append(arc)
            if kind == "R":
                strokes.append([(cx + w * 0.2, y + size * 0.5), (cx + w, y)])
        else:
            strokes.append([(cx + w, y + size)] + [(cx + w - w * 0.6 * math.sin(a / 10 * math.pi),
                                                     y + size * 0.3 * (1 - a / 10)) for a in range(11)])
        cx += w + size * 0.2
    strokes.append([(cx, y + size * 0.05), (cx + size * 0.35, y + size * 0.15)])
    return [[(px + rng.uniform(-0.3, 0.3), py + rng.uniform(-0.3, 0.3)) for px, py in s] for s in strokes]


DIGITS = {
    "0": [[(0, 0), (1, 0), (1, 2), (0, 2), (0, 0)]], "1": [[(0.3, 1.6), (0.7, 2), (0.7, 0)]],
    "2": [[(0, 1.6), (0.5, 2), (1, 1.6), (0, 0), (1, 0)]], "3": [[(0, 2), (1, 1.5), (0.3, 1), (1, 0.5), (0, 0)]],
    "4": [[(0.8, 0), (0.8, 2), (0, 0.7), (1, 0.7)]], "5": [[(1, 2), (0, 2), (0, 1.1), (1, 0.8), (0.8, 0), (0, 0.1)]],
    "6": [[(1, 2), (0, 1), (0, 0), (1, 0), (1, 1), (0, 1)]], "7": [[(0, 2), (1, 2), (0.3, 0)]],
    "8": [[(0, 0), (1, 2), (0, 2), (1, 0), (0, 0)]], "9": [[(1, 1), (0, 1), (0, 2), (1, 2), (1, 0), (0, 0)]],
    "/": [[(0, 0), (0.8, 2)]],
}


def handdate(rng, x, y, size, text):
    strokes = []
    cx = x
    for ch in text:
        for s in DIGITS.get(ch, []):
            strokes.append([(cx + px * size * 0.45 + rng.uniform(-0.4, 0.4), y + py * size * 0.45 +
                             rng.uniform(-0.4, 0.4)) for px, py in s])
        cx += size * 0.62
    return strokes, cx - x


# ---------------------------------------------------------------- the page

class Page:
    def __init__(self, rng, case, seed):
        self.rng = rng
        self.case = case
        self.fill = CASES[case]
        self.layout = rng.choice(["row", "row", "stack", "grid"])
        self.framed = rng.random() < 0.7
        self.font = rng.choice(FONTS)
        self.bold = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold", "Courier": "Courier-Bold"}.get(
            self.font, self.font)
        self.size = rng.uniform(9, 12)
        self.margin = rng.uniform(36, 80)
        self.titles = {p: rng.choice(TITLES[p]) for p in PLACES}
        self.order = PLACES[:] if rng.random() < 0.7 else ["parent", "teacher", "mandataire"]
        self.pen = rng.choice(list(PENS))
        width, inks = PENS[self.pen]
        self.ink_name = rng.choice(inks)
        self.color = INKS[self.ink_name]
        self.pen_width = width * rng.uniform(0.85, 1.2)
        self.names = {p: f"{rng.choice(FIRST)} {rng.choice(LAST)}" for p in PLACES}
        self.coop = f"0{rng.randint(10, 95)}-{rng.randint(1, 9999):04d}"
        self.school = rng.choice(SCHOOLS)
        y0 = rng.choice([2019, 2020, 2021, 2022, 2023])
        self.exercise = f"{y0}-{y0 + 1}"
        self.income = rng.randint(150000, 1200000)
        self.expenses = rng.randint(100000, 1100000)
        self.bank = rng.randint(20000, 600000)
        self.date = f"{rng.randint(1, 28):02d}/{rng.choice([9, 10, 11]):02d}/{(y0 + 1) % 100:02d}"

    def boxes(self, top):
        """(place, x, y_top, w, h) of each box, in points (y up)."""
        m = self.margin
        usable = PW - 2 * m
        gap = self.rng.uniform(8, 20)
        out = []
        if self.layout == "row":
            w = (usable - 2 * gap) / 3
            h = self.rng.uniform(110, 170)
            for i, p in enumerate(self.order):
                out.append((p, m + i * (w + gap), top, w, h))
        elif self.layout == "stack":
            h = min(self.rng.uniform(85, 120), (top - 40) / 3 - gap)
            for i, p in enumerate(self.order):
                out.append((p, m, top - i * (h + gap), usable, h))
        else:
            first, *rest = [p for p in self.order]
            h1 = self.rng.uniform(85, 110)
            out.append((first, m, top, usable, h1))
            w = (usable - gap) / 2
            h = self.rng.uniform(110, 150)
            for i, p in enumerate(rest):
                out.append((p, m + i * (w + gap), top - h1 - gap, w, h))
        return out

    def draw(self, c):
        rng = self.rng
        m = self.margin
        s = self.size
        y = PH - m
        c.setFillColorRGB(0, 0, 0)
        c.setFont(self.bold, s + 5)
        c.drawString(m, y - s - 5, rng.choice(["QUITUS", "Quitus de l'exercice", "QUITUS DU COMPTE RENDU FINANCIER"]))
        y -= 2.4 * s + 12
        c.setFont(self.font, s)
        lines = [f"Coopérative scolaire n° {self.coop} - OCCE",
                 self.school,
                 f"Compte rendu financier de l'exercice {self.exercise}", ""]
        totals = [("Total des produits", self.income), ("Total des charges", self.expenses),
                  ("Solde banque au 31/08", self.bank)]
        for line in lines:
            c.drawString(m, y, line)
            y -= 1.5 * s
        right = m + 10 + rng.uniform(280, 360)
        for label, cents in totals:
            c.drawString(m + 10, y, label + " :")
            c.drawRightString(right, y, money(cents))
            y -= 1.5 * s
        y -= 0.6 * s
        sentence = rng.choice([
            "Après examen des pièces justificatives, les comptes de l'exercice nous semblent corrects.",
            "Les vérificateurs aux comptes donnent quitus au mandataire : les comptes semblent corrects.",
            "Nous avons vérifié les comptes : ils nous semblent corrects et nous donnons quitus au mandataire."])
        for part in wrap(sentence, self.font, s, PW - 2 * m):
            c.drawString(m, y, part)
            y -= 1.5 * s
        y -= rng.uniform(0.5, 2.5) * s
        for place, bx, by, bw, bh in self.boxes(y):
            self.draw_box(c, place, bx, by, bw, bh)

    def draw_box(self, c, place, bx, by, bw, bh):
        rng = self.rng
        s = self.size
        c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(0.7)
        if self.framed:
            c.rect(bx, by - bh, bw, bh)
        c.setFont(self.bold, s)
        c.setFillColorRGB(0, 0, 0)
        ty = by - 1.4 * s
        c.drawString(bx + 6, ty, self.titles[place])
        c.setFont(self.font, s * 0.92)
        fill = self.fill[place]
        stacked = bw > PW * 0.5
        # Nom / Date on their lines, then the signature area to the bottom of the box
        ny = ty - 1.8 * s
        c.drawString(bx + 6, ny, "Nom :")
        dy = ny - 1.6 * s
        c.drawString(bx + 6, dy, "Date :")
        c.drawString(bx + 6 + (bw * 0.5 if stacked else 0), dy - (0 if stacked else 1.6 * s), "Signature :")
        sig_top = (dy - 0.6 * s) if stacked else dy - 2.2 * s
        sig_x = bx + 6 + (bw * 0.5 + 4.2 * s if stacked else 0)
        sig_w = (bw * 0.5 - 4.2 * s - 12) if stacked else bw - 12
        sig_bottom = by - bh + 6
        line_y = sig_bottom + 4
        if rng.random() < 0.6:  # a signing line
            c.setLineWidth(0.5)
            c.line(sig_x, line_y, sig_x + sig_w, line_y)
        if fill == "typed":
            c.setFont(self.font, s)
            c.drawString(bx + 6 + 4 * s, ny, self.names[place])
            c.drawString(bx + 6 + 4 * s, dy, self.date)
            c.drawString(sig_x + 4, (sig_top + sig_bottom) / 2, "Lu et approuvé")
            return
        if fill in ("stamp", "stampsign"):
            self.stamp(c, sig_x + sig_w * rng.uniform(0.3, 0.6), (sig_top + sig_bottom) / 2,
                       rng.uniform(26, 42))
        if fill == "none" or fill == "stamp":
            return
        if fill == "date":
            strokes, _ = handdate(rng, bx + 6 + 3.8 * s, dy - 1, s * 1.1, self.date)
            self.ink(c, strokes)
            return
        h = sig_top - sig_bottom
        if fill == "initials":
            size = min(h * 0.45, s * 1.6)
            self.ink(c, capitals(rng, sig_x + sig_w * rng.uniform(0.1, 0.4), sig_bottom + h * 0.25, size,
                                 rng.choice([2, 2, 3])))
            return
        if fill == "lu":
            lh = min(h * 0.3, s * 1.3)
            self.ink(c, cursive(rng, sig_x + 4, sig_top - lh * 1.3, min(sig_w * 0.7, lh * 7), lh))
            h = h * 0.6
        sw = sig_w * rng.uniform(0.45, 0.8)
        sh = h * rng.uniform(0.4, 0.7)
        sx = sig_x + rng.uniform(0, sig_w - sw)
        sy = sig_bottom + rng.uniform(0.1, 0.3) * h
        if fill == "overflow":
            sw = sig_w * rng.uniform(0.9, 1.25)
            sh = h * rng.uniform(0.9, 1.4)
            sx = sig_x + sig_w * rng.uniform(0.1, 0.35)
            sy = sig_bottom - h * 0.25
        if fill == "cross":
            sy = line_y - sh * rng.uniform(0.3, 0.5)
        strokes = cursive(rng, sx, sy, sw, sh)
        if rng.random() < 0.6:
            strokes += flourish(rng, sx, sy, sw, sh)
        self.ink(c, strokes)

    def ink(self, c, strokes):
        """Vector ink: each stroke a path; a ballpoint's pressure varies along the stroke (width and, for a faint
        pen, skips)."""
        c.saveState()
        r, g, b = self.color
        c.setStrokeColorRGB(r, g, b)
        c.setLineCap(1)
        c.setLineJoin(1)
        for pts in strokes:
            if self.pen == "ballpoint":
                for a, b2 in zip(pts, pts[1:]):
                    if self.ink_name.startswith("faint") and self.rng.random() < 0.06:
                        continue
                    c.setLineWidth(self.pen_width * self.rng.uniform(0.7, 1.2))
                    c.line(a[0], a[1], b2[0], b2[1])
            else:
                c.setLineWidth(self.pen_width)
                p = c.beginPath()
                p.moveTo(*pts[0])
                for q in pts[1:]:
                    p.lineTo(*q)
                c.drawPath(p, stroke=1, fill=0)
        c.restoreState()

    def stamp(self, c, cx, cy, r):
        """A round cooperative stamp (violet or blue), lettering around the rim."""
        c.saveState()
        col = self.rng.choice([(0.45, 0.2, 0.6), (0.15, 0.25, 0.7), (0.6, 0.15, 0.2)])
        c.setStrokeColorRGB(*col)
        c.setFillColorRGB(*col)
        c.setLineWidth(1.2)
        c.circle(cx, cy, r)
        c.circle(cx, cy, r * 0.72)
        c.setFont("Helvetica-Bold", max(5, r * 0.2))
        text = "COOPERATIVE SCOLAIRE * OCCE * "
        for i, ch in enumerate(text):
            a = math.pi / 2 - i * 2 * math.pi / len(text)
            c.saveState()
            c.translate(cx + r * 0.84 * math.cos(a), cy + r * 0.84 * math.sin(a))
            c.rotate(math.degrees(a) - 90)
            c.drawCentredString(0, -r * 0.07, ch)
            c.restoreState()
        c.setFont("Helvetica-Bold", max(5, r * 0.24))
        c.drawCentredString(cx, cy - r * 0.08, self.coop)
        c.restoreState()


def money(cents):
    e, c = divmod(cents, 100)
    s = f"{e:,}".replace(",", " ")
    return f"{s},{c:02d} €"


def wrap(text, font, size, width):
    words, lines, cur = text.split(), [], ""
    for w in words:
        t = (cur + " " + w).strip()
        if pdfmetrics.stringWidth(t, font, size) > width and cur:
            lines.append(cur)
            cur = w
        else:
            cur = t
    return lines + [cur]


# ---------------------------------------------------------------- outputs

def pdf_bytes(page, rotate=0):
    buf = io.BytesIO()
    # The page is drawn upright on A4 and saved turned, as a viewer's « rotate page » does: its media box stays A4
    # portrait and only /Rotate changes. (reportlab swaps the media box of a page turned a quarter, which would leave
    # the upper part of the drawing off the page: given the swapped size, it writes the A4 portrait box.)
    size = (PH, PW) if rotate in (90, 270) else A4
    c = canvas.Canvas(buf, pagesize=size, invariant=1)
    if rotate:
        c.setPageRotation(rotate)
    page.draw(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def raster(pdf, dpi, gray=True):
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "p.pdf")
        with open(src, "wb") as f:
            f.write(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile"] + (["-gray"] if gray else []) +
                       [src, os.path.join(d, "r")], check=True)
        return Image.open(os.path.join(d, "r.png")).convert("L" if gray else "RGB").copy()


def scanned(rng, img):
    """Scanner look: slight skew, blur, paper gray and noise."""
    img = img.rotate(rng.uniform(-0.8, 0.8), resample=Image.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
    noise = Image.frombytes("L", img.size, rng.randbytes(img.width * img.height))
    img = Image.blend(img, noise, rng.uniform(0.05, 0.1))
    return img.point(lambda v: int(v * rng.uniform(0.9, 0.97) + 8))


def jpeg(img, quality):
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def photo(rng, img):
    """Phone photo: the sheet curls (vertical shift varying along x), sits at an angle in perspective on a darker
    table, with a soft shadow across part of it."""
    w, h = img.size
    # curl: a mesh of vertical strips, each shifted by a smooth bow
    bow = rng.uniform(6, 18) * w / 1700
    strips = 24
    mesh = []
    for i in range(strips):
        x0, x1 = i * w // strips, (i + 1) * w // strips
        u0, u1 = x0 / w, x1 / w
        d0, d1 = bow * math.sin(u0 * math.pi), bow * math.sin(u1 * math.pi)
        mesh.append(((x0, 0, x1, h), (x0, -d0, x0, h - d0, x1, h - d1, x1, -d1)))
    img = img.transform((w, h), Image.MESH, mesh, resample=Image.BICUBIC, fillcolor=(90, 85, 80))
    pad = int(0.08 * w)
    canvas_img = Image.new("RGB", (w + 2 * pad, h + 2 * pad), (rng.randint(60, 110),) * 3)
    canvas_img.paste(img, (pad, pad))
    W2, H2 = canvas_img.size
    j = lambda: rng.uniform(-0.05, 0.05) * w  # noqa: E731
    quad = (pad + j(), pad + j(), pad + j(), H2 - pad + j(), W2 - pad + j(), H2 - pad + j(), W2 - pad + j(), pad + j())
    quad = tuple(max(0, q) for q in quad)
    img = canvas_img.transform((W2, H2), Image.QUAD, quad, resample=Image.BICUBIC)
    # shadow: a darker band with a soft edge
    shade = Image.new("L", img.size, 255)
    d = ImageDraw.Draw(shade)
    x = rng.uniform(0.2, 0.8) * W2
    d.polygon([(x, 0), (x + rng.uniform(-0.3, 0.3) * W2, H2), (W2, H2), (W2, 0)], fill=rng.randint(165, 215))
    shade = shade.filter(ImageFilter.GaussianBlur(70))
    img = Image.composite(img, Image.new("RGB", img.size, (0, 0, 0)), shade)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.1)))
    scale = rng.uniform(2000, 2600) / max(img.size)
    return img.resize((int(img.width * scale), int(img.height * scale)), Image.LANCZOS)


def render(rng, page, form):
    if form == "pdfrot":
        # A text-layer PDF whose page is turned by its /Rotate entry (a page put in a landscape tray).
        return pdf_bytes(page, rotate=rng.choice([90, 180, 270])), "pdf"
    pdf = pdf_bytes(page)
    if form == "pdf":
        return pdf, "pdf"
    if form == "scan":
        img = scanned(rng, raster(pdf, 200))
        import img2pdf
        data = img2pdf.convert(jpeg(img, 35), layout_fun=img2pdf.get_fixed_dpi_layout_fun((200, 200)), nodate=True)
        # img2pdf draws a random document /ID: a fixed one keeps the bytes the same run after run.
        return re.sub(rb"/ID \[<[0-9a-f]+><[0-9a-f]+>\]", b"/ID [<" + b"0" * 32 + b"><" + b"0" * 32 + b">]", data), "pdf"
    if form == "fax":
        img = raster(pdf, 200)
        img = img.rotate(rng.uniform(-0.5, 0.5), resample=Image.BICUBIC, fillcolor=255)
        img = img.point(lambda v: 255 if v > rng.choice([150, 170, 190]) else 0).convert("1")
        buf = io.BytesIO()
        img.save(buf, "PNG", dpi=(200, 200))
        return buf.getvalue(), "png"
    if form == "photo":
        return jpeg(photo(rng, raster(pdf, 200, gray=False)), rng.randint(70, 88)), "jpg"
    if form in ("rot90", "rot180"):
        img = scanned(rng, raster(pdf, 200))
        img = img.rotate(90 if form == "rot90" else 180, expand=True)
        return jpeg(img, 60), "jpg"
    raise ValueError(form)


def main(argv):
    out = None
    seed, count = 0, 1
    forms, cases = FORMS, list(CASES)
    args = iter(argv)
    for a in args:
        if a == "--seed":
            seed = int(next(args))
        elif a == "--count":
            count = int(next(args))
        elif a == "--forms":
            forms = next(args).split(",")
        elif a == "--cases":
            cases = next(args).split(",")
        elif a == "--sample":
            # N pages, each a random case in a random form (the quick held-out run)
            count = -int(next(args))
        else:
            out = a
    if not out:
        sys.exit(__doc__)
    os.makedirs(out, exist_ok=True)
    labels = {}
    rng0 = random.Random(f"other-hands-{seed}")
    jobs = []
    if count < 0:
        jobs = [(rng0.choice(cases), rng0.choice(forms), i) for i in range(-count)]
    else:
        jobs = [(c, f, i) for c in cases for f in forms for i in range(count)]
    for case, form, i in jobs:
        rng = random.Random(f"{seed}-{case}-{form}-{i}")
        page = Page(rng, case, seed)
        data, ext = render(rng, page, form)
        name = f"{case}-{form}-s{seed}-{i}.{ext}"
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        places = {p: ("signed" if page.fill[p] in SIGNED else "empty") for p in PLACES}
        labels[name] = dict(case=case, form=form, layout=page.layout, font=page.font, pen=page.pen,
                            ink=page.ink_name, titles=page.titles, places=places,
                            quitus_signed="pass" if places["parent"] == places["teacher"] == "signed" else "fail")
    with open(os.path.join(out, "labels.json"), "w") as f:
        json.dump({"files": labels}, f, indent=1, ensure_ascii=False, sort_keys=True)
    print(f"{len(labels)} pages dans {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
