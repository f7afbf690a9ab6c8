#!/usr/bin/env bash
# Times the staff commands (review, show, status, status --sans-envoi, export) on a season of DOSSIERS dossiers
# (DOSSIERS + 50 registered cooperatives), beside sqlite3 running the equivalent query on the same database, and
# prints both times and the ratio (and, with hyperfine, both CPU times); also `coops import` of the registry. sqlite3
# runs the queries coopmail runs (status: the season counts kept in season_count, the silent cooperatives, 5 mails
# of each kind and their counts). Target at 50,000: under 150 ms each.
# Usage: Benchmarks/review.sh [RUNS] [DOSSIERS]      (SKIP_BUILD=1 to reuse .build/release/coopmail; STORE=DIR keeps
# the season in DIR and reuses it on the next run, since making 50,000 dossiers takes minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-20}
DOSSIERS=${2:-650}
COOP=075-0321
EXERCISE=2020-2021

[ "${SKIP_BUILD:-0}" = 1 ] || swift build -c release --product coopmail >&2
BIN=$PWD/.build/release/coopmail
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DATA=${STORE:-$WORK}/data
DB=$DATA/coopmail.sqlite

python3 Benchmarks/make-review-store.py registry $((DOSSIERS + 50)) > "$WORK/registre.csv"
if [ ! -e "$DB" ]; then
  t0=$(date +%s%N)
  "$BIN" coops import --data-dir "$DATA" "$WORK/registre.csv" >/dev/null
  t1=$(date +%s%N)
  echo "coops import de $((DOSSIERS + 50)) lignes : $(( (t1 - t0) / 1000000 )) ms"
  python3 Benchmarks/make-review-store.py fill "$DB" "$DOSSIERS" "$EXERCISE"
  # The first read recomputes every dossier the triggers marked (what the pipeline does after an ingest).
  t0=$(date +%s%N)
  "$BIN" review --data-dir "$DATA" --exercise "$EXERCISE" >/dev/null
  t1=$(date +%s%N)
  echo "Premier « review » (calcul des $(sqlite3 "$DB" "SELECT COUNT(*) FROM dossier") dossiers) : $(( (t1 - t0) / 1000000 )) ms"
fi
# The same file again: nothing changes, no dossier to recompute.
t0=$(date +%s%N)
"$BIN" coops import --data-dir "$DATA" "$WORK/registre.csv" >/dev/null
t1=$(date +%s%N)
echo "coops import du même registre de $((DOSSIERS + 50)) lignes (rien ne change) : $(( (t1 - t0) / 1000000 )) ms"
echo "Saison : $(sqlite3 "$DB" 'SELECT COUNT(*) FROM message') messages ($(sqlite3 "$DB" "SELECT COUNT(*) FROM message WHERE cooperative IS NULL") rattachés à aucune coopérative, $(sqlite3 "$DB" "SELECT COUNT(*) FROM message WHERE nature = 'message'") questions), $(sqlite3 "$DB" 'SELECT COUNT(*) FROM document') pièces, $(sqlite3 "$DB" 'SELECT COUNT(*) FROM outbox') courriers, $(sqlite3 "$DB" 'SELECT COUNT(*) FROM decision') décisions, $DOSSIERS coopératives avec envoi."

