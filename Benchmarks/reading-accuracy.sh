#!/usr/bin/env bash
# Per-field accuracy of the reading stage over the labelled corpus (Fixtures/documents/labels.json):
# kind per page range, cooperative (document alone / with the mandataire's address), 31 Aug balance to the cent.
# Usage: Benchmarks/reading-accuracy.sh   (from the package root)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests >/dev/null
swift test --skip-build --filter CorpusAccuracyTests 2>/dev/null \
  | sed -n '/== Exactitude/,/solde au 31\/08/p'
