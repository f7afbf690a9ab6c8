#!/usr/bin/env python3
"""Renders fixed-width statement text (one page per form feed) as a PDF with a text layer, as a bank's generator would.

Usage: render-statement.py INPUT.txt OUTPUT.pdf [--rotate 90|180|270]
--rotate saves every page turned by its /Rotate entry, drawn upright on A4 (as a viewer's « rotate page » does: the
media box stays A4 portrait). Used by the reading tests on statements made by their seeded generator. Needs
python3-reportlab.
"""
import sys

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def main(src, dst, rotate=0):
    with open(src, encoding="utf-8") as f:
        pages = f.read().split("\f")
    width, height = A4
    size = 7.5
    # reportlab swaps the media box of a page turned a quarter: given the swapped size, it writes the A4 portrait box.
    c = canvas.Canvas(dst, pagesize=(height, width) if rotate in (90, 270) else A4, invariant=1)
    c.setTitle("Relevé de compte")
    for page in pages:
        if rotate:
            c.setPageRotation(rotate)
        c.setFont("Courier", size)
        y = height - 40
        for line in page.split("\n"):
            c.drawString(28, y, line)
            y -= size * 1.35
        c.showPage()
    c.save()


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[3] == "--rotate" and sys.argv[4] in ("90", "180", "270"):
        main(sys.argv[1], sys.argv[2], int(sys.argv[4]))
    elif len(sys.argv) == 3:
        main(sys.argv[1], sys.argv[2])
    else:
        sys.exit(__doc__)
