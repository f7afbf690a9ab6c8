#!/usr/bin/env bash
# Private Dovecot (IMAP, IMAPS, LMTP, SASL) and Postfix (submission, smtps) on 127.0.0.1 high ports,
# for the integration tests, the demo and the benchmarks. Runs as root, without systemd.
# The daemons' state (maildirs, queues, sockets, logs, certificates) lives in /var/tmp/coopmail-mail-<id of this
# clone> (or $COOPMAIL_MAIL_STATE), where Dovecot's vmail user can reach it even when the clone is in a 0700 folder
# such as /root; the clone keeps only <repo>/.state/mail/env and ports, which the tests and the demo read.
# Nothing else on the system is configured.
#
#   scripts/mailservers.sh start   # idempotent: starts what is not running
#   scripts/mailservers.sh stop    # stops both daemons (stale pid files handled)
#   scripts/mailservers.sh env     # prints `export` lines (also written to .state/mail/env)
#   scripts/mailservers.sh status
#   scripts/mailservers.sh clean   # stops them and removes their state
#
# Ports can be shifted with COOPMAIL_MAIL_PORT_OFFSET (e.g. 100) when another copy already listens.
set -euo pipefail
# Postfix's queue and Dovecot's mail folders must be reachable by their own users (postfix, vmail) whatever umask the
# caller had: a test process that made a private file at that moment would otherwise hand down 077, and Postfix then
# refuses to start (« postsuper: open directory defer: Permission denied »). What must stay private is made so below.
umask 022

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
POINTER="$REPO/.state/mail"
CLONE_ID="$(printf '%s' "$REPO" | sha256sum | cut -c1-12)"
STATE="${COOPMAIL_MAIL_STATE:-/var/tmp/coopmail-mail-$CLONE_ID}"
TLS="$STATE/tls"
DOVECOT_DIR="$STATE/dovecot"
DOVECOT_CONF="$DOVECOT_DIR/dovecot.conf"
DOVECOT_RUN="$STATE/run/dovecot"
POSTFIX_DIR="$STATE/postfix"
POSTFIX_QUEUE="$STATE/postfix-queue"
POSTFIX_DATA="$STATE/postfix-data"
MAILHOME="$STATE/vmail"
LOGS="$STATE/log"
ENV_FILE="$POINTER/env"
# The ports belong with the daemons that use them: a clone made again at the same path finds them there.
PORTS_FILE="$STATE/ports"

MAIL_DOMAIN_ASSOCIATION="occe.test"
MAIL_DOMAIN_SCHOOLS="ecole.test"
# user:password:domain — known test credentials, never used outside loopback.
USERS=(
  "ad75:ad75-test-secret:$MAIL_DOMAIN_ASSOCIATION"
  "mandataire1:mandataire1-test-secret:$MAIL_DOMAIN_SCHOOLS"
  "mandataire2:mandataire2-test-secret:$MAIL_DOMAIN_SCHOOLS"
  "mandataire3:mandataire3-test-secret:$MAIL_DOMAIN_SCHOOLS"
  "bench:bench-test-secret:$MAIL_DOMAIN_ASSOCIATION"
  "oauth:oauth-test-secret:$MAIL_DOMAIN_ASSOCIATION"
)

say() { printf 'mailservers: %s\n' "$*" >&2; }
die() { printf 'mailservers: ERREUR : %s\n' "$*" >&2; exit 1; }

load_ports() {
  local offset="${COOPMAIL_MAIL_PORT_OFFSET:-}"
  if [ -z "$offset" ] && [ -f "$PORTS_FILE" ]; then
    offset="$(cat "$PORTS_FILE")"
  fi
  offset="${offset:-0}"
  case "$offset" in ''|*[!0-9]*) die "COOPMAIL_MAIL_PORT_OFFSET doit être un nombre (reçu « $offset »)";; esac
  PORT_OFFSET="$offset"
  IMAP_PORT=$((10143 + offset))
  IMAPS_PORT=$((10993 + offset))
  SUBMISSION_PORT=$((10587 + offset))
  SMTPS_PORT=$((10465 + offset))
  SMTP_PORT=$((10025 + offset))
  # OAuth 2 token introspection endpoint Dovecot asks for XOAUTH2 logins; started by the tests that need it.
  OAUTH_PORT=$((10080 + offset))
}

