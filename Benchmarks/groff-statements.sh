#!/usr/bin/env bash
# A second, independent check of statement reading: statements typeset by groff/tbl and ps2pdf, typed and scanned
# (scripts/make-groff-statements.py: layouts, separators, date styles and wording of its own), each mailed by its own
# cooperative, ingested by the release binary with the cooperatives' declarations, exported, and scored by case: the
# balance at 31/08 exact to the cent, missing, or wrong (wrong must be 0), and the cooperative found.
# Usage: Benchmarks/groff-statements.sh   (env: SEED=1, COUNT=40, COOPMAIL_BIN=.build/release/coopmail)
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${SEED:-1}
COUNT=${COUNT:-40}
BIN=${COOPMAIL_BIN:-.build/release/coopmail}
[ -x "$BIN" ] || { echo "groff-statements : $BIN absent (swift build -c release)" >&2; exit 1; }
corpus=.state/groff-statements-$SEED-$COUNT
[ -f "$corpus/labels.json" ] || { rm -rf "$corpus"; /usr/bin/python3 scripts/make-groff-statements.py "$corpus" --seed "$SEED" --count "$COUNT"; }
WORK=$(mktemp -d /tmp/coopmail-groff.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$BIN" coops import "$corpus/registry.csv" --data-dir "$WORK/data" >/dev/null
"$BIN" declarations import "$corpus/declarations.csv" --data-dir "$WORK/data" >/dev/null
"$BIN" ingest "$corpus/mails" --data-dir "$WORK/data" >"$WORK/ingest" 2>&1 || true
"$BIN" export --format json --exercise 2020-2021 --data-dir "$WORK/data" >"$WORK/export.json"
/usr/bin/python3 - "$corpus/labels.json" "$WORK/export.json" "$SEED" <<'PY'
import collections, json, sys
labels = json.load(open(sys.argv[1])); export = json.load(open(sys.argv[2]))
by_case = collections.defaultdict(lambda: [0, 0, 0, 0])  # right, missing, wrong, total
coop_right = wrong_coop = 0
for s in export["submissions"]:
    l = labels.get(s["message_id"])
    if l is None:
        continue
    coop_right += s["cooperative"] == l["cooperative"]
    wrong_coop += s["cooperative"] not in (None, l["cooperative"])
    st = [d for d in s["documents"] if d["kind"] == "bank_statement"]
    got = st[0]["statement"]["balance_cents"] if st and st[0]["statement"] else None
    for case in (l["layout"], "scan " + l["scan"] if l["scan"] != "texte" else "texte", "tous"):
        c = by_case[case]
        c[3] += 1
        if got == l["balance_cents"]: c[0] += 1
        elif got is None: c[1] += 1
        else:
            c[2] += 1
            if case == "tous": print(f"  FAUX : {s['message_id']} {l} lu {got}")
print(f"== Relevés composés par groff (graine {sys.argv[3]}, {len(labels)} courriels)")
print(f"  coopérative trouvée {coop_right}/{len(labels)}, mauvaise coopérative {wrong_coop}")
for case in sorted(by_case, key=lambda k: (k == "tous", k)):
    r, m, w, t = by_case[case]
    print(f"  {case:<12} solde au 31/08 exact {r}/{t}  ({100 * r / max(t, 1):.0f} %), absent {m}, faux {w}")
sys.exit(1 if by_case["tous"][2] or wrong_coop else 0)
PY
