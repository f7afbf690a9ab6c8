#!/usr/bin/env python3
"""Builds a season for the review benchmark, deterministically.
Usage:
  make-review-store.py registry N_COOPS > registre.csv      (cooperatives 075-0001…, then 092-…, valid IBANs)
  make-review-store.py fill DATABASE N_DOSSIERS [EXERCISE]  (declarations, messages, documents, as the reading
                                                             stage writes them; run after `coopmail coops import`
                                                             has created the schema)
Besides the dossiers' mails, the season holds what review and status list, in the proportions of a real campaign
(per 1,000 dossiers): 25 mails attached to no cooperative, 40 automatic mails, 2.5 quarantined, 0.5 set aside,
50 questions (60 % marked answered), decisions on 30 % of the dossiers (25 % validated, 5 % rejected), and the
outbox: an answer per mail, a decision mail per decision, reminders to 20 % of the cooperatives, a few still queued
or failed."""
import datetime, hashlib, json, random, sqlite3, sys

rng = random.Random(75)

def iban(i):
    bban = f"10107{i % 99999:05d}{i:011d}{i % 97:02d}"
    check = 98 - int(bban + "152700") % 97          # F=15 R=27, then "00"
    return f"FR{check:02d}{bban}"

DEPARTMENTS = [75, 92, 93, 94, 13, 69, 59, 33, 31, 6]

def number(i):
    """075-0001 … 075-9999, then 092-0001 …: a national registry needs several départements."""
    return f"{DEPARTMENTS[(i - 1) // 9999 % len(DEPARTMENTS)]:03d}-{(i - 1) % 9999 + 1:04d}"

def registry(n):
    print("numero;ecole;commune;mandataire;email;iban")
    for i in range(1, n + 1):
        print(f"{number(i)};École élémentaire n° {i} rue {['des Lilas', 'Voltaire', 'de la Roquette', 'Keller'][i % 4]};"
              f"Paris {i % 20 + 1}e;Mandataire {i};mandataire{i}@ecole.test;{iban(i)}")

def statement(balance, i, start, end):
    return json.dumps({
        "iban": iban(i), "periodStart": start, "periodEnd": end, "movements": [
            {"date": end[:8] + "10", "label": "VIR COTISATION", "amount": -1500},
            {"date": end[:8] + "20", "label": "REMISE CHQ", "amount": 4200}],
        "balances": [{"date": start, "amount": balance - 2700, "label": "ANCIEN SOLDE"},
                     {"date": end, "amount": balance, "label": "NOUVEAU SOLDE"}]}, sort_keys=True)

def fill(path, n, exercise):
    end_year = int(exercise.split("-")[1])
    closing = f"{end_year}-08-31"
    db = sqlite3.connect(path)
    db.execute("PRAGMA foreign_keys = ON")
    now = datetime.datetime.now(datetime.timezone.utc)
    stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    mails = []        # (message id, cooperative, registry index, received) of the dossiers' mails
    digests = {}      # cooperative -> SHA-256 of its documents (what a decision records)
    with db:
        for i in range(1, n + 1):
            coop = number(i)
            bank = rng.randint(5_000, 900_000)
            cheques = rng.choice([0, 0, 0, 6_000, 12_550])
            db.execute("INSERT OR REPLACE INTO declaration VALUES (?,?,?,?,?,?,?,?,?,?)",
                       (coop, exercise, 100_000, bank + 2_000, 102_000, bank, 0, cheques, 0, stamp))
            expected = bank + cheques
            found = expected if rng.random() < 0.75 else expected - rng.choice([6_000, 1_500, 12_000])
            for k in range(rng.choice([1, 1, 2, 3])):
                received = now - datetime.timedelta(days=rng.randint(0, 90), minutes=rng.randint(0, 1440))
                cur = db.execute(
                    "INSERT INTO message (key, message_id, raw_sha256, raw_size, from_address, from_name, subject, received_at,"
                    " source, exercise, status, cooperative, match_confidence, match_evidence, created_at, nature)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'documents')",
                    (f"<bench-{i}-{k}@ecole.test>", f"<bench-{i}-{k}@ecole.test>", hashlib.sha256(f"m{i}-{k}".encode()).hexdigest(),
                     1000, f"mandataire{i}@ecole.test", f"Mandataire {i}", f"Coop {coop} : documents de fin d'exercice",
                     received.strftime("%Y-%m-%dT%H:%M:%SZ"), "bench", exercise, "processed", coop,
                     round(rng.uniform(0.55, 1.0), 2), json.dumps(["adresse de l'expéditeur enregistrée", f"numéro {coop} dans l'objet"]),
                     stamp))
                mid = cur.lastrowid
                mails.append((mid, coop, i, received))
                docs = []
                if k == 0 and rng.random() < 0.9:
                    docs.append(("quitus.pdf", "quitus", None))
                if rng.random() < 0.85:
                    docs.append(("releve.pdf", "bank_statement", statement(found if k == 0 else expected, i, f"{end_year}-08-01", closing)))
                for pos, (name, kind, st) in enumerate(docs, 1):
                    sha = hashlib.sha256(f"{i}-{k}-{name}-{st}".encode()).hexdigest()
                    digests.setdefault(coop, set()).add(sha)
                    db.execute("INSERT INTO document (message, position, filename, sha256, size, media_type, kind, statement, read_status)"
                               " VALUES (?,?,?,?,?,?,?,?,?)", (mid, pos, name, sha, 50_000, "application/pdf", kind, st, "read"))
        others(db, n, exercise, now, stamp, mails, digests)
    db.close()

def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")

