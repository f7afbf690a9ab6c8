#!/usr/bin/env bash
# IMAP fetch benchmark: loads N generated mails (default 2,000, about 25 MB) into the INBOX of the
# loopback Dovecot's `bench` user by dropping files into Maildir/new, then times full fetches by
# mbsync (with and without fsync) and getmail6 into fresh local Maildirs, then coopmail poll (which also
# moves them to « Traités »).
# Prints seconds per tool and coopmail's ratios; asserts nothing about speed.
#   Benchmarks/imap.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd -P)"
COUNT="${1:-2000}"
case "$COUNT" in ''|*[!0-9]*) echo "usage: $0 [COUNT]" >&2; exit 2;; esac

bash scripts/mailservers.sh start >/dev/null 2>&1 || { bash scripts/mailservers.sh start; exit 1; }
# shellcheck disable=SC1091
. .state/mail/env
OUT="$REPO/Benchmarks/out/imap"
# The previous run's files are set aside and deleted at the end, not now: ext4 scans past recently freed inodes
# when it creates files, so deleting thousands of files just before timing tools that create thousands of files
# slows them all (coopmail's data folder and mbsync's Maildir alike) by a varying amount.
OLD=""
if [ -e "$OUT" ]; then OLD="$OUT.old.$$"; mv "$OUT" "$OLD"; fi
trap '[ -z "$OLD" ] || rm -rf "$OLD"' EXIT
mkdir -p "$OUT"
PORT="$COOPMAIL_TEST_IMAPS_PORT"
USER_NAME="$COOPMAIL_TEST_BENCH_USER"
PASSWORD="$COOPMAIL_TEST_BENCH_PASSWORD"
MAILDIR="$COOPMAIL_TEST_MAIL_HOME/$USER_NAME/Maildir"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# generate FOLDER START COUNT [BYTES]: messages bench-START … bench-(START+COUNT-1), each with an attachment of
# BYTES (default 6,800): a PDF header, then random bytes.
generate() {
python3 - "$1" "$2" "$3" "${4:-6800}" <<'PY'
import base64, os, random, sys
folder, start, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rnd = random.Random(75 + start)
for i in range(start, start + count):
    # A PDF's first bytes, then random ones: what a bank statement looks like to the type sniffer.
    header = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    attachment = base64.encodebytes(header + rnd.randbytes(size - len(header))).decode()
    text = (
        f"From: Mandataire {i % 300} <mandataire{i % 300}@ecole.test>\r\n"
        f"To: OCCE AD75 <ad75@occe.test>\r\n"
        f"Subject: Compte rendu financier 2020-2021 coop 075-{i:04d}\r\n"
        f"Date: Mon, 06 Sep 2021 10:{i % 60:02d}:00 +0200\r\n"
        f"Message-ID: <bench-{i}@ecole.test>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
        "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "Bonjour, voici le CRF et le relevé au 31/08.\r\n"
        "--b\r\nContent-Type: application/pdf; name=\"releve.pdf\"\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "Content-Disposition: attachment; filename=\"releve.pdf\"\r\n\r\n"
        + attachment.replace("\n", "\r\n") + "--b--\r\n"
    )
    with open(os.path.join(folder, f"1600000000.bench{i}.coopmail"), "w", newline="") as f:
        f.write(text)
PY
  chown -R vmail:vmail "$1/.."
}

# 1. A fresh bench Maildir (indexes and UID list included), then COUNT generated messages in Maildir/new.
doveadm -c "$COOPMAIL_TEST_DOVECOT_CONF" kick "$USER_NAME" >/dev/null 2>&1 || true
rm -rf "${COOPMAIL_TEST_MAIL_HOME:?}/$USER_NAME"
mkdir -p "$MAILDIR/new" "$MAILDIR/cur" "$MAILDIR/tmp"
t0="$(now)"
generate "$MAILDIR/new" 0 "$COUNT"
chown -R vmail:vmail "$MAILDIR"
loaded="$(doveadm -c "$COOPMAIL_TEST_DOVECOT_CONF" mailbox status -u "$USER_NAME" messages INBOX | sed 's/.*messages=//')"
t1="$(now)"
size="$(du -sm "$MAILDIR/new" "$MAILDIR/cur" 2>/dev/null | awk '{s += $1} END {print s}')"
echo "chargement : $loaded messages (${size} Mo) en $(elapsed "$t0" "$t1") s"
[ "$loaded" = "$COUNT" ] || { echo "ERREUR : $loaded messages au lieu de $COUNT" >&2; exit 1; }

