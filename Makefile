# coopmail — the two commands of the README are `make demo` and `make test`; the others are for developers.
SHELL := /bin/bash
SWIFT ?= swift
BIN := .build/release/coopmail

.PHONY: setup build release test demo bench bench-micro bench-review bench-scale accuracy fuzz clean install uninstall install-systemd

# Installation layout (GNU conventions). `make install` builds the release binaries first; BUILD=debug installs the
# binaries already built by `swift build` instead (tests). SYSCONFDIR=/etc puts the sample configuration in
# /etc/coopmail/coopmail.toml (never over an existing one) instead of the documentation folder.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBEXECDIR ?= $(PREFIX)/libexec
DATADIR ?= $(PREFIX)/share
DOCDIR ?= $(DATADIR)/doc/coopmail
SYSCONFDIR ?=
SYSTEMDUNITDIR ?= /etc/systemd/system
SYSUSERSDIR ?= /usr/lib/sysusers.d
BUILD ?= release
BUILT := .build/$(BUILD)

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

# In-process micro-benchmarks (ordo-one/benchmark, Benchmarks/Package.swift): matcher at 650 and 50,000 cooperatives
# beside the plain scan, French amounts beside NumberFormatter; wall clock, CPU and allocations, then the ratios.
bench-micro:
	@bash Benchmarks/micro.sh

# Whole-pipeline fuzzing: 20,000 mutated mails (COOPMAIL_FUZZ_SEED changes the campaign).
fuzz: release
	@seed=$${COOPMAIL_FUZZ_SEED:-1}; \
	COOPMAIL_FUZZ_OUT=Benchmarks/out/fuzz-a bash scripts/fuzz.sh 10000 $$seed & a=$$!; \
	COOPMAIL_FUZZ_OUT=Benchmarks/out/fuzz-b bash scripts/fuzz.sh 10000 $$((seed + 1)); b=$$?; \
	wait $$a; a=$$?; [ $$a -eq 0 ] && [ $$b -eq 0 ]

# Whole mails of a seeded corpus through ingest and export, scored by case (QUICK=1: 60 mails, no test reports).
accuracy: release
	@bash Benchmarks/reading-accuracy.sh $(if $(QUICK),--quick)

clean:
	-@bash scripts/mailservers.sh clean
	rm -rf .build .state

install:
ifeq ($(BUILD),release)
	$(SWIFT) build -c release --product coopmail
	$(SWIFT) build -c release --product coopmail-ocr
endif
	@test -x $(BUILT)/coopmail -a -x $(BUILT)/coopmail-ocr || { echo "make install : $(BUILT)/coopmail ou coopmail-ocr absent (swift build)" >&2; exit 1; }
	install -d -m 0755 $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBEXECDIR)/coopmail $(DESTDIR)$(DATADIR)/coopmail/templates \
		$(DESTDIR)$(DOCDIR) $(DESTDIR)$(DATADIR)/bash-completion/completions $(DESTDIR)$(DATADIR)/zsh/site-functions \
		$(DESTDIR)$(DATADIR)/fish/vendor_completions.d
	install -m 0755 $(BUILT)/coopmail $(DESTDIR)$(BINDIR)/coopmail
	install -m 0755 $(BUILT)/coopmail-ocr $(DESTDIR)$(LIBEXECDIR)/coopmail/coopmail-ocr
	install -m 0644 Templates/*.mustache $(DESTDIR)$(DATADIR)/coopmail/templates/
	install -m 0644 Templates/README.md $(DESTDIR)$(DOCDIR)/templates-README.md
	$(BUILT)/coopmail --generate-completion-script bash > $(DESTDIR)$(DATADIR)/bash-completion/completions/coopmail
	$(BUILT)/coopmail --generate-completion-script zsh > $(DESTDIR)$(DATADIR)/zsh/site-functions/_coopmail
	$(BUILT)/coopmail --generate-completion-script fish > $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/coopmail.fish
ifeq ($(SYSCONFDIR),)
	install -m 0644 config/coopmail.toml $(DESTDIR)$(DOCDIR)/coopmail.toml
else
	install -d -m 0755 $(DESTDIR)$(SYSCONFDIR)/coopmail
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/coopmail/coopmail.toml ]; then \
		echo "make install : $(DESTDIR)$(SYSCONFDIR)/coopmail/coopmail.toml existe, laissé tel quel"; \
	else install -m 0644 config/coopmail.toml $(DESTDIR)$(SYSCONFDIR)/coopmail/coopmail.toml; fi
endif

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/coopmail $(DESTDIR)$(LIBEXECDIR)/coopmail/coopmail-ocr \
		$(DESTDIR)$(DATADIR)/bash-completion/completions/coopmail $(DESTDIR)$(DATADIR)/zsh/site-functions/_coopmail \
		$(DESTDIR)$(DATADIR)/fish/vendor_completions.d/coopmail.fish
	rm -rf $(DESTDIR)$(DATADIR)/coopmail $(DESTDIR)$(DOCDIR)
	-rmdir $(DESTDIR)$(LIBEXECDIR)/coopmail

# The systemd service and timer (every 10 minutes) running as the system user coopmail; not part of `install`.
# Then: edit /etc/coopmail/coopmail.toml and /etc/coopmail/secrets, and systemctl enable --now coopmail.timer
install-systemd:
	install -d -m 0755 $(DESTDIR)$(SYSTEMDUNITDIR) $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)/etc/coopmail
	sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@DOCDIR@|$(DOCDIR)|g' contrib/systemd/coopmail.service > $(DESTDIR)$(SYSTEMDUNITDIR)/coopmail.service
	chmod 0644 $(DESTDIR)$(SYSTEMDUNITDIR)/coopmail.service
	install -m 0644 contrib/systemd/coopmail.timer $(DESTDIR)$(SYSTEMDUNITDIR)/coopmail.timer
	install -m 0644 contrib/systemd/coopmail.sysusers $(DESTDIR)$(SYSUSERSDIR)/coopmail.conf
	@if [ -e $(DESTDIR)/etc/coopmail/secrets ]; then echo "make install-systemd : /etc/coopmail/secrets existe, laissé tel quel"; \
	else install -m 0600 contrib/systemd/secrets.example $(DESTDIR)/etc/coopmail/secrets; fi
	@if [ ! -e $(DESTDIR)/etc/coopmail/coopmail.toml ]; then install -m 0644 config/coopmail.toml $(DESTDIR)/etc/coopmail/coopmail.toml; fi
	@if [ -z "$(DESTDIR)" ]; then systemd-sysusers $(SYSUSERSDIR)/coopmail.conf && systemctl daemon-reload && \
		echo "Service installé : complétez /etc/coopmail/coopmail.toml et /etc/coopmail/secrets, puis systemctl enable --now coopmail.timer"; fi
