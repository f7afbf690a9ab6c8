#!/usr/bin/env bash
# `make demo`: the whole loop on loopback mail servers. Sample mails are sent by "mandataires" through the local
# Postfix to the association's Dovecot mailbox; coopmail polls them over IMAPS, reads and checks the documents,
# answers; staff review, approve one dossier and reject another; the mails the mandataires received are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${COOPMAIL_BIN:-.build/release/coopmail}
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Serveurs de messagerie locaux (Dovecot IMAPS, Postfix STARTTLS) sur 127.0.0.1"
bash scripts/mailservers.sh start
# shellcheck disable=SC1091
. .state/mail/env

DEMO=.state/demo
rm -rf "$DEMO"
mkdir -p "$DEMO"
chmod 700 "$DEMO"
export COOPMAIL_DATA_DIR="$DEMO/data"
export COOPMAIL_IMAP_PASSWORD="$COOPMAIL_TEST_AD75_PASSWORD"
export COOPMAIL_SMTP_PASSWORD="$COOPMAIL_TEST_AD75_PASSWORD"
export COOPMAIL_CONFIG="$DEMO/coopmail.toml"
export COOPMAIL_STAFF="Claire (équipe OCCE AD75)"   # who decides, recorded in each decision (else the Unix account)
cat > "$COOPMAIL_CONFIG" <<TOML
[organisation]
name = "OCCE AD75"
address = "$COOPMAIL_TEST_AD75_ADDRESS"
department = "075"
exercise = "2020-2021"

[imap]
url = "$COOPMAIL_TEST_IMAPS_URL/INBOX"
username = "$COOPMAIL_TEST_AD75_USER"
password_env = "COOPMAIL_IMAP_PASSWORD"
ca_file = "$COOPMAIL_TEST_CA_FILE"
processed_mailbox = "Traités"

[smtp]
url = "$COOPMAIL_TEST_SUBMISSION_URL"
tls = "starttls"
username = "$COOPMAIL_TEST_AD75_USER"
password_env = "COOPMAIL_SMTP_PASSWORD"
ca_file = "$COOPMAIL_TEST_CA_FILE"
from = "OCCE AD75 <$COOPMAIL_TEST_AD75_ADDRESS>"
TOML

# Start from empty mailboxes so that the demo can be run again.
python3 scripts/demo-mailbox.py clear ad75 mandataire1 mandataire2 mandataire3 bench

step "Registre des coopératives et chiffres déclarés (export Retkoop)"
"$BIN" coops import Fixtures/demo/registry.csv
"$BIN" declarations import Fixtures/demo/declarations.csv

step "Les mandataires envoient leurs documents à $COOPMAIL_TEST_AD75_ADDRESS"
python3 scripts/demo-send.py
python3 scripts/demo-mailbox.py wait ad75 5

step "coopmail run : relève IMAP, lecture (texte et OCR), rattachement, contrôles, accusés de réception"
"$BIN" run
step "coopmail run une seconde fois : rien de nouveau, donc rien à dire (silence pour cron)"
"$BIN" run
echo "(code de sortie $?)"

if "$BIN" review --help >/dev/null 2>&1; then
  step "coopmail review : la file des dossiers"
  "$BIN" review
  step "coopmail show 075-0456 : un dossier avec un écart"
  "$BIN" show 075-0456
  step "Décisions : 075-0123 validé, 075-0456 à corriger"
  "$BIN" approve 075-0123
  "$BIN" reject 075-0456 --motif "Le solde banque déclaré ne correspond pas au relevé : merci de vérifier les frais bancaires de septembre."
  "$BIN" notify
fi

# ---- BEGIN #12 every mail visible, a waiting answer read and cancelled (helper staff2) ----
step "Deux courriels de plus : l'un sans coopérative reconnaissable, l'autre cassé (imbrication MIME trop profonde)"
python3 - <<'PY'
import os, smtplib, ssl
from email.utils import formatdate, make_msgid
env = os.environ
ctx = ssl.create_default_context(cafile=env["COOPMAIL_TEST_CA_FILE"])
to = env["COOPMAIL_TEST_AD75_ADDRESS"]
def send(user, raw, what):
    with smtplib.SMTP("127.0.0.1", int(env["COOPMAIL_TEST_SUBMISSION_PORT"]), timeout=30) as s:
        s.starttls(context=ctx)
        s.login(env[f"COOPMAIL_TEST_{user.upper()}_USER"], env[f"COOPMAIL_TEST_{user.upper()}_PASSWORD"])
        s.sendmail(env[f"COOPMAIL_TEST_{user.upper()}_ADDRESS"], [to], raw.encode())
    print(f"  envoyé par {env[f'COOPMAIL_TEST_{user.upper()}_ADDRESS']} : {what}")
