#!/usr/bin/env bash
# Runs the whole test suite: unit tests, and integration tests against real servers started on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/mailservers.sh start
swift build --build-tests
swift test --skip-build
# Style last, so a formatting slip never hides a failing test.
bash scripts/format-lint.sh
