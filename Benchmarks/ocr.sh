#!/usr/bin/env bash
# OCR throughput: coopmail's reader (rasterise, orientation, upscaling, tesseract fra through the coopmail-ocr
# workers, 2 pages at a time) against bare tesseract on the same pages (300 dpi rasters, OMP_THREAD_LIMIT=1,
# 2 processes at a time). COOPMAIL_OCR_WORKER= (empty) measures the reader on tesseract's command line instead.
# Usage: Benchmarks/ocr.sh   (from the package root; builds the tests first)
set -euo pipefail
cd "$(dirname "$0")/.."
FIX=Fixtures/documents
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Same pages as the reader sees, made ready for the bare side (not timed): every page of scan-*.pdf rasterised as the
# reader does (pdftoppm, 300 dpi, gray), and the images as the reader's ImageMagick path makes them (EXIF orientation,
# gray, enlarged with the Triangle filter until a side reaches 3400 px; the worker makes the same pixels). The bare
# side then runs plain `tesseract` once per page, as the page is: it does no orientation work, so it reads the two
# rotated scans sideways and upside down, where the reader finds their orientation and reads them upright.
i=0
for f in "$FIX"/scan-*.pdf; do
  pdftoppm -r 300 -gray "$f" "$TMP/p$i"; i=$((i + 1))
done
for f in "$FIX"/scan-*.jpg "$FIX"/scan-*.png "$FIX"/photo-*.jpg; do
  convert "$f" -auto-orient -colorspace Gray -filter Triangle -resize '3400x3400<' -depth 8 -density 300 \
    -units PixelsPerInch "pgm:$TMP/i$i.pgm"; i=$((i + 1))
done
pages=$(ls "$TMP"/*.pgm | wc -l)
bare_run() {
  local start end
  start=$(date +%s.%N)
  ls "$TMP"/*.pgm | OMP_THREAD_LIMIT=1 xargs -P 2 -I{} tesseract {} stdout -l fra --psm 4 --dpi 300 >/dev/null 2>&1
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }' 
}

# Second floor: the coopmail-ocr worker fed the same rasters, the model loaded once per worker (2 workers, each
# half of the pages: « page 1 0 PATH » then « ocr 0 » per page), so that it does not pay tesseract's start-up per page.
worker_run() {
  local start end
  start=$(date +%s.%N)
  for half in 0 1; do
    ls "$TMP"/*.pgm | awk -v h="$half" 'NR % 2 == h { print "page 1 0 " $0; print "ocr 0" }' \
      | OMP_THREAD_LIMIT=1 "$OCR_WORKER" fra >/dev/null 2>&1 &
  done
  wait
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

swift build --build-tests >/dev/null
OCR_WORKER=$PWD/.build/debug/coopmail-ocr
# ROUNDS rounds (default 3) of bare, reader, bare: each round's ratio uses the mean of its two bare runs (the machine
# is shared and its load drifts); the median round is the figure.
ROUNDS="${ROUNDS:-3}"
ratios=()
wratios=()
for round in $(seq 1 "$ROUNDS"); do
  bare1=$(bare_run)
  line=$(COOPMAIL_BENCH=1 swift test --skip-build --filter OCRBenchmark 2>/dev/null | grep '^READER')
  bare2=$(bare_run)
  worker=$(worker_run)
  bare=$(awk -v a="$bare1" -v b="$bare2" 'BEGIN { printf "%.3f", (a + b) / 2 }')
  reader=$(echo "$line" | sed -E 's/.*seconds=([0-9.]+).*/\1/')
  rpages=$(echo "$line" | sed -E 's/.*pages=([0-9]+) .*/\1/')
  ratio=$(awk -v r="$reader" -v rp="$rpages" -v b="$bare" -v p="$pages" 'BEGIN { printf "%.2f", (r / rp) / (b / p) }')
  ratios+=("$ratio")
  wratio=$(awk -v r="$reader" -v rp="$rpages" -v w="$worker" -v p="$pages" 'BEGIN { printf "%.2f", (r / rp) / (w / p) }')
  wratios+=("$wratio")
  echo "round $round/$ROUNDS"
  printf '  BARE   pages=%d seconds=%.2f pages_per_second=%.3f (runs %.2f s and %.2f s)\n' "$pages" "$bare" "$(awk -v p="$pages" -v s="$bare" 'BEGIN { print p / s }')" "$bare1" "$bare2"
  echo "  $line"
  printf '  WORKER pages=%d seconds=%.2f pages_per_second=%.3f (coopmail-ocr, model loaded once, 2 workers)\n' "$pages" "$worker" "$(awk -v p="$pages" -v s="$worker" 'BEGIN { print p / s }')"
  echo "  overhead ratio (reader s/page / bare s/page) = $ratio ; against the worker floor = $wratio   load: $(cut -d' ' -f1-3 /proc/loadavg)"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo "overhead ratio, median of $ROUNDS rounds = $median (rounds: ${ratios[*]}; target <= 1.15)"
wmedian=$(printf '%s\n' "${wratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo "ratio to the worker floor (model loaded once), median of $ROUNDS rounds = $wmedian (rounds: ${wratios[*]})"
