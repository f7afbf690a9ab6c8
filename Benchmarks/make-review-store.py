#!/usr/bin/env python3
"""Builds a season for the review benchmark, deterministically.
Usage:
  make-review-store.py registry N_COOPS > registre.csv      (cooperatives 075-0001…, then 092-…, valid IBANs)
  make-review-store.py fill DATABASE N_DOSSIERS [EXERCISE]  (declarations, messages, documents, as the reading
                                                             stage writes them; run after `coopmail coops import`
                                                             has created the schema)"""
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
                    " source, exercise, status, cooperative, match_confidence, match_evidence, created_at)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (f"<bench-{i}-{k}@ecole.test>", f"<bench-{i}-{k}@ecole.test>", hashlib.sha256(f"m{i}-{k}".encode()).hexdigest(),
                     1000, f"mandataire{i}@ecole.test", f"Mandataire {i}", f"Coop {coop} : documents de fin d'exercice",
                     received.strftime("%Y-%m-%dT%H:%M:%SZ"), "bench", exercise, "processed", coop,
                     round(rng.uniform(0.55, 1.0), 2), json.dumps(["adresse de l'expéditeur enregistrée", f"numéro {coop} dans l'objet"]),
                     stamp))
                mid = cur.lastrowid
                docs = []
                if k == 0 and rng.random() < 0.9:
                    docs.append(("quitus.pdf", "quitus", None))
                if rng.random() < 0.85:
                    docs.append(("releve.pdf", "bank_statement", statement(found if k == 0 else expected, i, f"{end_year}-08-01", closing)))
                for pos, (name, kind, st) in enumerate(docs, 1):
                    sha = hashlib.sha256(f"{i}-{k}-{name}-{st}".encode()).hexdigest()
                    db.execute("INSERT INTO document (message, position, filename, sha256, size, media_type, kind, statement, read_status)"
                               " VALUES (?,?,?,?,?,?,?,?,?)", (mid, pos, name, sha, 50_000, "application/pdf", kind, st, "read"))
    db.close()

if __name__ == "__main__":
    if sys.argv[1] == "registry":
        registry(int(sys.argv[2]))
    elif sys.argv[1] == "fill":
        fill(sys.argv[2], int(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else "2020-2021")
    else:
        sys.exit(__doc__)
