#!/usr/bin/env python3
"""CI check of the mirror: examples/mirror.py keeps a copy equal to a fresh snapshot while the directory changes.

    python3 examples/mirror_check.py --binary target/debug/cna-directory [--postgres URL] [--seconds 8]

Starts the server (SQLite file, or a fresh database on the PostgreSQL at --postgres, dropped afterwards) with the
sample authorities, takes a snapshot with the example client, then lets writers change the directory (authorities
created, edited, confirmed and deleted; public and restricted contacts added, made public or restricted, removed;
designations; memberships) while the client follows; at the end the copy must equal a fresh snapshot.
"""
import argparse, json, os, random, socket, subprocess, sys, tempfile, threading, time, urllib.request, uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mirror import Mirror  # noqa: E402

SECRET = "mirror-check-secret-0123456789abcdef0123"
STATES = ["FRA", "DEU", "ESP", "ITA", "BRA", "KEN"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    def __init__(self, base, token):
        self.base, self.token = base, token

    def gql(self, query, variables=None):
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        req = urllib.request.Request(self.base + "/graphql", body, {"content-type": "application/json",
                                                                  "authorization": f"Bearer {self.token}"})
        with urllib.request.urlopen(req, timeout=30) as r:
            out = json.loads(r.read())
        if out.get("errors"):
            raise RuntimeError(json.dumps(out["errors"])[:500])
        return out["data"]


def writer(client, state, stop, errors, rnd):
    mine = []  # (authority id, version)
    contacts = []  # (contact id, version, visibility)
    try:
        while not stop.is_set():
            roll = rnd.random()
            if roll < 0.3 or not mine:
                d = client.gql("mutation($i: AuthorityInput!) { createAuthority(input: $i) { id version } }",
                               {"i": {"state": state, "name": f"Bureau {uuid.uuid4().hex[:12]}", "city": "Lyon",
                                      "languages": ["fr"], "channels": ["DIRECT"]}})
                mine.append((d["createAuthority"]["id"], d["createAuthority"]["version"]))
            elif roll < 0.45:
                i = rnd.randrange(len(mine))
                aid, v = mine[i]
                d = client.gql("mutation($id: ID!, $v: Int!, $c: String) { updateAuthority(id: $id, expectedVersion: $v, input: {city: $c}) { version } }",
                               {"id": aid, "v": v, "c": rnd.choice(["Genève", "Łódź", None])})
                mine[i] = (aid, d["updateAuthority"]["version"])
            elif roll < 0.6:
                aid, _ = rnd.choice(mine)
                vis = rnd.choice(["PUBLIC", "RESTRICTED"])
                d = client.gql("mutation($id: ID!, $v: Visibility) { addContact(authorityId: $id, input: {name: \"Desk\", visibility: $v}) { id version } }",
                               {"id": aid, "v": vis})
                contacts.append((d["addContact"]["id"], d["addContact"]["version"], vis))
            elif roll < 0.7 and contacts:
                i = rnd.randrange(len(contacts))
                cid, v, vis = contacts[i]
                new = "RESTRICTED" if vis == "PUBLIC" else "PUBLIC"
                try:
                    d = client.gql("mutation($id: ID!, $v: Int!, $vis: Visibility) { updateContact(id: $id, expectedVersion: $v, input: {visibility: $vis}) { version } }",
                                   {"id": cid, "v": v, "vis": new})
                    contacts[i] = (cid, d["updateContact"]["version"], new)
                except RuntimeError as e:
                    if "NOT_FOUND" not in str(e):
                        raise
                    contacts.pop(i)
            elif roll < 0.78 and contacts:
                cid, _, _ = contacts.pop(rnd.randrange(len(contacts)))
                client.gql("mutation($id: ID!) { removeContact(id: $id) }", {"id": cid})
            elif roll < 0.86:
                aid, _ = rnd.choice(mine)
                try:
                    client.gql("mutation($id: ID!) { addDesignation(authorityId: $id, input: {legalBasis: \"UNCAC_46_13\"}) { id } }", {"id": aid})
                except RuntimeError as e:
                    if "CONFLICT" not in str(e):
                        raise
            elif roll < 0.93:
                i = rnd.randrange(len(mine))
                aid, _ = mine[i]
                d = client.gql("mutation($id: ID!) { confirmAuthority(id: $id) { version } }", {"id": aid})
                mine[i] = (aid, d["confirmAuthority"]["version"])
            else:
                aid, v = mine.pop(rnd.randrange(len(mine)))
                client.gql("mutation($id: ID!, $v: Int!) { deleteAuthority(id: $id, expectedVersion: $v) }", {"id": aid, "v": v})
                contacts = [c for c in contacts if c[0] is not None]
    except Exception as e:  # noqa: BLE001 — reported by the main thread
        errors.append(f"{state}: {e}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default="target/debug/cna-directory")
    p.add_argument("--postgres", default="", help="an administrator URL: run on a fresh database there")
    p.add_argument("--seconds", type=float, default=8.0)
    a = p.parse_args()
    work = tempfile.mkdtemp(prefix="cna-mirror-")
    dbname = None
    if a.postgres:
        dbname = f"cna_mirror_{uuid.uuid4().hex}"
        subprocess.run(["psql", a.postgres, "-qc", f'CREATE DATABASE "{dbname}"'], check=True)
        url = a.postgres.rsplit("/", 1)[0] + "/" + dbname
    else:
        url = f"sqlite://{work}/d.db?mode=rwc"
    port = free_port()
    env = dict(os.environ, DATABASE_URL=url, CNA_LISTEN=f"127.0.0.1:{port}", CNA_JWT_SECRET=SECRET,
               RUST_LOG="warn", CNA_RATE_LIMIT="0")
    server = subprocess.Popen([a.binary, "serve", "--demo"], env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/readyz", timeout=1)
                break
            except Exception:  # noqa: BLE001
                time.sleep(0.1)
        else:
            sys.exit("the server did not become ready")
        m = Mirror(base)
        m.start()
        print(f"snapshot: {len(m.copy)} entries at {m.after}")
        stop, errors = threading.Event(), []
        threads = []
        for i, state in enumerate(STATES):
            token = subprocess.run([a.binary, "token", "--role", "focal_point", "--state", state, "--sub", f"w{i}"],
                                   env=env, capture_output=True, text=True, check=True).stdout.strip()
            t = threading.Thread(target=writer, args=(Client(base, token), state, stop, errors, random.Random(i)))
            t.start()
            threads.append(t)
        applied, end = 0, time.time() + a.seconds
        while time.time() < end:
            applied += m.catch_up()
            time.sleep(0.2)
        stop.set()
        for t in threads:
            t.join()
        if errors:
            sys.exit("writers failed:\n" + "\n".join(errors))
        applied += m.catch_up()
        fresh, at = m.snapshot()
        print(f"followed {applied} public changes; copy {len(m.copy)} entries at {m.after}, fresh snapshot "
              f"{len(fresh)} at {at}")
        if m.copy != fresh:
            missing = [k for k in fresh if k not in m.copy][:5]
            extra = [k for k in m.copy if k not in fresh][:5]
            differ = [k for k in fresh if k in m.copy and fresh[k] != m.copy[k]][:3]
            for k in differ:
                print("differs:", k, json.dumps(fresh[k], sort_keys=True)[:300], json.dumps(m.copy[k], sort_keys=True)[:300])
            sys.exit(f"the copy differs from a fresh snapshot: missing {missing}, extra {extra}, different {differ}")
        if applied == 0:
            sys.exit("no change reached the mirror: the check checked nothing")
        print("the copy equals a fresh snapshot")
    finally:
        server.terminate()
        server.wait(timeout=30)
        if dbname:
            subprocess.run(["psql", a.postgres, "-qc", f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)'], check=False)


if __name__ == "__main__":
    main()
