#!/usr/bin/env bash
# Per-field accuracy of the reading stage over the labelled corpus (Fixtures/documents/labels.json):
# kind per page range, cooperative (document alone / with the mandataire's address), 31 Aug balance to the cent;
# then the same over whole mails, by case (forwarded mails, unregistered senders, two cooperatives in one mail…).
# Usage: Benchmarks/reading-accuracy.sh   (from the package root)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests >/dev/null
out=$(swift test --skip-build --filter 'CorpusAccuracyTests|MailAccuracyTests' 2>/dev/null || true)
printf '%s\n' "$out" | sed -n '/== Exactitude/,/solde au 31\/08/p'
printf '%s\n' "$out" | grep -E '^(✔|✘) Test run'
