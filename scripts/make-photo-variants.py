#!/usr/bin/python3
"""Phone photos made another way than the corpus generator's: colour, 100–300 dpi, warm paper, a shadow band across
the page (a hand or a phone above it), a soft blur, a stronger angle, a table around the page. Takes the text-PDF
statements of a mail corpus (scripts/make-mail-corpus.py) and puts a photo of each in its place, in a copy of its mail,
so that the same mails and labels score how the reader copes with photos it was not tuned on.

Usage: make-photo-variants.py CORPUS OUT VARIANT [--seed N]
  VARIANT: shadow (shadow band), blur, angle (stronger perspective), low (100–120 dpi), mix (shadow, blur and angle),
  tilt (the page turned 1.5–4° either way on the table, a slight perspective, 150–170 dpi as the corpus's photos)
  OUT/mails/*.eml, OUT/labels.json (the corpus's labels for those mails, with the new file names and the form
  « photo-VARIANT »), and the corpus's registry.csv and declarations.csv.
Also a module: photo(pdf_bytes, rnd, variant, tilt=None) returns the JPEG bytes of the first page's photo (`tilt`:
the page's turn in degrees, counter-clockwise, for the tilt variant; drawn when None).
Needs /usr/bin/python3 with PIL, pdftoppm and ImageMagick's convert.
"""
import email
import email.policy
import json
import os
import random
import subprocess
import sys
import tempfile

from PIL import Image, ImageChops, ImageDraw, ImageFilter

VARIANTS = ("shadow", "blur", "angle", "low", "mix", "tilt")