# Dovecot indexes the new mails on first access: do it now, so that no tool pays for it.
doveadm -c "$COOPMAIL_TEST_DOVECOT_CONF" fetch -u "$USER_NAME" "uid size.physical" mailbox INBOX all >/dev/null

# 2. mbsync (isync), twice: with `FSync yes` (its default: each mail on disk before it counts as fetched, the
#    guarantee coopmail gives), and with `FSync no` (no fsync at all). Host given as a DNS name (isync checks IPs
#    only against DNS names in the certificate).
mbsync_run() { # NAME FSYNC → seconds on stdout
  mkdir -p "$OUT/$1"
  cat >"$OUT/$1.rc" <<RC
FSync $2

IMAPAccount bench
Host localhost
Port $PORT
User $USER_NAME
Pass $PASSWORD
SSLType IMAPS
CertificateFile $COOPMAIL_TEST_CA_FILE

IMAPStore bench-remote
Account bench

MaildirStore bench-local
Path $OUT/$1/
Inbox $OUT/$1/INBOX

Channel bench
Far :bench-remote:
Near :bench-local:
Patterns INBOX
Create Near
Sync Pull
SyncState *
RC
  chmod 600 "$OUT/$1.rc"
  local a b
  a="$(now)"
  mbsync -q -c "$OUT/$1.rc" bench </dev/null >"$OUT/$1.log" 2>&1 || { tail -n 20 "$OUT/$1.log" >&2; exit 1; }
  b="$(now)"
  elapsed "$a" "$b"
}
mbsync_s="$(mbsync_run mbsync yes)"
echo "mbsync (FSync yes, son réglage par défaut) : $(find "$OUT/mbsync/INBOX" -type f -path '*/cur/*' -o -type f -path '*/new/*' | wc -l) messages en $mbsync_s s"
mbsync_nofsync_s="$(mbsync_run mbsync-nofsync no)"
echo "mbsync (FSync no) : $(find "$OUT/mbsync-nofsync/INBOX" -type f -path '*/cur/*' -o -type f -path '*/new/*' | wc -l) messages en $mbsync_nofsync_s s"

# 3. getmail6.
mkdir -p "$OUT/getmail/Maildir/new" "$OUT/getmail/Maildir/cur" "$OUT/getmail/Maildir/tmp" "$OUT/getmail/state"
cat >"$OUT/getmailrc" <<RC
[retriever]
type = SimpleIMAPSSLRetriever
server = localhost
port = $PORT
username = $USER_NAME
password = $PASSWORD
mailboxes = ("INBOX",)
ca_certs = $COOPMAIL_TEST_CA_FILE

[destination]
type = Maildir
path = $OUT/getmail/Maildir/

[options]
read_all = true
delete = false
verbose = 0
RC
chmod 600 "$OUT/getmailrc"
# getmail refuses to deliver as root (and its per-message child handling stalls with `user =`): run it as vmail.
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
  chown -R vmail "$OUT/getmail" "$OUT/getmailrc"
  RUN_AS=(setpriv --reuid=vmail --regid=vmail --clear-groups env HOME="$OUT/getmail")
fi
t0="$(now)"
if "${RUN_AS[@]}" getmail --getmaildir "$OUT/getmail/state" --rcfile "$OUT/getmailrc" </dev/null >"$OUT/getmail.log" 2>&1; then
  t1="$(now)"
  got="$(find "$OUT/getmail/Maildir/new" "$OUT/getmail/Maildir/cur" -type f | wc -l)"
  getmail_s="$(elapsed "$t0" "$t1")"
  echo "getmail6 : $got messages en $getmail_s s"
else
  # getmail6 sometimes times out waiting for its own child process: say so and go on with coopmail.
  echo "getmail6 : échec ($(tail -n 1 "$OUT/getmail.log")) — pas de comparaison avec getmail6 dans ce passage"
  getmail_s=""
