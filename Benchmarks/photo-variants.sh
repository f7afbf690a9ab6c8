#!/usr/bin/env bash
# Phone photos the reader was not tuned on: the text-PDF statements of a mail corpus photographed another way
# (scripts/make-photo-variants.py: colour, a shadow band across the page, blur, a stronger angle, 100–120 dpi, or all
# of these at once), each in a copy of its mail, ingested by the release binary with the corpus's registry and
# declarations, exported and scored by case (Benchmarks/score-mail-corpus.py): wrong matches and wrong balances must
# be 0; balances found are printed by variant.
# Usage: Benchmarks/photo-variants.sh [VARIANT ...]   (default: shadow mix; env SEED=1 (the corpus), MAILS=200,
#        COOPMAIL_BIN=.build/release/coopmail)
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${SEED:-1}
MAILS=${MAILS:-200}
BIN=${COOPMAIL_BIN:-.build/release/coopmail}
[ -x "$BIN" ] || { echo "photo-variants : $BIN absent (swift build -c release)" >&2; exit 1; }
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(shadow mix)
corpus=.state/mail-corpus-$SEED-$MAILS
[ -f "$corpus/labels.json" ] || /usr/bin/python3 scripts/make-mail-corpus.py "$corpus" --seed "$SEED" --mails "$MAILS" >/dev/null
. Benchmarks/ingest-export.sh
WORK=$(mktemp -d /tmp/coopmail-photos.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
status=0
for v in "${variants[@]}"; do
    set_=.state/photo-variants-$SEED-$MAILS-$v
    [ -f "$set_/registry.csv" ] || { rm -rf "$set_"; /usr/bin/python3 scripts/make-photo-variants.py "$corpus" "$set_" "$v" --seed "$SEED" >/dev/null; }
    mkdir -p "$WORK/$v"
    ingest_export "$set_" registry "$WORK/$v"
    echo "== Photos « $v » des relevés du corpus (graine $SEED)"
    out=$(python3 Benchmarks/score-mail-corpus.py "$set_/labels.json" "$WORK/$v/registry.json" "photos $v" --details) || status=1
    printf '%s\n' "$out" | grep -E '^(TOTAL|  photo-)'
    # A balance given that is not the statement's: the worst outcome, listed whole.
    wrong=$(printf '%s\n' "$out" | grep -E 'photo-.*: solde 31/08 -?[0-9]+ ' || true)
    if [ -n "$wrong" ]; then printf 'SOLDE FAUX :\n%s\n' "$wrong"; status=1; fi
    echo
done
exit $status