def others(db, n, exercise, now, stamp, mails, digests):
    """What review and status list besides the dossiers: mails in no dossier, questions, decisions, the outbox."""
    def message(key, sender, subject, received, status, coop=None, nature="documents", reason=None, error=None):
        cur = db.execute(
            "INSERT INTO message (key, message_id, raw_sha256, raw_size, from_address, from_name, subject, received_at,"
            " source, exercise, status, quarantine_reason, cooperative, match_confidence, match_evidence, created_at,"
            " nature, processing_attempts, processing_error, body_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (key, key, hashlib.sha256(key.encode()).hexdigest(), 2000, sender, None, subject, iso(received), "bench",
             exercise, status, reason, coop, 1.0 if coop else None, "[]", stamp, nature, 2 if error else 0, error,
             "Bonjour,\nfaut-il envoyer le relevé de septembre ou celui d'août ?\nCordialement"))
        return cur.lastrowid
    def when():
        return now - datetime.timedelta(days=rng.randint(0, 90), minutes=rng.randint(0, 1440))
    outbox = [0]
    def answer(kind, coop, mid, to, created, state="sent"):
        outbox[0] += 1
        o = outbox[0]
        db.execute(
            "INSERT INTO outbox (dedupe_key, kind, cooperative, exercise, message, envelope_from, recipients, subject,"
            " raw_sha256, message_id, state, attempts, next_attempt_at, last_error, created_at, sent_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (f"bench:{kind}:{o}", kind, coop, exercise, mid, "ad75@occe.test", json.dumps([to]), f"OCCE : {kind}",
             hashlib.sha256(f"o{o}".encode()).hexdigest(), f"<out-{o}@occe.test>", state, 1 if state != "queued" else 0,
             iso(created), "550 5.1.1 User unknown" if state == "failed" else None, iso(created),
             iso(created + datetime.timedelta(minutes=10)) if state == "sent" else None))
    # An answer to every dossier mail (acknowledgment, or missing documents).
    for mid, coop, i, received in mails:
        answer(rng.choice(["acknowledgment", "acknowledgment", "missing_documents"]), coop, mid,
               f"mandataire{i}@ecole.test", received + datetime.timedelta(minutes=5))
    # Mails attached to no cooperative: an unknown sender (answered « expéditeur inconnu »), automatic mails,
    # quarantined and set-aside mails.
    for u in range(max(1, n * 25 // 1000)):
        sender = f"parent{u}@gmail.test"
        received = when()
        mid = message(f"<unattached-{u}@gmail.test>", sender, "Documents coopérative", received, "processed")
        db.execute("INSERT INTO document (message, position, filename, sha256, size, media_type, kind, read_status)"
                   " VALUES (?,?,?,?,?,?,?,?)", (mid, 1, "scan.pdf", hashlib.sha256(f"u{u}".encode()).hexdigest(),
                                                  80_000, "application/pdf", "bank_statement", "read"))
        answer("sender_unknown", None, mid, sender, received + datetime.timedelta(minutes=5))
    for a in range(max(1, n * 40 // 1000)):
        message(f"<auto-{a}@mailer.test>", "mailer-daemon@ecole.test", "Undelivered Mail Returned to Sender", when(),
                "processed", nature="automatic")
    for q in range(max(1, n * 25 // 10000)):
        message(f"<quarantine-{q}@x.test>", f"x{q}@x.test", "Facture", when(), "quarantined",
                reason="pièce jointe dangereuse : archive zip trop profonde")
    for f in range(max(1, n * 5 // 10000)):
        message(f"<failed-{f}@x.test>", f"y{f}@x.test", "Relevé", when(), "set_aside", error="lecture interrompue deux fois")
    # Questions from registered addresses, 60 % marked answered.
    for q in range(max(1, n * 50 // 1000)):
        i = rng.randint(1, n)
        mid = message(f"<question-{q}@ecole.test>", f"mandataire{i}@ecole.test", "Question sur le quitus", when(),
                      "processed", coop=number(i), nature="message")
        if rng.random() < 0.6:
            db.execute("INSERT INTO message_answer (message, actor, answered_at) VALUES (?,?,?)", (mid, "claire", stamp))
    # Decisions on 30 % of the dossiers (on their documents, so that they hold), with their mails.
    for i in range(1, n + 1):
        coop = number(i)
        r = rng.random()
        if r >= 0.30 or coop not in digests:
            continue
        action = "approve" if r < 0.25 else "reject"
        decided = now - datetime.timedelta(days=rng.randint(0, 30))
        db.execute("INSERT INTO decision (cooperative, exercise, action, actor, reason, documents, created_at)"
                   " VALUES (?,?,?,?,?,?,?)",
                   (coop, exercise, action, "claire", None if action == "approve" else "relevé au 30/06",
                    json.dumps(sorted(digests[coop])), iso(decided)))
        answer("validated" if action == "approve" else "to_correct", coop, None, f"mandataire{i}@ecole.test", decided)
    # Reminders to 20 % of the cooperatives; a few answers still queued or refused.
    for i in range(1, n + 51):
        if rng.random() < 0.20:
            answer("reminder_incomplete", number(i), None, f"mandataire{i}@ecole.test", when())
    for w in range(max(1, n // 1000)):
        i = rng.randint(1, n)
        answer("acknowledgment", number(i), None, f"mandataire{i}@ecole.test", now, state="queued")
    for w in range(max(1, n // 5000)):
        i = rng.randint(1, n)
        answer("reminder_incomplete", number(i), None, f"mandataire{i}@ecole.test", when(), state="failed")

if __name__ == "__main__":
    if sys.argv[1] == "registry":
        registry(int(sys.argv[2]))
    elif sys.argv[1] == "fill":
        fill(sys.argv[2], int(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else "2020-2021")
    else:
        sys.exit(__doc__)