pid_alive() { # pidfile expected-comm
  local pidfile="$1" comm="$2" pid
  [ -s "$pidfile" ] || return 1
  pid="$(tr -dc '0-9' <"$pidfile")"
  [ -n "$pid" ] || return 1
  [ -r "/proc/$pid/comm" ] || return 1
  [ "$(cat "/proc/$pid/comm")" = "$comm" ]
}

dovecot_pidfile() { echo "$DOVECOT_RUN/master.pid"; }
postfix_pidfile() { echo "$POSTFIX_QUEUE/pid/master.pid"; }

dovecot_running() { pid_alive "$(dovecot_pidfile)" dovecot; }
postfix_running() { pid_alive "$(postfix_pidfile)" master; }

port_free() { # port
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_port() { # port what
  local i
  for i in $(seq 1 100); do
    if ! port_free "$1"; then return 0; fi
    sleep 0.1
  done
  die "$2 n'écoute pas sur 127.0.0.1:$1 (journaux dans $LOGS)"
}

check_tools() {
  local t
  for t in dovecot doveadm postfix postconf openssl setpriv; do
    command -v "$t" >/dev/null 2>&1 || [ -x "/usr/sbin/$t" ] || die "outil manquant : $t (lancer scripts/setup.sh)"
  done
  export PATH="$PATH:/usr/sbin:/sbin"
  [ "$(id -u)" -eq 0 ] || die "il faut être root pour lancer Dovecot et Postfix"
}

ensure_vmail() {
  if ! getent passwd vmail >/dev/null; then
    getent group vmail >/dev/null || groupadd --system vmail
    useradd --system --gid vmail --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin vmail
  fi
  VMAIL_UID="$(id -u vmail)"
  VMAIL_GID="$(id -g vmail)"
}

make_tls() {
  mkdir -p "$TLS"
  chmod 755 "$TLS"
  if [ -s "$TLS/ca.pem" ] && [ -s "$TLS/server.pem" ] && [ -s "$TLS/server.key" ]; then return 0; fi
  say "création de l'autorité de test et du certificat serveur"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -sha256 \
    -keyout "$TLS/ca.key" -out "$TLS/ca.pem" -subj "/O=coopmail tests/CN=coopmail test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" >/dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -sha256 -keyout "$TLS/server.key" -out "$TLS/server.csr" \
    -subj "/O=coopmail tests/CN=localhost" >/dev/null 2>&1
  printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1" "basicConstraints=CA:FALSE" \
    "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" >"$TLS/server.ext"
  openssl x509 -req -in "$TLS/server.csr" -CA "$TLS/ca.pem" -CAkey "$TLS/ca.key" -CAcreateserial \
    -days 3650 -sha256 -extfile "$TLS/server.ext" -out "$TLS/server.pem" >/dev/null 2>&1
  chmod 600 "$TLS/ca.key" "$TLS/server.key"
  chmod 644 "$TLS/ca.pem" "$TLS/server.pem"
}

write_dovecot_conf() {
  mkdir -p "$DOVECOT_DIR" "$DOVECOT_RUN" "$STATE/lib/dovecot" "$LOGS" "$MAILHOME"
  chown vmail:vmail "$MAILHOME"
  chmod 750 "$MAILHOME"
  # Mail processes run as vmail: every folder above the Maildirs must be traversable by it.
  if ! setpriv --reuid="$VMAIL_UID" --regid="$VMAIL_GID" --clear-groups test -x "$MAILHOME"; then
    die "l'utilisateur vmail ne peut pas traverser $MAILHOME (droits d'un dossier parent) ; clonez le dépôt ailleurs ou ajoutez o+x"
  fi
  local users="$DOVECOT_DIR/users" entry user pass domain
  : >"$users"
  for entry in "${USERS[@]}"; do
    IFS=: read -r user pass domain <<<"$entry"
    printf '%s:{PLAIN}%s:%s:%s::%s/%s::\n' "$user" "$pass" "$VMAIL_UID" "$VMAIL_GID" "$MAILHOME" "$user" >>"$users"
  done
  chown root:dovecot "$users"
  chmod 640 "$users"
  printf '%s\n' "introspection_mode = post" "introspection_url = http://127.0.0.1:$OAUTH_PORT/introspect" \
    "force_introspection = yes" "username_attribute = username" "active_attribute = active" "active_value = true" \
    >"$DOVECOT_DIR/oauth2.conf.ext"
  chmod 644 "$DOVECOT_DIR/oauth2.conf.ext"
  local dh=""
  [ -s /usr/share/dovecot/dh.pem ] && dh="ssl_dh = </usr/share/dovecot/dh.pem"
  cat >"$DOVECOT_CONF" <<EOF
# Generated by scripts/mailservers.sh — do not edit.
base_dir = $DOVECOT_RUN
state_dir = $STATE/lib/dovecot
instance_name = coopmail-dovecot
listen = 127.0.0.1
protocols = imap lmtp
log_path = $LOGS/dovecot.log
info_log_path = $LOGS/dovecot.log
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = $VMAIL_UID
last_valid_uid = $VMAIL_UID
first_valid_gid = $VMAIL_GID
mail_uid = vmail
mail_gid = vmail
mail_location = maildir:~/Maildir
mail_fsync = never
ssl = yes
ssl_cert = <$TLS/server.pem
ssl_key = <$TLS/server.key
$dh
disable_plaintext_auth = yes
auth_mechanisms = plain login xoauth2 oauthbearer
auth_failure_delay = 0
recipient_delimiter = +
lmtp_save_to_detail_mailbox = yes
lda_mailbox_autocreate = yes
lda_mailbox_autosubscribe = yes
namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n $users
}
# XOAUTH2 / OAUTHBEARER only: the bearer token is checked by the introspection endpoint on 127.0.0.1:$OAUTH_PORT
# (a test starts it when it needs it; without it these logins fail, password logins are unaffected).
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = $DOVECOT_DIR/oauth2.conf.ext
}
userdb {
  driver = passwd-file
  args = username_format=%n $users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $IMAPS_PORT
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
  inet_listener pop3s {
    port = 0
  }
}
# Postfix reaches LMTP and SASL through sockets in its own queue folder (paths relative for Postfix).
service lmtp {
  unix_listener $POSTFIX_QUEUE/private/dovecot-lmtp {
    mode = 0660
    user = postfix
    group = postfix
  }
}
service auth {
  unix_listener $POSTFIX_QUEUE/private/dovecot-auth {
    mode = 0660
    user = postfix
    group = postfix
  }
  unix_listener auth-userdb {
    mode = 0600
    user = vmail
  }
}
# No auth penalty: tests try wrong passwords and must not slow later logins.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
protocol lmtp {
  postmaster_address = postmaster@$MAIL_DOMAIN_ASSOCIATION
}
EOF
}

