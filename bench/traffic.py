"""What a portal's traffic looks like, for the harness: which requests (every State, thousands of search terms drawn
from the data, thousands of route pairs, picked at random by wrk), and a focal point writing in the background.

    realistic   W1 every State with authorities; W2 up to 2,000 distinct terms: words of the authorities' names,
                local names and cities (accented and folded), their prefixes, numbered names, cities and acronyms;
                W3 5,000 random pairs of States. Each request is picked at random (wrk's Lua, seeded).
    hot         the repeated form: 100 States, 10 terms, 100 pairs in turn; after warm-up every request is one the
                response cache has seen.
"""
import json, random, re, subprocess, threading, time, unicodedata, urllib.request

HOT_TERMS = ["justice", "ministere", "fiscalia", "police", "corruption", "prosecutor", "no. 1", "city 4", "central", "opg"]
REALISTIC_TERMS = 2000
REALISTIC_PAIRS = 5000


def folded(word):
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def realistic_terms(cluster, n, rnd):
    """Distinct search terms as people type them: whole words and prefixes, with and without accents, and the
    numbered forms that single out one entry."""
    rows = cluster.psql("SELECT concat_ws(' ', name, local_name, city) FROM authorities "
                        "WHERE deleted_at IS NULL ORDER BY id LIMIT 5000").split("\n")
    words = sorted({w.lower() for row in rows for w in re.findall(r"[^\W\d_]{3,}", row)})
    terms = set()
    for w in words:
        terms.add(w)
        terms.add(folded(w))
        for k in range(3, min(len(w), 7)):
            terms.add(folded(w[:k]) if rnd.random() < 0.5 else w[:k])
    acronyms = sorted({a.lower() for a in cluster.psql(
        "SELECT DISTINCT split_part(acronym, '-', 1) FROM authorities WHERE acronym IS NOT NULL").split("\n") if a})
    count = int(cluster.psql("SELECT count(*) FROM authorities"))
    while len(terms) < n:
        kind = rnd.random()
        if kind < 0.4:
            terms.add(f"no. {rnd.randrange(1, count + 1)}")
        elif kind < 0.7:
            terms.add(f"city {rnd.randrange(0, 500)}")
        elif acronyms:
            terms.add(f"{rnd.choice(acronyms)}-{rnd.randrange(1, count + 1)}")
    terms = sorted(terms)
    rnd.shuffle(terms)
    return terms[:n]


def spread(kind, cluster, states, smoke):
    """(States, terms, pairs) of the spread."""
    rnd = random.Random(42)
    if kind == "hot":
        return states[:100], HOT_TERMS, [(rnd.choice(states), rnd.choice(states)) for _ in range(100)]
    terms = realistic_terms(cluster, 200 if smoke else REALISTIC_TERMS, rnd)
    pairs = [(rnd.choice(states), rnd.choice(states)) for _ in range(500 if smoke else REALISTIC_PAIRS)]
    return states, terms, pairs


def lua_script(path, bodies, kind):
    """wrk's script: the requests formatted once; picked at random (seeded) or in turn for the hot spread."""
    with open(path, "w") as f:
        f.write("local bodies = {\n")
        for b in bodies:
            f.write("  " + json.dumps(b) + ",\n")
        # Formatted in init, once wrk has set the Host header the requests must carry.
        f.write("}\nlocal requests = {}\nfunction init(args)\n  for i, b in ipairs(bodies) do\n"
                "    requests[i] = wrk.format('POST', '/graphql', {['Content-Type'] = 'application/json'}, b)\n"
                "  end\nend\n")
        if kind == "hot":
            f.write("local i = 0\nrequest = function()\n  i = i % #requests + 1\n  return requests[i]\nend\n")
        else:
            f.write("math.randomseed(42)\nrequest = function()\n  return requests[math.random(#requests)]\nend\n")


def mixed_script(path, workloads):
    """wrk's script for the mixed series: each request picks a workload, then one of its requests, at random; every
    answer is told apart by its first bytes (the root field, or `totalCount` for search), and counted as answered
    from the cache when its `Cache-Status` says hit. `done` prints one line per workload: `mixed W1 <hits> <asked>`."""
    names = [w.split()[0] for w, _ in workloads]
    with open(path, "w") as f:
        f.write("local bodies = {\n")
        for i, (_, bodies) in enumerate(workloads):
            f.write("  {\n")
            for b in bodies:
                f.write("    " + json.dumps(b if isinstance(b, str) else json.dumps(b)) + ",\n")
            f.write("  },\n")
        f.write("}\nlocal names = {" + ", ".join(json.dumps(n) for n in names) + "}\n")
        f.write("""local requests = {}
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  hits, asked = {}, {}
  for w, list in ipairs(bodies) do
    requests[w] = {}
    hits[w], asked[w] = 0, 0
    for i, b in ipairs(list) do
      requests[w][i] = wrk.format('POST', '/graphql', {['Content-Type'] = 'application/json'}, b)
    end
  end
end
math.randomseed(42)
request = function()
  local list = requests[math.random(#requests)]
  return list[math.random(#list)]
end
local function kind(body)
  local head, name = body:sub(1, 48), nil
  if head:find('"route"', 1, true) then
    name = "W3"
  elseif head:find('"totalCount"', 1, true) then
    name = "W2"
  elseif head:find('"nodes"', 1, true) then
    name = "W1"
  end
  for w, n in ipairs(names) do
    if n == name then
      return w
    end
  end
end
response = function(status, headers, body)
  local w = kind(body)
  if w then
    asked[w] = asked[w] + 1
    local status = headers["cache-status"] or headers["Cache-Status"]
    if status and status:find("; hit", 1, true) then
      hits[w] = hits[w] + 1
    end
  end
end
done = function(summary, latency, requests)
  for w, name in ipairs(names) do
    local h, a = 0, 0
    for _, t in ipairs(threads) do
      h = h + t:get("hits")[w]
      a = a + t:get("asked")[w]
    end
    io.write(string.format("mixed %s %d %d\\n", name, h, a))
  end
end
""")


