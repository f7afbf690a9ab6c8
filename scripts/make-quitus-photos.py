#!/usr/bin/env python3
"""Phone photos of quitus pages as the mail corpus draws them (scripts/make-mail-corpus.py: its three page styles,
its photo form), for tests that read them: `make-quitus-photos.py OUT --seed N --count K` writes OUT/photo-<k>.jpg and
OUT/labels.json (the style and cooperative number of each). `--seed` varies the cooperatives, figures, styles and
photo angles. `--detail` draws instead a page that is not a quitus but speaks its words: the detail of a compte rendu
financier (products and charges by account, the mandataire, the exercise, no approval line), style `detail`."""
import importlib.util
import json
import os
import random
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("make_mail_corpus", os.path.join(HERE, "make-mail-corpus.py"))
corpus = importlib.util.module_from_spec(spec)
spec.loader.exec_module(corpus)


def draw_detail(path, coop, rnd):
    """A CRF's detail page: the form's words (compte rendu financier, coopérative, exercice, mandataire, produits,
    charges, solde) without « quitus » or « vérificateur »."""
    c = corpus.canvas.Canvas(path, pagesize=corpus.A4, invariant=1)
    y = corpus.H - 80
    c.setFont("Helvetica-Bold", 13)
    c.drawString(60, y, "Compte rendu financier - détail des produits et des charges")
    c.setFont("Helvetica", 11)
    lines = ["Coopérative %s - %s" % (coop["numero"], coop["ecole"]), "Exercice 2020/2021",
             "Mandataire : %s" % coop["mandataire"], ""]
    for label in ["Produits des activités éducatives", "Produits des fêtes et kermesses", "Charges des sorties",
                  "Charges des achats de matériel", "Cotisations OCCE"]:
        lines.append("%-45s %d,%02d €" % (label, rnd.randint(100, 3000), rnd.randint(0, 99)))
    lines += ["", "Solde des produits et des charges : %d,%02d €" % (rnd.randint(0, 900), rnd.randint(0, 99))]
    for line in lines:
        y -= 18
        c.drawString(60, y, line)
    c.showPage()
    c.save()


def main():
    argv = sys.argv[1:]
    detail = "--detail" in argv
    argv = [a for a in argv if a != "--detail"]
    seed, count = 0, 6
    for option in ("--seed", "--count"):
        if option in argv:
            k = argv.index(option)
            value = int(argv[k + 1])
            del argv[k:k + 2]
            seed, count = (value, count) if option == "--seed" else (seed, value)
    root = argv[0]
    os.makedirs(root, exist_ok=True)
    labels = {}
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(count):
            rnd = random.Random(seed * 1000003 + k)
            first, last = rnd.choice(corpus.FIRST), rnd.choice(corpus.LAST)
            n = rnd.randint(1, 999)
            coop = dict(numero="075-%04d" % n, ecole="École %s" % rnd.choice(corpus.LAST), commune="Paris 11e",
                        mandataire="%s %s" % (first, last))
            pdf = os.path.join(tmp, "q%d.pdf" % k)
            state = rnd.getstate()
            style = rnd.choice(["documents", "boxes", "retkoop"])
            rnd.setstate(state)
            if detail:
                style = "detail"
                draw_detail(pdf, coop, rnd)
            else:
                corpus.draw_quitus(pdf, coop, rnd)
            data, _, _ = corpus.to_form(pdf, "photo", rnd)
            name = "photo-%d.jpg" % k
            with open(os.path.join(root, name), "wb") as f:
                f.write(data)
            labels[name] = dict(style=style, cooperative=coop["numero"])
    with open(os.path.join(root, "labels.json"), "w") as f:
        json.dump(labels, f, indent=2, sort_keys=True, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
