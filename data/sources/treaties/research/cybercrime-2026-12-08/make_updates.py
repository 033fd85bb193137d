#!/usr/bin/env python3
"""Writes data/sources/treaties/UN_CYBERCRIME.updates.txt and BUDAPEST.updates.txt (the generator's inputs for the two
cybercrime conventions) from the reading of 2026-12-07 kept in data/sources/conventions-research-2026-12-07/
(unccc-signatories.tsv, budapest-parties.tsv, sources.tsv, counts.tsv), with the later reading beside this script
(budapest-later.tsv and sources.tsv of 2026-12-08, whose rows replace those of the same State). Run for data_version
11; kept so that every line of those inputs can be traced to the research rows it came from.
python3 make_updates.py
"""
import csv, os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", ".."))
RESEARCH = os.path.join(ROOT, "data", "sources", "conventions-research-2026-12-07")
OUT = os.path.join(ROOT, "data", "sources", "treaties")


def tsv(name, where=RESEARCH):
    with open(os.path.join(where, name), encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


SOURCES = {r["source_id"]: r for r in tsv("sources.tsv") + tsv("sources.tsv", HERE)}
# Sources the stored copy leaves undated, dated by what the reading established (sources.tsv says how).
DATED = {"S-UNTC-XVIII16": "2025-11-16", "S-NL-UNCC": "2025-11-19"}


# Titles as a reader sees them beside a row; the reader's working notes on these copies stay in sources.tsv.
TITLES = {
    "S-UNTC-XVIII16": "UN Treaty Collection, MTDSG XVIII-16, United Nations Convention against Cybercrime, status page "
                      "(its French copy is dated 16 November 2025)",
    "S-NL-UNCC": "Dutch treaty database (verdragen.nl), treaty 013891, United Nations Convention against Cybercrime, "
                 "party table (latest entry 19 November 2025)",
    "S-INVIEW-BUDAPEST": "Dutch treaty database, Convention on Cybercrime, list of Parties with their dates of entry "
                         "into force (inview.nl copy; sources up to Tractatenblad 2024, 97)",
}


def clean(text):
    return " ".join((text or "").replace("|", "/").split())


def source_lines(ids):
    out = []
    for i in sorted(ids):
        r = SOURCES[i]
        out.append(f"SOURCE|{i}|{DATED.get(i, r['as_of']) or 'undated'}|{clean(TITLES.get(i, r['title']))}|{r['url']}|"
                   f"{clean(r['quotation'])}")
    return out


def dash(v):
    return v or "-"


def uncc():
    rows = tsv("unccc-signatories.tsv")
    ids = {"S-DIGEST-CAN-UNCC", "S-MACHINEHERALD-NOTE"}
    updates = []
    for r in rows:
        src = r["source_id"].split(";")
        ids.update(src)
        note = clean(r["note"])
        if "S-MACHINEHERALD-NOTE" in note:
            note = ("a secondary news site reports a ratification (machineherald-io.pages.dev, 21 May 2026, citing "
                    "Wikipedia); "
                    "no deposit was read at the depositary" + ("; the national ratification law was signed on 23 "
                    "February 2026 (press)" if r["iso3"] == "AZE" else ""))
        elif r["read_at_depositary"] == "yes":
            note = "named in the depositary's status list"
        updates.append(f"UPDATE|{r['iso3']}|SIGNATORY|-|-|{dash(r['date'])}|{'+'.join(src)}|{note}")
    lines = [
        "# The UN Convention against Cybercrime (UN Treaty Collection, chapter XVIII.16): no 2014 table; every row",
        "# comes from a line below. Written by research/cybercrime-2026-12-08/make_updates.py from the reading of",
        "# 2026-12-07 (data/sources/conventions-research-2026-12-07/unccc-signatories.tsv and sources.tsv).",
        "",
        "# data_version 11",
        *source_lines(ids),
        "COUNT|S-UNTC-XVIII16|2025-11-16|parties=0|signatories=72",
        "ASOF|2025-11-19|the depositary's count of 72 signatories (status page, French copy of 16 November 2025) and "
        "the Dutch treaty database's list, whose latest entry is Mauritius's signature of 19 November 2025",
        "LISTED|S-UNTC-XVIII16|2025-11-16|the depositary counted 72 signatures on 16 November 2025 and the 72 are "
        "named here (Mauritius signed on 19 November); no ratification had been deposited",
        *updates,
        "UNCONFIRMED|CAN|S-DIGEST-CAN-UNCC|not among the signatories of November 2025; a news digest of 1 August 2026 "
        "reports that Canada signed in July 2026 (Michael Geist's post, not read); no depositary record read",
        "NOTE|Not in force: article 65(1) requires forty instruments of ratification, acceptance, approval or "
        "accession; no deposit was read at the depositary. Later counts from secondary sources, not used for rows: "
        "74 signatories in March 2026 and three ratifications (Azerbaijan, Qatar, Viet Nam) in May 2026 "
        "(machineherald-io.pages.dev, citing Wikipedia); 77 signatories in July 2026 (a news digest of Michael "
        "Geist's post on Canada's signature).",
    ]
    return lines


def budapest():
    later = {r["iso3"]: r for r in tsv("budapest-later.tsv", HERE)}
    rows = [later.pop(r["iso3"], r) for r in tsv("budapest-parties.tsv")] + list(later.values())
    ids = {"S-NC4-KE-76", "S-MIRAGE-COE-75", "S-B185-ECU"}
    updates = []
    for r in rows:
        src = r["source_id"].split(";")
        ids.update(src)
        updates.append(f"UPDATE|{r['iso3']}|{r['status']}|{dash(r['action'])}|{dash(r['date_deposit'])}|"
                       f"{dash(r['date_signed'])}|{'+'.join(src)}|{clean(r['note'])}")
    return [
        "# The Council of Europe Convention on Cybercrime (ETS No. 185): no status table read in full; every row",
        "# comes from a line below. Written by research/cybercrime-2026-12-08/make_updates.py from the reading of",
        "# 2026-12-07 (data/sources/conventions-research-2026-12-07/budapest-parties.tsv and sources.tsv).",
        "",
        "# data_version 11",
        *source_lines(ids),
        "COUNT|S-MIRAGE-COE-75|2024-06-20|parties=75|signatories=2",
        "COUNT|S-NC4-KE-76|2024-10-09|parties=76|signatories=2",
        "ASOF|2024-12-31|the Dutch treaty database's list of Parties (inview.nl copy, sources up to Tractatenblad "
        "2024, 97), on which most rows rest; rows from later sources carry their own dates",
        "LISTED|S-NC4-KE-76|2024-10-09|the Council of Europe counted 76 Parties and 2 signatories on 9 October 2024, "
        "and all 78 are named here (States invited to accede are neither)",
        *updates,
        "UNCONFIRMED|ECU|S-B185-ECU|not among the Parties of October 2024; the Dutch treaty database's change log of 14 "
        "January 2026 records Ecuador's declarations under articles 24(7), 27 and 35 dated 4 December 2025, which "
        "suggests an accession about then, but no source read states it",
        "NOTE|The Council of Europe counted 76 Parties and 2 signatories on 9 October 2024 (as Kenya's NC4 reproduces "
        "it); each is named here with its own source, most of them the Treaty Office's chart and notifications or "
        "the Dutch treaty database. New Zealand acceded on 28 August 2025 (the Dutch treaty database). No count of "
        "the Council of Europe after October 2024 was read.",
    ]


for name, lines in (("UN_CYBERCRIME", uncc()), ("BUDAPEST", budapest())):
    with open(os.path.join(OUT, f"{name}.updates.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {name}.updates.txt: {len(lines)} lines")
