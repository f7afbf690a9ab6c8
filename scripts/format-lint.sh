#!/usr/bin/env bash
# Checks the Swift sources against .swift-format (4-space indent, 120 columns), as `make test` does.
# To reformat instead: swift format -i -r Sources Tests Package.swift (plus Benchmarks when it holds Swift).
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Sources Tests Package.swift)
if [ -d Benchmarks ] && [ -n "$(find Benchmarks -name '*.swift' -print -quit)" ]; then paths+=(Benchmarks); fi
swift format lint --strict -r "${paths[@]}"
