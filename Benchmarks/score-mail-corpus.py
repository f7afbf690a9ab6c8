#!/usr/bin/env python3
"""Scores `coopmail export --format json` against the labels of make-mail-corpus.py, by case.

Usage: score-mail-corpus.py LABELS.json EXPORT.json [TITLE]
Prints one line per case and the totals: mails, wrong matches (messages / documents), cooperatives found
(messages / documents), nature right, kinds right, balances at 31/08 exact to the cent with the right source;
then the balances by statement form and layout, and the dossier verdicts right by case (when the labels carry the
generator's expected verdicts). Exit status 1 when there is a wrong match.
"""
import json
import sys
from collections import OrderedDict, defaultdict


def pct(a, b):
    return "    –" if b == 0 else "%4d %%" % (a * 100 // b) if a != b else "100 %"


def main():
    labels = json.load(open(sys.argv[1], encoding="utf-8"))["mails"]
    export = json.load(open(sys.argv[2], encoding="utf-8"))
    title = sys.argv[3] if len(sys.argv) > 3 else "registre du corpus"
    subs = {s.get("message_id"): s for s in export.get("submissions", [])}
    rows = OrderedDict()
    forms = defaultdict(lambda: [0, 0])
    problems = []

    def row(case):
        return rows.setdefault(case, defaultdict(int))

    for m in labels:
        r = row(m["case"])
        t = row("TOTAL")
        s = subs.get(m["message_id"])

        def add(key, n=1):
            r[key] += n
            t[key] += n

        add("mails")
        if s is None:
            add("missing")
            problems.append("%s : absent de l'export" % m["file"])
            continue
        add("nature_n")
        if s.get("nature") == m["nature"]:
            add("nature_ok")
        else:
            problems.append("%s : nature %s, attendu %s" % (m["file"], s.get("nature"), m["nature"]))
        got = s.get("cooperative")
        doc_coops = {d["cooperative"] for d in m["documents"] if d.get("cooperative")}
        if m["cooperative"]:
            add("msg_n")
            if got == m["cooperative"]:
                add("msg_ok")
            else:
                problems.append("%s : coopérative du message %s, attendu %s" % (m["file"], got, m["cooperative"]))
        if got and got != m["cooperative"] and not (m["cooperative"] is None and got in doc_coops):
            add("msg_wrong")
            problems.append("%s : RATTACHEMENT ERRONÉ du message à %s (attendu %s)" % (m["file"], got, m["cooperative"]))
        exported = defaultdict(list)
        for d in s.get("documents", []):
            exported[d.get("filename")].append(d)
        for d in m["documents"]:
            candidates = exported.get(d["filename"], [])
            e = next((x for x in candidates if x.get("kind") == d["kind"]), candidates[0] if candidates else None)
            add("kind_n")
            if (e is None and d["kind"] == "other") or (e is not None and e.get("kind") == d["kind"]):
                add("kind_ok")
            else:
                problems.append("%s / %s (%s) : nature %s, attendu %s" % (m["file"], d["filename"], d.get("form"),
                                                                           e and e.get("kind"), d["kind"]))
            gotc = e.get("cooperative") if e else None
            if d.get("cooperative"):
                add("doc_n")
                if gotc == d["cooperative"]:
                    add("doc_ok")
                else:
                    problems.append("%s / %s (%s) : coopérative %s, attendu %s" % (m["file"], d["filename"], d.get("form"), gotc, d["cooperative"]))
            # A document that is neither quitus nor statement (a cover letter) expects no cooperative; the one of
            # the mail it came in (the sender's own letter) is not a wrong match.
            mail_coops = doc_coops | ({m["cooperative"]} if m["cooperative"] else set())
            if gotc and gotc != d.get("cooperative") and not (d["kind"] == "other" and gotc in mail_coops):
                add("doc_wrong")
                problems.append("%s / %s : RATTACHEMENT ERRONÉ à %s (attendu %s)" % (m["file"], d["filename"], gotc, d.get("cooperative")))
            if d["kind"] == "bank_statement":
                add("bal_n")
                st = (e or {}).get("statement") or {}
                cents, source = st.get("balance_cents"), st.get("balance_source")
                ok = cents == d["balance_0831_cents"] and (cents is None or source == d["balance_source"])
                key = "%s / %s" % (d.get("form"), d.get("layout"))
                forms[key][1] += 1
                if ok:
                    add("bal_ok")
                    forms[key][0] += 1
                else:
                    problems.append("%s / %s (%s, %s, %s) : solde 31/08 %s (%s), attendu %s (%s)" % (
                        m["file"], d["filename"], d.get("form"), d.get("layout"), d.get("period"), cents, source,
                        d["balance_0831_cents"], d["balance_source"]))

    # Dossier verdicts: the generator's conclusion for each cooperative (what a careful staff member concludes from
    # every mail that belongs to it) against the dossier's status and failed rules in the export.
    verdicts = OrderedDict()
    dossiers = {d.get("cooperative"): d for d in export.get("dossiers", [])}
    for number, want in sorted(json.load(open(sys.argv[1], encoding="utf-8")).get("dossiers", {}).items()):
        d = dossiers.get(number)
        status = d.get("status") if d else "incomplete"  # no dossier: nothing received
        checks = {c.get("rule"): c.get("verdict") for c in (d or {}).get("checks", [])}
        failed = sorted(r for r, v in checks.items() if v == "fail")
        if want["verdict"] == "incomplete":
            ok = status == "incomplete"
        elif want["verdict"] == "to_correct":
            ok = status == "to_correct" and failed == want["failing"]
        else:
            ok = status == "to_review" and not failed and checks.get("bank_statement_matches") == "pass"
        for key in (want["case"], "TOTAL"):
            v = verdicts.setdefault(key, defaultdict(int))
            v["n"] += 1
            v["ok"] += ok
            v[want["verdict"] + "_n"] += 1
            v[want["verdict"] + "_ok"] += ok
        if not ok:
            problems.append("dossier %s : %s (%s), attendu %s %s" % (
                number, status, ", ".join(failed) or "aucune règle en échec",
                want["verdict"], ", ".join(want["failing"])))

    total = rows.pop("TOTAL", defaultdict(int))
    head = "%-42s %5s %9s %9s %9s %7s %7s %9s" % ("cas (%s)" % title, "mails", "erronés", "coop msg", "coop doc",
                                                 "nature", "pièces", "solde 31/08")
    print(head)
    print("-" * len(head))
    for case, r in list(rows.items()) + [("TOTAL", total)]:
        print("%-42s %5d %4d/%-4d %9s %9s %7s %7s %6s %s" % (
            case[:42], r["mails"], r["msg_wrong"], r["doc_wrong"], pct(r["msg_ok"], r["msg_n"]), pct(r["doc_ok"], r["doc_n"]),
            pct(r["nature_ok"], r["nature_n"]), pct(r["kind_ok"], r["kind_n"]), pct(r["bal_ok"], r["bal_n"]),
            "(%d/%d)" % (r["bal_ok"], r["bal_n"]) if r["bal_n"] else ""))
    print("  (erronés : messages/documents rattachés à une autre coopérative ; solde exact au centime, avec la bonne source)")
    print("Soldes au 31/08 par forme / mise en page :")
    for key in sorted(forms):
        ok, n = forms[key]
        print("  %-28s %3d/%-3d %s" % (key, ok, n, pct(ok, n)))
    if verdicts:
        print("Verdicts des dossiers justes (complet et rapproché / à corriger, avec les règles / incomplet), par cas :")
        vt = verdicts.pop("TOTAL")
        for key, v in list(verdicts.items()) + [("TOTAL", vt)]:
            print("  %-40s %3d/%-3d %s   complet %d/%d, à corriger %d/%d, incomplet %d/%d" % (
                key[:40], v["ok"], v["n"], pct(v["ok"], v["n"]), v["complete_ok"], v["complete_n"], v["to_correct_ok"],
                v["to_correct_n"], v["incomplete_ok"], v["incomplete_n"]))
    if problems and "--details" in sys.argv:
        print("Écarts :")
        for p in problems:
            print("  " + p)
    sys.exit(1 if total["msg_wrong"] or total["doc_wrong"] else 0)


if __name__ == "__main__":
    main()
