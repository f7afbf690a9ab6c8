#!/usr/bin/env python3
"""Demo helper over IMAPS on the local Dovecot: clear mailboxes, wait for mail, print what a user received.
Usage: demo-mailbox.py clear USER... | wait USER COUNT | show USER..."""
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

cmd, args = sys.argv[1], sys.argv[2:]
if cmd == "clear": clear(args)
elif cmd == "wait": wait(args[0], int(args[1]))
elif cmd == "show": show(args)