write_postfix_conf() {
  mkdir -p "$POSTFIX_DIR" "$POSTFIX_QUEUE" "$POSTFIX_DATA" "$LOGS"
  chown postfix "$POSTFIX_DATA"
  mkdir -p "$POSTFIX_QUEUE/private"
  chown postfix "$POSTFIX_QUEUE/private"
  chmod 700 "$POSTFIX_QUEUE/private"
  local vmailbox="$POSTFIX_DIR/vmailbox" entry user pass domain
  : >"$vmailbox"
  for entry in "${USERS[@]}"; do
    IFS=: read -r user pass domain <<<"$entry"
    printf '%s@%s %s\n' "$user" "$domain" "$user" >>"$vmailbox"
  done
  printf 'postmaster@%s ad75\n' "$MAIL_DOMAIN_ASSOCIATION" >>"$vmailbox"
  cat >"$POSTFIX_DIR/main.cf" <<EOF
# Generated by scripts/mailservers.sh — do not edit.
compatibility_level = 3.6
config_directory = $POSTFIX_DIR
queue_directory = $POSTFIX_QUEUE
data_directory = $POSTFIX_DATA
meta_directory = /etc/postfix
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
mail_owner = postfix
setgid_group = postdrop
maillog_file = $LOGS/postfix.log
maillog_file_prefixes = $LOGS
syslog_name = coopmail-postfix
myhostname = mail.$MAIL_DOMAIN_ASSOCIATION
mydomain = $MAIL_DOMAIN_ASSOCIATION
myorigin = \$mydomain
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
mydestination =
local_transport = error:5.1.1 livraison locale désactivée
alias_maps =
alias_database =
biff = no
append_dot_mydomain = no
recipient_delimiter = +
virtual_mailbox_domains = $MAIL_DOMAIN_ASSOCIATION $MAIL_DOMAIN_SCHOOLS
virtual_mailbox_maps = texthash:$vmailbox
virtual_transport = lmtp:unix:private/dovecot-lmtp
# Never relay outside the local domains, even for authenticated clients.
relayhost =
relay_domains =
default_transport = error:5.7.1 relais extérieur désactivé
relay_transport = error:5.7.1 relais extérieur désactivé
smtpd_relay_restrictions = reject_unauth_destination
# boite-pleine@ecole.test answers 452 (temporary failure), for the outbox's retry tests.
smtpd_recipient_restrictions = check_recipient_access texthash:$POSTFIX_DIR/recipient_access, reject_unauth_destination
smtpd_banner = \$myhostname ESMTP coopmail-test
smtpd_tls_cert_file = $TLS/server.pem
smtpd_tls_key_file = $TLS/server.key
smtpd_tls_security_level = may
smtpd_sasl_type = dovecot
smtpd_sasl_path = private/dovecot-auth
smtpd_sasl_auth_enable = no
message_size_limit = 52428800
queue_run_delay = 10s
minimal_backoff_time = 10s
maximal_backoff_time = 60s
EOF
  printf 'boite-pleine@%s 452 4.2.2 Boite aux lettres pleine, reessayez plus tard\n' "$MAIL_DOMAIN_SCHOOLS" \
    >"$POSTFIX_DIR/recipient_access"
  cat >"$POSTFIX_DIR/master.cf" <<EOF
# Generated by scripts/mailservers.sh — do not edit. No chroot anywhere.
# Unauthenticated inbound SMTP (like an MX): local domains only.
127.0.0.1:$SMTP_PORT inet n - n - - smtpd
# Submission: STARTTLS required, then AUTH through Dovecot.
127.0.0.1:$SUBMISSION_PORT inet n - n - - smtpd
  -o syslog_name=coopmail-postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
# SMTPS: implicit TLS, then AUTH through Dovecot.
127.0.0.1:$SMTPS_PORT inet n - n - - smtpd
  -o syslog_name=coopmail-postfix/smtps
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
}

