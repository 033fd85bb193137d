#!/usr/bin/env python3
"""Runs a command against a live server: starts `cna-directory serve` on a free port over a fresh SQLite file,
waits until it is ready, runs the command with `{url}` replaced by the server's address, stops the server, and
exits with the command's status.

    python3 scripts/with_server.py --binary target/debug/cna-directory -- node audit.mjs '{url}/graphql'
"""
import argparse, contextlib, os, socket, subprocess, sys, tempfile, time, urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(binary, env, args=()):
    """`binary serve` on a free port with `env`: yields its base URL once `/readyz` answers, and stops it after.
    Also used by bench/search.py."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([binary, "serve", *args], env=dict(env, CNA_LISTEN=f"127.0.0.1:{port}"),
                              stdout=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/readyz", timeout=1)
                break
            except Exception:  # noqa: BLE001
                if server.poll() is not None:
                    sys.exit("the server exited before it was ready")
                time.sleep(0.1)
        else:
            sys.exit("the server did not become ready")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default="target/debug/cna-directory")
    p.add_argument("--demo", action="store_true", help="load the sample authorities first")
    p.add_argument("--token", metavar="STATE",
                   help="accept tokens, and pass the command a focal point's token for STATE in CNA_TOKEN")
    p.add_argument("--invite", metavar="STATE",
                   help="pass the command a single-use workspace sign-in link for a focal point of STATE in CNA_INVITE")
    p.add_argument("command", nargs=argparse.REMAINDER)
    a = p.parse_args()
    command = [c for c in a.command if c != "--"]
    if not command:
        sys.exit("give a command after --")
    with tempfile.TemporaryDirectory(prefix="cna-server-") as work:
        env = dict(os.environ, DATABASE_URL=f"sqlite://{work}/d.db?mode=rwc", RUST_LOG="warn", CNA_RATE_LIMIT="0")
        command_env = dict(os.environ)
        if a.token:
            env["CNA_JWT_SECRET"] = f"with-server-{os.urandom(16).hex()}"
            minted = subprocess.run([a.binary, "token", "--role", "focal_point", "--state", a.token, "--sub", "example"],
                                    env=env, capture_output=True, text=True, check=True)
            command_env["CNA_TOKEN"] = minted.stdout.strip()
        with serving(a.binary, env, ["--demo"] if a.demo else []) as url:
            if a.invite:
                invited = subprocess.run([a.binary, "invite", "--role", "focal_point", "--state", a.invite,
                                          "--sub", f"{a.invite.lower()}-desk", "--ttl", "10m", "--public-url", url],
                                         env=env, capture_output=True, text=True, check=True)
                command_env["CNA_INVITE"] = invited.stdout.strip()
            code = subprocess.run([c.replace("{url}", url) for c in command], env=command_env).returncode
    sys.exit(code)


if __name__ == "__main__":
    main()
