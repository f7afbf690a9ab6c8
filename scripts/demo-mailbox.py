#!/usr/bin/env python3
"""Demo helper over IMAPS on the local Dovecot: clear mailboxes, wait for mail, print what a user received.
Usage: demo-mailbox.py clear USER... | wait USER COUNT | show USER... | reply USER SUBJECT_PART TEXT"""
import email, imaplib, os, ssl, sys, time
from email.header import decode_header, make_header

env = os.environ
ctx = ssl.create_default_context(cafile=env["COOPMAIL_TEST_CA_FILE"])

def connect(user):
    c = imaplib.IMAP4_SSL("127.0.0.1", int(env["COOPMAIL_TEST_IMAPS_PORT"]), ssl_context=ctx)
    c.login(env[f"COOPMAIL_TEST_{user.upper()}_USER"], env[f"COOPMAIL_TEST_{user.upper()}_PASSWORD"])
    return c

def clear(users):
    for u in users:
        c = connect(u)
        for box in ("INBOX", '"Trait&AOk-s"'):
            if c.select(box)[0] == "OK":
                c.store("1:*", "+FLAGS.SILENT", "(\\Deleted)") if int(c.select(box)[1][0]) else None
                c.expunge()
        c.logout()

def wait(user, count):
    deadline = time.time() + 60
    while time.time() < deadline:
        c = connect(user); n = int(c.select("INBOX")[1][0]); c.logout()
        if n >= count: return
        time.sleep(0.5)
    sys.exit(f"{user}: {count} messages attendus, non arrivés")

def show(users):
    for u in users:
        c = connect(u); c.select("INBOX")
        typ, data = c.search(None, "ALL")
        ids = data[0].split()
        print(f"\n--- Boîte de {env[f'COOPMAIL_TEST_{u.upper()}_ADDRESS']} : {len(ids)} message(s)")
        for i in ids:
            raw = c.fetch(i, "(BODY.PEEK[])")[1][0][1]
            m = email.message_from_bytes(raw)
            print(f"\nDe : {make_header(decode_header(m['From']))}\nObjet : {make_header(decode_header(m['Subject']))}")
            print(f"Auto-Submitted : {m['Auto-Submitted']}   En réponse à : {m['In-Reply-To']}")
            body = m.get_payload(decode=True).decode(m.get_content_charset() or "utf-8")
            print("\n".join("  | " + line for line in body.strip().splitlines()))
        c.logout()

# --- BEGIN season follow-up (#15): a mandataire answers one of our mails from their mailbox ---
def reply(user, subject_part, text):
    """USER answers, through Postfix, the newest mail of their INBOX whose subject contains SUBJECT_PART: In-Reply-To
    and References name its Message-ID, as a mail program does."""
    import smtplib
    from email.message import EmailMessage
    from email.utils import make_msgid, formatdate
    c = connect(user); c.select("INBOX")
    original = None
    for i in reversed(c.search(None, "ALL")[1][0].split()):
        m = email.message_from_bytes(c.fetch(i, "(BODY.PEEK[HEADER])")[1][0][1])
        if subject_part in str(make_header(decode_header(m["Subject"] or ""))):
            original = m
            break
    c.logout()
    if original is None: sys.exit(f"{user}: aucun message « {subject_part} » dans la boîte")
    r = EmailMessage()
    r["From"] = env[f"COOPMAIL_TEST_{user.upper()}_ADDRESS"]; r["To"] = env["COOPMAIL_TEST_AD75_ADDRESS"]
    r["Subject"] = "Re: " + str(make_header(decode_header(original["Subject"])))
    r["Date"] = formatdate(localtime=True); r["Message-ID"] = make_msgid(domain="ecole.test")
    r["In-Reply-To"] = original["Message-ID"]
    r["References"] = ((original["References"] or "") + " " + original["Message-ID"]).strip()
    quoted = "\n".join("> " + line for line in original.get("Subject", "").splitlines())
    r.set_content(text.replace("\\n", "\n") + "\n\nLe " + original["Date"] + ", OCCE AD75 a écrit :\n" + quoted + "\n")
    with smtplib.SMTP("127.0.0.1", int(env["COOPMAIL_TEST_SUBMISSION_PORT"]), timeout=30) as s:
        s.starttls(context=ctx)
        s.login(env[f"COOPMAIL_TEST_{user.upper()}_USER"], env[f"COOPMAIL_TEST_{user.upper()}_PASSWORD"])
        s.send_message(r)
    print(f"  {r['From']} répond à « {r['Subject'][4:]} » (In-Reply-To: {r['In-Reply-To']})")
# --- END season follow-up (#15) ---

cmd, args = sys.argv[1], sys.argv[2:]
if cmd == "clear": clear(args)
elif cmd == "wait": wait(args[0], int(args[1]))
elif cmd == "show": show(args)
elif cmd == "reply": reply(args[0], args[1], args[2])
