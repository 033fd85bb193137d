# Builds the server and runs it on a slim Debian image as an unprivileged user. Configuration comes from the
# environment (docs/configuration.md); docker-compose.yml runs it with PostgreSQL (docs/deployment.md).
#
# Base images are pinned by digest. Docker Hub could not be asked when they were pinned; both digests are the ones
# github.com/fluffyrabbot/fmarch pins in its Dockerfile (commit 9a42e8a8, 2026-08-04, unchanged on 2026-08-22) for
# the same tags, and a public BuildKit log shows rust:1.95-bookworm resolved to the same rust digest. Check them
# with `docker buildx imagetools inspect rust:1.95-bookworm` (and debian:bookworm-slim) and renew them with
# Debian's point releases.
FROM rust:1.95-bookworm@sha256:6258907abe69656e41cd992e0b705cdcfabcbbe3db374f92ed2d47121282d4a1 AS build
WORKDIR /src

# Dependencies first, in a layer of their own: it is rebuilt only when the manifests or the lock file change,
# not on every change to the sources. Each workspace member gets an empty stand-in for its sources.
COPY Cargo.toml Cargo.lock ./
COPY migrations/Cargo.toml migrations/Cargo.toml
COPY bench/static/Cargo.toml bench/static/Cargo.toml
RUN mkdir -p src migrations/src bench/static/src \
    && echo 'fn main() {}' > src/main.rs \
    && touch src/lib.rs migrations/src/lib.rs \
    && echo 'fn main() {}' > bench/static/src/main.rs \
    && cargo build --release --locked --bin cna-directory \
    && rm -rf src migrations/src bench/static/src

# Then the sources; touching them makes cargo rebuild the two crates of the directory, not their dependencies.
COPY . .
RUN touch src/main.rs src/lib.rs migrations/src/lib.rs \
    && cargo build --release --locked --bin cna-directory

FROM debian:bookworm-slim@sha256:abd67ffcfa541b485a3dff59865ab629aa048a6c613e639d36e7456b0b229241
# The two packages are not pinned to versions: they come from the pinned image's release (bookworm) with its
# security updates, and Debian removes a superseded version from its archive, so a pinned one would stop building
# at the next update of curl.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 cna \
    && useradd --system --uid 10001 --gid cna --home /var/lib/cna-directory --create-home cna
COPY --from=build /src/target/release/cna-directory /usr/local/bin/cna-directory
# By number, so that a runtime refusing root (runAsNonRoot) can check it without reading /etc/passwd.
USER 10001:10001
WORKDIR /var/lib/cna-directory
ENV CNA_LISTEN=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD ["curl", "-fsS", "http://127.0.0.1:8080/readyz"]
ENTRYPOINT ["cna-directory"]
CMD ["serve"]
