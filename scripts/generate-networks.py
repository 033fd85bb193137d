#!/usr/bin/env python3
"""Generates data/networks.json: the networks, who belongs to them (each membership with its source and date), the
organisations that are members, and the links between networks.

Input (read only; nothing is downloaded): data/sources/networks/networks.research.json, the re-checked membership
lists (pinned by SHA-256 below), whose every fact cites its source and date (data/sources/networks/README.md says
how that file was rebuilt from data_version 4); and data/states.json, against which every State code is checked.
The editorial choices (kinds, codes, regions and descriptions, and the few re-datings below) are in this script.
Standard library only:  python3 scripts/generate-networks.py [--sources DIR]

Conventions of the output:
- "as_of" is the date of the source a fact rests on: YYYY-12-31 where the source gives only the year, null where
  the source is undated (its note then says so);
- "unconfirmed": true marks a membership that no retrieved text states outright (the note says what was found);
- status UNKNOWN: the network lists the State but publishes no member/observer split;
- "since": the date the State (or organisation) joined or took up its status, where the membership's source dates it
  to the day (the research row's optional "since"; the founding date for founding members named by the founding
  text); where the source gives only a year or a month, "since" is null and the note starts "Since YYYY[-MM].",
  rather than a day the source does not give.
"""
import argparse, hashlib, json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # reference_release, beside this script
from reference_release import DATA_VERSION  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
SOURCES = os.path.join(ROOT, "data", "sources", "networks")
RESEARCH = "networks.research.json"
RESEARCH_SHA256 = "3e087ea8310281dc275c029a0fcad1e62e8c93c29c6db6f40b655bec6ee67bb0"

KINDS = {"JUDICIAL_NETWORK", "ASSET_RECOVERY_NETWORK", "AGENCY", "FORUM", "LAW_ENFORCEMENT_NETWORK"}
STATUSES = {"MEMBER", "OBSERVER", "ASSOCIATE", "LIAISON", "COOPERATION_AGREEMENT", "UNKNOWN"}
CODES = {"OAS_MLA_NETWORK": "REMJA"}
KIND_OF = {"BALI_PROCESS": "FORUM", "GLOBE": "LAW_ENFORCEMENT_NETWORK"}

# Region and description: data_version 1 wording for the networks it had; for the new ones, from the texts saved
# beside the research file (bali_process.txt, globe.txt, remja.txt). Null where no text gives one.
PROSE = {
    "EUROJUST": ("Europe", "The EU agency through which national prosecutors and judges coordinate cross-border "
                           "investigations and prosecutions."),
    "EJN": ("Europe", "Contact points in each EU Member State that help practitioners identify the competent authority "
                      "and prepare requests (Judicial Atlas)."),
    "IBERRED": ("Ibero-America", "Network of ministries of justice, public prosecutors' offices and judiciaries of the "
                                 "Ibero-American States, constituted in Cartagena de Indias in 2004."),
    "CARIN": ("Global (Europe-based)", "Informal network of law-enforcement and judicial practitioners in asset "
                                       "tracing, freezing, seizure and confiscation; each member names a "
                                       "law-enforcement and a judicial contact point."),
    "ARIN_AP": ("Asia-Pacific", None), "ARINSA": ("Southern and East Africa", None), "ARIN_WA": ("West Africa", None),
    "ARIN_EA": ("East Africa", None), "ARIN_CARIB": ("Caribbean", None), "ARIN_WCA": ("West and Central Asia", None),
    "MENA_ARIN": ("Middle East and North Africa", None), "RRAG": ("Latin America", None),
    "WACAP": ("West Africa", None), "SEEPAG": ("South-East Europe", None),
    "CASC": ("Central Asia and South Caucasus", None), "SAHEL_PLATFORM": ("Sahel", None),
    "GREAT_LAKES_JCN": ("Great Lakes", None), "PILON": ("Pacific", None), "SEAJUST": ("South-East Asia", None),
    "BALI_PROCESS": (None, "Forum on people smuggling, trafficking in persons and related transnational crime, "
                           "established in 2002 and co-chaired by Australia and Indonesia: 45 member States and 4 "
                           "member organisations, with 18 observer States and 9 observer organisations."),
    "GLOBE": ("Global", "Global Operational Network of Anti-Corruption Law Enforcement Authorities, launched on 3 June "
                        "2021; open to the anti-corruption law enforcement authorities (UNCAC art. 36) of all UN Member "
                        "States and States parties to UNCAC; UNODC provides its secretariat."),
    "REMJA": ("Americas (OAS Member States)", "OAS network for the exchange of information on mutual assistance in "
                                              "criminal matters and extradition, formed since 2000 under the "
                                              "meetings of ministers of justice or attorneys general of the Americas "
                                              "(REMJA): a public page, a private page and a secure electronic "
                                              "communication system."),
}