head = lambda user, subject: (f"From: {env[f'COOPMAIL_TEST_{user.upper()}_ADDRESS']}\r\nTo: {to}\r\nSubject: {subject}\r\n"
                              f"Date: {formatdate(localtime=True)}\r\nMessage-ID: {make_msgid(domain='ecole.test')}\r\nMIME-Version: 1.0\r\n")
send("bench", head("bench", "TR: papiers de l'école") + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
     "Bonjour, je transfère le message de la directrice. Bonne journée.\r\n", "« TR: papiers de l'école » (transfert sans numéro)")
deep = "".join(f"--b{i}\r\nContent-Type: multipart/mixed; boundary=\"b{i + 1}\"\r\n\r\n" for i in range(30))
deep += "--b30\r\nContent-Type: text/plain\r\n\r\nquitus\r\n" + "".join(f"--b{i}--\r\n" for i in range(30, -1, -1))
send("mandataire3", head("mandataire3", "Quitus corrigé") + "Content-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n" + deep,
     "« Quitus corrigé » (message cassé)")
PY
python3 scripts/demo-mailbox.py wait ad75 2
"$BIN" run || true
step "coopmail status : chaque courriel reçu est compté, même non rattaché ou en quarantaine"
"$BIN" status --sans-envoi
step "coopmail review : les courriels hors dossier, avec la raison"
"$BIN" review | sed -n '/Courriels hors dossier/,$p'
step "Un message qui attend de partir, lu puis annulé (coopmail courriers)"
"$BIN" reject 075-0790 --motif "Le relevé joint est celui d'un autre compte : merci d'envoyer celui de la coopérative."
WAITING=$("$BIN" courriers | grep -m1 "075-0790" | awk '{print $1}')
"$BIN" courriers
if [ -n "$WAITING" ]; then
  "$BIN" courriers "$WAITING"
  "$BIN" courriers "$WAITING" --annuler
