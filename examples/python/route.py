#!/usr/bin/env python3
"""The directory from Python with `gql` (pinned in requirements.txt): where a request for mutual legal assistance
from France to Spain goes, then — with a focal point's token in CNA_TOKEN — a change to France's entries.

    pip install -r examples/python/requirements.txt
    python3 examples/python/route.py http://127.0.0.1:8080/graphql
"""
import os, sys, uuid

from gql import Client, gql
from gql.transport.requests import RequestsHTTPTransport

ROUTE = gql("""
query Route($from: String!, $to: String!) {
  route(from: $from, to: $to, function: MUTUAL_LEGAL_ASSISTANCE, convention: "UNTOC") {
    bothParties
    authorities { name languages email }
    warnings
  }
}
""")

CREATE = gql("""
mutation Create($input: AuthorityInput!) { createAuthority(input: $input) { id version name } }
""")


def main():
    url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080/graphql"
    token = os.environ.get("CNA_TOKEN")
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with Client(transport=RequestsHTTPTransport(url=url, headers=headers), fetch_schema_from_transport=True) as s:
        route = s.execute(ROUTE, variable_values={"from": "FRA", "to": "ESP"})["route"]
        print(f"both parties to UNTOC: {route['bothParties']}")
        for a in route["authorities"]:
            print(f"- {a['name']} ({', '.join(a['languages'])}) {a['email'] or ''}")
        for w in route["warnings"]:
            print(f"  warning: {w}")
        if not route["authorities"]:
            sys.exit("no authority found: load the sample data (cna-directory demo)")
        if token:
            name = f"Bureau d'essai {uuid.uuid4().hex[:8]}"
            created = s.execute(CREATE, variable_values={"input": {"state": "FRA", "name": name}})
            print(f"created {created['createAuthority']['name']} at version {created['createAuthority']['version']}")


if __name__ == "__main__":
    main()
