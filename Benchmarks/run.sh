#!/usr/bin/env bash
# `make bench`: every benchmark, each printing its figures beside its peer's, as ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
for b in Benchmarks/ingest.sh Benchmarks/imap.sh Benchmarks/ocr.sh Benchmarks/review.sh Benchmarks/scale.sh Benchmarks/signatures.sh; do
  [ -f "$b" ] && SKIP_BUILD=1 bash "$b"
done
# Staff commands at national size: 50,000 dossiers.
SKIP_BUILD=1 bash Benchmarks/review.sh 5 50000
# In-process micro-benchmarks with allocation counts (their own package: Benchmarks/Package.swift).
bash Benchmarks/micro.sh
