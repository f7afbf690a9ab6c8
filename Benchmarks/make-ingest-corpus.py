#!/usr/bin/env python3
"""Generates N mails with PDF and JPEG attachments (base64) into a folder, deterministically.
Usage: make-ingest-corpus.py OUT_DIR [N]"""
import os, random, sys
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.mime.base import MIMEBase
from email import encoders

out = sys.argv[1]; n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
os.makedirs(out, exist_ok=True)
rng = random.Random(7)
for i in range(n):
    m = MIMEMultipart()
    m["From"] = f"mandataire{i % 300}@ecole.test"; m["To"] = "ad75@occe.coop"
    m["Subject"] = f"Coop 075-{i % 900:04d} : documents de fin d'exercice"
    m["Date"] = "Mon, 04 Oct 2021 09:15:00 +0200"; m["Message-ID"] = f"<bench-{i}@ecole.test>"
    m.attach(MIMEText("Bonjour,\nci-joint le quitus et le relevé.\nCordialement", "plain", "utf-8"))
    pdf = b"%PDF-1.4\n" + rng.randbytes(rng.randint(20_000, 200_000)) + b"\n%%EOF\n"
    jpg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + rng.randbytes(rng.randint(100_000, 500_000)) + b"\xff\xd9"
    for data, (mt, st), name in ((pdf, ("application", "pdf"), "releve.pdf"), (jpg, ("image", "jpeg"), "quitus.jpg")):
        p = MIMEBase(mt, st); p.set_payload(data); encoders.encode_base64(p)
        p.add_header("Content-Disposition", "attachment", filename=name); m.attach(p)
    with open(os.path.join(out, f"{i:05d}.eml"), "wb") as f:
        f.write(m.as_bytes())