write_env() {
  local out entry user pass domain up
  mkdir -p "$POINTER"
  out="$(mktemp "$POINTER/env.XXXXXX")"
  {
    echo "# Generated by scripts/mailservers.sh — source it: . .state/mail/env"
    echo "export COOPMAIL_TEST_MAIL_STATE='$STATE'"
    echo "export COOPMAIL_TEST_IMAPS_URL='imaps://127.0.0.1:$IMAPS_PORT'"
    echo "export COOPMAIL_TEST_IMAP_URL='imap://127.0.0.1:$IMAP_PORT'"
    echo "export COOPMAIL_TEST_SMTPS_URL='smtps://127.0.0.1:$SMTPS_PORT'"
    echo "export COOPMAIL_TEST_SUBMISSION_URL='smtp://127.0.0.1:$SUBMISSION_PORT'"
    echo "export COOPMAIL_TEST_SMTP_URL='smtp://127.0.0.1:$SMTP_PORT'"
    echo "export COOPMAIL_TEST_IMAPS_PORT='$IMAPS_PORT'"
    echo "export COOPMAIL_TEST_IMAP_PORT='$IMAP_PORT'"
    echo "export COOPMAIL_TEST_SMTPS_PORT='$SMTPS_PORT'"
    echo "export COOPMAIL_TEST_SUBMISSION_PORT='$SUBMISSION_PORT'"
    echo "export COOPMAIL_TEST_SMTP_PORT='$SMTP_PORT'"
    echo "export COOPMAIL_TEST_OAUTH_INTROSPECTION_PORT='$OAUTH_PORT'"
    echo "export COOPMAIL_TEST_CA_FILE='$TLS/ca.pem'"
    echo "export COOPMAIL_TEST_MAIL_HOME='$MAILHOME'"
    echo "export COOPMAIL_TEST_DOVECOT_CONF='$DOVECOT_CONF'"
    echo "export COOPMAIL_TEST_DOMAIN_ASSOCIATION='$MAIL_DOMAIN_ASSOCIATION'"
    echo "export COOPMAIL_TEST_DOMAIN_SCHOOLS='$MAIL_DOMAIN_SCHOOLS'"
    local names=()
    for entry in "${USERS[@]}"; do
      IFS=: read -r user pass domain <<<"$entry"
      names+=("$user")
      up="$(printf '%s' "$user" | tr '[:lower:]' '[:upper:]')"
      echo "export COOPMAIL_TEST_${up}_USER='$user'"
      echo "export COOPMAIL_TEST_${up}_PASSWORD='$pass'"
      echo "export COOPMAIL_TEST_${up}_ADDRESS='$user@$domain'"
    done
    echo "export COOPMAIL_TEST_USERS='${names[*]}'"
  } >"$out"
  chmod 644 "$out"
  mv -f "$out" "$ENV_FILE"
}

