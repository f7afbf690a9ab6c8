#!/usr/bin/env python3
"""Renders fixed-width statement text (one page per form feed) as a PDF with a text layer, as a bank's generator would.

Usage: render-statement.py INPUT.txt OUTPUT.pdf
Used by the reading tests on statements made by their seeded generator. Needs python3-reportlab.
"""
import sys

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def main(src, dst):
    with open(src, encoding="utf-8") as f:
        pages = f.read().split("\f")
    width, height = A4
    size = 7.5
    c = canvas.Canvas(dst, pagesize=A4, invariant=1)
    c.setTitle("Relevé de compte")
    for page in pages:
        c.setFont("Courier", size)
        y = height - 40
        for line in page.split("\n"):
            c.drawString(28, y, line)
            y -= size * 1.35
        c.showPage()
    c.save()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
