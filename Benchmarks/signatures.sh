#!/usr/bin/env bash
# Cost of the quitus signature check beside the rest of the reading of the same page, one page per form (text-layer
# PDF, 300 dpi scan, 150 dpi scan, phone photo, from Fixtures/quitus), one page at a time, median of ROUNDS runs
# (default 3), on the binaries built (`coopmail bench-signatures`). The check renders the page once more (pdftoppm,
# or ImageMagick for an image) and runs no second OCR: on a scan or a photo the printed words' boxes are those of the
# OCR reading of the page (tesseract's TSV, kept beside its text); a text-layer PDF gives them with pdftotext -bbox.
# Usage: Benchmarks/signatures.sh   (from the package root; BUILD=release (default, as `make bench`) or debug;
# builds the products first unless SKIP_BUILD=1)
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/binaries.sh
Q=Fixtures/quitus
echo "== Coût de la vérification des signatures (build $BUILD ; secondes par page, médiane de ${ROUNDS:-3} passages ; rapport = signatures / lecture ; dont_mesure = repérage et mesure d'encre en Swift)"
COOPMAIL_OCR_WORKER=${COOPMAIL_OCR_WORKER-$BIN/coopmail-ocr} "$BIN/coopmail" bench-signatures --passages "${ROUNDS:-3}" \
  "PDF texte=$Q/quitus-parent-manquant.pdf" "scan 300 dpi=$Q/scan300-parent-manquant.pdf" \
  "scan 150 dpi=$Q/scan150-parent-manquant.pdf" "photo=$Q/photo-parent-manquant.jpg" | sed 's/^SIGNATURES /  /'
echo "  charge : $(cut -d' ' -f1-3 /proc/loadavg)"
