#!/usr/bin/env bash
# Cost of the quitus signature check beside the rest of the reading of the same page, one page per form (text-layer
# PDF, 300 dpi scan, 150 dpi scan, phone photo, from Fixtures/quitus), one page at a time, median of ROUNDS runs
# (default 3). The check renders the page once more (pdftoppm, or ImageMagick for an image); on a scan or a photo it
# also runs tesseract once more on that raster for the printed words' boxes (a text-layer PDF gives them with
# pdftotext -bbox).
# Usage: Benchmarks/signatures.sh   (from the package root; builds the tests first unless SKIP_BUILD=1)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${SKIP_BUILD:-}" ] || swift build --build-tests >/dev/null
echo "== Coût de la vérification des signatures (secondes par page, médiane de ${ROUNDS:-3} passages ; rapport = signatures / lecture ; dont_mesure = repérage et mesure d'encre en Swift)"
echo "   (build de test en mode debug : la mesure d'encre, du Swift pur sur l'image, y est bien plus lente qu'en release)"
COOPMAIL_BENCH=1 swift test --skip-build --filter SignatureBenchmark 2>/dev/null | grep '^SIGNATURES' | sed 's/^SIGNATURES /  /'
echo "  charge : $(cut -d' ' -f1-3 /proc/loadavg)"
