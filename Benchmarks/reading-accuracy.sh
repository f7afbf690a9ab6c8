#!/usr/bin/env bash
# Accuracy of the whole pipeline on a seeded corpus of whole mails (scripts/make-mail-corpus.py): each mail is
# ingested by the real binary (`coopmail ingest`: MIME, reading, OCR, matching) into a temporary data folder, then
# `coopmail export --format json` is scored against the generator's labels, by case (score-mail-corpus.py): wrong
# matches (messages and documents), cooperatives found, nature, kinds, balances at 31/08 exact to the cent with their
# source, dossier verdicts (complete / to correct, with which rules / incomplete). The same corpus is run again with the dense registry (every 075-0001 … 075-0999 registered): 0 wrong
# matches required. Then statements typeset by groff (Benchmarks/groff-statements.sh, a generator of other layouts and
# wording), mails in other clients' MIME shapes (Benchmarks/client-mails.sh, a third generator: winmail.dat, Apple's
# inline PDFs, forwards of forwards, HEIC, RFC 2231/2047 names, raw 8-bit charsets, quoted threads…), the corpus's
# statements photographed another way (Benchmarks/photo-variants.sh: shadow, blur, angle), and (not with --quick)
# the older per-document reports of the test suite.
# Usage: Benchmarks/reading-accuracy.sh [--quick] [--details]   (env: SEED=1, MAILS=200 or 60 with --quick,
#        COOPMAIL_BIN=.build/release/coopmail, ACCURACY_OUT=DIR to keep the exports)
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0; details=""
for a in "$@"; do
    case "$a" in --quick) quick=1 ;; --details) details=--details ;; *) echo "option inconnue : $a" >&2; exit 2 ;; esac
done
SEED=${SEED:-1}
MAILS=${MAILS:-$([ $quick = 1 ] && echo 60 || echo 200)}
BIN=${COOPMAIL_BIN:-.build/release/coopmail}
[ -x "$BIN" ] || { echo "reading-accuracy : $BIN absent (swift build -c release)" >&2; exit 1; }
corpus=.state/mail-corpus-$SEED-$MAILS
if [ ! -f "$corpus/labels.json" ] || [ ! -f "$corpus/declarations.csv" ]; then
    rm -rf "$corpus"
    /usr/bin/python3 scripts/make-mail-corpus.py "$corpus" --seed "$SEED" --mails "$MAILS" >/dev/null
fi
WORK=$(mktemp -d /tmp/coopmail-accuracy.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

. Benchmarks/ingest-export.sh
t0=$(date +%s)
ingest_export "$corpus" registry "$WORK" & a=$!
ingest_export "$corpus" registry-dense "$WORK"; wait $a
# ACCURACY_OUT=DIR keeps the exports and the ingest output for a closer look.
if [ -n "${ACCURACY_OUT:-}" ]; then mkdir -p "$ACCURACY_OUT" && cp "$WORK"/*.json "$WORK"/*.ingest "$ACCURACY_OUT"/; fi
echo "== Exactitude sur $MAILS messages générés (graine $SEED, $(du -sh "$corpus/mails" | cut -f1)), $(( $(date +%s) - t0 )) s"
status=0
python3 Benchmarks/score-mail-corpus.py "$corpus/labels.json" "$WORK/registry.json" "registre du corpus" $details || status=1
echo
python3 Benchmarks/score-mail-corpus.py "$corpus/labels.json" "$WORK/registry-dense.json" "registre dense 075-0001…0999" $details || status=1
# Statements from a second, independent generator (groff/tbl and ps2pdf, typed and scanned): 0 wrong balances required.
echo
COOPMAIL_BIN="$BIN" SEED=$SEED COUNT=$([ $quick = 1 ] && echo 20 || echo 40) bash Benchmarks/groff-statements.sh || status=1
# Mails in MIME shapes of other clients, from a third generator (Benchmarks/client-mails.sh): 0 wrong matches required.
echo
COOPMAIL_BIN="$BIN" SEED=$SEED MAILS=$([ $quick = 1 ] && echo 20 || echo 40) bash Benchmarks/client-mails.sh $details || status=1
# The corpus's text-PDF statements photographed another way (colour, a shadow across the page, blur, a stronger
# angle): 0 wrong matches and 0 wrong balances required.
echo
COOPMAIL_BIN="$BIN" SEED=$SEED MAILS=$MAILS bash Benchmarks/photo-variants.sh $([ $quick = 1 ] && echo shadow || echo shadow mix) || status=1
[ $quick = 1 ] && exit $status

echo
swift build --build-tests >/dev/null
out=$(swift test --skip-build --filter 'CorpusAccuracyTests|MailAccuracyTests' 2>/dev/null || true)
printf '%s\n' "$out" | sed -n '/== Exactitude/,/solde au 31\/08/p'
printf '%s\n' "$out" | grep -E '^(✔|✘) Test run'
# Signature places over every generated quitus case in every output form (not only the repository's subset).
qcorpus=.state/quitus-all
/usr/bin/python3 scripts/make-quitus.py --all "$qcorpus" >/dev/null
out=$(COOPMAIL_QUITUS_CORPUS="$PWD/$qcorpus" swift test --skip-build --filter 'SignatureTests/everyPlaceOfEveryCase' 2>/dev/null || true)
printf '%s\n' "$out" | sed -n '/== Signatures/,/seuils/p'
printf '%s\n' "$out" | grep -E '^(✔|✘) Test run'
# quitus_signed and each place's verdict by case over several seeds of the generator (every case, every form;
# QUITUS_SEEDS=0-9 for more; the pages and what each verdict was decided on are kept in .state/quitus-seeds).
out=$(COOPMAIL_QUITUS_SEEDS="${QUITUS_SEEDS:-0-2}" COOPMAIL_QUITUS_FORMS=all \
  swift test --skip-build --filter 'SignatureSeedTests' 2>/dev/null || true)
printf '%s\n' "$out" | sed -n '/== Signatures du quitus sur graines/,/emplacements non trouvés/p'
printf '%s\n' "$out" | grep -E '^(✔|✘) Test run'
# The ink measure's margins over the seeded generator's families (flat waves, initials, dashed and pale strokes,
# typed words, stamps, frames, ruled and dotted lines) at 150 and 300 dpi.
out=$(swift test --skip-build --filter 'SignatureMarginTests' 2>/dev/null || true)
printf '%s\n' "$out" | sed -n '/== Marges/,/seuils/p'
printf '%s\n' "$out" | grep -E '^(✔|✘) Test run'
exit $status
