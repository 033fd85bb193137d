#!/usr/bin/env python3
"""Checks data/*.json: every file parses and is the data_version of scripts/reference_release.py; every State code
referenced (parents, treaty participants and unconfirmed lists, memberships) exists in states.json; every network, convention and organisation
code referenced exists; no duplicate (network, State) or (convention, State); every membership and participant row
has a source and an as_of (a date, or null only where its source is undated); enumerations hold known values; the
generators whose inputs are in the repository (treaties, networks) give back the published files byte for byte.
It also checks that data/README.md's table of party counts (ours against the latest count a source reports) is
the data's; `--write` rewrites that table.
Standard library only:  python3 scripts/check-data.py [--write]   (exit status 1 on any problem)
"""
import json, os, re, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # reference_release, beside this script
from reference_release import DATA_VERSION  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
LANGS = {"ar", "zh", "en", "fr", "ru", "es"}
STATE_STATUS = {"UN_MEMBER", "UN_OBSERVER", "NON_MEMBER_STATE", "TERRITORY", "ORGANIZATION", "OTHER_ENTITY"}
PARTY_STATUS = {"PARTY", "SIGNATORY", "NOT_PARTY"}
ACTIONS = {"RATIFICATION", "ACCESSION", "ACCEPTANCE", "APPROVAL", "SUCCESSION", "FORMAL_CONFIRMATION", None}
KINDS = {"JUDICIAL_NETWORK", "ASSET_RECOVERY_NETWORK", "AGENCY", "FORUM", "LAW_ENFORCEMENT_NETWORK"}
MEMBERSHIP = {"MEMBER", "OBSERVER", "ASSOCIATE", "LIAISON", "COOPERATION_AGREEMENT", "UNKNOWN"}
CHANNELS = {"DIRECT", "CENTRAL_AUTHORITY", "DIPLOMATIC", "INTERPOL"}
FUNCTIONS = {"MUTUAL_LEGAL_ASSISTANCE", "EXTRADITION", "TRANSFER_OF_SENTENCED_PERSONS", "ILLICIT_TRAFFIC_BY_SEA",
             "MIGRANT_SMUGGLING_BY_SEA", "FIREARMS", "CRIME_PREVENTION", "CORRUPTION_PREVENTION", "ASSET_RECOVERY",
             "CIVIL_ADMINISTRATIVE_COOPERATION", "CONTACT_POINT_24_7"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
problems = []


def bad(msg):
    problems.append(msg)


def is_date(v):
    return isinstance(v, str) and bool(DATE.match(v))


def sourced(where, row, undated_ok):
    if not (isinstance(row.get("source"), str) and row["source"].strip()):
        bad(f"{where}: no source")
    if "as_of" not in row:
        bad(f"{where}: no as_of")
    elif row["as_of"] is None:
        if not undated_ok or "undated" not in (row.get("note") or "").lower():
            bad(f"{where}: as_of null without an undated source")
    elif not is_date(row["as_of"]):
        bad(f"{where}: as_of {row['as_of']!r} is not YYYY-MM-DD")


def load(name):
    path = os.path.join(DATA, name)
    if not os.path.exists(path):
        return None
    try:
        doc = json.load(open(path, encoding="utf-8"))
    except ValueError as e:
        bad(f"{name}: does not parse: {e}")
        return None
    if doc.get("data_version") != DATA_VERSION:
        bad(f"{name}: data_version {doc.get('data_version')!r}")
    return doc


def regenerates(script, published):
    """The published file is what its generator writes from the committed inputs."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, published)
        run = subprocess.run([sys.executable, os.path.join(os.path.dirname(DATA), "scripts", script), "--out", out],
                             capture_output=True, text=True)
        if run.returncode != 0:
            bad(f"{script} failed: {run.stderr.strip()[-300:]}")
        elif open(out, "rb").read() != open(os.path.join(DATA, published), "rb").read():
            bad(f"{script} does not give back data/{published}: run it and commit the result, or mend its inputs")


COUNTS_START, COUNTS_END = "<!-- counts: written by scripts/check-data.py --write -->", "<!-- counts end -->"
NAMES = {"UNTOC": "UNTOC", "TIP_PROTOCOL": "Trafficking in Persons Protocol", "SOM_PROTOCOL":
         "Smuggling of Migrants Protocol", "FIREARMS_PROTOCOL": "Firearms Protocol", "DRUGS_1988": "1988 Convention",
         "UNCAC": "UNCAC", "UN_CYBERCRIME": "UN Convention against Cybercrime", "BUDAPEST": "Budapest Convention"}


def latest_counts():
    """Per instrument, the most recent dated party count a source reports (`COUNT` lines of the generator's
    inputs): (date, parties, source title)."""
    base = os.path.join(DATA, "sources", "treaties")
    common = open(os.path.join(base, "_common_sources.txt"), encoding="utf-8").read().splitlines()
    found = {}
    for code in NAMES:
        lines = open(os.path.join(base, f"{code}.updates.txt"), encoding="utf-8").read().splitlines()
        titles = {l.split("|")[1]: l.split("|")[3] for l in common + lines if l.startswith("SOURCE|")}
        counts = [l.split("|") for l in lines if l.startswith("COUNT|")]
        dated = [(c[2], int(c[3].split("=")[1]), titles.get(c[1], c[1])) for c in counts if c[2] != "undated"]
        found[code] = max(dated)
    return found


def counts_table(treaties):
    """The table of party counts in data/README.md: ours against the latest public count, with its source."""
    latest = latest_counts()
    rows = ["| instrument | parties here | unconfirmed here | latest public count | as of | source of the count |",
            "|---|---|---|---|---|---|"]
    for i in treaties["instruments"]:
        when, parties, source = latest[i["convention"]]
        rows.append(f"| {NAMES[i['convention']]} | {i['counts']['PARTY']} | {i['counts']['unconfirmed']} | "
                    f"{parties} | {when} | {source.replace('|', '/')} |")
    return "\n".join(rows)


def checks_counts(treaties, write):
    """data/README.md shows the counts the data has now; `--write` puts them there."""
    path = os.path.join(DATA, "README.md")
    text = open(path, encoding="utf-8").read()
    start, end = text.find(COUNTS_START), text.find(COUNTS_END)
    if start < 0 or end < start:
        bad("data/README.md: no counts table (markers missing)")
        return
    table = counts_table(treaties)
    current = text[start + len(COUNTS_START):end].strip()
    if current == table:
        return
    if write:
        open(path, "w", encoding="utf-8").write(text[:start + len(COUNTS_START)] + "\n" + table + "\n" + text[end:])
    else:
        bad("data/README.md: the counts table is not the data's; run python3 scripts/check-data.py --write")


def main():
    states, conventions, treaties, networks, labels = (load(n) for n in (
        "states.json", "conventions.json", "treaties.json", "networks.json", "labels.json"))
    codes = set()
    for s in states["states"]:
        if s["iso3"] in codes:
            bad(f"states: duplicate {s['iso3']}")
        codes.add(s["iso3"])
        if s["status"] not in STATE_STATUS:
            bad(f"states {s['iso3']}: status {s['status']}")
        if "names" in s and set(s["names"]) != LANGS:
            bad(f"states {s['iso3']}: names {sorted(s['names'])}")
        for k in ("intermediate_region", "note"):
            if k not in s:
                bad(f"states {s['iso3']}: no {k}")
        if "as_of" in s and s["as_of"] is not None and not is_date(s["as_of"]):
            bad(f"states {s['iso3']}: as_of {s['as_of']!r}")
    for s in states["states"]:
        if s["parent"] is not None and s["parent"] not in codes:
            bad(f"states {s['iso3']}: parent {s['parent']} unknown")
    if not is_date(states.get("as_of")):
        bad("states: top-level as_of")

    conv_codes = {c["code"] for c in conventions["conventions"]}
    for c in conventions["conventions"]:
        if not set(c["titles"]) <= LANGS or set(c["titles"]) != set(c["titles_source"]):
            bad(f"conventions {c['code']}: titles / titles_source languages")
        for k in ("adopted_on", "entry_into_force_on", "as_of"):
            if not is_date(c.get(k)):
                # A date no source gave stays null, and the convention's notes say why: a convention not yet in
                # force, or one whose adoption date was not read (it must then have been opened for signature).
                unknown = (k == "entry_into_force_on" and "not in force" in (c.get("notes") or "").lower()) or (
                    k == "adopted_on" and is_date(c.get("opened_for_signature_on")))
                if c.get(k) is not None or not unknown:
                    bad(f"conventions {c['code']}: {k}")
    for b in conventions["legal_bases"]:
        if b["convention"] not in conv_codes or b["function"] not in FUNCTIONS:
            bad(f"legal basis {b['code']}: convention or function unknown")
    if "parties" in conventions:
        bad("conventions: 'parties' should be in treaties.json")

    for i in treaties["instruments"]:
        c = i["convention"]
        if c not in conv_codes:
            bad(f"treaties: convention {c} unknown")
        seen = set()
        for p in i["participants"]:
            where = f"treaties {c}/{p['state']}"
            if p["state"] not in codes:
                bad(f"{where}: state unknown")
            if p["state"] in seen:
                bad(f"{where}: duplicate")
            seen.add(p["state"])
            if p["status"] not in PARTY_STATUS or p["action"] not in ACTIONS:
                bad(f"{where}: status/action {p['status']}/{p['action']}")
            for k in ("since", "signed_on"):
                if p[k] is not None and not is_date(p[k]):
                    bad(f"{where}: {k} {p[k]!r}")
            sourced(where, p, undated_ok=False)
            # What the server parses as dates must be dates: a year alone would stop the reference load.
            for d in p.get("declarations") or []:
                for k in ("date", "as_of"):
                    if d.get(k) is not None and not is_date(d[k]):
                        bad(f"{where}: declaration {d.get('kind')} {k} {d[k]!r}")
                if not (isinstance(d.get("source"), str) and d["source"].strip()):
                    bad(f"{where}: declaration {d.get('kind')} without a source")
        for u in i["unconfirmed"]:
            if u not in codes:
                bad(f"treaties {c}: unconfirmed {u} unknown")
            if u in seen:
                bad(f"treaties {c}: {u} both participant and unconfirmed")

    net_codes = {n["code"] for n in networks["networks"]}
    org_codes = {o["code"] for o in networks["organizations"]}
    for n in networks["networks"]:
        if n["kind"] not in KINDS:
            bad(f"networks {n['code']}: kind {n['kind']}")
        seen = set()
        for m in n["members"]:
            where = f"networks {n['code']}/{m['state']}"
            if m["state"] not in codes:
                bad(f"{where}: state unknown")
            if m["state"] in seen:
                bad(f"{where}: duplicate")
            seen.add(m["state"])
            if m["status"] not in MEMBERSHIP or not isinstance(m.get("unconfirmed"), bool):
                bad(f"{where}: status/unconfirmed")
            sourced(where, m, undated_ok=True)
        for o in n["organization_members"]:
            where = f"networks {n['code']}/{o['organization']}"
            if o["organization"] not in org_codes:
                bad(f"{where}: organisation unknown")
            sourced(where, o, undated_ok=True)
    for l in networks["links"]:
        if l["network"] not in net_codes or l["linked"] not in net_codes:
            bad(f"link {l}: network unknown")
        sourced(f"link {l['network']}-{l['linked']}", l, undated_ok=False)

    if labels is not None:
        for enum, values in labels["enums"].items():
            for value, terms in values.items():
                for lang, t in terms.items():
                    if lang not in LANGS or not t.get("label") or not t.get("source"):
                        bad(f"labels {enum}.{value}.{lang}: label and source needed")
                if terms and "en" not in terms:
                    # The API falls back to English: a value with terms but no English one would answer none.
                    bad(f"labels {enum}.{value}: terms in other languages but none in English")
        schema_values = {"AuthorityFunction": FUNCTIONS, "Channel": CHANNELS, "PartyStatus": PARTY_STATUS,
                         "StateStatus": STATE_STATUS, "MembershipStatus": MEMBERSHIP}
        for enum, values in schema_values.items():
            unlabelled = {v for v in values if v not in labels["enums"].get(enum, {})}
            if unlabelled != set(labels["missing"].get(enum, [])):
                bad(f"labels missing.{enum} should list {sorted(unlabelled)}")
        total = sum(len(v) for v in schema_values.values())
        sparse = [l for l in ("ar", "zh", "fr", "ru", "es")
                  if 2 * sum(l in t for vs in labels["enums"].values() for t in vs.values()) < total]
        if sparse != labels["missing"].get("languages"):
            bad(f"labels missing.languages should be {sparse}")

    regenerates("generate-treaties.py", "treaties.json")
    regenerates("generate-networks.py", "networks.json")
    checks_counts(treaties, "--write" in sys.argv[1:])

    n_members = sum(len(n["members"]) for n in networks["networks"])
    n_part = sum(len(i["participants"]) for i in treaties["instruments"])
    print(f"{len(codes)} states, {len(conv_codes)} conventions, {n_part} treaty rows, {len(net_codes)} networks, "
          f"{n_members} memberships: {len(problems)} problem(s)")
    for p in problems:
        print("  " + p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