# Where a dated text saved beside the research file covers a membership list whose main source is undated.
REDATE = {
    "SAHEL_PLATFORM": {
        "states": None, "as_of": "2018-09-27",
        "source": ("UNODC, 8th annual meeting of the Sahel Platform (27 Sept 2018): 'the Sahel Platform, composed of "
                   "Burkina Faso, Mali, Mauritania, Niger, Senegal, and Chad'; PCJS's own site (undated): Senegal "
                   "joined in 2014 and Chad in 2017"),
        "source_url": "https://www.unodc.org/westandcentralafrica/en/2018-09-27-8th-annual-meeting-sahel-cooperation-platform.html",
    },
    "SEEPAG": {
        "states": None, "as_of": "2005-12-15",
        "source": ("SEEPAG General Guidelines, signed 14-15 Dec 2005, Art. 1 (the 13 Prosecutors General); SELEC's "
                   "SEEPAG page (undated, before 2019) names the same 13 member States"),
        "source_url": "http://www.selec.org/m509/SEEPAG",
    },
    "ARIN_WA": {
        "states": set("BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI NER NGA SEN SLE TGO STP".split()), "as_of": "2014-11-27",
        "source": ("UNODC, launch of ARIN-WA (Accra, 24-27 Nov 2014): the workshop that officially established the "
                   "network 'brought together 47 representatives from all ECOWAS countries, as well as Sao Tomé & "
                   "Principé'; ARINWA's own site (undated): 17 member States incl. the 15 ECOWAS States and Sao Tome "
                   "and Principe"),
        "source_url": "http://www.unodc.org/westandcentralafrica/en/launch-the-asset-recovery-network-arinwa.html",
    },
}
ARIN_CARIB_TERRITORY = {
    "status": "UNKNOWN", "unconfirmed": True, "as_of": "2019-12-31",
    "source": ("ARIN-CARIB, 'Our Establishment' (page dated by the 2019 Presidency): the network serves 'the English, "
               "Dutch, French, and Spanish speaking jurisdictions and territories' of the Caribbean; RSS (c. 2025): 33 "
               "member countries and sixteen observers"),
    "source_url": "https://arin-carib.org/about-arin/",
    "note": ("Not named by any retrieved text: ARIN-CARIB's 'Members and Observers' page could not be read. Carried "
             "over from an earlier list of the directory for review; status (member or observer) unknown."),
}
ORGANIZATIONS = [
    {"code": "IOM", "name": "International Organization for Migration", "website": None,
     "source": "Bali Process website: 'the International Organization for Migration (IOM)'"},
    {"code": "UNHCR", "name": "Office of the United Nations High Commissioner for Refugees", "website": None,
     "source": "Bali Process website ('About the Bali Process'): 'the Office of the United Nations High Commissioner "
               "for Refugees'"},
    {"code": "UNODC", "name": "United Nations Office on Drugs and Crime", "website": "https://www.unodc.org",
     "source": "Indian press on the GlobE Network (Sept 2024): 'the United Nations Office on Drugs and Crime (UNODC), "
               "which provides the Network's secretariat'; website: the host of UNODC's own pages cited here"},
    {"code": "ILO", "name": "International Labour Organization", "website": None,
     "source": "Bali Process home page: 'the International Labour Organization (ILO)'"},
]
LINK_SOURCE = {
    "source": ("Carried over from data_version 1 (not re-checked). Diario16 (2021): IberRed 'cuenta con acuerdos de "
               "cooperación con Interpol, la Red Judicial Europea y Eurojust'"),
    "source_url": None, "as_of": "2021-12-31",
    "note": "The source speaks of cooperation agreements; the kind (MOU) is not re-checked.",
}
LINKS = [("IBERRED", "EJN", "MOU"), ("IBERRED", "EUROJUST", "MOU")]
SOURCE = ("Networks' own pages, annual reports and charters, UNODC, Eurojust, OAS and national ministries' pages, and "
          "press, as cited in each network and membership (the generator's input, with every citation, is "
          "data/sources/networks/networks.research.json). A membership no text states outright is marked "
          "unconfirmed; networks "
          "without a published list carry the members that could be sourced.")


def fix(text):
    """The research notes say 'the current file' for data_version 1."""
    if not text:
        return text
    return text.replace("kept from the current file", "kept from data_version 1").replace(
        "Kept from the current file", "Kept from data_version 1")