# The season chart's first day, as coopmail finds it: 1 September of the campaign holding the latest mail.
EXERCISE_START=$(sqlite3 "$DB" "SELECT CASE WHEN CAST(substr(MAX(received_at), 6, 2) AS INTEGER) >= 9 THEN CAST(substr(MAX(received_at), 1, 4) AS INTEGER) ELSE CAST(substr(MAX(received_at), 1, 4) AS INTEGER) - 1 END || '-09-01' FROM message WHERE exercise = '$EXERCISE'")
# The mails in no dossier that review and status list (unattached, quarantined, set aside, automatic), newest
# first: as coopmail, the few it shows (LIMIT: 10 for review, 5 for status) and the count of each kind.
mails_sql() {
  local limit=$1 kind
  for kind in \
    "status = 'processed' AND cooperative IS NULL AND (nature IS NULL OR nature != 'automatic') AND NOT EXISTS (SELECT 1 FROM document d WHERE d.message = message.id AND d.cooperative IS NOT NULL)" \
    "status = 'quarantined'" "status = 'set_aside'" "nature = 'automatic'"; do
    printf "SELECT * FROM message WHERE exercise = '%s' AND %s ORDER BY received_at DESC, id DESC LIMIT %s; SELECT COUNT(*) FROM message WHERE exercise = '%s' AND %s; " \
      "$EXERCISE" "$kind" "$limit" "$EXERCISE" "$kind"
  done
  echo "SELECT COUNT(*) FROM message WHERE exercise = '$EXERCISE' AND nature = 'message' AND id NOT IN (SELECT message FROM message_answer)"
}
MAILS_SQL=$(mails_sql 10)
# The season chart as coopmail reads it: mails received and dossiers completed per day, and dossiers per status, from
# the counts the triggers keep (season_count); decisions per week on the index decision_exercise_action; reminders per
# day walking the index outbox_exercise_state (kinds, then days), each day counted on its index range.
WEEK="(CASE WHEN julianday(substr(COL, 1, 10)) < julianday('$EXERCISE_START') THEN -1 ELSE CAST(julianday(substr(COL, 1, 10)) - julianday('$EXERCISE_START') AS INTEGER) / 7 END)"
SENT="exercise = '$EXERCISE' AND state = 'sent'"
SEASON_SQL="SELECT ${WEEK//COL/day} AS week, SUM(n) FROM season_count WHERE series = 'received' AND exercise = '$EXERCISE' AND part = '' AND n > 0 GROUP BY week; \
SELECT ${WEEK//COL/day} AS week, SUM(n) FROM season_count WHERE series = 'completed' AND exercise = '$EXERCISE' AND part = '' AND n > 0 GROUP BY week; \
SELECT ${WEEK//COL/created_at} AS week, COUNT(DISTINCT cooperative) FROM decision WHERE exercise = '$EXERCISE' AND action = 'approve' GROUP BY week; \
SELECT ${WEEK//COL/created_at} AS week, COUNT(DISTINCT cooperative) FROM decision WHERE exercise = '$EXERCISE' AND action = 'reject' GROUP BY week; \
WITH RECURSIVE sent(x) AS (SELECT MIN(kind) FROM outbox WHERE $SENT UNION ALL SELECT (SELECT MIN(kind) FROM outbox WHERE $SENT AND kind > sent.x) FROM sent WHERE sent.x IS NOT NULL), \
kinds(k) AS (SELECT x FROM sent WHERE x LIKE 'reminder\_%' ESCAPE '\'), \
days(k, day) AS (SELECT k, (SELECT substr(MIN(sent_at), 1, 10) FROM outbox WHERE $SENT AND kind IS kinds.k) FROM kinds \
UNION ALL SELECT k, (SELECT substr(MIN(sent_at), 1, 10) FROM outbox WHERE $SENT AND kind IS days.k AND sent_at > days.day || char(1114111)) FROM days WHERE days.day IS NOT NULL) \
SELECT ${WEEK//COL/day} AS week, SUM((SELECT COUNT(*) FROM outbox WHERE $SENT AND kind IS days.k AND sent_at >= days.day AND sent_at <= days.day || char(1114111))) FROM days WHERE day IS NOT NULL GROUP BY week; \
SELECT MAX(received_at) FROM message WHERE exercise = '$EXERCISE' AND nature IS NULL; \
SELECT part, n FROM season_count WHERE series = 'status' AND exercise = '$EXERCISE' AND n > 0"
REVIEW_SQL="SELECT d.cooperative, c.school, d.status, d.last_submission_at, d.match_confidence, d.failed_checks FROM dossier d LEFT JOIN cooperative c ON c.number = d.cooperative WHERE d.rowid IN (SELECT rowid FROM dossier WHERE exercise = '$EXERCISE' AND status NOT IN ('validated', 'rejected') ORDER BY COALESCE(last_submission_at, '9999'), cooperative LIMIT 100) ORDER BY COALESCE(d.last_submission_at, '9999'), d.cooperative; SELECT part, n FROM season_count WHERE series = 'status' AND exercise = '$EXERCISE' AND n > 0; SELECT COUNT(*) FROM dossier WHERE exercise = '$EXERCISE' AND status NOT IN ('validated', 'rejected'); $MAILS_SQL"
# review --json lists every dossier (for tools): the same query without the page.
REVIEW_ALL_SQL="SELECT d.cooperative, c.school, d.status, d.last_submission_at, d.match_confidence, d.failed_checks FROM dossier d LEFT JOIN cooperative c ON c.number = d.cooperative WHERE d.exercise = '$EXERCISE' AND d.status NOT IN ('validated', 'rejected') ORDER BY d.last_submission_at, d.cooperative"
# status: the counts, the cooperatives without a dossier (the unregistered dossiers are derived from their number),
# which of them wrote, the mails in no dossier (5 of each kind) and the season chart; --sans-envoi runs the same.
SILENT_LIST="SELECT number FROM cooperative c WHERE NOT EXISTS (SELECT 1 FROM dossier d WHERE d.cooperative = c.number AND d.exercise = '$EXERCISE') ORDER BY number"
WROTE_SQL="SELECT c.number FROM cooperative c WHERE c.number IN ($SILENT_LIST) AND (EXISTS (SELECT 1 FROM message m WHERE m.cooperative = c.number AND m.exercise = '$EXERCISE') OR EXISTS (SELECT 1 FROM document d JOIN message m ON m.id = d.message WHERE d.cooperative = c.number AND m.exercise = '$EXERCISE') OR EXISTS (SELECT 1 FROM message m WHERE lower(m.from_address) IN (SELECT lower(j.value) FROM json_each(CASE WHEN json_valid(c.emails) THEN c.emails ELSE '[]' END) j) AND m.exercise = '$EXERCISE' AND (m.nature IS NULL OR m.nature != 'automatic')))"
STATUS_SQL="SELECT COUNT(*) FROM cooperative; $SILENT_LIST; $WROTE_SQL; $(mails_sql 5); $SEASON_SQL"
SILENT_SQL="$STATUS_SQL"
EXPORT_SQL="SELECT m.*, d.* FROM message m LEFT JOIN document d ON d.message = m.id WHERE m.exercise = '$EXERCISE' ORDER BY m.received_at, m.id, d.position; SELECT * FROM dossier WHERE exercise = '$EXERCISE' ORDER BY cooperative"
SHOW_SQL="SELECT * FROM cooperative WHERE number = '$COOP'; SELECT * FROM declaration WHERE cooperative = '$COOP' AND exercise = '$EXERCISE'; SELECT m.*, d.* FROM message m LEFT JOIN document d ON d.message = m.id WHERE m.exercise = '$EXERCISE' AND (m.cooperative = '$COOP' OR d.cooperative = '$COOP') ORDER BY m.received_at, d.position; SELECT * FROM decision WHERE cooperative = '$COOP' AND exercise = '$EXERCISE'"

