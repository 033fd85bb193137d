#!/usr/bin/env python3
"""Generates data/treaties.json: who takes part in each convention, with a source and date per row.

Inputs (read only; nothing is downloaded):
  data/sources/treaties/<CODE>.txt                         verbatim status table of the UN Treaty Collection
        (MTDSG XVIII-12, -12-a, -12-b, -12-c, XVIII-14, VI-19) as scraped in 2014 (github.com/zmjones/untreaties),
        after a '[TABLE]' line; '# as_of:' gives the scrape date. The two cybercrime conventions have none: every
        row of theirs comes from an UPDATE line
  data/sources/treaties/<CODE>.updates.txt                 later dated facts, one per line:
        SOURCE|id|as_of|title|url|quote      COUNT|id|as_of|parties=N|signatories=N
        COMPLEMENT|id|as_of|un_nonparties=ISO3[*],...|non_un_parties=...|non_un_enumerated=yes|no
        UPDATE|ISO3|status|action|date|signed_on|source id|note      UNCONFIRMED|ISO3|source id|note
        ASOF|date|why      NOTE|text
        LISTED|source id|as_of|why         the UPDATE lines name every signatory and party the depositary counted
                                           on that date (instruments without a 2014 table)
  data/sources/treaties/_common_sources.txt               SOURCE lines shared by several instruments
  data/states.json                                         the entities (every participant must be one)

Rules, for each entity of states.json that is not a TERRITORY (no source gave territorial application):
  1. an UNCONFIRMED line                   -> listed under "unconfirmed" (reason in "unconfirmed_detail")
  2. an UPDATE line                        -> that status, from that source
  3. PARTY in the 2014 table               -> PARTY with the table's date and kind of action
  3b. a LISTED line, for a UN member    -> NOT_PARTY (no action) as of the listing's date
  4. a COMPLEMENT line (a later source naming every UN member that is not a party, and the non-UN parties):
       UN member not named                 -> PARTY (date and kind unknown)
       UN member named                     -> SIGNATORY if starred or signed in the 2014 table, else NOT_PARTY
       non-UN entity named among parties   -> PARTY
  5. otherwise                             -> "unconfirmed" (a non-UN entity absent from a list of parties is
                                              not said to have taken no action, so it is not NOT_PARTY)
Each participant row carries the source it rests on and that source's date ("as_of"): the instrument's as_of
(the 2014 table's scrape date, or the complement's date where a complement confirms or infers the row), or an
update's own date. A date known only to
the month or year is written as the last day of that period; an undated source dates a row by the deposit date
it gives. Standard library only:  python3 scripts/generate-treaties.py [--sources DIR]
"""
import argparse, calendar, csv, io, json, os, re, sys, unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # reference_release, beside this script
from reference_release import DATA_VERSION  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
SOURCES = os.path.join(ROOT, "data", "sources", "treaties")

INSTRUMENTS = {  # convention code -> (depositary, MTDSG number, chapter); None for a depositary outside the UN
    "UNTOC": ("UN Treaty Collection, chapter XVIII.12", "XVIII-12", "18"),
    "TIP_PROTOCOL": ("UN Treaty Collection, chapter XVIII.12.a", "XVIII-12-a", "18"),
    "SOM_PROTOCOL": ("UN Treaty Collection, chapter XVIII.12.b", "XVIII-12-b", "18"),
    "FIREARMS_PROTOCOL": ("UN Treaty Collection, chapter XVIII.12.c", "XVIII-12-c", "18"),
    "DRUGS_1988": ("UN Treaty Collection, chapter VI.19", "VI-19", "6"),
    "UNCAC": ("UN Treaty Collection, chapter XVIII.14", "XVIII-14", "18"),
    "UN_CYBERCRIME": ("UN Treaty Collection, chapter XVIII.16", "XVIII-16", "18"),
    "BUDAPEST": ("Council of Europe Treaty Office, ETS No. 185 (the Secretary General of the Council of Europe)",
                 None, None),
}
# Where the depositary publishes the status of an instrument outside the UN Treaty Collection.
DEPOSITARY_URLS = {"BUDAPEST": "https://www.coe.int/en/web/conventions/full-list?module=signatures-by-treaty&treatynum=185"}
MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
ACTION_CODES = {"a": "ACCESSION", "A": "ACCEPTANCE", "AA": "APPROVAL", "c": "FORMAL_CONFIRMATION",
                "d": "SUCCESSION"}
