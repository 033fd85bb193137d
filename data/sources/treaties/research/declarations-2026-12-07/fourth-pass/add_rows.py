#!/usr/bin/env python3
"""Appends the fourth-pass rows (rows_*.py beside this script define SOURCES, DECLS, TERRS) to the published TSVs.
Idempotent: a source id, a (iso3, instrument, kind, article, source) declaration or a (territory, instrument,
source) territory row already present is skipped. Usage: python3 add_rows.py rows_batch1.py [...]"""
import csv, os, runpy, sys
HERE = os.path.dirname(os.path.abspath(__file__))
T = os.path.normpath(os.path.join(HERE, "..", "..", ".."))  # data/sources/treaties

def rd(name):
    with open(os.path.join(T, name), encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter="\t"))

def ap(name, rows):
    with open(os.path.join(T, name), "a", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        for r in rows:
            w.writerow(r)

for path in sys.argv[1:]:
    g = runpy.run_path(os.path.join(HERE, path))
    have_src = {r[0] for r in rd("declaration-sources.tsv")}
    ap("declaration-sources.tsv", [s for s in g.get("SOURCES", []) if s[0] not in have_src])
    have_d = {(r[0], r[1], r[2], r[3], r[7]) for r in rd("declarations.tsv")}
    ap("declarations.tsv", [d for d in g.get("DECLS", []) if (d[0], d[1], d[2], d[3], d[7]) not in have_d])
    have_t = {(r[1], r[2], r[8]) for r in rd("territories.tsv")}
    ap("territories.tsv", [t for t in g.get("TERRS", []) if (t[1], t[2], t[8]) not in have_t])
    print(path, "ok")