# Mean wall time of a command in ms, RUNS runs (hyperfine when installed, else a loop with date +%s%N).
mean_ms() {
  if command -v hyperfine >/dev/null; then
    hyperfine --runs "$RUNS" --warmup 2 --shell=none --export-json "$WORK/h.json" --style none "$1" >/dev/null 2>&1
    python3 -c 'import json,sys; r = json.load(open(sys.argv[1]))["results"][0]; print("%.2f/%.2f" % (r["mean"] * 1000, (r["user"] + r["system"]) * 1000))' "$WORK/h.json"
  else
    local start end
    start=$(date +%s%N)
    for _ in $(seq "$RUNS"); do eval "$1" >/dev/null; done
    end=$(date +%s%N)
    python3 -c "print('%.2f/-' % (($end - $start) / 1e6 / $RUNS))"
  fi
}

printf "%s\n" "$REVIEW_SQL" > "$WORK/review.sql"
printf "%s\n" "$SHOW_SQL" > "$WORK/show.sql"
printf "%s\n" "$STATUS_SQL" > "$WORK/status.sql"
printf "%s\n" "$SILENT_SQL" > "$WORK/silent.sql"
printf "%s\n" "$REVIEW_ALL_SQL" > "$WORK/review-all.sql"
printf "%s\n" "$EXPORT_SQL" > "$WORK/export.sql"
# Wall time and ratio, then the CPU time (user + system, hyperfine) of each side: on a machine shared with other work
# the wall time follows the load, the CPU time much less.
report() {
  local name=$1 ours=$2 theirs=$3
  python3 -c "
import sys
(a, ac), (b, bc) = (x.split('/') for x in sys.argv[2:4])
line = f'{sys.argv[1]:<28} coopmail {float(a):8.2f} ms   sqlite3 {float(b):8.2f} ms   rapport {float(a) / float(b):5.1f}×'
if ac != '-': line += f'   (CPU : {float(ac):.0f} ms / {float(bc):.0f} ms, rapport {float(ac) / float(bc):.1f}×)'
print(line)" "$name" "$ours" "$theirs"
}
echo "Démarrage seul (coopmail --help) : $(mean_ms "$BIN --help" | cut -d/ -f1) ms"
echo "Moyennes sur $RUNS exécutions ($(command -v hyperfine >/dev/null && echo hyperfine || echo 'boucle bash')) :"
report "review ($DOSSIERS dossiers)" \
  "$(mean_ms "$BIN review --data-dir $DATA --exercise $EXERCISE")" \
  "$(mean_ms "sqlite3 $DB -init $WORK/review.sql .quit")"