fi

# 4. coopmail (release build) on the same INBOX, after the two others: `coopmail poll --sans-lecture` stores each
#    mail durably (fsynced files, SQLite transaction) and moves it to « Traités » — what mbsync and getmail6 do;
#    reading and acknowledging are later stages with their own benchmarks. Then an idle poll
#    (nothing new: login, one SELECT, logout), then 200 new mails polled, for the ratio idle / full fetch of 200
#    (target < 0.1), and the same with 200 mails of a realistic size.
#    The IMAPClient alone: COOPMAIL_BENCH_IMAP=1 swift test --filter IMAPFetchBenchmark (before this step empties INBOX).
BIN="${COOPMAIL_BIN:-$REPO/.build/release/coopmail}"
[ -x "$BIN" ] || { echo "coopmail : $BIN absent (swift build -c release)" >&2; exit 1; }
C="$OUT/coopmail"
mkdir -p "$C"
chmod 700 "$C"
printf '%s' "$PASSWORD" >"$C/imap.secret"
chmod 600 "$C/imap.secret"
cat >"$C/coopmail.toml" <<TOML
[organisation]
exercise = "2020-2021"

[imap]
url = "$COOPMAIL_TEST_IMAPS_URL/INBOX"
username = "$USER_NAME"
password_file = "$C/imap.secret"
ca_file = "$COOPMAIL_TEST_CA_FILE"
processed_mailbox = "Traités"
TOML
poll() { # label → seconds on stdout, the summary line in coopmail.log
  local a b
  a="$(now)"
  "$BIN" poll --sans-lecture --config "$C/coopmail.toml" --data-dir "$C/data" </dev/null >>"$C/coopmail.log" 2>&1 \
    || { echo "coopmail poll ($1) a échoué :" >&2; tail -n 5 "$C/coopmail.log" >&2; exit 1; }
  b="$(now)"
  elapsed "$a" "$b"
}
stored() { sqlite3 "$C/data/coopmail.sqlite" "SELECT count(*) FROM message"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

full="$(poll "$COUNT messages")"
got="$(stored)"
echo "coopmail poll : $got messages en $full s (mbsync × $(ratio "$full" "$mbsync_s") ; mbsync sans fsync × $(ratio "$full" "$mbsync_nofsync_s") ; getmail6 × $(ratio "$full" "$getmail_s"))"
idle="$(poll "rien de nouveau")"
echo "coopmail poll sans nouveau message : $idle s"

generate "$MAILDIR/new" "$COUNT" 200
full200="$(poll "200 messages")"
echo "coopmail poll de 200 nouveaux messages : $(($(stored) - got)) messages en $full200 s"
echo "rapport poll à vide / relève de 200 : $(ratio "$idle" "$full200") (objectif < 0,1)"
# What the idle poll is made of: starting the process alone, and a second idle poll (same work every time).
a="$(now)"; "$BIN" --help >/dev/null; b="$(now)"
echo "  dont démarrage du processus (coopmail --help) : $(elapsed "$a" "$b") s ; second poll à vide : $(poll "rien de nouveau") s"

# 5. The same ratio with mails of the size mandataires send (a 300 KB scan each; phone photos are larger).
generate "$MAILDIR/new" "$((COUNT + 200))" 200 300000
chown -R vmail:vmail "$MAILDIR"
before="$(stored)"
full200big="$(poll "200 messages de 300 Ko")"
echo "coopmail poll de 200 messages de 300 Ko : $(($(stored) - before)) messages en $full200big s ; rapport poll à vide / relève : $(ratio "$idle" "$full200big")"
left="$(doveadm -c "$COOPMAIL_TEST_DOVECOT_CONF" mailbox status -u "$USER_NAME" messages INBOX | sed 's/.*messages=//')"
moved="$(doveadm -c "$COOPMAIL_TEST_DOVECOT_CONF" mailbox status -u "$USER_NAME" messages "Traités" | sed 's/.*messages=//')"
echo "coopmail : $left messages restés dans INBOX, $moved dans Traités"
