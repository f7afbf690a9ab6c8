#!/usr/bin/env bash
# Installs every Debian package coopmail needs, on a fresh machine. Idempotent, non-interactive.
# Keeps apt's maintainer scripts from starting system daemons: the tests start their own servers on loopback.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

PACKAGES=(
  libcurl4-openssl-dev libssl-dev libgmime-3.0-dev libmagic-dev libsqlite3-dev sqlite3 pkg-config
  poppler-utils tesseract-ocr tesseract-ocr-fra tesseract-ocr-osd libtesseract-dev libleptonica-dev imagemagick ghostscript img2pdf python3-reportlab python3-pil
  groff-base hyperfine dovecot-core dovecot-imapd dovecot-lmtpd postfix openssl isync getmail6 zip util-linux ca-certificates time
  libpython3.11-testsuite
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
fi
echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
echo "Installation des paquets : ${missing[*]}" >&2
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
