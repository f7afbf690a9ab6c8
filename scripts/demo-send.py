#!/usr/bin/env python3
"""Sends the demo's sample mails to the association's mailbox through the local Postfix (submission, STARTTLS,
AUTH), as the mandataires would from their phones. Reads the servers' addresses from .state/mail/env variables."""
import os, smtplib, ssl, sys
from email.message import EmailMessage
from email.utils import make_msgid, formatdate

repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
docs = os.path.join(repo, "Fixtures", "documents")
env = os.environ
host, port = "127.0.0.1", int(env["COOPMAIL_TEST_SUBMISSION_PORT"])
to = env["COOPMAIL_TEST_AD75_ADDRESS"]
ctx = ssl.create_default_context(cafile=env["COOPMAIL_TEST_CA_FILE"])

def mail(user, subject, body, files, extra=None):
    m = EmailMessage()
    m["From"] = env[f"COOPMAIL_TEST_{user.upper()}_ADDRESS"]; m["To"] = to; m["Subject"] = subject
    m["Date"] = formatdate(localtime=True); m["Message-ID"] = make_msgid(domain="ecole.test")
    for k, v in (extra or {}).items(): m[k] = v
    m.set_content(body)
    for f in files:
        # A path with a folder is relative to Fixtures/ (the generated quitus pages are in Fixtures/quitus).
        data = open(os.path.join(repo, "Fixtures", f) if "/" in f else os.path.join(docs, f), "rb").read()
        maintype, subtype = ("application", "pdf") if f.endswith(".pdf") else ("image", "jpeg")
        m.add_attachment(data, maintype=maintype, subtype=subtype, filename=os.path.basename(f))
    with smtplib.SMTP(host, port, timeout=30) as s:
        s.starttls(context=ctx)
        s.login(env[f"COOPMAIL_TEST_{user.upper()}_USER"], env[f"COOPMAIL_TEST_{user.upper()}_PASSWORD"])
        s.send_message(m)
    print(f"  envoyé par {m['From']} : « {subject} » ({len(files)} pièce(s) jointe(s))")

mail("mandataire1", "Coop 075-0123 : quitus et relevé d'août",
     "Bonjour,\nVoici le quitus signé et le relevé BRED d'août.\nClaire Martin, école Keller", ["quitus/quitus-tous-signes.pdf", "releve-2021-08-0123.pdf"])
mail("mandataire2", "Documents coopérative école maternelle Roquette",
     "Bonjour,\nci-joint la photo du quitus et le relevé de septembre.\nPaul", ["photo-quitus-0456.jpg", "releve-2021-09-0456.pdf"])
mail("mandataire3", "Quitus et relevés de mes deux coopératives",
     "Bonjour,\nje gère les coopératives Parmentier et Pihet : voici les documents des deux.\nSophie Bernard",
     ["quitus-0789.pdf", "releve-straddle-0789.pdf", "quitus-0790.pdf", "releve-debiteur-0790.pdf"])
mail("bench", "documents", "Bonjour, voici notre courrier.", ["lettre-0456.pdf"])
mail("mandataire1", "Réponse automatique : absente", "Je suis absente jusqu'au 15 octobre.", [],
     {"Auto-Submitted": "auto-replied"})
