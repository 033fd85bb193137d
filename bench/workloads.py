"""The three workloads as each server is asked them, and the normal form both answers are compared in.

cna-directory answers each question with one document of its own schema. PostGraphile 4 answers it with what its
generated schema offers over the same tables, as a client would ask it: one document per request, the rest done by
the client (folding the search term beforehand; for the route, keeping the authorities designated for the function,
intersecting memberships and writing the warnings). The normal forms below are what both answers must equal.
"""
import calendar
import datetime
import unicodedata

W1 = ("query($s: String) { authorities(first: 50, filter: {state: $s}) { nodes { id name languages channels "
      "state { name } designations { legalBasis { code convention { code } } } networks { role network { code } } } } }")
W2 = "query($q: String) { authorities(first: 20, filter: {search: $q}) { totalCount nodes { id name city } } }"
W3 = ("query($a: String!, $b: String!) { route(from: $a, to: $b, function: MUTUAL_LEGAL_ASSISTANCE) { "
      "authorities { id name languages channels urgentChannels } sharedNetworks { code } contactPoints { role } warnings } }")

_LISTS = ("languages: authorityListItemsByAuthorityId(condition: {list: \"language\"}, orderBy: POSITION_ASC) "
          "{ nodes { value } } channels: authorityListItemsByAuthorityId(condition: {list: \"channel\"}, "
          "orderBy: POSITION_ASC) { nodes { value } } ")
PG_W1 = ("query($s: String!) { allAuthorities(first: 50, condition: {stateIso3: $s, deletedAt: null}, "
         "orderBy: [STATE_ISO3_ASC, NAME_ASC, ID_ASC]) { nodes { id name " + _LISTS +
         "stateByStateIso3 { name } designationsByAuthorityId(orderBy: LEGAL_BASIS_CODE_ASC) { nodes { "
         "legalBasisByLegalBasisCode { code conventionByConventionCode { code } } } } "
         "networkContactPointsByAuthorityId(orderBy: [NETWORK_CODE_ASC, ROLE_ASC]) { nodes { role "
         "networkByNetworkCode { code } } } } } }")
PG_W2 = "query($q: String!) { searchAuthorities(term: $q, first: 20) { totalCount nodes { id name city } } }"
PG_W3 = ("query($a: String!, $b: String!) { "
         "from: stateByIso3(iso3: $a) { iso3 name networkMembershipsByStateIso3 { nodes { networkCode } } } "
         "to: stateByIso3(iso3: $b) { iso3 name networkMembershipsByStateIso3 { nodes { networkCode } } "
         "authoritiesByStateIso3(condition: {deletedAt: null}, orderBy: [NAME_ASC, ID_ASC]) { nodes { id name "
         "lastConfirmedAt " + _LISTS + "urgent: authorityListItemsByAuthorityId(condition: {list: \"urgent_channel\"}, "
         "orderBy: POSITION_ASC) { nodes { value } } designationsByAuthorityId { nodes { legalBasisByLegalBasisCode "
         "{ function } } } networkContactPointsByAuthorityId { nodes { networkCode role } } } } } }")

# The server's default CNA_REVIEW_MONTHS: a confirmation holds this many calendar months.
REVIEW_MONTHS = 6


def add_months(t, n):
    """`t` plus `n` calendar months, the day clamped to the month's last (as chrono's checked_add_months)."""
    m = t.month - 1 + n
    y, m = t.year + m // 12, m % 12 + 1
    return t.replace(year=y, month=m, day=min(t.day, calendar.monthrange(y, m)[1]))


def requests(states, terms, pairs):
    """(ours, PostGraphile's) request bodies of each workload, in the same order."""
    return {
        "W1 list page": ([{"query": W1, "variables": {"s": s}} for s in states],
                         [{"query": PG_W1, "variables": {"s": s}} for s in states]),
        "W2 search": ([{"query": W2, "variables": {"q": t}} for t in terms],
                      [{"query": PG_W2, "variables": {"q": fold(t)}} for t in terms]),
        "W3 route": ([{"query": W3, "variables": {"a": a, "b": b}} for a, b in pairs],
                     [{"query": PG_W3, "variables": {"a": a, "b": b}} for a, b in pairs]),
    }