# Names in the 2014 table (older UNTC spellings) that differ from states.json names.
ALIASES = {
    "cape verde": "CPV", "czech republic": "CZE", "turkey": "TUR",
    "the former yugoslav republic of macedonia": "MKD", "swaziland": "SWZ",
    "st kitts and nevis": "KNA", "st lucia": "LCA", "st vincent and the grenadines": "VCT",
    "netherlands": "NLD", "european union": "EUU", "european community": "EUU",
    "palestine": "PSE", "cote d ivoire": "CIV", "united kingdom": "GBR",
    "bolivia": "BOL", "iran": "IRN", "venezuela": "VEN", "micronesia": "FSM",
}


def norm(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\s*\d+\s*$", "", s)
    s = re.sub(r"[^a-z ]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def parse_cell(cell):
    """'14 Dec 2000' / ' 7 Jun 2004 a' -> ('2000-12-14', code or None)."""
    cell = (cell or "").strip()
    if not cell:
        return None, None
    m = re.match(r"^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})\s*(AA|A|a|c|d)?\s*$", cell)
    if not m:
        raise ValueError(f"unparsed date cell: {cell!r}")
    d, mon, y, code = m.groups()
    return f"{int(y):04d}-{MONTHS[mon.lower()]:02d}-{int(d):02d}", code


def end_of(partial):
    """'2022-10' -> '2022-10-31', '2023' -> '2023-12-31', full dates unchanged, anything else -> None."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", partial or ""):
        return partial
    if re.fullmatch(r"\d{4}-\d{2}", partial or ""):
        y, m = map(int, partial.split("-"))
        return f"{partial}-{calendar.monthrange(y, m)[1]:02d}"
    if re.fullmatch(r"\d{4}", partial or ""):
        return f"{partial}-12-31"
    return None


def load_baseline(path, names, unmapped, code):
    text = open(path, encoding="utf-8").read()
    header = [ln[1:].strip() for ln in text.splitlines() if ln.startswith("#")]
    as_of = next(h.split(":", 1)[1].strip().split()[0] for h in header if h.startswith("as_of:"))
    origin = next(h.split(":", 1)[1].strip() for h in header if h.startswith("source:"))
    rows = list(csv.reader(io.StringIO(text.split("[TABLE]\n", 1)[1])))
    out = {}
    for r in rows[1:]:
        if not r or not r[0].strip():
            continue
        iso = names.get(norm(r[0]))
        if iso is None:
            unmapped.append(f"{code}: {r[0]}")
            continue
        signed, _ = parse_cell(r[1] if len(r) > 1 else "")
        date, acode = parse_cell(r[2] if len(r) > 2 else "")
        rec = {"signed_on": signed, "status": "PARTY" if date else "SIGNATORY", "date": date, "action": None}
        if date:
            if acode:
                rec["action"] = ACTION_CODES[acode]
            elif signed:
                rec["action"] = "RATIFICATION"
            else:
                rec["note"] = "no signature and no action code in the scraped table (the code may have been lost)"
        out[iso] = rec
    return as_of, origin, out


def load_directives(sources_dir, code):
    d = {"sources": {}, "counts": [], "complements": [], "updates": {}, "unconfirmed": {}, "notes": [],
         "asof": None, "listed": None}
    for name in ("_common_sources.txt", f"{code}.updates.txt"):
        common = name.startswith("_")
        for ln in open(os.path.join(sources_dir, name), encoding="utf-8").read().splitlines():
            if not ln.strip() or ln.startswith("#"):
                continue
            p = ln.split("|")
            kind = p[0]
            if kind == "SOURCE":
                d["sources"][p[1]] = {"id": p[1], "as_of": p[2], "title": p[3], "url": p[4] or None}
            elif common:
                continue
            elif kind == "COUNT":
                val = lambda s: int(s.split("=")[1]) if s.split("=")[1] else None
                d["counts"].append({"source": p[1], "as_of": p[2], "parties": val(p[3]), "signatories": val(p[4])})
            elif kind == "COMPLEMENT":
                lst = [x for x in p[3].split("=", 1)[1].split(",") if x]
                d["complements"].append({"source": p[1], "as_of": p[2],
                                         "un_nonparties": {x.rstrip("*"): x.endswith("*") for x in lst},
                                         "non_un_parties": [x for x in p[4].split("=", 1)[1].split(",") if x]})
            elif kind == "UPDATE":
                dash = lambda s: None if s == "-" else s
                d["updates"][p[1]] = {"status": p[2], "action": dash(p[3]), "date": dash(p[4]),
                                      "signed_on": dash(p[5]), "source": p[6], "note": "|".join(p[7:]) or None}
            elif kind == "UNCONFIRMED":
                d["unconfirmed"][p[1]] = (p[2], "|".join(p[3:]))
            elif kind == "LISTED":
                d["listed"] = {"source": p[1], "as_of": p[2], "why": "|".join(p[3:])}
            elif kind == "ASOF":
                d["asof"] = (p[1], "|".join(p[2:]))
            elif kind == "NOTE":
                d["notes"].append("|".join(p[1:]))
            else:
                raise ValueError(f"{name}: unknown line {ln!r}")
    return d


def build(code, sources_dir, states, names, unmapped):
    depositary, mtdsg, chapter = INSTRUMENTS[code]
    table = os.path.join(sources_dir, f"{code}.txt")
    base_asof, origin, base = (load_baseline(table, names, unmapped, code) if os.path.exists(table)
                               else (None, None, {}))
    d = load_directives(sources_dir, code)
    src = d["sources"]
    status_url = DEPOSITARY_URLS.get(code) or (
        f"https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={mtdsg}&chapter={chapter}&clang=_en")
    if base_asof:
        src["UNTC_2014"] = {"id": "UNTC_2014", "as_of": base_asof, "url": status_url,
                            "title": f"UN Treaty Collection status table, MTDSG {mtdsg}, as scraped on {base_asof} "
                                     f"(github.com/zmjones/untreaties)"}
    comp = d["complements"][-1] if d["complements"] else None
    listed = d["listed"]
    as_of = d["asof"][0] if d["asof"] else base_asof
    assert as_of, f"{code}: an instrument without a 2014 table needs an ASOF line"
    as_of_note = d["asof"][1] if d["asof"] else (
        f"date of the UN Treaty Collection table scrape; rows with a later source are dated by that source")

    def cite(ids, row_date=None, inferred=False):
        parts = [src[i] for i in ids.split("+")]
        if inferred:
            when = as_of
        else:
            when = max((end_of(s["as_of"]) for s in parts if end_of(s["as_of"])), default=None) or row_date
        assert when, (code, ids)
        return {"source": "; ".join(s["title"] for s in parts), "source_url": parts[0]["url"], "as_of": when}

    participants, unconfirmed, detail, omitted = [], [], {}, []
    for s in states:
        iso = s["iso3"]
        if s["status"] == "TERRITORY":
            omitted.append(iso)
            continue
        b = base.get(iso)
        row = None
        if iso in d["unconfirmed"]:
            sid, why = d["unconfirmed"][iso]
            unconfirmed.append(iso)
            detail[iso] = f"{why} [{src[sid]['title']}]"
            continue
        if iso in d["updates"]:
            u = d["updates"][iso]
            party = u["status"] == "PARTY"
            row = {"status": u["status"], "action": u["action"] if party else None,
                   "since": u["date"] if party else None,
                   "signed_on": u["signed_on"] or (b or {}).get("signed_on"), "note": u["note"],
                   **cite(u["source"], u["date"])}
        elif b and b["status"] == "PARTY":
            note = b.get("note")
            if comp and iso in comp["un_nonparties"]:
                note = ((note + " ") if note else "") + f"DISAGREEMENT: {comp['source']} lists it as a non-party"
            row = {"status": "PARTY", "action": b["action"], "since": b["date"], "signed_on": b["signed_on"],
                   "note": note, **cite("UNTC_2014")}
            still = comp and ((s["status"] == "UN_MEMBER" and iso not in comp["un_nonparties"])
                              or iso in comp["non_un_parties"])
            if still:  # the later complement confirms the party as of the instrument's date
                row.update(source=row["source"] + "; still a party per " + cite(comp["source"], inferred=True)["source"],
                           as_of=as_of)
        elif listed and s["status"] == "UN_MEMBER":
            row = {"status": "NOT_PARTY", "action": None, "since": None, "signed_on": None,
                   "note": f"not among the signatories and parties named in this file: {listed['why']}",
                   **cite(listed["source"], listed["as_of"])}
        elif comp:
            signed = (b or {}).get("signed_on")
            if s["status"] == "UN_MEMBER" and iso not in comp["un_nonparties"]:
                row = {"status": "PARTY", "action": None, "since": None, "signed_on": signed,
                       "note": (f"not a party in the 2014 table ({'signatory' if b else 'no row'}); a party by "
                                f"{as_of}, because the later source names every UN member that is not a party and "
                                f"does not name this one; date and kind of action unknown"),
                       **cite(comp["source"], inferred=True)}
            elif s["status"] == "UN_MEMBER":
                starred = comp["un_nonparties"][iso]
                row = {"status": "SIGNATORY" if (starred or signed) else "NOT_PARTY", "action": None,
                       "since": None, "signed_on": signed,
                       "note": "named as a non-party" + (" that has signed" if starred else ""),
                       **cite(comp["source"], inferred=True)}
            elif iso in comp["non_un_parties"]:
                row = {"status": "PARTY", "action": None, "since": None, "signed_on": signed,
                       "note": "named among the parties that are not UN members; not a party in the 2014 table; "
                               "date and kind of action unknown",
                       **cite(comp["source"], inferred=True)}
        if row is None:
            unconfirmed.append(iso)
            if b:
                st = f"signatory (signed {b['signed_on']})"
            else:
                st = "no row, i.e. no action"
            if listed:
                detail[iso] = (f"not a UN member; not named among the signatories and parties of {listed['as_of']}, "
                               f"but no source read says it took no action")
            elif not base_asof:
                counted = max(d["counts"], key=lambda c: c["as_of"]) if d["counts"] else None
                detail[iso] = ("no source read names it" + (
                    f"; {len(d['updates'])} participants are named here against {counted['parties']} parties counted on "
                    f"{counted['as_of']} ({src[counted['source']]['title']})" if counted else ""))
            elif comp and s["status"] != "UN_MEMBER":
                detail[iso] = (f"2014 depositary table ({base_asof}): {st}; not among the parties named by "
                               f"{comp['source']}, which does not say whether it signed")
            else:
                detail[iso] = (f"2014 depositary table ({base_asof}): {st}; no later source names it, and the "
                               f"number of parties has grown since 2014")
            continue
        if row["status"] == "SIGNATORY" and not row["signed_on"]:
            row["signed_on"] = None
        participants.append({"state": iso, "status": row["status"], "action": row["action"], "since": row["since"],
                             "signed_on": row["signed_on"], "source": row["source"],
                             "source_url": row["source_url"], "as_of": row["as_of"], "note": row["note"]})

    n = {k: sum(p["status"] == k for p in participants) for k in ("PARTY", "SIGNATORY", "NOT_PARTY")}
    counts = sorted(d["counts"], key=lambda c: (not c["as_of"][:1].isdigit(), c["as_of"]))
    notes = [
        f"Base: the depositary's status table (MTDSG {mtdsg}) as scraped on {base_asof}; later facts come from the "
        "dated sources named in each row. The live UN Treaty Collection page could not be read in full."
        if base_asof else
        "No status table of the depositary could be read in full: every row rests on the dated source it names.",
        f"as_of {as_of}: {as_of_note}.",
        "'since' is the date of deposit of the instrument (not of entry into force); 'action' is the depositary's "
        "kind of action (no suffix = RATIFICATION when signed; a = ACCESSION, A = ACCEPTANCE, AA = APPROVAL, "
        "c = FORMAL_CONFIRMATION, d = SUCCESSION), null where no source gives it.",
    ] + ([
        "Parties of 2014 are carried forward (no denunciation was found in any source consulted).",
    ] if base_asof else []) + [
        f"Territories are listed apart (`territories`) where a source gives the party's application to them, or "
        f"records that it did not extend the instrument; the others are left out: {', '.join(omitted)}.",
        "Party counts reported by sources: " + "; ".join(
            f"{c['as_of']} {src[c['source']]['title'] if c['source'] in src else c['source']}: {c['parties']} parties"
            + (f", {c['signatories']} signatories" if c["signatories"] else "") for c in counts) + ".",
        f"Parties in this file: {n['PARTY']}; {len(unconfirmed)} entities unconfirmed.",
    ] + d["notes"]
    return {
        "convention": code,
        "depositary": depositary,
        "source": (f"UN Treaty Collection, Status of Treaties, MTDSG {mtdsg}: status table as scraped on {base_asof} "
                   f"({origin}), updated with later dated sources named in each participant row" if base_asof else
                   f"{depositary}: no status table read in full; each participant row names its own dated source"),
        "source_url": status_url,
        "as_of": as_of,
        "notes": " ".join(notes),
        "counts": {**n, "unconfirmed": len(unconfirmed)},
        "participants": sorted(participants, key=lambda p: p["state"]),
        "unconfirmed": sorted(unconfirmed),
        "unconfirmed_detail": dict(sorted(detail.items())),
    }


KINDS = {"LANGUAGES", "EXTRADITION_LEGAL_BASIS", "CENTRAL_AUTHORITY", "DESIGNATED_AUTHORITY", "RESERVATION", "OTHER"}


def declaration_sources(sources_dir):
    """The sources of declarations and territorial applications, by id: declaration-sources.tsv (source_id, as_of,
    title, url, quotation). An as_of of a month or a year is written as the period's last day, as everywhere."""
    import csv
    with open(os.path.join(sources_dir, "declaration-sources.tsv"), encoding="utf-8") as f:
        cited = {r["source_id"]: r for r in csv.DictReader(f, delimiter="\t")}
    for r in cited.values():
        assert not r["as_of"] or end_of(r["as_of"]), r
        r["as_of"] = end_of(r["as_of"]) or ""
    return cited


def declarations(sources_dir, cited):
    """What States declared to the depositary, by (instrument, ISO3): declarations.tsv (iso3, instrument, kind,
    article, summary, text, date, source_id), each row's source from `cited` (`declaration_sources`), in the order
    of the file."""
    import csv
    out = {}
    with open(os.path.join(sources_dir, "declarations.tsv"), encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            assert r["kind"] in KINDS, r
            src = cited[r["source_id"]]
            out.setdefault((r["instrument"], r["iso3"]), []).append({
                "kind": r["kind"], "article": r["article"] or None, "summary": r["summary"].strip(),
                "text": r["text"].strip(), "date": r["date"] or None, "source": src["title"],
                "source_url": src["url"] or None, "as_of": src["as_of"] or None})
    return out


def territories(sources_dir, states, cited):
    """Where a party applied an instrument to a territory, or is recorded as not having done so, by instrument:
    territories.tsv (parent, territory, instrument, applies, since, as_of, note, text, source_id), sources from
    `cited`. Each becomes a row of the territory: PARTY with action TERRITORIAL_APPLICATION and
    `since` the day the application took effect, or NOT_PARTY (not extended) as of the source's date."""
    import csv
    parent_of = {s["iso3"]: s.get("parent") for s in states}
    out = {}
    with open(os.path.join(sources_dir, "territories.tsv"), encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            assert parent_of.get(r["territory"]) == r["parent"], r
            assert r["applies"] in ("yes", "no"), r
            src = cited[r["source_id"]]
            applies = r["applies"] == "yes"
            out.setdefault(r["instrument"], []).append({
                "state": r["territory"], "status": "PARTY" if applies else "NOT_PARTY",
                "action": "TERRITORIAL_APPLICATION" if applies else None, "since": r["since"] or None,
                "signed_on": None, "extended_by": r["parent"], "source": src["title"],
                "source_url": src["url"] or None, "as_of": r["as_of"] or src["as_of"] or None,
                "note": r["note"] + ("" if (r["as_of"] or src["as_of"]) else " Source undated."), "text": r["text"]})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sources", default=SOURCES)
    ap.add_argument("--states", default=os.path.join(ROOT, "data", "states.json"))
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "treaties.json"))
    a = ap.parse_args()
    states = json.load(open(a.states, encoding="utf-8"))["states"]
    names = {norm(s["name"]): s["iso3"] for s in states}
    names.update(ALIASES)
    unmapped, instruments = [], []
    for code in INSTRUMENTS:
        instruments.append(build(code, a.sources, states, names, unmapped))
    if unmapped:
        sys.exit(f"names in the depositary tables not matched to states.json: {unmapped}")
    cited = declaration_sources(a.sources)
    declared = declarations(a.sources, cited)
    for i in instruments:
        for p in i["participants"]:
            found = declared.pop((i["convention"], p["state"]), None)
            if found:
                p["declarations"] = found
    if declared:
        sys.exit(f"declarations of States with no participation row: {sorted(declared)}")
    applied = territories(a.sources, states, cited)
    for i in instruments:
        i["territories"] = sorted(applied.pop(i["convention"], []), key=lambda t: t["state"])
    assert not applied, applied
    doc = {"data_version": DATA_VERSION,
           "source": ("United Nations Treaty Collection (depositary: the Secretary-General), status tables as scraped "
                      "in 2014, with later changes from dated UN, UNODC, INCB, government and press sources; for the "
                      "Convention on Cybercrime, the Council of Europe Treaty Office and the Dutch treaty database; "
                      "each participant row names its own source and date"),
           "instruments": instruments}
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {os.path.relpath(a.out)}", file=sys.stderr)
    for i in instruments:
        c = i["counts"]
        print(f"  {i['convention']:18s} as_of {i['as_of']}  PARTY {c['PARTY']:3d}  SIGNATORY {c['SIGNATORY']:2d}  "
              f"NOT_PARTY {c['NOT_PARTY']:2d}  unconfirmed {c['unconfirmed']:2d}", file=sys.stderr)


if __name__ == "__main__":
    main()