def since_of(m):
    """The research row's optional "since" (YYYY, YYYY-MM or YYYY-MM-DD): (the day, or None; the note, headed by the
    year or month where the source gives no day)."""
    since = m.get("since")
    if not since:
        return None, m.get("note")
    parts = since.split("-")
    assert len(parts) in (1, 2, 3) and all(p.isdigit() for p in parts) and len(parts[0]) == 4, m
    if len(parts) == 3:
        return since, m.get("note")
    return None, f"Since {since}." + (f" {m['note']}" if m.get("note") else "")


def undated_note(note):
    add = "Source undated."
    return f"{note} {add}" if note else add


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sources", default=SOURCES)
    ap.add_argument("--states", default=os.path.join(ROOT, "data", "states.json"))
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "networks.json"))
    a = ap.parse_args()
    raw = open(os.path.join(a.sources, RESEARCH), "rb").read()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != RESEARCH_SHA256:
        sys.exit(f"{RESEARCH}: sha256 {digest}, expected {RESEARCH_SHA256}")
    research = json.loads(raw)
    states = {s["iso3"] for s in json.load(open(a.states, encoding="utf-8"))["states"]}
    org_codes = {o["code"] for o in ORGANIZATIONS}

    networks = []
    for n in research["networks"]:
        code = CODES.get(n["code"], n["code"])
        kind = KIND_OF.get(code, n["kind"])
        assert kind in KINDS, (code, kind)
        region, description = PROSE[code]
        note = n.get("notes")
        if note:
            note = fix(note.replace("Founding year 2018 is the audit's; retrieved sources show",
                                    "Retrieved sources show"))
        founded_year = n["founded_year"]  # ARIN_WCA: 2018, the launch UNODC texts give (May 2019, May 2022)
        if code == "RRAG":
            note = "Founding year 2009 not confirmed by a retrieved text. " + (note or "")
        if n.get("observer_organizations"):
            note = (note or "") + " Observer organisations named by the sources: " + \
                   "; ".join(o for o in n["observer_organizations"] if not o.startswith("(")) + "."
        members, orgs = [], []
        for m in n["members"]:
            since, m_note = since_of(m)  # not `note`: that name holds the network's own note
            row = {"status": m["status"], "since": since, "note": fix(m_note), "source": m["source"],
                   "source_url": m["source_url"], "as_of": m["as_of"], "unconfirmed": m["unconfirmed"]}
            if m["kind"] == "ORGANIZATION":
                assert m["member"] in org_codes, m
                if row["as_of"] is None:
                    row["note"] = undated_note(row["note"])
                orgs.append({"organization": m["member"], **row})
                continue
            iso = m["member"]
            assert iso in states, (code, iso)
            if code == "ARIN_CARIB" and row["source"].startswith("audit claim"):
                row.update(ARIN_CARIB_TERRITORY)
            r = REDATE.get(code)
            if r and row["as_of"] is None and (r["states"] is None or iso in r["states"]):
                row.update(source=r["source"], source_url=r["source_url"], as_of=r["as_of"])
            if row["as_of"] is None:
                row["note"] = undated_note(row["note"])
            assert row["status"] in STATUSES and row["source"], (code, iso, row)
            members.append({"state": iso, **row})
        member_sources = list(dict.fromkeys(m["source"] for m in members + orgs))
        networks.append({
            "code": code, "name": n["name"], "kind": kind, "region": region,
            "founded_on": n["founded_on"], "founded_year": founded_year, "secretariat": n["secretariat"],
            "website": n["website"], "description": description,
            "members_source": " | ".join(member_sources) if member_sources else "No member list could be sourced.",
            "source": n["source"], "source_url": n["source_url"], "as_of": n["as_of"],
            "note": note.strip() if note else None,
            "members": sorted(members, key=lambda m: m["state"]),
            "organization_members": sorted(orgs, key=lambda m: m["organization"]),
        })
    codes = [n["code"] for n in networks]
    assert len(codes) == len(set(codes))
    links = [{"network": x, "linked": y, "kind": k, **LINK_SOURCE} for x, y, k in LINKS]
    for l in links:
        assert l["network"] in codes and l["linked"] in codes, l
    doc = {"data_version": DATA_VERSION, "source": SOURCE, "networks": networks, "organizations": ORGANIZATIONS, "links": links}
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    n_m = sum(len(n["members"]) for n in networks)
    n_u = sum(m["unconfirmed"] for n in networks for m in n["members"])
    n_null = sum(m["as_of"] is None for n in networks for m in n["members"] + n["organization_members"])
    print(f"wrote {os.path.relpath(a.out)}: {len(networks)} networks, {n_m} State memberships ({n_u} unconfirmed), "
          f"{sum(len(n['organization_members']) for n in networks)} organisation memberships, {len(links)} links; "
          f"{n_null} memberships rest on undated sources (as_of null)", file=sys.stderr)


if __name__ == "__main__":
    main()
