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
