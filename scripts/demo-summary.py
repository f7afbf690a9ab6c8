#!/usr/bin/env python3
"""Prints a short summary of `coopmail export --format json` read on stdin (for the demo)."""
import json, sys

d = json.load(sys.stdin)
print(f"exercice {d['exercise']} : {len(d['submissions'])} envois, {len(d['dossiers'])} dossiers")
for s in d["submissions"]:
    docs = ", ".join(f"{x['filename']}={x['kind']}/{x['cooperative'] or '?'}" for x in s["documents"])
    print(f"  {s['from']:<26} coop {s['cooperative'] or '?':<9} {s['status']:<11} {docs}")
for x in d["dossiers"]:
    failed = [c["rule"] for c in x["checks"] if c["verdict"] == "fail"]
    print(f"  dossier {x['cooperative']} : {x['status']}" + (f" (contrôles en échec : {', '.join(failed)})" if failed else ""))
