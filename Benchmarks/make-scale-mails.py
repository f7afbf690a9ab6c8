#!/usr/bin/env python3
"""Generates N realistic mails (default 90) from mandataires into OUT_DIR, deterministically: each carries one or
two of the text-layer PDFs of Fixtures/documents (quitus, BRED statements, a letter: no scans, so that the
benchmark measures matching rather than OCR), with a French subject and body, from a registered address or not.
Each attachment gets a distinct trailing PDF comment, so that every one is really read (the reading cache is
keyed by content). Usage: make-scale-mails.py OUT_DIR [N]"""
import os
import random
import sys
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate

OUT = sys.argv[1]
N = int(sys.argv[2]) if len(sys.argv) > 2 else 90
DOCS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "documents")
rng = random.Random(1616)

registry = {}
for line in open(os.path.join(DOCS, "registry.csv"), encoding="utf-8").read().splitlines()[1:]:
    number, school, _, name, emails, _ = line.split(";")
    registry[number] = (school, name, emails.split("|"))
pdfs = sorted(f for f in os.listdir(DOCS) if f.endswith(".pdf") and not f.startswith(("scan", "fax", "photo")))
by_coop = {}
for f in pdfs:
    digits = f[:-4].split("-")[-1]
    by_coop.setdefault("075-" + digits, []).append(f)

os.makedirs(OUT, exist_ok=True)
for i in range(N):
    coop = rng.choice(sorted(by_coop))
    school, name, emails = registry.get(coop, ("", "Un parent", ["parent@example.org"]))
    m = MIMEMultipart()
    sender = rng.choice(emails) if rng.random() < 0.8 else f"{name.split()[0].lower()}.perso{i}@gmail.com"
    m["From"] = f"{name} <{sender}>"
    m["To"] = "ad75@occe.coop"
    m["Subject"] = rng.choice([f"Coopérative {coop} : quitus et relevé", "Documents de fin d'exercice",
                               f"Bilan coop {coop[-4:]}", f"{school} - CRF 2020-2021", "Envoi des pièces", "tr: documents"])
    m["Date"] = formatdate(1633330800 + i * 3600, localtime=False)
    m["Message-ID"] = f"<scale-{i}@ecole.test>"
    m.attach(MIMEText(rng.choice([
        f"Bonjour,\n\nVeuillez trouver ci-joint les documents de la coopérative de l'école {school}.\n\nCordialement,\n{name}",
        "Bonjour,\nci-joint le quitus signé et le relevé au 31 août.\nBonne journée",
        f"Madame, Monsieur,\n\nje vous transmets les pièces demandées pour la coopérative n° {coop}.\n\n{name}\n{school}"]),
        "plain", "utf-8"))
    for f in rng.sample(by_coop[coop], min(len(by_coop[coop]), rng.choice([1, 2]))):
        data = open(os.path.join(DOCS, f), "rb").read() + f"\n% copie {i}\n".encode()
        part = MIMEApplication(data, "pdf")
        part.add_header("Content-Disposition", "attachment", filename=f)
        m.attach(part)
    with open(os.path.join(OUT, f"{i:03d}.eml"), "wb") as out:
        out.write(m.as_bytes())
