#!/usr/bin/env bash
# A third, independent source of mails: MIME shapes of real clients that make-mail-corpus.py never makes
# (scripts/make-client-mails.py: winmail.dat beside the attachments, Apple's alternative/mixed with inline PDFs, Gmail
# forwards in the body, forwards of forwards, iPhone HEIC photos, RFC 2231 and split RFC 2047 names, nameless
# octet-stream parts, soft-broken quoted-printable, raw 8-bit Latin-1 and windows-1252, quoted threads naming another
# cooperative, signatures with phone numbers and postcodes, copier scans, S/MIME, zips). Each mail is ingested by the
# binary with the corpus registry and with the dense one (every 075-0001 … 075-0999), exported and scored by case
# (Benchmarks/score-mail-corpus.py): a wrong match makes it fail.
# Usage: Benchmarks/client-mails.sh [--details]   (env: SEED=1, MAILS=40, COOPMAIL_BIN=.build/release/coopmail)
set -euo pipefail
cd "$(dirname "$0")/.."
details=""
for a in "$@"; do
    case "$a" in --details) details=--details ;; *) echo "option inconnue : $a" >&2; exit 2 ;; esac
done
SEED=${SEED:-1}
MAILS=${MAILS:-40}
BIN=${COOPMAIL_BIN:-.build/release/coopmail}
[ -x "$BIN" ] || { echo "client-mails : $BIN absent (swift build -c release)" >&2; exit 1; }
corpus=.state/client-mails-$SEED-$MAILS
if [ ! -f "$corpus/labels.json" ]; then
    rm -rf "$corpus"
    /usr/bin/python3 scripts/make-client-mails.py "$corpus" --seed "$SEED" --mails "$MAILS" >/dev/null
fi
WORK=$(mktemp -d /tmp/coopmail-clients.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
. Benchmarks/ingest-export.sh
ingest_export "$corpus" registry "$WORK" & a=$!
ingest_export "$corpus" registry-dense "$WORK"; wait $a
if [ -n "${ACCURACY_OUT:-}" ]; then mkdir -p "$ACCURACY_OUT" && cp "$WORK"/*.json "$WORK"/*.ingest "$ACCURACY_OUT"/; fi
echo "== Formes MIME d'autres clients (scripts/make-client-mails.py, graine $SEED, $MAILS messages)"
status=0
/usr/bin/python3 Benchmarks/score-mail-corpus.py "$corpus/labels.json" "$WORK/registry.json" "registre du corpus" $details || status=1
echo
/usr/bin/python3 Benchmarks/score-mail-corpus.py "$corpus/labels.json" "$WORK/registry-dense.json" "registre dense 075-0001…0999" $details || status=1
exit $status