UPDATE = ("mutation($id: ID!, $v: Int!, $input: AuthorityPatch!) { updateAuthority(id: $id, expectedVersion: $v, "
          "input: $input) { version } }")


def _edits(n, rnd):
    """What a focal point changes in an entry, in turn: contact details, hours, notes, the languages it accepts."""
    kind = n % 5
    if kind == 0:
        return {"phone": f"+41 22 {rnd.randrange(100, 999)} {rnd.randrange(10, 99)} {rnd.randrange(10, 99)}"}
    if kind == 1:
        return {"email": f"desk{rnd.randrange(10**6)}@justice.synthetic.example"}
    if kind == 2:
        return {"officeHours": f"Mon-Fri {rnd.randrange(7, 10)}:00-{rnd.randrange(16, 19)}:00"}
    if kind == 3:
        return {"notes": f"Requests by e-mail are answered within {rnd.randrange(1, 10)} working days."}
    return {"languages": rnd.sample(["en", "fr", "es", "ar", "ru", "zh", "pt", "de"], 2)}


class Writer:
    """A focal point per State updating its authorities at `rate` writes per second through `url` (an instance
    on the same database as the server measured), each with the expected version it last saw."""

    def __init__(self, binary, env, rows):
        self.binary, self.env = binary, env
        self.entries = [[i, s, int(v)] for i, s, v in (r.split("|") for r in rows.split("\n") if r)]
        self.tokens, self.thread, self.stop, self.done, self.failed = {}, None, threading.Event(), 0, 0
        self.rnd = random.Random(7)

    def token(self, state):
        if state not in self.tokens:
            out = subprocess.run([self.binary, "token", "--role", "focal_point", "--state", state, "--ttl", "12h"],
                                 env=self.env, check=True, capture_output=True, text=True)
            self.tokens[state] = out.stdout.strip()
        return self.tokens[state]

    def _write(self, url):
        entry = self.rnd.choice(self.entries)
        body = json.dumps({"query": UPDATE, "variables": {"id": entry[0], "v": entry[2],
                                                            "input": _edits(self.done, self.rnd)}}).encode()
        req = urllib.request.Request(url, data=body, headers={"content-type": "application/json",
                                                              "authorization": f"Bearer {self.token(entry[1])}"})
        with urllib.request.urlopen(req, timeout=30) as r:
            answer = json.loads(r.read())
        if answer.get("errors"):
            self.failed += 1
            return
        entry[2] = answer["data"]["updateAuthority"]["version"]
        self.done += 1

    def start(self, url, rate):
        self.stop.clear()
        if rate <= 0:
            return
        for state in {e[1] for e in self.entries}:  # minted before timing: the binary is not part of the load
            self.token(state)

        def run():
            interval, due = 1.0 / rate, time.monotonic()
            while not self.stop.is_set():
                self._write(url)
                due += interval
                self.stop.wait(max(0.0, due - time.monotonic()))
        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def halt(self):
        self.stop.set()
        if self.thread:
            self.thread.join()
            self.thread = None


def cache_counts(base):
    """(hits, misses) of the response cache so far, from /metrics."""
    with urllib.request.urlopen(base + "/metrics", timeout=10) as r:
        text = r.read().decode()
    counts = {"hit": 0.0, "miss": 0.0}
    for outcome in counts:
        m = re.search(r'^cna_response_cache_total\{outcome="' + outcome + r'"\} ([\d.e+]+)', text, re.M)
        if m:
            counts[outcome] = float(m.group(1))
    return counts["hit"], counts["miss"]


ENTRIES = "SELECT id, state_iso3, version FROM authorities WHERE deleted_at IS NULL ORDER BY id"


def sqlite_entries(path):
    """The same rows from an SQLite file, where ids are stored as 16 bytes."""
    import sqlite3, uuid
    with sqlite3.connect(path) as db:
        rows = db.execute(ENTRIES).fetchall()
    return "\n".join(f"{uuid.UUID(bytes=i) if isinstance(i, bytes) else i}|{s}|{v}" for i, s, v in rows)
