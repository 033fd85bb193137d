#!/usr/bin/env bash
# Regenerates assets/graphiql/: GraphiQL and React, pinned, from the npm registry, checked against the registry's
# integrity hashes, gzipped deterministically. The server embeds these files (src/http/graphiql.rs), so GraphiQL
# works on a network without internet and runs no third-party code fetched at run time.
#
#   scripts/vendor-graphiql.sh        (then rebuild; the files are committed)
set -euo pipefail
cd "$(dirname "$0")/.."
out=assets/graphiql
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

pack() { # name version file-in-package output-name
  local name=$1 version=$2 file=$3 target=$4
  if [ ! -f "$work/$name-$version.tgz" ]; then
    (cd "$work" && npm pack --silent "$name@$version" > /dev/null)
    local expected actual
    expected=$(npm view "$name@$version" dist.integrity)
    actual="sha512-$(openssl dgst -sha512 -binary "$work/$name-$version.tgz" | base64 -w0)"
    [ "$expected" = "$actual" ] || { echo "integrity mismatch for $name@$version" >&2; exit 1; }
    mkdir -p "$work/$name" && tar xzf "$work/$name-$version.tgz" -C "$work/$name"
    echo "$name@$version $expected" >> "$work/SOURCES"
  fi
  gzip -9 -n -c "$work/$name/package/$file" > "$out/$target.gz"
}

rm -f "$out"/*.gz
pack graphiql 3.8.3 graphiql.min.js graphiql.min.js
pack graphiql 3.8.3 graphiql.min.css graphiql.min.css
pack react 18.3.1 umd/react.production.min.js react.production.min.js
pack react-dom 18.3.1 umd/react-dom.production.min.js react-dom.production.min.js
{
  echo "# Vendored by scripts/vendor-graphiql.sh: package@version and the npm registry's integrity of its tarball."
  cat "$work/SOURCES"
} > "$out/SOURCES"
{
  for name in graphiql react react-dom; do
    echo "== $name"
    cat "$work/$name/package/LICENSE"
    echo
  done
} > "$out/LICENSES"
ls -l "$out"
