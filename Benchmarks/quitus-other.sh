#!/usr/bin/env bash
# The quitus signature check on pages made by "other hands": scripts/make-quitus-other.py (an independent seeded
# generator: other layouts, wordings, fonts, handwriting model, pens and degradations than scripts/make-quitus.py)
# writes PAGES pages per seed (each a random case in a random form), every page is read by the binary built, as
# ingestion reads an attachment (`coopmail bench-signatures --passages 1`: DocumentReader, segmentation, the quitus
# page's SignatureInspector), and the verdicts are scored against labels.json: places right and `quitus_signed`
# right by case and by form, and the two safety counts (an empty place judged signed; a quitus with an empty place
# judged pass). `quitus_signed` is derived from the parent's and the teacher's verdicts as Ledger+Quitus.swift does
# (pass: both signed; fail: one empty; unknown otherwise).
# Usage: Benchmarks/quitus-other.sh   (from the package root; SEEDS="1 2" PAGES=24 by default, FORMS=pdf,scan,...
# and CASES=a,b to narrow; BUILD=release (default) or debug; SKIP_BUILD=1 to use the binaries already built).
# The pages and the raw verdicts stay in .state/quitus-other/seed-N.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/binaries.sh
SEEDS=${SEEDS:-1 2}
PAGES=${PAGES:-24}
extra=()
[ -z "${FORMS:-}" ] || extra+=(--forms "$FORMS")
[ -z "${CASES:-}" ] || extra+=(--cases "$CASES")
dirs=()
for seed in $SEEDS; do
  dir=.state/quitus-other/seed-$seed
  rm -rf "$dir"
  /usr/bin/python3 scripts/make-quitus-other.py "$dir" --seed "$seed" --sample "$PAGES" "${extra[@]}" >/dev/null
  args=()
  for f in "$dir"/*.pdf "$dir"/*.jpg "$dir"/*.png; do
    [ -e "$f" ] && args+=("$(basename "$f")=$f")
  done
  COOPMAIL_OCR_WORKER=${COOPMAIL_OCR_WORKER-$BIN/coopmail-ocr} "$BIN/coopmail" bench-signatures --passages 1 \
    "${args[@]}" >"$dir/verdicts.txt"
  dirs+=("$dir")
done
/usr/bin/python3 - "${dirs[@]}" <<'EOF'
import collections, json, re, sys

rows = []
for d in sys.argv[1:]:
    labels = json.load(open(f"{d}/labels.json"))["files"]
    seen = {}
    for line in open(f"{d}/verdicts.txt"):
        m = re.match(r"SIGNATURES (\S+)", line)
        if not m:
            continue
        name = m.group(1)
        v = dict(re.findall(r"(mandataire|parent|teacher)=(\w+)", line))
        seen[name] = v
    for name, lab in labels.items():
        v = seen.get(name, {})
        got = {p: v.get(p, "unreadable") for p in ("mandataire", "parent", "teacher")}
        req = [got["parent"], got["teacher"]]
        signed = "fail" if "empty" in req else ("pass" if req == ["signed", "signed"] else "unknown")
        rows.append(dict(name=f"{d}/{name}", lab=lab, got=got, signed=signed, found=bool(v)))

def table(key, title):
    by = collections.defaultdict(list)
    for r in rows:
        by[r["lab"][key]].append(r)
    print(f"  {title:<22} pages  emplacements justes  quitus_signed juste  vide→signé  vide→pass")
    for k in sorted(by):
        rs = by[k]
        places = sum(r["got"][p] == r["lab"]["places"][p] for r in rs for p in r["got"])
        ok = sum(r["signed"] == r["lab"]["quitus_signed"] for r in rs)
        unsafe = sum(r["lab"]["places"][p] == "empty" and r["got"][p] == "signed" for r in rs for p in r["got"])
        unsafe_pass = sum(r["lab"]["quitus_signed"] == "fail" and r["signed"] == "pass" for r in rs)
        print(f"  {k:<22} {len(rs):>5}  {places:>9}/{3 * len(rs):<9}  {ok:>9}/{len(rs):<9} {unsafe:>6}  {unsafe_pass:>9}")

print(f"== Quitus d'autres mains (scripts/make-quitus-other.py ; {len(rows)} pages, graines {' '.join(d.split('-')[-1] for d in sys.argv[1:])})")
table("case", "cas")
table("form", "forme")
table("layout", "disposition")
n = len(rows)
ok = sum(r["signed"] == r["lab"]["quitus_signed"] for r in rows)
unsafe = [(r["name"], p, r["got"][p]) for r in rows for p in r["got"]
          if r["lab"]["places"][p] == "empty" and r["got"][p] == "signed"]
unsafe_pass = [r["name"] for r in rows if r["lab"]["quitus_signed"] == "fail" and r["signed"] == "pass"]
print(f"  quitus_signed juste : {ok}/{n} ({100 * ok / max(n, 1):.1f} %) ; emplacement vide jugé signé : {len(unsafe)} ;"
      f" quitus à emplacement vide jugé pass : {len(unsafe_pass)} ; quitus non trouvé : {sum(not r['found'] for r in rows)}")
for r in rows:
    wrong = [p for p in r["got"] if r["got"][p] != r["lab"]["places"][p]]
    if wrong or r["signed"] != r["lab"]["quitus_signed"]:
        print(f"  ✗ {r['name']} ({r['lab']['layout']}, {r['lab']['pen']}/{r['lab']['ink']}) attendu "
              f"{r['lab']['quitus_signed']}, lu {r['signed']} : " +
              ", ".join(f"{p}={r['got'][p]}≠{r['lab']['places'][p]}" for p in wrong))
EOF
