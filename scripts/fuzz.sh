#!/usr/bin/env bash
# Whole-pipeline fuzzing campaign: mutated mails through ingest, reading, matching, ledger, acknowledgment, export.
#   scripts/fuzz.sh [COUNT] [SEED]      (make fuzz: two campaigns of 10,000 mails at once, seeds S and S+1, S from
#                                       COOPMAIL_FUZZ_SEED or 1 — one per core)
# A crash of coopmail-fuzz is recorded (its mail saved as Benchmarks/out/fuzz/crash-SEED-N.eml) and the campaign
# resumes after it. Prints the number of mails, crashes and errors; exits 1 when there was any.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-20000}"
SEED="${2:-${COOPMAIL_FUZZ_SEED:-1}}"
CHUNK=500
BIN="${COOPMAIL_FUZZ_BIN:-.build/release/coopmail-fuzz}"
OUT="${COOPMAIL_FUZZ_OUT:-Benchmarks/out/fuzz}"   # one folder per campaign run at the same time
mkdir -p "$OUT"
[ -x "$BIN" ] || { echo "fuzz : $BIN introuvable (make release ou swift build -c release)" >&2; exit 1; }

start=0; crashes=0; errors=0; done_mails=0
while [ "$start" -lt "$COUNT" ]; do
  n=$(( COUNT - start < CHUNK ? COUNT - start : CHUNK ))
  set +e
  "$BIN" --seed "$SEED" --start "$start" --count "$n" --out "$OUT/run" > "$OUT/last.out" 2> "$OUT/last.err"
  status=$?
  set -e
  if [ "$status" -eq 0 ] || [ "$status" -eq 3 ]; then
    e=$(sed -n 's/^fuzz : [0-9]* courriels, \([0-9]*\) erreur.*/\1/p' "$OUT/last.out")
    errors=$(( errors + ${e:-0} ))
    [ "$status" -eq 3 ] && grep -h "erreur sur le courriel" "$OUT/last.err" | head -5 >&2
    done_mails=$(( done_mails + n )); start=$(( start + n ))
  else
    # Killed by a signal or trapped: the mail being processed is current.eml.
    at=$(cat "$OUT/run/current.index" 2>/dev/null || echo "$start")
    cp "$OUT/run/current.eml" "$OUT/crash-$SEED-$at.eml" 2>/dev/null || true
    echo "fuzz : PLANTAGE (statut $status) sur le courriel $at, gardé dans $OUT/crash-$SEED-$at.eml" >&2
    tail -3 "$OUT/last.err" >&2 || true
    crashes=$(( crashes + 1 ))
    done_mails=$(( done_mails + at - start + 1 )); start=$(( at + 1 ))
  fi
done
rm -rf "$OUT/run"
echo "fuzz : $done_mails courriels mutés (graine $SEED), $crashes plantage(s), $errors erreur(s)"
[ "$crashes" -eq 0 ] && [ "$errors" -eq 0 ]
