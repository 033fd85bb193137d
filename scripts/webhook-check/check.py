#!/usr/bin/env python3
"""CI check of webhooks, from outside: a portal's receiver gets every public change, in order, signed.

    python3 scripts/webhook-check/check.py --binary target/debug/cna-directory --postgres URL [--down 30]

Starts two server instances on one fresh PostgreSQL database and a receiver that verifies every POST with the
Standard Webhooks reference library for Python (`standardwebhooks`, pinned in requirements.txt). An administrator
registers a subscription; writers change the directory through both instances (authorities created, edited,
deleted; public and restricted contacts; designations) while the receiver is stopped for --down seconds and one
instance is killed (SIGKILL) meanwhile. Then every public change after the subscription's start must have
arrived, in the feed's order, each signature valid, repeats only with the same webhook-id, nothing restricted.
"""
import argparse, json, os, random, signal, socket, subprocess, sys, threading, time, urllib.request, uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples"))
from mirror_check import Client, writer  # noqa: E402
from standardwebhooks.webhooks import Webhook  # noqa: E402

SECRET = "webhook-check-secret-0123456789abcdef012"
STATES = ["FRA", "DEU", "ESP", "ITA"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Receiver:
    """Keeps every verified POST; counts the ones whose signature failed. Can be stopped and started again on the
    same port (a portal's endpoint down for a while)."""

    def __init__(self, port):
        self.port, self.got, self.bad, self.lock, self.secret = port, [], [], threading.Lock(), None
        self.server = None

    def start(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                headers = {k: v for k, v in self.headers.items()}
                try:
                    message = Webhook(receiver.secret).verify(body, headers)
                    with receiver.lock:
                        receiver.got.append((headers["webhook-id"], message))
                    self.send_response(204)
                except Exception as e:  # noqa: BLE001 — recorded, then failed by the check
                    with receiver.lock:
                        receiver.bad.append(f"{e}: {body[:200]!r}")
                    self.send_response(400)
                self.end_headers()

            def log_message(self, *args):
                pass

        ThreadingHTTPServer.allow_reuse_address = True
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def accepted(self):
        """What arrived, each webhook-id once, in the order first accepted; and how many arrived again."""
        with self.lock:
            got = list(self.got)
        seen, order = set(), []
        for wid, message in got:
            if wid not in seen:
                seen.add(wid)
                order.append((wid, message))
        return order, len(got) - len(order)


def start_server(binary, env, port):
    env = dict(env, CNA_LISTEN=f"127.0.0.1:{port}")
    proc = subprocess.Popen([binary, "serve"], env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/readyz", timeout=1)
            return proc, base
        except Exception:  # noqa: BLE001
            time.sleep(0.1)
    sys.exit(f"the server on {port} did not become ready")


def public_changes(base, after):
    """Every line /mirror/changes publishes after `after`, following its pages."""
    lines = []
    while True:
        with urllib.request.urlopen(f"{base}/mirror/changes?after={after}&limit=1000", timeout=30) as r:
            page = [json.loads(l) for l in r.read().decode().splitlines()]
        lines += [l for l in page if l["kind"] == "change"]
        after, more = page[-1]["after"], page[-1]["more"]
        if not more:
            return lines


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default="target/debug/cna-directory")
    p.add_argument("--postgres", required=True, help="an administrator URL: runs on a fresh database there")
    p.add_argument("--down", type=float, default=30.0, help="seconds the receiver is stopped")
    a = p.parse_args()
    dbname = f"cna_webhooks_{uuid.uuid4().hex}"
    subprocess.run(["psql", a.postgres, "-qc", f'CREATE DATABASE "{dbname}"'], check=True)
    url = a.postgres.rsplit("/", 1)[0] + "/" + dbname
    env = dict(os.environ, DATABASE_URL=url, CNA_JWT_SECRET=SECRET, RUST_LOG="warn", CNA_RATE_LIMIT="0",
               CNA_WEBHOOK_ALLOW_LOCAL="true", CNA_WEBHOOK_WORKERS="2")
    procs = []
    receiver = Receiver(free_port())
    try:
        first, base_a = start_server(a.binary, env, free_port())
        second, base_b = start_server(a.binary, env, free_port())
        procs += [first, second]
        token = lambda *args: subprocess.run([a.binary, "token", *args], env=env, capture_output=True, text=True,
                                             check=True).stdout.strip()
        admin = Client(base_a, token("--role", "admin", "--sub", "webhook-check"))
        made = admin.gql("mutation($u: String!) { createWebhookSubscription(input: {url: $u}) { secret subscription { after } } }",
                         {"u": f"http://127.0.0.1:{receiver.port}/hook"})["createWebhookSubscription"]
        receiver.secret, start = made["secret"], made["subscription"]["after"]
        receiver.start()
        print(f"subscription from {start}; instances {base_a} and {base_b}; receiver on {receiver.port}")

        stop_a, stop_b, errors_a, errors_b, threads = threading.Event(), threading.Event(), [], [], []
        for i, state in enumerate(STATES):
            through_b = i % 2 == 1
            client = Client(base_b if through_b else base_a, token("--role", "focal_point", "--state", state, "--sub", f"w{i}"))
            stop, errors = (stop_b, errors_b) if through_b else (stop_a, errors_a)
            t = threading.Thread(target=writer, args=(client, state, stop, errors, random.Random(i)))
            t.start()
            threads.append(t)
        time.sleep(3)
        receiver.stop()
        print(f"receiver stopped for {a.down:.0f} s")
        time.sleep(a.down / 3)
        stop_b.set()
        time.sleep(0.5)
        second.send_signal(signal.SIGKILL)
        second.wait()
        print("second instance killed")
        time.sleep(a.down * 2 / 3)
        receiver.start()
        print("receiver up again")
        time.sleep(3)
        stop_a.set()
        for t in threads:
            t.join()
        if errors_a:
            sys.exit(f"writers through the live instance failed: {errors_a[:3]}")

        expected = public_changes(base_a, start)
        print(f"{len(expected)} public changes to deliver")
        deadline = time.time() + 240
        while time.time() < deadline:
            accepted, repeats = receiver.accepted()
            if len(accepted) >= len(expected):
                break
            time.sleep(1)
        accepted, repeats = receiver.accepted()
        status = admin.gql("{ webhookSubscriptions { status failures delivered lastError after } }")["webhookSubscriptions"][0]
        print(f"delivered: {len(accepted)} distinct, {repeats} repeated (at least once), subscription {status}")
        problems = []
        if receiver.bad:
            problems.append(f"{len(receiver.bad)} posts failed verification: {receiver.bad[:2]}")
        got_ids = [wid for wid, _ in accepted]
        want_ids = [l["cursor"] for l in expected]
        if got_ids != want_ids:
            missing = [w for w in want_ids if w not in set(got_ids)]
            extra = [g for g in got_ids if g not in set(want_ids)]
            problems.append(f"not every public change in order: {len(missing)} missing {missing[:5]}, "
                            f"{len(extra)} not public {extra[:5]}, in order: {got_ids == sorted(got_ids, key=lambda c: [int(x) for x in c.split('-')])}")
        for wid, message in accepted:
            data = message["data"]
            if data["cursor"] != wid or message["type"] != "directory.change":
                problems.append(f"{wid}: the id is not the change's position")
            if data["entity"] == "contact" and data["action"] == "PUT" and data["data"].get("visibility") != "PUBLIC":
                problems.append(f"{wid}: a restricted contact was sent")
        if len(expected) < 20:
            problems.append(f"only {len(expected)} public changes: the writers did not write")
        if problems:
            sys.exit("webhook check failed:\n  " + "\n  ".join(problems))
        print("webhook check passed: every public change delivered in order, signatures valid, nothing restricted")
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
                proc.wait()
        try:
            receiver.stop()
        except Exception:  # noqa: BLE001
            pass
        subprocess.run(["psql", a.postgres, "-qc", f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)'], check=False)


if __name__ == "__main__":
    main()
