#!/usr/bin/env bash
# Matching at national size (#16): the same mails — Fixtures/mail and ~90 generated mails with text-layer quitus
# and statements (Benchmarks/make-scale-mails.py; no scans, so that the figure is matching, not OCR) — ingested,
# read and matched by the release build with a registry of 650 cooperatives and with one of 50,000
# (Benchmarks/make-registry.py; the small one is part of the large one). Prints both times, the ratio (target
# <= 1.2), the time of `coops import` and the peak memory (/usr/bin/time -v) of each run.
# Usage: Benchmarks/scale.sh [RUNS]      (SKIP_BUILD=1 to reuse .build/release/coopmail; SMALL=…, LARGE=…)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-2}
SMALL=${SMALL:-650}
LARGE=${LARGE:-50000}
MAILS=${MAILS:-90}
[ "${SKIP_BUILD:-0}" = 1 ] || swift build -c release --product coopmail >&2
BIN=$PWD/.build/release/coopmail
WORK=$(mktemp -d /tmp/coopmail-scale.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
python3 Benchmarks/make-scale-mails.py "$WORK/mails" "$MAILS"
cp -r Fixtures/mail "$WORK/fixtures"

now() { date +%s%N; }
declare -A BEST IMPORT MEM
for size in "$SMALL" "$LARGE"; do
  python3 Benchmarks/make-registry.py "$size" > "$WORK/registre-$size.csv"
  for run in $(seq "$RUNS"); do
    DATA=$WORK/data-$size-$run
    t0=$(now)
    "$BIN" coops import --data-dir "$DATA" "$WORK/registre-$size.csv" >/dev/null
    t1=$(now)
    /usr/bin/time -v -o "$WORK/time" "$BIN" ingest --data-dir "$DATA" "$WORK/mails" "$WORK/fixtures" >"$WORK/out" 2>/dev/null || true
    t2=$(now)
    ms=$(( (t2 - t1) / 1000000 ))
    mem=$(awk -F': ' '/Maximum resident/ {print $2}' "$WORK/time")
    echo "registre de $size : import $(( (t1 - t0) / 1000000 )) ms, lecture et rattachement $ms ms, pic $((mem / 1024)) Mio — $(tail -1 "$WORK/out")"
    if [ -z "${BEST[$size]:-}" ] || [ "$ms" -lt "${BEST[$size]}" ]; then BEST[$size]=$ms; fi
    IMPORT[$size]=$(( (t1 - t0) / 1000000 )); MEM[$size]=$mem
  done
done
python3 - "$SMALL" "$LARGE" "${BEST[$SMALL]}" "${BEST[$LARGE]}" "${MEM[$SMALL]}" "${MEM[$LARGE]}" "${IMPORT[$LARGE]}" <<'PY'
import sys
small, large, a, b, ma, mb, imp = map(int, sys.argv[1:])
print(f"Mêmes courriels, meilleur de chaque taille :")
print(f"  registre de {small:>6} coopératives  {a / 1000:7.2f} s   pic {ma / 1024:5.0f} Mio")
print(f"  registre de {large:>6} coopératives  {b / 1000:7.2f} s   pic {mb / 1024:5.0f} Mio")
print(f"  rapport {large}/{small} : {b / a:.2f}  (objectif <= 1,2)")
print(f"  coops import de {large} lignes : {imp / 1000:.2f} s")
PY
