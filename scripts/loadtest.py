#!/usr/bin/env python3
"""Load test: many concurrent clients mix reads of every kind with focal-point updates against the real server
on a fresh PostgreSQL database, then check that no acknowledged write was lost.

    python3 scripts/loadtest.py                       # 30 s against the release build (built if needed)
    python3 scripts/loadtest.py --seconds 5 --binary target/debug/cna-directory   # the short form CI runs

Prints throughput, p50/p99 latency and errors per kind of request; exits 1 on any unexpected error, on any
acknowledged update missing from the final versions, or on an audit log that does not match the updates.
Needs only Python's standard library, `psql` and the PostgreSQL server of DATABASE_ADMIN_URL.
"""
import argparse, json, os, random, socket, subprocess, sys, threading, time, urllib.request, urllib.error, uuid

SECRET = "load-test-secret-that-is-long-enough-0123456789"
READS = {
    "list": ('query($s: String) { authorities(first: 50, filter: {state: $s}) { totalCount nodes { name languages '
             'channels state { name } designations { legalBasis { code convention { code } } } networks { role network { code } } } } }'),
    "search": 'query($q: String) { authorities(first: 20, filter: {search: $q}) { totalCount nodes { name city } } }',
    "route": ('query($a: String!, $b: String!) { route(from: $a, to: $b, function: MUTUAL_LEGAL_ASSISTANCE) { '
              'authorities { name languages urgentChannels } sharedNetworks { code } contactPoints { role } warnings } }'),
    "states": 'query($n: String) { states(first: 100, filter: {network: $n}) { totalCount nodes { iso3 name memberships { status } } } }',
    "network": 'query($n: String!) { network(code: $n) { name members { state { name } } contactPoints { role authority { name } } } }',
}
TERMS = ["justice", "ministere", "fiscalia", "police", "anti-corruption", "prosecutor", "bogota", "opg"]
NETWORKS = ["EJN", "CARIN", "IBERRED", "EUROJUST"]
UPDATE = ('mutation($id: ID!, $v: Int!, $notes: String) { updateAuthority(id: $id, expectedVersion: $v, '
          'input: {notes: $notes}) { version } }')


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url, query, variables=None, token=None, timeout=30):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    req = urllib.request.Request(url, data=body, headers={"content-type": "application/json"})
    if token:
        req.add_header("authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def percentile(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = {}
        self.errors = {}

    def record(self, kind, seconds, ok, detail=None):
        with self.lock:
            self.latency.setdefault(kind, []).append(seconds)
            if not ok:
                self.errors.setdefault(kind, []).append(detail)


def reader(url, token, states, stop, stats, seed):
    rnd = random.Random(seed)
    while not stop.is_set():
        kind = rnd.choice(list(READS))
        variables = {
            "list": lambda: {"s": rnd.choice(states)},
            "search": lambda: {"q": rnd.choice(TERMS)},
            "route": lambda: {"a": rnd.choice(states), "b": rnd.choice(states)},
            "states": lambda: {"n": rnd.choice(NETWORKS)},
            "network": lambda: {"n": rnd.choice(NETWORKS)},
        }[kind]()
        started = time.perf_counter()
        status, body = post(url, READS[kind], variables, token if rnd.random() < 0.5 else None)
        ok = status == 200 and "errors" not in body
        stats.record(kind, time.perf_counter() - started, ok, None if ok else (status, body))


def writer(url, token, authorities, stop, stats, acknowledged):
    """Owns its State's authorities: every update carries the version it last saw, so none should conflict."""
    versions = {a: 1 for a in authorities}
    n = 0
    while not stop.is_set():
        a = authorities[n % len(authorities)]
        n += 1
        started = time.perf_counter()
        status, body = post(url, UPDATE, {"id": a, "v": versions[a], "notes": f"SAMPLE ENTRY (load test update {n})"}, token)
        ok = status == 200 and "errors" not in body
        stats.record("update", time.perf_counter() - started, ok, None if ok else (status, body))
        if ok:
            versions[a] = body["data"]["updateAuthority"]["version"]
            acknowledged[a] = acknowledged.get(a, 0) + 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--readers", type=int, default=24)
    ap.add_argument("--writers", type=int, default=8)
    ap.add_argument("--binary", default=None, help="server binary (default: build and use the release build)")
    ap.add_argument("--admin-url", default=os.environ.get("DATABASE_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = args.binary
    if binary is None:
        subprocess.run(["cargo", "build", "--release", "--bin", "cna-directory"], cwd=root, check=True)
        binary = os.path.join(root, "target", "release", "cna-directory")
    db = f"cna_load_{uuid.uuid4().hex[:12]}"
    base = args.admin_url.rsplit("/", 1)[0]
    subprocess.run(["psql", args.admin_url, "-qc", f'CREATE DATABASE "{db}"'], check=True)
    env = dict(os.environ, DATABASE_URL=f"{base}/{db}", CNA_JWT_SECRET=SECRET, CNA_RATE_LIMIT="0", RUST_LOG="warn")
    port = free_port()
    server = None
    try:
        subprocess.run([binary, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
        server = subprocess.Popen([binary, "serve", "--listen", f"127.0.0.1:{port}"], env=env)
        url = f"http://127.0.0.1:{port}/graphql"
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1)
                break
            except Exception:
                time.sleep(0.05)
        mint = lambda *a: subprocess.run([binary, "token", *a], env=env, check=True, capture_output=True, text=True).stdout.strip()
        reader_token = mint("--role", "reader", "--sub", "load-reader")
        admin_token = mint("--role", "admin", "--sub", "load-admin")
        _, body = post(url, "{ authorities(first: 100) { nodes { id state { iso3 } } } }")
        by_state = {}
        for node in body["data"]["authorities"]["nodes"]:
            by_state.setdefault(node["state"]["iso3"], []).append(node["id"])
        states = sorted(by_state)
        owned = states[: args.writers]
        stats, stop, acknowledged = Stats(), threading.Event(), {}
        threads = [threading.Thread(target=reader, args=(url, reader_token, states, stop, stats, i)) for i in range(args.readers)]
        for s in owned:
            token = mint("--role", "focal_point", "--state", s, "--sub", f"load-{s}")
            threads.append(threading.Thread(target=writer, args=(url, token, by_state[s], stop, stats, acknowledged)))
        started = time.perf_counter()
        for t in threads:
            t.start()
        time.sleep(args.seconds)
        stop.set()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started

        failures = []
        total = sum(len(v) for v in stats.latency.values())
        print(f"{total} requests in {elapsed:.1f} s: {total / elapsed:.0f} requests/s "
              f"({args.readers} readers, {len(owned)} focal points)")
        print(f"{'kind':<8} {'count':>7} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for kind in sorted(stats.latency):
            lat = stats.latency[kind]
            errs = stats.errors.get(kind, [])
            print(f"{kind:<8} {len(lat):>7} {percentile(lat, 50) * 1000:>8.1f} {percentile(lat, 99) * 1000:>8.1f} {len(errs):>7}")
            failures += [f"{kind}: {e}" for e in errs[:3]]

        # Every acknowledged update is there: versions and the audit log agree with the acknowledgements.
        for a, count in acknowledged.items():
            _, body = post(url, 'query($id: ID!) { authority(id: $id) { version history(first: 100) { totalCount } } }', {"id": a}, admin_token)
            node = body["data"]["authority"]
            if node["version"] != 1 + count:
                failures.append(f"authority {a}: version {node['version']}, expected {1 + count}")
            if node["history"]["totalCount"] != count:
                failures.append(f"authority {a}: {node['history']['totalCount']} audit rows, expected {count}")
        print(f"{sum(acknowledged.values())} acknowledged updates checked against versions and the audit log")
        if failures:
            print("FAILED:", *failures[:20], sep="\n  ")
            return 1
        print("load test passed")
        return 0
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
        subprocess.run(["psql", args.admin_url, "-qc", f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'], check=False)


sys.exit(main())
