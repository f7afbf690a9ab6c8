#!/usr/bin/env bash
# `make bench-micro`: in-process micro-benchmarks (ordo-one/benchmark: wall clock, CPU, allocations), each beside its
# peer, then the ratios. The package is Benchmarks/Package.swift (apart from the main one: `make test` never builds it).
set -euo pipefail
cd "$(dirname "$0")"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
swift package --disable-sandbox benchmark --no-progress "$@" 2>&1 | tee "$out"
python3 - "$out" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
text = re.sub(r"\x1b\[[0-9;]*m", "", text)
units = {"ns": 1e-9, "μs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}
p50 = {}
malloc = {}
name = None
for line in text.splitlines():
    if line and not line.startswith(("│", "╒", "╞", "├", "╘", "=")) and "│" not in line:
        name = line.strip()
        continue
    m = re.match(r"│ Time \(wall clock\) \((\w+)\) \*?\s*│(.*)", line)
    if m and name:
        cells = [c.strip() for c in m.group(2).split("│")]
        p50[name] = float(cells[2].replace(",", "")) * units.get(m.group(1), 1)
    m = re.match(r"│ Malloc \(total\)( \(\w+\))? \*?\s*│(.*)", line)
    if m and name:
        cells = [c.strip() for c in m.group(2).split("│")]
        v = cells[2].replace(",", "")
        scale = {"(K)": 1e3, "(M)": 1e6}.get((m.group(1) or "").strip(), 1)
        malloc[name] = float(v) * scale

def show(label, a, b, target=None):
    if a not in p50 or b not in p50:
        print(f"  {label}: not measured ({a!r} / {b!r})")
        return
    r = p50[a] / p50[b] if p50[b] else float("inf")
    goal = f"  (target ≤ {target})" if target else ""
    print(f"  {label}: {p50[a]*1e3:.3f} ms / {p50[b]*1e3:.3f} ms = {r:.2f}{goal}")

print("\nRatios (median wall clock; allocations per run in the tables above):")
show("matcher, 50000 vs 650 cooperatives (indexed)",
     "match 40 documents, 50000 cooperatives, indexed", "match 40 documents, 650 cooperatives, indexed", 1.2)
show("matcher, plain scan (peer) vs indexed, 650 cooperatives",
     "match 40 documents, 650 cooperatives, plain scan (peer)", "match 40 documents, 650 cooperatives, indexed")
show("French amounts, NumberFormatter (peer) vs Money(french:)",
     "parse 1000 French amounts, NumberFormatter fr_FR (peer)", "parse 1000 French amounts, Money(french:)")
for k, v in malloc.items():
    print(f"  allocations, {k}: {v:,.0f}")
PY
