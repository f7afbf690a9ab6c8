#!/usr/bin/env python3
"""Generates a registry of cooperatives in the contract's CSV format (numero;ecole;commune;mandataire;email;iban),
deterministically: the fixture registry's cooperatives first (so that the fixture mails keep their senders and
IBANs), then AD75's cooperatives (075-…) up to 650, then the other départements (001 … 976) up to N.
A registry of N contains the one of any smaller N: the same mails read against 650 and 50,000 differ only by size.
Names are realistic (kinds of schools, people, saints, streets, districts, accents and hyphens); IBANs are valid
French IBANs (RIB key and mod-97); each mandataire has one or two addresses, a few share one between schools.
Usage: make-registry.py N [FIXTURE_REGISTRY_CSV] > registre.csv"""
import random
import sys

N = int(sys.argv[1])
FIXTURE = sys.argv[2] if len(sys.argv) > 2 else "Fixtures/documents/registry.csv"
rng = random.Random(16)

KINDS = ["École élémentaire", "École maternelle", "École primaire", "École polyvalente", "Groupe scolaire",
         "Maternelle", "École élémentaire publique", "École maternelle publique", "École primaire publique"]
FIRST = ["Jules", "Jean", "Louise", "Victor", "Paul", "Marie", "Anatole", "Émile", "Pierre", "Françoise", "Jacques",
         "Robert", "Charles", "Marcel", "Lucie", "Simone", "Georges", "Albert", "Henri", "Joséphine", "Olympe",
         "Gisèle", "Aimé", "Léon", "Camille", "Suzanne", "Germaine", "Édouard", "Gustave", "Hélène", "Irène"]
LAST = ["Ferry", "Jaurès", "Michel", "Hugo", "Bert", "Curie", "France", "Zola", "Moulin", "Brossolette", "Dolto",
        "Prévert", "Desnos", "Péguy", "Pagnol", "Aubrac", "Veil", "Brassens", "Langevin", "Camus", "Pasteur",
        "Perrault", "Daudet", "Renoir", "Monet", "Cézanne", "Rostand", "Mermoz", "Blériot", "de Gouges", "Halimi",
        "Césaire", "Blum", "Macé", "Buisson", "Freinet", "Montessori", "Kergomard", "Lamartine", "Verlaine"]
SAINTS = ["Saint-Exupéry", "Sainte-Marie", "Saint-Ambroise", "Saint-Bernard", "Sainte-Isaure", "Saint-Merri",
          "Saint-Dominique", "Saint-Martin", "Sainte-Anne", "Saint-Exupère", "Saint-Jacques", "Saint-Louis"]
STREETS = ["rue", "avenue", "boulevard", "place", "passage", "impasse", "chemin", "allée", "quai"]
# No word of the fixture registry's school names (Keller, Roquette, Parmentier, Pihet, Belleville): a generated
# « École élémentaire rue Keller » in every département made the fixture mails' school names ambiguous at 50,000.
STREET_NAMES = ["des Lilas", "des Martyrs", "de la Convention", "Voltaire", "des Pyrénées", "de la Mairie", "du Stade",
                "des Écoles", "de la Gare", "du Moulin", "des Tilleuls", "des Acacias", "de la Fontaine",
                "du Château", "de l'Église", "de la République", "de la Liberté", "des Peupliers", "du Parc",
                "Pierre-Budin", "Olivier-Métra", "du Télégraphe", "de Tanger", "Championnet", "Fessart"]
PLACES = ["des Batignolles", "de la Goutte-d'Or", "du Château-des-Rentiers", "de la Butte-aux-Cailles", "des Épinettes",
          "du Moulin-Vert", "de Ménilmontant", "des Récollets", "du Bourg", "des Coteaux", "du Centre",
          "des Hauts-de-Seine", "de la Plaine", "du Val", "des Prés", "des Vignes", "du Bois-Joli"]
SYLLABLES = ["ber", "tin", "lou", "mar", "gé", "ron", "vil", "ette", "ça", "dé", "ssy", "ch", "au", "mont", "lac",
             "gny", "court", "ville", "bourg", "fay", "lès", "sur", "cham", "pi", "rey", "ault", "an", "zac"]
DEPARTMENTS = [d for d in range(1, 96) if d != 20] + [971, 972, 973, 974, 976]


def rib_key(bank, branch, account):
    return 97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97)


def french_iban(bank, branch, account):
    bban = bank + branch + account + "%02d" % rib_key(bank, branch, account)
    return "FR%02d%s" % (98 - int(bban + "152700") % 97, bban)


def town():
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def school():
    kind = rng.choice(KINDS)
    r = rng.random()
    if r < 0.35:
        tail = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    elif r < 0.45:
        tail = rng.choice(SAINTS)
    elif r < 0.60:
        tail = rng.choice(PLACES)
    elif r < 0.80:
        tail = f"{rng.choice(STREETS)} {rng.choice(STREET_NAMES)}"
    else:
        tail = town() + rng.choice(["", "", f"-{rng.choice(LAST)}", f" {rng.choice(PLACES)}"])
    return f"{kind} {tail}"


def main():
    lines = [l.rstrip("\n") for l in open(FIXTURE, encoding="utf-8")]
    print(lines[0])
    taken = set()
    rows = 0
    for line in lines[1:N + 1]:
        print(line)
        taken.add(line.split(";")[0])
        rows += 1
    emails = []
    i = 0
    while rows < N:
        i += 1
        if rows < 650:
            dept, num = 75, i
        else:
            dept = DEPARTMENTS[i % len(DEPARTMENTS)]
            num = 1 + (i // len(DEPARTMENTS)) % 9999
            if dept == 75:
                continue
        number = f"{dept:03d}-{num:04d}"
        if number in taken:
            continue
        taken.add(number)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if emails and rng.random() < 0.03:
            email = rng.choice(emails)  # one mandataire for two schools
        else:
            email = f"{first}.{last}{i}@ac-{rng.choice(['paris', 'creteil', 'lyon', 'lille', 'rennes'])}.fr"
            email = email.lower().replace(" ", "").replace("'", "")
            email = email.translate(str.maketrans("éèêëàâîïôöûüç", "eeeeaaiioouuc"))
            emails.append(email)
        if rng.random() < 0.2:
            email += f"|coop{i}@gmail.com"
        iban = french_iban("10107", "%05d" % rng.randint(1, 99999), "%011d" % (rng.randint(1, 10**9) * 7 + i))
        print(f"{number};{school()};{town()};{first} {last};{email};{iban}")
        rows += 1


main()
