#!/usr/bin/env python3
"""A portal's copy of the public directory, kept current without a token.

    python3 examples/mirror.py http://127.0.0.1:8080            # snapshot, then follow the changes forever
    python3 examples/mirror.py http://127.0.0.1:8080 --once     # snapshot, catch up, print a summary, stop

The copy is a dict {(entity, key): data}. It starts from GET /mirror/snapshot (every public entry as of one
position of the change feed) and follows GET /mirror/changes?after=… from that position: PUT replaces an entry,
REMOVE deletes it, and removing an authority removes its designations, contacts and contact points with it.
Standard library only; `Mirror` is the part a portal would reuse.
"""
import argparse, json, sys, time, urllib.request

CHILDREN = ("designation", "contact", "network_contact_point")


class Mirror:
    def __init__(self, base):
        self.base = base.rstrip("/")
        self.copy = {}
        self.after = None

    def _lines(self, path):
        with urllib.request.urlopen(self.base + path, timeout=60) as response:
            for raw in response:
                if raw.strip():
                    yield json.loads(raw)

    def snapshot(self):
        """Replaces the copy with a fresh snapshot; returns the copy and its position."""
        copy, after, complete = {}, None, False
        for line in self._lines("/mirror/snapshot"):
            kind = line["kind"]
            if kind == "snapshot":
                after = line["after"]
            elif kind == "entry":
                copy[(line["entity"], line["key"])] = line["data"]
            elif kind == "end":
                complete = line["entries"] == len(copy)
            elif kind == "error":
                raise RuntimeError(line["message"])
        if not complete:
            raise RuntimeError("the snapshot ended early; take it again")
        return copy, after

    def start(self):
        self.copy, self.after = self.snapshot()

    def apply(self, change):
        key = (change["entity"], change["key"])
        if change["action"] == "PUT":
            self.copy[key] = change["data"]
            return
        self.copy.pop(key, None)
        if change["entity"] == "authority":
            gone = [k for k, v in self.copy.items() if k[0] in CHILDREN and v.get("authorityId") == change["key"]]
            for k in gone:
                del self.copy[k]

    def catch_up(self):
        """Applies every change after the copy's position; returns how many were applied."""
        applied = 0
        while True:
            more = False
            for line in self._lines(f"/mirror/changes?after={self.after}&limit=1000"):
                if line["kind"] == "change":
                    self.apply(line)
                    applied += 1
                elif line["kind"] == "next":
                    self.after, more = line["after"], line["more"]
            if not more:
                return applied


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("server")
    p.add_argument("--once", action="store_true", help="catch up once, print a summary and stop")
    p.add_argument("--every", type=float, default=5.0, help="seconds between polls when following")
    a = p.parse_args()
    m = Mirror(a.server)
    m.start()
    print(f"snapshot: {len(m.copy)} entries at {m.after}", file=sys.stderr)
    while True:
        n = m.catch_up()
        if a.once:
            kinds = {}
            for entity, _ in m.copy:
                kinds[entity] = kinds.get(entity, 0) + 1
            print(json.dumps({"after": m.after, "entries": kinds}, sort_keys=True))
            return
        if n:
            print(f"{n} changes applied; now at {m.after}", file=sys.stderr)
        time.sleep(a.every)


if __name__ == "__main__":
    main()
