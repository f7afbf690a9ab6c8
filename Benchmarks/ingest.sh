#!/usr/bin/env bash
# Ingest benchmark: 1,000 generated mails with PDF and JPEG attachments, ingested by the release build,
# beside the floor of reading + hashing + writing the same bytes (cat | tee copy | sha256sum).
# Prints messages/s, MB/s, peak memory, and the ratio to the floor (target: ratio >= 0.33). Storing only:
# --sans-lecture leaves the reading stage (text, OCR), which has its own benchmark (ocr.sh), out.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
WORK=$(mktemp -d /tmp/coopmail-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
python3 Benchmarks/make-ingest-corpus.py "$WORK/corpus" "$N"
BYTES=$(du -sb "$WORK/corpus" | cut -f1)
LARGEST=$(find "$WORK/corpus" -type f -printf '%s\n' | sort -n | tail -1)
sync

now() { date +%s%N; }
t0=$(now)
( cd "$WORK/corpus" && find . -name '*.eml' -print0 | sort -z | xargs -0 cat ) | tee "$WORK/copy" | sha256sum >/dev/null
sync -f "$WORK/copy"
t1=$(now)
/usr/bin/time -f "%M" -o "$WORK/mem" .build/release/coopmail ingest --sans-lecture --data-dir "$WORK/data" "$WORK/corpus" >/dev/null
t2=$(now)

python3 - "$N" "$BYTES" "$LARGEST" "$((t1 - t0))" "$((t2 - t1))" "$(cat "$WORK/mem")" <<'PY'
import sys
n, size, largest, floor_ns, ingest_ns, mem_kb = map(int, sys.argv[1:])
mb = size / 1e6
f, i = floor_ns / 1e9, ingest_ns / 1e9
print(f"ingest: {n} mails, {mb:.0f} MB")
print(f"  coopmail ingest        {i:6.2f} s  {n / i:7.1f} msg/s  {mb / i:6.1f} MB/s  peak {mem_kb / 1024:.0f} MiB")
print(f"  floor cat|tee|sha256   {f:6.2f} s  {n / f:7.1f} msg/s  {mb / f:6.1f} MB/s")
print(f"  ratio coopmail/floor (speed): {f / i:.2f}  (target >= 0.33)")
limit = 2 * largest / 2**20 + 64
print(f"  peak memory {mem_kb / 1024:.0f} MiB vs limit 2 x largest message + 64 MiB = {limit:.0f} MiB")
PY