def fold(text):
    """The directory's folding of a search term (domain::fold), which a PostGraphile client does itself: accents
    removed, lower case, spaces collapsed."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())


def normal(workload, server, data):
    """The normal form of one answer's `data`."""
    return _NORMAL[(workload.split()[0], server)](data)


def _nodes(connection):
    return connection["nodes"]


def _ours_w1(data):
    return [{"id": a["id"], "name": a["name"], "state": a["state"]["name"], "languages": a["languages"],
             "channels": a["channels"],
             "designations": sorted((d["legalBasis"]["code"], d["legalBasis"]["convention"]["code"])
                                    for d in a["designations"]),
             "networks": sorted((n["network"]["code"], n["role"]) for n in a["networks"])}
            for a in _nodes(data["authorities"])]


def _pg_w1(data):
    return [{"id": a["id"], "name": a["name"], "state": a["stateByStateIso3"]["name"],
             "languages": [x["value"] for x in _nodes(a["languages"])],
             "channels": [x["value"] for x in _nodes(a["channels"])],
             "designations": sorted((d["legalBasisByLegalBasisCode"]["code"],
                                     d["legalBasisByLegalBasisCode"]["conventionByConventionCode"]["code"])
                                    for d in _nodes(a["designationsByAuthorityId"])),
             "networks": sorted((n["networkByNetworkCode"]["code"], n["role"])
                                for n in _nodes(a["networkContactPointsByAuthorityId"]))}
            for a in _nodes(data["allAuthorities"])]


# A search term matching more than this many authorities is counted up to it by default (`totalCountIsExact`
# false; `exactCount: true` counts every match); PostGraphile counts every match. Answers agree up to the bound.
SEARCH_COUNT_BOUND = 1000


def _w2(connection):
    return {"total": min(connection["totalCount"], SEARCH_COUNT_BOUND), "nodes": connection["nodes"]}


def _ours_w3(data):
    route = data["route"]
    return {"authorities": route["authorities"], "networks": [n["code"] for n in route["sharedNetworks"]],
            "contactPoints": [p["role"] for p in route["contactPoints"]], "warnings": route["warnings"]}


def _pg_w3(data):
    """What a PostGraphile client computes from its answer: the directory's route, field for field."""
    a, b = data["from"], data["to"]
    warnings = []
    if a["iso3"] == b["iso3"]:
        warnings.append(f"The requesting and the requested State are the same ({a['name']}).")
    everyone = _nodes(b["authoritiesByStateIso3"])
    designated = [x for x in everyone if any(d["legalBasisByLegalBasisCode"]["function"] == "MUTUAL_LEGAL_ASSISTANCE"
                                             for d in _nodes(x["designationsByAuthorityId"]))]
    if not designated:
        warnings.append(f"{b['name']} has no authority designated for mutual legal assistance in the directory.")
    now = datetime.datetime.now(datetime.timezone.utc)
    for x in designated:
        if x["lastConfirmedAt"] is None:
            warnings.append(f"The entry for {x['name']} has never been confirmed by {b['name']}.")
        else:
            at = datetime.datetime.fromisoformat(x["lastConfirmedAt"])
            if add_months(at, REVIEW_MONTHS) <= now:
                warnings.append(f"The entry for {x['name']} was last confirmed on {at:%Y-%m-%d}, "
                                f"more than {REVIEW_MONTHS} months ago (the review period).")
    members = lambda s: {m["networkCode"] for m in _nodes(s["networkMembershipsByStateIso3"])}
    shared = sorted(members(a) & members(b))
    points = sorted((p["networkCode"], x["id"], p["role"]) for x in everyone
                    for p in _nodes(x["networkContactPointsByAuthorityId"]) if p["networkCode"] in shared)
    return {"authorities": [{"id": x["id"], "name": x["name"], "languages": [v["value"] for v in _nodes(x["languages"])],
                             "channels": [v["value"] for v in _nodes(x["channels"])],
                             "urgentChannels": [v["value"] for v in _nodes(x["urgent"])]} for x in designated],
            "networks": shared, "contactPoints": [role for _, _, role in points], "warnings": warnings}


_NORMAL = {
    ("W1", "ours"): _ours_w1, ("W1", "postgraphile"): _pg_w1,
    ("W2", "ours"): lambda d: _w2(d["authorities"]), ("W2", "postgraphile"): lambda d: _w2(d["searchAuthorities"]),
    ("W3", "ours"): _ours_w3, ("W3", "postgraphile"): _pg_w3,
}
