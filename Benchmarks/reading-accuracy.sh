#!/usr/bin/env bash
# Per-field accuracy of the reading stage over the labelled corpus (Fixtures/documents/labels.json):
# kind per page range, cooperative (document alone / with the mandataire's address), 31 Aug balance to the cent;
# then the same over whole mails, by case (forwarded mails, unregistered senders, two cooperatives in one mail…);
# then the quitus signature places by case and output form over the whole generated quitus corpus.
# Usage: Benchmarks/reading-accuracy.sh   (from the package root)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests >/dev/null
out=$(swift test --skip-build --filter 'CorpusAccuracyTests|MailAccuracyTests' 2>/dev/null || true)
printf '%s\n' "$out" | sed -n '/== Exactitude/,/solde au 31\/08/p'
printf '%s\n' "$out" | grep -E '^(✔|✘) Test run'
# Signature places over every generated quitus case in every output form (not only the repository's subset).
corpus=.state/quitus-all
/usr/bin/python3 scripts/make-quitus.py --all "$corpus" >/dev/null
out=$(COOPMAIL_QUITUS_CORPUS="$PWD/$corpus" swift test --skip-build --filter 'SignatureTests/everyPlaceOfEveryCase' 2>/dev/null || true)
printf '%s\n' "$out" | sed -n '/== Signatures/,/seuils/p'
printf '%s\n' "$out" | grep -E '^(✔|✘) Test run'
# The ink measure's margins over the seeded generator's families (flat waves, initials, dashed and pale strokes,
# typed words, stamps, frames, ruled and dotted lines) at 150 and 300 dpi.
out=$(swift test --skip-build --filter 'SignatureMarginTests' 2>/dev/null || true)
printf '%s\n' "$out" | sed -n '/== Marges/,/seuils/p'
printf '%s\n' "$out" | grep -E '^(✔|✘) Test run'