start_dovecot() {
  if dovecot_running; then
    if [ "$DOVECOT_CHANGED" = 1 ]; then
      say "Dovecot tourne déjà ; relecture de la configuration modifiée"
      doveadm -c "$DOVECOT_CONF" reload </dev/null >>"$LOGS/dovecot.out" 2>&1 9>&- || true
    else
      say "Dovecot tourne déjà"
    fi
    return 0
  fi
  rm -f "$(dovecot_pidfile)"
  port_free "$IMAP_PORT" || die "le port $IMAP_PORT est déjà pris (COOPMAIL_MAIL_PORT_OFFSET pour décaler)"
  port_free "$IMAPS_PORT" || die "le port $IMAPS_PORT est déjà pris (COOPMAIL_MAIL_PORT_OFFSET pour décaler)"
  say "démarrage de Dovecot (IMAP $IMAP_PORT, IMAPS $IMAPS_PORT)"
  dovecot -c "$DOVECOT_CONF" </dev/null >>"$LOGS/dovecot.out" 2>&1 9>&- \
    || die "Dovecot n'a pas démarré (voir $LOGS/dovecot.out et $LOGS/dovecot.log)"
  wait_port "$IMAPS_PORT" Dovecot
  wait_port "$IMAP_PORT" Dovecot
}

start_postfix() {
  if postfix_running; then
    if [ "$POSTFIX_CHANGED" = 1 ]; then
      say "Postfix tourne déjà ; relecture de la configuration modifiée"
      postfix -c "$POSTFIX_DIR" reload </dev/null >>"$LOGS/postfix.out" 2>&1 9>&- || true
    else
      say "Postfix tourne déjà"
    fi
    return 0
  fi
  rm -f "$(postfix_pidfile)"
  local p
  for p in "$SMTP_PORT" "$SUBMISSION_PORT" "$SMTPS_PORT"; do
    port_free "$p" || die "le port $p est déjà pris (COOPMAIL_MAIL_PORT_OFFSET pour décaler)"
  done
  say "démarrage de Postfix (submission $SUBMISSION_PORT, smtps $SMTPS_PORT, smtp $SMTP_PORT)"
  postfix -c "$POSTFIX_DIR" start </dev/null >>"$LOGS/postfix.out" 2>&1 9>&- \
    || die "Postfix n'a pas démarré (voir $LOGS/postfix.out et $LOGS/postfix.log)"
  wait_port "$SUBMISSION_PORT" Postfix
  wait_port "$SMTPS_PORT" Postfix
}

