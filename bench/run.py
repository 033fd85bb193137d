#!/usr/bin/env python3
"""Benchmark harness: the directory server under three workloads with wrk, on a private PostgreSQL cluster
(initdb/pg_ctl in a temporary directory, pg_stat_statements preloaded) holding a deterministic synthetic directory.

    python3 bench/run.py                  # 20,000 authorities, 15 s per workload, release build
    python3 bench/run.py --smoke          # tiny data, 2 s per workload, the debug build (what CI runs)

Workloads (one wrk thread, 32 connections, after a warm-up; variables rotate through a Lua script):
  W1 list page   authorities(first: 50, filter: {state}) with state, designations, languages, channels, roles
  W2 search      authorities(first: 20, filter: {search}) with totalCount, over rotating terms
  W3 route       route(from, to, function) for rotating State pairs

For each: requests/s, p50/p99 latency, SQL statements per request (pg_stat_statements), server CPU time per 1,000
requests and peak memory. Prints a table and writes it under bench/results/ with the machine's description.
No timed assertions: the harness fails only if a server answers with errors.
"""
import argparse, datetime, json, os, platform, random, re, shutil, socket, subprocess, sys, tempfile, time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PG_BIN = "/usr/lib/postgresql/15/bin"
SECRET = "bench-secret-that-is-long-enough-0123456789"

W1 = ("query($s: String) { authorities(first: 50, filter: {state: $s}) { nodes { id name languages channels "
      "state { name } designations { legalBasis { code convention { code } } } networks { role network { code } } } } }")
W2 = "query($q: String) { authorities(first: 20, filter: {search: $q}) { totalCount nodes { id name city } } }"
W3 = ("query($a: String!, $b: String!) { route(from: $a, to: $b, function: MUTUAL_LEGAL_ASSISTANCE) { "
      "authorities { id name languages channels urgentChannels } sharedNetworks { code } contactPoints { role } warnings } }")
TERMS = ["justice", "ministere", "fiscalia", "police", "corruption", "prosecutor", "no. 1", "city 4", "central", "opg"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_postgres(*cmd):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return list(cmd)


class Cluster:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="cna-bench-pg-")
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self.port = free_port()
        subprocess.run(as_postgres(f"{PG_BIN}/initdb", "-D", self.dir, "-A", "trust", "-U", "postgres", "--no-sync"),
                       check=True, stdout=subprocess.DEVNULL)
        opts = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all")
        subprocess.run(as_postgres(f"{PG_BIN}/pg_ctl", "-D", self.dir, "-l", f"{self.dir}/log", "-o", opts, "-w", "start"),
                       check=True, stdout=subprocess.DEVNULL)
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
        self.psql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")

    def psql(self, sql):
        out = subprocess.run(["psql", self.url, "-Atqc", sql], check=True, capture_output=True, text=True)
        return out.stdout.strip()

    def statements(self):
        return int(self.psql("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements "
                             "WHERE query NOT ILIKE '%pg_stat_statements%'") or 0)

    def close(self):
        subprocess.run(as_postgres(f"{PG_BIN}/pg_ctl", "-D", self.dir, "-m", "immediate", "stop"),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.dir, ignore_errors=True)


def post(url, query, variables):
    req = urllib.request.Request(url, data=json.dumps({"query": query, "variables": variables}).encode(),
                                 headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())


def proc_cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_peak_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def lua_script(path, bodies):
    with open(path, "w") as f:
        f.write("local bodies = {\n")
        for b in bodies:
            f.write("  " + json.dumps(b) + ",\n")
        f.write("}\nlocal i = 0\nrequest = function()\n  i = i % #bodies + 1\n"
                "  return wrk.format('POST', '/graphql', {['Content-Type'] = 'application/json'}, bodies[i])\nend\n")


def parse_wrk(text):
    def ms(value, unit):
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    total = int(re.search(r"(\d+) requests in", text).group(1))
    lat = {p: ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)", text, re.M)}
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return rps, total, lat.get("50", 0.0), lat.get("99", 0.0), int(bad.group(1)) if bad else 0


def measure(args, work, script, port, pid, cluster, name):
    """One timed wrk run after a warm-up: requests/s, p50, p99, statements/request, CPU s per 1,000, peak MB."""
    def wrk(seconds):
        return ["taskset", "-c", "1", "wrk", "-t1", "-c32", "--latency", "-d", f"{seconds}s", "-s", script,
                f"http://127.0.0.1:{port}"]
    subprocess.run(wrk(args.warmup), check=True, capture_output=True)
    if cluster:
        cluster.psql("SELECT pg_stat_statements_reset()")
    cpu0 = proc_cpu_seconds(pid)
    out = subprocess.run(wrk(args.seconds), check=True, capture_output=True, text=True).stdout
    cpu = proc_cpu_seconds(pid) - cpu0
    rps, total, p50, p99, bad = parse_wrk(out)
    if bad:
        sys.exit(f"{name}: {bad} responses were not 2xx")
    statements = cluster.statements() / max(total, 1) if cluster else 0.0
    if cluster:
        top = cluster.psql("SELECT round(total_exec_time::numeric / greatest(calls, 1), 3) || ' ms x ' || calls || ': ' "
                           "|| left(regexp_replace(query, '\\s+', ' ', 'g'), 110) FROM pg_stat_statements "
                           "WHERE query NOT ILIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 3")
        print(f"{name}: slowest statements (mean time x calls):\n  " + top.replace("\n", "\n  "), file=sys.stderr)
    return (rps, p50, p99, statements, cpu / max(total, 1) * 1000, proc_peak_mb(pid))


