#!/usr/bin/env python3
"""Generates data/states.json, the States and other parties of the directory.

Source: the `country_converter` package from PyPI (pinned below), whose country table carries ISO 3166-1
alpha-2/alpha-3, ISO numeric (equal to the UN M49 code for every country and area), the UN M49 sub-region or
intermediate region, and the year of UN membership. M49 regions are derived from the sub-region with the M49
hierarchy. Run at development time only:

    pip install country_converter==1.3.2 && python3 scripts/generate-states.py

The output is committed so that the server needs no network at run time. It holds the base fields only: run
scripts/generate-state-names.py next, which adds the UN M49 names in six languages, intermediate regions, the
territories taken from M49 and the row-level sources (data_version 2).
"""
import csv, json, os, sys
import country_converter

SOURCE = "country_converter 1.3.2 (PyPI), country_data.tsv; UN M49 hierarchy (unstats.un.org/unsd/methodology/m49)"

REGION = {
    "Northern Africa": "Africa", "Eastern Africa": "Africa", "Middle Africa": "Africa",
    "Southern Africa": "Africa", "Western Africa": "Africa",
    "Caribbean": "Americas", "Central America": "Americas", "South America": "Americas",
    "Northern America": "Americas",
    "Central Asia": "Asia", "Eastern Asia": "Asia", "South-eastern Asia": "Asia", "Southern Asia": "Asia",
    "Western Asia": "Asia",
    "Eastern Europe": "Europe", "Northern Europe": "Europe", "Southern Europe": "Europe",
    "Western Europe": "Europe",
    "Australia and New Zealand": "Oceania", "Melanesia": "Oceania", "Micronesia": "Oceania",
    "Polynesia": "Oceania",
}

# Short names as the UN Protocol and Liaison Service lists them where the package's short form is colloquial.
NAMES = {
    "VAT": "Holy See", "PSE": "State of Palestine", "COD": "Democratic Republic of the Congo",
    "COG": "Congo", "PRK": "Democratic People's Republic of Korea", "KOR": "Republic of Korea",
    "LAO": "Lao People's Democratic Republic", "MDA": "Republic of Moldova", "TZA": "United Republic of Tanzania",
    "SYR": "Syrian Arab Republic", "IRN": "Iran (Islamic Republic of)", "BOL": "Bolivia (Plurinational State of)",
    "VEN": "Venezuela (Bolivarian Republic of)", "FSM": "Micronesia (Federated States of)",
    "GBR": "United Kingdom of Great Britain and Northern Ireland", "USA": "United States of America",
    "RUS": "Russian Federation", "VNM": "Viet Nam", "CIV": "Côte d'Ivoire", "CZE": "Czechia",
    "TUR": "Türkiye", "SWZ": "Eswatini", "MKD": "North Macedonia", "CPV": "Cabo Verde", "BRN": "Brunei Darussalam",
    "GMB": "Gambia", "BHS": "Bahamas", "KGZ": "Kyrgyzstan", "SVK": "Slovakia", "TLS": "Timor-Leste",
    "STP": "Sao Tome and Principe", "KNA": "Saint Kitts and Nevis", "LCA": "Saint Lucia",
    "VCT": "Saint Vincent and the Grenadines", "NLD": "Netherlands (Kingdom of the)", "XKX": "Kosovo",
}

OTHERS = {  # beyond the 193 UN members: status and parent
    "VAT": ("UN_OBSERVER", None), "PSE": ("UN_OBSERVER", None),
    "COK": ("NON_MEMBER_STATE", None), "NIU": ("NON_MEMBER_STATE", None), "XKX": ("NON_MEMBER_STATE", None),
    "GIB": ("TERRITORY", "GBR"), "GGY": ("TERRITORY", "GBR"), "JEY": ("TERRITORY", "GBR"),
    "IMN": ("TERRITORY", "GBR"), "PRI": ("TERRITORY", "USA"),
}


def main():
    path = os.path.join(os.path.dirname(country_converter.__file__), "country_data.tsv")
    rows = list(csv.DictReader(open(path, encoding="utf-8"), delimiter="\t"))
    out = []
    for r in rows:
        iso3 = r["ISO3"]
        if r["UNmember"].strip():
            status, parent = "UN_MEMBER", None
        elif iso3 in OTHERS:
            status, parent = OTHERS[iso3]
        else:
            continue
        # A few rows list alternatives as a pattern (`^GB$|^UK$`): the first is the ISO 3166 code.
        iso2 = r["ISO2"].split("|")[0].strip("^$")
        assert len(iso2) == 2 and len(iso3) == 3, (iso2, iso3)
        sub = r["UNregion"]
        # Kosovo has no M49 code of its own: ISO's 412 is a user-assigned placeholder.
        m49 = None if iso3 == "XKX" else r["UNcode"].zfill(3)
        out.append({
            "iso3": iso3, "iso2": iso2, "m49": m49, "name": NAMES.get(iso3, r["name_short"]),
            "region": REGION[sub], "subregion": sub, "status": status, "parent": parent,
        })
    out.append({"iso3": "EUU", "iso2": "EU", "m49": None, "name": "European Union", "region": "Europe",
                "subregion": None, "status": "ORGANIZATION", "parent": None})
    out.sort(key=lambda s: s["iso3"])
    counts = {}
    for s in out:
        counts[s["status"]] = counts.get(s["status"], 0) + 1
    assert counts == {"UN_MEMBER": 193, "UN_OBSERVER": 2, "NON_MEMBER_STATE": 3, "TERRITORY": 5,
                      "ORGANIZATION": 1}, counts
    doc = {"source": SOURCE, "states": out}
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "states.json")
    with open(target, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(out)} entries written to data/states.json (base fields; now run scripts/generate-state-names.py)",
          file=sys.stderr)


main()