fi
"$BIN" courriers
# ---- END #12 (helper staff2) ----
# ---- signatures du quitus (issue #13) : un dossier dont le parent d'élève élu n'a pas signé ----------------------
demo_missing_signature() {
  local pdf="$DEMO/quitus-0790-parent-manquant.pdf"
  step "075-0790 : la mandataire renvoie son quitus, mais le parent d'élève élu n'a pas signé (page faite par scripts/make-quitus.py)"
  /usr/bin/python3 scripts/make-quitus.py --one parent-manquant "$pdf" 075-0790 "École maternelle Pihet" 10000 50000 64990 -4990 0
  /usr/bin/python3 - "$pdf" <<'PY'
import os, smtplib, ssl, sys
from email.message import EmailMessage
from email.utils import make_msgid, formatdate
env = os.environ
m = EmailMessage()
m["From"] = env["COOPMAIL_TEST_MANDATAIRE3_ADDRESS"]; m["To"] = env["COOPMAIL_TEST_AD75_ADDRESS"]
m["Subject"] = "Coop 075-0790 : le quitus signé"; m["Date"] = formatdate(localtime=True); m["Message-ID"] = make_msgid(domain="ecole.test")
m.set_content("Bonjour,\nvoici le quitus de la coopérative Pihet.\nSophie Bernard")
m.add_attachment(open(sys.argv[1], "rb").read(), maintype="application", subtype="pdf", filename="quitus-0790.pdf")
with smtplib.SMTP("127.0.0.1", int(env["COOPMAIL_TEST_SUBMISSION_PORT"]), timeout=30) as s:
    s.starttls(context=ssl.create_default_context(cafile=env["COOPMAIL_TEST_CA_FILE"]))
    s.login(env["COOPMAIL_TEST_MANDATAIRE3_USER"], env["COOPMAIL_TEST_MANDATAIRE3_PASSWORD"])
    s.send_message(m)
print(f"  envoyé par {m['From']} : « {m['Subject']} » (1 pièce jointe)")
PY
  python3 scripts/demo-mailbox.py wait ad75 1
  "$BIN" run
  step "coopmail show 075-0790 : chaque emplacement de signature, son verdict et sa mesure"
  "$BIN" show 075-0790
  step "coopmail open 075-0790 --signatures : l'image des trois emplacements côte à côte"
  "$BIN" open 075-0790 --signatures
  step "075-0790 à corriger : le courrier en attente nomme la signature qui manque (coopmail courriers)"
  "$BIN" reject 075-0790 --motif "Merci de faire signer le quitus par le parent d'élève élu et de nous le renvoyer."
  "$BIN" courriers
  local id
  id=$("$BIN" courriers | grep -m1 '075-0790' | grep -oE '[0-9]+' | head -1 || true)
  [ -n "$id" ] && "$BIN" courriers "$id"
  step "075-0789 : ses signatures tracées en vagues plates sont reconnues (plus de « signature manquante »)"
  "$BIN" show 075-0789 | grep -E 'signature|quitus' || true
}
if "$BIN" review --help >/dev/null 2>&1; then demo_missing_signature; fi
# ---- fin du bloc des signatures du quitus ---------------------------------------------------------------------
# --- BEGIN season follow-up (#15): reminder campaign, a question in reply, answered, season chart ---
season_demo() {
  step "Relances : qui serait relancé (coopmail remind --dry-run)"
  "$BIN" remind --dry-run
  step "coopmail remind : la campagne de relances est mise en attente d'envoi"
  "$BIN" remind
  # The registered address of 075-0042 (k.haddad@ecole.test) has no mailbox on the demo servers: its reminder is
  # cancelled before it leaves, as staff would for an address they know is wrong.
  local id
  id=$("$BIN" courriers --json | python3 -c 'import json, sys; print(next((str(m["id"]) for m in json.load(sys.stdin) if m["cooperative"] == "075-0042"), ""))')
  if [ -n "$id" ]; then "$BIN" courriers "$id" --annuler --par "Équipe OCCE"; fi
  "$BIN" courriers
  step "coopmail notify : les relances partent par Postfix et arrivent dans Dovecot"
  "$BIN" notify
  python3 scripts/demo-mailbox.py wait mandataire2 3
  echo "  reçu dans la boîte de mandataire2@ecole.test (075-0456) : la relance « dossier à corriger »"
  step "Le mandataire de 075-0456 répond à la relance par une question, sans pièce jointe"
  python3 scripts/demo-mailbox.py reply mandataire2 "Relance" \
    "Bonjour,\nJe renvoie le relevé corrigé lundi.\nFaut-il aussi refaire signer le quitus par les parents élus ?\n--\nPaul Durand"
  python3 scripts/demo-mailbox.py wait ad75 1
  "$BIN" run
  step "coopmail review --questions : les questions des mandataires en attente de réponse"
  "$BIN" review --questions
  step "coopmail show 075-0456 : la réponse est rattachée à la relance"
  "$BIN" show 075-0456 | sed -n '/^Messages sans document/,$p'
  step "coopmail answered : la question est marquée répondue (la réponse part de la messagerie de l'équipe)"
  local qid
  qid=$("$BIN" review --questions --json | python3 -c 'import json, sys; q = json.load(sys.stdin)["questions"]; print(q[0]["message"] if q else "")')
  if [ -n "$qid" ]; then "$BIN" answered "$qid" --par "Équipe OCCE"; fi
  "$BIN" review --questions
  step "coopmail status : la saison en un coup d'œil, semaine par semaine, avec les échéances de la configuration"
  if ! grep -q '^\[season\]' "$COOPMAIL_CONFIG"; then
    printf '\n[season]\nsubmission_deadline = "%s"\ndecision_deadline = "%s"\n' "$(date -d '-2 days' +%F)" "$(date -d '+30 days' +%F)" >>"$COOPMAIL_CONFIG"
  fi
  "$BIN" status
  echo "(« coopmail status --csv > saison.csv » donne le tableau de toutes les semaines pour un tableur)"
}
if "$BIN" remind --help >/dev/null 2>&1 && "$BIN" answered --help >/dev/null 2>&1; then season_demo; fi
# --- END season follow-up (#15) ---

step "Export (résumé)"
"$BIN" export --format json | python3 scripts/demo-summary.py

step "Ce que les mandataires ont reçu (lu par IMAP dans leurs boîtes)"
python3 scripts/demo-mailbox.py show mandataire1 mandataire2 mandataire3 bench

step "La file de revue à la fin de la démonstration (coopmail review --tous)"
"$BIN" review --tous

step "Fin de la démonstration"
echo "Les serveurs de messagerie de la démonstration (Dovecot et Postfix, sur 127.0.0.1) tournent toujours."
echo "Pour les arrêter : bash scripts/mailservers.sh stop   (et pour effacer leurs données : bash scripts/mailservers.sh clean)"
