#!/usr/bin/env bash
# IMAP fetch benchmark: loads N generated mails (default 2,000, about 19 MB) into the INBOX of the
# loopback Dovecot's `bench` user by dropping files into Maildir/new, then times full fetches by
# mbsync and getmail6 into fresh local Maildirs. Prints seconds per tool.
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
rm -rf "$OUT"
mkdir -p "$OUT"
PORT="$COOPMAIL_TEST_IMAPS_PORT"
USER_NAME="$COOPMAIL_TEST_BENCH_USER"
PASSWORD="$COOPMAIL_TEST_BENCH_PASSWORD"
MAILDIR="$COOPMAIL_TEST_MAIL_HOME/$USER_NAME/Maildir"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# 1. A fresh bench Maildir (indexes and UID list included), then COUNT generated messages in Maildir/new.
doveadm -c "$COOPMAIL_TEST_DOVECOT_CONF" kick "$USER_NAME" >/dev/null 2>&1 || true
rm -rf "${COOPMAIL_TEST_MAIL_HOME:?}/$USER_NAME"
mkdir -p "$MAILDIR/new" "$MAILDIR/cur" "$MAILDIR/tmp"
t0="$(now)"
python3 - "$MAILDIR/new" "$COUNT" <<'PY'
import base64, os, random, sys
folder, count = sys.argv[1], int(sys.argv[2])
rnd = random.Random(75)
for i in range(count):
    attachment = base64.encodebytes(rnd.randbytes(6800)).decode()
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
chown -R vmail:vmail "$MAILDIR"
loaded="$(doveadm -c "$COOPMAIL_TEST_DOVECOT_CONF" mailbox status -u "$USER_NAME" messages INBOX | sed 's/.*messages=//')"
t1="$(now)"
size="$(du -sm "$MAILDIR/new" "$MAILDIR/cur" 2>/dev/null | awk '{s += $1} END {print s}')"
echo "chargement : $loaded messages (${size} Mo) en $(elapsed "$t0" "$t1") s"
[ "$loaded" = "$COUNT" ] || { echo "ERREUR : $loaded messages au lieu de $COUNT" >&2; exit 1; }

# 2. mbsync (isync): host given as a DNS name (isync checks IPs only against DNS names in the certificate).
mkdir -p "$OUT/mbsync"
cat >"$OUT/mbsyncrc" <<RC
FSync no

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
Path $OUT/mbsync/
Inbox $OUT/mbsync/INBOX

Channel bench
Far :bench-remote:
Near :bench-local:
Patterns INBOX
Create Near
Sync Pull
SyncState *
RC
chmod 600 "$OUT/mbsyncrc"
t0="$(now)"
mbsync -q -c "$OUT/mbsyncrc" bench </dev/null >"$OUT/mbsync.log" 2>&1 || { tail -n 20 "$OUT/mbsync.log" >&2; exit 1; }
t1="$(now)"
got="$(find "$OUT/mbsync/INBOX/cur" "$OUT/mbsync/INBOX/new" -type f | wc -l)"
echo "mbsync : $got messages en $(elapsed "$t0" "$t1") s"

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
"${RUN_AS[@]}" getmail --getmaildir "$OUT/getmail/state" --rcfile "$OUT/getmailrc" </dev/null >"$OUT/getmail.log" 2>&1 \
  || { tail -n 20 "$OUT/getmail.log" >&2; exit 1; }
t1="$(now)"
got="$(find "$OUT/getmail/Maildir/new" "$OUT/getmail/Maildir/cur" -type f | wc -l)"
echo "getmail6 : $got messages en $(elapsed "$t0" "$t1") s"

# 4. coopmail: to be added (coopmail poll against the same INBOX). The IMAPClient alone, on the INBOX loaded above:
#    COOPMAIL_BENCH_IMAP=1 swift test --filter IMAPFetchBenchmark   (prints "coopmail IMAPClient : … s")
