# coopmail — the two commands of the README are `make demo` and `make test`; the others are for developers.
SHELL := /bin/bash
SWIFT ?= swift
BIN := .build/release/coopmail

.PHONY: setup build release test demo bench bench-review bench-scale accuracy fuzz clean

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

# Installs packages, starts Dovecot and Postfix on 127.0.0.1, builds, runs every test.
test: setup
	@bash scripts/test.sh

# The main job end to end on loopback mail servers.
demo: release
	@bash scripts/demo.sh

bench: release
	@bash Benchmarks/run.sh

# Staff review commands on a season of 650 dossiers, beside sqlite3 running the same queries.
bench-review: release
	@SKIP_BUILD=1 bash Benchmarks/review.sh

# The same mails read with registries of 650 and 50,000 cooperatives (ratio, target <= 1.2), peak memory.
bench-scale: release
	@SKIP_BUILD=1 bash Benchmarks/scale.sh

# Whole-pipeline fuzzing: 20,000 mutated mails (COOPMAIL_FUZZ_SEED changes the campaign).
fuzz: release
	@bash scripts/fuzz.sh 20000

accuracy: release
	@bash Benchmarks/reading-accuracy.sh

clean:
	-@bash scripts/mailservers.sh clean
	rm -rf .build .state
