#!/usr/bin/env python3
"""Spreadsheet import figures: how long `cna-directory import` takes for a focal point's or a secretariat's
spreadsheet, on SQLite and on PostgreSQL (a fresh database on the shared server, dropped afterwards).

    python3 bench/import.py                        # 10,000 rows, the release build
    python3 bench/import.py --rows 1000 --binary target/debug/cna-directory   # what CI runs

Three imports per database, each timed end to end (the process, as a person runs it):
  create   N new authorities over 40 States (distinct names, accented text, lists), from one CSV file
  same     the export of everything, imported back unchanged (every row compared, nothing written)
  update   the export with every authority's city edited (every row written, at its version, with its audit row)
Prints seconds and rows per second; no timed assertions (the figures go in the README).
"""
import argparse, csv, os, re, subprocess, sys, tempfile, time, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STATES = ["FRA", "DEU", "ESP", "ITA", "PRT", "BEL", "NLD", "POL", "ROU", "GRC", "BRA", "ARG", "MEX", "COL", "CHL",
          "PER", "KEN", "NGA", "ZAF", "EGY", "MAR", "SEN", "GHA", "IND", "JPN", "KOR", "IDN", "THA", "VNM", "PHL",
          "AUS", "NZL", "CAN", "USA", "TUR", "UKR", "KAZ", "PAK", "BGD", "LKA"]
CITIES = ["Saint-Étienne", "Łódź", "São Paulo", "Málaga", "Zürich", "Chișinău", "Nairobi", "Ōsaka"]


def run(binary, url, *args):
    env = dict(os.environ, DATABASE_URL=url, RUST_LOG="error")
    start = time.perf_counter()
    out = subprocess.run([binary, *args], env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
    return took, out.stdout


def write_new(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["state", "name", "city", "email", "languages", "channels", "urgent_notes"])
        for i in range(rows):
            w.writerow([STATES[i % len(STATES)], f"Bureau d'entraide n° {i}", CITIES[i % len(CITIES)],
                        f"bureau{i}@justice.example", "fr; en", "CENTRAL_AUTHORITY; DIRECT",
                        "Appeler la permanence.\nPuis écrire."])


def edit_cities(folder):
    path = os.path.join(folder, "authorities.csv")
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    city = rows[0].index("city")
    for r in rows[1:]:
        r[city] = (r[city] or "") + " (centre)"
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)
    return len(rows) - 1


def measure(binary, url, rows, work):
    run(binary, url, "migrate", "up")
    new = os.path.join(work, "new-authorities.csv")
    write_new(new, rows)
    figures = []
    took, out = run(binary, url, "import", new)
    figures.append(("create", rows, took, out.strip().splitlines()[-1]))
    folder = os.path.join(work, "export")
    run(binary, url, "export", "--output", folder)
    took, out = run(binary, url, "import", folder)
    line = out.strip().splitlines()[-1]
    exported = sum(int(n) for n in re.findall(r"(\d+) (?:created|updated|unchanged)", line))
    figures.append(("same", exported, took, line))
    edited = edit_cities(folder)
    took, out = run(binary, url, "import", os.path.join(folder, "authorities.csv"))
    figures.append(("update", edited, took, out.strip().splitlines()[-1]))
    return figures


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rows", type=int, default=10_000)
    p.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "cna-directory"))
    p.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres",
                   help="an administrator URL; a fresh database is created and dropped ('' to skip)")
    a = p.parse_args()
    if not os.path.exists(a.binary):
        subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="cna-import-") as work:
        results.append(("SQLite", measure(a.binary, f"sqlite://{work}/d.db?mode=rwc", a.rows, work)))
    if a.postgres:
        name = f"cna_import_{uuid.uuid4().hex}"
        base = a.postgres.rsplit("/", 1)[0]
        subprocess.run(["psql", a.postgres, "-qc", f'CREATE DATABASE "{name}"'], check=True)
        try:
            with tempfile.TemporaryDirectory(prefix="cna-import-") as work:
                results.append(("PostgreSQL", measure(a.binary, f"{base}/{name}", a.rows, work)))
        finally:
            subprocess.run(["psql", a.postgres, "-qc", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], check=True)
    print("| database | import | rows | seconds | rows/s | report |")
    print("|---|---|---|---|---|---|")
    for db, figures in results:
        for kind, n, took, line in figures:
            print(f"| {db} | {kind} | {n:,} | {took:.2f} | {n / took:,.0f} | {line} |")


if __name__ == "__main__":
    main()
