#!/usr/bin/env python3
"""Benchmark harness: the directory server beside PostGraphile 4 and beside a static server, under three workloads
with wrk, on a private PostgreSQL cluster (initdb/pg_ctl in a temporary directory, pg_stat_statements preloaded)
holding a deterministic synthetic directory; then the directory alone on SQLite.

    python3 bench/run.py                  # 20,000 authorities, 15 s per workload, release build
    python3 bench/run.py --smoke          # tiny data, 2 s per workload, the debug build (what CI runs)

Servers, each on core 0 (wrk runs on core 1):
  cna-directory                the release binary as configured by default (response cache on)
  cna-directory, cache off     CNA_RESPONSE_CACHE_MB=0: every request runs its SQL
  PostGraphile 4               pinned in bench/postgraphile, production flags, GRAPHILE_TURBO=1
  static baseline              bench/static: the precomputed bytes of each answer, the limit of HTTP here
Workloads (one wrk thread, 32 connections, after a warm-up; variables rotate through a Lua script): see
bench/workloads.py. Before timing, every server's answers are checked to carry the same data.

For each: requests/s, p50/p99 latency, SQL statements per request (pg_stat_statements), server CPU time per 1,000
requests and peak memory; medians of interleaved rounds. Prints the tables and writes them under bench/results/
with the machine's description. No timed assertions: the harness fails only on errors or differing answers.
"""
import argparse, datetime, json, os, platform, random, re, shutil, socket, subprocess, sys, tempfile, time
import urllib.request

import report
import workloads

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PG_BIN = "/usr/lib/postgresql/15/bin"
SECRET = "bench-secret-that-is-long-enough-0123456789"
POSTGRAPHILE = os.path.join(ROOT, "bench", "postgraphile")
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

    def __init__(self, name, kind, cmd, env, port, cluster=None, cwd=None):
        self.name, self.kind, self.port, self.cluster = name, kind, port, cluster
        self.url = f"http://127.0.0.1:{port}/graphql"
        self.proc = subprocess.Popen(["taskset", "-c", "0", *cmd], env=env, cwd=cwd, stdout=subprocess.DEVNULL)
        deadline = time.time() + 60
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


def measure(args, script, server, workload):
    """One timed wrk run after a warm-up: requests/s, p50, p99, statements/request, CPU s per 1,000, peak MB."""
    def wrk(seconds):
        return ["taskset", "-c", "1", "wrk", "-t1", "-c32", "--latency", "-d", f"{seconds}s", "-s", script,
                f"http://127.0.0.1:{server.port}"]
    subprocess.run(wrk(args.warmup), check=True, capture_output=True)
    if server.cluster:
        server.cluster.reset()
    pid = server.proc.pid
    cpu0 = proc_cpu_seconds(pid)
    out = subprocess.run(wrk(args.seconds), check=True, capture_output=True, text=True).stdout
    cpu = proc_cpu_seconds(pid) - cpu0
    rps, total, p50, p99, bad = parse_wrk(out)
    if bad:
        sys.exit(f"{server.name}, {workload}: {bad} responses were not 2xx")
    statements = server.cluster.statements() / max(total, 1) if server.cluster else None
    if server.cluster and args.verbose:
        print(f"{server.name}, {workload}: slowest statements (mean time x calls):\n  "
              + server.cluster.slowest().replace("\n", "\n  "), file=sys.stderr)
    return (rps, p50, p99, statements, cpu / max(total, 1) * 1000, proc_peak_mb(pid))


