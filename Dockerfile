# Builds the server and runs it on a slim Debian image. Configuration comes from the environment (see README).
FROM rust:1.95-bookworm AS build
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

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/cna-directory --create-home cna
COPY --from=build /src/target/release/cna-directory /usr/local/bin/cna-directory
USER cna
WORKDIR /var/lib/cna-directory
ENV CNA_LISTEN=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["cna-directory"]
CMD ["serve"]
