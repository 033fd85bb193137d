#!/usr/bin/env python3
"""Search figures at scale: `authorities(filter: {search: …})` with `totalCount`, over a synthetic directory, on
SQLite and PostgreSQL, with the response cache off (every request runs its SQL), for many distinct terms.

    python3 bench/search.py                       # 200,000 authorities, 300 terms, the release build
    python3 bench/search.py --authorities 20000

Terms are drawn from the data as a person types them: words of names and cities, parts of words, numbers, in
random order, each asked once. On PostgreSQL the same terms are asked again with the trigram index dropped, to
show what it buys. Prints p50/p99/mean latency per database; no timed assertions.
"""
import argparse, json, os, random, statistics, subprocess, sys, tempfile, time, urllib.request, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from with_server import serving  # noqa: E402
QUERY = "query($s: String!) { authorities(filter: {search: $s}, first: 20) { totalCount nodes { id name city } } }"


def terms(n, rnd):
    words = ["justice", "ministry", "ministere", "fiscalia", "police", "prosecutor", "corruption", "central",
             "office", "authority", "procuradur", "just", "polic", "minis", "bureau", "anti", "general"]
    out = set()
    while len(out) < n:
        kind = rnd.random()
        if kind < 0.35:
            out.add(f"no. {rnd.randrange(1, 200000)}")
        elif kind < 0.6:
            out.add(f"city {rnd.randrange(0, 500)}")
        elif kind < 0.8:
            w = rnd.choice(words)
            out.add(w[: rnd.randrange(3, len(w) + 1)])
        else:
            out.add(f"{rnd.choice(words)} no. {rnd.randrange(1, 2000)}")
    return list(out)


def ask(base, term):
    body = json.dumps({"query": QUERY, "variables": {"s": term}}).encode()
    req = urllib.request.Request(base + "/graphql", body, {"content-type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as r:
        out = json.loads(r.read())
    took = time.perf_counter() - start
    if out.get("errors"):
        sys.exit(f"{term}: {out['errors']}")
    return took, out["data"]["authorities"]["totalCount"]


def run(binary, url, words, label):
    env = dict(os.environ, DATABASE_URL=url, RUST_LOG="error", CNA_RESPONSE_CACHE_MB="0", CNA_RATE_LIMIT="0",
               CNA_REQUEST_TIMEOUT="120s")
    with serving(binary, env) as base:
        ask(base, "warm up")
        times, counts = [], []
        for t in words:
            took, n = ask(base, t)
            times.append(took * 1000)
            counts.append(n)
        times.sort()
        p = lambda q: times[min(len(times) - 1, int(q * len(times)))]  # noqa: E731
        print(f"| {label} | {len(words)} | {p(0.5):.1f} | {p(0.99):.1f} | {statistics.mean(times):.1f} | "
              f"{statistics.median(counts):.0f} |", flush=True)
        return counts


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--authorities", type=int, default=200_000)
    p.add_argument("--terms", type=int, default=300)
    p.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "cna-directory"))
    p.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres")
    a = p.parse_args()
    words = terms(a.terms, random.Random(7))
    print(f"{a.authorities:,} synthetic authorities; search with totalCount, first 20, cache off; ms")
    print("| database | terms | p50 | p99 | mean | median matches |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="cna-search-") as work:
        url = f"sqlite://{work}/d.db?mode=rwc"
        subprocess.run([a.binary, "demo", "--synthetic", str(a.authorities)], env=dict(os.environ, DATABASE_URL=url,
                       RUST_LOG="warn"), check=True, stdout=subprocess.DEVNULL)
        lite = run(a.binary, url, words, "SQLite (FTS5 trigram)")
    if a.postgres:
        name = f"cna_search_{uuid.uuid4().hex}"
        base = a.postgres.rsplit("/", 1)[0]
        subprocess.run(["psql", a.postgres, "-qc", f'CREATE DATABASE "{name}"'], check=True)
        try:
            url = f"{base}/{name}"
            subprocess.run([a.binary, "demo", "--synthetic", str(a.authorities)], env=dict(os.environ,
                           DATABASE_URL=url, RUST_LOG="warn"), check=True, stdout=subprocess.DEVNULL)
            subprocess.run(["psql", url, "-qc", "ANALYZE"], check=True)
            pg = run(a.binary, url, words, "PostgreSQL (pg_trgm GIN)")
            subprocess.run(["psql", url, "-qc", "DROP INDEX authorities_search_trgm"], check=True)
            scan = run(a.binary, url, words, "PostgreSQL, index dropped (a scan)")
            if pg != lite or pg != scan:
                sys.exit("the databases answered different counts")
        finally:
            subprocess.run(["psql", a.postgres, "-qc", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], check=True)


if __name__ == "__main__":
    main()