def median_row(runs):
    def median(values):
        values = sorted(v for v in values if v is not None)
        return values[len(values) // 2] if values else None
    return tuple(median(run[i] for run in runs) for i in range(len(runs[0])))


def check_answers(workload, servers, bodies):
    """Every server's answers carry the same data as ours; returns our answers' bytes, for the static baseline."""
    responses = {}
    for i, body in enumerate(bodies["ours"]):
        answers = {}
        for server in servers:
            answer = post(server.url, bodies[server.kind][i])
            if "errors" in answer:
                sys.exit(f"{server.name}, {workload}: answered with errors: {answer['errors']}")
            answers[server.name] = workloads.normal(workload, server.kind, answer["data"])
            if server is servers[0]:
                responses[json.dumps(body)] = json.dumps(answer, separators=(",", ":"))
        first = answers[servers[0].name]
        for name, normal in answers.items():
            if normal != first:
                sys.exit(f"{workload}: {name} answers {json.dumps(bodies['ours'][i]['variables'])} differently:\n"
                         f"  {servers[0].name}: {json.dumps(first)[:400]}\n  {name}: {json.dumps(normal)[:400]}")
    return responses


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


def start_postgraphile(cluster):
    if not os.path.isdir(os.path.join(POSTGRAPHILE, "node_modules", "postgraphile")):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=POSTGRAPHILE, check=True)
    cluster.psql(open(os.path.join(POSTGRAPHILE, "search.sql")).read())
    port = free_port()
    env = dict(os.environ, GRAPHILE_TURBO="1", NODE_ENV="production")
    cmd = ["node", os.path.join(POSTGRAPHILE, "node_modules", "postgraphile", "cli.js"), "-c", cluster.url,
           "--disable-query-log", "--disable-graphiql", "--dynamic-json", "-n", "127.0.0.1", "-p", str(port)]
    return Server("PostGraphile 4", "postgraphile", cmd, env, port, cluster)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--smoke", action="store_true", help="tiny data, 2 s per workload, the debug build")
    ap.add_argument("--authorities", type=int, default=20000)
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--binary")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds; medians are reported")
    ap.add_argument("--verbose", action="store_true", help="print each run's slowest statements")
    args = ap.parse_args()
    if args.smoke:
        args.authorities, args.seconds, args.warmup, args.rounds = 400, 2, 1, 1
        args.binary = args.binary or os.path.join(ROOT, "target", "debug", "cna-directory")
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
        postgraphile = start_postgraphile(cluster)
        servers.append(postgraphile)
        # Fresh statistics, as a directory in service has: without them the planner scans instead of using indexes.
        cluster.psql("ANALYZE")

        def ours(name, extra_env, cluster_of):
            port = free_port()
            cmd = [args.binary, "serve", "--listen", f"127.0.0.1:{port}"]
            server = Server(name, "ours", cmd, dict(extra_env), port, cluster_of)
            servers.append(server)
            return server

        cached = ours("cna-directory", env, cluster)
        uncached = ours("cna-directory, cache off", dict(env, CNA_RESPONSE_CACHE_MB="0"), cluster)
        sqlite_cached = ours("cna-directory on SQLite", sqlite_env, None)
        sqlite_uncached = ours("cna-directory on SQLite, cache off", dict(sqlite_env, CNA_RESPONSE_CACHE_MB="0"), None)

        states = [s for s in cluster.psql("SELECT DISTINCT state_iso3 FROM authorities ORDER BY 1").split("\n") if s]
        rnd = random.Random(42)
        pairs = [(rnd.choice(states), rnd.choice(states)) for _ in range(100)]
        rows, compared = [], [cached, uncached, postgraphile, sqlite_cached, sqlite_uncached]
        for workload, (ours_bodies, pg_bodies) in workloads.requests(states[:100], TERMS, pairs).items():
            bodies = {"ours": ours_bodies, "postgraphile": pg_bodies}
            responses = check_answers(workload, compared, bodies)
            scripts = {}
            for kind, requests in bodies.items():
                scripts[kind] = os.path.join(work, f"{workload.split()[0]}-{kind}.lua")
                lua_script(scripts[kind], [json.dumps(r) for r in requests])
            table_file = os.path.join(work, workload.split()[0] + ".json")
            with open(table_file, "w") as f:
                json.dump(responses, f)
            port = free_port()
            static = Server("static baseline", "ours", [static_binary, f"127.0.0.1:{port}", table_file], env, port)
            try:
                timed = [cached, uncached, postgraphile, static, sqlite_cached, sqlite_uncached]
                runs = {s.name: [] for s in timed}
                for _ in range(args.rounds):  # interleaved, so drift affects every server alike
                    for server in timed:
                        runs[server.name].append(measure(args, scripts[server.kind], server, workload))
            finally:
                static.stop()
            rows.append((workload, {name: median_row(r) for name, r in runs.items()}))
            print(f"{workload}: measured", file=sys.stderr)
        page_sizes = statements_by_page_size(uncached)
        write_results(args, rows, page_sizes)
    finally:
        for server in servers:
            server.stop()
        cluster.close()
        shutil.rmtree(work, ignore_errors=True)


def write_results(args, rows, page_sizes):
    text = report.render(args, rows, page_sizes)
    print(text)
    if not args.smoke:
        name = f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d}-{platform.node()}.md"
        with open(os.path.join(ROOT, "bench", "results", name), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