def photo(pdf_bytes, rnd, variant, tilt=None):
    with tempfile.TemporaryDirectory() as tmp:
        src_pdf = os.path.join(tmp, "a.pdf")
        with open(src_pdf, "wb") as f:
            f.write(pdf_bytes)
        dpi = (rnd.choice([100, 110, 120]) if variant == "low" else rnd.choice([150, 170]) if variant == "tilt"
               else rnd.choice([200, 250, 300]))
        subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-png", src_pdf, os.path.join(tmp, "p")],
                       check=True)
        page = [f for f in sorted(os.listdir(tmp)) if f.endswith(".png")][0]
        img = Image.open(os.path.join(tmp, page)).convert("RGB")
    w, h = img.size
    # Warm paper under indoor light.
    tint = Image.new("RGB", (w, h), (rnd.randint(235, 255), rnd.randint(225, 245), rnd.randint(200, 230)))
    img = ImageChops.multiply(img, tint)
    if variant in ("shadow", "mix"):
        # A soft-edged shadow band crossing the page from top to bottom, 47–67 % of the light.
        shade = Image.new("L", (w, h), 255)
        x0 = rnd.randint(0, w // 2)
        ImageDraw.Draw(shade).polygon([(x0, 0), (x0 + w // 3, 0), (x0 + w // 2, h), (x0 + w // 6, h)],
                                      fill=rnd.randint(120, 170))
        shade = shade.filter(ImageFilter.GaussianBlur(w // 40))
        img = ImageChops.multiply(img, Image.merge("RGB", [shade, shade, shade]))
    if variant in ("blur", "mix"):
        img = img.filter(ImageFilter.GaussianBlur(rnd.uniform(0.8, 1.4)))
    tables = ["#6b4f3a", "#8a8a8a", "#2f3b4c", "#c9b79c"]
    table = None
    if variant == "tilt":
        table = rnd.choice(tables)
        # The sheet lies turned on the table: a margin of table around it, then the turn.
        if tilt is None:
            tilt = rnd.choice([-1, 1]) * rnd.uniform(1.5, 4.0)
        framed = Image.new("RGB", (w + w // 8, h + h // 12), table)
        framed.paste(img, (w // 16, h // 24))
        img = framed.rotate(tilt, resample=Image.BICUBIC, expand=False, fillcolor=table)
        w, h = img.size
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in.png")
        img.save(src)
        d = rnd.uniform
        k = 1.6 if variant in ("angle", "mix") else 0.4 if variant == "tilt" else 1.0
        corners = [(0, 0, w * d(0.02, 0.06 * k), h * d(0.01, 0.04 * k)),
                   (w, 0, w * (1 - d(0.02, 0.07 * k)), h * d(0.02, 0.06 * k)),
                   (w, h, w * (1 - d(0.01, 0.04 * k)), h * (1 - d(0.01, 0.03 * k))),
                   (0, h, w * d(0.0, 0.03 * k), h * (1 - d(0.02, 0.05 * k)))]
        out = os.path.join(tmp, "o.jpg")
        subprocess.run(["convert", "-seed", str(rnd.randint(0, 10 ** 6)), src,
                        "-background", table or rnd.choice(tables),
                        "-virtual-pixel", "background", "-distort", "Perspective",
                        " ".join("%d,%d %d,%d" % c for c in corners),
                        "-attenuate", "0.3", "+noise", "Gaussian", "-quality", str(rnd.choice([70, 80, 90])), out],
                       check=True)
        with open(out, "rb") as f:
            return f.read()


def main():
    args = sys.argv[1:]
    seed = 1
    if "--seed" in args:
        k = args.index("--seed")
        seed = int(args[k + 1])
        del args[k:k + 2]
    if len(args) != 3 or args[2] not in VARIANTS:
        print(__doc__)
        sys.exit(2)
    corpus, out, variant = args
    rnd = random.Random(seed * 7919 + VARIANTS.index(variant))
    with open(os.path.join(corpus, "labels.json"), encoding="utf-8") as f:
        labels = json.load(f)
    os.makedirs(os.path.join(out, "mails"), exist_ok=True)
    kept = []
    for m in labels["mails"]:
        wanted = [d for d in m["documents"]
                  if d["kind"] == "bank_statement" and d.get("form") == "pdf" and d.get("layout") != "multipage"]
        if not wanted:
            continue
        with open(os.path.join(corpus, "mails", m["file"]), "rb") as f:
            msg = email.message_from_bytes(f.read(), policy=email.policy.default)
        changed = False
        for part in msg.walk():
            name = part.get_filename()
            for d in wanted:
                if name != d["filename"]:
                    continue
                data = part.get_content()
                if not isinstance(data, bytes):
                    continue
                new_name = os.path.splitext(name)[0] + ".jpg"
                part.set_content(photo(data, random.Random(rnd.getrandbits(32)), variant), maintype="image",
                                 subtype="jpeg", filename=new_name)
                d["filename"] = new_name
                d["form"] = "photo-" + variant
                changed = True
        if changed:
            with open(os.path.join(out, "mails", m["file"]), "wb") as f:
                f.write(msg.as_bytes())
            kept.append(m)
    # The corpus's registry and declarations beside the mails, as every corpus has them.
    for name in ("registry.csv", "declarations.csv"):
        with open(os.path.join(corpus, name), "rb") as f, open(os.path.join(out, name), "wb") as g:
            g.write(f.read())
    coops = {m["cooperative"] for m in kept} - {None}
    # The other mails of those cooperatives, unchanged, so that their dossiers are whole and their verdicts scored.
    names = {m["file"] for m in kept}
    for m in labels["mails"]:
        if m["file"] not in names and m["cooperative"] in coops:
            with open(os.path.join(corpus, "mails", m["file"]), "rb") as f, \
                    open(os.path.join(out, "mails", m["file"]), "wb") as g:
                g.write(f.read())
            kept.append(m)
    kept.sort(key=lambda m: m["file"])
    with open(os.path.join(out, "labels.json"), "w", encoding="utf-8") as f:
        json.dump({"mails": kept, "dossiers": {k: v for k, v in labels["dossiers"].items() if k in coops}}, f,
                  ensure_ascii=False)
    print("%d courriels (%s) dans %s" % (len(kept), variant, out))


if __name__ == "__main__":
    main()