report "show $COOP" \
  "$(mean_ms "$BIN show $COOP --data-dir $DATA --exercise $EXERCISE")" \
  "$(mean_ms "sqlite3 $DB -init $WORK/show.sql .quit")"
report "review --json" \
  "$(mean_ms "$BIN review --json --data-dir $DATA --exercise $EXERCISE")" \
  "$(mean_ms "sqlite3 -json $DB -init $WORK/review-all.sql .quit")"
report "status" \
  "$(mean_ms "$BIN status --data-dir $DATA --exercise $EXERCISE")" \
  "$(mean_ms "sqlite3 $DB -init $WORK/status.sql .quit")"
report "status --sans-envoi" \
  "$(mean_ms "$BIN status --sans-envoi --data-dir $DATA --exercise $EXERCISE")" \
  "$(mean_ms "sqlite3 $DB -init $WORK/silent.sql .quit")"
sqlite_export() {
  local start end
  start=$(date +%s%N)
  sqlite3 "-$1" "$DB" -init "$WORK/export.sql" .quit >/dev/null
  end=$(date +%s%N)
  echo "sqlite3 -$1 (même requête) : $(( (end - start) / 1000000 )) ms"
}
# Export streams: its peak memory must not grow with the season (GNU time -v: « Maximum resident set size »).
for f in json csv; do
  /usr/bin/time -v -o "$WORK/mem" "$BIN" export --format $f --data-dir "$DATA" --exercise "$EXERCISE" >"$WORK/export.$f"
  sqlite_export $f
  echo "export --format $f : $(grep 'Elapsed (wall clock)' "$WORK/mem" | awk '{print $NF}') (m:ss), pic de mémoire $(( $(grep 'Maximum resident' "$WORK/mem" | awk '{print $NF}') / 1024 )) Mio, $(( $(stat -c %s "$WORK/export.$f") / 1048576 )) Mio écrits"
done
