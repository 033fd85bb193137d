#!/usr/bin/env bash
# Fuzzes the GraphQL endpoint with schemathesis (pinned, from PyPI) against the running server: every query and
# mutation of the schema, with generated arguments, anonymously and as an administrator. Fails on any 5xx or any
# answer that breaks the GraphQL response format. Bounded: a fixed number of examples per operation and a time limit.
#
#   scripts/fuzz.sh [path/to/cna-directory]    (default: target/debug/cna-directory)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-target/debug/cna-directory}
examples=${FUZZ_EXAMPLES:-25}
venv=target/fuzz-venv

if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q schemathesis==4.32.5
fi

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DATABASE_URL="sqlite://$work/fuzz.db" CNA_JWT_SECRET="fuzz-secret-$(date +%s%N)-0123456789abcdef" CNA_RATE_LIMIT=0
"$binary" demo > /dev/null
CNA_LISTEN="127.0.0.1:$port" "$binary" serve > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/readyz" > /dev/null && break; sleep 0.1; done

admin=$("$binary" token --role admin --sub fuzz --ttl 1h)
run() {
  SCHEMATHESIS_HOOKS=scripts/fuzz_checks.py timeout 300 "$venv/bin/schemathesis" run \
    "http://127.0.0.1:$port/graphql" "$@" --checks directory_contract --max-examples "$examples" --seed 42 --no-color
}
echo "== fuzz: anonymous"
run
echo "== fuzz: administrator (mutations write to a throwaway database)"
run -H "Authorization: Bearer $admin"
if grep -q "panicked" "$work/server.log"; then
  echo "the server panicked:" >&2
  grep -A5 "panicked" "$work/server.log" >&2
  exit 1
fi
echo "fuzz passed"