def median_row(runs):
    return tuple(sorted(run[i] for run in runs)[len(runs) // 2] for i in range(len(runs[0])))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--smoke", action="store_true", help="tiny data, 2 s per workload, the debug build")
    ap.add_argument("--authorities", type=int, default=20000)
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--binary")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds; medians are reported")
    args = ap.parse_args()
    if args.smoke:
        args.authorities, args.seconds, args.warmup, args.rounds = 400, 2, 1, 1
        args.binary = args.binary or os.path.join(ROOT, "target", "debug", "cna-directory")
    profile = "debug" if args.smoke else "release"
    if not args.binary:
        subprocess.run(["cargo", "build", "--release", "--bin", "cna-directory"], cwd=ROOT, check=True)
        args.binary = os.path.join(ROOT, "target", "release", "cna-directory")
    build = ["cargo", "build", "-q", "-p", "cna-bench-static"] + ([] if args.smoke else ["--release"])
    subprocess.run(build, cwd=ROOT, check=True)
    static_binary = os.path.join(ROOT, "target", profile, "cna-bench-static")
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")

    cluster, server, work = Cluster(), None, tempfile.mkdtemp(prefix="cna-bench-")
    try:
        env = dict(os.environ, DATABASE_URL=cluster.url, CNA_JWT_SECRET=SECRET, CNA_RATE_LIMIT="0", RUST_LOG="warn")
        subprocess.run([args.binary, "demo", "--synthetic", str(args.authorities), "--seed", "42"], env=env,
                       check=True, stdout=subprocess.DEVNULL)
        # Fresh statistics, as a directory in service has: without them the planner scans instead of using indexes.
        cluster.psql("ANALYZE")
        port = free_port()
        # The server gets one core, wrk the other, as every server compared will.
        server = subprocess.Popen(["taskset", "-c", "0", args.binary, "serve", "--listen", f"127.0.0.1:{port}"], env=env)
        url = f"http://127.0.0.1:{port}/graphql"
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1)
                break
            except Exception:
                time.sleep(0.05)
        states = [s for s in cluster.psql("SELECT DISTINCT state_iso3 FROM authorities ORDER BY 1").split("\n") if s]
        rnd = random.Random(42)
        workloads = {
            "W1 list page": [{"query": W1, "variables": {"s": s}} for s in states[:100]],
            "W2 search": [{"query": W2, "variables": {"q": t}} for t in TERMS],
            "W3 route": [{"query": W3, "variables": {"a": rnd.choice(states), "b": rnd.choice(states)}} for _ in range(100)],
        }
        rows = []
        for name, requests in workloads.items():
            bodies = [json.dumps(r) for r in requests]
            responses = {}
            for r, b in zip(requests, bodies):
                answer = post(url, r["query"], r["variables"])
                if "errors" in answer:
                    sys.exit(f"{name}: the server answered with errors: {answer['errors']}")
                responses[b] = json.dumps(answer, separators=(",", ":"))
            script = os.path.join(work, name.split()[0] + ".lua")
            lua_script(script, bodies)
            table_file = os.path.join(work, name.split()[0] + ".json")
            with open(table_file, "w") as f:
                json.dump(responses, f)
            static_port = free_port()
            static = subprocess.Popen(["taskset", "-c", "0", static_binary, f"127.0.0.1:{static_port}", table_file])
            try:
                for _ in range(100):
                    try:
                        socket.create_connection(("127.0.0.1", static_port), timeout=0.2).close()
                        break
                    except OSError:
                        time.sleep(0.05)
                ours, base = [], []
                for _ in range(args.rounds):  # interleaved, so drift affects both alike
                    ours.append(measure(args, work, script, port, server.pid, cluster, name))
                    base.append(measure(args, work, script, static_port, static.pid, None, name))
            finally:
                static.terminate()
                static.wait(timeout=10)
            rows.append((name, median_row(ours), median_row(base)))

        machine = f"{platform.node()}: {os.cpu_count()} cores, {platform.machine()}, " + (
            next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown CPU"))
        mem = next((l.split(":", 1)[1].strip() for l in open("/proc/meminfo") if l.startswith("MemTotal")), "")
        header = ("| workload | server | requests/s | p50 ms | p99 ms | statements/request | CPU s / 1,000 req | peak MB |\n"
                  "|---|---|---|---|---|---|---|---|\n")
        def line(name, who, m):
            return f"| {name} | {who} | {m[0]:.0f} | {m[1]:.2f} | {m[2]:.2f} | {m[3]:.2f} | {m[4]:.3f} | {m[5]:.0f} |\n"
        table = header + "".join(line(n, "cna-directory", o) + line(n, "static baseline", b) for n, o, b in rows)
        table += "\n| workload | ours / static requests/s | ours / static p99 |\n|---|---|---|\n" + "".join(
            f"| {n} | {o[0] / max(b[0], 1e-9):.4f} | {o[2] / max(b[2], 1e-9):.1f} |\n" for n, o, b in rows)
        kind = "smoke" if args.smoke else "full"
        text = (f"# cna-directory benchmark ({kind})\n\n{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, "
                f"{args.authorities} synthetic authorities (seed 42), {args.seconds} s per workload after {args.warmup} s "
                f"of warm-up, median of {args.rounds} interleaved round(s), wrk 1 thread / 32 connections on core 1, server on "
                f"core 0, PostgreSQL 15 private cluster.\n\n"
                f"Machine: {machine}, {mem} memory.\n\n{table}\n"
                "The static baseline serves the precomputed bytes of each response: the limit of HTTP on this machine. "
                "PostGraphile is not measured by this version of the harness yet.\n")
        print(text)
        if not args.smoke:
            name = f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d}-{platform.node()}.md"
            with open(os.path.join(ROOT, "bench", "results", name), "w") as f:
                f.write(text)
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
        cluster.close()
        shutil.rmtree(work, ignore_errors=True)


main()
