"""The results file: the figures, the ratios and each target of the benchmark, met or missed."""
import datetime, json, os, platform, subprocess

OURS, UNCACHED, PEER, STATIC = "cna-directory", "cna-directory, cache off", "PostGraphile 4", "static baseline"
SQLITE = ("cna-directory on SQLite", "cna-directory on SQLite, cache off")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown CPU")
    mem = next((l.split(":", 1)[1].strip() for l in open("/proc/meminfo") if l.startswith("MemTotal")), "")
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    lock = json.load(open(os.path.join(ROOT, "bench", "postgraphile", "package-lock.json")))
    postgraphile = lock["packages"]["node_modules/postgraphile"]["version"]
    return (f"{platform.node()}: {os.cpu_count()} cores, {platform.machine()}, {cpu}, {mem} memory; "
            f"{platform.system()} {platform.release()}; PostgreSQL 15; PostGraphile {postgraphile} on Node.js {node}")


def _figure(value, digits):
    return "n/a" if value is None else f"{value:,.{digits}f}"


def _ratio(a, b):
    return a / b if a is not None and b else None


def render(args, rows, page_sizes):
    kind = "smoke" if args.smoke else "full"
    out = [f"# cna-directory benchmark ({kind})\n",
           f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; {args.authorities:,} synthetic "
           f"authorities (`demo --synthetic {args.authorities} --seed 42`); {args.seconds} s per workload after "
           f"{args.warmup} s of warm-up; median of {args.rounds} interleaved round(s); wrk 1 thread, 32 connections on "
           "core 1; each server on core 0; a private PostgreSQL 15 cluster on the same machine.\n",
           f"Machine: {_machine()}.\n",
           "## Figures\n",
           "| workload | server | requests/s | p50 ms | p99 ms | statements/request | CPU s / 1,000 req | peak MB |",
           "|---|---|---|---|---|---|---|---|"]
    for workload, servers in rows:
        for name, m in servers.items():
            out.append(f"| {workload} | {name} | {_figure(m[0], 0)} | {_figure(m[1], 2)} | {_figure(m[2], 2)} | "
                       f"{_figure(m[3], 2)} | {_figure(m[4], 3)} | {_figure(m[5], 0)} |")
    out += ["", "## Ratios\n", "| workload | server | / PostGraphile requests/s | / PostGraphile p99 | "
            "/ static requests/s | / static p99 |", "|---|---|---|---|---|---|"]
    for workload, servers in rows:
        peer, static = servers[PEER], servers[STATIC]
        for name in (OURS, UNCACHED):
            m = servers[name]
            out.append(f"| {workload} | {name} | {_figure(_ratio(m[0], peer[0]), 2)} | "
                       f"{_figure(_ratio(m[2], peer[2]), 3)} | {_figure(_ratio(m[0], static[0]), 3)} | "
                       f"{_figure(_ratio(m[2], static[2]), 2)} |")
    out += ["", "## Targets\n", "Judged on the server as configured by default (`cna-directory`, response cache on).\n",
            "| target | measured | |", "|---|---|---|"]
    by = dict(rows)
    for workload, factor in (("W1 list page", 2.0), ("W2 search", 2.5), ("W3 route", 1.5)):
        ratio = _ratio(by[workload][OURS][0], by[workload][PEER][0])
        out.append(f"| {workload.split()[0]}: ≥ {factor}× PostGraphile's requests/s | {_figure(ratio, 1)}× | "
                   f"{_verdict(ratio is not None and ratio >= factor)} |")
    p99 = _ratio(by["W1 list page"][OURS][2], by["W1 list page"][PEER][2])
    out.append(f"| W1: ≤ 0.5× PostGraphile's p99 | {_figure(p99, 3)}× | {_verdict(p99 is not None and p99 <= 0.5)} |")
    counts = ", ".join(f"{n}: {c:.1f}" for n, c in page_sizes.items())
    constant = max(page_sizes.values()) - min(page_sizes.values()) < 0.5
    out.append(f"| statements per request constant in page size (W1, cache off, first: N) | {counts} | "
               f"{_verdict(constant)} |")
    peak = max(servers[OURS][5] for _, servers in rows)
    out.append(f"| server memory under 100 MB at peak | {peak:.0f} MB | {_verdict(peak < 100)} |")
    for workload, servers in rows:
        slower = _ratio(servers[STATIC][0], servers[OURS][0])
        out.append(f"| {workload.split()[0]}: repeated reads within 2× of the static baseline | static does "
                   f"{_figure(slower, 2)}× ours | {_verdict(slower is not None and slower <= 2)} |")
    out += ["", "The static baseline serves the precomputed bytes of our answers: the limit of HTTP on this machine. "
            "PostGraphile answers each workload with the documents in `bench/workloads.py` over the same tables, plus "
            "the search function in `bench/postgraphile/search.sql`; every answer of every server was checked to carry "
            "the same data before timing. Statements per request are those pg_stat_statements counted during the "
            "timed run divided by the requests wrk completed; SQLite has no such count (n/a).\n"]
    return "\n".join(out)


def _verdict(met):
    return "met" if met else "**missed**"