stop_pidfile() { # pidfile comm
  local pidfile="$1" comm="$2" pid i
  if pid_alive "$pidfile" "$comm"; then
    pid="$(tr -dc '0-9' <"$pidfile")"
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do
      [ -d "/proc/$pid" ] || break
      sleep 0.1
    done
    [ -d "/proc/$pid" ] && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

config_digest() { # dir
  [ -d "$1" ] || { echo none; return 0; }
  cat "$1"/* 2>/dev/null | sha256sum | cut -d' ' -f1
}

all_ports_free() {
  local p
  for p in "$IMAP_PORT" "$IMAPS_PORT" "$SUBMISSION_PORT" "$SMTPS_PORT" "$SMTP_PORT"; do
    port_free "$p" || return 1
  done
}

# When neither daemon of this copy runs and another program (another clone) holds the ports,
# shift them by steps of 100 unless COOPMAIL_MAIL_PORT_OFFSET fixes them.
choose_free_ports() {
  [ -z "${COOPMAIL_MAIL_PORT_OFFSET:-}" ] || return 0
  dovecot_running && return 0
  postfix_running && return 0
  local tries=0
  while ! all_ports_free; do
    tries=$((tries + 1))
    [ "$tries" -le 20 ] || die "aucun jeu de ports libre trouvé (COOPMAIL_MAIL_PORT_OFFSET pour choisir)"
    COOPMAIL_MAIL_PORT_OFFSET=$((PORT_OFFSET + 100)) load_ports
    say "ports occupés ; essai avec le décalage $PORT_OFFSET"
  done
}

cmd_start() {
  check_tools
  mkdir -p "$STATE" "$LOGS" "$POINTER"
  chmod 755 "$STATE"
  load_ports
  choose_free_ports
  echo "$PORT_OFFSET" >"$PORTS_FILE"
  ensure_vmail
  make_tls
  local before_d before_p
  before_d="$(config_digest "$DOVECOT_DIR")"
  before_p="$(config_digest "$POSTFIX_DIR")"
  write_dovecot_conf
  write_postfix_conf
  DOVECOT_CHANGED=0; POSTFIX_CHANGED=0
  [ "$before_d" = "$(config_digest "$DOVECOT_DIR")" ] || DOVECOT_CHANGED=1
  [ "$before_p" = "$(config_digest "$POSTFIX_DIR")" ] || POSTFIX_CHANGED=1
  start_dovecot
  start_postfix
  write_env
  say "prêt ; variables dans $ENV_FILE"
}

cmd_stop() {
  load_ports
  if [ -f "$POSTFIX_DIR/main.cf" ] && postfix_running; then
    postfix -c "$POSTFIX_DIR" stop </dev/null >>"$LOGS/postfix.out" 2>&1 || true
  fi
  stop_pidfile "$(postfix_pidfile)" master
  if [ -f "$DOVECOT_CONF" ] && dovecot_running; then
    doveadm -c "$DOVECOT_CONF" stop </dev/null >>"$LOGS/dovecot.out" 2>&1 || true
  fi
  stop_pidfile "$(dovecot_pidfile)" dovecot
  say "arrêtés"
}

cmd_status() {
  local rc=0
  if dovecot_running; then echo "dovecot: en marche"; else echo "dovecot: arrêté"; rc=1; fi
  if postfix_running; then echo "postfix: en marche"; else echo "postfix: arrêté"; rc=1; fi
  return "$rc"
}

cmd_env() {
  [ -s "$ENV_FILE" ] || { load_ports; mkdir -p "$STATE"; write_env; }
  grep '^export ' "$ENV_FILE"
}

lock() { # serialises concurrent start/stop (parallel test processes)
  mkdir -p "$STATE"
  exec 9>"$STATE/.lock"
  flock 9
}

cmd_clean() { # stops both daemons and removes all their state
  cmd_stop
  rm -rf "$STATE" "$POINTER"
  say "état supprimé ($STATE)"
}

case "${1:-}" in
  start) lock; cmd_start ;;
  stop) lock; cmd_stop ;;
  clean) lock; cmd_clean ;;
  restart) lock; cmd_stop; cmd_start ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *) echo "usage: $0 start|stop|restart|status|env" >&2; exit 2 ;;
esac
